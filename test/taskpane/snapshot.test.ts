/**
 * Snapshot and Restore, the pane's own code through Microsoft's Excel client on the Excel host: the
 * model built by the pane's own action and calculated by the host (the core's functions), then
 * turned into values and back.
 */
import { cellAddress, offset, parseCell } from "../../src/plans/a1";
import {
  LAYOUT,
  MODEL_CELLS,
  MODEL_SHEET,
  SCENARIOS,
  TIMELINE_PERIODS,
} from "../../src/plans/model";
import { makeActions } from "../../src/taskpane/actions";
import { SNAPSHOT_TEXT } from "../../src/taskpane/text";
import {
  SNAPSHOT_MARKER,
  SNAPSHOT_SHEET,
  callsCnai,
  fingerprint,
  makeSnapshotActions,
} from "../../src/taskpane/snapshot";
import type { HostedWorkbook } from "../../src/host/node";
import { hosted as hostWorkbook, picture } from "../helpers/host";
import { stepsThatMatter } from "./faults";
import type { AddinFunction } from "../../src/host/contract";
import { HostSheet, HostWorkbook, excelValue, parseRect } from "../../src/host/workbook";

const MODEL = MODEL_SHEET;

async function builtModel(): Promise<HostedWorkbook> {
  const hosted = hostWorkbook();
  const report = await makeActions(hosted.run).buildModelSheet();
  expect(report.ok).toBe(true);
  expect(hosted.workbook.activeSheet().name).toBe(MODEL);
  hosted.host.resetCounts();
  return hosted;
}

const visible = (book: HostWorkbook) => book.worksheets().filter((s) => s.visibility === "Visible");

/** Every used cell of a sheet: "A1" → what it holds and shows. */
function cellsOf(book: HostWorkbook, sheet: HostSheet) {
  const used = book.usedRange(sheet);
  if (!used) return [];
  return book
    .grid(used, (row, column) => ({ a1: cellAddress({ row, column }), row, column }))
    .flat()
    .map(({ a1, row, column }) => ({
      a1,
      input: book.inputAt(sheet, row, column),
      value: excelValue(book.valueAt(sheet, row, column)),
      numberFormat: book.numberFormatAt(sheet, row, column),
      look: book.lookAt(sheet, row, column),
    }));
}

/** Every visible cell's value as shown, by "sheet!A1". */
function shownValues(book: HostWorkbook): Map<string, unknown> {
  return new Map(
    visible(book).flatMap((s) => cellsOf(book, s).map((c) => [`${s.name}!${c.a1}`, c.value]))
  );
}

/** Every visible cell's content as written, by "sheet!A1". */
function contents(book: HostWorkbook): Map<string, string> {
  return new Map(
    visible(book).flatMap((s) => cellsOf(book, s).map((c) => [`${s.name}!${c.a1}`, c.input]))
  );
}

const input = (book: HostWorkbook, sheet: string, a1: string) => book.cell(sheet, a1).input;

function cnaiFormulas(book: HostWorkbook, sheet: string): string[] {
  return cellsOf(book, book.sheet(sheet))
    .filter((c) => callsCnai(c.input))
    .map((c) => c.a1);
}

const store = (book: HostWorkbook) =>
  book.worksheets().find((s) => s.visibility === "VeryHidden") as HostSheet;

/** The rows of the hidden sheet, as written. */
function storedRows(book: HostWorkbook): string[][] {
  const sheet = store(book);
  const rows: string[][] = [];
  for (let row = 0; ; row++) {
    const cells = [0, 1, 2, 3, 4].map((column) => book.inputAt(sheet, row, column));
    if (cells.every((c) => c === "")) break;
    rows.push(cells);
  }
  return rows;
}

const select = (book: HostWorkbook, sheet: string, a1: string) =>
  book.select(book.sheet(sheet), parseRect(a1) as NonNullable<ReturnType<typeof parseRect>>);

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
    const { workbook, host, run } = await builtModel();
    const formulasBefore = cnaiFormulas(workbook, MODEL);
    expect(formulasBefore.length).toBeGreaterThan(10);
    const shownBefore = shownValues(workbook);
    const margin = workbook.value(MODEL, MODEL_CELLS.marginExpansion);
    const gridCell = workbook.value(MODEL, offset(MODEL_CELLS.gridFirstCell, 3, 2));
    // 0.36 × (1 − 0.85²): the note's 8–12 pp.
    expect(margin).toBeCloseTo(0.0999, 12);
    expect(typeof gridCell).toBe("number");

    const report = await makeSnapshotActions(run).snapshot("sheet");
    expect(report.ok).toBe(true);
    // Outputs and facts of one cell each; 5 timeline columns, one row per period; a 9 × 7 grid;
    // 4 scenario outputs, one row per scenario; the Risk block's 7 × 7 percentiles, 4 × 4 tornado,
    // 20 × 3 histogram, a 1 × 3 fan row per period and the fan's column of dates.
    const periods = TIMELINE_PERIODS.length;
    const spilled =
      5 * periods + 9 * 7 + 4 * SCENARIOS.length + 7 * 7 + 4 * 4 + 20 * 3 + 3 * periods + periods;
    const single = formulasBefore.length - 5 - 1 - 4 - (1 + 1 + 1 + periods + 1);
    expect(report.summary).toBe(
      `Snapshot: ${formulasBefore.length} CNAI formulas in 'CNAI Model' turned into their values (${single + spilled} cells). Restore formulas brings them back.`
    );
    expect(report.details).toEqual([
      `The original formulas are kept in the hidden sheet "${SNAPSHOT_SHEET}".`,
    ]);
    // Locate, find the used ranges, read them, where the formulas spill, write: five syncs in one
    // Excel.run (a small workbook's reads and writes each fit one).
    expect(host.syncs).toBe(5);

    expect(cnaiFormulas(workbook, MODEL)).toEqual([]);
    // The sheets show what they showed: the same value in every cell, spilled ones included.
    const shownAfter = shownValues(workbook);
    for (const [key, value] of shownBefore)
      expect({ key, value: shownAfter.get(key) }).toEqual({ key, value });
    expect(workbook.value(MODEL, MODEL_CELLS.marginExpansion)).toBe(margin);
    expect(workbook.cell(MODEL, MODEL_CELLS.marginExpansion).spilledFrom).toBeUndefined();
    expect(workbook.value(MODEL, offset(MODEL_CELLS.gridFirstCell, 3, 2))).toBe(gridCell);
    // Text results stay text: the timeline's labels are text, not dates.
    expect(workbook.value(MODEL, offset(LAYOUT.timelineAt, 2, 0))).toBe("2H25");
  });

  it("leaves formats, other formulas and other sheets untouched", async () => {
    const { workbook, host, run } = await builtModel();
    const before = visible(workbook).map((s) => ({ name: s.name, cells: cellsOf(workbook, s) }));
    await makeSnapshotActions(run).snapshot("sheet");
    for (const sheet of before) {
      const now = new Map(cellsOf(workbook, workbook.sheet(sheet.name)).map((c) => [c.a1, c]));
      for (const cell of sheet.cells) {
        const later = now.get(cell.a1);
        expect({ a1: cell.a1, numberFormat: later?.numberFormat, look: later?.look }).toEqual({
          a1: cell.a1,
          numberFormat: cell.numberFormat,
          look: cell.look,
        });
        if (sheet.name !== MODEL || (!callsCnai(cell.input) && cell.input !== ""))
          expect({ a1: cell.a1, input: later?.input }).toEqual({ a1: cell.a1, input: cell.input });
      }
    }
    // Writes are contents only: no format, look or clear on any sheet but the hidden one.
    const writes = host.log.filter((e) => /numberFormat|RangeFont|RangeFill|clear\(/.test(e));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((e) => !e.includes(SNAPSHOT_SHEET))).toEqual([]);
    // INDEX/MATCH and arithmetic stay formulas.
    const reconciliation = offset(LAYOUT.reconciliationAt, 2, 1);
    expect(input(workbook, MODEL, reconciliation)).toMatch(/^=INDEX\(TokenEconomics\[/);
  });

  it("keeps each original in a very hidden sheet CNAI marks as its own", async () => {
    const { workbook, run } = await builtModel();
    const formulas = new Map(
      cnaiFormulas(workbook, MODEL).map((a1) => [a1, input(workbook, MODEL, a1)])
    );
    await makeSnapshotActions(run).snapshot("sheet");
    const hidden = store(workbook);
    expect(hidden.name).toBe(SNAPSHOT_SHEET);
    expect(hidden.visibility).toBe("VeryHidden");
    const marker = workbook.findName(SNAPSHOT_MARKER);
    expect(marker?.visible).toBe(false);
    expect(marker && workbook.nameFormula(marker)).toBe(`='${SNAPSHOT_SHEET}'!$A$1`);
    const [header, ...rows] = storedRows(workbook);
    expect(header).toEqual(["Sheet", "Address", "Formula", "Values", "Sheet id"]);
    expect(rows).toHaveLength(formulas.size);
    for (const [sheet, address, formula, values, id] of rows) {
      expect(sheet).toBe(MODEL);
      expect(id).toBe(workbook.sheet(MODEL).id);
      expect(formula).toBe(formulas.get(address.split(":")[0]));
      expect(values).toMatch(/^[0-9a-f]{16}$/);
    }
    // Spilled formulas are kept with their whole range: the grid is 9 start margins × 7 declines.
    const grid = rows.find(([, address]) => address.startsWith(MODEL_CELLS.gridFirstCell));
    expect(grid?.[1]).toBe(
      `${MODEL_CELLS.gridFirstCell}:${offset(MODEL_CELLS.gridFirstCell, 8, 6)}`
    );
    // Kept as text: the hidden sheet holds no formula.
    for (const cell of cellsOf(workbook, hidden))
      expect({
        a1: cell.a1,
        formula: workbook.engine.doesCellHaveFormula({
          sheet: hidden.engineId,
          ...parseCellAt(cell.a1),
        }),
      }).toEqual({ a1: cell.a1, formula: false });
  });

  it("is harmless twice: the second finds nothing to convert and keeps the first's originals", async () => {
    const { workbook, host, run } = await builtModel();
    const actions = makeSnapshotActions(run);
    await actions.snapshot("sheet");
    const once = contents(workbook);
    const keptOnce = storedRows(workbook);
    host.resetCounts();
    const again = await actions.snapshot("sheet");
    expect(again.ok).toBe(true);
    expect(again.summary).toBe("No CNAI formulas in 'CNAI Model': nothing to snapshot.");
    expect(again.details[0]).toMatch(
      /^\d+ cells hold the values of an earlier snapshot here; left as they are\.$/
    );
    expect(host.syncs).toBe(3);
    expect(contents(workbook)).toEqual(once);
    expect(storedRows(workbook)).toEqual(keptOnce);
  });

  it("appends to the kept formulas when a later snapshot converts more", async () => {
    const { workbook, run } = await builtModel();
    const actions = makeSnapshotActions(run);
    select(workbook, MODEL, MODEL_CELLS.marginExpansion);
    const first = await actions.snapshot("selection");
    expect(first.summary).toBe(
      "Snapshot: 1 CNAI formula in the selection turned into its value. Restore formulas brings them back."
    );
    expect(storedRows(workbook)).toHaveLength(2);
    const second = await actions.snapshot("sheet");
    expect(second.ok).toBe(true);
    expect(second.details).toEqual([
      "1 cell holds the value of an earlier snapshot here; left as it is.",
    ]);
    const rows = storedRows(workbook).slice(1);
    expect(rows[0][1]).toBe(MODEL_CELLS.marginExpansion);
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
  });

  it("snapshots a selection: only the formulas whose cell is in it, a spill whole", async () => {
    const { workbook, run } = await builtModel();
    const timeline = offset(LAYOUT.timelineAt, 2, 1);
    // The first row of Low and Mid: two formulas that each spill down the timeline's periods.
    select(workbook, MODEL, `${timeline}:${offset(timeline, 0, 1)}`);
    const report = await makeSnapshotActions(run).snapshot("selection");
    expect(report.summary).toBe(
      `Snapshot: 2 CNAI formulas in the selection turned into their values (${2 * TIMELINE_PERIODS.length} cells). Restore formulas brings them back.`
    );
    expect(callsCnai(input(workbook, MODEL, timeline))).toBe(false);
    expect(callsCnai(input(workbook, MODEL, offset(timeline, 0, 2)))).toBe(true);
    expect(callsCnai(input(workbook, MODEL, MODEL_CELLS.marginExpansion))).toBe(true);
    // The rest of the spill is values now, not spilled from a formula.
    const below = workbook.cell(MODEL, offset(timeline, TIMELINE_PERIODS.length - 1, 0));
    expect(below.spilledFrom).toBeUndefined();
    expect(typeof below.value).toBe("number");
    expect(below.input).not.toBe("");
  });

  it("snapshots the workbook: every sheet, the hidden one excepted", async () => {
    const { workbook, run } = await builtModel();
    workbook.addSheet("Analysis");
    workbook.setInput("Analysis", "A1", '=CNAI.PARITY_AT("2H25")');
    workbook.setInput("Analysis", "A2", "=A1*2");
    const report = await makeSnapshotActions(run).snapshot("workbook");
    expect(report.summary).toMatch(/ in 'CNAI Model' and Analysis turned into their values/);
    // Table 1: 60–65% at 2H25, its middle.
    expect(input(workbook, "Analysis", "A1")).toBe("0.625");
    expect(workbook.value("Analysis", "A1")).toBe(0.625);
    expect(input(workbook, "Analysis", "A2")).toBe("=A1*2");
    expect(workbook.value("Analysis", "A2")).toBe(1.25);
    for (const sheet of visible(workbook)) expect(cnaiFormulas(workbook, sheet.name)).toEqual([]);
  });

  it("never takes over a sheet named CNAI Snapshot that CNAI did not make", async () => {
    const { workbook, run } = await builtModel();
    const theirs = workbook.addSheet(SNAPSHOT_SHEET);
    workbook.setInput(SNAPSHOT_SHEET, "A1", "my notes");
    workbook.activate(workbook.sheet(MODEL));
    const report = await makeSnapshotActions(run).snapshot("sheet");
    expect(report.details).toContain(
      `A sheet named "${SNAPSHOT_SHEET}" that CNAI did not create exists; CNAI keeps the formulas in "${SNAPSHOT_SHEET} (2)" instead.`
    );
    expect(input(workbook, SNAPSHOT_SHEET, "A1")).toBe("my notes");
    expect(theirs.visibility).toBe("Visible");
    expect(store(workbook).name).toBe(`${SNAPSHOT_SHEET} (2)`);
    // Found again by its marker, even renamed.
    workbook.renameSheet(store(workbook), "Kept");
    const restored = await makeSnapshotActions(run).restore("sheet");
    expect(restored.ok).toBe(true);
    expect(cnaiFormulas(workbook, MODEL).length).toBeGreaterThan(10);
  });

  it("says so, and converts one cell per formula, on a host that cannot tell spills", async () => {
    const { workbook, host, run } = await builtModel();
    // The sensitivity grid: one formula spilling 9 × 7.
    const grid = `${MODEL_CELLS.gridFirstCell}:${offset(MODEL_CELLS.gridFirstCell, 8, 6)}`;
    select(workbook, MODEL, grid);
    const report = await makeSnapshotActions(run, { knowsSpills: () => false }).snapshot(
      "selection"
    );
    expect(report.ok).toBe(true);
    expect(report.summary).toBe(
      "Snapshot: 1 CNAI formula in the selection turned into its value. Restore formulas brings them back."
    );
    expect(report.details).toContain(
      "This version of Excel cannot say where a formula spills (ExcelApi 1.12): each CNAI formula was turned into the value of its own cell."
    );
    // No sync to ask where it spills; only the anchor became a value, so the rest is gone.
    expect(host.syncs).toBe(4);
    expect(host.log.some((e) => e.includes("getSpillingTo"))).toBe(false);
    expect(storedRows(workbook)[1][1]).toBe(MODEL_CELLS.gridFirstCell);
    expect(workbook.value(MODEL, offset(MODEL_CELLS.gridFirstCell, 1, 1))).toBeNull();
  });

  it("reports a failure part-way through its writes in words, and leaves the workbook as before", async () => {
    const { workbook, host, run } = await builtModel();
    const reference = await builtModel();
    const grid = `${MODEL_CELLS.gridFirstCell}:${offset(MODEL_CELLS.gridFirstCell, 8, 6)}`;
    await makeSnapshotActions(reference.run).snapshot("sheet");
    const gridWrite = reference.host.log
      .filter((e) => e !== "sync")
      .indexOf(`Range '${MODEL}'!${grid}.formulas = [9×7]`);
    expect(gridWrite).toBeGreaterThan(0);
    const before = picture(workbook);
    host.faults = { failStep: gridWrite, failCode: "InvalidArgument" };
    const report = await makeSnapshotActions(run).snapshot("sheet");
    host.faults = {};
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^CNAI could not take the snapshot: Step \d+ .* failed/);
    expect(report.details).toEqual([SNAPSHOT_TEXT.partial.en]);
    // The converted cells written back, the snapshot sheet made for it and its marker removed.
    expect(picture(workbook)).toBe(before);
    expect((await makeSnapshotActions(run).snapshot("sheet")).ok).toBe(true);
  });
});

describe("Restore formulas", () => {
  it("brings every formula back byte for byte, empties spill ranges, and removes the kept rows", async () => {
    const { workbook, host, run } = await builtModel();
    const formulas = contents(workbook);
    const values = shownValues(workbook);
    const actions = makeSnapshotActions(run);
    const taken = await actions.snapshot("workbook");
    expect(taken.ok).toBe(true);
    host.resetCounts();
    const report = await actions.restore();
    expect(report.ok).toBe(true);
    const count = cnaiFormulas(workbook, MODEL).length;
    expect(report.summary).toBe(
      `Restored ${count} CNAI formulas in 'CNAI Model'; Excel calculates them again.`
    );
    // Locate, find the used ranges, read them, write.
    expect(host.syncs).toBe(4);
    // Byte for byte; a spill's other cells, values in the snapshot, are empty for it to spill again.
    const now = contents(workbook);
    for (const [key, formula] of now)
      expect({ key, formula }).toEqual({ key, formula: formulas.get(key) ?? "" });
    for (const [key, formula] of formulas)
      if (formula !== "") expect({ key, formula: now.get(key) }).toEqual({ key, formula });
    // Calculated again: every cell shows what it showed before the snapshot.
    const shownNow = shownValues(workbook);
    for (const [key, value] of values)
      expect({ key, value: shownNow.get(key) }).toEqual({ key, value });
    expect(storedRows(workbook)).toEqual([["Sheet", "Address", "Formula", "Values", "Sheet id"]]);
    // Nothing left to restore; a second restore says so and writes nothing.
    host.resetCounts();
    const again = await actions.restore();
    expect(again.summary).toBe("No snapshot to restore in the workbook.");
    expect(host.log.filter((e) => /\.(formulas|values) = /.test(e))).toEqual([]);
  });

  it("leaves cells the analyst changed after the snapshot, names them, and keeps their formulas", async () => {
    const { workbook, run } = await builtModel();
    const actions = makeSnapshotActions(run);
    const margin = workbook.value(MODEL, MODEL_CELLS.marginExpansion);
    await actions.snapshot("sheet");
    const edited = MODEL_CELLS.marginExpansion;
    workbook.setInput(MODEL, edited, "0.11"); // typed over the value
    const spillEdit = offset(MODEL_CELLS.gridFirstCell, 4, 4);
    workbook.setInput(MODEL, spillEdit, "n/a"); // inside a spilled block
    const report = await actions.restore("sheet");
    expect(report.ok).toBe(true);
    expect(report.details).toEqual([
      `2 cells were changed after the snapshot and were left as they are: 'CNAI Model'!${edited} and 'CNAI Model'!${MODEL_CELLS.gridFirstCell}. Their formulas are still kept; undo the change, or clear the cells, and restore again.`,
    ]);
    expect(workbook.value(MODEL, edited)).toBe(0.11);
    expect(workbook.value(MODEL, spillEdit)).toBe("n/a");
    const rows = storedRows(workbook).slice(1);
    expect(rows.map((r) => r[1].split(":")[0]).sort()).toEqual(
      [edited, MODEL_CELLS.gridFirstCell].sort()
    );
    // Put back as the snapshot left it, and it restores.
    workbook.setInput(MODEL, edited, String(margin));
    const later = await actions.restore("sheet");
    expect(later.summary).toBe(
      "Restored 1 CNAI formula in 'CNAI Model'; Excel calculates it again."
    );
    expect(input(workbook, MODEL, edited)).toMatch(/^=CNAI\.MARGIN_EXPANSION\(/);
    expect(workbook.value(MODEL, edited)).toBeCloseTo(0.0999, 12);
  });

  it("finds a sheet the analyst renamed after the snapshot, by its id", async () => {
    const { workbook, run } = await builtModel();
    const formulas = contents(workbook);
    const actions = makeSnapshotActions(run);
    await actions.snapshot("sheet");
    workbook.renameSheet(workbook.sheet(MODEL), "Model for PMs");
    const report = await actions.restore();
    expect(report.summary).toMatch(/^Restored \d+ CNAI formulas in 'Model for PMs';/);
    let checked = 0;
    for (const [key, formula] of formulas)
      if (key.startsWith(`${MODEL}!`) && callsCnai(formula)) {
        expect(input(workbook, "Model for PMs", key.slice(MODEL.length + 1))).toBe(formula);
        checked++;
      }
    expect(checked).toBeGreaterThan(10);
  });

  it("restores a selection only", async () => {
    const { workbook, run } = await builtModel();
    const actions = makeSnapshotActions(run);
    await actions.snapshot("sheet");
    select(workbook, MODEL, `${MODEL_CELLS.marginAfter}:${MODEL_CELLS.priceCompression}`);
    const report = await actions.restore("selection");
    expect(report.summary).toBe(
      "Restored 3 CNAI formulas in the selection; Excel calculates them again."
    );
    expect(cnaiFormulas(workbook, MODEL).sort()).toEqual(
      [MODEL_CELLS.marginAfter, MODEL_CELLS.marginExpansion, MODEL_CELLS.priceCompression].sort()
    );
  });

  it("says there is nothing to restore in a workbook that never had a snapshot, after one sync", async () => {
    const { host, run } = await builtModel();
    const report = await makeSnapshotActions(run).restore();
    expect(report).toEqual({
      ok: true,
      summary: "No snapshot to restore in the workbook.",
      details: [],
    });
    expect(host.syncs).toBe(1);
  });

  it("keeps the formulas of a sheet that was deleted, and says so", async () => {
    const { workbook, run } = await builtModel();
    const other = workbook.addSheet("Scratch");
    workbook.setInput("Scratch", "B2", '=CNAI.PARITY_AT("2H25")');
    const actions = makeSnapshotActions(run);
    await actions.snapshot("workbook");
    workbook.deleteSheet(other);
    const report = await actions.restore();
    expect(report.details).toContain(
      '1 kept formula belongs to sheets that no longer exist ("Scratch"); kept.'
    );
    expect(storedRows(workbook).slice(1)).toEqual([
      ["Scratch", "B2", '=CNAI.PARITY_AT("2H25")', fingerprint([[0.625]]), other.id],
    ]);
  });

  it("reports in Chinese when the pane speaks Chinese", async () => {
    const { run } = await builtModel();
    const actions = makeSnapshotActions(run);
    const taken = await actions.snapshot("sheet", "zh-CN");
    expect(taken.summary).toMatch(
      /^快照：'CNAI Model'中的\d+个CNAI公式已转换为值（\d+个单元格）。/
    );
    const restored = await actions.restore("sheet", "zh-CN");
    expect(restored.summary).toMatch(/^已在'CNAI Model'中恢复\d+个CNAI公式/);
  });
});

/**
 * Fault injection at the host, as test/taskpane/faults.ts does for the other actions: each step
 * that matters (each request's first and last step, each kind's first and last in it) made to
 * fail in turn. Each time the report says so, the steps up to the failing one are those of the
 * action run whole (the undo's follow), and a Restore afterwards gives back every formula. A workbook that is then,
 * prepared again (Restore's: snapshotted again), as a new one is prepared serves the next step:
 * building the model for each step would be most of the suite's time.
 */
describe.each(["snapshot", "restore"] as const)(
  "%s failing at each step that matters",
  (action) => {
    const prepare = async (hosted: HostedWorkbook) => {
      if (action === "restore") await makeSnapshotActions(hosted.run).snapshot("workbook");
      hosted.host.resetCounts();
      return hosted;
    };
    const stepsOf = (log: readonly string[]) => log.filter((entry) => entry !== "sync");

    it("reports the failure, and Restore then brings back every original formula", async () => {
      const reference = await builtModel();
      const originals = contents(reference.workbook);
      const probe = await prepare(await builtModel());
      await makeSnapshotActions(probe.run)[action]("workbook");
      expect(probe.host.steps).toBeGreaterThan(10);
      const completeSteps = stepsOf(probe.host.log);
      const matter = stepsThatMatter(probe.host.log, probe.host.kinds);

      // A workbook and its picture once prepared (sheet ids differ from workbook to workbook).
      let reusable: { hosted: HostedWorkbook; prepared: string } | undefined;
      for (const step of matter) {
        let current = reusable;
        if (!current) {
          const hosted = await prepare(await builtModel());
          current = { hosted, prepared: picture(hosted.workbook) };
        }
        const { workbook, host, run } = current.hosted;
        const actions = makeSnapshotActions(run);
        host.faults = { failStep: step, failCode: "GeneralException" };
        const report = await actions[action]("workbook");
        host.faults = {};
        const where = `failing at step ${step} (${completeSteps[step]})`;
        expect({ where, ok: report.ok }).toEqual({ where, ok: false });
        expect(report.summary).toMatch(
          /^CNAI could not (take the snapshot|restore the formulas): /
        );
        expect({ where, failedAt: stepsOf(host.log).slice(0, step + 1) }).toEqual({
          where,
          failedAt: completeSteps.slice(0, step + 1),
        });

        const again = await actions.restore("workbook");
        expect({ where, ok: again.ok }).toEqual({ where, ok: true });
        const now = contents(workbook);
        for (const [key, formula] of originals)
          if (callsCnai(formula))
            expect({ where, key, formula: now.get(key) }).toEqual({ where, key, formula });
        await prepare(current.hosted);
        reusable = picture(workbook) === current.prepared ? current : undefined;
      }
    }, 120_000);
  }
);

function parseCellAt(a1: string): { row: number; col: number } {
  const { row, column } = parseCell(a1);
  return { row, col: column };
}

describe("Snapshot while a Monte Carlo function computes", () => {
  it("writes nothing and says which cells are still #BUSY!; once they show values, it snapshots them", async () => {
    // CNAI.SIMULATE as a long run of draws: its Promise settles when the test says.
    let settle: (value: number) => void = () => undefined;
    const simulate: AddinFunction = {
      id: "SIMULATE",
      parameters: [{ name: "output", dimensionality: "matrix" }],
      result: { dimensionality: "matrix" },
      invoke: () => new Promise((resolve) => (settle = (v) => resolve([[v]]))),
    };
    const { workbook, run } = hostWorkbook([simulate]);
    workbook.setInput("Sheet1", "B2", '=CNAI.SIMULATE("margin_expansion")');
    const before = picture(workbook);
    const refused = await makeSnapshotActions(run).snapshot("workbook");
    expect(refused).toEqual({
      ok: false,
      summary:
        "Nothing snapshotted: CNAI formulas are still computing (#BUSY!) in Sheet1!B2. Snapshot again once they show their values.",
      details: [],
    });
    expect(picture(workbook)).toBe(before);
    settle(0.0999);
    await workbook.calculated();
    expect(await makeSnapshotActions(run).snapshot("workbook")).toMatchObject({ ok: true });
    expect(workbook.cell("Sheet1", "B2").input).not.toMatch(/^=/);
    expect(workbook.value("Sheet1", "B2")).toBe(0.0999);
  });
});
