import Mustache from 'mustache';
import { fastParse } from './fast-parse.js';

/**
 * One mustache token, as mustache.js produces it: `[type, value, start, end]`; sections (`#`,
 * `^`) add `[children, closeStart]`. Types: `text`, `name` ({{x}}), `&` ({{{x}}} and {{&x}}),
 * `#`, `^`, `!` (comment), `=` (set delimiters), `>` (partial, rejected by {@link parseTemplate}).
 */
export type Token = [type: string, value: string, start: number, end: number, children?: Token[], closeStart?: number];

/** A template that parsed: its text and its token tree. */
export interface ParsedTemplate {
  text: string;
  tokens: Token[];
}

/** Why a template does not parse, at a UTF-16 offset of its text. */
export interface TemplateError {
  offset: number;
  message: string;
}

// A private writer with its cache off: the default writer caches every template text it ever
// parsed (unbounded memory over thousands of revisions), and its settings are global.
const writer = new Mustache.Writer();
(writer as unknown as { templateCache: unknown }).templateCache = undefined;
const TAGS: [string, string] = ['{{', '}}'];

// Dotted names split once: the same few names recur in every template.
const splitNames = new Map<string, readonly string[]>();

/**
 * The names a mustache reference looks up in turn: `a.b.c` is `a`, `b`, `c`; like mustache.js,
 * a name with no dot after its first character (`x`, `.x`) is one name. Treat as read-only.
 */
export function nameSegments(name: string): readonly string[] {
  let names = splitNames.get(name);
  if (!names) {
    names = name.indexOf('.') > 0 ? name.split('.') : [name];
    if (splitNames.size > 10_000) splitNames.clear();
    splitNames.set(name, names);
  }
  return names;
}

let fastParsing = true;

/** Whether {@link parseTemplate} tries fast-parse.ts first (the benchmark turns it off to measure it). */
export function useFastParse(on: boolean): void {
  fastParsing = on;
}

/** Parses a mustache template; partials (`{{> name}}`) are an error: nothing may be loaded from elsewhere. */
export function parseTemplate(text: string): ParsedTemplate | { error: TemplateError } {
  // A hostile template of nested sections is refused before a token tree is built for it.
  const early = tooDeepByTags(text);
  if (early !== undefined) return { error: { offset: early, message: tooDeepMessage } };
  let tokens: Token[];
  try {
    tokens = (fastParsing ? fastParse(text) : undefined) ?? (writer.parse(text, TAGS) as Token[]);
  } catch (e) {
    if (e instanceof RangeError) return { error: { offset: 0, message: tooDeepMessage } };
    return { error: explain(text, e instanceof Error ? e.message : String(e)) };
  }
  // Every later walk over the tokens recurses per section level: bound it here, iteratively.
  const deep = firstTooDeep(tokens);
  if (deep !== undefined) return { error: { offset: deep, message: tooDeepMessage } };
  const partial = findPartial(tokens);
  if (partial) {
    return { error: { offset: partial[2], message: `partial tag {{> ${partial[1]}}} is not supported: templates must be self-contained, so inline the partial's content` } };
  }
  return { text, tokens };
}

/** How deeply sections may nest: real templates use a handful of levels. */
const MAX_SECTION_DEPTH = 100;

const tooDeepMessage = `sections nest deeper than ${MAX_SECTION_DEPTH} levels: flatten the template`;

/**
 * Offset of the first section tag opened deeper than {@link MAX_SECTION_DEPTH}, found by reading
 * the tags in order as mustache.js does (a tag ends at the first `}}`; its type is the character
 * right after `{{`), without building anything: linear time, constant memory. Undefined when the
 * depth stays within the limit, or when the template changes its delimiters (`{{=…=}}`), which
 * the parser and {@link firstTooDeep} then judge.
 */
function tooDeepByTags(text: string): number | undefined {
  let depth = 0;
  for (let i = text.indexOf('{{'); i !== -1; ) {
    const end = text.indexOf('}}', i + 2);
    if (end === -1) return undefined;
    const type = text[i + 2];
    if (type === '=') return undefined;
    if (type === '#' || type === '^') {
      if (++depth > MAX_SECTION_DEPTH) return i;
    } else if (type === '/' && depth > 0) depth--;
    i = text.indexOf('{{', end + 2);
  }
  return undefined;
}

/** Offset of the first section opened deeper than {@link MAX_SECTION_DEPTH}, found without recursion. */
function firstTooDeep(tokens: readonly Token[]): number | undefined {
  const stack: Array<{ list: readonly Token[]; depth: number }> = [{ list: tokens, depth: 0 }];
  while (stack.length > 0) {
    const { list, depth } = stack.pop()!;
    for (const t of list) {
      const inner = t[4];
      if (!inner) continue;
      if (depth + 1 > MAX_SECTION_DEPTH) return t[2];
      stack.push({ list: inner, depth: depth + 1 });
    }
  }
  return undefined;
}

function findPartial(tokens: readonly Token[]): Token | undefined {
  for (const t of tokens) {
    if (t[0] === '>') return t;
    const inner = t[4] ? findPartial(t[4]) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** Turns mustache.js's exception text into a located, actionable error. */
function explain(text: string, raw: string): TemplateError {
  let m = /^Unclosed tag at (\d+)$/.exec(raw);
  if (m) return { offset: unclosedTagStart(text, Number(m[1])), message: "tag is never closed: add the closing '}}' (or '}}}' for a triple mustache)" };
  m = /^Unopened section "([\s\S]*)" at (\d+)$/.exec(raw);
  if (m) return { offset: Number(m[2]), message: `closing tag {{/${m[1]}}} has no matching opening {{#${m[1]}}} or {{^${m[1]}}}: remove it or add the opening tag` };
  m = /^Unclosed section "([\s\S]*)" at (\d+)$/.exec(raw);
  if (m) {
    const name = m[1]!;
    const at = Number(m[2]);
    if (at < text.length) return { offset: at, message: `section '${name}' must be closed with {{/${name}}} before this closing tag` };
    return { offset: sectionStart(text, name) ?? at, message: `section '${name}' is never closed: add {{/${name}}} where it ends` };
  }
  if (raw.startsWith('Invalid tags')) {
    const at = text.indexOf('{{=');
    return { offset: at < 0 ? 0 : at, message: 'invalid set-delimiter tag: write it as {{=<open> <close>=}} with two delimiters separated by a space' };
  }
  return { offset: 0, message: `template does not parse: ${raw}` };
}

/**
 * mustache.js reports an unclosed tag at the end of the text; the tag that is not closed is the
 * first opening delimiter after the last closing one. Custom delimiters make that guess unsafe.
 */
function unclosedTagStart(text: string, reported: number): number {
  if (text.includes('{{=')) return reported;
  const lastClose = text.lastIndexOf('}}', reported);
  const open = text.indexOf('{{', lastClose < 0 ? 0 : lastClose + 2);
  return open < 0 ? reported : open;
}

/** Where the unclosed section `name` opens: parse again with the closing tag appended. */
function sectionStart(text: string, name: string): number | undefined {
  let tokens: Token[];
  try {
    tokens = writer.parse(`${text}{{/${name}}}`, TAGS) as Token[];
  } catch {
    return undefined;
  }
  let found: number | undefined;
  const visit = (list: readonly Token[]): void => {
    for (const t of list) {
      if ((t[0] === '#' || t[0] === '^') && t[1] === name && t[5] === text.length) found = t[2];
      if (t[4]) visit(t[4]);
    }
  };
  visit(tokens);
  return found;
}
