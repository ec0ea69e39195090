import { isJsonObject } from '../json/object.js';
import { toPointer } from '../json/pointer.js';
import type { SchemaIssue } from './issue.js';

/** Keywords whose value is a map of subschemas, in a draft-04 schema. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', 'dependencies'] as const;
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_SLOTS = ['items', 'additionalItems', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'] as const;

/**
 * A node waiting to be visited, with the way back to the root: pointers are only spelt out for
 * the rare node with an issue, not for each of the hundreds of thousands visited.
 */
interface Step {
  node: object;
  parent: Step | undefined;
  /** The pointer segments from the parent to this node: `a`, then `b` when there are two. */
  a: string | number;
  b: string | undefined;
}

/**
 * Finds `pattern`s and `patternProperties` keys of a draft-04 schema (config.json) that are not
 * valid ECMAScript regular expressions in unicode mode, the mode the option validators compile
 * them in; an invalid one would make every install of the package fail. The walk is iterative,
 * so a deeply nested schema cannot exhaust the stack.
 */
export function invalidRegexIssues(schema: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  if (typeof schema !== 'object' || schema === null) return out;
  const root: Step = { node: schema, parent: undefined, a: '', b: undefined };
  const stack: Step[] = [root];
  const push = (sub: unknown, parent: Step, a: string | number, b?: string): void => {
    if (typeof sub === 'object' && sub !== null) stack.push({ node: sub, parent, a, b });
  };
  while (stack.length > 0) {
    const step = stack.pop()!;
    const node = step.node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) push(node[i], step, i);
      continue;
    }
    const s = node as Record<string, unknown>;
    if (typeof s.pattern === 'string') {
      const why = regexError(s.pattern);
      if (why) out.push(issue(pointerOf(step, 'pattern'), `'${s.pattern}' is not a valid regular expression (${why}): fix it`));
    }
    for (const k of SCHEMA_MAPS) {
      const map = s[k];
      if (!isJsonObject(map)) continue;
      for (const name of Object.keys(map)) {
        if (k === 'patternProperties') {
          const why = regexError(name);
          if (why) out.push(issue(pointerOf(step, k, name), `the patternProperties key '${name}' is not a valid regular expression (${why}): fix it`));
        }
        push(map[name], step, k, name);
      }
    }
    // JSON objects hold no undefined members, so this is `k in s` without the prototype chain.
    for (const k of SCHEMA_SLOTS) if (s[k] !== undefined) push(s[k], step, k);
  }
  return out;
}

/** The pointer of a visited node, plus trailing segments. */
function pointerOf(step: Step, ...more: string[]): string {
  const segments: Array<string | number> = [...more];
  for (let s: Step | undefined = step; s?.parent !== undefined; s = s.parent) {
    if (s.b !== undefined) segments.unshift(s.b);
    segments.unshift(s.a);
  }
  return toPointer(segments);
}

function issue(pointer: string, message: string): SchemaIssue {
  return { pointer, keyword: 'format', message };
}

function regexError(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
    return undefined;
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // V8 says "Invalid regular expression: /…/u: <reason>"; the reason is what helps.
    return text.slice(text.lastIndexOf(': ') + 2) || text;
  }
}
