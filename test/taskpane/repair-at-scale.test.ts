/**
 * Repair CNAI formulas on 100,000 formulas stuck at #NAME? (written while CNAI's functions were not
 * registered), on Excel on the web with its 5 MB payload limit: read and written in syncs sized by
 * bytes. Its own file, run on Excel on the web only (jest.config.js): the payload limit is the web's,
 * and test/taskpane/repair.test.ts proves the same members on the oldest Excel. The numbers expected
 * are the note's, worked by hand: PARITY_AT("2H25") is the middle of Table 1's 60–65% = 0.625, and
 * MARGIN_EXPANSION(30%,15%,2) is 0.36 × (1 − 0.85²) = 0.0999.
 */
import { awaitingRegistration } from "../../src/host/addin";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { parseRect } from "../../src/host/workbook";
import { PAYLOAD_BUDGET, RANGE_OVERHEAD } from "../../src/plans/chunks";
import { makeRepairActions } from "../../src/taskpane/repair";
import { hosted } from "../helpers/host";

const PARITY = 0.625;
const EXPANSION = 0.0999;

/** A workbook whose formulas were written before CNAI's functions were registered. */
function beforeCnaiStarts() {
  const addin = awaitingRegistration(CORE_FUNCTIONS);
  return { ...hosted(addin.functions), register: addin.register };
}

describe("100,000 stuck formulas", () => {
  const COUNT = 100_000;

  /** Cells each request of the log read or wrote: the ranges of its loads and formula writes. */
  function cellsPerRequest(log: readonly string[]): { read: number; written: number }[] {
    const requests: { read: number; written: number }[] = [{ read: 0, written: 0 }];
    const size = (label: string) => {
      const rect = parseRect(label.slice(label.lastIndexOf("!") + 1));
      return rect ? (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) : 0;
    };
    for (const step of log) {
      const current = requests[requests.length - 1];
      const load = step.match(/^load Range (\S+) formulas,values$/);
      const write = step.match(/^Range (\S+)\.formulas = /);
      if (step === "sync") requests.push({ read: 0, written: 0 });
      else if (load) current.read += size(load[1]);
      else if (write) current.written += size(write[1]);
    }
    return requests.filter((r) => r.read + r.written > 0);
  }

  test("are read and repaired in syncs sized by their bytes, each under the payload limit", async () => {
    const { workbook, host, run, register } = beforeCnaiStarts();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${COUNT}`).formulas = Array.from(
        { length: COUNT },
        (_, i) => [i % 2 ? "=CNAI.MARGIN_EXPANSION(30%,15%,2)" : '=CNAI.PARITY_AT("2H25")']
      );
      await context.sync();
    });
    register();
    expect(workbook.value("Sheet1", `A${COUNT}`)).toMatchObject({ error: "#NAME?" });
    host.resetCounts();

    const report = await makeRepairActions(run).repair();
    expect(report).toMatchObject({ ok: true, repaired: COUNT });
    expect(workbook.value("Sheet1", "A1")).toBe(PARITY);
    expect(workbook.value("Sheet1", `A${COUNT}`)).toBeCloseTo(EXPANSION, 12);
    const requests = cellsPerRequest(host.log);
    // 100,000 formulas of ~35 characters and their values: about 6 MB to read, 4 MB to write,
    // so more than one sync each way at a budget of 2 MB, and none over Excel on the web's 5 MB.
    expect(requests.filter((r) => r.read > 0).length).toBeGreaterThan(2);
    expect(requests.filter((r) => r.written > 0).length).toBeGreaterThan(1);
    expect(host.largestRequest).toBeLessThanOrEqual(PAYLOAD_BUDGET + RANGE_OVERHEAD * 10);
    expect(host.largestResponse).toBeLessThanOrEqual(5_000_000);
    expect(requests.reduce((n, r) => n + r.written, 0)).toBe(COUNT);
  }, 120_000);
});
