/**
 * Anything Excel can pass a custom function, as fast-check arbitraries, for the property tests of
 * the core (test/core/properties.test.ts) and of the shipped bundle
 * (test/functions/properties-bundle.test.ts).
 */
import fc from "fast-check";
import { CellError } from "../../src/core";

export const RUNS = 300;

/** Anything a cell can hold, the awkward values first. */
export const excelScalar = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.3,
    1e308,
    -1e308,
    1e-300,
    -1e-300,
    2026.5,
    45931,
    Number.MAX_SAFE_INTEGER
  ),
  fc.double(),
  fc.integer({ min: -1e6, max: 3e6 }),
  fc.constantFrom(
    "NaN",
    "Infinity",
    "-Infinity",
    "1e5",
    "",
    " ",
    "30%",
    "2H25",
    "Late 2027",
    "low",
    "high",
    "step",
    "chips",
    "tokens",
    "revenue",
    "Q1 2026",
    "2027E",
    "TRUE"
  ),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null)
);
export const excelMatrix = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(excelScalar, { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    })
  );
export const excelArgument = fc.oneof(
  { weight: 3, arbitrary: excelScalar },
  { weight: 1, arbitrary: excelMatrix }
);

export function isExcelValue(cell: unknown): boolean {
  return (
    cell instanceof CellError ||
    typeof cell === "string" ||
    typeof cell === "boolean" ||
    (typeof cell === "number" && Number.isFinite(cell) && !Object.is(cell, -0))
  );
}

export const cellsOf = (result: unknown): unknown[] =>
  Array.isArray(result) ? (result as unknown[][]).flat() : [result];
