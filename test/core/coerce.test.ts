/**
 * One Excel value → the argument a function body receives (src/core/params.ts `coerce`), for each
 * kind of parameter, at the edges Excel can send: numbers as booleans, text as numbers or dates,
 * spaces and case, single cells that stand for a whole table. Expected values worked by hand.
 */
import { CellError, MAX_SERIAL, Matrix, CellValue, TableParam, coerce } from "../../src/core";
import { codeAndMessage as refused } from "../helpers/call";

const base = { description: "", zh: { description: "" } };
const FLAG = { name: "headers", kind: "boolean", ...base } as const;
const BOUND = { name: "bound", kind: "choice", options: ["low", "mid", "high"], ...base } as const;
const TEXT = {
  name: "metric",
  kind: "text",
  accepts: "a metric",
  description: "",
  zh: { description: "", accepts: "指标" },
} as const;
const WHEN = { name: "when", kind: "date", ...base } as const;

/** A table parameter whose reader reports what it was given. */
const TABLE: TableParam<{ cells: Matrix<CellValue> }> = {
  name: "chips",
  kind: "table",
  optional: true,
  accepts: "a table",
  description: "",
  zh: { description: "", accepts: "表" },
  read: (cells) => ({ cells }),
};

test.each([
  [true, true],
  [false, false],
  [1, true],
  [-2.5, true],
  [0, false],
  ["TRUE", true],
  [" true ", true],
  ["False", false],
])("boolean %p → %p", (raw, value) => {
  expect(coerce(FLAG, raw)).toBe(value);
});

test.each([["yes"], ["truex"], ["x true"], ["true false"], [Infinity], [NaN]])(
  "boolean %p is #VALUE!",
  (raw) => {
    expect(refused(coerce(FLAG, raw))[0]).toBe("#VALUE!");
  }
);

test("a choice is read without case or surrounding spaces; anything else lists the choices", () => {
  expect(coerce(BOUND, " MID ")).toBe("mid");
  expect(coerce(BOUND, "High")).toBe("high");
  expect(refused(coerce(BOUND, "middle"))).toEqual([
    "#VALUE!",
    'bound must be "low", "mid" or "high"; got "middle".',
  ]);
  expect(refused(coerce(BOUND, 1))[0]).toBe("#VALUE!");
});

test("text takes text as typed, and a number written out; not a boolean or a non-finite number", () => {
  expect(coerce(TEXT, " Revenue ")).toBe(" Revenue ");
  expect(coerce(TEXT, 2027)).toBe("2027");
  expect(coerce(TEXT, 0.5)).toBe("0.5");
  for (const raw of [true, Infinity, NaN]) expect(refused(coerce(TEXT, raw))[0]).toBe("#VALUE!");
});

test("a date as a serial runs from 1 (1900-01-01) to 9999-12-31; 0.5 is none, and the message says so", () => {
  expect(coerce(WHEN, 1)).toBe(1);
  expect(coerce(WHEN, MAX_SERIAL)).toBe(MAX_SERIAL);
  expect(refused(coerce(WHEN, 0.5))).toEqual([
    "#NUM!",
    "when must be a date from 1900-01-01 to 9999-12-31 or a decimal year; got 0.5.",
  ]);
});

test("a table: one empty cell is an omitted table, one error cell is that error, anything else is read", () => {
  for (const empty of [null, "", [[null]], [[""]]]) expect(coerce(TABLE, empty)).toBeNull();
  const error = new CellError("#N/A", "A referenced cell holds #N/A.");
  expect(coerce(TABLE, [[error]])).toBe(error);
  expect(coerce(TABLE, error)).toBe(error);
  expect(coerce(TABLE, [[5]])).toEqual({ cells: [[5]] });
  expect(coerce(TABLE, "chips")).toEqual({ cells: [["chips"]] });
  expect(coerce(TABLE, [[null, null]])).toEqual({ cells: [[null, null]] });
  expect(coerce(TABLE, [[null], [5]])).toEqual({ cells: [[null], [5]] });
});
