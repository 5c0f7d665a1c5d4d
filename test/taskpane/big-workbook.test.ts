/**
 * The pane's actions on an analyst's big workbook, on Excel on the web with its 5 MB payload
 * limit: 300,000 used cells over 5 sheets — text, numbers, formulas, error values, CNAI formulas in
 * every row and spills, CNAI's and Excel's. Every request and answer stays under the limit; a
 * fault injected in a middle chunk of an action's writes leaves the workbook as it was, and the
 * pane says so in words. The workbook is written once, through the host directly.
 *
 * Expected values worked by hand: MARGIN_EXPANSION(30%,15%,2) = 0.30 × 1.2 × (1 − 0.85²)… as the
 * note gives it, 0.0999 (test/taskpane/repair.test.ts); SEQUENCE(3) spills 1, 2, 3.
 */
import { SHEETS, bigWorkbook } from "../helpers/big-workbook";
import type { HostWorkbook } from "../../src/host/workbook";
import { makeActions } from "../../src/taskpane/actions";
import { makeRepairActions } from "../../src/taskpane/repair";
import { makeSnapshotActions } from "../../src/taskpane/snapshot";
import { picture } from "../helpers/host";

const LIMIT = 5_000_000;

const used = (workbook: HostWorkbook) =>
  SHEETS.reduce((n, name) => n + workbook.sheet(name).inputs.size, 0);

/** A write of cells, as the host's log names it: "Range 'Data1'!E1:E40.formulas = [40×1]". */
const WRITE = /^Range .*\.(formulas|values) = /;

/** `failOn` for the write in the middle of those an earlier run of the action made. */
function middleWrite(log: readonly string[]) {
  const writes = log.filter((e) => WRITE.test(e)).length;
  return { match: WRITE, nth: Math.floor(writes / 2) };
}

/** How many requests carried writes of cells. */
const writeSyncs = (log: readonly string[]) =>
  log
    .join("\n")
    .split("\nsync")
    .filter((request) => /\.(formulas|values) = /.test(request)).length;

let book: ReturnType<typeof bigWorkbook>;
/** Each sheet's cells as written, to compare with after Restore. */
let written: string[];
const cellsOf = (workbook: HostWorkbook) =>
  SHEETS.map((name) => JSON.stringify([...workbook.sheet(name).inputs.entries()]));

beforeAll(() => {
  book = bigWorkbook();
  written = cellsOf(book.workbook);
}, 900_000);

describe("a workbook of 300,000 used cells on Excel on the web", () => {
  test("is what the suite says: 5 sheets, 300,000 cells, errors, CNAI values and spills", () => {
    const { workbook } = book;
    // Per sheet: 3,000 rows × 19 columns A…S = 57,000; column T: 300 SEQUENCE and 300 CNAI
    // anchors, each spilling into the 2 cells below (1,200); column U: 1,200 notes.
    expect(used(workbook)).toBe(5 * (57_000 + 600 + 1_200));
    const spilled = SHEETS.length * 600 * 2;
    expect(used(workbook) + spilled).toBe(300_000);
    expect(workbook.value("Data3", "D1")).toMatchObject({ error: "#DIV/0!" });
    expect(workbook.value("Data3", "D2")).toMatchObject({ error: "#N/A" });
    expect(workbook.value("Data5", "E3000")).toBeCloseTo(0.0999, 10);
    expect(workbook.value("Data1", "T3")).toBe(3);
    expect(workbook.value("Data1", "T7")).toBeCloseTo(0.0999, 10);
  });

  let snapshotLog: string[] = [];

  test("Snapshot converts every CNAI formula with every request and answer under 5 MB", async () => {
    const { host, workbook, run } = book;
    host.resetCounts();
    const report = await makeSnapshotActions(run).snapshot("workbook");
    snapshotLog = [...host.log];
    // 3,000 CNAI formulas in column E and 300 CNAI spills of 3 cells per sheet.
    expect(report).toMatchObject({ ok: true });
    expect(report.summary).toBe(
      `Snapshot: ${5 * 3_300} CNAI formulas in Data1, Data2, Data3, Data4 and Data5 turned into their values (${5 * 3_900} cells). Restore formulas brings them back.`
    );
    expect(host.largestRequest).toBeLessThanOrEqual(LIMIT);
    expect(host.largestResponse).toBeLessThanOrEqual(LIMIT);
    // The kept rows and the converted cells together are over one sync's 2 MB budget.
    expect(writeSyncs(snapshotLog)).toBeGreaterThanOrEqual(2);
    expect(workbook.cell("Data2", "E10").input).not.toMatch(/^=/);
    expect(workbook.value("Data2", "E10")).toBeCloseTo(0.0999, 10);
  }, 600_000);

  test("Restore failing in a middle chunk of its writes leaves the snapshot as it was, and says so; run again, it brings the workbook back under 5 MB", async () => {
    const { host, workbook, run } = book;
    const actions = makeSnapshotActions(run);
    const snapshotted = picture(workbook);
    host.resetCounts();
    // The second write: a middle one, as the successful run below shows (three writes or more).
    host.faults = { failOn: { match: WRITE, nth: 1 }, failCode: "InvalidArgument" };
    const report = await actions.restore("workbook");
    host.faults = {};
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/^CNAI could not .+: Step \d+ .+ failed \(fault injected\)\./);
    expect(picture(workbook)).toBe(snapshotted);

    host.resetCounts();
    const restored = await actions.restore("workbook");
    expect(restored).toMatchObject({ ok: true });
    expect(host.log.filter((entry) => WRITE.test(entry)).length).toBeGreaterThanOrEqual(3);
    expect(host.largestRequest).toBeLessThanOrEqual(LIMIT);
    expect(host.largestResponse).toBeLessThanOrEqual(LIMIT);
    expect(writeSyncs(host.log)).toBeGreaterThanOrEqual(2);
    expect(cellsOf(workbook)).toEqual(written);
  }, 600_000);

  test("Snapshot failing in a middle chunk of its writes leaves the workbook as it was, and says so", async () => {
    const { host, workbook, run } = book;
    const before = picture(workbook);
    host.resetCounts();
    host.faults = { failOn: middleWrite(snapshotLog), failCode: "GeneralException" };
    const report = await makeSnapshotActions(run).snapshot("workbook");
    host.faults = {};
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(
      /^CNAI could not .+: Step \d+ \(Range .+\.(formulas|values) = .+\) failed \(fault injected\)\./
    );
    expect(picture(workbook)).toBe(before);
  }, 600_000);

  test("Load and Build work beside it, under 5 MB, and a fault in Build's writes leaves it as it was", async () => {
    const { host, workbook, run } = book;
    const actions = makeActions(run);
    host.resetCounts();
    expect((await actions.loadAppendixTables()).ok).toBe(true);
    expect((await actions.buildModelSheet()).ok).toBe(true);
    expect(host.largestRequest).toBeLessThanOrEqual(LIMIT);
    expect(host.largestResponse).toBeLessThanOrEqual(LIMIT);
    const built = picture(workbook);
    host.resetCounts();
    expect((await actions.buildModelSheet()).ok).toBe(true);
    const middle = middleWrite(host.log);
    host.resetCounts();
    host.faults = { failOn: middle, failCode: "GeneralException" };
    const report = await actions.buildModelSheet();
    host.faults = {};
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(
      /^CNAI could not build the model sheet: Step \d+ .+ failed \(fault injected\)\./
    );
    expect(picture(workbook)).toBe(built);
  }, 600_000);

  test("Repair reads the whole workbook under 5 MB and repairs a stuck call", async () => {
    const { host, workbook, run } = book;
    workbook.setInput("Data4", "V1", "=_xldudf_CNAI_MARGIN_EXPANSION(30%,15%,2)");
    host.resetCounts();
    const report = await makeRepairActions(run).repair();
    expect(report).toMatchObject({ ok: true, repaired: 1 });
    expect(host.largestRequest).toBeLessThanOrEqual(LIMIT);
    expect(host.largestResponse).toBeLessThanOrEqual(LIMIT);
    expect(workbook.value("Data4", "V1")).toBeCloseTo(0.0999, 10);
  }, 600_000);
});
