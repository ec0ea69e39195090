import type { OutputUnit } from '@cfworker/json-schema';
import { isJsonObject } from '../json/object.js';

/** An option path for messages: `service.cpus`, `nodes[0].name`; the options root is `(root)`. */
export function describeOption(tokens: readonly string[]): string {
  if (tokens.length === 0) return '(root)';
  let out = '';
  for (const t of tokens) out += /^(0|[1-9][0-9]*)$/.test(t) && out !== '' ? `[${t}]` : out === '' ? t : `.${t}`;
  return out;
}

/** A JSON value shortened for a message. */
function showValue(v: unknown, max = 60): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

const ARTICLE: Record<string, string> = { array: 'an array', object: 'an object', integer: 'an integer', null: 'null' };

function expectedTypes(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => ARTICLE[String(x)] ?? `a ${String(x)}`).join(' or ');
}

function oneOfList(values: unknown): string {
  if (!Array.isArray(values)) return 'one of the allowed values';
  const shown = values.slice(0, 10).map((v) => showValue(v, 40));
  return `one of ${shown.join(', ')}${values.length > 10 ? ', ...' : ''}`;
}

/**
 * A friendly sentence for one validator error, and where it belongs (for a missing option:
 * the parent object). `keywordValue`/`schema` are the failing keyword's value and its schema
 * object, when they could be found.
 */
export function issueMessage(
  e: OutputUnit,
  at: string[],
  value: unknown,
  keywordValue: unknown,
  schema: unknown,
): { at: string[]; message: string; property?: string } {
  const name = `option '${describeOption(at)}'`;
  const is = `${name} is ${showValue(value)}`;
  const s = isJsonObject(schema) ? schema : {};
  switch (e.keyword) {
    case 'type':
      return { at, message: `${is}, ${typeName(value)}, but must be ${keywordValue !== undefined ? expectedTypes(keywordValue) : (/Expected (.*)\.$/.exec(e.error)?.[1] ?? 'another type')}` };
    case 'enum':
      return { at, message: `${is} but must be ${oneOfList(keywordValue)}` };
    case 'const':
      return { at, message: `${is} but must be ${showValue(keywordValue)}` };
    case 'required': {
      const property = /required property "([\s\S]*)"\.$/.exec(e.error)?.[1] ?? '?';
      return { at, property, message: `required option '${describeOption([...at, property])}' is missing` };
    }
    case 'dependencies':
    case 'dependentRequired': {
      const m = /has "([\s\S]*)" but does not have "([\s\S]*)"\.$/.exec(e.error);
      if (m) return { at, property: m[2]!, message: `option '${describeOption([...at, m[1]!])}' is set, so option '${describeOption([...at, m[2]!])}' is required too` };
      return { at, message: `${name} does not meet the dependencies config.json declares` };
    }
    case 'minimum':
      return { at, message: `${is} but must be ${s.exclusiveMinimum === true ? 'greater than' : 'at least'} ${showValue(keywordValue)}` };
    case 'maximum':
      return { at, message: `${is} but must be ${s.exclusiveMaximum === true ? 'less than' : 'at most'} ${showValue(keywordValue)}` };
    case 'exclusiveMinimum':
      return { at, message: `${is} but must be greater than ${showValue(keywordValue)}` };
    case 'exclusiveMaximum':
      return { at, message: `${is} but must be less than ${showValue(keywordValue)}` };
    case 'multipleOf':
      return { at, message: `${is} but must be a multiple of ${showValue(keywordValue)}` };
    case 'minLength':
      return { at, message: `${is} but must be at least ${showValue(keywordValue)} characters long` };
    case 'maxLength':
      return { at, message: `${is} but must be at most ${showValue(keywordValue)} characters long` };
    case 'pattern':
      return { at, message: `${is}, which does not match the pattern ${showValue(keywordValue, 80)}` };
    case 'format':
      return { at, message: `${is}, which is not a valid ${String(keywordValue ?? 'value of its format')}` };
    case 'minItems':
      return { at, message: `${name} has ${Array.isArray(value) ? value.length : '?'} items but must have at least ${showValue(keywordValue)}` };
    case 'maxItems':
      return { at, message: `${name} has ${Array.isArray(value) ? value.length : '?'} items but must have at most ${showValue(keywordValue)}` };
    case 'uniqueItems':
      return { at, message: `${name} holds duplicate items (${e.error.replace(/\.$/, '').toLowerCase()}) but its items must be unique` };
    case 'minProperties':
      return { at, message: `${name} must have at least ${showValue(keywordValue)} members` };
    case 'maxProperties':
      return { at, message: `${name} must have at most ${showValue(keywordValue)} members` };
    case 'anyOf':
      return { at, message: `${is}, which matches none of the alternatives config.json allows (anyOf)` };
    case 'oneOf':
      return { at, message: `${is}, which must match exactly one of the alternatives config.json allows (oneOf; ${/\((\d+) matches\)/.exec(e.error)?.[1] ?? 'not one'} match)` };
    case 'not':
      return { at, message: `${is}, which config.json forbids (not)` };
    case 'false':
      return { at, message: `${name} is not allowed by config.json` };
    default:
      return { at, message: `${name}: ${e.error.replace(/\.$/, '')}` };
  }
}
