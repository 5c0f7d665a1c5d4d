/**
 * Excel values as the core sees them, and Excel errors as values.
 *
 * The math never throws: a function returns a number, text, a boolean or a `CellError`, and the one
 * runner (runner.ts) turns anything non-finite into `#NUM!`. Only the Excel layer converts a
 * `CellError` into `CustomFunctions.Error`.
 */

export type ErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

export class CellError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string
  ) {}
}

/** What a cell can hold on the way in (after the Excel layer has unwrapped Excel's own errors). */
export type Scalar = number | string | boolean | null;
export type CellValue = Scalar | CellError;
export type Matrix<T = CellValue> = T[][];

export const valueError = (message: string) => new CellError("#VALUE!", message);
export const numError = (message: string) => new CellError("#NUM!", message);
export const divError = (message: string) => new CellError("#DIV/0!", message);
export const naError = (message: string) => new CellError("#N/A", message);

export const isError = (value: unknown): value is CellError => value instanceof CellError;

/** What Excel shows in a cell while an asynchronous custom function in it is computing. */
export const BUSY = "#BUSY!";

export function isMatrix(value: unknown): value is unknown[][] {
  return Array.isArray(value) && (value.length === 0 || Array.isArray(value[0]));
}

/** Shows a value the way an analyst typed it, for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined || value === "") return "an empty cell";
  if (typeof value === "string")
    return `"${value.length > 40 ? value.slice(0, 37) + "..." : value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number")
    return Number.isFinite(value) ? String(value) : "a non-finite number";
  if (value instanceof CellError) return value.code;
  return "a value of an unsupported kind";
}
