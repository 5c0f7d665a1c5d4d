/**
 * A plan: what a pane action writes, as plain data. Plans are computed without Office (from the
 * note's data and a description of the workbook as it is) and applied by one applier per host:
 * Office.js in the pane, the workbench, the .xlsx export.
 */

/** A constant, or a formula when a string starts with "=". */
export type CellInput = number | string | boolean | null;

/** How a block looks; each host maps a style to its own formatting. */
export type CellStyle = "title" | "note" | "header" | "label" | "input" | "output" | "body";

/** What each style looks like, for every host that draws plans (Office.js, the .xlsx export). */
export interface StyleLook {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly fill?: string;
}

export const STYLE_LOOKS: Readonly<Record<CellStyle, StyleLook>> = {
  title: { bold: true, size: 14, color: "#8A1C2B" },
  note: { italic: true, color: "#616161" },
  header: { bold: true, fill: "#F3F3F3" },
  // Analysts' convention: blue type on a pale fill marks what they may change.
  input: { color: "#0000FF", fill: "#EAF2FB" },
  output: { color: "#000000" },
  label: {},
  body: {},
};

/**
 * A number format of a block or a table at row i, column j: one for all, one per column, or one per
 * row of cells (the last row's repeated below); "" and missing are General.
 */
export function formatAt(
  format: string | readonly string[] | readonly (readonly string[])[] | undefined,
  i: number,
  j: number
): string {
  if (format === undefined) return "General";
  if (typeof format === "string") return format || "General";
  const row = format[Math.min(i, format.length - 1)];
  return (Array.isArray(row) ? row[j] : (format as readonly string[])[j]) || "General";
}

/** A rectangular block written as one 2-D array. */
export interface Block {
  /** Top-left cell, A1 style, on the plan's sheet: "B4". The block's size is that of `cells`. */
  readonly at: string;
  readonly cells: readonly (readonly CellInput[])[];
  /** One Excel number format for the whole block, one per column, or one per cell. */
  readonly numberFormat?: string | readonly string[] | readonly (readonly string[])[];
  /** One style for the whole block, or one per column. */
  readonly style?: CellStyle | readonly CellStyle[];
  /**
   * A formula in the top-left cell that spills over this many rows and columns (a broadcasting
   * CNAI call): the area must stay empty for Excel's dynamic arrays, and is formatted as a whole.
   */
  readonly spill?: { readonly rows: number; readonly columns: number };
}

export interface TablePlan {
  /** Excel table name; structured references (`ChipParity[Parity low]`) use it. */
  readonly name: string;
  /** Header row's first cell: "A4". */
  readonly at: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellInput[])[];
  /** Per column; "" keeps General. Per cell, when a column mixes units (Table 2's rows). */
  readonly numberFormats: readonly string[] | readonly (readonly string[])[];
  /**
   * The rows as CNAI writes them in its other languages, where they differ (a source note): on a
   * refresh, a cell holding any of these is still CNAI's, not an analyst's edit.
   */
  readonly otherLanguages?: readonly (readonly (readonly CellInput[])[])[];
}

/** A dropdown: the cells take one of the values of the list (a data-validation rule). */
export interface ValidationPlan {
  readonly range: string;
  /** Excel's list source: "=INDIRECT(\"Scenarios[Scenario]\")", or "Bear,Base,Bull". */
  readonly source: string;
}

export interface NamePlan {
  /** Workbook-level defined name, used by the model's formulas: `VolumeGrowth`. */
  readonly name: string;
  /** The cell it names, on the plan's sheet: "C5". */
  readonly cell: string;
  readonly comment: string;
}

export interface ChartPlan {
  /** Chart name on the sheet, so a re-run replaces it. */
  readonly name: string;
  readonly type: "line" | "lineMarkers" | "columnClustered";
  readonly title: string;
  /** The data: a block whose first row holds series names and first column the categories. */
  readonly source: string;
  /** Series (0-based, in source column order after the categories) drawn on a secondary axis as lines. */
  readonly secondaryLineSeries?: readonly number[];
  readonly valueAxisFormat?: string;
  /** Placement: top-left and bottom-right cells. */
  readonly from: string;
  readonly to: string;
}

export interface ConditionalFormatPlan {
  /** Cells whose value lies between low and high (inclusive) get the highlight. */
  readonly range: string;
  readonly between: readonly [number, number];
  readonly fill: string;
  readonly fontColor: string;
}

export interface SheetPlan {
  /** What the sheet is to CNAI: its marker, kept through renames. */
  readonly role: "chips" | "tokens" | "model";
  /** The name the sheet gets (the preferred name, or a free one when a sheet CNAI did not make has it). */
  readonly name: string;
  readonly blocks: readonly Block[];
  readonly tables: readonly TablePlan[];
  readonly names: readonly NamePlan[];
  readonly charts: readonly ChartPlan[];
  readonly conditionalFormats: readonly ConditionalFormatPlan[];
  /** Dropdowns; absent on sheets that have none. */
  readonly validations?: readonly ValidationPlan[];
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  /** Rows frozen at the top (the header row of a table sheet). */
  readonly freezeRows: number;
  readonly tabColor: string;
}

export interface Plan {
  readonly action: "load-tables" | "build-model";
  readonly sheets: readonly SheetPlan[];
  /** Sentences for the pane: names CNAI had to change because they were taken, what it refreshed. */
  readonly notes: readonly string[];
}

/** The workbook as the plan needs to know it: what exists, and what of it CNAI made. */
export interface WorkbookState {
  readonly sheets: readonly { readonly name: string; readonly role?: SheetPlan["role"] }[];
  /** Tables by name, with the sheet they are on. */
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
  /** Workbook-level names; `cnai` marks the ones CNAI created. */
  readonly names: readonly { readonly name: string; readonly cnai: boolean }[];
}

export const EMPTY_WORKBOOK: WorkbookState = { sheets: [], tables: [], names: [] };
