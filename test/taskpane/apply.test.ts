/** The Office.js applier against an in-memory Excel behind office-addin-mock. */
import { MODEL_CELLS } from "../../src/plans/model";
import { makeActions } from "../../src/taskpane/actions";
import { FakeExcel } from "../helpers/fake-excel";

describe("Load appendix tables", () => {
  it("is one Excel.run with two syncs: read, then write with calculation and screen updating suspended", async () => {
    const excel = new FakeExcel();
    const report = await makeActions(excel.run).loadAppendixTables();
    expect(report.ok).toBe(true);
    expect(report.summary).toBe(
      'Loaded Table 1 into "Chip Parity" (table ChipParity) and Table 2 into "Token Economics" (table TokenEconomics).'
    );
    expect(excel.runs).toBe(1);
    expect(excel.syncs).toBe(2);
    const log = excel.log;
    const firstSync = log.indexOf("sync");
    // Reads first, then the first sync, then writes, then the second sync, last.
    expect(log.slice(0, firstSync)).toEqual([
      "load worksheets items",
      "load tables items",
      "load names items",
    ]);
    expect(log.slice(firstSync + 1, firstSync + 3)).toEqual([
      "suspend calculation",
      "suspend screen updating",
    ]);
    expect(log.lastIndexOf("sync")).toBe(log.length - 1);
    // New sheets are built under a temporary name and renamed only at the end of the batch.
    const renames = log.filter((e) => e.startsWith("rename"));
    expect(renames).toEqual([
      "rename CNAI building chips → Chip Parity",
      "rename CNAI building tokens → Token Economics",
    ]);
    expect(log.indexOf(renames[0])).toBeGreaterThan(
      log.indexOf("Token Economics freezeRows 4") - 1
    );
    expect(excel.liveSheets().map((s) => s.name)).toEqual(["Chip Parity", "Token Economics"]);
  });

  it("writes each table as one 2-D array and makes it an Excel table with the planned name", async () => {
    const excel = new FakeExcel();
    await makeActions(excel.run).loadAppendixTables();
    expect(excel.log.filter((e) => e.endsWith(" values"))).toEqual([
      "CNAI building chips!A4:H7 values",
      "CNAI building tokens!A4:E7 values",
    ]);
    expect(excel.tables.map((t) => [t.name, t.sheet.name, t.address])).toEqual([
      ["ChipParity", "Chip Parity", "A4:H7"],
      ["TokenEconomics", "Token Economics", "A4:E7"],
    ]);
    expect(excel.value("Chip Parity", "B5")).toBe(0.6);
    expect(excel.value("Chip Parity", "D7")).toBe(true);
    expect(excel.value("Token Economics", "D6")).toBe(60);
    expect(excel.sheet("Token Economics").cells.get("D7")?.numberFormat).toBe('"$"0.00"/M"');
  });

  it("refreshes in place on a second run: same table, same cells, so the analyst's structured references keep working", async () => {
    const excel = new FakeExcel();
    const actions = makeActions(excel.run);
    await actions.loadAppendixTables();
    const analyst = excel.addSheet("Analysis");
    analyst.cells.set("A1", { formula: "=SUM(ChipParity[Parity low])" });
    const table = excel.tables[0];
    excel.sheet("Chip Parity").name = "My chips"; // the analyst renames CNAI's sheet
    excel.log.length = 0;
    excel.syncs = 0;

    const report = await actions.loadAppendixTables();
    expect(report.ok).toBe(true);
    expect(report.details).toContain('Refreshed in place: "My chips", "Token Economics".');
    expect(excel.syncs).toBe(2);
    expect(excel.tables.filter((t) => !t.deleted)).toHaveLength(2);
    expect(excel.tables[0]).toBe(table);
    expect(table.name).toBe("ChipParity");
    expect(
      excel.log.some(
        (e) => e.includes("tables.add") || e.startsWith("add sheet") || e.startsWith("delete sheet")
      )
    ).toBe(false);
    expect(excel.value("My chips", "B4")).toBe("Parity low");
    expect(excel.value("Analysis", "A1")).toBe("=SUM(ChipParity[Parity low])");
    expect(excel.liveSheets().map((s) => s.name)).toEqual([
      "My chips",
      "Token Economics",
      "Analysis",
    ]);
  });

  it("leaves a sheet named Chip Parity that it did not make exactly as it was, and says which name it used", async () => {
    const excel = new FakeExcel();
    const mine = excel.addSheet("Chip Parity");
    mine.cells.set("A1", { formula: "my notes", numberFormat: "@" });
    mine.cells.set("B4", { formula: "=1+1" });
    const before = JSON.stringify([...mine.cells.entries()]);
    const report = await makeActions(excel.run).loadAppendixTables();
    expect(report.ok).toBe(true);
    expect(JSON.stringify([...mine.cells.entries()])).toBe(before);
    expect(mine.name).toBe("Chip Parity");
    expect(
      excel.log.some((e) => e.startsWith("Chip Parity!") || e.startsWith("Chip Parity "))
    ).toBe(false);
    expect(report.summary).toContain('"Chip Parity (2)"');
    expect(report.details[0]).toBe(
      'A sheet named "Chip Parity" that CNAI did not create exists; CNAI used "Chip Parity (2)" and left it untouched.'
    );
  });
});

describe("Build model sheet", () => {
  it("builds tables and model in one run with two syncs, names the assumptions and adds the charts", async () => {
    const excel = new FakeExcel();
    const report = await makeActions(excel.run).buildModelSheet();
    expect(report.ok).toBe(true);
    expect(excel.syncs).toBe(2);
    expect(excel.liveSheets().map((s) => s.name)).toEqual([
      "Chip Parity",
      "Token Economics",
      "CNAI Model",
    ]);
    expect(excel.value("CNAI Model", MODEL_CELLS.marginExpansion)).toBe(
      "=CNAI.MARGIN_EXPANSION(VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare)"
    );
    const volume = excel.names.find((n) => n.name === "VolumeGrowth");
    expect(volume?.formula).toBe("='CNAI Model'!$B$5");
    expect(volume?.comment).toMatch(/^CNAI/);
    expect(excel.sheet("CNAI Model").charts.map((c) => c.name)).toEqual([
      "CNAI parity timeline",
      "CNAI token volume vs price",
    ]);
    // Spill areas are cleared before the broadcast formula is written.
    expect(excel.log).toContain("CNAI building model!C53:H53 clear Contents");
    expect(excel.log).toContain("CNAI building model!B54:H61 clear Contents");
    // Hidden markers tell the next run which sheets are CNAI's.
    const markers = excel.names.filter((n) => n.name.startsWith("CNAI_Sheet_"));
    expect(markers.map((m) => [m.name, m.formula, m.visible])).toEqual([
      ["CNAI_Sheet_chips", "='Chip Parity'!$A$1", false],
      ["CNAI_Sheet_tokens", "='Token Economics'!$A$1", false],
      ["CNAI_Sheet_model", "='CNAI Model'!$A$1", false],
    ]);
  });

  it("a second build refreshes the model in place and keeps the analyst's own cells on it", async () => {
    const excel = new FakeExcel();
    const actions = makeActions(excel.run);
    await actions.buildModelSheet();
    excel.sheet("CNAI Model").cells.set("K2", { formula: "=VolumeGrowth*2" });
    excel.syncs = 0;
    const report = await actions.buildModelSheet();
    expect(report.ok).toBe(true);
    expect(excel.syncs).toBe(2);
    expect(excel.liveSheets().map((s) => s.name)).toEqual([
      "Chip Parity",
      "Token Economics",
      "CNAI Model",
    ]);
    expect(excel.value("CNAI Model", "K2")).toBe("=VolumeGrowth*2");
    expect(
      excel.names.filter((n) => n.name === "VolumeGrowth" && !(n as { deleted?: boolean }).deleted)
    ).toHaveLength(1);
    expect(excel.sheet("CNAI Model").charts).toHaveLength(2);
  });
});

describe("failures are reported in words and leave no half-built sheet", () => {
  it("reports a failing Excel.run", async () => {
    const excel = new FakeExcel({ failRun: true });
    const report = await makeActions(excel.run).loadAppendixTables();
    expect(report.ok).toBe(false);
    expect(report.summary).toBe(
      "CNAI could not load the appendix tables: Excel is busy: a cell is being edited. (InvalidOperation)"
    );
    expect(excel.liveSheets()).toHaveLength(0);
  });

  it("removes the sheets and names it had started when the write fails part-way", async () => {
    const excel = new FakeExcel({ failOn: /charts\.add/ });
    const report = await makeActions(excel.run).buildModelSheet();
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^CNAI could not build the model sheet: The operation failed/);
    expect(report.details[0]).toMatch(/Nothing was left half-built/);
    expect(excel.liveSheets()).toHaveLength(0);
    expect(excel.names.filter((n) => !(n as { deleted?: boolean }).deleted)).toHaveLength(0);
  });

  it("succeeds when run again after the failure", async () => {
    const excel = new FakeExcel({ failOn: /charts\.add/ });
    const actions = makeActions(excel.run);
    expect((await actions.buildModelSheet()).ok).toBe(false);
    excel.options.failOn = undefined;
    const report = await actions.buildModelSheet();
    expect(report.ok).toBe(true);
    expect(excel.liveSheets().map((s) => s.name)).toEqual([
      "Chip Parity",
      "Token Economics",
      "CNAI Model",
    ]);
    expect(excel.sheet("CNAI Model").charts).toHaveLength(2);
  });
});

describe("Insert", () => {
  it("writes the formula into the active cell", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Sheet1");
    excel.activeCell = "C3";
    const report = await makeActions(excel.run).insertFormula("=CNAI.TOKEN_MARGIN(30%,15%,2)");
    expect(report).toEqual({
      ok: true,
      summary: "Inserted =CNAI.TOKEN_MARGIN(30%,15%,2) in Sheet1!C3.",
      details: [],
    });
    expect(excel.value("Sheet1", "C3")).toBe("=CNAI.TOKEN_MARGIN(30%,15%,2)");
  });
});
