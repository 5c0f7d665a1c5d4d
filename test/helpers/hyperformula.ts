/**
 * A real spreadsheet engine for the tests: HyperFormula with every CNAI function registered on the
 * core's one runner, and the plans' sheets, tables and names written into it, so a test can check
 * that a model sheet's formulas give the note's numbers. Test-only: nothing in src/ imports this.
 */
import {
  ArraySize,
  CellError as EngineError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  ImplementedFunctions,
  RawCellContent,
  SimpleCellAddress,
  SimpleRangeValue,
} from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { Ast, ProcedureAst } from "hyperformula/typings/parser";
import {
  CATALOG,
  CellError,
  CellValue,
  ErrorCode,
  FunctionDef,
  Matrix,
  NAMESPACE,
  evaluate,
  isMatrix,
} from "../../src/core";
import { cellAddress, parseCell, quoteSheet } from "../../src/plans/a1";
import { CellInput, NamePlan, Plan, SheetPlan } from "../../src/plans/plan";
import { TableLocation, resolveStructuredReferences } from "../../src/plans/structured";

export const LICENSE_KEY = "gpl-v3";

/** Excel's behaviour where HyperFormula's defaults differ. */
export const EXCEL_CONFIG = {
  licenseKey: LICENSE_KEY,
  // Dynamic arrays: a formula whose value is an array spills, as in Excel 365.
  useArrayArithmetic: true,
  // Excel's 1900 date system: serial 1 = 1900-01-01, with the fictitious 1900-02-29.
  leapYear1900: true,
  nullDate: { year: 1899, month: 12, day: 31 },
  // =A1 of an empty cell is 0 in Excel.
  evaluateNullToZero: true,
  // Values as computed, not rounded to 10 digits on the way out: tests compare them with the core's.
  smartRounding: false,
};

// ---------------------------------------------------------------------------------------------
// The CNAI functions as a HyperFormula plugin

const FROM_ENGINE: Partial<Record<ErrorType, ErrorCode>> = {
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NA]: "#N/A",
};
const TO_ENGINE: Record<ErrorCode, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#N/A": ErrorType.NA,
};

/**
 * An engine error in an argument (a referenced #N/A, #REF!, …) becomes a core error the runner
 * propagates; codes the core does not know become #VALUE!, as in the Excel layer (src/functions/excel.ts).
 */
function fromEngineError(error: EngineError): CellError {
  const code = FROM_ENGINE[error.type];
  return code
    ? new CellError(code, error.message || `A referenced cell holds ${code}.`)
    : new CellError("#VALUE!", `A referenced cell holds an error (${error.type}).`);
}

/** One engine value as Excel hands it to a custom function: empty cells are null. */
function fromEngineScalar(value: unknown): unknown {
  if (value === EmptyValue || value === undefined) return null;
  if (value instanceof EngineError) return fromEngineError(value);
  // Dates, percentages and currencies arrive as RichNumber { val }.
  if (typeof value === "object" && value !== null && "val" in value)
    return (value as { val: number }).val;
  return value;
}

function fromEngine(value: unknown): unknown {
  return value instanceof SimpleRangeValue
    ? value.data.map((row) => row.map(fromEngineScalar))
    : fromEngineScalar(value);
}

function toEngineScalar(value: CellValue) {
  if (value === null) return EmptyValue;
  return value instanceof CellError ? new EngineError(TO_ENGINE[value.code], value.message) : value;
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

/** Every argument list a table function can see, with computed arguments spanning their choices. */
function candidateArguments(def: FunctionDef, args: readonly Ast[]): unknown[][] {
  let lists: unknown[][] = [[]];
  def.params.forEach((param, k) => {
    const known = k < args.length ? literal(args[k]) : { value: null };
    const values = known
      ? [known.value]
      : param.kind === "choice"
        ? param.options
        : param.kind === "boolean"
          ? [true, false]
          : [null];
    lists = lists.flatMap((list) => values.map((value) => [...list, value]));
  });
  return lists;
}

const shapeOf = (result: CellValue | Matrix) =>
  isMatrix(result)
    ? { rows: result.length, columns: result[0]?.length ?? 1 }
    : { rows: 1, columns: 1 };

/**
 * HyperFormula sizes a spill when it parses the formula, before any value is known. A model
 * function's result has the broadcast shape of its arguments (the largest rows and columns; 1
 * stretches); a table function's is the table's, found by calling it on the literal arguments
 * (computed ones: the largest table any of their choices gives, the rest of the area left empty).
 */
function resultSize(
  plugin: CnaiPlugin,
  def: FunctionDef,
  ast: ProcedureAst,
  state: InterpreterState
): ArraySize {
  let rows = 1;
  let columns = 1;
  if (def.table) {
    for (const args of candidateArguments(def, ast.args)) {
      const shape = shapeOf(evaluate(def, args));
      rows = Math.max(rows, shape.rows);
      columns = Math.max(columns, shape.columns);
    }
  } else if (def.broadcast) {
    for (const arg of ast.args) {
      const size = plugin.sizeOfArgument(arg, { ...state, arraysFlag: true });
      rows = Math.max(rows, size.height);
      columns = Math.max(columns, size.width);
    }
  }
  return new ArraySize(columns, rows);
}

function evaluateCall(
  plugin: CnaiPlugin,
  def: FunctionDef,
  ast: ProcedureAst,
  state: InterpreterState
) {
  try {
    // Excel passes every declared parameter; omitted ones arrive as null.
    const args: unknown[] = def.params.map(() => null);
    ast.args.forEach((arg, k) => (args[k] = fromEngine(plugin.evaluateArgument(arg, state))));
    const result = evaluate(def, args);
    if (!isMatrix(result)) return toEngineScalar(result);
    const expected = resultSize(plugin, def, ast, state);
    const { rows, columns } = shapeOf(result);
    if (rows > expected.height || columns > expected.width) {
      return new EngineError(
        ErrorType.VALUE,
        `HyperFormula sized CNAI.${def.name}'s spill as ${expected.height}×${expected.width} when parsing; the result is ${rows}×${columns} (a named range as an argument?).`
      );
    }
    if (rows === 1 && columns === 1) return toEngineScalar(result[0][0]);
    return SimpleRangeValue.onlyValues(result.map((row) => row.map(toEngineScalar)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return new EngineError(ErrorType.VALUE, `CNAI.${def.name} failed: ${message}`);
  }
}

/**
 * Every function of the catalogue as `CNAI.<NAME>`. The arguments are evaluated here rather than
 * through HyperFormula's runFunction, which would stop at an error argument and vectorize ranges
 * itself: the core's runner does coercion, defaults, error propagation and broadcasting, as in Excel.
 */
export class CnaiPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};

  evaluateArgument(ast: Ast, state: InterpreterState) {
    return this.evaluateAst(ast, state);
  }

  sizeOfArgument(ast: Ast, state: InterpreterState) {
    return this.arraySizeForAst(ast, state);
  }
}

/** The engine's name of a catalogue function, and of the plugin methods that compute and size it. */
const functionId = (def: FunctionDef) => `${NAMESPACE}.${def.name}`;

for (const def of CATALOG) {
  const method = `cnai_${def.name}`;
  CnaiPlugin.implementedFunctions[functionId(def)] = {
    method,
    sizeOfResultArrayMethod: `${method}_size`,
    // Arguments are read in array mode, as Excel 365 reads them: A2:A4*2 is a column.
    enableArrayArithmeticForArguments: true,
    vectorizationForbidden: true,
    parameters: def.params.map(() => ({
      argumentType: FunctionArgumentType.ANY,
      optionalArg: true,
    })),
  };
  Object.assign(CnaiPlugin.prototype, {
    [method](this: CnaiPlugin, ast: ProcedureAst, state: InterpreterState) {
      return evaluateCall(this, def, ast, state);
    },
    [`${method}_size`](this: CnaiPlugin, ast: ProcedureAst, state: InterpreterState) {
      return resultSize(this, def, ast, state);
    },
  });
}

/** Registers the CNAI functions with HyperFormula, once; engines built afterwards know them. */
export function registerCnai(engine: typeof HyperFormula = HyperFormula): void {
  if (engine.getFunctionPlugin(functionId(CATALOG[0])) === CnaiPlugin) return;
  const names = Object.fromEntries(CATALOG.map((def) => [functionId(def), functionId(def)]));
  engine.registerFunctionPlugin(CnaiPlugin, { enGB: names });
}

// ---------------------------------------------------------------------------------------------
// Plans written into an engine

/** A cell's value as a test sees it: errors with their code and message. */
export type Value = number | string | boolean | null | { error: string; message: string };

export interface Workbook {
  /** The engine itself, for what the helpers do not cover. */
  readonly engine: HyperFormula;
  /** The tables the plans made, as structured references resolve them. */
  readonly tables: readonly TableLocation[];
  /** The computed value of one cell: `value("CNAI Model", "C12")`. */
  value(sheet: string, a1: string): Value;
  /** The computed values of a rectangle, row by row: `range("CNAI Model", "B20:F24")`. */
  range(sheet: string, a1Range: string): Value[][];
  /** The formula in a cell as the engine holds it (structured references resolved), if any. */
  formula(sheet: string, a1: string): string | undefined;
  /** Rows and columns of the array a formula in this cell spills; 1×1 for a single value. */
  spill(sheet: string, a1: string): { rows: number; columns: number };
  /** Evaluates a formula as if typed on a sheet, without writing it: a value or an array. */
  calculate(formula: string, sheet?: string): Value | Value[][];
}

function toValue(value: unknown): Value {
  if (value instanceof DetailedCellError) return { error: value.value, message: value.message };
  if (value === undefined) return null;
  return value as Value;
}

/** Excel reads a bare TRUE or FALSE as a boolean; HyperFormula knows only TRUE() and FALSE(). */
const BOOLEAN_NAMES = [
  ["TRUE", "=TRUE()"],
  ["FALSE", "=FALSE()"],
] as const;

function tableLocations(sheets: readonly SheetPlan[]): TableLocation[] {
  return sheets.flatMap((sheet) =>
    sheet.tables.map((table) => ({
      name: table.name,
      sheet: sheet.name,
      at: table.at,
      columns: table.columns,
      rowCount: table.rows.length,
    }))
  );
}

/**
 * A constant goes in as Excel stores what Range.values writes: "30%" and "2027" become numbers.
 * Text formatted "@", and table headers, stay text.
 */
function content(cell: CellInput, tables: readonly TableLocation[], text: boolean): RawCellContent {
  if (typeof cell !== "string") return cell;
  if (cell.startsWith("=")) return resolveStructuredReferences(cell, tables);
  return text ? `'${cell}` : cell;
}

/** A cell's number format: one for the block, one per column, or (tables) one per cell. */
function formatOf(
  formats: string | readonly string[] | readonly (readonly string[])[] | undefined,
  row: number,
  column: number
): string | undefined {
  if (formats === undefined || typeof formats === "string") return formats;
  const entry = formats[Array.isArray(formats[0]) ? row : column];
  return typeof entry === "string" ? entry : entry?.[column];
}

/** One workbook from one plan or several (tables first, then the model built on them). */
export function evaluatePlan(plan: Plan | readonly Plan[]): Workbook {
  registerCnai();
  const sheets = (Array.isArray(plan) ? plan : [plan]).flatMap((p: Plan) => p.sheets);
  const tables = tableLocations(sheets);
  const engine = HyperFormula.buildEmpty(EXCEL_CONFIG);
  for (const sheet of sheets) if (!engine.doesSheetExist(sheet.name)) engine.addSheet(sheet.name);

  const sheetId = (name: string) => {
    const id = engine.getSheetId(name);
    if (id === undefined) throw new Error(`no sheet "${name}" in the plans`);
    return id;
  };
  const cell = (sheet: string, a1: string): SimpleCellAddress => {
    const address = engine.simpleCellAddressFromString(a1, sheetId(sheet));
    if (!address) throw new Error(`not a cell address: ${a1}`);
    return address;
  };

  engine.batch(() => {
    for (const [name, expression] of BOOLEAN_NAMES) engine.addNamedExpression(name, expression);
    for (const sheet of sheets) {
      for (const name of sheet.names) defineName(engine, sheet.name, name);
    }
    for (const sheet of sheets) {
      for (const block of sheet.blocks) {
        const cells = block.cells.map((row, i) =>
          row.map((input, j) => content(input, tables, formatOf(block.numberFormat, i, j) === "@"))
        );
        engine.setCellContents(cell(sheet.name, block.at), cells);
      }
      for (const table of sheet.tables) {
        const header = table.columns.map((column) => content(column, tables, true));
        const rows = table.rows.map((row, i) =>
          row.map((input, j) => content(input, tables, formatOf(table.numberFormats, i, j) === "@"))
        );
        engine.setCellContents(cell(sheet.name, table.at), [header, ...rows]);
      }
    }
  });

  const value = (sheet: string, a1: string) => toValue(engine.getCellValue(cell(sheet, a1)));
  return {
    engine,
    tables,
    value,
    range(sheet, a1Range) {
      const range = engine.simpleCellRangeFromString(a1Range, sheetId(sheet));
      if (!range) throw new Error(`not a range: ${a1Range}`);
      return engine.getRangeValues(range).map((row) => row.map(toValue));
    },
    formula(sheet, a1) {
      return engine.getCellFormula(cell(sheet, a1));
    },
    spill(sheet, a1) {
      const start = cell(sheet, a1);
      const inSpill = (row: number, col: number) =>
        engine.isCellPartOfArray({ ...start, row, col }) &&
        !engine.doesCellHaveFormula({ ...start, row, col });
      if (!engine.isCellPartOfArray(start)) return { rows: 1, columns: 1 };
      let rows = 1;
      let columns = 1;
      while (inSpill(start.row + rows, start.col)) rows++;
      while (inSpill(start.row, start.col + columns)) columns++;
      return { rows, columns };
    },
    calculate(formula, sheet) {
      const id = sheet === undefined ? 0 : sheetId(sheet);
      const result = engine.calculateFormula(resolveStructuredReferences(formula, tables), id);
      return Array.isArray(result) ? result.map((row) => row.map(toValue)) : toValue(result);
    },
  };
}

function defineName(engine: HyperFormula, sheet: string, name: NamePlan): void {
  const target = `${quoteSheet(sheet)}!${cellAddress(parseCell(name.cell), true)}`;
  engine.addNamedExpression(name.name, `=${target}`);
}
