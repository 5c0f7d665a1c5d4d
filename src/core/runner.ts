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
  /** Model functions broadcast every argument over ranges; APPENDIX, METRIC and VERSION do not. */
  readonly broadcast: boolean;
  /** The result is a whole table (APPENDIX) rather than one value per cell. */
  readonly table?: boolean;
  /** Formulas for the help page, with the note's figure each reproduces. */
  readonly examples: readonly { readonly formula: string; readonly result: string }[];
  readonly compute: (...args: ArgsOf<P>) => Result | TableResult;
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
    if (!Number.isFinite(value)) return numError("The result is too large or undefined for these inputs.");
    return value === 0 ? 0 : value; // no −0 in a cell
  }
  if (typeof value === "string" || typeof value === "boolean" || value instanceof CellError) return value;
  return valueError("CNAI could not compute a value for these inputs.");
}

function run(def: FunctionDef, args: Arg[]): CellValue | TableResult {
  try {
    const result = (def.compute as (...a: Arg[]) => Result | TableResult)(...args);
    return Array.isArray(result) ? result.map((row) => row.map((cell) => finish(cell) as Exclude<CellValue, null>)) : finish(result);
  } catch (error) {
    return valueError(`CNAI could not compute ${def.name}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function arity(def: FunctionDef, raw: readonly unknown[]): CellError | undefined {
  const required = def.params.filter((p) => !p.optional && !("default" in p && p.default !== undefined)).length;
  if (raw.length > def.params.length) return valueError(`${def.name} takes at most ${def.params.length} arguments; got ${raw.length}.`);
  if (raw.length < required) return valueError(`${def.name} needs at least ${required} arguments; got ${raw.length}.`);
  return undefined;
}

/** Calls a function whose arguments are all single values. */
function evaluateScalars(def: FunctionDef, raw: readonly unknown[]): CellValue | TableResult {
  const args: Arg[] = [];
  for (let k = 0; k < def.params.length; k++) {
    const value = raw[k];
    if (isMatrix(value)) return valueError(`${def.params[k].name} takes a single value, not a range.`);
    const arg = coerce(def.params[k], value);
    if (arg instanceof CellError) return arg;
    args.push(arg);
  }
  return run(def, args);
}

const OUTSIDE_OVERLAP = naError("No value pairs with this cell: the ranges have different sizes.");

/**
 * Excel's array arithmetic: equal sizes pair up, a size of 1 stretches, a column against a row makes
 * a grid; where two sizes differ and neither is 1, cells beyond the smaller one are #N/A.
 * Each argument's elements are coerced once, not once per result cell.
 */
function evaluateBroadcast(def: FunctionDef, raw: readonly unknown[]): CellValue | Matrix {
  const grids: (Arg | CellError)[][][] = [];
  let rows = 1;
  let columns = 1;
  for (let k = 0; k < def.params.length; k++) {
    const value = raw[k];
    const grid = isMatrix(value) ? value : [[value]];
    if (grid.length === 0 || grid[0].length === 0) return valueError(`${def.params[k].name} is an empty range.`);
    rows = Math.max(rows, grid.length);
    columns = Math.max(columns, ...grid.map((row) => row.length));
    if (rows > MAX_ROWS || columns > MAX_COLUMNS) {
      return valueError(`The result would be larger than Excel's grid (${MAX_ROWS} rows by ${MAX_COLUMNS} columns).`);
    }
    grids.push(grid.map((row) => row.map((cell) => coerce(def.params[k], cell))));
  }
  const args: Arg[] = new Array(grids.length);
  const result: Matrix = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const out: CellValue[] = new Array(columns);
    for (let j = 0; j < columns; j++) {
      let error: CellError | undefined;
      for (let k = 0; k < grids.length && !error; k++) {
        const grid = grids[k];
        const row = grid[grid.length === 1 ? 0 : i];
        const cell = row === undefined ? undefined : row.length === 1 ? row[0] : row[j];
        if (cell === undefined) error = OUTSIDE_OVERLAP;
        else if (cell instanceof CellError) error = cell;
        else args[k] = cell;
      }
      out[j] = error ?? (run(def, args) as CellValue);
    }
    result[i] = out;
  }
  return result;
}

/**
 * Evaluates a function on Excel values: single values give a single value; any range among the
 * arguments of a broadcasting function gives a matrix of the broadcast shape.
 */
export function evaluate(def: FunctionDef, raw: readonly unknown[]): CellValue | Matrix {
  const wrongArity = arity(def, raw);
  if (wrongArity) return wrongArity;
  if (def.broadcast && raw.some(isMatrix)) return evaluateBroadcast(def, raw);
  return evaluateScalars(def, raw);
}
