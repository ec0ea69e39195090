import { hasOwn } from './objects.js';
import { parseTemplate, type ParsedTemplate, type TemplateError, type Token } from './template.js';

/** A stretch of rendered output and the template text that produced it. */
export interface RenderedPiece {
  /** UTF-16 offsets of the piece in the output. */
  start: number;
  end: number;
  /** Offset in the template: of the text, or of the variable's tag. */
  templateOffset: number;
  /** For a variable: its name as written (the piece may be empty: the value was missing or null). */
  variable?: string;
}

/** A rendered template, with a map from output back to template offsets. */
export interface RenderedTemplate {
  text: string;
  pieces: RenderedPiece[];
}

/** Limits that keep a hostile template (nested sections over long arrays) from exhausting memory or time. */
export interface RenderLimits {
  maxOutputChars: number;
  maxSteps: number;
}

/** Defaults: far above any real descriptor (in the DC/OS sample the largest renders to 22 kB in 850 steps). */
export const DEFAULT_RENDER_LIMITS: RenderLimits = { maxOutputChars: 4 * 1024 * 1024, maxSteps: 200_000 };

interface Frame {
  view: unknown;
  /** The view is an element of an array (Cosmos renders such strings with their quotes). */
  inArray: boolean;
  parent: Frame | undefined;
}

interface Found {
  value: unknown;
  inArray: boolean;
}

class LimitExceeded extends Error {}

/**
 * Renders a mustache template with a JSON view the way Cosmos renders Marathon templates:
 * strings are inserted JSON-escaped without their quotes (so `"{{x}}"` is always a valid JSON
 * string) except array elements, which keep their quotes; numbers and booleans as their JSON
 * text; objects and arrays as JSON text; null and missing values as nothing. Triple mustaches
 * ({{{x}}}, {{&x}}) insert the same text: Cosmos escapes values before mustache sees them.
 * There is no HTML escaping. Sections and names follow mustache.js (context stack, dotted
 * names) with two differences: a number, even 0, is truthy (as in mustache.java, which Cosmos
 * uses), and only own properties of the data are visible, so nothing inherited
 * (`constructor`, `toString`, `__proto__`…) can be reached, let alone called.
 */
export function renderTemplate(
  template: string | ParsedTemplate,
  view: unknown,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
): RenderedTemplate | { error: TemplateError } {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  if ('error' in parsed) return parsed;
  const out: string[] = [];
  const pieces: RenderedPiece[] = [];
  let length = 0;
  let steps = 0;
  const emit = (s: string, templateOffset: number, variable?: string): void => {
    pieces.push({ start: length, end: length + s.length, templateOffset, ...(variable !== undefined ? { variable } : {}) });
    if (s === '') return;
    out.push(s);
    length += s.length;
    if (length > limits.maxOutputChars) throw new LimitExceeded(`the rendered text exceeds ${limits.maxOutputChars} characters`);
  };
  const walk = (tokens: readonly Token[], frame: Frame): void => {
    for (const t of tokens) {
      if (++steps > limits.maxSteps) throw new LimitExceeded(`rendering takes more than ${limits.maxSteps} steps`);
      const [type, name, start] = t;
      if (type === 'text') emit(name, start);
      else if (type === 'name' || type === '&') {
        const f = lookup(frame, name);
        emit(f.value == null ? '' : stringify(f.value, f.inArray), start, name);
      } else if (type === '#') {
        const f = lookup(frame, name);
        if (falsy(f.value)) continue;
        if (Array.isArray(f.value)) for (const item of f.value) walk(t[4] ?? [], { view: item, inArray: true, parent: frame });
        else if (typeof f.value === 'object' || typeof f.value === 'string' || typeof f.value === 'number') walk(t[4] ?? [], { view: f.value, inArray: f.inArray, parent: frame });
        else walk(t[4] ?? [], frame);
      } else if (type === '^') {
        if (falsy(lookup(frame, name).value)) walk(t[4] ?? [], frame);
      }
      // Comments and set-delimiter tags render nothing; partials were rejected by the parser.
    }
  };
  try {
    walk(parsed.tokens, { view, inArray: false, parent: undefined });
  } catch (e) {
    if (e instanceof LimitExceeded) return { error: { offset: 0, message: `${e.message}: check for sections nested over long lists` } };
    throw e;
  }
  return { text: out.join(''), pieces };
}

/**
 * Section truthiness as in mustache.java, which Cosmos renders with: missing, null, false, ""
 * and empty lists are falsy; every number is truthy (mustache.js would skip a section on 0).
 */
function falsy(v: unknown): boolean {
  return v == null || v === false || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The text a value renders as (see {@link renderTemplate}). */
function stringify(value: unknown, inArray: boolean): string {
  if (typeof value === 'string') return inArray ? JSON.stringify(value) : JSON.stringify(value).slice(1, -1);
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}

/** An own property of a value (for strings: `length` and indexes, as mustache.js allows). */
function own(container: unknown, key: string): { hit: boolean; value: unknown } {
  if (container == null) return { hit: false, value: undefined };
  const boxed: object = typeof container === 'object' ? container : Object(container);
  if (!hasOwn(boxed, key)) return { hit: false, value: undefined };
  return { hit: true, value: (boxed as Record<string, unknown>)[key] };
}

/** mustache.js's Context.lookup, restricted to own properties. */
function lookup(frame: Frame, name: string): Found {
  if (name === '.') return { value: frame.view, inArray: frame.inArray };
  const dotted = name.indexOf('.') > 0;
  const names = dotted ? name.split('.') : [name];
  for (let f: Frame | undefined = frame; f; f = f.parent) {
    // mustache.js only resolves a plain name against object views, never against primitives.
    if (!dotted && (typeof f.view !== 'object' || f.view === null)) continue;
    let value: unknown = f.view;
    let container: unknown;
    let hit = false;
    for (let i = 0; i < names.length; i++) {
      const o = own(value, names[i]!);
      if (!o.hit) break;
      container = value;
      value = o.value;
      // Like mustache.js, only a path that reaches its last name is a hit (a null on the way is a miss).
      hit = i === names.length - 1;
    }
    if (hit) return { value, inArray: Array.isArray(container) };
  }
  return { value: undefined, inArray: false };
}
