/**
 * Property tests of the shipped bundle (dist/functions.js, loaded as Excel loads it): arbitrary
 * Excel-shaped input gives finite numbers, text, booleans or Excel's errors, element by element, as
 * test/core/properties.test.ts checks of the core.
 */
import fc from "fast-check";
import { CellError, findFunction } from "../../src/core";
import { ExcelRuntimeError, loadAddin } from "../../scripts/excel-runtime";
import { RUNS, cellsOf, excelArgument, isExcelValue } from "../helpers/arbitraries";

describe("any input gives finite numbers, text, booleans or Excel errors, element by element", () => {
  const addin = loadAddin();
  it.each(addin.metadata.functions.map((f) => [f.id, f] as const))(
    "%s (the shipped bundle)",
    async (id, meta) => {
      // The Monte Carlo functions answer with a Promise (their engine loads on the first call).
      const onDemand = findFunction(id)?.onDemand === true;
      await fc.assert(
        fc.asyncProperty(
          fc.array(excelArgument, {
            minLength: meta.parameters.length,
            maxLength: meta.parameters.length,
          }),
          async (args) => {
            const answer = addin.invoke(id, ...args);
            expect(typeof (answer as Promise<unknown>)?.then === "function").toBe(onDemand);
            const result = await answer;
            for (const cell of cellsOf(result)) {
              const ok =
                cell instanceof ExcelRuntimeError ||
                (isExcelValue(cell) && !(cell instanceof CellError));
              if (!ok) throw new Error(`${id}(${JSON.stringify(args)}) gave ${String(cell)}`);
            }
          }
        ),
        { numRuns: RUNS }
      );
    }
  );
});
