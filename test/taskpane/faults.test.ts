/**
 * Fault injection at the Excel host: every step of every action, and each sync, made to fail in
 * turn with an Excel error code, the pane's code running through Microsoft's client. Each time the
 * pane's report says so in words, the workbook is as before or complete, and the action then
 * succeeds when run again.
 */
import { Actions, makeActions } from "../../src/taskpane/actions";
import { hosted as hostWorkbook, picture } from "../helpers/host";

type ActionName = "loadAppendixTables" | "buildModelSheet";

async function prepared(prepare: (actions: Actions) => Promise<void>) {
  const hosted = hostWorkbook();
  const actions = makeActions(hosted.run);
  await prepare(actions);
  hosted.host.resetCounts();
  return { ...hosted, actions };
}

const fresh = async () => undefined;
const built = async (actions: Actions) => {
  expect((await actions.buildModelSheet()).ok).toBe(true);
};

describe.each([
  ["loadAppendixTables", "a new workbook", fresh],
  ["buildModelSheet", "a new workbook", fresh],
  ["loadAppendixTables", "a workbook CNAI already built", built],
  ["buildModelSheet", "a workbook CNAI already built", built],
] as const)("%s on %s", (action: ActionName, _, prepare) => {
  it("fails at every step in words, leaves the workbook as before or complete, and succeeds again", async () => {
    const complete = await prepared(prepare);
    expect((await complete.actions[action]()).ok).toBe(true);
    const steps = complete.host.steps;
    expect(steps).toBeGreaterThan(40);
    const completeState = picture(complete.workbook);

    for (let step = 0; step < steps; step++) {
      const { workbook, host, actions } = await prepared(prepare);
      const before = picture(workbook);
      host.faults = { failStep: step, failCode: step % 2 ? "InvalidArgument" : "GeneralException" };
      const report = await actions[action]();
      host.faults = {};
      const after = picture(workbook);
      const where = `failing at step ${step} (${host.log.filter((e) => e !== "sync")[step]})`;

      expect({ where, ok: report.ok }).toEqual({ where, ok: false });
      expect({ where, summary: report.summary }).toEqual({
        where,
        summary: expect.stringMatching(
          /^CNAI could not (load the appendix tables|build the model sheet): Step \d+ \(.+\) failed \(fault injected\)\. \((InvalidArgument|GeneralException)\)$/
        ),
      });
      expect(report.details.length).toBe(1);
      if (after !== before && after !== completeState)
        throw new Error(`${where}: the workbook is neither as before nor complete`);

      const again = await actions[action]();
      expect({ where, ok: again.ok }).toEqual({ where, ok: true });
      expect({ where, state: picture(workbook) }).toEqual({ where, state: completeState });
    }
  }, 180_000);
});

it("a failing sync is reported the same way, and nothing is left", async () => {
  for (const failing of [0, 1]) {
    const { workbook, host, actions } = await prepared(fresh);
    const before = picture(workbook);
    host.faults = { failSync: failing, failCode: "ItemNotFound" };
    const report = await actions.buildModelSheet();
    host.faults = {};
    expect(report.ok).toBe(false);
    expect(report.summary).toBe(
      `CNAI could not build the model sheet: Request ${failing} failed (fault injected). (ItemNotFound)`
    );
    expect(picture(workbook)).toBe(before);
    expect((await actions.buildModelSheet()).ok).toBe(true);
    expect(workbook.sheets()).toEqual(["Sheet1", "Chip Parity", "Token Economics", "CNAI Model"]);
  }
});
