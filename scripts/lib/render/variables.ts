import { suggester } from './closest.js';
import { isJsonObject } from './objects.js';
import { declaredPaths, resolvePath, schemaShape, unionShape, valueShape, type Shape } from './shapes.js';
import type { Token } from './template.js';

/** One variable reference in a template. */
export interface VariableRef {
  /** The name as written: `service.name`, `.`, `cpus`. */
  name: string;
  /** UTF-16 offset of the tag in the template. */
  offset: number;
  /** `name` ({{x}}), `&` ({{{x}}} or {{&x}}), `#` (section), `^` (inverted section). */
  kind: 'name' | '&' | '#' | '^';
  /** The sections the reference is inside, outermost first. */
  sections: Array<{ name: string; kind: '#' | '^' }>;
}

/** A reference that can never resolve, with the closest declared path when one is close. */
export interface UnresolvedVariable extends VariableRef {
  suggestion?: string;
}

const REF_KINDS = new Set(['name', '&', '#', '^']);

/** Every variable reference of a parsed template, in template order. */
export function templateVariables(tokens: readonly Token[]): VariableRef[] {
  const out: VariableRef[] = [];
  const visit = (list: readonly Token[], sections: VariableRef['sections']): void => {
    for (const t of list) {
      if (!REF_KINDS.has(t[0])) continue;
      const kind = t[0] as VariableRef['kind'];
      out.push({ name: t[1], offset: t[2], kind, sections });
      if ((kind === '#' || kind === '^') && t[4]) visit(t[4], [...sections, { name: t[1], kind }]);
    }
  };
  visit(tokens, []);
  return out;
}

/**
 * The references that cannot name anything: not a path declared under config.json
 * `properties` (see {@link schemaShape} for what accepts any sub-path), not in the actual
 * resource.json under `resource`, and not reachable through the context of the sections
 * around them (inside {{#service}}, `name` may mean `service.name`). `.` always resolves.
 * `config`/`resource` are the parsed documents (undefined when the revision has none).
 */
export function unresolvedVariables(tokens: readonly Token[], config: unknown, resource: unknown): UnresolvedVariable[] {
  let root: Shape =
    isJsonObject(config) && isJsonObject(config.properties)
      ? schemaShape({ ...config, type: 'object', default: undefined })
      : { kind: 'object', members: new Map(), open: isJsonObject(config) && (config.additionalProperties === true || isJsonObject(config.additionalProperties)) };
  if (resource !== undefined && root.kind === 'object') {
    const members = new Map(root.members);
    const r = valueShape(resource);
    members.set('resource', members.has('resource') ? unionShape(members.get('resource')!, r) : r);
    root = { ...root, members };
  }
  let paths: string[] | undefined;
  let rootSuggest: ((name: string) => string | undefined) | undefined;
  const suggestions = new Map<string, string | undefined>();
  const out: UnresolvedVariable[] = [];
  const visit = (list: readonly Token[], stack: Shape[]): void => {
    for (const t of list) {
      if (!REF_KINDS.has(t[0])) continue;
      const found = resolve(stack, t[1]);
      if (!found) {
        // One suggestion per name (from its first use: the one the rule reports); it is the costly part.
        if (!suggestions.has(t[1])) {
          paths ??= declaredPaths(root);
          rootSuggest ??= suggester(paths);
          const suggest = stack.length > 1 ? suggester([...paths, ...stack.slice(1).flatMap((s) => declaredPaths(s))]) : rootSuggest;
          suggestions.set(t[1], suggest(t[1]));
        }
        const suggestion = suggestions.get(t[1]);
        out.push({ name: t[1], offset: t[2], kind: t[0] as VariableRef['kind'], sections: [], ...(suggestion !== undefined ? { suggestion } : {}) });
      }
      if (t[0] === '#' && t[4]) {
        // Unknown section: accept anything inside, so one typo is reported once, not once per member.
        const pushed: Shape = !found ? { kind: 'any' } : found.kind === 'array' ? found.item : found;
        visit(t[4], [...stack, pushed]);
      } else if (t[0] === '^' && t[4]) visit(t[4], stack);
    }
  };
  visit(tokens, [root]);
  // Section paths for the report, from the plain reference list (same order, same offsets).
  const bySite = new Map(templateVariables(tokens).map((v) => [v.offset, v.sections]));
  for (const u of out) u.sections = bySite.get(u.offset) ?? [];
  return out;
}

function resolve(stack: readonly Shape[], name: string): Shape | undefined {
  if (name === '.') return { kind: 'any' };
  const dotted = name.indexOf('.') > 0;
  const names = dotted ? name.split('.') : [name];
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = resolvePath(stack[i]!, names);
    if (s) return s;
  }
  return undefined;
}
