/**
 * The model sheet as the pane builds it (the applier, through Microsoft's client, on the Excel host
 * over HyperFormula), with the CNAI functions from the core: the numbers an analyst sees, against
 * the note.
 */
import { EMPTY_WORKBOOK } from "../../src/plans/plan";
import {
  GRID_COST_DECLINES,
  GRID_START_MARGINS,
  MODEL_CELLS,
  MODEL_SHEET,
  TIMELINE_PERIODS,
  planBuildModel,
} from "../../src/plans/model";
import { Workbook, evaluatePlan } from "../helpers/hyperformula";
import { parseCell } from "../../src/plans/a1";

let book: Workbook;
beforeAll(async () => {
  book = await evaluatePlan(planBuildModel(EMPTY_WORKBOOK));
});
const at = (cell: string) => book.value(MODEL_SHEET, cell);
const num = (cell: string) => {
  const value = at(cell);
  if (typeof value !== "number") throw new Error(`${cell} is ${JSON.stringify(value)}`);
  return value;
};

describe("the model sheet, calculated", () => {
  it("margin expansion 9.99% (0.36 × (1 − 0.85²)), inside the note's 8–12 pp", () => {
    expect(num(MODEL_CELLS.marginExpansion)).toBeCloseTo(0.0999, 12);
    expect(num(MODEL_CELLS.marginAfter)).toBeCloseTo(0.7399, 12);
  });

  it("price compression 30% at 55% utilization and the combined fall of 54.5% to 65%", () => {
    expect(num(MODEL_CELLS.priceCompression)).toBe(0.3);
    expect(num(MODEL_CELLS.combinedFallLow)).toBeCloseTo(0.545, 12);
    expect(num(MODEL_CELLS.combinedFallHigh)).toBeCloseTo(0.65, 12);
  });

  it("parity 62.5% at 2H25, a cost per million tokens on it, and the 12.0x integrated multiple", () => {
    expect(num(MODEL_CELLS.parityAtDate)).toBe(0.625);
    expect(num(MODEL_CELLS.costPerMtok)).toBeCloseTo((2 / (1000 * 0.625 * 0.55 * 3600)) * 1e6, 10);
    expect(num(MODEL_CELLS.integratedMultiple)).toBeCloseTo(12, 12);
  });

  it("the parity timeline spills from one formula per column: 62.5% at 2H25, 80% from Late 2027, frozen after the stall", () => {
    const rows = book.range(MODEL_SHEET, `A36:F${35 + TIMELINE_PERIODS.length}`);
    expect(rows.map((r) => r[0])).toEqual(TIMELINE_PERIODS);
    const [first] = rows;
    expect(first.slice(1, 5)).toEqual([0.6, 0.625, 0.65, 0.625]);
    expect(first[5]).toBe(45931); // 2025-10-01
    for (const row of rows) {
      const [low, mid, high, stalled] = row.slice(1, 5) as number[];
      expect(low).toBeLessThanOrEqual(mid);
      expect(mid).toBeLessThanOrEqual(high);
      expect(stalled).toBeLessThanOrEqual(mid + 1e-12);
    }
    const last = rows[rows.length - 1];
    expect(last.slice(1, 4)).toEqual([0.8, 0.8, 0.8]);
    // The stall date is 2H26 (2026-10-01): parity holds its value there from then on.
    const stalledAfter = rows.slice(5).map((r) => r[4]);
    expect(new Set(stalledAfter).size).toBe(1);
    expect(stalledAfter[0] as number).toBeCloseTo(0.625 + 0.1 * (365 / 547), 12);
    expect(book.spill(MODEL_SHEET, "C36")).toEqual({ rows: TIMELINE_PERIODS.length, columns: 1 });
  });

  it("the sensitivity grid is one spilled MARGIN_EXPANSION equal to the scalar calls", () => {
    expect(book.spill(MODEL_SHEET, "B53")).toEqual({
      rows: GRID_START_MARGINS.length,
      columns: GRID_COST_DECLINES.length,
    });
    const grid = book.range(MODEL_SHEET, "B53:H61") as number[][];
    GRID_START_MARGINS.forEach((m, i) =>
      GRID_COST_DECLINES.forEach((d, j) =>
        expect(grid[i][j]).toBeCloseTo((1 - m) * (1 - (1 - d) ** 2), 12)
      )
    );
    const cell64at15 = grid[GRID_START_MARGINS.indexOf(0.64)][GRID_COST_DECLINES.indexOf(0.15)];
    expect(cell64at15).toBeCloseTo(0.0999, 12);
  });

  it("reconciles Table 2: elasticity −2.0, implied token revenue $1.8M against $1.6bn reported", () => {
    expect(book.range(MODEL_SHEET, "B66:D68")).toEqual([
      [15, 0.06, 0.8],
      [60, 0.03, 1.6],
      [250, 0.02, 4.5],
    ]);
    expect(num("B69")).toBeCloseTo(3, 12); // tokens ×4
    expect(num("C69")).toBeCloseTo(-0.5, 12); // price halved
    expect(num("D69")).toBeCloseTo(1, 12); // revenue doubled
    expect(num(MODEL_CELLS.elasticity)).toBeCloseTo(-2, 12);
    expect(num(MODEL_CELLS.impliedRevenue)).toBeCloseTo(1.8e6, 4);
    expect(num(MODEL_CELLS.reportedRevenue)).toBeCloseTo(1.6e9, 1);
    expect(num("B73")).toBeCloseTo(1.8e6 / 1.6e9, 12);
  });

  it("recalculates from the inputs: a higher unit-cost decline widens the expansion", () => {
    const { row, column } = parseCell(MODEL_CELLS.unitCostDecline);
    expect(at(MODEL_CELLS.unitCostDecline)).toBe(0.15);
    book.engine.setCellContents(
      { sheet: book.engine.getSheetId(MODEL_SHEET) as number, row, col: column },
      [[0.2]]
    );
    expect(num(MODEL_CELLS.marginExpansion)).toBeCloseTo(0.36 * (1 - 0.8 ** 2), 12);
    expect(num("B53")).toBeCloseTo(0.44 * (1 - 0.95 ** 2), 12); // the grid's own declines are unaffected
  });

  it("leaves no error anywhere on the sheet", () => {
    const everything = book.range(MODEL_SHEET, "A1:H74").flat();
    const errors = everything.filter((v) => v !== null && typeof v === "object");
    expect(errors).toEqual([]);
  });
});
