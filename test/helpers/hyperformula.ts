/**
 * A real spreadsheet engine for the tests: the workbench's engine (src/workbench/engine.ts) with the
 * CNAI functions taken straight from the core's catalogue, so a test can check that a plan's
 * formulas give the note's numbers without building the bundle. Test-only: nothing in src/ imports
 * this. (test/workbench/ runs the same engine on the built bundle instead.) The functions themselves
 * are src/workbench/core-functions.ts, which the .xlsx export uses too.
 */
import { DetailedCellError, FunctionPluginDefinition, HyperFormula } from "hyperformula";
import { CATALOG, NAMESPACE } from "../../src/core";
import { cellAddress } from "../../src/plans/a1";
import { Plan } from "../../src/plans/plan";
import { TableLocation, resolveStructuredReferences } from "../../src/plans/structured";
import type { WorkbenchValue } from "../../src/workbench/contract";
import { CORE_FUNCTIONS } from "../../src/workbench/core-functions";
import {
  EXCEL_CONFIG,
  LICENSE_KEY,
  WorkbenchEngine,
  createWorkbench,
  functionNames,
  functionPlugin,
} from "../../src/workbench/engine";

export { CORE_FUNCTIONS, EXCEL_CONFIG, LICENSE_KEY };

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
