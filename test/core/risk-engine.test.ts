/**
 * The Monte Carlo engine's parts on their own (src/core/risk/): the standard normal's quantile,
 * each distribution's quantile function and the radix sort of the draws. The functions' tests
 * (test/core/risk.test.ts) go through them; these pin each part to values worked by hand or read
 * from the standard normal table, so a wrong branch cannot hide behind a simulation's spread.
 */
import { Distribution, Z95, normalQuantile, quantile } from "../../src/core/risk/distributions";
import { Generator } from "../../src/core/risk/random";
import { sortNumbers } from "../../src/core/risk/sort";

describe("normalQuantile (Acklam's approximation, relative error below 1.15e-9)", () => {
  // The standard normal table: Φ⁻¹(p). Below 0.02425 the lower tail's formula, above 0.97575 the
  // upper tail's (the lower one mirrored), between them the central one.
  it.each([
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.95, Z95],
    [0.97, 1.880793608151251],
    [0.975, 1.959963984540054],
    [0.98, 2.053748910631823],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
  ])("Φ⁻¹(%p) = %p, and Φ⁻¹(1 − p) its negative", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
    expect(normalQuantile(1 - p)).toBeCloseTo(-z, 8);
  });

  it("0 and below give −∞, 1 and above +∞", () => {
    expect([normalQuantile(0), normalQuantile(-0.5)]).toEqual([-Infinity, -Infinity]);
    expect([normalQuantile(1), normalQuantile(1.5)]).toEqual([Infinity, Infinity]);
  });
});

describe("each distribution's quantile", () => {
  const row = (kind: Distribution["kind"], low: number, mode: number, high: number) =>
    ({ kind, low, mode, high }) as const;

  it("Fixed is its Mode at every probability", () => {
    expect([0, 0.3, 0.99].map((u) => quantile(row("Fixed", 0.1, 0.3, 0.9), u))).toEqual([
      0.3, 0.3, 0.3,
    ]);
  });

  it("Uniform is Low + u (High − Low)", () => {
    const d = row("Uniform", 0.2, 0.4, 0.6);
    expect(quantile(d, 0)).toBe(0.2);
    expect(quantile(d, 0.25)).toBeCloseTo(0.3, 15);
  });

  it("Triangular: Low + √(u·range·(Mode − Low)) below c, High − √((1 − u)·range·(High − Mode)) above", () => {
    // (0, 0.5, 1): c = 0.5; u = 0.125 → √(0.125 × 0.5) = 0.25; u = 0.875 → 1 − 0.25.
    const symmetric = row("Triangular", 0, 0.5, 1);
    expect(quantile(symmetric, 0.125)).toBeCloseTo(0.25, 15);
    expect(quantile(symmetric, 0.5)).toBeCloseTo(0.5, 15);
    expect(quantile(symmetric, 0.875)).toBeCloseTo(0.75, 15);
    // The note's utilization, 45% / 65% / 80%: range 0.35, c = 0.2 / 0.35 ≈ 0.571.
    const utilization = row("Triangular", 0.45, 0.65, 0.8);
    expect(quantile(utilization, 0)).toBe(0.45);
    expect(quantile(utilization, 0.2)).toBeCloseTo(0.45 + Math.sqrt(0.2 * 0.35 * 0.2), 15);
    expect(quantile(utilization, 0.9)).toBeCloseTo(0.8 - Math.sqrt(0.1 * 0.35 * 0.15), 15);
    // No range: every probability gives the one value.
    expect(quantile(row("Triangular", 0.5, 0.5, 0.5), 0.3)).toBe(0.5);
  });

  it("PERT is Low + range·Beta(α, β)'s quantile, within 1e-6 of the range", () => {
    // (0, 0.5, 1): α = β = 3, whose CDF is 10x³ − 15x⁴ + 6x⁵: 0.103515625 at x = 0.25.
    const symmetric = row("PERT", 0, 0.5, 1);
    expect(quantile(symmetric, 0.5)).toBeCloseTo(0.5, 6);
    expect(quantile(symmetric, 0.103515625)).toBeCloseTo(0.25, 6);
    // (10, 10, 20): α = 1, β = 5, CDF 1 − (1 − x)⁵: the median is 1 − 0.5^(1/5) = 0.1294494…
    expect(quantile(row("PERT", 10, 10, 20), 0.5)).toBeCloseTo(10 + 10 * 0.1294494367, 4);
    expect(quantile(row("PERT", 3, 3, 3), 0.7)).toBe(3);
  });

  it("Normal has mean Mode, and Low and High as its 5th and 95th percentiles", () => {
    const d = row("Normal", 0.4, 0.5, 0.6);
    expect(quantile(d, 0.5)).toBeCloseTo(0.5, 12);
    expect(quantile(d, 0.95)).toBeCloseTo(0.6, 9);
    expect(quantile(d, 0.05)).toBeCloseTo(0.4, 9);
  });

  it("Bernoulli is 1 below its probability (Mode), else 0", () => {
    const d = row("Bernoulli", 0, 0.2, 1);
    expect([0, 0.1, 0.2, 0.9].map((u) => quantile(d, u))).toEqual([1, 1, 0, 0]);
  });
});

describe("sortNumbers, the radix sort of the draws", () => {
  const sorted = (values: number[]) => Array.from(sortNumbers(Float64Array.from(values)));

  it("leaves no number and one number as they are, and orders two", () => {
    expect(sorted([])).toEqual([]);
    expect(sorted([5])).toEqual([5]);
    expect(sorted([2, 1])).toEqual([1, 2]);
  });

  it("orders negatives, tiny and huge magnitudes, and repeats", () => {
    expect(sorted([3.5, -1, 0, -2.25, 1e-300, -1e300, 1e300, 42, -1e-300, 7, 7, -3])).toEqual([
      -1e300, -3, -2.25, -1, -1e-300, 0, 1e-300, 3.5, 7, 7, 42, 1e300,
    ]);
  });

  it("orders numbers that differ only in their lowest bits", () => {
    expect(sorted([1 + 2 ** -51, 1, 1 + 2 ** -52])).toEqual([1, 1 + 2 ** -52, 1 + 2 ** -51]);
    expect(sorted([-1 - 2 ** -52, -1, -1 - 2 ** -51])).toEqual([-1 - 2 ** -51, -1 - 2 ** -52, -1]);
  });

  it("sorts a view in place, leaving the rest of its buffer", () => {
    const all = Float64Array.of(9, 3, 1, 2, -9);
    const view = all.subarray(1, 4);
    expect(sortNumbers(view)).toBe(view);
    expect(Array.from(all)).toEqual([9, 1, 2, 3, -9]);
  });

  it("gives the order of the engine's own sort on 10,000 draws of both signs", () => {
    const generator = new Generator(7);
    const draws = Float64Array.from({ length: 10_000 }, () => (generator.next() - 0.5) * 1e6);
    const expected = Float64Array.from(draws).sort();
    expect(Array.from(sortNumbers(draws))).toEqual(Array.from(expected));
  });
});
