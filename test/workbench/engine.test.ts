/**
 * The workbench's workbook on the REAL built add-in: dist/functions.js registers the CNAI
 * functions, the host's workbook (HostWorkbook, over HyperFormula) evaluates what is typed into it,
 * and the pane's own actions write the model through Microsoft's Excel client, as in the page.
 */
import { HyperFormula } from "hyperformula";
import { CHIP_GENERATIONS, CellError, TOKEN_METRICS } from "../../src/core";
import { cellAddress, offset, parseCell } from "../../src/plans/a1";
import {
  ASSUMPTIONS,
  GRID_COST_DECLINES,
  GRID_START_MARGINS,
  LAYOUT,
  MODEL_CELLS,
  MODEL_SHEET,
  TIMELINE_PERIODS,
} from "../../src/plans/model";
import { STYLE_LOOKS } from "../../src/plans/plan";
import { CHIP_SHEET, CHIP_TABLE, TOKEN_SHEET } from "../../src/plans/tables";
import type { AddinFunction, WorkbenchChart } from "../../src/host/contract";
import { HostedWorkbook, hostWorkbook } from "../../src/host/node";
import { HostWorkbook } from "../../src/host/workbook";
import { makeActions } from "../../src/taskpane/actions";
import { call } from "../helpers/call";
import { LICENSE_KEY, registerCnai } from "../helpers/hyperformula";
import { bundleFunctions } from "./bundle";

const FUNCTIONS = bundleFunctions();

const fresh = () => new HostWorkbook(FUNCTIONS);

/** A workbook with the note's tables and the model sheet, as the pane's two buttons build them. */
async function built(): Promise<HostedWorkbook> {
  const hosted = hostWorkbook(FUNCTIONS);
  const actions = makeActions(hosted.run);
  for (const action of [actions.loadAppendixTables, actions.buildModelSheet]) {
    const report = await action();
    if (!report.ok) throw new Error(report.summary);
  }
  return hosted;
}

const inputCell = (name: string) =>
  offset(LAYOUT.assumptionsAt, 1 + ASSUMPTIONS.findIndex((a) => a.name === name), 1);

const coreMessage = (name: string, ...args: unknown[]) =>
  (call(name, ...args) as CellError).message;

describe("typed formulas on the bundle's functions", () => {
  const wb = fresh();

  test("a new workbook has Excel's one Sheet1, and the bundle's functions under CNAI.", () => {
    expect(wb.sheets()).toEqual(["Sheet1"]);
    wb.setInput("Sheet1", "A1", "=CNAI.MARGIN_EXPANSION(30%,15%,2)");
    const cell = wb.cell("Sheet1", "A1");
    expect(cell.value).toBeCloseTo(0.36 * (1 - 0.85 ** 2), 14);
    // General format: Excel's up-to-11-character display.
    expect(cell).toMatchObject({
      display: "0.0999",
      numberFormat: "General",
      input: "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
    });
  });

  test("#NUM! from the bundle, without a message (Excel rejects one on #NUM!)", () => {
    wb.setInput("Sheet1", "A2", "=CNAI.PRICE_COMPRESSION(150%)");
    expect(wb.cell("Sheet1", "A2").value).toEqual({ error: "#NUM!", message: "" });
    expect(wb.cell("Sheet1", "A2").display).toBe("#NUM!");
  });

  test.each([
    ['=CNAI.PERIOD_DATE("someday")', ["PERIOD_DATE", "someday"]],
    ["=CNAI.TOKEN_REVENUE(60)", ["TOKEN_REVENUE", 60]],
    ['=CNAI.METRIC("token","Q1 2026")', ["METRIC", "token", "Q1 2026"]],
  ] as const)("%s carries the function's message to the cell", (formula, [name, ...args]) => {
    wb.setInput("Sheet1", "A3", formula);
    const value = wb.cell("Sheet1", "A3").value;
    const expected = call(name, ...args) as CellError;
    expect(value).toEqual({ error: expected.code, message: expected.message });
    expect(expected.message.length).toBeGreaterThan(10);
  });

  test("a thrown scalar error (METRIC) and an error in a referenced cell", () => {
    wb.setInput("Sheet1", "B1", "=1/0");
    wb.setInput("Sheet1", "B2", "=CNAI.PARITY_AT(B1)");
    expect(wb.cell("Sheet1", "B2").value).toMatchObject({ error: "#DIV/0!" });
    wb.setInput("Sheet1", "B3", '=CNAI.METRIC("revenue","Q9 2031")');
    expect(wb.cell("Sheet1", "B3").value).toMatchObject({
      error: "#N/A",
      message: coreMessage("METRIC", "revenue", "Q9 2031"),
    });
  });

  test("more arguments than functions.json declares is #VALUE!, as Excel refuses the formula", () => {
    wb.setInput("Sheet1", "B4", "=CNAI.TOKEN_REVENUE(1,2,3)");
    expect(wb.cell("Sheet1", "B4").value).toEqual({
      error: "#VALUE!",
      message: "TOKEN_REVENUE takes at most 2 arguments; got 3.",
    });
  });

  test("a broadcast spills; the spilled cells name their formula", () => {
    wb.setInput("Sheet1", "D1", '=CNAI.PARITY_AT({"2H25";"1H27"},{"low","high"})');
    expect(wb.spill("Sheet1", "D1")).toEqual({ rows: 2, columns: 2 });
    expect(wb.value("Sheet1", "E2")).toBeCloseTo(0.75, 12);
    expect(wb.cell("Sheet1", "E2")).toMatchObject({ spilledFrom: "D1", input: "" });
    expect(wb.cell("Sheet1", "D1").spilledFrom).toBeUndefined();
  });

  test("APPENDIX on a computed argument spills its table, and resizes when the argument changes", () => {
    wb.setInput("Sheet1", "G1", "tokens");
    wb.setInput("Sheet1", "G3", "=CNAI.APPENDIX(G1,FALSE)");
    expect(wb.spill("Sheet1", "G3")).toEqual({ rows: 3, columns: 5 });
    wb.setInput("Sheet1", "G1", "chips");
    expect(wb.spill("Sheet1", "G3")).toEqual({ rows: 3, columns: 8 });
    expect(wb.value("Sheet1", "N5")).toBe(CHIP_GENERATIONS[2].volumeProductionDate);
  });

  test.each([
    ["30%", 0.3, "30%", "0%"],
    ["12.5%", 0.125, "12.50%", "0.00%"],
    ["1,000", 1000, "1,000", "#,##0"],
    ["$2.50", 2.5, "$2.50", '"$"#,##0.00'],
    ["-7", -7, "-7", "General"],
    ["1e5", 100000, "1.00E+05", "0.00E+00"],
    ["2026-03-11", 46092, "2026-03-11", "yyyy-mm-dd"],
    ["TRUE", true, "TRUE", "General"],
    ["false", false, "FALSE", "General"],
    ["2H25", "2H25", "2H25", "General"],
    ["'30%", "30%", "30%", "General"],
  ])("typing %p stores %p, shown %p (format %p)", (input, value, display, numberFormat) => {
    const empty = fresh();
    empty.setInput("Sheet1", "A1", input);
    expect(empty.cell("Sheet1", "A1")).toMatchObject({ value, display, numberFormat, input });
  });

  test.each([
    ['=DATEVALUE("2026-03-11")', 46092],
    ['=DATEVALUE("3/11/2026")', 46092],
    ["=DATE(1900,3,1)", 61],
    ["=Z99", 0],
    ['=IF(TRUE,"bare TRUE","")', "bare TRUE"],
  ])("Excel's conventions: %s is %p", (formula, expected) => {
    wb.setInput("Sheet1", "H1", formula);
    expect(wb.value("Sheet1", "H1")).toBe(expected);
  });

  test("clearing a cell empties it", () => {
    wb.setInput("Sheet1", "H9", "5");
    wb.setInput("Sheet1", "H9", "");
    expect(wb.cell("Sheet1", "H9")).toMatchObject({ value: null, input: "", display: "" });
  });

  test("onChange listeners run after each change, with values already recalculated", () => {
    const book = fresh();
    const seen: unknown[] = [];
    book.onChange(() => seen.push(book.value("Sheet1", "A2")));
    book.setInput("Sheet1", "A1", "0.55");
    book.setInput("Sheet1", "A2", "=CNAI.PRICE_COMPRESSION(A1)");
    book.setInput("Sheet1", "A1", "0.75");
    book.addSheet("Scratch");
    expect(seen).toEqual([null, 0.3, 0, 0]);
  });

  test("unknown sheets, taken sheet names and bad addresses are refused", () => {
    const book = fresh();
    expect(() => book.cell("Nowhere", "A1")).toThrow(/no sheet named "Nowhere"/);
    expect(() => book.setInput("Sheet1", "1A", "x")).toThrow(/not a cell address/);
    expect(() => book.addSheet("sheet1")).toThrow(/already exists/);
  });
});

describe("the pane's actions through Microsoft's client, on the bundle's functions", () => {
  let wb: HostWorkbook;
  const model = (a1: string) => wb.cell(MODEL_SHEET, a1);
  beforeAll(async () => {
    wb = (await built()).workbook;
  });

  test("the model's margin expansion is 9.99% and parity 62.5% at 2H25, as displayed", () => {
    expect(model(MODEL_CELLS.marginExpansion)).toMatchObject({
      display: "9.99%",
      numberFormat: "0.00%",
      input: expect.stringMatching(/^=CNAI\.MARGIN_EXPANSION\(VolumeGrowth,UnitCostDecline,/),
    });
    expect(model(MODEL_CELLS.marginExpansion).value).toBeCloseTo(0.0999, 12);
    expect(model(MODEL_CELLS.parityAtDate)).toMatchObject({ value: 0.625, display: "62.5%" });
    expect(model(MODEL_CELLS.integratedMultiple).display).toBe("12.0x");
    // Table 2's Q1 2026: 60 T tokens at $0.03 per million.
    expect(model(MODEL_CELLS.impliedRevenue).display).toBe("$1,800,000");
  });

  test("no cell of the model sheet is an error", () => {
    const { rows, columns } = wb.size(MODEL_SHEET);
    expect(rows).toBeGreaterThanOrEqual(74);
    const errors: string[] = [];
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) {
        const a1 = offset("A1", row, column);
        const value = wb.value(MODEL_SHEET, a1);
        if (value !== null && typeof value === "object") errors.push(`${a1}: ${value.error}`);
      }
    }
    expect(errors).toEqual([]);
  });

  test("inputs keep their formats and the look of their style; the grid reads both per cell", () => {
    expect(model(inputCell("UnitCostDecline"))).toMatchObject({
      value: 0.15,
      display: "15.0%",
      look: STYLE_LOOKS.input,
    });
    expect(model(inputCell("ParityDate"))).toMatchObject({ value: 45931, display: "2025-10-01" });
    expect(model(inputCell("TokensPerSecond")).display).toBe("1,000");
    expect(model("A1")).toMatchObject({
      value: "CNAI model: China's AI stack",
      look: STYLE_LOOKS.title,
    });
    // A period label stays text: the timeline's first, in its first column.
    const firstPeriod = cellAddress({
      row: parseCell(MODEL_CELLS.timelineFirstMid).row,
      column: parseCell(LAYOUT.timelineAt).column,
    });
    expect(model(firstPeriod)).toMatchObject({ value: TIMELINE_PERIODS[0], display: "2H25" });
  });

  test("the tables' units show as the note prints them", () => {
    const tokens = (a1: string) => wb.cell(TOKEN_SHEET, a1);
    expect(tokens("A4")).toMatchObject({ value: "Metric" });
    expect(tokens("C5").display).toBe("$0.8bn");
    expect(tokens("D6").display).toBe("60 T");
    expect(tokens("E7").display).toBe("$0.02/M");
    expect(wb.cell(CHIP_SHEET, "B5").display).toBe("60%");
    expect(wb.cell(CHIP_SHEET, "F5").display).toBe("7 nm");
    expect(wb.cell(CHIP_SHEET, "H5").display).toBe("2025-10-01");
    expect(wb.cell(CHIP_SHEET, "D7")).toMatchObject({ value: true, display: "TRUE" });
  });

  test("the model sheet is the active one, as the applier leaves it", () => {
    expect(wb.sheets()).toEqual(["Sheet1", CHIP_SHEET, TOKEN_SHEET, MODEL_SHEET]);
    expect(wb.activeSheet().name).toBe(MODEL_SHEET);
  });

  test("the sensitivity grid spills from one formula, the note's 8–12 pp highlighted", () => {
    const corner = MODEL_CELLS.gridFirstCell;
    expect(wb.spill(MODEL_SHEET, corner)).toEqual({
      rows: GRID_START_MARGINS.length,
      columns: GRID_COST_DECLINES.length,
    });
    const at64and15 = offset(
      corner,
      GRID_START_MARGINS.indexOf(0.64),
      GRID_COST_DECLINES.indexOf(0.15)
    );
    expect(model(at64and15)).toMatchObject({ display: "10.0%", spilledFrom: corner });
    expect(wb.highlight(MODEL_SHEET, at64and15)).toEqual({ fill: "#DFF6DD", fontColor: "#0E700E" });
    // 72% start margin, 5% decline: 0.28 × (1 − 0.95²) = 2.7%, outside the band.
    expect(wb.value(MODEL_SHEET, offset(corner, 8, 0))).toBeCloseTo(0.0273, 12);
    expect(wb.highlight(MODEL_SHEET, offset(corner, 8, 0))).toBeUndefined();
    expect(wb.highlight(MODEL_SHEET, MODEL_CELLS.marginExpansion)).toBeUndefined();
  });

  test("charts() gives the model's charts with categories and series from the cells", () => {
    const named = (name: string) => wb.charts(MODEL_SHEET).find((c) => c.name === name);
    const parity = named("CNAI parity timeline") as WorkbenchChart;
    const tokens = named("CNAI token volume vs price") as WorkbenchChart;
    expect(parity).toMatchObject({ type: "Line", title: "Domestic chip parity with the H100" });
    expect(parity.categories).toEqual(TIMELINE_PERIODS);
    expect(parity.series.map((s) => s.name)).toEqual(["Low", "Mid", "High", "Stalled (mid)"]);
    expect(parity.series.map((s) => s.values[0])).toEqual([0.6, 0.625, 0.65, 0.625]);
    expect(parity.series.every((s) => !s.secondary)).toBe(true);
    expect(tokens).toMatchObject({ type: "ColumnClustered" });
    expect(tokens.categories).toEqual(["Q1 2025", "Q1 2026", "2027E"]);
    expect(tokens.series).toEqual([
      {
        name: "Inference tokens (T)",
        values: TOKEN_METRICS[1].values,
        secondary: false,
        line: false,
      },
      {
        name: "Avg token price ($/M)",
        values: TOKEN_METRICS[2].values,
        secondary: true,
        line: true,
      },
    ]);
    expect(wb.charts(TOKEN_SHEET)).toEqual([]);
  });

  test("column widths are whole characters of Excel's default font, as the grid draws them", () => {
    const model = wb.sheet(MODEL_SHEET);
    const set = [...model.columnWidths];
    expect(set.length).toBeGreaterThan(5);
    // Excel draws n characters as 7n + 5 pixels; a pixel is 3/4 of a point.
    for (const [column, points] of set) {
      const characters = ((points * 4) / 3 - 5) / 7;
      expect([column, Number.isInteger(characters) && characters > 0]).toEqual([column, true]);
    }
    // The labels' column is the widest; a column never set keeps Excel's 64 px, 48 points.
    expect(wb.columnWidthAt(model, 0)).toBe(Math.max(...set.map(([, points]) => points)));
    const unset = Math.max(...set.map(([column]) => column)) + 1;
    expect(wb.columnWidthAt(model, unset)).toBe(48);
  });
});

describe("editing the model", () => {
  test("a new unit-cost decline recalculates the expansion; a new stall date moves the chart", async () => {
    const { workbook: wb } = await built();
    wb.setInput(MODEL_SHEET, MODEL_CELLS.unitCostDecline, "20%");
    expect(wb.cell(MODEL_SHEET, MODEL_CELLS.unitCostDecline)).toMatchObject({
      value: 0.2,
      display: "20.0%",
      input: "20%",
    });
    expect(wb.value(MODEL_SHEET, MODEL_CELLS.marginExpansion)).toBeCloseTo(
      0.36 * (1 - 0.8 ** 2),
      12
    );
    expect(wb.cell(MODEL_SHEET, MODEL_CELLS.marginExpansion).display).toBe("12.96%");

    const parity = () => wb.charts(MODEL_SHEET).find((c) => c.name === "CNAI parity timeline");
    const stalled = () => parity()?.series[3].values ?? [];
    const mid = () => parity()?.series[1].values ?? [];
    const before = stalled();
    const midBefore = mid();
    wb.setInput(MODEL_SHEET, inputCell("StallDate"), "2027-10-01");
    expect(stalled()).not.toEqual(before);
    const q3 = TIMELINE_PERIODS.indexOf("Q3 2027");
    expect(stalled()[q3]).toBeCloseTo(mid()[q3] as number, 12);
    expect(stalled()[q3]).not.toBeCloseTo(before[q3] as number, 3);
    expect(mid()).toEqual(midBefore);
  });

  test("a changed Table 2 value reaches the token chart through the structured references", async () => {
    const { workbook: wb } = await built();
    // Inference tokens, Q1 2026 (row 6, column D of the table sheet).
    wb.setInput(TOKEN_SHEET, "D6", "80");
    const tokens = wb.charts(MODEL_SHEET).find((c) => c.name === "CNAI token volume vs price");
    expect(tokens?.series[0].values).toEqual([15, 80, 250]);
    expect(wb.value(MODEL_SHEET, MODEL_CELLS.impliedRevenue)).toBeCloseTo(80e12 * 0.03e-6, 4);
  });

  test("an analyst's structured reference works once the table exists, and after the tables are built again", async () => {
    const sumParityLow = CHIP_GENERATIONS.reduce((sum, g) => sum + g.parityLow, 0);
    const hosted = hostWorkbook(FUNCTIONS);
    const wb = hosted.workbook;
    const actions = makeActions(hosted.run);
    // Before the table exists Excel refuses the formula, and so does the formula bar here.
    expect(() => wb.setInput("Sheet1", "A1", "=SUM(ChipParity[Parity low])")).toThrow(
      /cannot parse the formula/
    );
    await actions.loadAppendixTables();
    wb.setInput("Sheet1", "A1", "=SUM(ChipParity[Parity low])");
    expect(wb.value("Sheet1", "A1")).toBeCloseTo(sumParityLow, 12);
    wb.setInput(
      "Sheet1",
      "A2",
      "=INDEX(ChipParity[Generation],MATCH(0.7,ChipParity[Parity low],0))"
    );
    expect(wb.value("Sheet1", "A2")).toBe("2026 Next-Gen");
    await actions.buildModelSheet();
    expect(wb.findTable(CHIP_TABLE)?.sheet.name).toBe(CHIP_SHEET);
    expect(wb.value("Sheet1", "A1")).toBeCloseTo(sumParityLow, 12);
    expect(wb.cell("Sheet1", "A1").input).toBe("=SUM(ChipParity[Parity low])");
    expect(wb.value("Sheet1", "A2")).toBe("2026 Next-Gen");
  });
});

describe("two function sets in one process", () => {
  test("each workbook evaluates its own functions; the global registry is not consulted", () => {
    const fake: AddinFunction = {
      id: "VERSION",
      parameters: [],
      result: { dimensionality: "scalar" },
      invoke: () => "fake",
    };
    registerCnai(); // the core's functions, in HyperFormula's global registry
    const plain = HyperFormula.buildFromArray([['=CNAI.PARITY_AT("2H25","low")']], {
      licenseKey: LICENSE_KEY,
    });
    const bundle = fresh();
    const other = new HostWorkbook([fake]);
    bundle.setInput("Sheet1", "A1", "=CNAI.VERSION()");
    other.setInput("Sheet1", "A1", "=CNAI.VERSION()");
    other.setInput("Sheet1", "A2", '=CNAI.PARITY_AT("2H25")');
    expect(bundle.value("Sheet1", "A1")).toBe(call("VERSION"));
    expect(other.value("Sheet1", "A1")).toBe("fake");
    // Functions the set lacks are unknown there, whatever else is registered.
    expect(other.value("Sheet1", "A2")).toMatchObject({ error: "#NAME?" });
    expect(plain.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(0.6);
    expect(bundle.engine.calculateFormula('=CNAI.PARITY_AT("2H25")', 0)).toBe(0.625);
  });
});
