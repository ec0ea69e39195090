import { isAscii, isUtf8 } from 'node:buffer';

/** What decoding a file's bytes found. */
export interface DecodedText {
  /** The text, with a leading BOM removed; undefined when the bytes are not valid UTF-8. */
  text: string | undefined;
  /** True when the file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** Byte offset of the first invalid UTF-8 sequence, when there is one. */
  invalidUtf8At?: number;
  /** True when every byte is ASCII (the common case, decoded without a UTF-8 pass). */
  ascii: boolean;
}

/** Decodes UTF-8 bytes strictly: invalid sequences are reported, never replaced. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (isAscii(body)) return { text: body.toString('latin1'), bom, ascii: true };
  if (!isUtf8(body)) return { text: undefined, bom, ascii: false, invalidUtf8At: firstInvalidUtf8(body) + (bom ? 3 : 0) };
  return { text: body.toString('utf8'), bom, ascii: false };
}

/** Finds the byte offset of the first malformed UTF-8 sequence (only called on failure). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    if (i + n >= b.length) return i; // truncated sequence at the end of the file
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
