/**
 * Load appendix tables failing at every step (test/taskpane/faults.ts), on a new workbook and on
 * one CNAI already built; and a failing sync.
 */
import { makeActions } from "../../src/taskpane/actions";
import { hosted as hostWorkbook, picture } from "../helpers/host";
import { BUILT, FRESH, failEveryStep, stepsOfPart } from "./faults";

describe.each([FRESH, BUILT])("loadAppendixTables on $label", (on) => {
  it("fails at every step in words, leaves the workbook as before or complete, and succeeds again", async () => {
    const { steps, failed } = await failEveryStep("loadAppendixTables", on);
    expect(failed).toEqual(stepsOfPart(steps, { index: 0, of: 1 }));
  }, 180_000);
});

it("a failing sync is reported the same way, and nothing is left", async () => {
  for (const failing of [0, 1]) {
    const { workbook, host, run } = hostWorkbook();
    const actions = makeActions(run);
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
