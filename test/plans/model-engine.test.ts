/**
 * The model sheet as the pane builds it (the applier, through Microsoft's client, on the Excel host
 * over HyperFormula), with the CNAI functions from the core: the numbers an analyst sees, against
 * the note, and the model following the analyst's own estimates — edited tables, added rows,
 * another scenario.
 */
import { area, offset } from "../../src/plans/a1";
import { EMPTY_WORKBOOK } from "../../src/plans/plan";
import {
  ASSUMPTIONS,
  GRID_COST_DECLINES,
  GRID_START_MARGINS,
  LAYOUT,
  MODEL_CELLS,
  MODEL_SHEET,
  SCENARIOS,
  TIMELINE_PERIODS,
  planBuildModel,
} from "../../src/plans/model";
import { makeActions } from "../../src/taskpane/actions";
import { Workbook, evaluatePlan } from "../helpers/hyperformula";

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
const timelineBody = offset(LAYOUT.timelineAt, 2, 0);
const timeline = () => book.range(MODEL_SHEET, area(timelineBody, TIMELINE_PERIODS.length, 6));
/** The margin expansion (1 − m0)(1 − (1 − d)²) at 30% growth over two years (Valuation paragraph). */
const expansion = (startMargin: number, decline: number) =>
  (1 - startMargin) * (1 - (1 - decline) ** 2);

describe("the model sheet, calculated (Base scenario)", () => {
  it("margin expansion 9.99% (0.36 × (1 − 0.85²)), inside the note's 8–12 pp", () => {
    expect(num(MODEL_CELLS.marginExpansion)).toBeCloseTo(0.0999, 12);
    expect(num(MODEL_CELLS.marginAfter)).toBeCloseTo(0.7399, 12);
  });

  it("no price compression at Base's 65% utilization: the combined fall is the 35–50% so far", () => {
    expect(num(MODEL_CELLS.priceCompression)).toBe(0);
    expect(num(MODEL_CELLS.combinedFallLow)).toBeCloseTo(0.35, 12);
    expect(num(MODEL_CELLS.combinedFallHigh)).toBeCloseTo(0.5, 12);
  });

  it("parity 62.5% at 2H25, a cost per million tokens on it, and the 12.0x integrated multiple", () => {
    expect(num(MODEL_CELLS.parityAtDate)).toBe(0.625);
    expect(num(MODEL_CELLS.costPerMtok)).toBeCloseTo((2 / (1000 * 0.625 * 0.65 * 3600)) * 1e6, 10);
    expect(num(MODEL_CELLS.integratedMultiple)).toBeCloseTo(12, 12);
  });

  it("the parity timeline spills from one formula per column: 62.5% at 2H25, 80% from Late 2027, frozen after the stall", () => {
    const rows = timeline();
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
    expect(book.spill(MODEL_SHEET, MODEL_CELLS.timelineFirstMid)).toEqual({
      rows: TIMELINE_PERIODS.length,
      columns: 1,
    });
  });

  it("the sensitivity grid is one spilled MARGIN_EXPANSION equal to the scalar calls", () => {
    const first = MODEL_CELLS.gridFirstCell;
    expect(book.spill(MODEL_SHEET, first)).toEqual({
      rows: GRID_START_MARGINS.length,
      columns: GRID_COST_DECLINES.length,
    });
    const grid = book.range(
      MODEL_SHEET,
      area(first, GRID_START_MARGINS.length, GRID_COST_DECLINES.length)
    ) as number[][];
    GRID_START_MARGINS.forEach((m, i) =>
      GRID_COST_DECLINES.forEach((d, j) => expect(grid[i][j]).toBeCloseTo(expansion(m, d), 12))
    );
    const cell64at15 = grid[GRID_START_MARGINS.indexOf(0.64)][GRID_COST_DECLINES.indexOf(0.15)];
    expect(cell64at15).toBeCloseTo(0.0999, 12);
  });

  it("reconciles Table 2: elasticity −2.0, implied token revenue $1.8M against $1.6bn reported", () => {
    const body = offset(LAYOUT.reconciliationAt, 2, 1);
    expect(book.range(MODEL_SHEET, area(body, 3, 3))).toEqual([
      [15, 0.06, 0.8],
      [60, 0.03, 1.6],
      [250, 0.02, 4.5],
    ]);
    const yoy = offset(body, 3, 0);
    expect(num(yoy)).toBeCloseTo(3, 12); // tokens ×4
    expect(num(offset(yoy, 0, 1))).toBeCloseTo(-0.5, 12); // price halved
    expect(num(offset(yoy, 0, 2))).toBeCloseTo(1, 12); // revenue doubled
    expect(num(MODEL_CELLS.elasticity)).toBeCloseTo(-2, 12);
    expect(num(MODEL_CELLS.impliedRevenue)).toBeCloseTo(1.8e6, 4);
    expect(num(MODEL_CELLS.reportedRevenue)).toBeCloseTo(1.6e9, 1);
    expect(num(offset(MODEL_CELLS.reportedRevenue, 1, 0))).toBeCloseTo(1.8e6 / 1.6e9, 12);
  });

  it("the scenarios: one row each, outputs beside them from one broadcast formula per column", () => {
    const outputs = book.range(
      MODEL_SHEET,
      area(offset(MODEL_CELLS.scenarioOutputs, 1, 0), SCENARIOS.length, 5)
    );
    // Bear 34% × (1 − 0.875²), Base 36% × (1 − 0.85²), Bull 37.5% × (1 − 0.825²): 8, 10, 12 pp.
    expect(outputs.map((r) => r[0])).toEqual(["Bear", "Base", "Bull"]);
    expect(outputs[0][1]).toBeCloseTo(expansion(0.66, 0.125), 12);
    expect(outputs[1][1]).toBeCloseTo(0.0999, 12);
    expect(outputs[2][1]).toBeCloseTo(expansion(0.625, 0.175), 12);
    for (const [k, target] of [0.08, 0.1, 0.12].entries())
      expect(Math.abs((outputs[k][1] as number) - target)).toBeLessThan(0.001);
    // Risk 2: 30% more off the price below 60% utilization, Bear's 55% only.
    expect(outputs.map((r) => r[2])).toEqual([0.3, 0, 0]);
    // Table 1 at 2H25: 60%, 62.5%, 65%; the premium 15%, 20%, 25% on a 10x multiple.
    expect(outputs.map((r) => r[3])).toEqual([0.6, 0.625, 0.65]);
    expect((outputs.map((r) => r[4]) as number[]).map((x) => Number(x.toFixed(10)))).toEqual([
      11.5, 12, 12.5,
    ]);
  });

  it("leaves no error anywhere on the sheet", () => {
    const everything = book.range(MODEL_SHEET, "A1:M90").flat();
    const errors = everything.filter((v) => v !== null && typeof v === "object");
    expect(errors).toEqual([]);
  });
});

describe("the model follows the analyst", () => {
  let mine: Workbook;
  beforeEach(async () => {
    mine = await evaluatePlan(planBuildModel(EMPTY_WORKBOOK));
  });
  const value = (cell: string) => mine.value(MODEL_SHEET, cell);

  it("an input typed over recalculates: a higher unit-cost decline widens the expansion", () => {
    expect(value(MODEL_CELLS.unitCostDecline)).toBe(0.15);
    mine.workbook.setInput(MODEL_SHEET, MODEL_CELLS.unitCostDecline, "20%");
    expect(value(MODEL_CELLS.marginExpansion)).toBeCloseTo(expansion(0.64, 0.2), 12);
    // The grid's own declines are unaffected.
    expect(value(MODEL_CELLS.gridFirstCell)).toBeCloseTo(expansion(0.56, 0.05), 12);
  });

  it("picking Bear drives the assumptions, and with them every output", () => {
    mine.workbook.setInput(MODEL_SHEET, MODEL_CELLS.activeScenario, "Bear");
    expect(value(MODEL_CELLS.marginExpansion)).toBeCloseTo(expansion(0.66, 0.125), 12);
    expect(value(MODEL_CELLS.priceCompression)).toBe(0.3);
    // The note's combined fall, 1 − (1 − 35..50%)(1 − 30%): 54.5% to 65%.
    expect(value(MODEL_CELLS.combinedFallLow)).toBeCloseTo(0.545, 12);
    expect(value(MODEL_CELLS.combinedFallHigh)).toBeCloseTo(0.65, 12);
    expect(value(MODEL_CELLS.parityAtDate)).toBe(0.6);
    expect(value(MODEL_CELLS.integratedMultiple)).toBeCloseTo(11.5, 12);
    // The dropdown lists the table's scenarios.
    expect(mine.workbook.validationChoices(MODEL_SHEET, MODEL_CELLS.activeScenario)).toEqual([
      "Bear",
      "Base",
      "Bull",
    ]);
  });

  it("a scenario added as a row of the table appears in the outputs and the dropdown", () => {
    const row = offset(MODEL_CELLS.scenarioTable, SCENARIOS.length + 1, 0);
    ["Mine", "mid", "high", "20%", "60%", "50%", "my view"].forEach((v, k) =>
      mine.workbook.setInput(MODEL_SHEET, offset(row, 0, k), v)
    );
    const outputs = offset(MODEL_CELLS.scenarioOutputs, SCENARIOS.length + 1, 0);
    expect(value(outputs)).toBe("Mine");
    expect(value(offset(outputs, 0, 1))).toBeCloseTo(expansion(0.6, 0.2), 12);
    expect(value(offset(outputs, 0, 2))).toBe(0.3);
    expect(mine.workbook.validationChoices(MODEL_SHEET, MODEL_CELLS.activeScenario)).toContain(
      "Mine"
    );
    mine.workbook.setInput(MODEL_SHEET, MODEL_CELLS.activeScenario, "Mine");
    expect(value(MODEL_CELLS.marginExpansion)).toBeCloseTo(expansion(0.6, 0.2), 12);
  });

  it("an edited parity in ChipParity moves the timeline; an added generation extends it", () => {
    // 2026 Next-Gen, Table 1's 70–75% at 1H27: its low edited to 65%.
    const at1H27 = TIMELINE_PERIODS.indexOf("1H27");
    expect(timelineOf(mine)[at1H27].slice(1, 4)).toEqual([0.7, 0.725, 0.75]);
    mine.workbook.setInput("Chip Parity", "B6", "65%");
    expect(timelineOf(mine)[at1H27].slice(1, 4)).toEqual([0.65, 0.7, 0.75]);
    // A new generation typed below the table: the table grows and the curve goes on to it.
    const at2H28 = TIMELINE_PERIODS.indexOf("2H28");
    expect(timelineOf(mine)[at2H28].slice(1, 4)).toEqual([0.8, 0.8, 0.8]);
    ["2028 Next", "88%", "92%", "FALSE", "", "", "2H28"].forEach((v, k) =>
      mine.workbook.setInput("Chip Parity", offset("A8", 0, k), v)
    );
    expect(mine.workbook.tables()[0].rect.bottom).toBe(7);
    expect(timelineOf(mine)[at2H28].slice(1, 4)).toEqual([0.88, 0.9, 0.92]);
    // Between Late 2027 (80%) and 2H28 the curve now rises instead of holding.
    expect(timelineOf(mine)[at2H28 - 1][2] as number).toBeGreaterThan(0.8);
  });

  it("a refresh keeps the analyst's edits and says so; Reset brings the note back", async () => {
    const actions = makeActions(mine.run);
    mine.workbook.setInput("Chip Parity", "B6", "65%");
    const again = await actions.loadAppendixTables();
    expect(again.details).toContain(
      "Kept your 70% → 65% in ChipParity, 2026 Next-Gen, Parity low."
    );
    expect(mine.value("Chip Parity", "B6")).toBe(0.65);
    const preview = await actions.resetTables?.();
    expect(preview?.summary).toBe(
      "Resetting would overwrite your edit with the note's value (yours → the note's). Rows and columns you added stay."
    );
    expect(preview?.details).toEqual(["ChipParity, 2026 Next-Gen, Parity low: 65% → 70%"]);
    expect(mine.value("Chip Parity", "B6")).toBe(0.65);
    const reset = await preview?.confirm?.call();
    expect(reset?.summary).toBe(
      "Reset ChipParity and TokenEconomics to the note: 1 edit replaced by the note's value."
    );
    expect(mine.value("Chip Parity", "B6")).toBe(0.7);
    expect((await actions.resetTables?.())?.summary).toBe(
      "ChipParity and TokenEconomics hold the note's values: nothing to reset."
    );
  });
});

function timelineOf(wb: Workbook) {
  return wb.range(MODEL_SHEET, area(timelineBody, TIMELINE_PERIODS.length, 6));
}

test("no two blocks of the model write the same cell, and a block that grows moves the ones below", () => {
  const cells = (assumptions = ASSUMPTIONS) => {
    const plan = planBuildModel(EMPTY_WORKBOOK, "en", assumptions);
    const model = plan.sheets[plan.sheets.length - 1];
    const seen = new Map<string, number>();
    const mark = (a1: string, rows: number, columns: number) => {
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < columns; j++) {
          const cell = offset(a1, i, j);
          seen.set(cell, (seen.get(cell) ?? 0) + 1);
        }
    };
    for (const block of model.blocks) {
      const size = block.spill ?? {
        rows: block.cells.length,
        columns: Math.max(...block.cells.map((r) => r.length)),
      };
      mark(block.at, size.rows, size.columns);
    }
    for (const table of model.tables) mark(table.at, table.rows.length + 1, table.columns.length);
    return { seen, model };
  };
  const note = cells();
  expect([...note.seen].filter(([, n]) => n > 1)).toEqual([]);
  const extra = cells([
    ...ASSUMPTIONS,
    {
      name: "AnotherInput",
      label: "Another input",
      value: 1,
      format: "0",
      note: "a seventeenth assumption",
      zh: { label: "另一项输入", note: "第十七项假设" },
    },
  ]);
  expect([...extra.seen].filter(([, n]) => n > 1)).toEqual([]);
  // Every block below the assumptions moved down one row.
  const firstRow = (model: typeof note.model, text: string) =>
    model.blocks.find((b) => b.cells[0][0] === text)?.at;
  expect(firstRow(extra.model, "Outputs")).toBe(
    offset(firstRow(note.model, "Outputs") as string, 1, 0)
  );
});
