/**
 * A real spreadsheet engine for the tests: the workbench's engine (src/workbench/engine.ts) with the
 * CNAI functions taken straight from the core's catalogue, so a test can check that a plan's
 * formulas give the note's numbers without building the bundle. Test-only: nothing in src/ imports
 * this. (test/workbench/ runs the same engine on the built bundle instead.)
 */
import { DetailedCellError, FunctionPluginDefinition, HyperFormula } from "hyperformula";
import {
  CATALOG,
  CellError,
  CellValue,
  ErrorCode,
  Matrix,
  NAMESPACE,
  evaluate,
  isMatrix,
} from "../../src/core";
import { cellAddress } from "../../src/plans/a1";
import { Plan } from "../../src/plans/plan";
import { TableLocation, resolveStructuredReferences } from "../../src/plans/structured";
import type { AddinFunction, WorkbenchValue } from "../../src/workbench/contract";
import {
  EXCEL_CONFIG,
  LICENSE_KEY,
  WorkbenchEngine,
  createWorkbench,
  functionNames,
  functionPlugin,
} from "../../src/workbench/engine";

export { EXCEL_CONFIG, LICENSE_KEY };

// ---------------------------------------------------------------------------------------------
// The core's catalogue as add-in functions

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

/** Core errors out as Excel's error objects — with their messages on every code, for the tests. */
const toExcelCell = (cell: CellValue) =>
  cell instanceof CellError ? { code: cell.code, message: cell.message } : cell;

const toExcel = (result: CellValue | Matrix) =>
  isMatrix(result) ? result.map((row) => row.map(toExcelCell)) : toExcelCell(result);

/** Every function of the catalogue, declared as functions.json declares it and run on the core. */
export const CORE_FUNCTIONS: readonly AddinFunction[] = CATALOG.map((def) => {
  const dimensionality = def.broadcast ? ("matrix" as const) : ("scalar" as const);
  return {
    id: def.name,
    parameters: def.params.map((p) => ({
      name: p.name,
      dimensionality,
      optional: p.optional === true || ("default" in p && p.default !== undefined),
    })),
    result: { dimensionality: def.broadcast || def.table ? "matrix" : "scalar" },
    invoke: (...args: unknown[]) => toExcel(evaluate(def, args.map(fromExcel))),
  };
});

let globalPlugin: FunctionPluginDefinition | undefined;

/**
 * Registers the core's CNAI functions with HyperFormula's global registry, once, for engines built
 * without the workbench. Workbooks from `evaluatePlan` do not need it: each carries its own plugin.
 */
export function registerCnai(engine: typeof HyperFormula = HyperFormula): void {
  globalPlugin = globalPlugin ?? functionPlugin(CORE_FUNCTIONS);
  if (engine.getFunctionPlugin(`${NAMESPACE}.${CATALOG[0].name}`) === globalPlugin) return;
  engine.registerFunctionPlugin(globalPlugin, { enGB: functionNames(CORE_FUNCTIONS) });
}

// ---------------------------------------------------------------------------------------------
// Plans written into an engine

/** A cell's value as a test sees it: errors with their code and message. */
export type Value = WorkbenchValue;

export interface Workbook {
  /** The engine itself, for what the helpers do not cover. */
  readonly engine: HyperFormula;
  /** The workbench around it: plans, typed input, formats. */
  readonly workbench: WorkbenchEngine;
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

/** One workbook from one plan or several (tables first, then the model built on them). */
export function evaluatePlan(plan: Plan | readonly Plan[]): Workbook {
  const plans: readonly Plan[] = Array.isArray(plan) ? plan : [plan as Plan];
  const workbench = createWorkbench(CORE_FUNCTIONS, { sheets: [] });
  for (const each of plans) workbench.applyPlan(each);
  const { engine } = workbench;
  const value = (sheet: string, a1: string) => workbench.value(sheet, a1);
  return {
    engine,
    workbench,
    get tables() {
      return workbench.tables();
    },
    value,
    range(sheet, a1Range) {
      const [first, last = first] = a1Range.split(":");
      const start = workbench.address(sheet, first);
      const end = workbench.address(sheet, last);
      const rows: Value[][] = [];
      for (let row = start.row; row <= end.row; row++) {
        const cells: Value[] = [];
        for (let column = start.col; column <= end.col; column++)
          cells.push(value(sheet, cellAddress({ row, column })));
        rows.push(cells);
      }
      return rows;
    },
    formula(sheet, a1) {
      return engine.getCellFormula(workbench.address(sheet, a1));
    },
    spill(sheet, a1) {
      return { ...workbench.spill(sheet, a1) };
    },
    calculate(formula, sheet) {
      const id = sheet === undefined ? 0 : workbench.address(sheet, "A1").sheet;
      const resolved = resolveStructuredReferences(formula, workbench.tables());
      const result = engine.calculateFormula(resolved, id);
      return Array.isArray(result) ? result.map((row) => row.map(toValue)) : toValue(result);
    },
  };
}
