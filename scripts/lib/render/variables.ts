import { Candidates, suggest } from './closest.js';
import { declaredPaths, resolvePath, schemaShape, unionShape, valueShape, type Shape } from './shapes.js';
import { nameSegments, type Token } from './template.js';
import { isJsonObject } from '../json/object.js';

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
  const out: UnresolvedVariable[] = [];
  // Suggestions are the costly part: one per name (from its first use, the one the rule
  // reports), over the paths declared at the root and, inside sections, in their contexts.
  const suggestions = new Map<string, string | undefined>();
  const groups = new Map<readonly Shape[], Candidates[]>();
  let rootGroup: Candidates | undefined;
  const suggestFor = (stack: readonly Shape[], name: string): string | undefined => {
    let list = groups.get(stack);
    if (!list) {
      rootGroup ??= new Candidates(declaredPaths(root));
      list = stack.length > 1 ? [rootGroup, new Candidates(stack.slice(1).flatMap((x) => declaredPaths(x)), rootGroup)] : [rootGroup];
      groups.set(stack, list);
    }
    return suggest(name, list);
  };
  const visit = (list: readonly Token[], stack: Shape[], sections: VariableRef['sections']): void => {
    for (let i = 0; i < list.length; i++) {
      const t = list[i]!;
      const kind = t[0];
      if (kind !== 'name' && kind !== '&' && kind !== '#' && kind !== '^') continue;
      const name = t[1];
      const found = resolve(stack, name);
      if (!found) {
        if (!suggestions.has(name)) suggestions.set(name, suggestFor(stack, name));
        const suggestion = suggestions.get(name);
        const u: UnresolvedVariable = { name, offset: t[2], kind, sections };
        if (suggestion !== undefined) u.suggestion = suggestion;
        out.push(u);
      }
      const children = t[4];
      if (!children) continue;
      const inner = [...sections, { name, kind: kind as '#' | '^' }];
      // Unknown section: accept anything inside, so one typo is reported once, not once per member.
      if (kind === '#') visit(children, [...stack, !found ? ANY : found.kind === 'array' ? found.item : found], inner);
      else if (kind === '^') visit(children, stack, inner);
    }
  };
  visit(tokens, [root], []);
  return out;
}

const ANY: Shape = { kind: 'any' };

function resolve(stack: readonly Shape[], name: string): Shape | undefined {
  if (name === '.') return ANY;
  const names = nameSegments(name);
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = resolvePath(stack[i]!, names);
    if (s) return s;
  }
  return undefined;
}
