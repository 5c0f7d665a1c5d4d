/**
 * The Monte Carlo engine's parts on their own (src/core/risk/): the standard normal's quantile,
 * each distribution's quantile function and the radix sort of the draws. The functions' tests
 * (test/core/risk.test.ts) go through them; these pin each part to values worked by hand or read
 * from the standard normal table, so a wrong branch cannot hide behind a simulation's spread.
 */
import { Distribution, Z95, normalQuantile, quantile } from "../../src/core/risk/distributions";
import { Generator } from "../../src/core/risk/random";
import { imanConover } from "../../src/core/risk/simulate";
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

describe("imanConover, the re-pairing of correlated inputs' strata", () => {
  const n = 10_000;
  /** A Latin hypercube's strata in shuffled order (Fisher–Yates), as the engine draws them. */
  const shuffled = (stream: number, size = n) => {
    const generator = new Generator(1, stream);
    const order = Uint32Array.from({ length: size }, (_, i) => i);
    for (let i = size - 1; i > 0; i--) {
      const j = Math.floor(generator.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
  /** The correlation of van der Waerden's scores Φ⁻¹((rank + 1)/(n + 1)) of two orders. */
  const scoreCorrelation = (a: Uint32Array, b: Uint32Array) => {
    const score = (rank: number) => normalQuantile((rank + 1) / (a.length + 1));
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = 0; i < a.length; i++) {
      ab += score(a[i]) * score(b[i]);
      aa += score(a[i]) ** 2;
      bb += score(b[i]) ** 2;
    }
    return ab / Math.sqrt(aa * bb);
  };
  // Positive definite: its determinant is 1 − 0.25 − 0.09 − 0.04 − 2 × 0.5 × 0.2 × 0.3 = 0.56.
  const TARGET = [
    [1, 0.5, -0.3],
    [0.5, 1, 0.2],
    [-0.3, 0.2, 1],
  ];

  /** Each pair's score correlation within 0.01 of TARGET's. */
  const expectTarget = (orders: Uint32Array[]) => {
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ])
      expect(Math.abs(scoreCorrelation(orders[a], orders[b]) - TARGET[a][b])).toBeLessThan(0.01);
  };

  it("gives three inputs the target correlations of their scores, each keeping its strata", () => {
    const orders = [0, 1, 2].map((stream) => shuffled(stream));
    expect(imanConover(orders, Float64Array.from(TARGET.flat()), "uncertainty")).toBeUndefined();
    for (const order of orders)
      expect(Array.from(order).sort((x, y) => x - y)).toEqual(Array.from(order.keys()));
    expectTarget(orders);
  });

  it("reaches the target from strata already correlated, not only from independent ones", () => {
    // The second input's start ranks those of the first plus an independent shuffle: its scores
    // start near 0.7 correlated with the first's, and Iman–Conover factors that out (Q⁻¹).
    const first = shuffled(0);
    const noise = shuffled(1);
    const byMix = Array.from(first.keys()).sort(
      (x, y) => first[x] + noise[x] - (first[y] + noise[y])
    );
    const second = new Uint32Array(n);
    byMix.forEach((draw, rank) => (second[draw] = rank));
    const orders = [first, second, shuffled(2)];
    expect(scoreCorrelation(first, second)).toBeGreaterThan(0.6);
    expect(imanConover(orders, Float64Array.from(TARGET.flat()), "uncertainty")).toBeUndefined();
    expectTarget(orders);
  });

  it("correlations that cannot hold together are #VALUE!, the orders left as they were", () => {
    // 0.9 with each other but −0.9 between the first and third: not positive definite.
    const orders = [0, 1, 2].map((stream) => shuffled(stream));
    const before = orders.map((order) => Array.from(order));
    const error = imanConover(
      orders,
      Float64Array.from([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1]),
      "uncertainty"
    );
    expect(error).toMatchObject({
      code: "#VALUE!",
      message:
        "uncertainty: the rank correlations cannot hold together (their matrix is not positive definite); make them smaller.",
    });
    expect(orders.map((order) => Array.from(order))).toEqual(before);
  });

  it("with no more draws than inputs + 1 leaves the inputs independent; one more correlates them", () => {
    const few = [0, 1, 2].map((stream) => shuffled(stream, 4));
    const before = few.map((order) => Array.from(order));
    expect(imanConover(few, Float64Array.from(TARGET.flat()), "uncertainty")).toBeUndefined();
    expect(few.map((order) => Array.from(order))).toEqual(before);
    const five = [0, 1].map((stream) => shuffled(stream, 5));
    expect(imanConover(five, Float64Array.from([1, 0.99, 0.99, 1]), "uncertainty")).toBeUndefined();
    // Five draws at 0.99: the two inputs' strata are paired rank for rank.
    expect(Array.from(five[1])).toEqual(Array.from(five[0]));
  });
});
