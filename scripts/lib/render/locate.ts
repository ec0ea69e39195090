import type { RenderedPiece, RenderedTemplate } from './render.js';
import { toPointer } from '../json/pointer.js';
import { hasOwn } from './objects.js';
import { isJsonObject } from '../json/object.js';

/** Where an offset of rendered output comes from. */
export interface RenderedOrigin {
  /** Offset in the template. */
  templateOffset: number;
  /** The variable whose (non-empty) value the offset falls in, if any. */
  variable?: string;
  /**
   * Variables that rendered as nothing between the previous non-blank output character and
   * the offset: the usual reason a JSON value or member is missing there.
   */
  empty: string[];
}

/** Maps an output offset back to the template, naming the variables that explain it. */
export function originOf(rendered: RenderedTemplate, offset: number): RenderedOrigin {
  const { pieces, text } = rendered;
  let q = offset - 1;
  while (q >= 0 && /\s/.test(text[q]!)) q--;
  const from = q + 1;
  const empty: string[] = [];
  let inside: RenderedPiece | undefined;
  let at: RenderedPiece | undefined;
  for (const p of pieces) {
    if (p.start > offset) break;
    if (p.variable !== undefined && p.start === p.end && p.start >= from && !empty.includes(p.variable)) empty.push(p.variable);
    if (p.start <= offset && offset < p.end) {
      at = p;
      if (p.variable !== undefined) inside = p;
    }
  }
  if (!at) at = pieces.findLast((p) => p.start <= offset);
  const templateOffset = at === undefined ? 0 : at.variable !== undefined ? at.templateOffset : at.templateOffset + Math.max(0, Math.min(offset, at.end) - at.start);
  const firstEmpty = empty.length > 0 ? pieces.find((p) => p.variable === empty[0] && p.start === p.end && p.start >= from) : undefined;
  return {
    // Point at the tag that rendered empty when there is one: that is what to fix.
    templateOffset: firstEmpty ? firstEmpty.templateOffset : templateOffset,
    ...(inside?.variable !== undefined ? { variable: inside.variable } : {}),
    empty,
  };
}

/** The output line(s) around an offset, for messages: the error's line, and the one before when the error starts its line. */
export function excerptAt(text: string, offset: number, max = 100): { line: number; excerpt: string } {
  const o = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', o - 1) + 1;
  const endNl = text.indexOf('\n', o);
  const end = endNl < 0 ? text.length : endNl;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
  const clip = (s: string, col: number): string => {
    const t = s.trim();
    if (t.length <= max) return t;
    const lead = s.length - s.trimStart().length;
    const c = Math.max(0, col - lead - Math.floor(max / 2));
    return (c > 0 ? '...' : '') + t.slice(c, c + max) + (c + max < t.length ? '...' : '');
  };
  const current = clip(text.slice(start, end), o - start);
  if (text.slice(start, o).trim() === '' && start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const prev = clip(text.slice(prevStart, start - 1), start - 1 - prevStart);
    if (prev !== '') return { line, excerpt: `${prev} | ${current}` };
  }
  return { line, excerpt: current };
}

/**
 * Where in config.json the default behind an option is: follow the option path (pointer tokens)
 * through `properties` until a property with its own `default`, then into that default's value.
 * An option assembled from nested defaults points at the deepest property schema on the way.
 */
export function defaultPointer(config: unknown, tokens: readonly string[]): string {
  const path: string[] = [];
  let node: unknown = config;
  let inDefault = false;
  for (const token of tokens) {
    if (inDefault) {
      path.push(token);
      continue;
    }
    const props = isJsonObject(node) ? node.properties : undefined;
    if (!isJsonObject(props) || !hasOwn(props, token)) break;
    path.push('properties', token);
    node = props[token];
    if (isJsonObject(node) && hasOwn(node, 'default')) {
      path.push('default');
      inDefault = true;
    }
  }
  return toPointer(path);
}
