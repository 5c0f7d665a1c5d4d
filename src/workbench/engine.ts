/**
 * The workbench's engine: a workbook on HyperFormula whose CNAI functions are whatever function set
 * it is given — the built add-in's (src/workbench/addin.ts) on the page, the core's in the tests
 * (test/helpers/hyperformula.ts) — and which applies the pane's plans as the Office.js applier does
 * (src/taskpane/apply.ts). Browser-safe: no Node APIs.
 *
 * Each workbook gets its own plugin class for its functions, passed in its configuration
 * (`functionPlugins`), so two function sets never meet in HyperFormula's global registry.
 */
import {
  ArraySize,
  CellError as EngineError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  FunctionPluginDefinition,
  HyperFormula,
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
import { CellRef, area, cellAddress, parseCell, quoteSheet } from "../plans/a1";
import type {
  Block,
  CellInput,
  CellStyle,
  ChartPlan,
  ConditionalFormatPlan,
  Plan,
  SheetPlan,
  WorkbookState,
} from "../plans/plan";
import { TableLocation, resolveStructuredReferences } from "../plans/structured";
import type {
  AddinFunction,
  ApplyOutcome,
  Workbench,
  WorkbenchCell,
  WorkbenchChart,
  WorkbenchValue,
} from "./contract";
import { formatTraits, formatValue } from "./format";

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
};

// ---------------------------------------------------------------------------------------------
// Values between the engine and the add-in's functions

/** An Excel error as custom functions see and return it: `CustomFunctions.Error`'s shape. */
interface ExcelError {
  readonly code: string;
  readonly message?: string;
}

const isExcelError = (value: unknown): value is ExcelError =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as ExcelError).code === "string" &&
  (value as ExcelError).code.startsWith("#");

const EXCEL_CODES: Record<ErrorType, string> = {
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
  if (typeof (result as { then?: unknown } | null)?.then === "function")
    return single(
      new EngineError(
        ErrorType.VALUE,
        `${label} is asynchronous; the workbench runs synchronous functions only.`
      )
    );
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
class Sizing {
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
    for (const arg of ast.args) {
      if (arg.type === "EMPTY") continue;
      const size = plugin.sizeOfArgument(arg, { ...state, arraysFlag: true });
      rows = Math.max(rows, size.height);
      columns = Math.max(columns, size.width);
    }
  } else {
    const args = fn.parameters.map((p, k) => {
      const value = k < ast.args.length ? (literal(ast.args[k])?.value ?? null) : null;
      return p.dimensionality === "matrix" && value !== null ? [[value]] : value;
    });
    try {
      ({ rows, columns } = fromAddinResult(fn.invoke(...args), ast.procedureName));
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
  sizing: Sizing
): InterpreterValue {
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
    let result: unknown;
    try {
      result = fn.invoke(...args);
    } catch (error) {
      // Excel shows a thrown CustomFunctions.Error in the cell; anything else thrown is #VALUE!.
      if (!isExcelError(error)) throw error;
      result = error;
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
    const message = error instanceof Error ? error.message : String(error);
    return new EngineError(ErrorType.VALUE, `${label} failed: ${message}`);
  }
}

/** Marks the plugin classes made here, so that a workbook leaves other function sets out. */
const ADDIN_PLUGIN = Symbol("CNAI add-in functions");

/**
 * A HyperFormula plugin class for one function set, each function as `<namespace>.<id>`. The
 * arguments are evaluated here rather than through HyperFormula's runFunction, which would stop at
 * an error argument and vectorize ranges itself: the functions do their own coercion, defaults,
 * error propagation and broadcasting, as they do in Excel.
 */
export function functionPlugin(
  functions: readonly AddinFunction[],
  namespace = NAMESPACE,
  sizing = new Sizing(false)
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
        return evaluateCall(this, fn, label, ast, state, sizing);
      },
      [`${method}Size`](this: AddinFunctions, ast: ProcedureAst, state: InterpreterState) {
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
interface Entry {
  readonly content: RawCellContent;
  readonly input: string;
  /** Formulas: the engine's text, structured references resolved. */
  readonly formula?: string;
  /** The number format Excel gives a General cell for what was typed ("30%" → 0%). */
  readonly impliedFormat?: string;
}

const TEXT = (text: string): Entry => ({ content: `'${text}`, input: text });

const NUMBER_TYPED = /^([+-]?)(\$?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?(%?)$/;

/**
 * Text as Excel reads it when typed (or written by Range.values): a formula, TRUE/FALSE, a number
 * with its sign, $, thousands separators, exponent or %, an ISO date; anything else is text.
 */
function typed(text: string, tables: readonly TableLocation[]): Entry {
  if (text === "") return { content: null, input: "" };
  if (text.startsWith("=")) {
    const formula = resolveStructuredReferences(text, tables);
    return { content: formula, input: text, formula };
  }
  if (text.startsWith("'")) return { content: text, input: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed))
    return { content: trimmed.toLowerCase() === "true", input: text };
  const number = trimmed.match(NUMBER_TYPED);
  if (number && /\d/.test(`${number[3]}${number[4] ?? ""}`)) {
    const [, sign, dollar, int, fraction = "", exponent = "0", percent] = number;
    const scale = Number(exponent) - (percent ? 2 : 0);
    const value = Number(`${sign}${int.replace(/,/g, "") || "0"}.${fraction}e${scale}`);
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
  return TEXT(text);
}

/** Up to 15 significant digits, as Excel's formula bar shows a number. */
const decimalText = (value: number) => String(Number(value.toPrecision(15)));

/**
 * A constant as a plan writes it (Range.values): text parsed as Excel parses it, except in cells
 * formatted as text ("@") and table headers. The formula bar shows numbers as Excel does: 30% under
 * a percentage format, an ISO date under a date format.
 */
function written(
  cell: CellInput,
  numberFormat: string,
  tables: readonly TableLocation[],
  asText = false
): Entry {
  if (cell === null) return { content: null, input: "" };
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
  const entry = typed(cell, tables);
  return { ...entry, impliedFormat: undefined };
}

/** A block's number format at row i, column j, as src/taskpane/apply.ts lays it out. */
function formatAt(format: Block["numberFormat"], i: number, j: number): string {
  if (format === undefined) return "General";
  if (typeof format === "string") return format || "General";
  const row = format[Math.min(i, format.length - 1)];
  const cell = Array.isArray(row) ? row[j] : (format as readonly string[])[j];
  return cell || "General";
}

/** Excel's grid is 16,384 columns wide: one number per cell. */
const GRID_COLUMNS = 16_384;
const keyOf = (row: number, column: number) => row * GRID_COLUMNS + column;
const refOf = (key: number): CellRef => ({
  row: Math.floor(key / GRID_COLUMNS),
  column: key % GRID_COLUMNS,
});

function parseRange(range: string): { start: CellRef; end: CellRef } {
  const [first, last = first] = range.split(":");
  const a = parseCell(first);
  const b = parseCell(last);
  return {
    start: { row: Math.min(a.row, b.row), column: Math.min(a.column, b.column) },
    end: { row: Math.max(a.row, b.row), column: Math.max(a.column, b.column) },
  };
}

const inRange = (range: string, ref: CellRef) => {
  const { start, end } = parseRange(range);
  return (
    ref.row >= start.row &&
    ref.row <= end.row &&
    ref.column >= start.column &&
    ref.column <= end.column
  );
};

// ---------------------------------------------------------------------------------------------
// The workbook

interface StoredInput {
  readonly input: string;
  readonly formula?: string;
}

interface SheetData {
  name: string;
  readonly id: number;
  readonly inputs: Map<number, StoredInput>;
  readonly formats: Map<number, string>;
  readonly styles: Map<number, CellStyle>;
  columnWidths: readonly number[];
  charts: readonly ChartPlan[];
  conditionalFormats: ConditionalFormatPlan[];
}

interface DefinedName {
  readonly name: string;
  readonly sheet: string;
  readonly cell: string;
  readonly comment: string;
}

/** Excel reads a bare TRUE or FALSE as a boolean; HyperFormula knows only TRUE() and FALSE(). */
const BOOLEAN_NAMES = [
  ["TRUE", "=TRUE()"],
  ["FALSE", "=FALSE()"],
] as const;

/** Passes after a change in which spills that did not fit are sized again. */
const SETTLE_PASSES = 3;

/** The workbench, and what tests and scripts read beyond it. */
export interface WorkbenchEngine extends Workbench {
  /** The HyperFormula instance itself, for what the workbench does not cover. */
  readonly engine: HyperFormula;
  /** The tables the plans made, as structured references resolve them. */
  tables(): readonly TableLocation[];
  /** The engine's address of a cell; throws on an unknown sheet or a bad address. */
  address(sheet: string, a1: string): SimpleCellAddress;
  /** A cell's computed value alone. */
  value(sheet: string, a1: string): WorkbenchValue;
  /** Rows and columns of the array a formula in this cell spills; 1×1 for a single value. */
  spill(sheet: string, a1: string): { readonly rows: number; readonly columns: number };
}

export interface WorkbenchOptions {
  /** The sheets a new workbook has; Excel's one "Sheet1" by default. */
  readonly sheets?: readonly string[];
  readonly namespace?: string;
}

class Workbook implements WorkbenchEngine {
  readonly engine: HyperFormula;
  private readonly sizing = new Sizing(true);
  private readonly sheetList: SheetData[] = [];
  private readonly roles = new Map<SheetPlan["role"], SheetData>();
  private tableList: TableLocation[] = [];
  private readonly names = new Map<string, DefinedName>();
  private readonly listeners: (() => void)[] = [];
  /** Per sheet id: spilled cell → the A1 of the formula it spills from; rebuilt after a change. */
  private spillAnchors?: Map<number, Map<number, string>>;

  constructor(functions: readonly AddinFunction[], options: WorkbenchOptions) {
    const namespace = options.namespace ?? NAMESPACE;
    const own = functionPlugin(functions, namespace, this.sizing);
    const builtIn = HyperFormula.getAllFunctionPlugins().filter(
      (plugin) => !(ADDIN_PLUGIN in plugin)
    );
    // Function names are per language, shared by every engine: each id maps to itself.
    HyperFormula.getLanguage("enGB").extendFunctions(functionNames(functions, namespace));
    this.engine = HyperFormula.buildEmpty({ ...EXCEL_CONFIG, functionPlugins: [...builtIn, own] });
    for (const [name, expression] of BOOLEAN_NAMES)
      this.engine.addNamedExpression(name, expression);
    this.engine.on("valuesUpdated", () => (this.spillAnchors = undefined));
    for (const name of options.sheets ?? ["Sheet1"]) this.createSheet(name);
  }

  // --- reading

  sheets(): readonly string[] {
    return this.sheetList.map((s) => s.name);
  }

  tables(): readonly TableLocation[] {
    return this.tableList;
  }

  state(): WorkbookState {
    const roleOf = new Map([...this.roles].map(([role, sheet]) => [sheet, role]));
    return {
      sheets: this.sheetList.map((s) => {
        const role = roleOf.get(s);
        return role ? { name: s.name, role } : { name: s.name };
      }),
      tables: this.tableList.map((t) => ({ name: t.name, sheet: t.sheet })),
      names: [...this.names.values()].map((n) => ({
        name: n.name,
        cnai: n.comment.startsWith("CNAI"),
      })),
    };
  }

  private sheet(name: string): SheetData {
    const found = this.sheetList.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new Error(`no sheet "${name}" in the workbook`);
    return found;
  }

  address(sheet: string, a1: string): SimpleCellAddress {
    const { row, column } = parseCell(a1);
    return { sheet: this.sheet(sheet).id, row, col: column };
  }

  value(sheet: string, a1: string): WorkbenchValue {
    return this.valueAt(this.address(sheet, a1));
  }

  private valueAt(address: SimpleCellAddress): WorkbenchValue {
    const value = this.engine.getCellValue(address);
    if (value instanceof DetailedCellError)
      return { error: value.value, message: value.message ?? "" };
    return value ?? null;
  }

  cell(sheet: string, a1: string): WorkbenchCell {
    const data = this.sheet(sheet);
    const address = this.address(sheet, a1);
    const key = keyOf(address.row, address.col);
    const value = this.valueAt(address);
    const numberFormat = data.formats.get(key) ?? "General";
    const stored = data.inputs.get(key);
    const style = data.styles.get(key);
    const spilledFrom = stored ? undefined : this.anchors(data).get(key);
    return {
      value,
      input: stored?.input ?? "",
      display: formatValue(value, numberFormat),
      numberFormat,
      ...(style ? { style } : {}),
      ...(spilledFrom ? { spilledFrom } : {}),
    };
  }

  size(sheet: string): { readonly rows: number; readonly columns: number } {
    const data = this.sheet(sheet);
    const dimensions = this.engine.getSheetDimensions(data.id);
    let rows = Math.max(1, dimensions.height);
    let columns = Math.max(1, dimensions.width);
    for (const map of [data.inputs, data.formats, data.styles]) {
      for (const key of map.keys()) {
        const ref = refOf(key);
        rows = Math.max(rows, ref.row + 1);
        columns = Math.max(columns, ref.column + 1);
      }
    }
    return { rows, columns };
  }

  spill(sheet: string, a1: string): { readonly rows: number; readonly columns: number } {
    return this.spillSize(this.address(sheet, a1));
  }

  private spillSize(start: SimpleCellAddress): { rows: number; columns: number } {
    if (!this.engine.isCellPartOfArray(start) || !this.engine.doesCellHaveFormula(start))
      return { rows: 1, columns: 1 };
    const inSpill = (row: number, col: number) =>
      this.engine.isCellPartOfArray({ ...start, row, col }) &&
      !this.engine.doesCellHaveFormula({ ...start, row, col });
    let rows = 1;
    let columns = 1;
    while (inSpill(start.row + rows, start.col)) rows++;
    while (inSpill(start.row, start.col + columns)) columns++;
    return { rows, columns };
  }

  private anchors(data: SheetData): Map<number, string> {
    this.spillAnchors = this.spillAnchors ?? new Map();
    let anchors = this.spillAnchors.get(data.id);
    if (anchors) return anchors;
    anchors = new Map();
    for (const [key, stored] of data.inputs) {
      if (stored.formula === undefined) continue;
      const ref = refOf(key);
      const { rows, columns } = this.spillSize({ sheet: data.id, row: ref.row, col: ref.column });
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < columns; j++) {
          if (i > 0 || j > 0) anchors.set(keyOf(ref.row + i, ref.column + j), cellAddress(ref));
        }
      }
    }
    this.spillAnchors.set(data.id, anchors);
    return anchors;
  }

  columnWidths(sheet: string): readonly number[] {
    return [...this.sheet(sheet).columnWidths];
  }

  charts(sheet: string): readonly WorkbenchChart[] {
    const data = this.sheet(sheet);
    return data.charts.map((plan) => {
      const { start, end } = parseRange(plan.source);
      const at = (row: number, column: number) =>
        this.cell(data.name, cellAddress({ row, column }));
      const categories: string[] = [];
      for (let row = start.row + 1; row <= end.row; row++)
        categories.push(at(row, start.column).display);
      const series = [];
      for (let column = start.column + 1; column <= end.column; column++) {
        const values: (number | null)[] = [];
        for (let row = start.row + 1; row <= end.row; row++) {
          const value = at(row, column).value;
          values.push(typeof value === "number" ? value : null);
        }
        const index = column - start.column - 1;
        series.push({
          name: at(start.row, column).display,
          values,
          secondary: (plan.secondaryLineSeries ?? []).includes(index),
        });
      }
      return { plan, categories, series };
    });
  }

  highlight(sheet: string, a1: string): { fill: string; fontColor: string } | undefined {
    const data = this.sheet(sheet);
    const ref = parseCell(a1);
    for (const format of data.conditionalFormats) {
      if (!inRange(format.range, ref)) continue;
      const value = this.value(sheet, a1);
      const [low, high] = format.between;
      if (typeof value === "number" && value >= low && value <= high)
        return { fill: format.fill, fontColor: format.fontColor };
    }
    return undefined;
  }

  // --- changing

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  addSheet(name: string): void {
    this.createSheet(name);
    this.changed();
  }

  private createSheet(name: string): SheetData {
    if (this.sheetList.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`a sheet named "${name}" already exists`);
    this.engine.addSheet(name);
    const id = this.engine.getSheetId(name) as number;
    const data: SheetData = {
      name,
      id,
      inputs: new Map(),
      formats: new Map(),
      styles: new Map(),
      columnWidths: [],
      charts: [],
      conditionalFormats: [],
    };
    this.sheetList.push(data);
    return data;
  }

  setInput(sheet: string, a1: string, input: string): void {
    const data = this.sheet(sheet);
    const { row, column } = parseCell(a1);
    const entry = typed(input, this.tableList);
    this.enter(data, row, column, entry);
    const key = keyOf(row, column);
    if (entry.impliedFormat && (data.formats.get(key) ?? "General") === "General")
      data.formats.set(key, entry.impliedFormat);
    this.changed();
  }

  /** Writes one cell's entry into the engine and the inputs. */
  private enter(data: SheetData, row: number, column: number, entry: Entry): void {
    const address = { sheet: data.id, row, col: column };
    this.sizing.forget(address);
    this.engine.setCellContents(address, entry.content);
    this.remember(data, row, column, entry);
  }

  private remember(data: SheetData, row: number, column: number, entry: Entry): void {
    const key = keyOf(row, column);
    if (entry.content === null) data.inputs.delete(key);
    else data.inputs.set(key, { input: entry.input, formula: entry.formula });
  }

  /** Writes a rectangle of entries as one engine call (top-left `at`). */
  private enterBlock(data: SheetData, at: CellRef, entries: readonly (readonly Entry[])[]): void {
    entries.forEach((row, i) =>
      row.forEach((entry, j) => {
        this.sizing.forget({ sheet: data.id, row: at.row + i, col: at.column + j });
        this.remember(data, at.row + i, at.column + j, entry);
      })
    );
    this.engine.setCellContents(
      { sheet: data.id, row: at.row, col: at.column },
      entries.map((row) => row.map((entry) => entry.content))
    );
  }

  /** After a change: spills that did not fit sized again, listeners told. */
  private changed(): void {
    this.settle();
    this.spillAnchors = undefined;
    for (const listener of this.listeners) listener();
  }

  /** Enters again the formulas whose results did not fit their spill, so they are sized anew. */
  private settle(): void {
    for (let pass = 0; pass < SETTLE_PASSES && this.sizing.misfits.size > 0; pass++) {
      const cells = [...this.sizing.misfits.values()];
      this.sizing.misfits.clear();
      this.engine.batch(() => {
        for (const address of cells) {
          const data = this.sheetList.find((s) => s.id === address.sheet);
          const formula = data?.inputs.get(keyOf(address.row, address.col))?.formula;
          if (formula === undefined) continue;
          this.engine.setCellContents(address, null);
          this.engine.setCellContents(address, formula);
        }
      });
    }
    this.sizing.misfits.clear();
  }

  // --- plans

  applyPlan(plan: Plan): ApplyOutcome {
    // As the applier reads the workbook before it writes: a role's sheet is the one it had before.
    const own = new Map(plan.sheets.map((s) => [s, this.roles.get(s.role)]));
    const refreshed: string[] = [];
    const created: string[] = [];
    const targets = plan.sheets.map((sheetPlan) => {
      const existing = own.get(sheetPlan);
      if (existing) refreshed.push(existing.name);
      else created.push(sheetPlan.name);
      return existing ?? this.createSheet(sheetPlan.name);
    });
    this.tableList = this.mergeTables(plan, targets);

    this.engine.batch(() => {
      plan.sheets.forEach((sheetPlan, k) =>
        this.defineNames(sheetPlan, targets[k], own.get(sheetPlan) !== undefined)
      );
      plan.sheets.forEach((sheetPlan, k) => {
        const data = targets[k];
        data.columnWidths = [...sheetPlan.columnWidths];
        for (const block of sheetPlan.blocks) this.writeBlock(data, block);
        for (const table of sheetPlan.tables) this.writeTable(data, table);
        for (const format of sheetPlan.conditionalFormats) {
          data.conditionalFormats = [
            ...data.conditionalFormats.filter((f) => f.range !== format.range),
            format,
          ];
        }
        // A sheet CNAI already made keeps its charts: they read the same cells.
        if (!own.get(sheetPlan)) data.charts = [...sheetPlan.charts];
        this.roles.set(sheetPlan.role, data);
      });
      this.resolveAgain();
    });
    this.changed();
    return { refreshed, created };
  }

  /** The tables after the plan: its tables replace those of the same name. */
  private mergeTables(plan: Plan, targets: readonly SheetData[]): TableLocation[] {
    const planned = plan.sheets.flatMap((sheetPlan, k) =>
      sheetPlan.tables.map((table) => ({
        name: table.name,
        sheet: targets[k].name,
        at: table.at,
        columns: table.columns,
        rowCount: table.rows.length,
      }))
    );
    const replaced = new Set(planned.map((t) => t.name.toLowerCase()));
    return [...this.tableList.filter((t) => !replaced.has(t.name.toLowerCase())), ...planned];
  }

  /** Workbook-level names: CNAI's own updated on a refresh, otherwise (re)created. */
  private defineNames(sheetPlan: SheetPlan, data: SheetData, refreshing: boolean): void {
    for (const name of sheetPlan.names) {
      const reference = `=${quoteSheet(data.name)}!${area(name.cell, 1, 1, true)}`;
      const existing = this.names.get(name.name.toLowerCase());
      if (existing && refreshing) {
        this.engine.changeNamedExpression(existing.name, reference);
        this.names.set(name.name.toLowerCase(), { ...existing, sheet: data.name, cell: name.cell });
        continue;
      }
      if (existing) this.engine.removeNamedExpression(existing.name);
      this.engine.addNamedExpression(name.name, reference);
      this.names.set(name.name.toLowerCase(), {
        name: name.name,
        sheet: data.name,
        cell: name.cell,
        comment: name.comment,
      });
    }
  }

  private writeBlock(data: SheetData, block: Block): void {
    const at = parseCell(block.at);
    const rows = block.cells.length;
    const columns = Math.max(...block.cells.map((r) => r.length));
    const formatted = block.spill ?? { rows, columns };
    if (block.spill) {
      // The spill area must be empty for the formula's array.
      const empty: Entry = { content: null, input: "" };
      this.enterBlock(
        data,
        at,
        Array.from({ length: block.spill.rows }, () =>
          new Array(block.spill?.columns ?? 1).fill(empty)
        )
      );
    }
    this.enterBlock(
      data,
      at,
      Array.from({ length: rows }, (_, i) =>
        Array.from({ length: columns }, (__, j) =>
          written(block.cells[i][j] ?? null, formatAt(block.numberFormat, i, j), this.tableList)
        )
      )
    );
    const styles =
      block.style === undefined
        ? []
        : typeof block.style === "string"
          ? [block.style]
          : block.style;
    for (let i = 0; i < formatted.rows; i++) {
      for (let j = 0; j < formatted.columns; j++) {
        const key = keyOf(at.row + i, at.column + j);
        data.formats.set(key, formatAt(block.numberFormat, i, j));
        const style = styles.length === 1 ? styles[0] : styles[j];
        if (style) data.styles.set(key, style);
      }
    }
  }

  private writeTable(data: SheetData, table: SheetPlan["tables"][number]): void {
    const at = parseCell(table.at);
    const header = table.columns.map((column) => TEXT(column));
    const body = table.rows.map((row, i) =>
      table.columns.map((_, j) =>
        written(row[j] ?? null, formatAt(table.numberFormats, i, j), this.tableList)
      )
    );
    this.enterBlock(data, at, [header, ...body]);
    // The table style's header row; the body's number formats per column or per cell.
    table.columns.forEach((_, j) => data.styles.set(keyOf(at.row, at.column + j), "header"));
    table.rows.forEach((_, i) =>
      table.columns.forEach((__, j) =>
        data.formats.set(keyOf(at.row + 1 + i, at.column + j), formatAt(table.numberFormats, i, j))
      )
    );
  }

  /**
   * Formulas typed or written earlier whose structured references now resolve differently (a table
   * loaded, moved or grown): entered again, from the text as written.
   */
  private resolveAgain(): void {
    for (const data of this.sheetList) {
      for (const [key, stored] of data.inputs) {
        if (stored.formula === undefined || !stored.input.includes("[")) continue;
        const formula = resolveStructuredReferences(stored.input, this.tableList);
        if (formula === stored.formula) continue;
        const { row, column } = refOf(key);
        this.enter(data, row, column, { content: formula, input: stored.input, formula });
      }
    }
  }
}

/**
 * A workbook on HyperFormula with these functions as `CNAI.<id>`; it starts as Excel's new
 * workbook does, with one empty "Sheet1".
 */
export function createWorkbench(
  functions: readonly AddinFunction[],
  options: WorkbenchOptions = {}
): WorkbenchEngine {
  return new Workbook(functions, options);
}
