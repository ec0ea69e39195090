/**
 * CRC-32 (the gzip/zlib polynomial) of a concatenation from the CRCs of its parts, without
 * reading the bytes again: crc(A‖B) = crc(A)·x^(8·|B|) mod P ⊕ crc(B) over GF(2). This is zlib's
 * crc32_combine (1.2.12+ form: polynomial multiplication instead of the older 32×32 GF(2) matrix
 * squaring — the same arithmetic, an order of magnitude fewer operations). The build assembles
 * each .gz file from pre-compressed segments whose CRCs are known, so the file's CRC costs one
 * multiplication per segment instead of a pass over every byte written.
 */

/** The reflected CRC-32 polynomial. */
const POLY = 0xedb88320;

/** a(x)·b(x) mod P(x), both reflected (bit 31 is x^0). */
function multModP(a: number, b: number): number {
  if (a === 0) return 0;
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) mod P, for k = 0..31 (the period of x^(2^k) mod P divides 32). */
const X2N: number[] = (() => {
  const t: number[] = [];
  let p = 0x40000000; // x^1
  t.push(p);
  for (let k = 1; k < 32; k++) t.push((p = multModP(p, p)));
  return t;
})();

/** x^(n·2^k) mod P; n may exceed 2^32 (lengths of files over 4 GiB). */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/**
 * The operator that appends `length` bytes: pass it to {@link crc32CombineOp}. Computing it once
 * per segment makes every later combination a single multiplication.
 */
export function crc32CombineGen(length: number): number {
  return x2nModP(length, 3);
}

/** crc(A‖B) from crc(A), crc(B) and the operator for |B| from {@link crc32CombineGen}. */
export function crc32CombineOp(crcA: number, crcB: number, op: number): number {
  return (multModP(op, crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}

/**
 * crc(A‖B) from crc(A), crc(B) and |B| (zlib's crc32_combine).
 * @internal Exported for its test against zlib's crc32 as the oracle; the build uses the generator form.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return crc32CombineOp(crcA, crcB, crc32CombineGen(lengthB));
}
