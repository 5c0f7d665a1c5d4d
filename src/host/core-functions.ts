/**
 * The core's catalogue as add-in functions: each declared as functions.json declares it and run on
 * the core, so a workbench can compute a plan's formulas without the built bundle — the tests
 * (test/helpers/hyperformula.ts) and the .xlsx export (scripts/workbook.ts) do. The page itself
 * uses the built bundle's functions instead (src/workbench/addin.ts).
 */
import {
  CATALOG,
  CellError,
  CellValue,
  ErrorCode,
  Matrix,
  dimensionality,
  evaluate,
  isMatrix,
} from "../core";
import type { AddinFunction } from "./contract";

const CORE_CODES: readonly string[] = ["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"];

/**
 * An Excel error in an argument (a referenced #N/A, #REF!, …) becomes a core error the runner
 * propagates; codes the core does not know become #VALUE!, as in the Excel layer (src/functions/excel.ts).
 */
function fromExcelCell(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const { code, message } = value as { code: string; message?: string };
  return CORE_CODES.includes(code)
    ? new CellError(code as ErrorCode, message || `A referenced cell holds ${code}.`)
    : new CellError("#VALUE!", `A referenced cell holds an error (${code}).`);
}

const fromExcel = (arg: unknown) =>
  isMatrix(arg) ? arg.map((row) => row.map(fromExcelCell)) : fromExcelCell(arg);

/** Core errors out as Excel's error objects — with their messages on every code. */
const toExcelCell = (cell: CellValue) =>
  cell instanceof CellError ? { code: cell.code, message: cell.message } : cell;

const toExcel = (result: CellValue | Matrix) =>
  isMatrix(result) ? result.map((row) => row.map(toExcelCell)) : toExcelCell(result);

/** Every function of the catalogue, declared as functions.json declares it and run on the core. */
export const CORE_FUNCTIONS: readonly AddinFunction[] = CATALOG.map((def) => {
  return {
    id: def.name,
    parameters: def.params.map((p) => ({
      name: p.name,
      dimensionality: dimensionality(def, p),
      optional: p.optional === true || ("default" in p && p.default !== undefined),
      table: p.kind === "table",
    })),
    result: { dimensionality: def.broadcast || def.table ? "matrix" : "scalar" },
    invoke: (...args: unknown[]) => toExcel(evaluate(def, args.map(fromExcel))),
  };
});
