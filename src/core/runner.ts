/**
 * The one runner: coercion, defaults, limits, broadcasting and result checks for every function.
 * Function bodies only do the math on typed arguments.
 */
import { Arg, ArgsOf, Param, coerce } from "./params";
import { CellError, CellValue, Matrix, isMatrix, naError, numError, valueError } from "./values";

export type Result = number | string | boolean | CellError;
export type TableResult = Matrix<Exclude<CellValue, null>>;

export interface FunctionDef<P extends readonly Param[] = readonly Param[]> {
  /** The Excel name after `CNAI.`. */
  readonly name: string;
  /** One sentence, as Excel's function wizard shows it. */
  readonly description: string;
  /** What the result is, with its unit. */
  readonly returns: string;
  /** The Excel number format that shows the result best. */
  readonly format?: string;
  /** Where in the note the function comes from. */
  readonly source: string;
  readonly params: P;
  /**
   * Model functions broadcast every argument over ranges but a table (a `kind: "table"` parameter,
   * read whole); APPENDIX, METRIC and VERSION broadcast none.
   */
  readonly broadcast: boolean;
  /** The result is a whole table (APPENDIX) rather than one value per cell. */
  readonly table?: boolean;
  /** Formulas for the help page, with the note's figure each reproduces. */
  readonly examples: readonly Example[];
  /**
   * The texts in Chinese, for Excel's zh-CN metadata, the Chinese help pages and the pane. The name
   * is not translated: `CNAI.PARITY_AT` is the same in every language, as Excel's own names are in
   * Chinese Excel (README, "Localization").
   */
  readonly zh: { readonly description: string; readonly returns: string; readonly source: string };
  readonly compute: (...args: ArgsOf<P>) => Result | TableResult;
}

/** A cell an example shows: a number, text, a boolean, or an error code such as "#N/A". */
export type ExampleCell = number | string | boolean;

export interface Example {
  /** The formula is the same in every language; only what it shows is translated. */
  readonly formula: string;
  /**
   * What the formula gives, worked out from the note by hand: a value, the array it spills, or
   * for a whole table its size and first cell. test/functions/examples.test.ts holds every example
   * to it, on the shipped bundle in a workbook cell.
   */
  readonly expected:
    | ExampleCell
    | readonly (readonly ExampleCell[])[]
    | { readonly rows: number; readonly columns: number; readonly first: ExampleCell };
  readonly result: string;
  readonly zh: { readonly result: string };
}

/**
 * How Excel passes an argument (functions.json's dimensionality): a range ("matrix") for every
 * argument of a broadcasting function and for a table; otherwise a single value.
 */
export function dimensionality(def: FunctionDef, param: Param): "matrix" | "scalar" {
  return def.broadcast || param.kind === "table" ? "matrix" : "scalar";
}

/** Lets each function's body see typed arguments while the catalogue holds one list. */
export function defineFunction<const P extends readonly Param[]>(def: FunctionDef<P>): FunctionDef {
  return def as unknown as FunctionDef;
}

/** Excel's grid: a result larger than this cannot spill. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

function finish(value: unknown): CellValue {
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      return numError("The result is too large or undefined for these inputs.");
    return value === 0 ? 0 : value; // no −0 in a cell
  }
  if (typeof value === "string" || typeof value === "boolean" || value instanceof CellError)
    return value;
  return valueError("CNAI could not compute a value for these inputs.");
}

function run(def: FunctionDef, args: Arg[]): CellValue | TableResult {
  try {
    const result = (def.compute as (...a: Arg[]) => Result | TableResult)(...args);
    return Array.isArray(result)
      ? result.map((row) => row.map((cell) => finish(cell) as Exclude<CellValue, null>))
      : finish(result);
  } catch (error) {
    return valueError(
      `CNAI could not compute ${def.name}: ${error instanceof Error ? error.message : String(error)}.`
    );
  }
}

function arity(def: FunctionDef, raw: readonly unknown[]): CellError | undefined {
  const required = def.params.filter(
    (p) => !p.optional && !("default" in p && p.default !== undefined)
  ).length;
  if (raw.length > def.params.length)
    return valueError(
      `${def.name} takes at most ${def.params.length} arguments; got ${raw.length}.`
    );
  if (raw.length < required)
    return valueError(`${def.name} needs at least ${required} arguments; got ${raw.length}.`);
  return undefined;
}

/** Calls a function whose arguments are all single values. */
function evaluateScalars(def: FunctionDef, raw: readonly unknown[]): CellValue | TableResult {
  const args: Arg[] = [];
  for (let k = 0; k < def.params.length; k++) {
    const value = raw[k];
    if (isMatrix(value) && def.params[k].kind !== "table")
      return valueError(`${def.params[k].name} takes a single value, not a range.`);
    const arg = coerce(def.params[k], value);
    if (arg instanceof CellError) return arg;
    args.push(arg);
  }
  return run(def, args);
}

const OUTSIDE_OVERLAP = naError("No value pairs with this cell: the ranges have different sizes.");
const OUT_OF_RANGE = numError("The result is too large or undefined for these inputs.");

/** The widest parameter list the fast path calls without spreading; wider ones take the general path. */
const FAST_ARITY = 6;

/** One argument's coerced elements, and how they stretch over the result. */
interface Operand {
  readonly grid: (Arg | CellError)[][];
  readonly rows: number;
  readonly columns: number;
}

/**
 * Excel's array arithmetic: equal sizes pair up, a size of 1 stretches, a column against a row makes
 * a grid; where two sizes differ and neither is 1, cells beyond the smaller one are #N/A.
 * Each argument's elements are coerced once, not once per result cell, and the cell loop does no
 * allocation, spreading or exception handling unless a cell needs it.
 */
function evaluateBroadcast(def: FunctionDef, raw: readonly unknown[]): CellValue | Matrix {
  const operands: Operand[] = [];
  let rows = 1;
  let columns = 1;
  for (let k = 0; k < def.params.length; k++) {
    const value = raw[k];
    if (def.params[k].kind === "table") {
      // One table for every element: read once here, stretched like a single value.
      operands.push({ grid: [[coerce(def.params[k], value)]], rows: 1, columns: 1 });
      continue;
    }
    const grid = isMatrix(value) ? value : [[value]];
    let width = 0;
    for (const row of grid) width = Math.max(width, row.length);
    if (width === 0) return valueError(`${def.params[k].name} is an empty range.`);
    rows = Math.max(rows, grid.length);
    columns = Math.max(columns, width);
    if (rows > MAX_ROWS || columns > MAX_COLUMNS) {
      return valueError(
        `The result would be larger than Excel's grid (${MAX_ROWS} rows by ${MAX_COLUMNS} columns).`
      );
    }
    operands.push({
      grid: grid.map((row) => row.map((cell) => coerce(def.params[k], cell))),
      rows: grid.length,
      columns: width,
    });
  }
  const result: Matrix = new Array(rows);
  for (let i = 0; i < rows; i++) result[i] = broadcastRow(def, operands, i, columns);
  return result;
}

/**
 * One result row. Operands that do not change along the row (single values, columns) are read and
 * checked once; the cell loop touches only the operands that vary from column to column.
 */
function broadcastRow(
  def: FunctionDef,
  operands: readonly Operand[],
  i: number,
  columns: number
): CellValue[] {
  const compute = def.compute as (...a: Arg[]) => Result;
  const fast = operands.length <= FAST_ARITY;
  const args: Arg[] = new Array(FAST_ARITY).fill(null);
  const out: CellValue[] = new Array(columns);
  const varying: number[] = [];
  const varyingRows: (Arg | CellError)[][] = [];
  let rowError: CellError | undefined;
  for (let k = 0; k < operands.length; k++) {
    const row = operands[k].rows === 1 ? operands[k].grid[0] : operands[k].grid[i];
    if (row === undefined) rowError = rowError ?? OUTSIDE_OVERLAP;
    else if (row.length > 1) {
      varying.push(k);
      varyingRows.push(row);
    } else if (row[0] instanceof CellError) rowError = rowError ?? row[0];
    else args[k] = row[0] as Arg;
  }
  // Arguments live in locals, not an array: storing numbers into a mixed array would box each one.
  let [a0, a1, a2, a3, a4, a5] = args;
  for (let j = 0; j < columns; j++) {
    let error = rowError;
    for (let v = 0; v < varying.length && !error; v++) {
      const cell = varyingRows[v][j];
      if (cell === undefined) error = OUTSIDE_OVERLAP;
      // An object among varying cells is an error: a table never varies.
      else if (cell !== null && typeof cell === "object") error = cell as CellError;
      else if (!fast) args[varying[v]] = cell;
      else {
        switch (varying[v]) {
          case 0:
            a0 = cell;
            break;
          case 1:
            a1 = cell;
            break;
          case 2:
            a2 = cell;
            break;
          case 3:
            a3 = cell;
            break;
          case 4:
            a4 = cell;
            break;
          default:
            a5 = cell;
        }
      }
    }
    if (error) {
      out[j] = error;
      continue;
    }
    if (!fast) {
      out[j] = run(def, args.slice(0, operands.length)) as CellValue;
      continue;
    }
    let value: Result;
    try {
      value = compute(a0, a1, a2, a3, a4, a5);
    } catch {
      out[j] = run(def, [a0, a1, a2, a3, a4, a5].slice(0, operands.length)) as CellValue;
      continue;
    }
    // Separate stores keep a number unboxed on its way into the row (a number-or-error expression
    // would box every cell). x − x is 0 only for finite x: the cheapest finiteness test.
    if (typeof value !== "number") out[j] = finish(value);
    else if (value - value !== 0) out[j] = OUT_OF_RANGE;
    else out[j] = value === 0 ? 0 : value;
  }
  return out;
}

/**
 * Evaluates a function on Excel values: single values give a single value; any range among the
 * broadcast arguments of a broadcasting function gives a matrix of the broadcast shape. A table
 * argument is a range too, but one table for the whole call: it does not shape the result.
 */
export function evaluate(def: FunctionDef, raw: readonly unknown[]): CellValue | Matrix {
  const wrongArity = arity(def, raw);
  if (wrongArity) return wrongArity;
  const broadcasts = raw.some((value, k) => isMatrix(value) && def.params[k]?.kind !== "table");
  if (def.broadcast && broadcasts) return evaluateBroadcast(def, raw);
  return evaluateScalars(def, raw);
}
