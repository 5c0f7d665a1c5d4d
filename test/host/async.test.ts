/**
 * Asynchronous custom functions on the host, as Excel runs them: a function that returns a Promise
 * leaves its cell #BUSY! until the Promise settles, then the cell shows the result, its spill and
 * its dependents follow, and the function is not called again while its arguments stay the same.
 * A rejected Promise is the cell's #VALUE! (an Excel error it rejects with is that error). Functions
 * of the test's own, their results worked by hand (LATER(x) = 2x).
 */
import type { AddinFunction } from "../../src/host/contract";
import { hostWorkbook } from "../../src/host/node";
import { HostWorkbook } from "../../src/host/workbook";

/** CNAI.LATER(x): 2x, a microtask later; `calls` counts its invocations. */
function later() {
  const calls: unknown[] = [];
  const fn: AddinFunction = {
    id: "LATER",
    parameters: [{ name: "x", dimensionality: "scalar" }],
    result: { dimensionality: "scalar" },
    invoke: (x) => {
      calls.push(x);
      return Promise.resolve(2 * (x as number));
    },
  };
  return { fn, calls };
}

const asyncOf = (id: string, value: () => Promise<unknown>, matrix = false): AddinFunction => ({
  id,
  parameters: [],
  result: { dimensionality: matrix ? "matrix" : "scalar" },
  invoke: value,
});

describe("a function that returns a Promise", () => {
  it("shows #BUSY! until it settles, then its result; a dependent follows", async () => {
    const { fn, calls } = later();
    const workbook = new HostWorkbook([fn]);
    workbook.setInput("Sheet1", "A1", "=CNAI.LATER(21)");
    workbook.setInput("Sheet1", "B1", "=A1+1");
    expect(workbook.value("Sheet1", "A1")).toEqual({ error: "#BUSY!", message: "" });
    expect(workbook.value("Sheet1", "B1")).toEqual({ error: "#BUSY!", message: "" });
    await workbook.calculated();
    expect(workbook.value("Sheet1", "A1")).toBe(42);
    expect(workbook.value("Sheet1", "B1")).toBe(43);
    expect(calls).toEqual([21]);
  });

  it("is not called again while its arguments stay the same; a new argument calls it again", async () => {
    const { fn, calls } = later();
    const workbook = new HostWorkbook([fn]);
    workbook.setInput("Sheet1", "C1", "5");
    workbook.setInput("Sheet1", "A1", "=CNAI.LATER(C1)");
    await workbook.calculated();
    // Another cell's change recalculates nothing that A1 reads.
    workbook.setInput("Sheet1", "D1", "7");
    expect(workbook.value("Sheet1", "A1")).toBe(10);
    workbook.setInput("Sheet1", "C1", "6");
    expect(workbook.value("Sheet1", "A1")).toEqual({ error: "#BUSY!", message: "" });
    await workbook.calculated();
    expect(workbook.value("Sheet1", "A1")).toBe(12);
    expect(calls).toEqual([5, 6]);
  });

  it("a formula entered again calls its function again, as in Excel", async () => {
    const { fn, calls } = later();
    const workbook = new HostWorkbook([fn]);
    workbook.setInput("Sheet1", "A1", "=CNAI.LATER(1)");
    await workbook.calculated();
    workbook.setInput("Sheet1", "A1", "=CNAI.LATER(1)");
    await workbook.calculated();
    expect(calls).toEqual([1, 1]);
  });

  it("two calls in one cell each wait for their own result", async () => {
    const { fn, calls } = later();
    const workbook = new HostWorkbook([fn]);
    workbook.setInput("Sheet1", "A1", "=CNAI.LATER(1)+CNAI.LATER(10)");
    await workbook.calculated();
    expect(workbook.value("Sheet1", "A1")).toBe(22);
    expect(calls).toEqual([1, 10]);
  });

  it("a matrix result spills once it arrives, at the size it turns out to be", async () => {
    const fn = asyncOf(
      "BLOCK",
      () =>
        Promise.resolve([
          [1, 2],
          [3, 4],
        ]),
      true
    );
    const workbook = new HostWorkbook([fn]);
    workbook.setInput("Sheet1", "A1", "=CNAI.BLOCK()");
    await workbook.calculated();
    expect(["A1", "B1", "A2", "B2"].map((a1) => workbook.value("Sheet1", a1))).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it.each([
    [
      "a rejection with an Error",
      () => Promise.reject(new Error("the engine did not load")),
      { error: "#VALUE!", message: "CNAI.FAILS failed: the engine did not load" },
    ],
    [
      "a rejection with an Excel error",
      () => Promise.reject({ code: "#N/A", message: "no such output" }),
      { error: "#N/A", message: "no such output" },
    ],
    [
      "a resolution with an Excel error",
      () => Promise.resolve({ code: "#NUM!" }),
      { error: "#NUM!", message: "" },
    ],
  ])("%s is the cell's error", async (_, value, shown) => {
    const workbook = new HostWorkbook([asyncOf("FAILS", value)]);
    workbook.setInput("Sheet1", "A1", "=CNAI.FAILS()");
    await workbook.calculated();
    expect(workbook.value("Sheet1", "A1")).toEqual(shown);
  });

  it("through Microsoft's client: #BUSY! while computing, the value after; the grid is told when it arrives", async () => {
    // Settles when the test says: the answer read before it is the busy one.
    let settle: (value: number) => void = () => undefined;
    const fn = asyncOf("LATER", () => new Promise((resolve) => (settle = resolve)));
    const { run, workbook } = hostWorkbook([fn]);
    let redraws = 0;
    workbook.onChange(() => redraws++);
    const busy = await run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      cell.formulas = [["=CNAI.LATER()"]];
      cell.load("values,valueTypes");
      await context.sync();
      return [cell.values[0][0], cell.valueTypes[0][0]];
    });
    expect(busy).toEqual(["#BUSY!", "Error"]);
    const before = redraws;
    settle(8);
    await workbook.calculated();
    expect(redraws).toBeGreaterThan(before);
    const value = await run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      await context.sync();
      return cell.values[0][0];
    });
    expect(value).toBe(8);
  });
});

describe("the results a cell keeps", () => {
  it("arguments that come back within the last eight are answered without a call; older ones call again", async () => {
    const { fn, calls } = later();
    const workbook = new HostWorkbook([fn]);
    workbook.setInput("Sheet1", "A1", "=CNAI.LATER(C1)");
    for (const x of [1, 2, 3, 4, 5, 6, 7, 8, 9, 2]) {
      workbook.setInput("Sheet1", "C1", String(x));
      await workbook.calculated();
      expect(workbook.value("Sheet1", "A1")).toBe(2 * x);
    }
    // null (C1 empty at entry), then 1…9, each called once; 2 is among the last eight: no call.
    expect(calls).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 1 has gone (the eight kept are 2…9): it is called again.
    workbook.setInput("Sheet1", "C1", "1");
    await workbook.calculated();
    expect(calls).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  });
});
