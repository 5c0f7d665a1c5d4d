/**
 * The Excel host's calculation engine: HyperFormula configured as Excel computes, with the add-in's
 * custom functions as a plugin — whatever function set it is given: the built add-in's
 * (src/host/addin.ts) in the workbench, the core's (src/host/core-functions.ts) in scripts and tests —
 * and cells read from text as Excel reads what is typed or written. Browser-safe: no Node APIs.
 *
 * Each workbook gets its own plugin class for its functions, passed in its configuration
 * (`functionPlugins`), so two function sets never meet in HyperFormula's global registry.
 *
 * Two of Excel's ways with an add-in's functions that HyperFormula does not have are emulated here
 * (issue 13): a formula entered while a function it calls was not registered stays #NAME? after
 * the function is registered, until it is entered again (`StuckFormulas`); and a call in the form
 * Excel saves (`_xldudf_CNAI_PARITY_AT(`, src/plans/saved-form.ts) is a call to a function Excel does
 * not know, #NAME? (`engineFormula`).
 */
import {
  ArraySize,
  CellError as EngineError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  FunctionPluginDefinition,
  ImplementedFunctions,
  RawCellContent,
  SimpleCellAddress,
  SimpleRangeValue,
} from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type {
  InternalScalarValue,
  InterpreterValue,
} from "hyperformula/typings/interpreter/InterpreterValue";
import type { Ast, ProcedureAst } from "hyperformula/typings/parser";
import { isoFromSerial, parseIsoDate } from "../core/dates";
import { BUSY } from "../core/values";
import type { CellInput } from "../plans/plan";
import { TableLocation, resolveStructuredReferences } from "../plans/structured";
import { type AddinFunction, CLASSIC_ERRORS } from "./contract";
import { formatTraits } from "./format";
import { renameSavedCalls } from "../plans/saved-form";
import { joinTokens, readFormula, solidTokens } from "../plans/formula-tokens";
import { isCellAddress } from "../plans/a1";

export const LICENSE_KEY = "gpl-v3";

/** The add-in's namespace (manifest.xml): the workbook calls MARGIN_EXPANSION as CNAI.MARGIN_EXPANSION. */
export const NAMESPACE = "CNAI";

/** Excel's behaviour where HyperFormula's defaults differ. */
export const EXCEL_CONFIG = {
  licenseKey: LICENSE_KEY,
  // Dynamic arrays: a formula whose value is an array spills, as in Excel 365.
  useArrayArithmetic: true,
  // Excel's 1900 date system: serial 1 = 1900-01-01, with the fictitious 1900-02-29.
  leapYear1900: true,
  nullDate: { year: 1899, month: 12, day: 31 },
  // Dates in text, as formulas such as =DATEVALUE("2026-03-11") read them (US order, and ISO).
  dateFormats: ["MM/DD/YYYY", "MM/DD/YY", "YYYY-MM-DD"],
  // =A1 of an empty cell is 0 in Excel.
  evaluateNullToZero: true,
  // Values as computed, not rounded to 10 digits on the way out: tests compare them with the core's.
  smartRounding: false,
  // Excel's grid, 1,048,576 rows by 16,384 columns; HyperFormula stops at 40,000 rows by default.
  maxRows: 1_048_576,
  maxColumns: 16_384,
  // Office.js has no undo (a change an add-in makes clears Excel's undo list), and neither the
  // host nor the workbench calls HyperFormula's: keeping its 20 undo entries, each a copy of the
  // cells a write replaced, cost a tenth of every large write's time.
  undoLimit: 0,
};

/** An engine's list of changed cells, as HyperFormula 3.5 keeps it (its class is not exported). */
interface ChangeList {
  readonly changes: Map<string, unknown>;
  exportChanges(exporter: { exportChange(change: unknown): unknown }): unknown[];
}
const LINEAR = Symbol("CNAI: changes exported in linear time");

/**
 * HyperFormula 3.5 gathers the cells a recalculation changed with `ret = ret.concat(change)` for
 * each formula (ContentChanges.exportChanges), copying the list once per array formula: opening or
 * recalculating a workbook of n array formulas took time in n² (5,000 rows of two spills each: 18 s
 * of a 28 s open). This builds the same list, in the same order, with push. The class is reached
 * through an engine's own list (HyperFormula does not export it) and patched once; an engine whose
 * internals differ is left as it is.
 */
export function exportChangesLinearly(engine: object): boolean {
  const list = (engine as { _crudOperations?: { operations?: { changes?: ChangeList } } })
    ._crudOperations?.operations?.changes;
  if (!list || !(list.changes instanceof Map) || typeof list.exportChanges !== "function")
    return false;
  const prototype = Object.getPrototypeOf(list) as ChangeList & { [LINEAR]?: true };
  if (prototype[LINEAR]) return true;
  prototype.exportChanges = function (this: ChangeList, exporter) {
    const exported: unknown[] = [];
    for (const change of this.changes.values()) {
      const cells = exporter.exportChange(change);
      if (Array.isArray(cells)) for (const cell of cells) exported.push(cell);
      else exported.push(cells);
    }
    return exported;
  };
  prototype[LINEAR] = true;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Values between the engine and the add-in's functions

/** An Excel error as custom functions see and return it: `CustomFunctions.Error`'s shape. */
interface ExcelError {
  readonly code: string;
  readonly message?: string;
}

export const isExcelError = (value: unknown): value is ExcelError =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as ExcelError).code === "string" &&
  (value as ExcelError).code.startsWith("#");

export const EXCEL_CODES: Record<ErrorType, string> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.CYCLE]: "#CYCLE!",
  [ErrorType.REF]: "#REF!",
  [ErrorType.SPILL]: "#SPILL!",
  [ErrorType.LIC]: "#LIC!",
  [ErrorType.ERROR]: "#ERROR!",
};
const ENGINE_TYPES = new Map(
  Object.entries(EXCEL_CODES).map(([type, code]) => [code, type as ErrorType])
);

/** An Excel error from a function as the engine's; codes it lacks (#NULL!) become #ERROR!. */
function toEngineError(error: ExcelError): EngineError {
  const type = ENGINE_TYPES.get(error.code.toUpperCase()) ?? ErrorType.ERROR;
  const message = error.message ?? (type === ErrorType.ERROR ? error.code : undefined);
  return new EngineError(type, message);
}

/** One engine value as Excel hands it to a custom function: empty cells are null. */
function toAddinScalar(value: unknown): unknown {
  if (value === EmptyValue || value === undefined) return null;
  if (value instanceof EngineError)
    return { code: EXCEL_CODES[value.type], message: value.message };
  // Dates, percentages and currencies arrive as RichNumber { val }.
  if (typeof value === "object" && value !== null && "val" in value)
    return (value as { val: number }).val;
  return value;
}

/** An argument as Excel passes it: a 2-D array to a matrix parameter, one value to the others. */
function toAddinArgument(value: unknown, matrix: boolean): unknown {
  if (value instanceof SimpleRangeValue) {
    const data = value.data.map((row) => row.map(toAddinScalar));
    return !matrix && data.length === 1 && data[0].length === 1 ? data[0][0] : data;
  }
  const scalar = toAddinScalar(value);
  return matrix ? [[scalar]] : scalar;
}

function toEngineScalar(value: unknown, label: string): InternalScalarValue {
  if (value === null || value === undefined) return EmptyValue;
  if (typeof value === "number")
    return Number.isFinite(value) ? value : new EngineError(ErrorType.NUM);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (isExcelError(value)) return toEngineError(value);
  return new EngineError(ErrorType.VALUE, `${label} returned a value a cell cannot hold.`);
}

interface Shaped {
  readonly value: InterpreterValue;
  readonly rows: number;
  readonly columns: number;
}

/** A function's result for the engine, with the size it spills over. */
function fromAddinResult(result: unknown, label: string): Shaped {
  const single = (value: InterpreterValue): Shaped => ({ value, rows: 1, columns: 1 });
  if (!Array.isArray(result)) return single(toEngineScalar(result, label));
  const rows = result.length;
  const columns = Array.isArray(result[0]) ? result[0].length : 0;
  if (
    rows === 0 ||
    columns === 0 ||
    result.some((row) => !Array.isArray(row) || row.length !== columns)
  )
    return single(
      new EngineError(ErrorType.VALUE, `${label} returned an array that is not a rectangle.`)
    );
  const matrix = (result as unknown[][]).map((row) =>
    row.map((cell) => toEngineScalar(cell, label))
  );
  if (rows === 1 && columns === 1) return single(matrix[0][0]);
  return { value: SimpleRangeValue.onlyValues(matrix), rows, columns };
}

/** A literal argument's value, known when the formula is parsed; undefined for anything computed. */
function literal(ast: Ast): { value: unknown } | undefined {
  if (ast.type === "NUMBER" || ast.type === "STRING") return { value: ast.value };
  if (ast.type === "EMPTY") return { value: null };
  if (ast.type === "PARENTHESES") return literal(ast.expression);
  if (ast.type === "FUNCTION_CALL" && ast.args.length === 0) {
    if (/^(TRUE|FALSE)$/i.test(ast.procedureName))
      return { value: ast.procedureName.toUpperCase() === "TRUE" };
  }
  if (ast.type === "NAMED_EXPRESSION" && /^(TRUE|FALSE)$/i.test(ast.expressionName))
    return { value: ast.expressionName.toUpperCase() === "TRUE" };
  if (ast.type === "MINUS_UNARY_OP" || ast.type === "PERCENT_OP") {
    const inner = literal(ast.value);
    if (typeof inner?.value !== "number") return undefined;
    return { value: ast.type === "PERCENT_OP" ? inner.value / 100 : -inner.value };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The functions as a HyperFormula plugin

const addressKey = (address: SimpleCellAddress) => `${address.sheet}:${address.row}:${address.col}`;

/**
 * HyperFormula sizes a spill when it parses a formula, before any value is known. A result that
 * turns out another size is learnt here, and the workbook enters that formula again
 * (`Workbook.settle`) so the engine sizes it from what it learnt, as Excel's spills follow values.
 */
export class Sizing {
  private readonly learnt = new Map<string, Map<string, ArraySize>>();
  private readonly calls = new WeakMap<ProcedureAst, string>();
  /** Formula cells whose result did not fit the size they were given. */
  readonly misfits = new Map<string, SimpleCellAddress>();

  constructor(private readonly learning: boolean) {}

  private callKey(ast: ProcedureAst): string {
    let key = this.calls.get(ast);
    if (key === undefined) {
      key = `${ast.procedureName}(${JSON.stringify(ast.args)})`;
      this.calls.set(ast, key);
    }
    return key;
  }

  known(state: InterpreterState, ast: ProcedureAst): ArraySize | undefined {
    return this.learnt.get(addressKey(state.formulaAddress))?.get(this.callKey(ast));
  }

  learn(state: InterpreterState, ast: ProcedureAst, rows: number, columns: number): void {
    if (!this.learning || !state.formulaAddress) return;
    const cell = addressKey(state.formulaAddress);
    const calls = this.learnt.get(cell) ?? new Map<string, ArraySize>();
    calls.set(this.callKey(ast), new ArraySize(columns, rows));
    this.learnt.set(cell, calls);
    this.misfits.set(cell, state.formulaAddress);
  }

  /** A cell entered anew starts from the parse-time guess. */
  forget(address: SimpleCellAddress): void {
    this.learnt.delete(addressKey(address));
  }
}

/**
 * Excel's stuck formulas: a formula entered while a function it calls was not registered (the
 * add-in not installed, or not yet loaded for this workbook) shows #NAME?, and keeps showing it
 * once the function is registered — recalculating does not help — until it is entered again
 * (OfficeDev/office-js#4185, #6611). The workbook marks the cells as it enters them; the plugin
 * answers #NAME? for a marked cell whatever its function would return.
 */
export class StuckFormulas {
  /** Each stuck cell's unregistered function, "CNAI.LATE": what its #NAME? names. */
  private readonly cells = new Map<string, string>();

  /** `label`: the function that was not registered as the cell was entered; undefined: none. */
  mark(address: SimpleCellAddress, label: string | undefined): void {
    if (label !== undefined) this.cells.set(addressKey(address), label);
    else this.cells.delete(addressKey(address));
  }

  /** The function a stuck cell waits for; undefined when the cell is not stuck. */
  labelAt(address: SimpleCellAddress | undefined): string | undefined {
    return this.cells.size > 0 && address !== undefined
      ? this.cells.get(addressKey(address))
      : undefined;
  }

  /** A sheet was removed: its cells go with it. */
  dropSheet(sheet: number): void {
    for (const key of this.cells.keys()) if (key.startsWith(`${sheet}:`)) this.cells.delete(key);
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/** A Promise whose result nothing shows: its rejection is not left unhandled. */
const dropped = (promise: PromiseLike<unknown>) => void Promise.resolve(promise).catch(() => {});

/** A call that failed, as its cell's #VALUE! says it. */
const failedMessage = (label: string, error: unknown) =>
  `${label} failed: ${error instanceof Error ? error.message : String(error)}`;

/** How many settled calls a cell keeps: a formula with several asynchronous calls, and a few more. */
const KEPT_CALLS = 8;

/** A call's identity within its cell: the function and the values of its arguments. */
const callKey = (label: string, args: readonly unknown[]) => `${label}(${JSON.stringify(args)})`;

/**
 * Excel's asynchronous custom functions, which return a Promise: the cell shows #BUSY! until the
 * Promise settles, then its result, and the function is not called again while its arguments stay
 * the same. Once a result arrives the workbook enters its cell again (`Workbook.settle`), and the
 * plugin answers that call from here.
 */
export class AsyncCalls {
  /** Settled results by cell, then by call. */
  private readonly results = new Map<string, Map<string, unknown>>();
  /** Calls still computing, by cell: a cell entered again meanwhile does not call twice. */
  private readonly computing = new Map<string, Set<string>>();
  private readonly waiting = new Set<Promise<void>>();
  /** Cells whose results arrived since the workbook last entered them again. */
  readonly arrived = new Map<string, SimpleCellAddress>();

  /** `onArrival` is told after each result is stored, outside any calculation. */
  constructor(private readonly onArrival: () => void = () => undefined) {}

  /** Whether the cell has made an asynchronous call: only then is a call looked up here. */
  knows(address: SimpleCellAddress): boolean {
    const cell = addressKey(address);
    return this.results.has(cell) || this.computing.has(cell);
  }

  /** This call's result in this cell: `{ result }` once settled, BUSY while computing. */
  answer(address: SimpleCellAddress, call: string): { result: unknown } | typeof BUSY | undefined {
    const cell = addressKey(address);
    const calls = this.results.get(cell);
    if (calls?.has(call)) return { result: calls.get(call) };
    return this.computing.get(cell)?.has(call) ? BUSY : undefined;
  }

  /** Waits for a call's Promise; a rejection is the cell's #VALUE!, as in Excel. */
  wait(address: SimpleCellAddress, call: string, label: string, promise: PromiseLike<unknown>) {
    const cell = addressKey(address);
    const computing = this.computing.get(cell) ?? new Set<string>();
    computing.add(call);
    this.computing.set(cell, computing);
    const done: Promise<void> = Promise.resolve(promise)
      .then(
        (result) => result,
        (error: unknown) =>
          isExcelError(error) ? error : { code: "#VALUE!", message: failedMessage(label, error) }
      )
      .then((result) => {
        this.waiting.delete(done);
        computing.delete(call);
        if (computing.size === 0) this.computing.delete(cell);
        const calls = this.results.get(cell) ?? new Map<string, unknown>();
        calls.set(call, result);
        // Results for arguments the cell no longer has: the oldest go, a few calls a cell kept.
        if (calls.size > KEPT_CALLS) calls.delete(calls.keys().next().value as string);
        this.results.set(cell, calls);
        this.arrived.set(cell, address);
        this.onArrival();
      });
    this.waiting.add(done);
  }

  /** Resolves once no call is computing (results that start further calls included). */
  async idle(): Promise<void> {
    while (this.waiting.size > 0) await Promise.all([...this.waiting]);
  }

  /** A cell entered anew calls its functions again. */
  forget(address: SimpleCellAddress): void {
    this.results.delete(addressKey(address));
  }
}

/**
 * The function a call's #NAME? names, or undefined when the call computes: the one its stuck cell
 * waits for (not whichever of the cell's calls computes first), else this one if Excel does not
 * know it now.
 */
const unknownFunction = (
  fn: AddinFunction,
  label: string,
  stuck: StuckFormulas,
  state: InterpreterState
): string | undefined =>
  stuck.labelAt(state.formulaAddress) ?? (fn.registered?.() === false ? label : undefined);

const notRegistered = (label: string) =>
  new EngineError(
    ErrorType.NAME,
    `${label} was not registered when this formula was entered; once it is, enter it again.`
  );

/** What the plugin methods need of the plugin: its protected evaluation and sizing of arguments. */
interface ArgumentAccess {
  evaluateArgument(ast: Ast, state: InterpreterState): InterpreterValue;
  sizeOfArgument(ast: Ast, state: InterpreterState): ArraySize;
}

/**
 * The size a call spills over. A learnt size first; else, for a matrix result: the broadcast shape
 * of the arguments when the function takes ranges (the core's rule: the largest rows and columns, 1
 * stretches), or the shape of the result of calling it on the literal arguments (APPENDIX).
 */
function resultSize(
  plugin: ArgumentAccess,
  fn: AddinFunction,
  ast: ProcedureAst,
  state: InterpreterState,
  sizing: Sizing
): ArraySize {
  const known = sizing.known(state, ast);
  if (known) return known;
  if (fn.result.dimensionality !== "matrix") return ArraySize.scalar();
  let rows = 1;
  let columns = 1;
  if (fn.parameters.some((p) => p.dimensionality === "matrix")) {
    for (const [k, arg] of ast.args.entries()) {
      if (arg.type === "EMPTY" || fn.parameters[k]?.table) continue;
      const size = plugin.sizeOfArgument(arg, { ...state, arraysFlag: true });
      rows = Math.max(rows, size.height);
      columns = Math.max(columns, size.width);
    }
  } else {
    // No parameter takes a range here: each argument is its literal, or null.
    const args = fn.parameters.map((_, k) =>
      k < ast.args.length ? (literal(ast.args[k])?.value ?? null) : null
    );
    try {
      const result = fn.invoke(...args);
      // An asynchronous result is sized when it arrives (evaluateCall learns it).
      if (isThenable(result)) dropped(result);
      else ({ rows, columns } = fromAddinResult(result, ast.procedureName));
    } catch {
      // A function that throws on these arguments is one error cell.
    }
  }
  return new ArraySize(columns, rows);
}

function evaluateCall(
  plugin: ArgumentAccess,
  fn: AddinFunction,
  label: string,
  ast: ProcedureAst,
  state: InterpreterState,
  sizing: Sizing,
  stuck: StuckFormulas,
  calls: AsyncCalls
): InterpreterValue {
  const unknown = unknownFunction(fn, label, stuck, state);
  if (unknown !== undefined) return notRegistered(unknown);
  try {
    const declared = fn.parameters.length;
    if (ast.args.length > declared) {
      return new EngineError(
        ErrorType.VALUE,
        `${fn.id} takes at most ${declared} arguments; got ${ast.args.length}.`
      );
    }
    // Excel passes every declared parameter; omitted ones arrive as null.
    const args = fn.parameters.map((p, k) => {
      const arg = ast.args[k];
      if (arg === undefined || arg.type === "EMPTY") return null;
      return toAddinArgument(plugin.evaluateArgument(arg, state), p.dimensionality === "matrix");
    });
    const address = state.formulaAddress;
    // Only a cell that has called asynchronously keys its calls (JSON of every argument).
    let call = address && calls.knows(address) ? callKey(label, args) : undefined;
    const answer = address && call !== undefined ? calls.answer(address, call) : undefined;
    if (answer === BUSY) return toEngineError({ code: BUSY });
    let result: unknown;
    if (answer) result = answer.result;
    else
      try {
        result = fn.invoke(...args);
      } catch (error) {
        // Excel shows a thrown CustomFunctions.Error in the cell; anything else thrown is #VALUE!.
        if (!isExcelError(error)) throw error;
        result = error;
      }
    if (isThenable(result)) {
      // A formula computed outside any cell (a header's text) has no cell to show it later.
      if (address) calls.wait(address, (call ??= callKey(label, args)), label, result);
      else dropped(result);
      return toEngineError({ code: BUSY });
    }
    const shaped = fromAddinResult(result, label);
    const expected = resultSize(plugin, fn, ast, state, sizing);
    if (shaped.rows !== expected.height || shaped.columns !== expected.width)
      sizing.learn(state, ast, shaped.rows, shaped.columns);
    if (shaped.rows > expected.height || shaped.columns > expected.width) {
      return new EngineError(
        ErrorType.VALUE,
        `HyperFormula sized ${label}'s spill as ${expected.height}×${expected.width} when parsing; the result is ${shaped.rows}×${shaped.columns} (a named range as an argument?).`
      );
    }
    return shaped.value;
  } catch (error) {
    return new EngineError(ErrorType.VALUE, failedMessage(label, error));
  }
}

/** Marks the plugin classes made here, so that a workbook leaves other function sets out. */
export const ADDIN_PLUGIN = Symbol("CNAI add-in functions");

/**
 * A HyperFormula plugin class for one function set, each function as `<namespace>.<id>`. The
 * arguments are evaluated here rather than through HyperFormula's runFunction, which would stop at
 * an error argument and vectorize ranges itself: the functions do their own coercion, defaults,
 * error propagation and broadcasting, as they do in Excel.
 */
export function functionPlugin(
  functions: readonly AddinFunction[],
  namespace = NAMESPACE,
  sizing = new Sizing(false),
  stuck = new StuckFormulas(),
  calls = new AsyncCalls()
): FunctionPluginDefinition {
  class AddinFunctions extends FunctionPlugin implements ArgumentAccess {
    static override implementedFunctions: ImplementedFunctions = {};
    static readonly [ADDIN_PLUGIN] = true;

    evaluateArgument(ast: Ast, state: InterpreterState) {
      return this.evaluateAst(ast, state);
    }

    sizeOfArgument(ast: Ast, state: InterpreterState) {
      return this.arraySizeForAst(ast, state);
    }
  }
  functions.forEach((fn, k) => {
    const label = `${namespace}.${fn.id}`;
    const method = `addin${k}`;
    AddinFunctions.implementedFunctions[label.toUpperCase()] = {
      method,
      sizeOfResultArrayMethod: `${method}Size`,
      // Arguments are read in array mode, as Excel 365 reads them: A2:A4*2 is a column.
      enableArrayArithmeticForArguments: true,
      vectorizationForbidden: true,
      parameters: fn.parameters.map(() => ({
        argumentType: FunctionArgumentType.ANY,
        optionalArg: true,
      })),
    };
    Object.assign(AddinFunctions.prototype, {
      [method](this: AddinFunctions, ast: ProcedureAst, state: InterpreterState) {
        return evaluateCall(this, fn, label, ast, state, sizing, stuck, calls);
      },
      [`${method}Size`](this: AddinFunctions, ast: ProcedureAst, state: InterpreterState) {
        // A #NAME? is one cell.
        if (unknownFunction(fn, label, stuck, state) !== undefined) return ArraySize.scalar();
        return resultSize(this, fn, ast, state, sizing);
      },
    });
  });
  return AddinFunctions as unknown as FunctionPluginDefinition;
}

/** The names a language needs for the functions to parse: `CNAI.PARITY_AT` as itself. */
export function functionNames(
  functions: readonly AddinFunction[],
  namespace = NAMESPACE
): Record<string, string> {
  const ids = functions.map((fn) => `${namespace}.${fn.id}`.toUpperCase());
  return Object.fromEntries(ids.map((id) => [id, id]));
}

// ---------------------------------------------------------------------------------------------
// Cells as Excel stores what is typed or written

/** What goes into one cell: the engine's content, the text for the formula bar. */
export interface Entry {
  readonly content: RawCellContent;
  readonly input: string;
  /** Formulas: the engine's text, structured references resolved. */
  readonly formula?: string;
  /** The number format Excel gives a General cell for what was typed ("30%" → 0%). */
  readonly impliedFormat?: string;
  /** An error value typed as a constant ("#N/A"): its code, which the engine may not have. */
  readonly error?: string;
}

export const TEXT = (text: string): Entry => ({ content: `'${text}`, input: text });

/** An emptied cell: typed "", cleared, or a null written. */
export const EMPTY: Entry = { content: null, input: "" };

/**
 * The error values Excel makes of what is typed: the classic seven, and #SPILL! and #CALC! of
 * dynamic arrays. HyperFormula has no #NULL! or #CALC!: the engine holds #ERROR! for them (a
 * formula referring to the cell sees #ERROR!), the cell itself answers its own code.
 */
const ERROR_VALUES = new Set([...CLASSIC_ERRORS, "#SPILL!", "#CALC!"]);
const ENGINE_LACKS = new Set(["#NULL!", "#CALC!"]);

/** An error value as a constant: "#N/A" → the engine's #N/A, "#NULL!" → #ERROR! answering #NULL!. */
export function errorEntry(code: string): Entry {
  const known = code.toUpperCase();
  return {
    content: ENGINE_LACKS.has(known) ? "#ERROR!" : known,
    input: known,
    error: known,
  };
}

const NUMBER_TYPED = /^([+-]?)(\$?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?(%?)$/;

/**
 * Text as Excel reads it when typed (or written by Range.values): a formula, an error value
 * ("#N/A"), TRUE/FALSE, a number with its sign, $, thousands separators, exponent or %, an ISO
 * date; text that starts with + or - and is not a number is a formula, as Excel makes "-5+1" into
 * =-5+1 and "+A1" into =+A1 (`isFormula` says whether it parses); anything else is text.
 */
export function typed(
  text: string,
  tables: readonly TableLocation[],
  isFormula: (formula: string) => boolean = () => false
): Entry {
  if (text === "") return EMPTY;
  if (text.startsWith("=")) {
    const formula = engineFormula(resolveStructuredReferences(text, tables));
    return { content: formula, input: text, formula };
  }
  if (text.startsWith("'")) return { content: text, input: text };
  if (ERROR_VALUES.has(text.toUpperCase())) return errorEntry(text);
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed))
    return { content: trimmed.toLowerCase() === "true", input: text };
  const number = trimmed.match(NUMBER_TYPED);
  if (number && /\d/.test(`${number[3]}${number[4] ?? ""}`)) {
    const [, sign, dollar, int, fraction = "", exponent = "0", percent] = number;
    const scale = Number(exponent) - (percent ? 2 : 0);
    // "-.5e0" is a number to Number() as it is to Excel: no integer part is needed.
    const value = Number(`${sign}${int.replace(/,/g, "")}.${fraction}e${scale}`);
    const decimals = fraction.length > 0 ? ".00" : "";
    const impliedFormat = percent
      ? `0${decimals}%`
      : dollar
        ? `"$"#,##0${decimals}`
        : number[5] !== undefined
          ? "0.00E+00"
          : int.includes(",")
            ? `#,##0${decimals}`
            : undefined;
    return { content: value, input: text, impliedFormat };
  }
  const date = parseIsoDate(trimmed);
  if (date !== undefined) return { content: date, input: text, impliedFormat: "yyyy-mm-dd" };
  if (/^[+-]/.test(text) && text.length > 1) {
    const formula = engineFormula(resolveStructuredReferences(`=${text}`, tables));
    if (isFormula(formula)) return { content: formula, input: `=${text}`, formula };
  }
  return TEXT(text);
}

/**
 * A formula that is only a range of cells, `='CNAI Model'!$A$37:$A$39` (from
 * `=Scenarios[Scenario]`), `=B2:D4`: a cell, ":", a cell, perhaps after a sheet and "!".
 */
function isBareRange(formula: string): boolean {
  if (!formula.startsWith("=")) return false;
  const tokens = solidTokens(formula);
  if (!tokens) return false;
  const sheeted =
    tokens.length === 5 &&
    (tokens[0].kind === "name" || tokens[0].kind === "quoted") &&
    tokens[1].kind === "bang";
  const [first, colon, last, ...rest] = sheeted ? tokens.slice(2) : tokens;
  return (
    rest.length === 0 &&
    colon?.text === ":" &&
    [first, last].every((cell) => cell.kind === "name" && isCellAddress(cell.text))
  );
}

/**
 * A formula as the engine takes it. Excel spills a formula that is only a range; HyperFormula
 * refuses it ("Cell range not allowed") but spills the same range under a unary plus, which keeps
 * every value as it is. Excel reads a call in the saved form (`_xldudf_CNAI_PARITY_AT(`,
 * `[2]!_xldudf_…(`) as a call to a function it does not know; HyperFormula parses neither a name
 * that starts with "_" nor `[2]!`, so the engine gets the call under a name no function has,
 * `XLDUDF.CNAI_PARITY_AT(`: #NAME?, as in Excel. The formula bar keeps the text as written.
 */
export function engineFormula(formula: string): string {
  const known = smallExponents(renameSavedCalls(formula, "XLDUDF."));
  return isBareRange(known) ? `=+${known.slice(1).trim()}` : known;
}

/**
 * Excel writes a number's exponent with a capital E (`=1.5E-3`, as its formula bar shows it);
 * HyperFormula reads only a small one, and refuses the formula otherwise. Numbers only: a name
 * (`=E1`) or a text (`"1E5"`) keeps its case.
 */
function smallExponents(formula: string): string {
  if (!/[\d.]E/.test(formula)) return formula;
  const reading = readFormula(formula);
  if (!reading.ok) return formula;
  return joinTokens(
    reading.tokens.map((token) =>
      token.kind === "number" ? { text: token.text.toLowerCase() } : token
    )
  );
}

/** Up to 15 significant digits, as Excel's formula bar shows a number. */
const decimalText = (value: number) => String(Number(value.toPrecision(15)));

/**
 * A constant as a plan writes it (Range.values): text parsed as Excel parses it, except in cells
 * formatted as text ("@") and table headers. The formula bar shows numbers as Excel does: 30% under
 * a percentage format, an ISO date under a date format.
 */
export function written(
  cell: CellInput,
  numberFormat: string,
  tables: readonly TableLocation[],
  asText = false,
  isFormula?: (formula: string) => boolean
): Entry {
  if (cell === null) return EMPTY;
  if (typeof cell === "boolean") return { content: cell, input: cell ? "TRUE" : "FALSE" };
  if (typeof cell === "number") {
    const traits = formatTraits(numberFormat);
    const input = traits.date
      ? isoFromSerial(cell)
      : traits.percent
        ? `${decimalText(cell * 100)}%`
        : decimalText(cell);
    return { content: cell, input };
  }
  if (asText || numberFormat === "@") return TEXT(cell);
  const entry = typed(cell, tables, isFormula);
  return { ...entry, impliedFormat: undefined };
}

// ---------------------------------------------------------------------------------------------
// Formulas in a table's body

/** The engine's wrapper for a formula in a table's body (never shown: the formula bar keeps the input). */
export const IN_TABLE = "XLHOST.INTABLE";
const IN_TABLE_PREFIX = `=${IN_TABLE}(`;

/**
 * Excel does not spill inside a table: a formula there whose value is an array is #SPILL! ("Spill
 * into table", Microsoft's "How to correct a #SPILL! error"). The workbook enters a body cell's
 * formula as `=XLHOST.INTABLE(…)`, which answers a single value as it is, an array of more than one
 * value as #SPILL!, and never spills.
 */
export class TableCells extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    [IN_TABLE]: {
      method: "inTable",
      sizeOfResultArrayMethod: "inTableSize",
      enableArrayArithmeticForArguments: true,
      vectorizationForbidden: true,
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
    },
  };

  inTable(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const value = this.evaluateAst(ast.args[0], state);
    // A one-cell array arrives as its value (strict.test.ts: "a one-cell array inside a table's body").
    if (!(value instanceof SimpleRangeValue)) return value;
    return new EngineError(ErrorType.SPILL, "Excel does not spill a formula inside a table.");
  }

  inTableSize(): ArraySize {
    return ArraySize.scalar();
  }
}

/** A formula as the engine holds it in a table's body, or outside one. */
export const inTable = (formula: string): string => `${IN_TABLE_PREFIX}${formula.slice(1)})`;
export const outOfTable = (formula: string): string =>
  formula.startsWith(IN_TABLE_PREFIX) ? `=${formula.slice(IN_TABLE_PREFIX.length, -1)}` : formula;
