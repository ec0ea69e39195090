import { hasOwn } from './objects.js';
import { nameSegments, parseTemplate, type ParsedTemplate, type TemplateError, type Token } from './template.js';

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
const DEFAULT_RENDER_LIMITS: RenderLimits = { maxOutputChars: 4 * 1024 * 1024, maxSteps: 200_000 };

interface Frame {
  view: unknown;
  /** The view is an element of an array (Cosmos renders such strings with their quotes). */
  inArray: boolean;
  parent: Frame | undefined;
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
  return render(template, view, limits, true) as RenderedTemplate | { error: TemplateError };
}

/**
 * {@link renderTemplate} without the map from output back to the template: the same text (or
 * error) for callers that only need the text, at a fraction of the allocations.
 */
export function renderText(template: string | ParsedTemplate, view: unknown, limits: RenderLimits = DEFAULT_RENDER_LIMITS): { text: string } | { error: TemplateError } {
  return render(template, view, limits, false);
}

function render(template: string | ParsedTemplate, view: unknown, limits: RenderLimits, track: boolean): { text: string; pieces?: RenderedPiece[] } | { error: TemplateError } {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  if ('error' in parsed) return parsed;
  const r = new Renderer(limits, track);
  try {
    r.walk(parsed.tokens, { view, inArray: false, parent: undefined });
  } catch (e) {
    if (e instanceof LimitExceeded) return { error: { offset: 0, message: `${e.message}: check for sections nested over long lists` } };
    throw e;
  }
  const text = r.out.join('');
  return r.pieces ? { text, pieces: r.pieces } : { text };
}

class Renderer {
  readonly out: string[] = [];
  readonly pieces: RenderedPiece[] | undefined;
  private length = 0;
  private steps = 0;

  constructor(
    private readonly limits: RenderLimits,
    track: boolean,
  ) {
    this.pieces = track ? [] : undefined;
  }

  private emit(s: string, templateOffset: number, variable?: string): void {
    if (this.pieces) {
      const end = this.length + s.length;
      this.pieces.push(variable !== undefined ? { start: this.length, end, templateOffset, variable } : { start: this.length, end, templateOffset });
    }
    if (s === '') return;
    this.out.push(s);
    this.length += s.length;
    if (this.length > this.limits.maxOutputChars) throw new LimitExceeded(`the rendered text exceeds ${this.limits.maxOutputChars} characters`);
  }

  walk(tokens: readonly Token[], frame: Frame): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (++this.steps > this.limits.maxSteps) throw new LimitExceeded(`rendering takes more than ${this.limits.maxSteps} steps`);
      const type = t[0];
      if (type === 'text') this.emit(t[1], t[2]);
      else if (type === 'name' || type === '&') {
        const value = lookup(frame, t[1]);
        this.emit(value == null ? '' : stringify(value, foundInArray), t[2], t[1]);
      } else if (type === '#') {
        const value = lookup(frame, t[1]);
        if (falsy(value)) continue;
        const children = t[4] ?? [];
        if (Array.isArray(value)) for (const item of value) this.walk(children, { view: item, inArray: true, parent: frame });
        else if (typeof value === 'object' || typeof value === 'string' || typeof value === 'number') this.walk(children, { view: value, inArray: foundInArray, parent: frame });
        else this.walk(children, frame);
      } else if (type === '^') {
        if (falsy(lookup(frame, t[1]))) this.walk(t[4] ?? [], frame);
      }
      // Comments and set-delimiter tags render nothing; partials were rejected by the parser.
    }
  }
}

/**
 * Section truthiness as in mustache.java, which Cosmos renders with: missing, null, false, ""
 * and empty lists are falsy; every number is truthy (mustache.js would skip a section on 0).
 */
function falsy(v: unknown): boolean {
  return v == null || v === false || v === '' || (Array.isArray(v) && v.length === 0);
}

// What JSON.stringify escapes in a string (and any surrogate, paired or not: let it decide).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The text a value renders as (see {@link renderTemplate}). */
function stringify(value: unknown, inArray: boolean): string {
  if (typeof value === 'string') {
    // Most values need no escaping: then the JSON text is the string itself, quoted or not.
    if (!NEEDS_ESCAPE.test(value)) return inArray ? `"${value}"` : value;
    return inArray ? JSON.stringify(value) : JSON.stringify(value).slice(1, -1);
  }
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}

// Whether the value the last lookup found is an element of an array: a second result of
// lookup(), kept out of its return value so that a lookup allocates nothing.
let foundInArray = false;

/** mustache.js's Context.lookup, restricted to own properties (for strings: `length` and indexes, as mustache.js allows). */
function lookup(frame: Frame, name: string): unknown {
  if (name === '.') {
    foundInArray = frame.inArray;
    return frame.view;
  }
  const names = nameSegments(name);
  const dotted = names.length > 1;
  for (let f: Frame | undefined = frame; f; f = f.parent) {
    // mustache.js only resolves a plain name against object views, never against primitives.
    if (!dotted && (typeof f.view !== 'object' || f.view === null)) continue;
    let value: unknown = f.view;
    let container: unknown;
    let hit = false;
    for (let i = 0; i < names.length; i++) {
      if (value == null) break;
      const boxed: object = typeof value === 'object' ? value : Object(value);
      const key = names[i]!;
      if (!hasOwn(boxed, key)) break;
      container = value;
      value = (boxed as Record<string, unknown>)[key];
      // Like mustache.js, only a path that reaches its last name is a hit (a null on the way is a miss).
      hit = i === names.length - 1;
    }
    if (hit) {
      foundInArray = Array.isArray(container);
      return value;
    }
  }
  foundInArray = false;
  return undefined;
}
