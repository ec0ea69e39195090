import { joinPointer } from '../json/pointer.js';
import type { SchemaIssue } from './issue.js';

/** Keywords whose value is a map of subschemas, in a draft-04 schema. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', 'dependencies'] as const;
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_SLOTS = ['items', 'additionalItems', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'] as const;

/**
 * Finds `pattern`s and `patternProperties` keys of a draft-04 schema (config.json) that are not
 * valid ECMAScript regular expressions in unicode mode, the mode the option validators compile
 * them in; an invalid one would make every install of the package fail. The walk is iterative,
 * so a deeply nested schema cannot exhaust the stack.
 */
export function invalidRegexIssues(schema: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const stack: Array<[unknown, string]> = [[schema, '']];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((s, i) => stack.push([s, joinPointer(at, i)]));
      continue;
    }
    const s = node as Record<string, unknown>;
    if (typeof s.pattern === 'string') {
      const why = regexError(s.pattern);
      if (why) out.push(issue(joinPointer(at, 'pattern'), `'${s.pattern}' is not a valid regular expression (${why}): fix it`));
    }
    for (const k of SCHEMA_MAPS) {
      const map = s[k];
      if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
      for (const [name, sub] of Object.entries(map)) {
        const p = joinPointer(at, k, name);
        if (k === 'patternProperties') {
          const why = regexError(name);
          if (why) out.push(issue(p, `the patternProperties key '${name}' is not a valid regular expression (${why}): fix it`));
        }
        stack.push([sub, p]);
      }
    }
    for (const k of SCHEMA_SLOTS) if (k in s) stack.push([s[k], joinPointer(at, k)]);
  }
  return out;
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
