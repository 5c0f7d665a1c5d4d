/**
 * An add-in's functions on the host (src/host/engine.ts), with functions of the test's own rather
 * than the catalogue's: what a function may return — a value, an Excel error object, a rectangle
 * of them — and what the host makes of anything else, each a #VALUE! that says why; and the
 * arguments as Excel passes them — an error cell as an error object, an empty cell as null, a
 * percentage as its number, a range to a matrix parameter as rows of values.
 */
import type { AddinFunction } from "../../src/host/contract";
import { HostWorkbook } from "../../src/host/workbook";

const returning = (id: string, value: () => unknown, matrix = false): AddinFunction => ({
  id,
  parameters: [],
  result: { dimensionality: matrix ? "matrix" : "scalar" },
  invoke: value,
});

/** CNAI.<id>() entered into A1 of a new workbook with that one function: A1's value. */
const valueOf = (fn: AddinFunction) => {
  const workbook = new HostWorkbook([fn]);
  workbook.setInput("Sheet1", "A1", `=CNAI.${fn.id}()`);
  return workbook.value("Sheet1", "A1");
};

describe("what a function returns, as the cell shows it", () => {
  it.each([
    [
      "an object that is not an error",
      returning("OBJ", () => ({ a: 1 })),
      "CNAI.OBJ returned a value a cell cannot hold.",
    ],
    [
      "an empty array",
      returning("NONE", () => [], true),
      "CNAI.NONE returned an array that is not a rectangle.",
    ],
    [
      "an empty row",
      returning("HOLLOW", () => [[]], true),
      "CNAI.HOLLOW returned an array that is not a rectangle.",
    ],
    [
      "ragged rows",
      returning("RAGGED", () => [[1], [2, 3]], true),
      "CNAI.RAGGED returned an array that is not a rectangle.",
    ],
    [
      "a flat array",
      returning("FLAT", () => [1, 2], true),
      "CNAI.FLAT returned an array that is not a rectangle.",
    ],
  ])("%s: #VALUE!, saying why", (_, fn, message) => {
    expect(valueOf(fn)).toEqual({ error: "#VALUE!", message });
  });

  it("null or undefined shows 0, as a formula reading an empty cell does", () => {
    expect(valueOf(returning("NOTHING", () => null))).toBe(0);
    expect(valueOf(returning("UNSET", () => undefined))).toBe(0);
  });

  it("a thrown Excel error shows as returned; anything else thrown is #VALUE!, with its message", () => {
    const throwing = (id: string, thrown: unknown) =>
      returning(id, () => {
        throw thrown;
      });
    expect(valueOf(throwing("REFUSE", { code: "#N/A", message: "no such period" }))).toEqual({
      error: "#N/A",
      message: "no such period",
    });
    expect(valueOf(throwing("BROKEN", new TypeError("boom")))).toEqual({
      error: "#VALUE!",
      message: "CNAI.BROKEN failed: boom",
    });
    expect(valueOf(throwing("ODD", "a string"))).toEqual({
      error: "#VALUE!",
      message: "CNAI.ODD failed: a string",
    });
    expect(valueOf(throwing("NIL", null))).toEqual({
      error: "#VALUE!",
      message: "CNAI.NIL failed: null",
    });
  });

  it("a logical shows as itself; an object whose code is not an error code is no error", () => {
    expect(valueOf(returning("YES", () => true))).toBe(true);
    expect(valueOf(returning("NO", () => [[false]], true))).toBe(false);
    expect(valueOf(returning("CODED", () => ({ code: "N/A" })))).toEqual({
      error: "#VALUE!",
      message: "CNAI.CODED returned a value a cell cannot hold.",
    });
  });

  it("a 1×1 array is its one value, spilling nowhere", () => {
    const workbook = new HostWorkbook([returning("ONE", () => [[5]], true)]);
    workbook.setInput("Sheet1", "A1", "=CNAI.ONE()");
    workbook.setInput("Sheet1", "A2", "below");
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "A2")]).toEqual([5, "below"]);
  });

  it("an error object keeps its code and message; a code in lower case is Excel's; one the engine lacks is #ERROR!, naming it", () => {
    expect(valueOf(returning("WHY", () => ({ code: "#DIV/0!", message: "why" })))).toEqual({
      error: "#DIV/0!",
      message: "why",
    });
    // A code the engine knows carries no message of its own; only an unknown one is named.
    expect(valueOf(returning("LOWER", () => ({ code: "#n/a" })))).toEqual({
      error: "#N/A",
      message: "",
    });
    expect(valueOf(returning("NULLREF", () => ({ code: "#NULL!" })))).toEqual({
      error: "#ERROR!",
      message: "#NULL!",
    });
  });
});

describe("arguments, as Excel passes them", () => {
  const seen: unknown[][] = [];
  const SEEN: AddinFunction = {
    id: "SEEN",
    parameters: [
      { name: "x", dimensionality: "scalar" },
      { name: "m", dimensionality: "matrix", optional: true },
    ],
    result: {},
    invoke: (x, m) => {
      seen.push([x, m]);
      return 1;
    },
  };
  /** The arguments CNAI.SEEN received for `formula`, with C1 =1/0, C2 empty, C3 50%, C4 7. */
  const argumentsOf = (formula: string) => {
    const workbook = new HostWorkbook([SEEN]);
    workbook.setInput("Sheet1", "C1", "=1/0");
    workbook.setInput("Sheet1", "C3", "50%");
    workbook.setInput("Sheet1", "C4", "7");
    seen.length = 0;
    workbook.setInput("Sheet1", "E1", formula);
    return seen.at(-1);
  };

  it.each([
    ["=CNAI.SEEN(C1)", [{ code: "#DIV/0!" }, null]],
    ["=CNAI.SEEN(C2)", [null, null]],
    ["=CNAI.SEEN(C3)", [0.5, null]],
    ["=CNAI.SEEN(C4:C4,C4)", [7, [[7]]]],
    ["=CNAI.SEEN(C4,C3:C4)", [7, [[0.5], [7]]]],
    ["=CNAI.SEEN(C4,C4:C4)", [7, [[7]]]],
    ["=CNAI.SEEN(7,C2)", [7, [[null]]]],
    ["=CNAI.SEEN(7,)", [7, null]],
    ["=CNAI.SEEN(,C4)", [null, [[7]]]],
  ])("%s passes %j", (formula, expected) => {
    expect(argumentsOf(formula)).toEqual(expected);
  });

  it("a range to a scalar parameter arrives whole, as rows (the function broadcasts, not the engine); arithmetic on a range is an array", () => {
    expect(argumentsOf("=CNAI.SEEN(C3:C4)")).toEqual([[[0.5], [7]], null]);
    expect(argumentsOf("=CNAI.SEEN(C4,C3:C4*2)")).toEqual([7, [[1], [14]]]);
  });

  it("every declared parameter may be left out: it arrives as null", () => {
    expect(argumentsOf("=CNAI.SEEN()")).toEqual([null, null]);
  });

  it("each workbook knows its own functions only", () => {
    const mine = new HostWorkbook([SEEN]);
    const other = new HostWorkbook([returning("OTHER", () => 2)]);
    mine.setInput("Sheet1", "A1", "=CNAI.OTHER()");
    other.setInput("Sheet1", "A1", "=CNAI.OTHER()");
    expect(mine.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
    expect(other.value("Sheet1", "A1")).toBe(2);
  });

  it("an error cell's message travels with it", () => {
    const workbook = new HostWorkbook([
      SEEN,
      returning("WHY", () => ({ code: "#N/A", message: "why" })),
    ]);
    workbook.setInput("Sheet1", "C1", "=CNAI.WHY()");
    seen.length = 0;
    workbook.setInput("Sheet1", "E1", "=CNAI.SEEN(C1)");
    expect(seen.at(-1)).toEqual([{ code: "#N/A", message: "why" }, null]);
  });
});
