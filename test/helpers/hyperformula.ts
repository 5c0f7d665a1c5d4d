/**
 * A real spreadsheet engine for the tests: the Excel host's workbook (src/host/) with the CNAI
 * functions taken straight from the core's catalogue (src/host/core-functions.ts), so a test can
 * check that a plan's formulas give the note's numbers without building the bundle.
 * `evaluatePlan` applies plans as the pane does in Excel: through CNAI's Office.js applier
 * (src/taskpane/apply.ts) and Microsoft's Excel client, on the host. Test-only: nothing in src/
 * imports this. (test/workbench/ runs the host on the built bundle instead.)
 */
import { DetailedCellError, FunctionPluginDefinition, HyperFormula } from "hyperformula";
import { CATALOG, NAMESPACE } from "../../src/core";
import { cellAddress, parseCell } from "../../src/plans/a1";
import { Block, Plan } from "../../src/plans/plan";
import { TableLocation, resolveStructuredReferences } from "../../src/plans/structured";
import { applyPlan, formatMatrix } from "../../src/taskpane/apply";
import type { WorkbenchValue } from "../../src/host/contract";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { EXCEL_CONFIG, LICENSE_KEY, functionNames, functionPlugin } from "../../src/host/engine";
import { ExcelRun, hostWorkbook } from "../../src/host/node";
import { hosted as hostedAs } from "./host";
import type { ExcelHost } from "../../src/host/protocol";
import type { HostWorkbook } from "../../src/host/workbook";

export { CORE_FUNCTIONS, EXCEL_CONFIG, LICENSE_KEY };

let globalPlugin: FunctionPluginDefinition | undefined;

/**
 * Registers the core's CNAI functions with HyperFormula's global registry, once, for engines built
 * without the host. Host workbooks do not need it: each carries its own plugin.
 */
export function registerCnai(engine: typeof HyperFormula = HyperFormula): void {
  globalPlugin = globalPlugin ?? functionPlugin(CORE_FUNCTIONS);
  if (engine.getFunctionPlugin(`${NAMESPACE}.${CATALOG[0].name}`) === globalPlugin) return;
  engine.registerFunctionPlugin(globalPlugin, { enGB: functionNames(CORE_FUNCTIONS) });
}

/** A cell's value as a test sees it: errors with their code and message. */
export type Value = WorkbenchValue;

export interface Workbook {
  /** The engine itself, for what the helpers do not cover. */
  readonly engine: HyperFormula;
  /** The host's workbook: sheets, tables, names, typed input, formats. */
  readonly workbook: HostWorkbook;
  /** The host and an Excel.run on it through Microsoft's client. */
  readonly host: ExcelHost;
  readonly run: ExcelRun;
  /** The tables, as structured references resolve them. */
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

function reader(hosted: ReturnType<typeof hostWorkbook>): Workbook {
  const { workbook, host, run } = hosted;
  const { engine } = workbook;
  const value = (sheet: string, a1: string) => workbook.value(sheet, a1);
  const address = (sheet: string, a1: string) => {
    const { row, column } = parseCell(a1);
    return { sheet: workbook.sheet(sheet).engineId, row, col: column };
  };
  return {
    engine,
    workbook,
    host,
    run,
    get tables() {
      return workbook.locations();
    },
    value,
    range(sheet, a1Range) {
      const [first, last = first] = a1Range.split(":");
      const start = parseCell(first);
      const end = parseCell(last);
      const rows: Value[][] = [];
      for (let row = start.row; row <= end.row; row++) {
        const cells: Value[] = [];
        for (let column = start.column; column <= end.column; column++)
          cells.push(value(sheet, cellAddress({ row, column })));
        rows.push(cells);
      }
      return rows;
    },
    formula(sheet, a1) {
      return engine.getCellFormula(address(sheet, a1));
    },
    spill(sheet, a1) {
      return { ...workbook.spill(sheet, a1) };
    },
    calculate(formula, sheet) {
      const id = sheet === undefined ? 0 : workbook.sheet(sheet).engineId;
      const resolved = resolveStructuredReferences(formula, workbook.locations());
      const result = engine.calculateFormula(resolved, id);
      return Array.isArray(result) ? result.map((row) => row.map(toValue)) : toValue(result);
    },
  };
}

/**
 * A workbook with one sheet, "Model", holding these blocks, written straight into the host's
 * workbook (number formats first, then the cells, as the applier writes them). For engine tests
 * that need no pane action.
 */
export function sheetWith(...blocks: Block[]): Workbook {
  const hosted = hostWorkbook(CORE_FUNCTIONS, { sheets: ["Model"] });
  const { workbook } = hosted;
  const sheet = workbook.sheet("Model");
  for (const block of blocks) {
    const at = parseCell(block.at);
    const rows = block.cells.length;
    const columns = Math.max(...block.cells.map((r) => r.length));
    const rect = {
      top: at.row,
      left: at.column,
      bottom: at.row + rows - 1,
      right: at.column + columns - 1,
    };
    if (block.numberFormat !== undefined)
      workbook.setNumberFormat(sheet, rect, formatMatrix(block.numberFormat, rows, columns));
    workbook.write(
      sheet,
      rect,
      block.cells.map((row) => Array.from({ length: columns }, (_, j) => row[j] ?? "")),
      "formulas"
    );
  }
  return reader(hosted);
}

/**
 * One workbook from one plan or several (tables first, then the model built on them), each applied
 * by the pane's Office.js applier through Microsoft's client on a new Excel host.
 */
export async function evaluatePlan(plan: Plan | readonly Plan[]): Promise<Workbook> {
  const plans: readonly Plan[] = Array.isArray(plan) ? plan : [plan as Plan];
  const hosted = hostedAs(CORE_FUNCTIONS);
  for (const each of plans) await applyPlan(hosted.run, () => each);
  return reader(hosted);
}
