/**
 * The model sheet's Risk block as the pane builds it, calculated by the shipped bundle
 * (dist/functions.js) in the Excel host's cells: the Uncertainty table seeded from the note, the
 * numbers worked by hand (Triangular CDFs, the stall's probability, the tornado's ends, Fixed rows
 * giving the point model), the block following the analyst's edits and the active scenario, and a
 * refresh keeping the edits to the Uncertainty table.
 */
import { offset, parseCell } from "../../src/plans/a1";
import { MODEL_CELLS, MODEL_SHEET, UNCERTAINTY_SEEDS } from "../../src/plans/model";
import { HostedWorkbook, hostWorkbook } from "../../src/host/node";
import { makeActions } from "../../src/taskpane/actions";
import { bundleFunctions } from "../workbench/bundle";

/** One load of the bundle for every workbook here, as one runtime serves an analyst's session. */
const FUNCTIONS = bundleFunctions();
let hosted: HostedWorkbook;
beforeEach(async () => {
  hosted = hostWorkbook(FUNCTIONS);
  const report = await makeActions(hosted.run).buildModelSheet();
  expect(report.ok).toBe(true);
  await calculated();
});
/** The bundle's Monte Carlo functions are asynchronous: cells show #BUSY! until this resolves. */
const calculated = () => hosted.workbook.calculated();
const value = (cell: string) => hosted.workbook.value(MODEL_SHEET, cell);
const num = (cell: string) => {
  const v = value(cell);
  if (typeof v !== "number") throw new Error(`${cell} is ${JSON.stringify(v)}`);
  return v;
};
const type = (cell: string, text: string) => hosted.workbook.setInput(MODEL_SHEET, cell, text);
/** The values of `rows` × `columns` cells from `cell`, row by row. */
const block = (cell: string, rows: number, columns: number) =>
  Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (__, j) => value(offset(cell, i, j)))
  );
const inputOf = (cell: string) => {
  const { row: r, column } = parseCell(cell);
  return hosted.workbook.inputAt(hosted.workbook.sheet(MODEL_SHEET), r, column);
};
/** The Uncertainty table's cell of an input's row, by column (0 = Input … 5 = Source). */
const uncertaintyCell = (input: string, column: number) =>
  offset(
    MODEL_CELLS.uncertaintyTable,
    1 + UNCERTAINTY_SEEDS.findIndex((s) => s.input === input),
    column
  );
const row = (cell: string, columns: number) => block(cell, 1, columns)[0];
const tornado = () => block(MODEL_CELLS.tornadoFirst, 4, 4) as (string | number)[][];
/** (1 − m0)(1 − (1 − d)²): the margin expansion at 30% growth over two years, no fixed costs. */
const expansion = (startMargin: number, decline: number) =>
  (1 - startMargin) * (1 - (1 - decline) ** 2);
/** The CDF of a triangular distribution (a, c, b) below its mode: (x − a)² / ((b − a)(c − a)). */
const triangularBelowMode = (x: number, a: number, c: number, b: number) =>
  (x - a) ** 2 / ((b - a) * (c - a));
/** 10,000 Latin hypercube draws put a probability within one stratum of the exact one. */
const STRATUM = 1 / 10_000;

describe("the Risk block as built (Base scenario)", () => {
  it("seeds the Uncertainty table from the note, its Mode cells on the assumption block", () => {
    expect(row(offset(MODEL_CELLS.uncertaintyTable, 0, 0), 6)).toEqual([
      "Input",
      "Distribution",
      "Low",
      "Mode",
      "High",
      "Source",
    ]);
    expect(row(uncertaintyCell("UnitCostDecline", 0), 5)).toEqual([
      "UnitCostDecline",
      "Triangular",
      0.1,
      0.15,
      0.2,
    ]);
    expect(inputOf(uncertaintyCell("UnitCostDecline", 3))).toBe("=UnitCostDecline");
    expect(value(uncertaintyCell("PriceFall", 2))).toBe(0.35); // Evidence 2's 35–50%
    expect(value(uncertaintyCell("PriceFall", 4))).toBe(0.5);
    expect(value(uncertaintyCell("ParityPosition", 3))).toBe(0.5); // "mid"
    expect(value(uncertaintyCell("IntegrationPremium", 3))).toBe(0.2); // "mid": 20%
    expect(value(uncertaintyCell("StallProbability", 5))).toMatch(/illustrative/);
  });

  it("Risk 2 bites when utilization, Triangular 45% / 65% / 80%, is below 60%: 32.1%", () => {
    const exact = triangularBelowMode(0.6, 0.45, 0.65, 0.8); // 0.15² / (0.35 × 0.2) = 0.3214…
    expect(Math.abs(num(MODEL_CELLS.riskRisk2Probability) - exact)).toBeLessThanOrEqual(STRATUM);
  });

  it("parity reaches 80% at Late 2027 unless the stall (20%) happens: 80%", () => {
    // Not stalled, Table 1's 80%+ is 80% at every position; stalled at 2H26 it is below.
    expect(num(MODEL_CELLS.riskParityProbability)).toBeCloseTo(0.8, 12);
  });

  it("the tornado: each input at its Low and High with the others at their Mode, by swing", () => {
    // Fixed-cost share at its Low/High (0%, 20%): cost ratio f + (1 − f)(1.3 × 0.85)², over 1.3².
    const withFixed = 0.36 * (1 - (0.2 + 0.8 * (1.3 * 0.85) ** 2) / 1.3 ** 2);
    const expected = [
      ["UnitCostDecline", expansion(0.64, 0.1), expansion(0.64, 0.2)],
      ["StartMargin", expansion(0.57, 0.15), expansion(0.71, 0.15)],
      ["FixedCostShare", expansion(0.64, 0.15), withFixed],
      // Volume growth moves the margin only through fixed costs, at their Mode of 0%.
      ["VolumeGrowth", expansion(0.64, 0.15), expansion(0.64, 0.15)],
    ] as const;
    tornado().forEach((cells, k) => {
      expect(cells[0]).toBe(expected[k][0]);
      expect(cells[1] as number).toBeCloseTo(expected[k][1], 12);
      expect(cells[2] as number).toBeCloseTo(expected[k][2], 12);
      expect(cells[3] as number).toBeCloseTo(Math.abs(expected[k][2] - expected[k][1]), 12);
    });
  });

  it("percentiles in order for every output, the histogram holding every draw, the fan widening", () => {
    const stats = block(MODEL_CELLS.riskPercentiles, 7, 7);
    for (const [p5, p10, p50, p90, p95, mean, se] of stats as number[][]) {
      expect([p5, p10, p50, p90, p95]).toEqual([p5, p10, p50, p90, p95].sort((a, b) => a - b));
      expect(mean).toBeGreaterThanOrEqual(p5);
      expect(mean).toBeLessThanOrEqual(p95);
      expect(se).toBeGreaterThan(0);
    }
    const bins = block(MODEL_CELLS.histogramFirst, 20, 7);
    expect(bins.reduce((sum, r) => sum + (r[2] as number), 0)).toBe(10_000);
    // Split at the band, each bin's draws are outside or inside it.
    for (const r of bins) expect((r[5] as number) + (r[6] as number)).toBe(r[2]);
    const fan = block(MODEL_CELLS.fanFirst, 14, 3) as number[][];
    // 2H25: parity within 2H25's 60–65% (ParityPosition PERT on 0–1 around 0.5).
    expect(fan[0][1]).toBeCloseTo(0.625, 3);
    expect(fan[0][0]).toBeGreaterThan(0.6);
    expect(fan[0][2]).toBeLessThan(0.65);
    // From Late 2027, P50 and P90 at the 80%+, P10 among the stalled draws (20% of them).
    expect(fan[13][1]).toBe(0.8);
    expect(fan[13][0]).toBeLessThan(0.75);
  });

  it("leaves no error anywhere in the block", () => {
    const top = parseCell(MODEL_CELLS.uncertaintyTable).row;
    const bottom = parseCell(MODEL_CELLS.fanFirst).row + 13;
    const cells = block(`A${top + 1}`, bottom - top + 1, 8).flat();
    expect(cells.filter((v) => v !== null && typeof v === "object")).toEqual([]);
  });
});

describe("the Risk block follows the analyst", () => {
  it("Fixed everywhere gives the point model: every percentile is the margin expansion's 9.99%", async () => {
    // Pasted as one change (one recalculation), as an analyst fills the column down.
    hosted.workbook.batch(() => {
      for (const seed of UNCERTAINTY_SEEDS)
        if (seed.distribution !== "Fixed") type(uncertaintyCell(seed.input, 1), "Fixed");
      type(uncertaintyCell("StallProbability", 3), "0"); // a Fixed event: does not happen
    });
    await calculated();
    const [first] = block(MODEL_CELLS.riskPercentiles, 1, 7);
    for (const v of first.slice(0, 6)) expect(v as number).toBeCloseTo(expansion(0.64, 0.15), 12);
    expect(first[6]).toBe(0); // no spread, no standard error
    expect(num(MODEL_CELLS.riskBandProbability)).toBe(1);
    expect(num(MODEL_CELLS.riskRisk2Probability)).toBe(0); // 65% utilization
    expect(num(MODEL_CELLS.riskParityProbability)).toBe(1);
    expect(num(MODEL_CELLS.marginExpansion)).toBeCloseTo(expansion(0.64, 0.15), 12);
  });

  it("editing an Uncertainty row moves the percentiles and the tornado", async () => {
    const before = row(MODEL_CELLS.riskPercentiles, 7);
    type(uncertaintyCell("StartMargin", 2), "40%");
    await calculated();
    const after = row(MODEL_CELLS.riskPercentiles, 7);
    // A lower start margin leaves more to expand: the upper percentiles rise.
    expect(after[4] as number).toBeGreaterThan(before[4] as number);
    const start = tornado().find((r) => r[0] === "StartMargin") as (string | number)[];
    expect(start[1] as number).toBeCloseTo(expansion(0.4, 0.15), 12);
    // Its swing, 31 pp of start margin × 27.75% = 8.6 pp, now leads the decline's 6.1 pp.
    expect(tornado()[0][0]).toBe("StartMargin");
    expect(tornado()[0][3] as number).toBeCloseTo(0.31 * (1 - 0.85 ** 2), 12);
  });

  it("a bad row shows #VALUE! naming it, and mending it brings the numbers back", async () => {
    type(uncertaintyCell("UnitCostDecline", 1), "Lognormal");
    await calculated();
    const broken = value(MODEL_CELLS.riskPercentiles) as { error: string; message?: string };
    expect(broken.error).toBe("#VALUE!");
    type(uncertaintyCell("UnitCostDecline", 1), "Triangular");
    await calculated();
    expect(typeof value(MODEL_CELLS.riskPercentiles)).toBe("number");
  });

  it("switching to Bear moves the centre: Mode cells, the tornado and Risk 2's probability", async () => {
    type(MODEL_CELLS.activeScenario, "Bear");
    await calculated();
    expect(value(uncertaintyCell("UnitCostDecline", 3))).toBe(0.125);
    expect(value(uncertaintyCell("StartMargin", 3))).toBe(0.66);
    expect(value(uncertaintyCell("ParityPosition", 3))).toBe(0); // "low"
    expect(value(uncertaintyCell("IntegrationPremium", 3))).toBe(0.15);
    // The unit-cost decline swung with the start margin at Bear's 66%.
    const decline = tornado().find((r) => r[0] === "UnitCostDecline") as (string | number)[];
    expect(decline[1] as number).toBeCloseTo(expansion(0.66, 0.1), 12);
    expect(decline[2] as number).toBeCloseTo(expansion(0.66, 0.2), 12);
    // Utilization Triangular 45% / 55% / 80%: P(below 60%) = 1 − 0.2² / (0.35 × 0.25) = 54.3%.
    const exact = 1 - 0.2 ** 2 / (0.35 * 0.25);
    expect(Math.abs(num(MODEL_CELLS.riskRisk2Probability) - exact)).toBeLessThanOrEqual(STRATUM);
  });

  it("a refresh keeps the analyst's edits to the Uncertainty table and says so", async () => {
    type(uncertaintyCell("StallProbability", 3), "35%");
    const report = await makeActions(hosted.run).buildModelSheet();
    expect(report.ok).toBe(true);
    await calculated();
    expect(value(uncertaintyCell("StallProbability", 3))).toBe(0.35);
    expect(report.details.join(" ")).toMatch(
      /Kept your 20% → 35% in Uncertainty, StallProbability, Mode/
    );
    // Parity reaches 80% at Late 2027 in the 65% of draws without the stall.
    expect(num(MODEL_CELLS.riskParityProbability)).toBeCloseTo(0.65, 12);
  });
});
