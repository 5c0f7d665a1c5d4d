/**
 * The workbench's engine as the page sees it: a workbook on HyperFormula whose CNAI functions are
 * the ones the built add-in bundle registers, and which applies the pane's plans.
 * (Development only: nothing here reaches the add-in's bundles.)
 */
import type { ChartPlan, CellStyle, Plan, WorkbookState } from "../plans/plan";

/** One function as functions.json declares it and functions.js registers it (CustomFunctions.associate). */
export interface AddinFunction {
  /** "MARGIN_EXPANSION": the id in functions.json; the workbook calls it as CNAI.MARGIN_EXPANSION. */
  readonly id: string;
  readonly parameters: readonly {
    readonly name: string;
    readonly dimensionality?: "matrix" | "scalar";
    readonly optional?: boolean;
  }[];
  readonly result: { readonly dimensionality?: "matrix" | "scalar" };
  /**
   * The associated JavaScript function, called as Excel calls it: every declared parameter passed,
   * omitted ones as null, matrix parameters as 2-D arrays. Returns a value, a 2-D array, or an
   * Excel error object ({ code: "#NUM!", message? }); may throw such an error object.
   */
  readonly invoke: (...args: unknown[]) => unknown;
}

/** A cell's computed value: errors carry Excel's code and the function's message. */
export type WorkbenchValue =
  number | string | boolean | null | { readonly error: string; readonly message: string };

export interface WorkbenchCell {
  readonly value: WorkbenchValue;
  /** The text typed or written into the cell ("=CNAI.PARITY_AT(...)", "30%"), for the formula bar. */
  readonly input: string;
  /** The value as Excel would show it under the cell's number format. */
  readonly display: string;
  readonly numberFormat: string;
  readonly style?: CellStyle;
  /** The cell belongs to a spill from the formula in this cell (A1), not its own input. */
  readonly spilledFrom?: string;
}

export interface WorkbenchChart {
  readonly plan: ChartPlan;
  readonly categories: readonly string[];
  readonly series: readonly {
    readonly name: string;
    readonly values: readonly (number | null)[];
    readonly secondary: boolean;
  }[];
}

export interface ApplyOutcome {
  readonly refreshed: readonly string[];
  readonly created: readonly string[];
}

export interface Workbench {
  /** Sheet names in tab order. */
  sheets(): readonly string[];
  addSheet(name: string): void;
  /** What the plans need to know: sheets (and which CNAI made), tables, names. */
  state(): WorkbookState;
  /** Writes a plan as the Office.js applier does: new sheets created, CNAI's own refreshed in place. */
  applyPlan(plan: Plan): ApplyOutcome;
  /** Rows and columns in use on a sheet (at least 1 × 1). */
  size(sheet: string): { readonly rows: number; readonly columns: number };
  cell(sheet: string, a1: string): WorkbenchCell;
  /** As if typed into the cell: "=…" is a formula, "30%" a number 0.3, "2026-03-11" a date, else text. */
  setInput(sheet: string, a1: string, input: string): void;
  columnWidths(sheet: string): readonly number[];
  charts(sheet: string): readonly WorkbenchChart[];
  /** Highlights from the plans' conditional formats that apply to this cell now. */
  highlight(
    sheet: string,
    a1: string
  ): { readonly fill: string; readonly fontColor: string } | undefined;
  /** Called after every change (typed input, applied plan) once recalculation is done. */
  onChange(listener: () => void): void;
}
