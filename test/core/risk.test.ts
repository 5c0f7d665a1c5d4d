/**
 * SPEC's checks of the third release ("From ranges to probabilities"), on the core through the one
 * runner: analytic quantiles of a single uncertain input, Fixed everywhere = the point model, the
 * same seed = the same numbers, PROBABILITY over everything = 1, TORNADO by swing, correlation
 * moving the spread, and bad rows named.
 */
import { CellError } from "../../src/core";
import { Generator } from "../../src/core/risk/random";
import { call, expectCell } from "../helpers/call";

type Cell = string | number | boolean | null | CellError;
const HEADER: Cell[] = ["Input", "Distribution", "Low", "Mode", "High"];
const table = (...rows: Cell[][]) => [HEADER, ...rows];
/** The Uncertainty table's header with its two correlation columns. */
const CORRELATED_HEADER: Cell[] = [...HEADER, "Source", "Correlated with", "Rank correlation"];
const row = (input: string, distribution: string, low: Cell, mode: Cell, high: Cell): Cell[] => [
  input,
  distribution,
  low,
  mode,
  high,
];

/** MARGIN_EXPANSION with g = 30%, t = 2, no price change or fixed costs: (1 − m0)(1 − (1 − d)²). */
const expansion = (startMargin: number, decline: number) =>
  (1 - startMargin) * (1 - (1 - decline) ** 2);
const PERCENTILES = [0.05, 0.1, 0.5, 0.9, 0.95];
const errorOf = (value: unknown) => value as CellError;

describe("one uniform input, the rest at their point values: percentiles match the analytic quantiles", () => {
  const N = 10_000;
  // With Latin hypercube sampling the k-th smallest of n draws lies in the k-th stratum of the
  // input's probability range, so an empirical percentile is within two strata (2/n of the
  // probability) of the exact quantile; the tolerance is what two strata move the output by.
  it("an output rising with the input: unit-cost decline uniform on 10–20%", () => {
    const uncertainty = table(row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2));
    const [got] = call("SIMULATE", "margin_expansion", uncertainty, [PERCENTILES], N) as number[][];
    PERCENTILES.forEach((q, k) => {
      const exact = expansion(0.64, 0.1 + 0.1 * q);
      const tolerance = expansion(0.64, 0.1 + 0.1 * (q + 2 / N)) - exact;
      expect(Math.abs(got[k] - exact)).toBeLessThanOrEqual(tolerance);
    });
  });

  it("an output falling with the input: start margin uniform on 57–71%", () => {
    const uncertainty = table(row("StartMargin", "Uniform", 0.57, 0.64, 0.71));
    const [got] = call("SIMULATE", "margin_expansion", uncertainty, [PERCENTILES], N) as number[][];
    PERCENTILES.forEach((q, k) => {
      // The output's q-quantile is at the input's (1 − q)-quantile: 71% − 14% q.
      const exact = expansion(0.71 - 0.14 * q, 0.15);
      const tolerance = 0.14 * (2 / N) * (1 - 0.85 ** 2);
      expect(Math.abs(got[k] - exact)).toBeLessThanOrEqual(tolerance + 1e-15);
    });
  });

  it("the mean is the integral of the output over the input, within its standard error", () => {
    // E[(1 − m0)(1 − (1 − d)²)] for d uniform on [a, b] = 0.36 (1 − ((1 − a)³ − (1 − b)³)/(3 (b − a))).
    const exact = 0.36 * (1 - (0.9 ** 3 - 0.8 ** 3) / (3 * 0.1));
    const uncertainty = table(row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2));
    const [[mean, se]] = call(
      "SIMULATE",
      "margin_expansion",
      uncertainty,
      [["mean", "se"]],
      N
    ) as number[][];
    expect(Math.abs(mean - exact)).toBeLessThan(4 * se);
    // sd of (1 − m0)(1 − (1 − d)²) is close to 0.36 × 2 × 0.85 × 0.1/√12 ≈ 0.0177 (linearised).
    expect(se * Math.sqrt(N)).toBeCloseTo(0.36 * 2 * 0.85 * (0.1 / Math.sqrt(12)), 3);
  });

  // combined_price_fall at 65% utilization (no compression) is PriceFall itself: its draws.
  const drawsOf = (distribution: string, low: number, mode: number, high: number, stats: Cell[]) =>
    (
      call(
        "SIMULATE",
        "combined_price_fall",
        table(row("PriceFall", distribution, low, mode, high)),
        [stats],
        N
      ) as number[][]
    )[0];

  it("Triangular: the quantile a + √(q (b − a)(c − a)) below the mode", () => {
    const [p10, p50] = drawsOf("Triangular", 0.35, 0.45, 0.5, [0.1, 0.5]);
    // c = (0.45 − 0.35)/0.15 = 2/3 > 0.5: both quantiles on the rising side.
    for (const [got, q] of [
      [p10, 0.1],
      [p50, 0.5],
    ])
      expect(got).toBeCloseTo(0.35 + Math.sqrt(q * 0.15 * 0.1), 3);
  });

  it("PERT: the mean is (a + 4m + b)/6", () => {
    const [mean, se] = drawsOf("PERT", 0.35, 0.4, 0.5, ["mean", "se"]);
    expect(Math.abs(mean - (0.35 + 4 * 0.4 + 0.5) / 6)).toBeLessThan(4 * se);
  });

  it("Normal: Low and High are its 5th and 95th percentiles, Mode its mean", () => {
    const [p5, p50, p95] = drawsOf("Normal", 0.35, 0.425, 0.5, [0.05, 0.5, 0.95]);
    expect(p5).toBeCloseTo(0.35, 3);
    expect(p50).toBeCloseTo(0.425, 3);
    expect(p95).toBeCloseTo(0.5, 3);
  });

  it("Bernoulli: the event happens in the share of draws its probability gives", () => {
    const stalled = table(
      row("ParityDate", "Fixed", 2028, 2028, 2028),
      row("StallProbability", "Bernoulli", null, 0.3, null)
    );
    // Not stalled: 80% in 2028; stalled at 2H26: 62.5% + 10 pp × 365/547, below 80%.
    expectCell(call("PROBABILITY", "parity_at", stalled, null, 0.79, 1000), 0.3);
    expectCell(call("SIMULATE", "parity_at", stalled, "max", 1000), 0.8);
    expectCell(call("SIMULATE", "parity_at", stalled, "min", 1000), 0.625 + (0.1 * 365) / 547);
  });
});

describe("Fixed everywhere gives the point model, for every output and statistic", () => {
  const STATS = [[0.05, 0.1, 0.5, 0.9, 0.95, "mean", "min", "max"]];
  const fixed = (input: string, value: Cell) => row(input, "Fixed", value, value, value);
  const uncertainty = table(
    fixed("VolumeGrowth", 0.25),
    fixed("UnitCostDecline", 0.125),
    fixed("Years", 3),
    fixed("StartMargin", 0.66),
    fixed("PriceChange", -0.05),
    fixed("FixedCostShare", 0.1),
    fixed("Utilization", 0.55),
    fixed("CompressionThreshold", 0.6),
    fixed("ExtraDecline", 0.3),
    fixed("PriceFall", 0.35),
    fixed("ParityDate", "2028"),
    fixed("ParityPosition", 0),
    fixed("StallProbability", 1),
    fixed("StallDate", "2H26"),
    fixed("HourlyCost", 3),
    fixed("TokensPerSecond", 1200),
    fixed("BaseMultiple", 8),
    fixed("LayersOwned", 2),
    fixed("IntegrationPremium", 0.25)
  );
  const parity = call("PARITY_AT", "2028", "low", "linear", "2H26") as number;
  it.each([
    ["margin_expansion", call("MARGIN_EXPANSION", 0.25, 0.125, 3, 0.66, -0.05, 0.1)],
    ["token_margin", call("TOKEN_MARGIN", 0.25, 0.125, 3, 0.66, -0.05, 0.1)],
    ["price_compression", call("PRICE_COMPRESSION", 0.55, 0.6, 0.3)],
    ["combined_price_fall", 1 - (1 - 0.35) * (1 - 0.3)],
    ["parity_at", parity],
    ["integrated_multiple", call("STACK_MULTIPLE", 8, 2, "high")],
    ["cost_per_mtok", call("COST_PER_MTOK", 3, 1200, parity, 0.55)],
  ])("%s", (output, point) => {
    const [got] = call("SIMULATE", output, uncertainty, STATS, 1000) as number[][];
    for (const value of got) expect(value).toBe(point as number);
    expect(call("SIMULATE", output, uncertainty, "sd", 1000)).toBe(0);
  });

  it("ParityPosition 0.5 is PARITY_AT's mid, 1 its high", () => {
    for (const [position, bound] of [
      [0.5, "mid"],
      [1, "high"],
    ] as const)
      expectCell(
        call(
          "SIMULATE",
          "parity_at",
          table(fixed("ParityDate", "2H26"), fixed("ParityPosition", position))
        ),
        call("PARITY_AT", "2H26", bound) as number
      );
  });
});

describe("reproducible", () => {
  const five = table(
    row("UnitCostDecline", "PERT", 0.1, 0.15, 0.2),
    row("StartMargin", "Triangular", 0.57, 0.64, 0.71),
    row("FixedCostShare", "Uniform", 0, 0.05, 0.1),
    row("PriceChange", "Normal", -0.05, 0, 0.05),
    row("VolumeGrowth", "Uniform", 0.2, 0.3, 0.4)
  );
  const spill = (
    core: {
      evaluate: typeof import("../../src/core").evaluate;
      findFunction: typeof import("../../src/core").findFunction;
    },
    seed: number
  ) =>
    core.evaluate(core.findFunction("SIMULATE")!, [
      "margin_expansion",
      five,
      [[0.05, 0.5, 0.95, "mean", "sd"]],
      5000,
      seed,
    ]);

  // Two fresh loads of the core, made before the tests: module code that runs while a test runs
  // would count, for `npm run mutate`, as covered by that test alone (docs/development.md).
  type Core = Parameters<typeof spill>[0];
  const fresh: Core[] = [];
  beforeAll(() => {
    for (let k = 0; k < 2; k++) jest.isolateModules(() => fresh.push(require("../../src/core")));
  });

  it("the same seed gives identical spills in two fresh loads of the core", () => {
    const runs = fresh.map((core) => spill(core, 7));
    expect(fresh[1]).not.toBe(fresh[0]);
    expect(runs[1]).toEqual(runs[0]);
    expect((runs[0] as number[][])[0].every((x) => typeof x === "number")).toBe(true);
  });

  it("another seed gives other draws", () => {
    expect(spill(fresh[0], 8)).not.toEqual(spill(fresh[0], 7));
  });

  /**
   * docs/spec-readings.md's sampling scheme, written out from its words: the uniform number of each
   * draw of an input at place `stream` among the inputs. Fisher–Yates from the end shuffles the
   * strata 0…n − 1 with the stream's first n − 1 numbers (j = ⌊u (i + 1)⌋); the next n numbers v
   * place a draw within each stratum: draw i is in stratum k = order[i], at (k + v_k + 2⁻³³)/n.
   */
  function documentedUniforms(seed: number, stream: number, n: number): number[] {
    const generator = new Generator(seed, stream);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i >= 1; i--) {
      const j = Math.floor(generator.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const within = Array.from({ length: n }, () => generator.next());
    return order.map((k) => (k + within[k] + 2 ** -33) / n);
  }

  it("the draws are the documented scheme's, pairs of inputs included", () => {
    // UnitCostDecline (stream 1: the second input) uniform on 10–20%, StartMargin (stream 3: the
    // fourth) on 57–71%; seven draws, so PERCENTILE.INC at k/6 is the k-th smallest output exactly.
    const n = 7;
    const uncertainty = table(
      row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2),
      row("StartMargin", "Uniform", 0.57, 0.64, 0.71)
    );
    for (const seed of [1, 7, 123456789]) {
      const d = documentedUniforms(seed, 1, n).map((u) => 0.1 + u * 0.1);
      const m = documentedUniforms(seed, 3, n).map((u) => 0.57 + u * 0.14);
      const expected = d.map((decline, i) => expansion(m[i], decline)).sort((a, b) => a - b);
      const ranks = [Array.from({ length: n }, (_, k) => k / (n - 1))];
      const [got] = call("SIMULATE", "margin_expansion", uncertainty, ranks, n, seed) as number[][];
      got.forEach((value, k) => expect(value).toBeCloseTo(expected[k], 14));
    }
  });

  it("the generator is xoshiro128** seeded by splitmix32, as a BigInt transcription of both computes", () => {
    const M = (BigInt(1) << BigInt(32)) - BigInt(1);
    const mul = (a: bigint, b: bigint) => (a * b) & M;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (BigInt(32) - k))) & M;
    // splitmix32 from (seed xor (stream + 1) × 0x85ebca6b): state += 0x9e3779b9, then the finaliser.
    const seed = BigInt(12345);
    const stream = BigInt(4);
    let state = (seed ^ mul(stream + BigInt(1), BigInt(0x85ebca6b))) & M;
    const s: bigint[] = [];
    for (let k = 0; k < 4; k++) {
      state = (state + BigInt(0x9e3779b9)) & M;
      let z = state ^ (state >> BigInt(16));
      z = mul(z, BigInt(0x21f0aaad));
      z ^= z >> BigInt(15);
      z = mul(z, BigInt(0x735a2d97));
      z ^= z >> BigInt(15);
      s.push(z);
    }
    const expected: number[] = [];
    for (let k = 0; k < 8; k++) {
      expected.push(Number(mul(rotl(mul(s[1], BigInt(5)), BigInt(7)), BigInt(9))));
      const t = (s[1] << BigInt(9)) & M;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], BigInt(11));
    }
    const generator = new Generator(12345, 4);
    expect(Array.from({ length: 8 }, () => generator.nextUint32())).toEqual(expected);
  });
});

describe("the statistics of the draws, worked from the smallest and largest draw", () => {
  // Two draws of a uniform unit-cost decline; margin_expansion rises with it.
  const two = table(row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2));
  const [[low, high, p25, p50, sd, se]] = call(
    "SIMULATE",
    "margin_expansion",
    two,
    [["min", "max", 0.25, 0.5, "sd", "se"]],
    2
  ) as number[][];

  it("percentiles interpolate between the draws either side (PERCENTILE.INC)", () => {
    expect(high).toBeGreaterThan(low);
    expect(p25).toBeCloseTo(low + 0.25 * (high - low), 15);
    expect(p50).toBeCloseTo((low + high) / 2, 15);
  });

  it("sd divides by n − 1: two draws' sd is their distance over √2, se that over √2 again", () => {
    expect(sd).toBeCloseTo((high - low) / Math.SQRT2, 15);
    expect(se).toBeCloseTo((high - low) / 2, 15);
  });

  it("sd keeps its precision far from zero: thousandths of a multiple around 1.2 million", () => {
    // STACK_MULTIPLE of a base multiple uniform on 1,000,000 + [0, 0.001] with all three layers
    // (×1.2): sd = 1.2 × 0.001/√12 = 0.000346 4…; summing squares around the mean, not the
    // squares themselves (1.44e12 each), keeps it.
    const sdOfMillion = call(
      "SIMULATE",
      "integrated_multiple",
      table(row("BaseMultiple", "Uniform", 1e6, 1e6 + 0.0005, 1e6 + 0.001)),
      "sd",
      1000
    ) as number;
    expect(sdOfMillion).toBeCloseTo((1.2 * 0.001) / Math.sqrt(12), 6);
  });
});

describe("PROBABILITY", () => {
  const wide = table(
    row("UnitCostDecline", "Uniform", 0.05, 0.15, 0.3),
    row("StartMargin", "Normal", 0.5, 0.64, 0.8),
    row("VolumeGrowth", "Triangular", 0, 0.3, 0.6)
  );
  it("of (−∞, +∞) is 1: both bounds omitted, or the widest numbers", () => {
    expect(call("PROBABILITY", "margin_expansion", wide)).toBe(1);
    expect(call("PROBABILITY", "margin_expansion", wide, -Number.MAX_VALUE, Number.MAX_VALUE)).toBe(
      1
    );
  });
  it("is the complement of the share below low", () => {
    const above = call("PROBABILITY", "margin_expansion", wide, 0.08) as number;
    const below = call("PROBABILITY", "margin_expansion", wide, null, 0.08) as number;
    // Only draws exactly at 8% would count twice; continuous inputs make none.
    expect(above + below).toBeCloseTo(1, 12);
    expect(above).toBeGreaterThan(0);
    expect(below).toBeGreaterThan(0);
  });
});

describe("TORNADO", () => {
  const uncertainty = table(
    row("VolumeGrowth", "Uniform", 0.2, 0.3, 0.4),
    row("StartMargin", "Triangular", 0.57, 0.64, 0.71),
    row("Utilization", "Uniform", 0.5, 0.65, 0.7),
    row("UnitCostDecline", "PERT", 0.1, 0.15, 0.2),
    row("FixedCostShare", "Uniform", 0, 0.05, 0.2)
  );
  const rows = call("TORNADO", "margin_expansion", uncertainty) as (string | number)[][];

  it("lists the inputs the output reads, largest swing first", () => {
    expect(rows.map((r) => r[0])).toEqual([
      "UnitCostDecline",
      "StartMargin",
      "FixedCostShare",
      "VolumeGrowth",
    ]);
    const swings = rows.map((r) => r[3] as number);
    for (let k = 1; k < swings.length; k++) expect(swings[k]).toBeLessThanOrEqual(swings[k - 1]);
  });

  it("gives the output at each input's Low and High with the others at their Mode", () => {
    const at = (overrides: Record<string, number>) => {
      const v = { g: 0.3, d: 0.15, m: 0.64, f: 0.05, ...overrides };
      return call("MARGIN_EXPANSION", v.g, v.d, 2, v.m, 0, v.f) as number;
    };
    const expected: Record<string, [number, number]> = {
      UnitCostDecline: [at({ d: 0.1 }), at({ d: 0.2 })],
      StartMargin: [at({ m: 0.57 }), at({ m: 0.71 })],
      FixedCostShare: [at({ f: 0 }), at({ f: 0.2 })],
      VolumeGrowth: [at({ g: 0.2 }), at({ g: 0.4 })],
    };
    for (const [name, low, high, swing] of rows) {
      expect(low).toBe(expected[name as string][0]);
      expect(high).toBe(expected[name as string][1]);
      expect(swing).toBe(Math.abs((high as number) - (low as number)));
    }
  });
});

describe("rank correlation (Iman–Conover) moves the spread the expected way", () => {
  // Margin expansion rises with the unit-cost decline and falls with the start margin: correlated
  // positively the two offset each other and the spread narrows; negatively it widens.
  const correlated = (rho: number | null) => [
    CORRELATED_HEADER,
    [
      "UnitCostDecline",
      "Uniform",
      0.1,
      0.15,
      0.2,
      "Valuation",
      rho === null ? null : "StartMargin",
      rho,
    ],
    ["StartMargin", "Uniform", 0.57, 0.64, 0.71, "illustrative", null, null],
  ];
  const sd = (rho: number | null) =>
    call("SIMULATE", "margin_expansion", correlated(rho), "sd", 20_000) as number;

  it("positive correlation narrows it, negative widens it", () => {
    const independent = sd(null);
    expect(sd(0.8)).toBeLessThan(0.8 * independent);
    expect(sd(-0.8)).toBeGreaterThan(1.1 * independent);
  });

  it("re-pairs the draws but keeps each input's values: the draws of one input do not move", () => {
    // Utilization on 61–70% never compresses prices, so combined_price_fall is PriceFall itself.
    const pair = (rho: number | null) => [
      CORRELATED_HEADER,
      [
        "PriceFall",
        "Uniform",
        0.35,
        0.425,
        0.5,
        "Evidence 2",
        rho === null ? null : "Utilization",
        rho,
      ],
      ["Utilization", "Uniform", 0.61, 0.65, 0.7, "illustrative", null, null],
    ];
    const stats = [[0.01, 0.1, 0.5, 0.9, 0.99, "mean"]];
    const independent = call("SIMULATE", "combined_price_fall", pair(null), stats, 5000);
    expect(call("SIMULATE", "combined_price_fall", pair(0.7), stats, 5000)).toEqual(independent);
  });

  it("only drawn inputs can be correlated", () => {
    const result = call("SIMULATE", "margin_expansion", [
      CORRELATED_HEADER,
      ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", 0.5],
      ["StartMargin", "Fixed", null, 0.64, null, null, null, null],
    ]);
    expect(errorOf(result).message).toMatch(/StartMargin is Fixed; only drawn inputs/);
  });

  it.each([
    [
      [["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "Years", 0.5]],
      /not an input of this table/,
    ],
    [[["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", 1]], /between −1 and 1/],
    [[["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, null, 0.5]], /Correlated with is empty/],
    [
      [
        ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", 0.9],
        ["VolumeGrowth", "Uniform", 0.2, 0.3, 0.4, null, "StartMargin", 0.9],
        ["FixedCostShare", "Uniform", 0, 0.05, 0.1, null, "UnitCostDecline", -0.9],
      ],
      /^uncertainty: the rank correlations cannot hold together \(their matrix is not positive definite\); make them smaller\.$/,
    ],
  ])("bad correlations: #VALUE! naming what is wrong (%#)", (rows, message) => {
    const uncertainty = [
      CORRELATED_HEADER,
      ...rows,
      ["StartMargin", "Uniform", 0.57, 0.64, 0.71, null, null, null],
    ];
    const result = call("SIMULATE", "margin_expansion", uncertainty, "sd", 2000);
    expectCell(result, "#VALUE!");
    expect(errorOf(result).message).toMatch(message);
  });
});

describe("the Uncertainty table as the other table readers read theirs", () => {
  const base = [
    row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2),
    row("StartMargin", "Triangular", 0.57, 0.64, 0.71),
  ];
  const p50 = (cells: Cell[][]) => call("SIMULATE", "margin_expansion", cells, 0.5, 2000);

  it("rows in any order, blank rows skipped, headers in any order or none", () => {
    const reference = p50(table(...base));
    expect(typeof reference).toBe("number");
    expect(p50(table(base[1], [null, null, null, null, null], base[0]))).toBe(reference);
    // Columns by name in another order, and an extra column ignored.
    const shuffled = [
      ["Mode", "Note", "Input", "High", "Distribution", "Low"],
      ...base.map((r) => [r[3], "x", r[0], r[4], r[1], r[2]]),
    ];
    expect(p50(shuffled)).toBe(reference);
    // No header row: columns by position.
    expect(p50(base)).toBe(reference);
    // Names case- and space-insensitively; numbers typed as text.
    expect(p50(table(["unit cost decline", "uniform", "10%", "15%", "20%"], base[1]))).toBe(
      reference
    );
  });

  it.each([
    [
      [row("Growth", "Uniform", 0.2, 0.3, 0.4)],
      /row 1 \(Growth\): Input "Growth" is not an input of the model; the inputs are VolumeGrowth/,
    ],
    [
      [base[0], row("StartMargin", "Lognormal", 0.57, 0.64, 0.71)],
      /row 2 \(StartMargin\): Distribution must be Fixed, Uniform, Triangular, PERT, Normal, Bernoulli; got "Lognormal"/,
    ],
    [
      [row("UnitCostDecline", "Triangular", 0.1, 0.25, 0.2)],
      /row 1 \(UnitCostDecline\): Mode \(25%\) must lie from Low \(10%\) to High \(20%\)/,
    ],
    [
      [row("UnitCostDecline", "Uniform", 0.2, 0.15, 0.1)],
      /row 1 \(UnitCostDecline\): High \(10%\) is below Low \(20%\)/,
    ],
    [
      [row("UnitCostDecline", "Uniform", "ten", 0.15, 0.2)],
      /row 1 \(UnitCostDecline\): Low must be a number; got "ten"/,
    ],
    [
      [row("UnitCostDecline", "Uniform", 0.1, 0.15, 1.2)],
      /row 1 \(UnitCostDecline\): High is outside UnitCostDecline's domain: unit_cost_decline must be from 0% to 100% \(exclusive\); got 120%/,
    ],
    [
      [row("UnitCostDecline", "PERT", 0.1, null, 0.2)],
      /row 1 \(UnitCostDecline\): Mode is empty; PERT needs it/,
    ],
    [[base[0], base[0]], /rows 1 and 2 both describe UnitCostDecline/],
    [
      [row("Utilization", "Bernoulli", null, 0.5, null)],
      /row 1 \(Utilization\): Bernoulli is for events \(StallProbability\)/,
    ],
    [
      [row("StallProbability", "Uniform", 0, 0.5, 1)],
      /row 1 \(StallProbability\): StallProbability is an event/,
    ],
    [
      [row("StallProbability", "Bernoulli", null, 1.5, null)],
      /row 1 \(StallProbability\): Mode is the event's probability/,
    ],
    [[[null, "Uniform", 0.1, 0.15, 0.2]], /row 1: Input is empty/],
  ])("bad row → #VALUE! naming the row and column (%#)", (rows, message) => {
    const result = p50(table(...(rows as Cell[][])));
    expectCell(result, "#VALUE!");
    expect(errorOf(result).message).toMatch(message);
  });

  it("names the row as the sheet numbers it, from the first row under the header, blanks counted", () => {
    const result = p50(
      table(base[0], [null, null, null, null, null], row("Nonsense", "Fixed", 1, 1, 1))
    );
    expect(errorOf(result).message).toMatch(/^uncertainty row 3 \(Nonsense\)/);
  });

  it("numbers rows from the header row wherever it is: a blank row above it is not counted", () => {
    const result = p50([[null, null, null, null, null], HEADER, row("Nonsense", "Fixed", 1, 1, 1)]);
    expect(errorOf(result).message).toMatch(/^uncertainty row 1 \(Nonsense\)/);
  });

  it("an Excel error in a cell keeps its code, with the row and column", () => {
    const result = p50(
      table(["UnitCostDecline", "Uniform", 0.1, new CellError("#N/A", "no value"), 0.2])
    );
    expectCell(result, "#N/A");
    expect(errorOf(result).message).toMatch(/row 1 \(UnitCostDecline\), Mode: no value/);
  });

  it("a missing required column is named", () => {
    const result = p50([
      ["Input", "Low", "High"],
      ["UnitCostDecline", 0.1, 0.2],
    ]);
    expect(errorOf(result).message).toMatch(/has no column "Distribution"/);
  });

  it("draws the model cannot take are #NUM! naming the row: a Normal utilization past 100%", () => {
    const result = call(
      "SIMULATE",
      "price_compression",
      table(row("Utilization", "Normal", 0.6, 0.9, 1)),
      0.5
    );
    expectCell(result, "#NUM!");
    expect(errorOf(result).message).toMatch(
      /row 1 \(Utilization\): Normal draws reach values the model cannot take: utilization must be/
    );
  });

  it("whole-number inputs take whole draws only", () => {
    const result = call(
      "SIMULATE",
      "integrated_multiple",
      table(row("LayersOwned", "Uniform", 0, 2, 3))
    );
    expectCell(result, "#NUM!");
  });
});

describe("HISTOGRAM and the draws limit", () => {
  const uncertainty = table(row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2));
  it("bins run from the smallest draw to the largest and hold every draw", () => {
    const bins = call("HISTOGRAM", "margin_expansion", uncertainty, 12, 3000) as number[][];
    expect(bins).toHaveLength(12);
    expect(bins.reduce((sum, [, , count]) => sum + count, 0)).toBe(3000);
    expect(bins[0][0]).toBe(call("SIMULATE", "margin_expansion", uncertainty, "min", 3000));
    expect(bins[11][1]).toBe(call("SIMULATE", "margin_expansion", uncertainty, "max", 3000));
    for (let k = 1; k < 12; k++) expect(bins[k][0]).toBe(bins[k - 1][1]);
    // A uniform decline makes the expansion nearly uniform: every bin holds about 250 draws.
    for (const [, , count] of bins) expect(Math.abs(count - 250)).toBeLessThan(25);
  });

  it("answers 1,000,000 draws, and the percentiles agree with 10,000 draws' to the strata", () => {
    const million = call(
      "SIMULATE",
      "margin_expansion",
      uncertainty,
      [[0.1, 0.5, 0.9]],
      1_000_000
    ) as number[][];
    PERCENTILES.slice(1, 4).forEach((q, k) =>
      expect(Math.abs(million[0][k] - expansion(0.64, 0.1 + 0.1 * q))).toBeLessThan(1e-6)
    );
  });
});

describe("SIMULATE's stat and PROBABILITY's bounds, as typed", () => {
  const U = table(row("Utilization", "Uniform", 0.5, 0.6, 0.7));
  const sd = (stat: unknown) => call("SIMULATE", "price_compression", U, stat, 1000);

  it("a statistic's name is read without case or surrounding spaces", () => {
    expectCell(call("SIMULATE", "price_compression", U, " MEAN ", 1000), 0.15);
    expect(sd(" Sd ")).toBe(sd("sd"));
    expect(typeof sd("sd")).toBe("number");
  });

  it("a stat that is neither a statistic nor a number is #VALUE!, listing what it takes", () => {
    const result = sd("median");
    expectCell(result, "#VALUE!");
    expect(errorOf(result).message).toBe(
      'stat must be a percentile as a fraction (0.1 = P10) or "mean", "sd", "se", "min", "max"; got "median".'
    );
  });

  it.each([
    [1.5, "1.5"],
    [-0.1, "-0.1"],
    ["150%", "1.5"],
  ])("a percentile outside 0 to 1 (%p) is #NUM!, saying so", (stat, shown) => {
    const result = sd(stat);
    expectCell(result, "#NUM!");
    expect(errorOf(result).message).toBe(
      `stat as a percentile must be from 0 to 1 (0.1 = P10); got ${shown}.`
    );
  });

  it("PROBABILITY's low may equal high: the share of draws at exactly that value", () => {
    // Half the draws have utilization below 60%, where price compression is exactly 30%.
    expectCell(call("PROBABILITY", "price_compression", U, 0.3, 0.3, 1000), 0.5);
    const reversed = call("PROBABILITY", "price_compression", U, 0.3, 0.1, 1000);
    expectCell(reversed, "#NUM!");
    expect(errorOf(reversed).message).toBe("low (0.3) is above high (0.1).");
  });
});

describe("every output reads its own draws", () => {
  const meanAndSd = (output: string, uncertainty: Cell[][]) =>
    (call("SIMULATE", output, uncertainty, [["mean", "sd"]], 10_000) as number[][])[0];

  it("integrated_multiple = BaseMultiple × (1 + premium × layers / 3): BaseMultiple uniform on 10–14 gives mean 14.4 and sd 1.2 × 4/√12", () => {
    // Layers 3 and premium 20% (their point values): the multiple is 1.2 × BaseMultiple.
    const [mean, sd] = meanAndSd(
      "integrated_multiple",
      table(row("BaseMultiple", "Uniform", 10, 12, 14))
    );
    expect(mean).toBeCloseTo(14.4, 3);
    expect(sd).toBeCloseTo((1.2 * 4) / Math.sqrt(12), 3);
  });

  it("cost_per_mtok, proportional to the hourly cost: uniform on 1–3 gives sd / mean = 1/√12", () => {
    const [mean, sd] = meanAndSd("cost_per_mtok", table(row("HourlyCost", "Uniform", 1, 2, 3)));
    expect(sd / mean).toBeCloseTo(1 / Math.sqrt(12), 3);
  });
});

describe("an output by its name or a part of it", () => {
  const uncertainty = table(row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2));
  const mean = (output: string) => call("SIMULATE", output, uncertainty, "mean", 1_000);

  it("in any case, with or without its underscores, or by a part only it has", () => {
    const expected = mean("margin_expansion") as number;
    expect(["MarginExpansion", "margin expansion", "expansion"].map(mean)).toEqual([
      expected,
      expected,
      expected,
    ]);
  });

  it("a part two outputs share names both; a name of none lists them all", () => {
    expect(errorOf(mean("margin")).message).toBe(
      '"margin" matches margin_expansion, token_margin; write more of the name.'
    );
    expect(errorOf(mean("revenue")).message).toBe(
      '"revenue" is not an output of the model; the outputs are margin_expansion, token_margin, price_compression, combined_price_fall, parity_at, integrated_multiple, cost_per_mtok.'
    );
  });
});

describe("the Uncertainty table's other rules", () => {
  it("a Uniform row without Mode sits at its midpoint while the others swing", () => {
    // Unit-cost decline 10–20% (centre 15%), start margin 57–71% (centre 64%); g = 30%, t = 2:
    // expansion = (1 − m0)(1 − (1 − d)²).
    const uncertainty = table(
      row("UnitCostDecline", "Uniform", 0.1, null, 0.2),
      row("StartMargin", "Uniform", 0.57, null, 0.71)
    );
    const bars = call("TORNADO", "margin_expansion", uncertainty) as [
      string,
      number,
      number,
      number,
    ][];
    expect(bars.map((bar) => bar[0])).toEqual(["UnitCostDecline", "StartMargin"]);
    expect(bars[0][1]).toBeCloseTo(expansion(0.64, 0.1), 12);
    expect(bars[0][2]).toBeCloseTo(expansion(0.64, 0.2), 12);
    expect(bars[1][1]).toBeCloseTo(expansion(0.57, 0.15), 12);
    expect(bars[1][2]).toBeCloseTo(expansion(0.71, 0.15), 12);
  });

  it("a Uniform row with a Mode sits at that Mode, not at its midpoint, while the others swing", () => {
    // Start margin 57–71% with Mode 60% (midpoint 64%): the unit-cost decline swings with
    // m0 = 60%, (1 − 0.60)(1 − 0.9²) = 0.076 and (1 − 0.60)(1 − 0.8²) = 0.144.
    const uncertainty = table(
      row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2),
      row("StartMargin", "Uniform", 0.57, 0.6, 0.71)
    );
    const bars = call("TORNADO", "margin_expansion", uncertainty) as [
      string,
      number,
      number,
      number,
    ][];
    expect(bars[0][0]).toBe("UnitCostDecline");
    expect(bars[0][1]).toBeCloseTo(0.076, 12);
    expect(bars[0][2]).toBeCloseTo(0.144, 12);
  });

  it("an event sits at its likelier outcome while the others swing: stalled at 70%, not at 50%", () => {
    // ParityDate swings from 1H27 (Table 1's 70–75%: mid 72.5%) to 2028 (80%, past the last
    // generation). Stalled at 2H26 (StallDate's default), parity is frozen at 2H26's mid,
    // 62.5% + 10 pp × 365/547, at both ends: no swing.
    const frozen = 0.625 + (0.1 * 365) / 547;
    const bars = (probability: number) =>
      call(
        "TORNADO",
        "parity_at",
        table(
          row("ParityDate", "Uniform", "1H27", null, "2028"),
          row("StallProbability", "Bernoulli", null, probability, null)
        )
      ) as [string, number, number, number][];
    const likely = bars(0.7).find((bar) => bar[0] === "ParityDate") as number[];
    expect(likely[1]).toBeCloseTo(frozen, 12);
    expect(likely[2]).toBeCloseTo(frozen, 12);
    expect(likely[3]).toBe(0);
    const even = bars(0.5).find((bar) => bar[0] === "ParityDate") as number[];
    expect(even[1]).toBeCloseTo(0.725, 12);
    expect(even[2]).toBeCloseTo(0.8, 12);
  });

  it("draws only the rows the output reads: an unread row's draws or correlation change nothing", () => {
    const expansionRows = [
      ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, null, null],
      ["StartMargin", "Triangular", 0.57, 0.64, 0.71, null, null, null],
    ];
    const withOthers = (...others: Cell[][]) => [CORRELATED_HEADER, ...expansionRows, ...others];
    const alone = call("SIMULATE", "margin_expansion", withOthers(), [PERCENTILES], 1000);
    // Utilization Normal 60–100% around 90% leaves its domain (price_compression is #NUM! on it);
    // PriceFall and Utilization correlated: neither is read by margin_expansion.
    const unread = withOthers(
      ["Utilization", "Normal", 0.6, 0.9, 1, null, null, null],
      ["PriceFall", "Uniform", 0.35, 0.425, 0.5, null, "Utilization", 0.5]
    );
    expectCell(call("SIMULATE", "price_compression", unread), "#NUM!");
    expect(call("SIMULATE", "margin_expansion", unread, [PERCENTILES], 1000)).toEqual(alone);
  });

  it.each([
    // Normal 60–100% around 80%: 5% of the draws above 100%, the largest of them.
    ["price_compression", row("Utilization", "Normal", 0.6, 0.8, 1), /utilization/],
    // Normal 0–20% around 10%: 5% below 0%, the smallest of them.
    ["margin_expansion", row("FixedCostShare", "Normal", 0, 0.1, 0.2), /fixed_cost_share/],
  ])(
    "%s: a Normal row whose tail alone leaves the domain is #NUM!",
    (output, uncertain, message) => {
      const result = call("SIMULATE", output, table(uncertain), 0.5, 1000);
      expectCell(result, "#NUM!");
      expect(errorOf(result).message).toMatch(message);
    }
  );

  it("TORNADO keeps the table's order between equal swings", () => {
    // In 2028, past the last generation (80%+), Table 1's low and high are both 80%: the parity
    // position moves nothing. Not stalled at the centre (30%), the stall date moves nothing either.
    const bars = (...rows: Cell[][]) =>
      (call("TORNADO", "parity_at", table(...rows)) as (string | number)[][]).map((bar) => [
        bar[0],
        bar[3],
      ]);
    const stall = row("StallProbability", "Bernoulli", null, 0.3, null);
    const date = row("ParityDate", "Fixed", 2028, 2028, 2028);
    const position = row("ParityPosition", "Uniform", 0, 0.5, 1);
    const stallDate = row("StallDate", "Uniform", "1H26", "2H26", "1H27");
    expect(bars(date, stall, position, stallDate).slice(1)).toEqual([
      ["ParityPosition", 0],
      ["StallDate", 0],
    ]);
    expect(bars(date, stall, stallDate, position).slice(1)).toEqual([
      ["StallDate", 0],
      ["ParityPosition", 0],
    ]);
  });

  it("a pair given from both rows: the same value counts once, two values are refused", () => {
    const both = (back: number) => [
      CORRELATED_HEADER,
      ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", 0.5],
      ["StartMargin", "Uniform", 0.57, 0.64, 0.71, null, "UnitCostDecline", back],
    ];
    const once = [
      CORRELATED_HEADER,
      ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", 0.5],
      ["StartMargin", "Uniform", 0.57, 0.64, 0.71, null, null, null],
    ];
    expect(call("SIMULATE", "margin_expansion", both(0.5), "sd", 1000)).toBe(
      call("SIMULATE", "margin_expansion", once, "sd", 1000)
    );
    expect(errorOf(call("SIMULATE", "margin_expansion", both(0.4))).message).toBe(
      "uncertainty row 2 (StartMargin): StartMargin and UnitCostDecline are given two rank correlations."
    );
  });

  it("a Fixed event is 0 or 1: anything else is outside its domain, #VALUE! with the value as a percentage", () => {
    const result = call(
      "SIMULATE",
      "parity_at",
      table(row("StallProbability", "Fixed", null, 0.5, null))
    );
    expectCell(result, "#VALUE!");
    expect(errorOf(result).message).toBe(
      "uncertainty row 1 (StallProbability): Mode is outside StallProbability's domain: StallProbability must be a whole number from 0% to 100%; got 50%."
    );
  });

  describe("Low, Mode and High", () => {
    const simulated = (uncertain: Cell[], output = "margin_expansion") =>
      call("SIMULATE", output, table(uncertain), "mean", 100);
    it.each([
      ["Mode at Low", row("UnitCostDecline", "Triangular", 0.1, 0.1, 0.2)],
      ["Mode at High", row("UnitCostDecline", "Triangular", 0.1, 0.2, 0.2)],
      ["Low = High", row("UnitCostDecline", "Uniform", 0.15, null, 0.15)],
      ["a Fixed row's Low alone", row("UnitCostDecline", "Fixed", 0.15, null, null)],
      [
        "a Fixed row's Mode, with a Low it does not read",
        row("UnitCostDecline", "Fixed", "n/a", 0.15, null),
      ],
    ])("%s is accepted", (_, uncertain) => {
      expect(typeof simulated(uncertain)).toBe("number");
    });
    it("Low = High gives that value in every draw", () => {
      expect(
        call(
          "SIMULATE",
          "margin_expansion",
          table(row("UnitCostDecline", "Uniform", 0.15, null, 0.15)),
          "sd",
          100
        )
      ).toBe(0);
    });
    it.each([
      [
        row("UnitCostDecline", "Triangular", 0.1, 0.25, 0.2),
        "uncertainty row 1 (UnitCostDecline): Mode (25%) must lie from Low (10%) to High (20%).",
      ],
      [
        row("UnitCostDecline", "Triangular", 0.1, 0.05, 0.2),
        "uncertainty row 1 (UnitCostDecline): Mode (5%) must lie from Low (10%) to High (20%).",
      ],
      // Numbers that are no fraction are shown as numbers, not percentages.
      [
        row("HourlyCost", "Uniform", 3, 2, 1),
        "uncertainty row 1 (HourlyCost): High (1) is below Low (3).",
      ],
    ])("%j is refused in words", (uncertain, message) => {
      const output = uncertain[0] === "HourlyCost" ? "cost_per_mtok" : "margin_expansion";
      expect(errorOf(simulated(uncertain, output)).message).toBe(message);
    });
    it.each([
      [0, 0.8],
      [1, 0.625 + (0.1 * 365) / 547],
    ])("an event's probability may be %p", (probability, parity) => {
      const stalled = table(
        row("ParityDate", "Fixed", 2028, 2028, 2028),
        row("StallProbability", "Bernoulli", null, probability, null)
      );
      expect(call("SIMULATE", "parity_at", stalled, "mean", 100)).toBeCloseTo(parity, 12);
    });
    it("an event's probability below 0% is refused", () => {
      const result = call(
        "SIMULATE",
        "parity_at",
        table(row("StallProbability", "Bernoulli", null, -0.1, null))
      );
      expect(errorOf(result).message).toBe(
        "uncertainty row 1 (StallProbability): Mode is the event's probability, from 0% to 100%; got −10%."
      );
    });
  });

  it("TORNADO leaves out Fixed rows, and says so when nothing else moves the output", () => {
    const bars = call(
      "TORNADO",
      "margin_expansion",
      table(
        row("StartMargin", "Fixed", null, 0.6, null),
        row("UnitCostDecline", "Uniform", 0.1, 0.15, 0.2)
      )
    ) as (string | number)[][];
    expect(bars.map((bar) => bar[0])).toEqual(["UnitCostDecline"]);
    expect(
      errorOf(
        call("TORNADO", "margin_expansion", table(row("StartMargin", "Fixed", null, 0.6, null)))
      ).message
    ).toBe(
      "No row of the Uncertainty table moves margin_expansion: it reads VolumeGrowth, UnitCostDecline, Years, StartMargin, PriceChange, FixedCostShare, and none of them has a distribution other than Fixed."
    );
  });

  it("a Bernoulli row reads only its Mode: text in its Low and High is left alone", () => {
    const stalled = (low: Cell, high: Cell) =>
      table(
        row("ParityDate", "Fixed", 2028, 2028, 2028),
        row("StallProbability", "Bernoulli", low, 0.3, high)
      );
    expect(call("SIMULATE", "parity_at", stalled("n/a", "n/a"), "mean", 100)).toBe(
      call("SIMULATE", "parity_at", stalled(null, null), "mean", 100)
    );
  });

  describe("correlations", () => {
    const correlated = (...rows: Cell[][]) => [CORRELATED_HEADER, ...rows];
    it("two pairs with their own values hold together", () => {
      const sd = call(
        "SIMULATE",
        "margin_expansion",
        correlated(
          ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", 0.5],
          ["StartMargin", "Uniform", 0.57, 0.64, 0.71, null, null, null],
          ["FixedCostShare", "Uniform", 0, 0.05, 0.1, null, "UnitCostDecline", -0.3]
        ),
        "sd",
        1000
      );
      expect(typeof sd).toBe("number");
    });
    it("−1 is refused as 1 is: the bounds are exclusive", () => {
      const result = call(
        "SIMULATE",
        "margin_expansion",
        correlated(
          ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "StartMargin", -1],
          ["StartMargin", "Uniform", 0.57, 0.64, 0.71, null, null, null]
        )
      );
      expect(errorOf(result).message).toBe(
        "uncertainty row 1 (UnitCostDecline): Rank correlation must be a number between −1 and 1 (exclusive); got -1."
      );
    });
    it("an event cannot be correlated", () => {
      const result = call(
        "SIMULATE",
        "cost_per_mtok",
        correlated(
          ["Utilization", "Uniform", 0.6, 0.65, 0.7, null, "StallProbability", 0.5],
          ["StallProbability", "Bernoulli", null, 0.3, null, null, null, null]
        )
      );
      expect(errorOf(result).message).toBe(
        "uncertainty row 1 (Utilization): StallProbability is Bernoulli; only drawn inputs (Uniform, Triangular, PERT, Normal) can be correlated."
      );
    });
  });

  it("a table without a header row one column short of Mode names it", () => {
    const result = errorOf(
      call("SIMULATE", "margin_expansion", [["UnitCostDecline", "Uniform", 0.1]])
    );
    expect(result.message).toBe(
      'uncertainty has no column "Mode" (without a header row, the 4th column).'
    );
  });

  it("a table with a header row names the column it lacks, with no word of places", () => {
    const result = errorOf(
      call("SIMULATE", "margin_expansion", [
        ["Input", "Distribution", "Low", "High"],
        ["UnitCostDecline", "Uniform", 0.1, 0.2],
      ])
    );
    expect(result.message).toBe('uncertainty has no column "Mode".');
  });

  it("a table without a header row names the column it lacks by its place", () => {
    const result = errorOf(call("SIMULATE", "margin_expansion", [["UnitCostDecline", "Uniform"]]));
    expect(result.message).toBe(
      'uncertainty has no column "Mode" (without a header row, the 4th column).'
    );
  });

  it("an input correlated with itself is refused", () => {
    const uncertainty = [
      CORRELATED_HEADER,
      ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2, null, "UnitCostDecline", 0.5],
    ];
    expect(errorOf(call("SIMULATE", "margin_expansion", uncertainty)).message).toBe(
      "uncertainty row 1 (UnitCostDecline): an input cannot be correlated with itself."
    );
  });
});

describe("a date column's cell that is no date", () => {
  it("is #VALUE!, naming the row, the input and the column", () => {
    const uncertainty = table(row("StallDate", "Uniform", "soon", "2H27", "2028"));
    const result = errorOf(call("SIMULATE", "parity_at", uncertainty));
    expectCell(result, "#VALUE!");
    expect(result.message).toBe(
      'uncertainty row 1 (StallDate): Low must be a date, a decimal year such as 2026.5, or a period label (2H25, 1H2027, H1 2026, Q3 2026, 3Q26, Early/Mid/Late 2027, 2027, 2027E or FY2027); got "soon".'
    );
  });
});
