/**
 * Sorting a million draws: an LSD radix sort on the numbers' IEEE 754 bits, six passes of 11 bits,
 * in linear time — about twice as fast as Float64Array.prototype.sort on a million draws (npm run bench).
 * Each double becomes an unsigned 64-bit key that orders as the numbers do (positive: the sign bit
 * set; negative: every bit flipped), held as two 32-bit halves.
 */

/** Whether the platform stores the low half of a double first (every platform Excel runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const BITS = 11;
const DIGITS = 1 << BITS;
const MASK = DIGITS - 1;

/** Sorts finite numbers ascending, in place; returns the array. */
export function sortNumbers(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 2) return values;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const [L, H] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + H];
    const l = words[2 * i + L];
    const negative = h >>> 31 === 1;
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = negative ? ~l >>> 0 : l;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const counts = new Uint32Array(DIGITS);
  // Digits of 11 bits from the lowest: bits 0–10, 11–21 of the low half, 22–31 with 0 of the high
  // half, then 1–11, 12–22, 23–31 of the high half (the key read as a 64-bit number).
  for (let pass = 0; pass < 6; pass++) {
    const start = pass * BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(lo[i], hi[i], start)]++;
    // Every key shares this digit: the pass would change nothing.
    if (counts[digit(lo[0], hi[0], start)] === n) continue;
    let total = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[digit(lo[i], hi[i], start)]++;
      lo2[at] = lo[i];
      hi2[at] = hi[i];
    }
    const l = lo;
    lo = lo2;
    lo2 = l;
    const h = hi;
    hi = hi2;
    hi2 = h;
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    const positive = h >>> 31 === 1;
    words[2 * i + H] = positive ? h & 0x7fffffff : ~h;
    words[2 * i + L] = positive ? lo[i] : ~lo[i];
  }
  return values;
}

/** The 11 bits of the 64-bit key (hi·2³² + lo) from bit `start`. */
function digit(lo: number, hi: number, start: number): number {
  if (start + BITS <= 32) return (lo >>> start) & MASK;
  if (start >= 32) return (hi >>> (start - 32)) & MASK;
  return ((lo >>> start) | (hi << (32 - start))) & MASK;
}
