/**
 * The seeded generator behind every simulation: xoshiro128** (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2018, https://prng.di.unimi.it/xoshiro128starstar.c), its four
 * 32-bit words of state filled by splitmix32 (the 32-bit form of Steele, Lea and Flood's SplitMix,
 * with the finaliser constants 0x21f0aaad and 0x735a2d97 of C. Wellons' hash-prospector).
 *
 * Only 32-bit integer arithmetic (Math.imul, shifts, xor), which JavaScript defines exactly: the
 * same seed gives the same numbers in every engine on every machine. No Math.random.
 */

/** splitmix32: the next 32-bit output for a state, and the state after it. */
function splitmix32(state: number): [output: number, next: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next ^ (next >>> 16);
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return [z >>> 0, next];
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
const TWO_TO_32 = 4294967296;

/**
 * A stream of uniform numbers in [0, 1), each a multiple of 2⁻³². Streams of one seed are
 * independent: a simulation draws each input from its own stream (`stream` = the input's place in
 * the list of inputs), so an input's draws do not depend on which other inputs are uncertain.
 */
export class Generator {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream = 0) {
    // The seed and the stream mixed into splitmix32's starting state; four outputs fill the state
    // (never all zero: splitmix32 is a bijection of its state, and four of its outputs in a row are
    // not all 0).
    let state = (seed ^ Math.imul(stream + 1, 0x85ebca6b)) | 0;
    const words: number[] = [];
    for (let k = 0; k < 4; k++) {
      const [output, next] = splitmix32(state);
      words.push(output | 0);
      state = next;
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
  }

  /** The next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_TO_32;
  }
}
