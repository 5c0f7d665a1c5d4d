/**
 * The one runner every function goes through (src/core/runner.ts), at its edges: how Excel passes
 * each argument, the count of arguments, a body that fails, empty ranges and the grid's last column.
 */
import {
  CATALOG,
  CellError,
  FunctionDef,
  MAX_COLUMNS,
  defineFunction,
  dimensionality,
  evaluate,
  findFunction,
} from "../../src/core";

const def = (name: string) => {
  const found = findFunction(name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};

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

const error = (value: unknown) => {
  expect(value).toBeInstanceOf(CellError);
  const { code, message } = value as CellError;
  return [code, message];
};

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
