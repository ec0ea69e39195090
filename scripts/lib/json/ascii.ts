/**
 * Finding non-ASCII characters and `\uXXXX` escapes in package files, every one of them up to a
 * bound per file: a file written in another script would otherwise produce thousands of findings
 * that say the same thing.
 */

/** Most occurrences of one kind recorded per file; the rest are counted (see {@link AsciiFinding.more}). */
export const MAX_ASCII_FINDINGS = 100;

/** One non-ASCII character (or escape) of a text, or the count of those left unrecorded. */
export interface AsciiFinding {
  /** UTF-16 offset of the character (for the count: of the first unrecorded one). */
  offset: number;
  /** The character itself, whole (astral characters are two UTF-16 units); absent on the count. */
  excerpt?: string;
  /** On the final finding only: how many more occurrences there are past the bound. */
  more?: number;
}

/** Matches one non-ASCII code point (a lone surrogate too). */
const NON_ASCII = /[^\x00-\x7f]/gu;

/** Whether a text holds a non-ASCII character. */
export function hasNonAscii(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}

/**
 * Every non-ASCII character of a text in order, at most `limit` of them, followed (when there
 * are more) by one finding counting the rest.
 */
export function nonAsciiCharacters(text: string, limit = MAX_ASCII_FINDINGS): AsciiFinding[] {
  const out: AsciiFinding[] = [];
  const re = new RegExp(NON_ASCII.source, NON_ASCII.flags);
  let more = 0;
  let moreAt = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (out.length < limit) out.push({ offset: m.index, excerpt: m[0] });
    else if (more++ === 0) moreAt = m.index;
  }
  if (more > 0) out.push({ offset: moreAt, more });
  return out;
}

/**
 * A cursor over the non-ASCII characters of a text, in order, for a scanner that walks the text
 * once: {@link next} is the offset of the next one not yet taken (-1 when none are left).
 */
export class NonAsciiCursor {
  private readonly re: RegExp;
  private match: RegExpExecArray | null;

  constructor(private readonly text: string) {
    this.re = new RegExp(NON_ASCII.source, NON_ASCII.flags);
    this.match = this.re.exec(text);
  }

  /** Offset of the next character not yet taken, or -1. */
  get next(): number {
    return this.match ? this.match.index : -1;
  }

  /** Takes the next character: its offset and text. */
  take(): { offset: number; excerpt: string } {
    const m = this.match!;
    this.match = this.re.exec(this.text);
    return { offset: m.index, excerpt: m[0] };
  }
}
