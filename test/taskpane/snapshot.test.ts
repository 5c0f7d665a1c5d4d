/**
 * Snapshot and Restore on the in-memory Excel behind office-addin-mock: the model built by the
 * pane's own action, its formulas given the values the core computes (through the workbench engine),
 * then turned into values and back.
 */
import { cellAddress, offset, parseCell } from "../../src/plans/a1";
import { LAYOUT, MODEL_CELLS, MODEL_SHEET, planBuildModel } from "../../src/plans/model";
import { EMPTY_WORKBOOK } from "../../src/plans/plan";
import { makeActions } from "../../src/taskpane/actions";
import {
  SNAPSHOT_MARKER,
  SNAPSHOT_SHEET,
  callsCnai,
  fingerprint,
  makeSnapshotActions,
} from "../../src/taskpane/snapshot";
import { FakeCell, FakeExcel } from "../helpers/fake-excel";
import { evaluatePlan } from "../helpers/hyperformula";

const MODEL = MODEL_SHEET;

/** Every formula's value as Excel would show it, from the core: spills laid as Excel lays them. */
function calculate(excel: FakeExcel): void {
  const book = evaluatePlan(planBuildModel(EMPTY_WORKBOOK));
  const shown = (value: unknown) =>
    value !== null && typeof value === "object" ? (value as { error: string }).error : value;
  for (const sheet of excel.liveSheets()) {
    if (sheet.visibility === "VeryHidden") continue;
    for (const [a1, cell] of [...sheet.cells]) {
      if (typeof cell.formula !== "string" || !cell.formula.startsWith("=") || cell.text) continue;
      const { rows, columns } = book.spill(sheet.name, a1);
      const end = offset(a1, rows - 1, columns - 1);
      const values = book.range(sheet.name, `${a1}:${end}`).map((row) => row.map(shown));
      excel.setValue(sheet.name, a1, rows * columns > 1 ? values : values[0][0]);
    }
  }
}

async function builtModel(): Promise<FakeExcel> {
  const excel = new FakeExcel();
  const report = await makeActions(excel.run).buildModelSheet();
  expect(report.ok).toBe(true);
  calculate(excel);
  excel.activeSheet = MODEL;
  return excel;
}

/** What the analyst sees and what each cell holds, sheet by sheet (the hidden sheet apart). */
function picture(excel: FakeExcel, which: "visible" | "all" = "visible") {
  return excel
    .liveSheets()
    .filter((s) => which === "all" || s.visibility !== "VeryHidden")
    .map((s) => ({
      name: s.name,
      cells: [...s.cells.entries()]
        .map(([a1, c]) => [a1, { ...c }] as [string, FakeCell])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    }));
}

/** Every cell's value as shown, by "sheet!A1". */
function shownValues(excel: FakeExcel): Map<string, unknown> {
  return new Map(
    excel
      .liveSheets()
      .flatMap((s) =>
        [...s.cells.keys()].map((a1) => [`${s.name}!${a1}`, excel.shown(s.name, a1).value])
      )
  );
}

/** Every cell's content as written, by "sheet!A1"; the hidden sheet apart. */
function contents(excel: FakeExcel): Map<string, unknown> {
  return new Map(
    excel
      .liveSheets()
      .filter((s) => s.visibility !== "VeryHidden")
      .flatMap((s) => [...s.cells].map(([a1, c]) => [`${s.name}!${a1}`, c.formula ?? ""]))
  );
}

function cnaiFormulas(excel: FakeExcel, sheet: string): string[] {
  return [...excel.sheet(sheet).cells.entries()]
    .filter(([, cell]) => !cell.text && callsCnai(cell.formula))
    .map(([a1]) => a1);
}

const store = (excel: FakeExcel) =>
  excel.liveSheets().find((s) => s.visibility === "VeryHidden") as FakeExcel["sheets"][number];

/** The rows of the hidden sheet, as written. */
function storedRows(excel: FakeExcel): unknown[][] {
  const sheet = store(excel);
  const rows: unknown[][] = [];
  for (let row = 0; ; row++) {
    const cells = [0, 1, 2, 3, 4].map(
      (column) => sheet.cells.get(cellAddress({ row, column }))?.formula
    );
    if (cells.every((c) => c === undefined || c === "")) break;
    rows.push(cells);
  }
  return rows;
}

describe("callsCnai and fingerprint", () => {
  test.each([
    ["=CNAI.PARITY_AT(B5)", true],
    ["=cnai.parity_at(B5)", true],
    ["=1-(1-CNAI.PRICE_COMPRESSION(B11,B12))", true],
    ["=SUM(B5:B9)", false],
    ['="CNAI.PARITY_AT(B5)"', false],
    ["CNAI.PARITY_AT(B5)", false],
    [0.625, false],
    ["", false],
  ])("%p calls CNAI: %p", (formula, expected) => {
    expect(callsCnai(formula)).toBe(expected);
  });

  test("a fingerprint tells values apart, and is the same for the same values", () => {
    expect(fingerprint([[0.625]])).toBe(fingerprint([[0.625]]));
    expect(fingerprint([[0.625]])).not.toBe(fingerprint([[0.6250001]]));
    expect(fingerprint([[1, 2]])).not.toBe(fingerprint([[1], [2]]));
    expect(fingerprint([["1"]])).not.toBe(fingerprint([[1]]));
    expect(fingerprint([[0.625]])).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("Snapshot of the model sheet", () => {
  it("turns every CNAI formula of the sheet into its value, spills whole, and says how many", async () => {
    const excel = await builtModel();
    const formulasBefore = cnaiFormulas(excel, MODEL);
    expect(formulasBefore.length).toBeGreaterThan(10);
    const shownBefore = shownValues(excel);
    const margin = excel.shown(MODEL, MODEL_CELLS.marginExpansion).value;
    const gridCell = excel.shown(MODEL, offset(MODEL_CELLS.gridFirstCell, 3, 2)).value;
    expect(margin).toBeCloseTo(0.0999, 12);

    excel.syncs = 0;
    const report = await makeSnapshotActions(excel.run).snapshot("sheet");
    expect(report.ok).toBe(true);
    // 9 outputs and facts of one cell each, 5 timeline columns of 13, a 9 × 7 grid.
    expect(report.summary).toBe(
      `Snapshot: ${formulasBefore.length} CNAI formulas in 'CNAI Model' turned into their values (${formulasBefore.length - 6 + 5 * 13 + 9 * 7} cells). Restore formulas brings them back.`
    );
    expect(report.details).toEqual([
      `The original formulas are kept in the hidden sheet "${SNAPSHOT_SHEET}".`,
    ]);
    expect(excel.runs).toBe(2);
    expect(excel.syncs).toBe(4);

    expect(cnaiFormulas(excel, MODEL)).toEqual([]);
    // The sheets show what they showed: the same value in every cell, spilled ones included.
    for (const [key, value] of shownBefore) {
      const [sheet, a1] = key.split("!");
      expect({ key, value: excel.shown(sheet, a1).value }).toEqual({ key, value });
    }
    expect(excel.shown(MODEL, MODEL_CELLS.marginExpansion)).toEqual({
      formula: margin,
      value: margin,
    });
    expect(excel.shown(MODEL, offset(MODEL_CELLS.gridFirstCell, 3, 2)).value).toBe(gridCell);
    // Text results stay text: the timeline's dates are numbers, the labels beside them text.
    const label = excel.sheet(MODEL).cells.get(offset(LAYOUT.timelineAt, 2, 0));
    expect(label?.formula).toBe("2H25");
  });

  it("leaves formats, other formulas and other sheets untouched", async () => {
    const excel = await builtModel();
    const before = picture(excel);
    excel.log.length = 0;
    await makeSnapshotActions(excel.run).snapshot("sheet");
    const after = picture(excel);
    expect(after.map((s) => s.name)).toEqual(before.map((s) => s.name));
    for (const sheet of before) {
      const now = after.find((s) => s.name === sheet.name) as (typeof after)[number];
      for (const [a1, cell] of sheet.cells) {
        const later = now.cells.find(([x]) => x === a1)?.[1] as FakeCell;
        expect({ a1, numberFormat: later.numberFormat }).toEqual({
          a1,
          numberFormat: cell.numberFormat,
        });
        if (sheet.name !== MODEL || !callsCnai(cell.formula))
          if (!cell.spilledFrom)
            expect({ a1, formula: later.formula }).toEqual({ a1, formula: cell.formula });
      }
    }
    // Writes are contents only: no format, no clear, on any sheet but the hidden one.
    const writes = excel.log.filter((e) => /numberFormat|font\.|fill\.|clear /.test(e));
    expect(writes.filter((e) => !e.startsWith(SNAPSHOT_SHEET))).toEqual([]);
    // INDEX/MATCH and arithmetic stay formulas.
    const reconciliation = offset(LAYOUT.reconciliationAt, 2, 1);
    expect(excel.value(MODEL, reconciliation)).toMatch(/^=INDEX\(TokenEconomics\[/);
  });

  it("keeps each original in a very hidden sheet CNAI marks as its own", async () => {
    const excel = await builtModel();
    const formulas = new Map(
      cnaiFormulas(excel, MODEL).map((a1) => [a1, excel.value(MODEL, a1) as string])
    );
    await makeSnapshotActions(excel.run).snapshot("sheet");
    const hidden = store(excel);
    expect(hidden.name).toBe(SNAPSHOT_SHEET);
    expect(hidden.visibility).toBe("VeryHidden");
    const marker = excel.names.find((n) => n.name === SNAPSHOT_MARKER);
    expect(marker?.visible).toBe(false);
    expect(marker?.formula).toBe(`='${SNAPSHOT_SHEET}'!$A$1`);
    const [header, ...rows] = storedRows(excel);
    expect(header).toEqual(["Sheet", "Address", "Formula", "Values", "Sheet id"]);
    expect(rows).toHaveLength(formulas.size);
    for (const [sheet, address, formula, values, id] of rows) {
      expect(sheet).toBe(MODEL);
      expect(id).toBe(excel.sheet(MODEL).id);
      expect(formula).toBe(formulas.get(String(address).split(":")[0]));
      expect(values).toMatch(/^[0-9a-f]{16}$/);
    }
    // Spilled formulas are kept with their whole range.
    const grid = rows.find(([, address]) => String(address).startsWith(MODEL_CELLS.gridFirstCell));
    expect(grid?.[1]).toBe(
      `${MODEL_CELLS.gridFirstCell}:${offset(MODEL_CELLS.gridFirstCell, 8, 6)}`
    );
    // Kept as text: the hidden sheet holds no formula.
    for (const cell of hidden.cells.values())
      expect(cell.text || typeof cell.formula !== "string" || !cell.formula.startsWith("=")).toBe(
        true
      );
  });

  it("is harmless twice: the second finds nothing to convert and keeps the first's originals", async () => {
    const excel = await builtModel();
    const actions = makeSnapshotActions(excel.run);
    await actions.snapshot("sheet");
    const once = picture(excel, "all");
    excel.syncs = 0;
    const again = await actions.snapshot("sheet");
    expect(again.ok).toBe(true);
    expect(again.summary).toBe("No CNAI formulas in 'CNAI Model': nothing to snapshot.");
    expect(again.details[0]).toMatch(
      /^\d+ cells hold the values of an earlier snapshot here; left as they are\.$/
    );
    expect(excel.syncs).toBe(2);
    expect(picture(excel, "all")).toEqual(once);
  });

  it("appends to the kept formulas when a later snapshot converts more", async () => {
    const excel = await builtModel();
    const actions = makeSnapshotActions(excel.run);
    excel.selection = MODEL_CELLS.marginExpansion;
    const first = await actions.snapshot("selection");
    expect(first.summary).toBe(
      "Snapshot: 1 CNAI formula in the selection turned into its value. Restore formulas brings them back."
    );
    expect(storedRows(excel)).toHaveLength(2);
    const second = await actions.snapshot("sheet");
    expect(second.ok).toBe(true);
    expect(second.details).toEqual([
      "1 cell holds the value of an earlier snapshot here; left as it is.",
    ]);
    const rows = storedRows(excel).slice(1);
    expect(rows[0][1]).toBe(MODEL_CELLS.marginExpansion);
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
  });

  it("snapshots a selection: only the formulas whose cell is in it, a spill whole", async () => {
    const excel = await builtModel();
    const timeline = offset(LAYOUT.timelineAt, 2, 1);
    excel.selection = `${timeline}:${offset(timeline, 0, 1)}`; // the first row of Low and Mid
    const report = await makeSnapshotActions(excel.run).snapshot("selection");
    expect(report.summary).toBe(
      "Snapshot: 2 CNAI formulas in the selection turned into their values (26 cells). Restore formulas brings them back."
    );
    expect(callsCnai(excel.value(MODEL, timeline))).toBe(false);
    expect(callsCnai(excel.value(MODEL, offset(timeline, 0, 2)))).toBe(true);
    expect(callsCnai(excel.value(MODEL, MODEL_CELLS.marginExpansion))).toBe(true);
    // The rest of the spill is values now, not spilled from a formula.
    const below = excel.sheet(MODEL).cells.get(offset(timeline, 12, 0));
    expect(below?.spilledFrom).toBeUndefined();
    expect(typeof below?.formula).toBe("number");
  });

  it("snapshots the workbook: every sheet, the hidden one excepted", async () => {
    const excel = await builtModel();
    const other = excel.addSheet("Analysis");
    other.cells.set("A1", { formula: '=CNAI.PARITY_AT("2H25")', value: 0.625 });
    other.cells.set("A2", { formula: "=A1*2", value: 1.25 });
    const report = await makeSnapshotActions(excel.run).snapshot("workbook");
    expect(report.summary).toMatch(/ in 'CNAI Model' and Analysis turned into their values/);
    expect(other.cells.get("A1")?.formula).toBe(0.625);
    expect(other.cells.get("A2")?.formula).toBe("=A1*2");
    for (const sheet of excel.liveSheets()) expect(cnaiFormulas(excel, sheet.name)).toEqual([]);
  });

  it("never takes over a sheet named CNAI Snapshot that CNAI did not make", async () => {
    const excel = await builtModel();
    const theirs = excel.addSheet(SNAPSHOT_SHEET);
    theirs.cells.set("A1", { formula: "my notes" });
    const report = await makeSnapshotActions(excel.run).snapshot("sheet");
    expect(report.details).toContain(
      `A sheet named "${SNAPSHOT_SHEET}" that CNAI did not create exists; CNAI keeps the formulas in "${SNAPSHOT_SHEET} (2)" instead.`
    );
    expect(theirs.cells.get("A1")?.formula).toBe("my notes");
    expect(theirs.visibility).toBeUndefined();
    expect(store(excel).name).toBe(`${SNAPSHOT_SHEET} (2)`);
    // Found again by its marker, even renamed.
    store(excel).name = "Kept";
    excel.activeSheet = MODEL;
    const restored = await makeSnapshotActions(excel.run).restore("sheet");
    expect(restored.ok).toBe(true);
    expect(cnaiFormulas(excel, MODEL).length).toBeGreaterThan(10);
  });

  it("says so, and converts one cell per formula, on a host that cannot tell spills", async () => {
    const excel = await builtModel();
    excel.selection = MODEL_CELLS.marginExpansion;
    const report = await makeSnapshotActions(excel.run, { knowsSpills: () => false }).snapshot(
      "selection"
    );
    expect(report.ok).toBe(true);
    expect(report.details).toContain(
      "This version of Excel cannot say where a formula spills (ExcelApi 1.12): each CNAI formula was turned into the value of its own cell."
    );
    expect(excel.syncs).toBeGreaterThan(0);
  });

  it("reports a failure in words, and keeps what it converted restorable", async () => {
    const excel = await builtModel();
    const grid = `${MODEL_CELLS.gridFirstCell}:${offset(MODEL_CELLS.gridFirstCell, 8, 6)}`;
    excel.options.failOn = new RegExp(`^${MODEL}!${grid} formulas$`);
    const report = await makeSnapshotActions(excel.run).snapshot("sheet");
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^CNAI could not take the snapshot: The operation failed/);
    excel.options.failOn = undefined;
    const restored = await makeSnapshotActions(excel.run).restore("sheet");
    expect(restored.ok).toBe(true);
    const fresh = await builtModel();
    for (const a1 of cnaiFormulas(fresh, MODEL))
      expect({ a1, formula: excel.value(MODEL, a1) }).toEqual({
        a1,
        formula: fresh.value(MODEL, a1),
      });
    expect(storedRows(excel)).toHaveLength(1);
  });
});

describe("Restore formulas", () => {
  it("brings every formula back byte for byte, empties spill ranges, and removes the kept rows", async () => {
    const excel = await builtModel();
    const formulas = contents(excel);
    const actions = makeSnapshotActions(excel.run);
    const taken = await actions.snapshot("workbook");
    expect(taken.ok).toBe(true);
    excel.syncs = 0;
    excel.runs = 0;
    const report = await actions.restore();
    expect(report.ok).toBe(true);
    const count = cnaiFormulas(excel, MODEL).length;
    expect(report.summary).toBe(
      `Restored ${count} CNAI formulas in 'CNAI Model'; Excel calculates them again.`
    );
    expect(excel.runs).toBe(1);
    expect(excel.syncs).toBe(3);
    // Byte for byte; a spill's other cells, values in the snapshot, are empty for it to spill again.
    const now = contents(excel);
    for (const [key, formula] of now)
      expect({ key, formula }).toEqual({ key, formula: formulas.get(key) ?? "" });
    for (const [key, formula] of formulas)
      if (formula !== "") expect({ key, formula: now.get(key) }).toEqual({ key, formula });
    expect(storedRows(excel)).toEqual([["Sheet", "Address", "Formula", "Values", "Sheet id"]]);
    // Nothing left to restore; a second restore says so and writes nothing.
    const again = await actions.restore();
    expect(again.summary).toBe("No snapshot to restore in the workbook.");
  });

  it("leaves cells the analyst changed after the snapshot, names them, and keeps their formulas", async () => {
    const excel = await builtModel();
    const actions = makeSnapshotActions(excel.run);
    await actions.snapshot("sheet");
    const edited = MODEL_CELLS.marginExpansion;
    excel.sheet(MODEL).cells.get(edited)!.formula = 0.11; // typed over the value
    const spillEdit = offset(MODEL_CELLS.gridFirstCell, 4, 4);
    excel.sheet(MODEL).cells.get(spillEdit)!.formula = "n/a"; // inside a spilled block
    const report = await actions.restore("sheet");
    expect(report.ok).toBe(true);
    expect(report.details).toEqual([
      `2 cells were changed after the snapshot and were left as they are: 'CNAI Model'!${edited} and 'CNAI Model'!${MODEL_CELLS.gridFirstCell}. Their formulas are still kept; undo the change, or clear the cells, and restore again.`,
    ]);
    expect(excel.value(MODEL, edited)).toBe(0.11);
    expect(excel.value(MODEL, spillEdit)).toBe("n/a");
    const rows = storedRows(excel).slice(1);
    expect(rows.map((r) => String(r[1]).split(":")[0]).sort()).toEqual(
      [edited, MODEL_CELLS.gridFirstCell].sort()
    );
    // Put back as the snapshot left it, and it restores.
    const fresh = await builtModel();
    excel.sheet(MODEL).cells.get(edited)!.formula = fresh.shown(MODEL, edited).value;
    const later = await actions.restore("sheet");
    expect(later.summary).toBe(
      "Restored 1 CNAI formula in 'CNAI Model'; Excel calculates it again."
    );
    expect(excel.value(MODEL, edited)).toBe(fresh.value(MODEL, edited));
  });

  it("finds a sheet the analyst renamed after the snapshot, by its id", async () => {
    const excel = await builtModel();
    const formulas = contents(excel);
    const actions = makeSnapshotActions(excel.run);
    await actions.snapshot("sheet");
    excel.sheet(MODEL).name = "Model for PMs";
    const report = await actions.restore();
    expect(report.summary).toMatch(/^Restored \d+ CNAI formulas in 'Model for PMs';/);
    for (const [key, formula] of formulas)
      if (key.startsWith(`${MODEL}!`) && callsCnai(formula))
        expect(excel.value("Model for PMs", key.slice(MODEL.length + 1))).toBe(formula);
  });

  it("restores a selection only", async () => {
    const excel = await builtModel();
    const actions = makeSnapshotActions(excel.run);
    await actions.snapshot("sheet");
    excel.selection = `${MODEL_CELLS.marginAfter}:${MODEL_CELLS.priceCompression}`;
    const report = await actions.restore("selection");
    expect(report.summary).toBe(
      "Restored 3 CNAI formulas in the selection; Excel calculates them again."
    );
    expect(cnaiFormulas(excel, MODEL).sort()).toEqual(
      [MODEL_CELLS.marginAfter, MODEL_CELLS.marginExpansion, MODEL_CELLS.priceCompression].sort()
    );
  });

  it("says there is nothing to restore in a workbook that never had a snapshot", async () => {
    const excel = await builtModel();
    const report = await makeSnapshotActions(excel.run).restore();
    expect(report).toEqual({
      ok: true,
      summary: "No snapshot to restore in the workbook.",
      details: [],
    });
    expect(excel.syncs).toBeLessThanOrEqual(3);
  });

  it("keeps the formulas of a sheet that was deleted, and says so", async () => {
    const excel = await builtModel();
    const other = excel.addSheet("Scratch");
    other.cells.set("B2", { formula: '=CNAI.PARITY_AT("2H25")', value: 0.625 });
    const actions = makeSnapshotActions(excel.run);
    await actions.snapshot("workbook");
    other.deleted = true;
    const report = await actions.restore();
    expect(report.details).toContain(
      '1 kept formula belongs to sheets that no longer exist ("Scratch"); kept.'
    );
    expect(storedRows(excel).slice(1)).toEqual([
      ["Scratch", "B2", '=CNAI.PARITY_AT("2H25")', expect.any(String), other.id],
    ]);
  });

  it("reports in Chinese when the pane speaks Chinese", async () => {
    const excel = await builtModel();
    const actions = makeSnapshotActions(excel.run);
    const taken = await actions.snapshot("sheet", "zh-CN");
    expect(taken.summary).toMatch(
      /^快照：'CNAI Model'中的\d+个CNAI公式已转换为值（\d+个单元格）。/
    );
    const restored = await actions.restore("sheet", "zh-CN");
    expect(restored.summary).toMatch(/^已在'CNAI Model'中恢复\d+个CNAI公式/);
  });
});

test("the model's first grid cell is where the plan puts it", () => {
  expect(parseCell(MODEL_CELLS.gridFirstCell)).toEqual(parseCell(offset(LAYOUT.gridAt, 2, 1)));
});

/**
 * Fault injection, as test/taskpane/faults.test.ts does for the other actions: every operation made
 * to fail in turn. Each time the report says so, and a Restore afterwards gives back every formula.
 */
describe.each(["snapshot", "restore"] as const)("%s failing at every step", (action) => {
  async function prepared(): Promise<FakeExcel> {
    const excel = await builtModel();
    if (action === "restore") await makeSnapshotActions(excel.run).snapshot("workbook");
    excel.log.length = 0;
    return excel;
  }

  it("reports the failure, and Restore then brings back every original formula", async () => {
    const reference = await builtModel();
    const originals = contents(reference);
    const probe = await prepared();
    await makeSnapshotActions(probe.run)[action]("workbook");
    const steps = probe.log.length;
    expect(steps).toBeGreaterThan(20);

    for (let step = 0; step < steps; step++) {
      const excel = await prepared();
      const actions = makeSnapshotActions(excel.run);
      excel.options.failAtStep = step;
      const report = await actions[action]("workbook");
      excel.options.failAtStep = undefined;
      const where = `failing at step ${step} (${excel.log[excel.log.length - 1] ?? "start"})`;
      expect({ where, ok: report.ok }).toEqual({ where, ok: false });
      expect(report.summary).toMatch(/^CNAI could not (take the snapshot|restore the formulas): /);

      const again = await actions.restore("workbook");
      expect({ where, ok: again.ok }).toEqual({ where, ok: true });
      const now = contents(excel);
      for (const [key, formula] of originals)
        if (callsCnai(formula))
          expect({ where, key, formula: now.get(key) }).toEqual({ where, key, formula });
    }
  });
});
