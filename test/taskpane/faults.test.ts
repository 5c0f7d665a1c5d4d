/**
 * Fault injection: every operation of every action, and each sync, made to fail in turn. Each time
 * the pane's report says so in words, the workbook is as before or complete, and the action then
 * succeeds when run again.
 */
import { makeActions, Actions } from "../../src/taskpane/actions";
import { FakeExcel } from "../helpers/fake-excel";

type ActionName = "loadAppendixTables" | "buildModelSheet";

/** What an analyst would see: live sheets with their cells and formats, and the workbook's names. */
function snapshot(excel: FakeExcel): string {
  const sheets = excel
    .liveSheets()
    .map((s) => [s.name, [...s.cells.entries()].sort(), s.charts.length]);
  const names = excel.names
    .filter((n) => !(n as { deleted?: boolean }).deleted)
    .map((n) => [n.name, n.formula, n.visible])
    .sort();
  const tables = excel.tables
    .filter((t) => !t.deleted && !t.sheet.deleted)
    .map((t) => [t.name, t.sheet.name, t.address]);
  return JSON.stringify({ sheets, names, tables });
}

/** How many operations a successful run of the action records, from a workbook in this state. */
async function stepsOf(
  action: ActionName,
  prepare: (excel: FakeExcel, actions: Actions) => Promise<void>
): Promise<number> {
  const excel = new FakeExcel();
  const actions = makeActions(excel.run);
  await prepare(excel, actions);
  excel.log.length = 0;
  await actions[action]();
  return excel.log.length;
}

const fresh = async () => undefined;
const built = async (_: FakeExcel, actions: Actions) => {
  await actions.buildModelSheet();
};

describe.each([
  ["loadAppendixTables", "a new workbook", fresh],
  ["buildModelSheet", "a new workbook", fresh],
  ["loadAppendixTables", "a workbook CNAI already built", built],
  ["buildModelSheet", "a workbook CNAI already built", built],
] as const)("%s on %s", (action, _, prepare) => {
  it("fails at every step in words, leaves the workbook as before or complete, and succeeds again", async () => {
    const steps = await stepsOf(action, prepare);
    expect(steps).toBeGreaterThan(20);
    const complete = new FakeExcel();
    const completeActions = makeActions(complete.run);
    await prepare(complete, completeActions);
    await completeActions[action]();
    const completeState = snapshot(complete);

    for (let step = 0; step < steps; step++) {
      const excel = new FakeExcel();
      const actions = makeActions(excel.run);
      await prepare(excel, actions);
      const before = snapshot(excel);
      excel.options.failAtStep = step;
      const report = await actions[action]();
      excel.options.failAtStep = undefined;
      const after = snapshot(excel);
      const where = `failing at step ${step} (${excel.log[excel.log.length - 1] ?? "start"})`;

      expect({ where, ok: report.ok }).toEqual({ where, ok: false });
      expect(report.summary).toMatch(
        /^CNAI could not (load the appendix tables|build the model sheet): The operation failed/
      );
      expect(report.details.length).toBe(1);
      if (after !== before && after !== completeState)
        throw new Error(`${where}: the workbook is neither as before nor complete`);

      const again = await actions[action]();
      expect({ where, ok: again.ok, summary: again.summary }).toEqual({
        where,
        ok: true,
        summary: again.summary,
      });
      expect(snapshot(excel)).toBe(completeState);
    }
  }, 120_000);
});

it("a failing sync is reported the same way", async () => {
  for (const failing of [0, 1]) {
    const excel = new FakeExcel();
    let syncs = 0;
    excel.options.failOn = {
      test: (entry: string) => entry === "sync" && syncs++ === failing,
    } as RegExp;
    const report = await makeActions(excel.run).buildModelSheet();
    excel.options.failOn = undefined;
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(
      /^CNAI could not build the model sheet: The operation failed: sync/
    );
    expect(excel.liveSheets().map((s) => s.name)).toEqual([]);
    expect((await makeActions(excel.run).buildModelSheet()).ok).toBe(true);
  }
});
