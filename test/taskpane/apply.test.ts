/**
 * The Office.js applier, run by the pane's own actions through Microsoft's Excel client on the Excel
 * host: syncs counted at the host (one request per sync), the order of what each request does, and
 * the workbook it leaves.
 */
import { area, offset } from "../../src/plans/a1";
import {
  ASSUMPTIONS,
  GRID_COST_DECLINES,
  GRID_START_MARGINS,
  LAYOUT,
  MODEL_CELLS,
  MODEL_SHEET,
} from "../../src/plans/model";
import { makeActions } from "../../src/taskpane/actions";
import { hosted as hostWorkbook } from "../helpers/host";
import { parseRect } from "../../src/host/workbook";

/** The cell of an assumption's value on the model sheet. */
const assumptionCell = (name: string) =>
  offset(LAYOUT.assumptionsAt, 1 + ASSUMPTIONS.findIndex((a) => a.name === name), 1);

function hosted() {
  const hostedBook = hostWorkbook();
  return { ...hostedBook, actions: makeActions(hostedBook.run) };
}

/** Sheets in tab order with their visibility. */
const tabs = (book: ReturnType<typeof hosted>["workbook"]) =>
  book
    .worksheets()
    .map((s) => (s.visibility === "Visible" ? s.name : `${s.name} (${s.visibility})`));

describe("Load appendix tables", () => {
  it("is one Excel.run with two syncs: read, then write with calculation and screen updating suspended", async () => {
    const { actions, host, workbook } = hosted();
    const report = await actions.loadAppendixTables();
    expect(report.ok).toBe(true);
    expect(report.summary).toBe(
      'Loaded Table 1 into "Chip Parity" (table ChipParity) and Table 2 into "Token Economics" (table TokenEconomics).'
    );
    expect(host.syncs).toBe(2);
    const { log } = host;
    const firstSync = log.indexOf("sync");
    // Reads first, then the first sync, then writes, then the second sync.
    expect(log.slice(0, firstSync)).toEqual([
      "load WorksheetCollection *",
      "load TableCollection *",
      "load NamedItemCollection *",
    ]);
    expect(log.slice(firstSync + 1, firstSync + 3)).toEqual([
      "Application.suspendApiCalculationUntilNextSync()",
      "Application.suspendScreenUpdatingUntilNextSync()",
    ]);
    const secondSync = log.indexOf("sync", firstSync + 1);
    expect(secondSync).toBeGreaterThan(firstSync + 3);
    // New sheets are built under a temporary name and renamed only at the end of the write.
    const renames = log.filter((e) => /^Worksheet .*\.name = /.test(e));
    expect(renames).toEqual([
      'Worksheet CNAI building chips.name = "Chip Parity"',
      'Worksheet CNAI building tokens.name = "Token Economics"',
    ]);
    const lastFreeze = log.lastIndexOf("WorksheetFreezePanes CNAI building tokens.freezeRows(4)");
    expect(lastFreeze).toBeGreaterThan(0);
    expect(log.indexOf(renames[0])).toBeGreaterThan(lastFreeze);
    expect(log.indexOf(renames[1])).toBeLessThan(secondSync);
    expect(tabs(workbook)).toEqual(["Sheet1", "Chip Parity", "Token Economics"]);
    expect(workbook.activeSheet().name).toBe("Token Economics");
  });

  it("writes each table as one 2-D array and makes it an Excel table with the planned name", async () => {
    const { actions, host, workbook } = hosted();
    await actions.loadAppendixTables();
    expect(
      host.log.filter((e) => e.endsWith(".values = [4×8]") || e.endsWith(".values = [4×5]"))
    ).toEqual([
      "Range 'CNAI building chips'!A4:H7.values = [4×8]",
      "Range 'CNAI building tokens'!A4:E7.values = [4×5]",
    ]);
    expect(workbook.tables().map((t) => [t.name, t.sheet.name, t.rect, t.style])).toEqual([
      ["ChipParity", "Chip Parity", parseRect("A4:H7"), "TableStyleMedium2"],
      ["TokenEconomics", "Token Economics", parseRect("A4:E7"), "TableStyleMedium2"],
    ]);
    // Table 1, 2025 Leading: 60–65%; 2027 Next-Gen 80%+ is open-ended; Table 2: 60 T tokens in Q1 2026.
    expect(workbook.value("Chip Parity", "B5")).toBe(0.6);
    expect(workbook.value("Chip Parity", "C5")).toBe(0.65);
    expect(workbook.value("Chip Parity", "D7")).toBe(true);
    expect(workbook.value("Token Economics", "D6")).toBe(60);
    expect(workbook.cell("Token Economics", "D7").numberFormat).toBe('"$"0.00"/M"');
    expect(workbook.sheet("Chip Parity").frozenRows).toBe(4);
  });

  it("refreshes in place on a second run: same table, same cells, so the analyst's structured references keep working", async () => {
    const { actions, host, workbook } = hosted();
    await actions.loadAppendixTables();
    const analysis = workbook.addSheet("Analysis");
    workbook.setInput("Analysis", "A1", "=SUM(ChipParity[Parity low])");
    const table = workbook.tables()[0];
    // The analyst renames CNAI's sheet.
    workbook.renameSheet(workbook.sheet("Chip Parity"), "My chips");
    host.resetCounts();

    const report = await actions.loadAppendixTables();
    expect(report.ok).toBe(true);
    expect(report.details).toContain('Refreshed in place: "My chips", "Token Economics".');
    // Read the workbook, read what CNAI's tables hold (to keep the analyst's edits), write.
    expect(host.syncs).toBe(3);
    expect(workbook.tables()).toHaveLength(2);
    expect(workbook.tables()[0]).toBe(table);
    expect(table.name).toBe("ChipParity");
    expect(host.log.some((e) => /tableCollection\.add|\.add\(|\.delete\(/i.test(e))).toBe(false);
    expect(workbook.value("My chips", "B4")).toBe("Parity low");
    expect(workbook.cell("Analysis", "A1").input).toBe("=SUM(ChipParity[Parity low])");
    // 60% + 70% + 80%: the three generations' low bounds.
    expect(workbook.value("Analysis", "A1")).toBeCloseTo(2.1, 12);
    expect(analysis.name).toBe("Analysis");
    expect(tabs(workbook)).toEqual(["Sheet1", "My chips", "Token Economics", "Analysis"]);
  });

  it("leaves a sheet named Chip Parity that it did not make exactly as it was, and says which name it used", async () => {
    const { actions, host, workbook } = hosted();
    workbook.addSheet("Chip Parity");
    workbook.setInput("Chip Parity", "A1", "my notes");
    workbook.setInput("Chip Parity", "B4", "=1+1");
    const before = JSON.stringify([
      workbook.cell("Chip Parity", "A1"),
      workbook.cell("Chip Parity", "B4"),
    ]);
    const report = await actions.loadAppendixTables();
    expect(report.ok).toBe(true);
    expect(
      JSON.stringify([workbook.cell("Chip Parity", "A1"), workbook.cell("Chip Parity", "B4")])
    ).toBe(before);
    expect(workbook.usedRange(workbook.sheet("Chip Parity"))).toEqual(parseRect("A1:B4"));
    expect(
      host.log.some((e) => e.includes("'Chip Parity'!") || e.startsWith("Worksheet Chip Parity."))
    ).toBe(false);
    expect(report.summary).toContain('"Chip Parity (2)"');
    expect(report.details[0]).toBe(
      'A sheet named "Chip Parity" that CNAI did not create exists; CNAI used "Chip Parity (2)" and left it untouched.'
    );
  });
});

describe("Build model sheet", () => {
  it("builds tables and model in one run with two syncs, names the assumptions and adds the charts", async () => {
    const { actions, host, workbook } = hosted();
    const report = await actions.buildModelSheet();
    expect(report.ok).toBe(true);
    expect(host.syncs).toBe(2);
    expect(tabs(workbook)).toEqual(["Sheet1", "Chip Parity", "Token Economics", MODEL_SHEET]);
    expect(workbook.cell(MODEL_SHEET, MODEL_CELLS.marginExpansion).input).toBe(
      "=CNAI.MARGIN_EXPANSION(VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare)"
    );
    // 0.36 × (1 − 0.85²): the note's 8–12 pp, computed by the core's functions on the host.
    expect(workbook.value(MODEL_SHEET, MODEL_CELLS.marginExpansion)).toBeCloseTo(0.0999, 12);
    const volume = workbook.findName("VolumeGrowth");
    expect(volume && workbook.nameFormula(volume)).toBe(
      `='CNAI Model'!${area(assumptionCell("VolumeGrowth"), 1, 1, true)}`
    );
    expect(volume?.comment).toMatch(/^CNAI/);
    expect(workbook.sheet(MODEL_SHEET).charts.map((c) => c.name)).toEqual([
      "CNAI scenarios",
      "CNAI risk tornado",
      "CNAI risk histogram",
      "CNAI parity fan",
      "CNAI parity timeline",
      "CNAI token volume vs price",
    ]);
    // Spill areas are cleared before the broadcast formula is written: the grid is 9 × 7.
    const grid = MODEL_CELLS.gridFirstCell;
    const right = area(offset(grid, 0, 1), 1, GRID_COST_DECLINES.length - 1);
    const below = area(
      offset(grid, 1, 0),
      GRID_START_MARGINS.length - 1,
      GRID_COST_DECLINES.length
    );
    expect(host.log).toContain(`Range 'CNAI building model'!${right}.clear("Contents")`);
    expect(host.log).toContain(`Range 'CNAI building model'!${below}.clear("Contents")`);
    // Hidden markers tell the next run which sheets are CNAI's.
    const markers = workbook.names().filter((n) => n.name.startsWith("CNAI_Sheet_"));
    expect(markers.map((m) => [m.name, workbook.nameFormula(m), m.visible])).toEqual([
      ["CNAI_Sheet_chips", "='Chip Parity'!$A$1", false],
      ["CNAI_Sheet_tokens", "='Token Economics'!$A$1", false],
      ["CNAI_Sheet_model", "='CNAI Model'!$A$1", false],
    ]);
  });

  it("a second build refreshes the model in place and keeps the analyst's own cells on it", async () => {
    const { actions, host, workbook } = hosted();
    await actions.buildModelSheet();
    workbook.setInput(MODEL_SHEET, "K2", "=VolumeGrowth*2");
    host.resetCounts();
    const report = await actions.buildModelSheet();
    expect(report.ok).toBe(true);
    expect(host.syncs).toBe(3);
    expect(tabs(workbook)).toEqual(["Sheet1", "Chip Parity", "Token Economics", MODEL_SHEET]);
    expect(workbook.cell(MODEL_SHEET, "K2").input).toBe("=VolumeGrowth*2");
    expect(workbook.value(MODEL_SHEET, "K2")).toBeCloseTo(0.6, 12);
    expect(workbook.names().filter((n) => n.name === "VolumeGrowth")).toHaveLength(1);
    // Scenarios, parity timeline, token volume; the Risk block's tornado, histogram and fan.
    expect(workbook.sheet(MODEL_SHEET).charts).toHaveLength(6);
  });
});

describe("failures are reported in words and leave no half-built sheet", () => {
  it("reports a failing request with Excel's code", async () => {
    const { actions, host, workbook } = hosted();
    host.faults = { failSync: 0, failCode: "InvalidOperationInCellEditMode" };
    const report = await actions.loadAppendixTables();
    expect(report.ok).toBe(false);
    expect(report.summary).toBe(
      "CNAI could not load the appendix tables: Request 0 failed (fault injected). (InvalidOperationInCellEditMode)"
    );
    expect(tabs(workbook)).toEqual(["Sheet1"]);
  });

  it("removes the sheets and names it had started when the write fails part-way", async () => {
    const { actions, host, workbook } = hosted();
    // Count the steps up to the first chart, then fail there.
    const probe = hosted();
    await probe.actions.buildModelSheet();
    const chart = probe.host.log
      .filter((e) => e !== "sync")
      .findIndex((e) => /ChartCollection.*\.add\(/.test(e));
    expect(chart).toBeGreaterThan(0);
    host.faults = { failStep: chart, failCode: "GeneralException" };
    const report = await actions.buildModelSheet();
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(
      /^CNAI could not build the model sheet: Step \d+ \(.*\.add\(.*\) failed/
    );
    expect(report.details[0]).toMatch(/Nothing was left half-built/);
    expect(tabs(workbook)).toEqual(["Sheet1"]);
    expect(workbook.names()).toHaveLength(0);
    expect(workbook.tables()).toHaveLength(0);

    host.faults = {};
    expect((await actions.buildModelSheet()).ok).toBe(true);
    expect(tabs(workbook)).toEqual(["Sheet1", "Chip Parity", "Token Economics", MODEL_SHEET]);
    // Scenarios, parity timeline, token volume; the Risk block's tornado, histogram and fan.
    expect(workbook.sheet(MODEL_SHEET).charts).toHaveLength(6);
  });
});

describe("Insert", () => {
  it("writes the formula into the active cell", async () => {
    const { actions, workbook } = hosted();
    workbook.select(
      workbook.sheet("Sheet1"),
      parseRect("C3") as NonNullable<ReturnType<typeof parseRect>>
    );
    const report = await actions.insertFormula("=CNAI.TOKEN_MARGIN(30%,15%,2)");
    expect(report).toEqual({
      ok: true,
      summary: "Inserted =CNAI.TOKEN_MARGIN(30%,15%,2) in Sheet1!C3.",
      details: [],
    });
    expect(workbook.cell("Sheet1", "C3").input).toBe("=CNAI.TOKEN_MARGIN(30%,15%,2)");
    // 1 − 0.36 × 0.85²: the margin after two years, from the note's Valuation paragraph.
    expect(workbook.value("Sheet1", "C3")).toBeCloseTo(0.7399, 12);
  });
});
