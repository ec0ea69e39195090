import * as jsonc from 'jsonc-parser';
import { parsePointer } from './pointer.js';
import { scanJson, type ScanProblem } from './scan.js';

/** A JSON syntax error at a UTF-16 offset of the text. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

/** A parsed JSON file: its value (undefined when unusable) and every structural problem found. */
export interface JsonDocument {
  value: unknown;
  syntaxError?: JsonSyntaxError;
  /** Structural facts JSON.parse hides: duplicate keys, unsafe keys, depth, escapes, non-ASCII. */
  problems: ScanProblem[];
}

/** Options for {@link parseJsonText}. */
export interface ParseOptions {
  /** Deepest nesting accepted; deeper documents are rejected before JSON.parse sees them. */
  maxDepth: number;
  /** Look for non-ASCII characters (skip when the bytes are already known to be ASCII). */
  checkAscii: boolean;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between members",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: 'unexpected content after the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'control character in a string (escape it)',
};

/**
 * Parses JSON text strictly. The fast path is the native JSON.parse plus one scan for what it
 * hides; the slower location-aware parser only runs when the text is malformed.
 */
export function parseJsonText(text: string, options: ParseOptions): JsonDocument {
  const scan = scanJson(text, options.maxDepth, options.checkAscii);
  if (scan.tooDeep) return { value: undefined, problems: scan.problems };
  for (const p of scan.problems) {
    // The runner locates a diagnostic's main position only; a duplicate's first occurrence is
    // located here, while the text is at hand (rare, so the cost does not matter).
    if (p.kind === 'duplicate-key' && p.firstOffset !== undefined) {
      const at = offsetToLineColumn(text, p.firstOffset);
      p.firstLine = at.line;
      p.firstColumn = at.column;
    }
  }
  try {
    const value: unknown = JSON.parse(text);
    return { value, problems: scan.problems };
  } catch (e) {
    return { value: undefined, syntaxError: findSyntaxError(text, e), problems: [] };
  }
}

function findSyntaxError(text: string, thrown: unknown): JsonSyntaxError {
  if (text.trim() === '') return { offset: 0, message: 'the file is empty; it must hold a JSON value' };
  const errors: jsonc.ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const name = jsonc.printParseErrorCode(first.error);
    return { offset: first.offset, message: SYNTAX_MESSAGES[name] ?? name };
  }
  // jsonc-parser is more lenient than JSON.parse in a few corners (e.g. trailing commas it was
  // told to reject still parse); fall back on V8's own position.
  const msg = thrown instanceof Error ? thrown.message : String(thrown);
  const m = /position (\d+)/.exec(msg);
  return { offset: m ? Number(m[1]) : 0, message: msg.replace(/ in JSON at position \d+.*$/, '') };
}

/**
 * The offset of the member a JSON pointer names: the key for object members, the value for
 * array items. Where the pointer runs past what exists (a missing property), the deepest
 * existing ancestor. Costs a full parse, so it is only called for files with diagnostics.
 */
export function locatePointer(text: string, pointer: string): number {
  return pointerLocator(text)(pointer);
}

/**
 * {@link locatePointer} for many pointers into one text: the text is parsed once, not once per
 * pointer (a file can have dozens of diagnostics).
 */
export function pointerLocator(text: string): (pointer: string) => number {
  const root = jsonc.parseTree(text, [], { disallowComments: false, allowTrailingComma: true });
  return (pointer) => (root ? locateIn(root, pointer) : 0);
}

function locateIn(root: jsonc.Node, pointer: string): number {
  let node: jsonc.Node = root;
  const tokens = parsePointer(pointer);
  for (const [i, token] of tokens.entries()) {
    let next: jsonc.Node | undefined;
    if (node.type === 'object') {
      // The last member with the key: that is the one JSON.parse keeps.
      const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === token);
      const prop = props[props.length - 1];
      if (prop) {
        next = prop.children?.[1];
        // The member itself (its key) for the last token, not its value.
        if (next && i === tokens.length - 1) return prop.offset;
      }
    } else if (node.type === 'array' && /^(0|[1-9][0-9]*)$/.test(token)) {
      next = node.children?.[Number(token)];
    }
    if (!next) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
    node = next;
  }
  return node.parent?.type === 'property' ? node.parent.offset : node.offset;
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
