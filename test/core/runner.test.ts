/**
 * The one runner every function goes through (src/core/runner.ts), at its edges: how Excel passes
 * each argument, the count of arguments, a body that fails, empty ranges and the grid's last column.
 */
import {
  CATALOG,
  FunctionDef,
  MAX_COLUMNS,
  defineFunction,
  dimensionality,
  evaluate,
} from "../../src/core";
import { call, codeAndMessage as error, definition as def } from "../helpers/call";

/** A function of one number whose body is `compute`: what the runner does with what a body returns. */
const withBody = (compute: (x: number) => unknown): FunctionDef =>
  defineFunction({
    name: "BODY",
    description: "",
    returns: "",
    source: "",
    zh: { description: "", returns: "", source: "" },
    broadcast: true,
    examples: [],
    params: [
      { name: "x", kind: "number", unit: "x", description: "", zh: { description: "", unit: "x" } },
    ],
    compute: compute as (x: number) => number,
  });

test("a broadcasting function takes every argument as a range; the others a table only", () => {
  const kinds = (name: string) => def(name).params.map((p) => dimensionality(def(name), p));
  expect(kinds("TOKEN_REVENUE")).toEqual(["matrix", "matrix"]);
  expect(kinds("METRIC")).toEqual(["scalar", "scalar", "matrix"]);
  expect(kinds("APPENDIX")).toEqual(["scalar", "scalar"]);
  expect(kinds("TORNADO")).toEqual(["scalar", "matrix"]);
  // Every table parameter is a range, whatever the function.
  for (const fn of CATALOG)
    for (const p of fn.params) if (p.kind === "table") expect(dimensionality(fn, p)).toBe("matrix");
});

test("too few or too many arguments are #VALUE!, saying how many it takes", () => {
  expect(error(evaluate(def("TOKEN_REVENUE"), []))).toEqual([
    "#VALUE!",
    "TOKEN_REVENUE needs at least 2 arguments; got 0.",
  ]);
  expect(error(evaluate(def("TOKEN_REVENUE"), [60]))).toEqual([
    "#VALUE!",
    "TOKEN_REVENUE needs at least 2 arguments; got 1.",
  ]);
  expect(error(evaluate(def("TOKEN_REVENUE"), [60, 0.03, 1]))).toEqual([
    "#VALUE!",
    "TOKEN_REVENUE takes at most 2 arguments; got 3.",
  ]);
  // Optional arguments and those with a default may be left out.
  expect(typeof evaluate(def("MARGIN_EXPANSION"), [0.3, 0.15, 2])).toBe("number");
});

test("a body that throws or returns no value is #VALUE! with a message, never a crash", () => {
  expect(
    error(
      evaluate(
        withBody(() => {
          throw new Error("boom");
        }),
        [1]
      )
    )
  ).toEqual(["#VALUE!", "CNAI could not compute BODY: boom."]);
  expect(
    error(
      evaluate(
        withBody(() => {
          throw "plain";
        }),
        [1]
      )
    )
  ).toEqual(["#VALUE!", "CNAI could not compute BODY: plain."]);
  for (const nothing of [undefined, null, {}])
    expect(
      error(
        evaluate(
          withBody(() => nothing),
          [1]
        )
      )
    ).toEqual(["#VALUE!", "CNAI could not compute a value for these inputs."]);
  // −0 is shown as 0, as in a cell.
  expect(
    Object.is(
      evaluate(
        withBody(() => -0),
        [1]
      ),
      0
    )
  ).toBe(true);
});

test("an empty range is #VALUE!, naming the argument", () => {
  for (const empty of [[], [[]]])
    expect(error(evaluate(def("TOKEN_REVENUE"), [empty, 0.03]))).toEqual([
      "#VALUE!",
      "tokens_trillions is an empty range.",
    ]);
});

test("a ragged range is #VALUE!: cells are never paired by guess", () => {
  for (const ragged of [
    [[1, 2], [3]],
    [[1], [2, 3]],
    [[], [1]],
  ])
    expect(error(evaluate(def("TOKEN_REVENUE"), [ragged, 0.5]))).toEqual([
      "#VALUE!",
      "tokens_trillions is not rectangular: its rows differ in length.",
    ]);
  expect(
    evaluate(def("TOKEN_REVENUE"), [
      [
        [1, 2],
        [3, 4],
      ],
      0.5,
    ])
  ).toEqual([
    [5e5, 1e6],
    [1.5e6, 2e6],
  ]);
});

test("a result as wide as Excel's grid is returned; one column more is #NUM!", () => {
  const prices = (n: number) => [new Array(n).fill(0.5)];
  const widest = evaluate(def("TOKEN_REVENUE"), [60, prices(MAX_COLUMNS)]) as number[][];
  expect([widest.length, widest[0].length, widest[0][MAX_COLUMNS - 1]]).toEqual([1, 16_384, 3e7]);
  const [code, message] = error(evaluate(def("TOKEN_REVENUE"), [60, prices(MAX_COLUMNS + 1)]));
  expect(code).toBe("#NUM!");
  expect(message).toBe(
    "The result would be 1 rows by 16385 columns, larger than Excel's grid (1048576 rows by 16384 columns)."
  );
});

test("on the fast path, a body that throws for one cell fails that cell only; one that overflows is #NUM!", () => {
  const tens = withBody((x) => {
    if (x === 2) throw new Error("two");
    return x * 10;
  });
  const row = evaluate(tens, [[[1, 2, 3]]]) as unknown[][];
  expect([row[0][0], row[0][2]]).toEqual([10, 30]);
  expect(error(row[0][1])).toEqual(["#VALUE!", "CNAI could not compute BODY: two."]);
  const overflow = evaluate(
    withBody((x) => (x === 2 ? Infinity : x)),
    [[[1, 2, 3]]]
  ) as unknown[][];
  expect([overflow[0][0], overflow[0][2]]).toEqual([1, 3]);
  expect(error(overflow[0][1])[0]).toBe("#NUM!");
  const text = evaluate(
    withBody((x) => (x === 2 ? "two" : x)),
    [[[1, 2, 3]]]
  );
  expect(text).toEqual([[1, "two", 3]]);
  // The general loop (a text cell among the numbers) stores overflows the same way.
  const general = evaluate(
    withBody((x) => (x === 2 ? Infinity : x)),
    [[[1, 2, "x"]]]
  ) as unknown[][];
  expect(general[0][0]).toBe(1);
  expect(error(general[0][1])[0]).toBe("#NUM!");
  expect(error(general[0][2])[0]).toBe("#VALUE!");
});

test("on the numbers' fast path, every argument of a six-argument function pairs with its own element", () => {
  // A fixed cost share above 0, so that volume growth moves the margin too.
  const base = [0.3, 0.15, 2, 0.64, 0, 0.1];
  const other = [0.5, 0.2, 3, 0.6, -0.05, 0.2];
  for (let k = 0; k < base.length; k++) {
    // Argument k a row of two numbers, the others single values.
    const args = base.map((value, j) => (j === k ? [[value, other[k]]] : value));
    const row = (evaluate(def("MARGIN_EXPANSION"), args) as number[][])[0];
    const changed = base.map((value, j) => (j === k ? other[k] : value));
    expect({ k, row }).toEqual({
      k,
      row: [call("MARGIN_EXPANSION", ...base), call("MARGIN_EXPANSION", ...changed)],
    });
    expect(row[1]).not.toBe(row[0]);
  }
});

test("a result of −0 is 0 in a cell, on every path", () => {
  // DEMAND_ELASTICITY = ln(1 + volume_change) / ln(1 + price_change): 0 / ln(0.9) is −0.
  const elasticity = def("DEMAND_ELASTICITY");
  const scalar = evaluate(elasticity, [-0.1, 0]);
  const fastPath = (evaluate(elasticity, [[[-0.1, -0.2]], 0]) as unknown[][])[0];
  const generalPath = (evaluate(elasticity, [[[-0.1, "x"]], 0]) as unknown[][])[0];
  expect([scalar, fastPath[0], fastPath[1], generalPath[0]].map((x) => Object.is(x, 0))).toEqual([
    true,
    true,
    true,
    true,
  ]);
});

test("on the general path, every argument of a six-argument function pairs with its own element", () => {
  // A text element sends the call down the general path; the other cells must equal scalar calls.
  const scalar = (...args: number[]) => call("MARGIN_EXPANSION", ...args);
  const result = evaluate(def("MARGIN_EXPANSION"), [
    [[0.3, 0.3, "x"]],
    [[0.15, 0.2, 0.15]],
    [[2, 3, 2]],
    [[0.64, 0.6, 0.64]],
    [[0, -0.05, 0]],
    [[0, 0.1, 0]],
  ]) as unknown[][];
  expect(result[0][0]).toBe(scalar(0.3, 0.15, 2, 0.64, 0, 0));
  expect(result[0][1]).toBe(scalar(0.3, 0.2, 3, 0.6, -0.05, 0.1));
  expect(error(result[0][2])[0]).toBe("#VALUE!");
  // The second cell differs from the first in every argument, so each one was read.
  expect(result[0][1]).not.toBe(result[0][0]);
});
