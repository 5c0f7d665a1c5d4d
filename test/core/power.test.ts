/**
 * TOKEN_MARGIN and MARGIN_EXPANSION multiply out whole horizons of 0–2 years instead of calling
 * Math.pow (src/core/functions/margin.ts): the results must be Math.pow's to the last bit. The
 * reference below is the note's formula written with Math.pow (Valuation paragraph):
 *   R = (f + (1−f)((1+g)(1−d))^t) / ((1+g)(1+p))^t,  TOKEN_MARGIN = 1 − (1−m0)R,
 *   MARGIN_EXPANSION = (1−m0)(1−R).
 */
import { marginExpansion, tokenMargin } from "../../src/core/functions/margin";

const CASES = 100_000;

function ratio(g: number, d: number, t: number, p: number, f: number): number {
  const revenue = Math.pow((1 + g) * (1 + p), t);
  const cost = f + (1 - f) * Math.pow((1 + g) * (1 - d), t);
  return cost / revenue;
}
const referenceMargin = (g: number, d: number, t: number, m0: number, p: number, f: number) =>
  1 - (1 - m0) * ratio(g, d, t, p, f);
const referenceExpansion = (g: number, d: number, t: number, m0: number, p: number, f: number) =>
  (1 - m0) * (1 - ratio(g, d, t, p, f));

/** A seeded generator (mulberry32), so that a failure names a case that can be rerun. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Arguments across each parameter's domain, with growths from −99.9% to +10,000%; horizons mostly
 * whole (0, 1, 2 — the multiplied ones — and 3–100), some fractional.
 */
function cases(seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: CASES }, () => {
    const g = next() < 0.1 ? -0.999 + next() * 100 : -0.5 + next() * 2;
    const d = next() * 0.999;
    const pick = next();
    const t =
      pick < 0.7 ? Math.floor(next() * 3) : pick < 0.9 ? 3 + Math.floor(next() * 98) : next() * 100;
    const m0 = -1 + next() * 1.99;
    const p = next() < 0.5 ? 0 : -0.9 + next() * 1.9;
    const f = next() < 0.5 ? 0 : next();
    return [g, d, t, m0, p, f];
  });
}

/** The cases whose results differ from the reference in any bit (Object.is: −0 and NaN too). */
function differing(
  fn: (...a: number[]) => number,
  reference: (...a: number[]) => number,
  all: number[][]
): number[][] {
  return all.filter((a) => !Object.is(fn(...a), reference(...a)));
}

describe("whole horizons multiplied out, Math.pow's results to the last bit", () => {
  const all = cases(18);

  it("the cases include every multiplied horizon, longer whole ones and fractional ones", () => {
    const count = (test: (t: number) => boolean) => all.filter(([, , t]) => test(t)).length;
    for (const t of [0, 1, 2]) expect(count((y) => y === t)).toBeGreaterThan(CASES / 5);
    expect(count((y) => Number.isInteger(y) && y > 2)).toBeGreaterThan(CASES / 10);
    expect(count((y) => !Number.isInteger(y))).toBeGreaterThan(CASES / 20);
  });

  it(`TOKEN_MARGIN on ${CASES.toLocaleString("en")} random cases`, () => {
    expect(differing(tokenMargin, referenceMargin, all)).toEqual([]);
  });

  it(`MARGIN_EXPANSION on ${CASES.toLocaleString("en")} random cases`, () => {
    expect(differing(marginExpansion, referenceExpansion, all)).toEqual([]);
  });

  it("the comparison would see a one-bit difference: repeated multiplication at 3 years is not Math.pow", () => {
    // Why the multiplied path stops at 2 years: x·x·x differs from Math.pow(x, 3) for some bases.
    const next = random(3);
    const bases = Array.from({ length: 10_000 }, () => 0.5 + next());
    const cubes = bases.filter((x) => !Object.is(x * x * x, Math.pow(x, 3)));
    expect(cubes.length).toBeGreaterThan(0);
  });

  it("the note's example: 9.99 pp and 73.99% after two years, as worked by hand", () => {
    // 0.36 × (1 − 0.85²) = 0.36 × 0.2775 = 0.0999; 1 − 0.36 × 0.7225 = 0.7399.
    expect(marginExpansion(0.3, 0.15, 2, 0.64, 0, 0)).toBeCloseTo(0.0999, 15);
    expect(tokenMargin(0.3, 0.15, 2, 0.64, 0, 0)).toBeCloseTo(0.7399, 15);
  });
});
