/**
 * The Excel host's types as its readers see them: the add-in's functions as the workbook calls
 * them, and cells and charts as the workbench's grid and the .xlsx export read them.
 */

/** One function as functions.json declares it and functions.js registers it (CustomFunctions.associate). */
export interface AddinFunction {
  /** "MARGIN_EXPANSION": the id in functions.json; the workbook calls it as CNAI.MARGIN_EXPANSION. */
  readonly id: string;
  readonly parameters: readonly {
    readonly name: string;
    readonly dimensionality?: "matrix" | "scalar";
    readonly optional?: boolean;
    /**
     * A whole range read as one table (PARITY_AT's `chips`): it does not broadcast, so it does not
     * size the result. functions.json cannot say so; the catalogue does (src/host/addin.ts).
     */
    readonly table?: boolean;
  }[];
  readonly result: { readonly dimensionality?: "matrix" | "scalar" };
  /**
   * The associated JavaScript function, called as Excel calls it: every declared parameter passed,
   * omitted ones as null, matrix parameters as 2-D arrays. Returns a value, a 2-D array, or an
   * Excel error object ({ code: "#NUM!", message? }); may throw such an error object.
   */
  readonly invoke: (...args: unknown[]) => unknown;
  /**
   * Whether Excel knows the function now: false while the add-in that declares it is not installed
   * or not loaded for this workbook. A formula entered meanwhile is #NAME? and stays so after the
   * function is registered, until it is entered again (src/host/engine.ts, `StuckFormulas`).
   * Absent means always: the core's functions, and functions.json's in the workbench, whose
   * metadata Excel knows before the workbook opens.
   */
  readonly registered?: () => boolean;
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
  /** Font and fill as `range.format` set them. */
  readonly look?: {
    readonly bold?: boolean;
    readonly italic?: boolean;
    readonly size?: number;
    readonly color?: string;
    readonly fill?: string;
  };
  /** The cell belongs to a spill from the formula in this cell (A1), not its own input. */
  readonly spilledFrom?: string;
}

/** A chart as the workbook holds it, with the data it draws now. */
export interface WorkbenchChart {
  readonly name: string;
  /** Excel's chart type: "Line", "LineMarkers", "ColumnClustered". */
  readonly type: string;
  readonly title: string;
  readonly valueAxisFormat?: string;
  /** Placement: top-left and bottom-right cells, as `setPosition` was given them. */
  readonly from: string;
  readonly to: string;
  readonly categories: readonly string[];
  readonly series: readonly {
    readonly name: string;
    readonly values: readonly (number | null)[];
    /** On the secondary value axis. */
    readonly secondary: boolean;
    /** Drawn as a line in a column chart. */
    readonly line: boolean;
  }[];
}

/**
 * Excel's seven classic error values: what a cell typed or an .xlsx file can hold besides the
 * dynamic-array ones (#SPILL!, #CALC!).
 */
export const CLASSIC_ERRORS: readonly string[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
];
