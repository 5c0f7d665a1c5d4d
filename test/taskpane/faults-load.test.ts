/**
 * Load appendix tables failing at each step that matters (test/taskpane/faults.ts), on a new
 * workbook and on one CNAI already built; a failing sync; and which steps matter.
 */
import { makeActions } from "../../src/taskpane/actions";
import { hosted as hostWorkbook, picture } from "../helpers/host";
import { BUILT, FRESH, failStepsThatMatter, stepsThatMatter } from "./faults";

describe.each([FRESH, BUILT])("loadAppendixTables on $label", (on) => {
  it("fails at each step that matters in words, leaves the workbook as before or complete, and succeeds again", async () => {
    const { matter, failed } = await failStepsThatMatter("loadAppendixTables", on);
    expect(failed).toEqual(matter);
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

describe("the steps that matter", () => {
  it("are each request's first and last step and the first and last step of each kind in it", () => {
    // Request 0: steps 0–1; request 1: steps 2–9 (kinds a b a c a b d d); request 2: step 10.
    const log = [
      "load",
      "load",
      "sync",
      "a",
      "b",
      "a",
      "c",
      "a",
      "b",
      "d",
      "d",
      "sync",
      "e",
      "sync",
    ];
    const kinds = ["L", "L", "a", "b", "a", "c", "a", "b", "d", "d", "e"];
    expect(stepsThatMatter(log, kinds)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9, 10]);
  });

  it("a kind met again in a later request is chosen there again", () => {
    const log = ["x", "y", "x", "sync", "y", "y", "y", "x", "sync"];
    const kinds = ["X", "Y", "X", "Y", "Y", "Y", "X"];
    expect(stepsThatMatter(log, kinds)).toEqual([0, 1, 2, 3, 5, 6]);
  });

  it("Build on a new workbook: every request and every kind of step in it is failed", async () => {
    const { host, run } = hostWorkbook();
    await makeActions(run).buildModelSheet();
    const matter = stepsThatMatter(host.log, host.kinds);
    const requests = host.log.filter((entry) => entry === "sync").length;
    expect(new Set(matter.map((step) => host.kinds[step]))).toEqual(new Set(host.kinds));
    expect(matter.length).toBeGreaterThanOrEqual(2 * requests);
    expect(matter.length).toBeLessThan(host.steps / 4);
  });
});
