/* global CustomFunctions, globalThis */
/**
 * The bridge between Excel's custom-functions runtime and the core: Excel's own errors in ranges
 * come in as `CellError`s, core errors go out as `CustomFunctions.Error`. No math here.
 */
import {
  CellError,
  CellValue,
  ErrorCode,
  FunctionDef,
  Matrix,
  evaluate,
  findFunction,
  isMatrix,
} from "../core";

// Opened outside Excel (the pane page in a plain browser), office.js defines no CustomFunctions; the
// registrations appended to the functions bundle then become no-ops instead of a page error.
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    associate: () => undefined,
  };
}

/** The core's codes are the runtime's ErrorCode values ("#VALUE!" is ErrorCode.invalidValue, …). */
const excelCode = (code: ErrorCode) => code as CustomFunctions.ErrorCode;

/** Excel shows a custom message only with #VALUE! and #N/A; it rejects one on the other codes. */
function toExcelError(error: CellError): CustomFunctions.Error {
  const withMessage = error.code === "#VALUE!" || error.code === "#N/A";
  return withMessage
    ? new CustomFunctions.Error(excelCode(error.code), error.message)
    : new CustomFunctions.Error(excelCode(error.code));
}

/** An Excel error inside a range (e.g. #REF! in a referenced cell) becomes a value the core propagates. */
function fromExcelCell(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const code = (value as { code?: unknown }).code;
  if (code === "#VALUE!" || code === "#NUM!" || code === "#DIV/0!" || code === "#N/A") {
    return new CellError(code, `A referenced cell holds ${code}.`);
  }
  return new CellError(
    "#VALUE!",
    `A referenced cell holds ${typeof code === "string" ? code : "an error"}.`
  );
}

function fromExcel(arg: unknown): unknown {
  if (!isMatrix(arg)) return fromExcelCell(arg);
  const hasObjects = arg.some((row) =>
    row.some((cell) => cell !== null && typeof cell === "object")
  );
  return hasObjects ? arg.map((row) => row.map(fromExcelCell)) : arg;
}

/** Core results to Excel, in place: the matrix is the runner's own. */
function toExcelMatrix(result: CellValue | Matrix): unknown[][] {
  const matrix: unknown[][] = isMatrix(result) ? result : [[result]];
  for (const row of matrix) {
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (cell !== null && typeof cell === "object") row[j] = toExcelError(cell as CellError);
    }
  }
  return matrix;
}

function definition(name: string): FunctionDef {
  const def = findFunction(name);
  if (!def) throw new Error(`no such function`);
  return def;
}

/**
 * A function that returns a range: broadcasting model functions and APPENDIX.
 * Never throws: every failure is an error value in the result.
 */
export function callMatrix(name: string, args: readonly unknown[]): unknown[][] {
  try {
    return toExcelMatrix(evaluate(definition(name), args.map(fromExcel)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [[new CustomFunctions.Error(excelCode("#VALUE!"), `CNAI.${name} failed: ${message}`)]];
  }
}

/** A function that returns one value (METRIC, VERSION): errors are thrown, as Excel expects. */
export function callScalar(name: string, args: readonly unknown[]): number | string | boolean {
  const [[value]] = callMatrix(name, args);
  if (value instanceof CustomFunctions.Error) throw value;
  return value as number | string | boolean;
}
