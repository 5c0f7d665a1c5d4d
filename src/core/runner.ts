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
  /**
   * Computed by an engine the add-in's bundle loads on the function's first call (the Monte Carlo
   * engine, src/core/risk): in Excel the function is asynchronous (src/functions/excel.ts).
   */
  readonly onDemand?: boolean;
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
/**
 * The most cells one call returns: 4 million (2,000 × 2,000). The functions runtime holds the
 * result as arrays and Excel receives it serialised, each cell some 16–24 bytes on each side, so a
 * broadcast of Excel's whole grid (17 × 10⁹ cells) or even 200 M cells would exhaust the runtime's
 * heap and take the pane with it; 4 M cells is some 100 MB at most, and ten times the model sheet's
 * largest broadcast. A call over it is #NUM! before anything is allocated.
 */
export const MAX_RESULT_CELLS = 4_000_000;

/** #NUM! for a result of `rows` × `columns` larger than Excel's grid or the cell budget. */
function tooLarge(rows: number, columns: number): CellError | undefined {
  if (rows > MAX_ROWS || columns > MAX_COLUMNS)
    return numError(
      `The result would be ${rows} rows by ${columns} columns, larger than Excel's grid (${MAX_ROWS} rows by ${MAX_COLUMNS} columns).`
    );
  if (rows * columns > MAX_RESULT_CELLS)
    return numError(
      `The result would be ${rows} rows by ${columns} columns (${rows * columns} cells), more than the ${MAX_RESULT_CELLS} cells one CNAI call returns: use smaller ranges.`
    );
  return undefined;
}

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

/** The widest parameter list the cell loops call without spreading; wider ones go through `run`. */
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
  // The result's size from the arguments' shapes alone, checked before any element is coerced.
  let rows = 1;
  let columns = 1;
  for (let k = 0; k < def.params.length; k++) {
    const value = raw[k];
    if (def.params[k].kind === "table" || !isMatrix(value)) continue;
    // Excel passes ranges and array constants whole; a ragged one would pair cells by guess.
    const width = value[0]?.length ?? 0;
    for (const row of value)
      if (row.length !== width)
        return valueError(`${def.params[k].name} is not rectangular: its rows differ in length.`);
    if (width === 0) return valueError(`${def.params[k].name} is an empty range.`);
    rows = Math.max(rows, value.length);
    columns = Math.max(columns, width);
  }
  const refused = tooLarge(rows, columns);
  if (refused) return refused;
  const operands: Operand[] = [];
  for (let k = 0; k < def.params.length; k++) {
    const value = raw[k];
    if (def.params[k].kind === "table") {
      // One table for every element: read once here, stretched like a single value.
      operands.push({ grid: [[coerce(def.params[k], value)]], rows: 1, columns: 1 });
      continue;
    }
    // Rectangular: checked above.
    const grid = isMatrix(value) ? value : [[value]];
    operands.push({
      grid: grid.map((row) => row.map((cell) => coerce(def.params[k], cell))),
      rows: grid.length,
      columns: grid[0].length,
    });
  }
  // All numbers: rows take numbersRow, without per-cell error checks. A single cell has no loop to
  // speed up.
  const numbers =
    rows * columns > 1 && onlyNumbers(operands, rows, columns) ? asNumbers(operands) : undefined;
  const result: Matrix = new Array(rows);
  // The minifier writes a function called from one place into that place as a function
  // expression: each row would make a new closure of numbersRow, up to a third slower
  // (docs/benchmarks.md); #__NOINLINE__ keeps it a function of its own
  // (test/functions/production-bundles.test.ts). broadcastRow, the path of single cells, stays
  // where the minifier puts it: kept apart too, single-cell calls after a broadcast took 3–4 times
  // as long.
  for (let i = 0; i < rows; i++)
    result[i] =
      (numbers && /*#__NOINLINE__*/ numbersRow(def, numbers, i, columns)) ??
      broadcastRow(def, operands, i, columns);
  return result;
}

/**
 * Whether no cell of the result can be an argument error or #N/A: every operand's elements are
 * numbers (coerced, so within their parameter's limits; no errors, text, empty cells or tables) and
 * each operand spans the result or stretches (size 1) along each axis (rows are all of one length:
 * evaluateBroadcast refuses ragged ones).
 */
function onlyNumbers(operands: readonly Operand[], rows: number, columns: number): boolean {
  if (operands.length > FAST_ARITY) return false;
  for (const { grid, rows: height, columns: width } of operands) {
    if ((height !== 1 && height !== rows) || (width !== 1 && width !== columns)) return false;
    for (const row of grid) for (const cell of row) if (typeof cell !== "number") return false;
  }
  return true;
}

/** An operand whose elements are all numbers, row by row. */
type NumberOperand = Float64Array[];

/**
 * The operands' rows copied into Float64Arrays, for numbersRow. V8 compiles the cell loop for the
 * arrays it first meets: plain arrays change their inner layout with their contents and with the
 * code that made them (V8 then throws the compiled loop away and runs it slowly until it compiles
 * it again), typed arrays never do. For the same reason the lists are built with push, whose arrays
 * always end up alike, and not with map, whose arrays differ once V8 has compiled the caller.
 */
function asNumbers(operands: readonly Operand[]): NumberOperand[] {
  const numbers: NumberOperand[] = [];
  for (const { grid } of operands) {
    const operand: NumberOperand = [];
    for (const row of grid) operand.push(new Float64Array(row as number[]));
    numbers.push(operand);
  }
  return numbers;
}

/** What the body's parameters past the last operand read: a 0 that the body ignores. */
const NO_OPERAND = new Float64Array(1);

/** Operand k's elements for result row i. */
function numbersOf(numbers: readonly NumberOperand[], k: number, i: number): Float64Array {
  if (k >= numbers.length) return NO_OPERAND;
  return numbers[k].length === 1 ? numbers[k][0] : numbers[k][i];
}

/**
 * One result row when `onlyNumbers` holds, the common case (a column of inputs against a row of
 * inputs): the cell loop only calls the body and checks its result. Each argument is a number, the
 * operand's element for this column or, for an operand that does not vary along the row, its one
 * element read once per row; never a value that may also be null or an error, which V8 would box.
 * A top-level function called per row, not a closure inside evaluateBroadcast, so that V8 compiles
 * it once for every call. Undefined when the body throws (bodies return errors as values; one that
 * throws anyway has its row redone on the general path, which makes the throw that cell's #VALUE!).
 */
function numbersRow(
  def: FunctionDef,
  numbers: readonly NumberOperand[],
  i: number,
  columns: number
): CellValue[] | undefined {
  const compute = def.compute as (...a: number[]) => Result;
  const r0 = numbersOf(numbers, 0, i);
  const r1 = numbersOf(numbers, 1, i);
  const r2 = numbersOf(numbers, 2, i);
  const r3 = numbersOf(numbers, 3, i);
  const r4 = numbersOf(numbers, 4, i);
  const r5 = numbersOf(numbers, 5, i);
  const v0 = r0.length > 1;
  const v1 = r1.length > 1;
  const v2 = r2.length > 1;
  const v3 = r3.length > 1;
  const v4 = r4.length > 1;
  const v5 = r5.length > 1;
  const c0 = r0[0];
  const c1 = r1[0];
  const c2 = r2[0];
  const c3 = r3[0];
  const c4 = r4[0];
  const c5 = r5[0];
  const out: CellValue[] = new Array(columns);
  try {
    for (let j = 0; j < columns; j++) {
      const value = compute(
        v0 ? r0[j] : c0,
        v1 ? r1[j] : c1,
        v2 ? r2[j] : c2,
        v3 ? r3[j] : c3,
        v4 ? r4[j] : c4,
        v5 ? r5[j] : c5
      );
      // x − x is 0 only for finite x; x + 0 is x, but 0 for −0 (no −0 in a cell).
      if (typeof value === "number" && value - value === 0) out[j] = value + 0;
      else place(out, j, value);
    }
  } catch {
    return undefined;
  }
  return out;
}

/**
 * Puts a result that is not a finite number into its cell (#NUM!, or `finish` for text and errors).
 * The cell loops store finite numbers themselves and call this for the rest: written as two stores
 * in the loop, the minifier merges them into one `out[j] = finite ? value : error`, and V8 then
 * boxes every number on its way into the row (1M allocations for a 1000×1000 broadcast).
 */
function place(out: CellValue[], j: number, value: Result): void {
  out[j] = typeof value === "number" ? OUT_OF_RANGE : finish(value);
}

/**
 * One result row on the general path: elements may be errors, text, empty or a table, and ranges
 * that cannot pair leave #N/A. Operands that do not change along the row (single values, columns)
 * are read and checked once; the cell loop touches only the operands that vary from column to column.
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
    // As in numbersRow: finite numbers stored here, the rest through `place`.
    if (typeof value === "number" && value - value === 0) out[j] = value + 0;
    else place(out, j, value);
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
