/**
 * Every example of the catalogue — the help pages', the pane's Insert button's — gives what it
 * says, worked out from the note by hand (`expected` beside each example): typed into a cell of a
 * workbook on the Excel host whose CNAI functions are the shipped bundle's (dist/functions.js), and
 * again with the core's functions. Adding an example without its expected result fails to compile.
 */
import { CATALOG, Example, ExampleCell } from "../../src/core";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import type { AddinFunction, WorkbenchValue } from "../../src/host/contract";
import { HostWorkbook } from "../../src/host/workbook";
import { cellAddress } from "../../src/plans/a1";
import { bundleFunctions } from "../workbench/bundle";

const examples = CATALOG.flatMap((def) =>
  def.examples.map((e) => [def.name, e.formula, e] as const)
);

/** A cell as the example states it: numbers to 12 significant digits, errors by their code. */
function same(value: WorkbenchValue, expected: ExampleCell): boolean {
  if (typeof expected === "number")
    return (
      typeof value === "number" &&
      Math.abs(value - expected) <= 1e-12 * Math.max(1, Math.abs(expected))
    );
  if (typeof expected === "string" && expected.startsWith("#"))
    return typeof value === "object" && value !== null && value.error === expected;
  return value === expected;
}

async function check(book: HostWorkbook, formula: string, expected: Example["expected"]) {
  book.setInput("Sheet1", "A1", formula);
  // The bundle's Monte Carlo functions are asynchronous: #BUSY! until their engine has answered.
  await book.calculated();
  const { rows, columns } = book.spill("Sheet1", "A1");
  const cells = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (__, j) =>
      book.value("Sheet1", cellAddress({ row: i, column: j }))
    )
  );
  if (Array.isArray(expected)) {
    const matrix = expected as readonly (readonly ExampleCell[])[];
    expect({ formula, size: [rows, columns] }).toEqual({
      formula,
      size: [matrix.length, matrix[0].length],
    });
    matrix.forEach((row, i) =>
      row.forEach((cell, j) =>
        expect({ formula, i, j, ok: same(cells[i][j], cell), got: cells[i][j] }).toMatchObject({
          ok: true,
        })
      )
    );
  } else if (typeof expected === "object") {
    const table = expected as { rows: number; columns: number; first: ExampleCell };
    expect({ formula, size: [rows, columns], first: cells[0][0] }).toEqual({
      formula,
      size: [table.rows, table.columns],
      first: table.first,
    });
  } else {
    expect({ formula, size: [rows, columns] }).toEqual({ formula, size: [1, 1] });
    expect({ formula, ok: same(cells[0][0], expected), got: cells[0][0] }).toMatchObject({
      ok: true,
    });
  }
}

describe.each([
  ["the shipped bundle", () => bundleFunctions()],
  ["the core", () => CORE_FUNCTIONS as AddinFunction[]],
] as const)("every catalogue example gives its expected result, with %s", (_, functions) => {
  const book = new HostWorkbook(functions());

  test("the catalogue has examples for every function", () => {
    for (const def of CATALOG)
      expect({ name: def.name, examples: def.examples.length > 0 }).toEqual({
        name: def.name,
        examples: true,
      });
  });

  test.each(examples)("%s: %s", async (_name, _formula, example) => {
    await check(book, example.formula, example.expected);
  });
});
