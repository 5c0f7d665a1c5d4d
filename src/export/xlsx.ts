/**
 * The workbook as an .xlsx file, written with exceljs, for people who open it without the pane:
 * `npm run workbook` (scripts/workbook.ts) and the workbench's "Download .xlsx".
 *
 * What goes in comes from two places and no third: the pane's plans (src/plans/) say what CNAI laid
 * out — the sheets, Excel tables, named assumptions, frozen rows, tab colours, highlights — and a
 * workbench the plans were applied to (src/workbench/engine.ts) holds every cell as written and its
 * value as computed — by the core in the script, by the add-in's own functions on the page. The
 * formulas are the plans' text.
 *
 * - A formula is written without its "=", as exceljs expects, with its value cached beside it: a
 *   reader that does not recalculate (LibreOffice by default, Excel until it recalculates) shows it.
 * - A formula that spills (a broadcasting CNAI call) is written as an array formula over the cells
 *   it spills into, each of them with its value: `{=CNAI.PARITY_AT(…)}` in Excel. exceljs writes no
 *   dynamic-array metadata; Excel with CNAI computes such an array formula the same way. LibreOffice
 *   recalculates array formulas when it opens a file and knows no CNAI function, so it shows #NAME?
 *   for these (and the cached values of all other formulas): `valuesOnly` is the file for it.
 * - `valuesOnly` writes values in place of every formula, for readers without the add-in.
 * - Not written: charts (exceljs writes none; their data is in the sheets), the comments on names,
 *   and CNAI's hidden sheet markers, which need those comments: opened in Excel with CNAI, the pane
 *   treats these sheets as the analyst's and builds its own beside them rather than refreshing them.
 */
import * as ExcelJS from "exceljs";
import { area, offset, parseCell, quoteSheet } from "../plans/a1";
import { CellStyle, Plan, STYLE_LOOKS, SheetPlan } from "../plans/plan";
import type { WorkbenchCell, WorkbenchValue } from "../workbench/contract";

/** What the export reads of a workbook: the workbench's engine (WorkbenchEngine) has all of it. */
export interface ExportBook {
  /** Sheet names in tab order. */
  sheets(): readonly string[];
  size(sheet: string): { readonly rows: number; readonly columns: number };
  cell(sheet: string, a1: string): WorkbenchCell;
  /** Rows and columns a formula in this cell spills over; 1×1 for a single value. */
  spill(sheet: string, a1: string): { readonly rows: number; readonly columns: number };
  /** In characters, from column A. */
  columnWidths(sheet: string): readonly number[];
}

export interface ExportOptions {
  /** Values in place of formulas: for people without the add-in. */
  readonly valuesOnly: boolean;
}

/** What a file holds, for the script's and the page's report. */
export interface ExportSummary {
  readonly sheets: readonly string[];
  readonly tables: readonly string[];
  readonly names: readonly string[];
  /** Cells with content. */
  readonly cells: number;
  /** Formulas written (0 with `valuesOnly`); a spilled formula counts once. */
  readonly formulas: number;
}

/** The error values a file may hold; the engine's others (#SPILL!, #CYCLE!, …) are #VALUE! here. */
const FILE_ERRORS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
]);

type Scalar = number | string | boolean | ExcelJS.CellErrorValue;

function fileValue(value: WorkbenchValue): Scalar | null {
  if (value === null) return null;
  if (typeof value === "object")
    return {
      error: (FILE_ERRORS.has(value.error)
        ? value.error
        : "#VALUE!") as ExcelJS.CellErrorValue["error"],
    };
  return value;
}

const argb = (hex: string) => ({ argb: `FF${hex.replace("#", "").toUpperCase()}` });
const solid = (hex: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: argb(hex),
});

/** The plans' styles (STYLE_LOOKS, shared with the Office.js applier) in exceljs's terms. */
const STYLES = Object.fromEntries(
  Object.entries(STYLE_LOOKS).map(([style, look]) => {
    const font: Partial<ExcelJS.Font> = {
      ...(look.bold ? { bold: true } : {}),
      ...(look.italic ? { italic: true } : {}),
      ...(look.size ? { size: look.size } : {}),
      ...(look.color ? { color: argb(look.color) } : {}),
    };
    return [
      style,
      {
        ...(Object.keys(font).length ? { font } : {}),
        ...(look.fill ? { fill: solid(look.fill) } : {}),
      },
    ];
  })
) as Readonly<Record<CellStyle, { font?: Partial<ExcelJS.Font>; fill?: ExcelJS.Fill }>>;

/** Where the plans put tables and names, by sheet, for the sheets the workbook has. */
function plannedSheets(plans: readonly Plan[], sheets: readonly string[]): Map<string, SheetPlan> {
  const bySheet = new Map<string, SheetPlan>();
  for (const plan of plans)
    for (const sheetPlan of plan.sheets)
      if (sheets.includes(sheetPlan.name)) bySheet.set(sheetPlan.name, sheetPlan);
  return bySheet;
}

/** Whether a cell lies in a range such as "A4:H4". */
function contains(range: string, a1: string): boolean {
  const [first, last = first] = range.split(":");
  const a = parseCell(first);
  const b = parseCell(last);
  const cell = parseCell(a1);
  return (
    cell.row >= a.row && cell.row <= b.row && cell.column >= a.column && cell.column <= b.column
  );
}

function writeCells(
  worksheet: ExcelJS.Worksheet,
  book: ExportBook,
  sheet: string,
  sheetPlan: SheetPlan | undefined,
  options: ExportOptions
): { cells: number; formulas: number } {
  const tableHeaders = (sheetPlan?.tables ?? []).map((t) => area(t.at, 1, t.columns.length));
  let cells = 0;
  let formulas = 0;
  const { rows, columns } = book.size(sheet);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const a1 = offset("A1", row, column);
      const cell = book.cell(sheet, a1);
      const empty = cell.input === "" && cell.value === null;
      if (empty && cell.numberFormat === "General" && !cell.style) continue;
      const target = worksheet.getCell(a1);
      if (!empty) cells++;
      if (cell.input.startsWith("=") && !options.valuesOnly) {
        formulas++;
        const result = fileValue(cell.value) ?? undefined;
        const spill = book.spill(sheet, a1);
        target.value = (
          spill.rows * spill.columns > 1
            ? {
                formula: cell.input.slice(1),
                result,
                shareType: "array",
                ref: area(a1, spill.rows, spill.columns),
              }
            : { formula: cell.input.slice(1), result }
        ) as ExcelJS.CellFormulaValue;
      } else if (!empty) target.value = fileValue(cell.value);
      if (cell.numberFormat !== "General") target.numFmt = cell.numberFormat;
      // A table's header row takes the table style's look, as in Excel.
      const style =
        cell.style && !tableHeaders.some((header) => contains(header, a1))
          ? STYLES[cell.style]
          : {};
      if (style.font) target.font = style.font;
      if (style.fill) target.fill = style.fill;
    }
  }
  return { cells, formulas };
}

/**
 * The workbook as exceljs holds it, from the plans and a workbench they were applied to (the core's
 * in the script, the analyst's on the page). Sheets the plans do not know are written cell by cell.
 */
export function buildWorkbook(
  plans: readonly Plan[],
  book: ExportBook,
  options: ExportOptions
): { workbook: ExcelJS.Workbook; summary: ExportSummary } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CNAI";
  const sheets = book.sheets();
  const planned = plannedSheets(plans, sheets);
  const tables: string[] = [];
  const names: string[] = [];
  let cells = 0;
  let formulas = 0;
  for (const sheet of sheets) {
    const sheetPlan = planned.get(sheet);
    const worksheet = workbook.addWorksheet(sheet, {
      properties: sheetPlan ? { tabColor: argb(sheetPlan.tabColor) } : {},
      views: sheetPlan?.freezeRows
        ? [{ state: "frozen", xSplit: 0, ySplit: sheetPlan.freezeRows }]
        : [{ state: "normal" }],
    });
    book.columnWidths(sheet).forEach((width, i) => {
      worksheet.getColumn(i + 1).width = width;
    });
    for (const table of sheetPlan?.tables ?? []) {
      // Its rows as the workbook holds them now; formats and styles follow with the cells.
      const rows = table.rows.map((row, i) =>
        table.columns.map((_, j) => fileValue(book.cell(sheet, offset(table.at, 1 + i, j)).value))
      );
      worksheet.addTable({
        name: table.name,
        ref: table.at,
        headerRow: true,
        totalsRow: false,
        style: { theme: "TableStyleMedium2", showRowStripes: true },
        columns: table.columns.map((name) => ({ name, filterButton: true })),
        rows,
      });
      tables.push(table.name);
    }
    const written = writeCells(worksheet, book, sheet, sheetPlan, options);
    cells += written.cells;
    formulas += written.formulas;
    for (const format of sheetPlan?.conditionalFormats ?? []) {
      worksheet.addConditionalFormatting({
        ref: format.range,
        rules: [
          {
            type: "cellIs",
            operator: "between",
            formulae: format.between.map(String),
            priority: 1,
            style: {
              fill: { type: "pattern", pattern: "solid", bgColor: argb(format.fill) },
              font: { color: argb(format.fontColor) },
            },
          },
        ],
      });
    }
    for (const name of sheetPlan?.names ?? []) {
      workbook.definedNames.add(`${quoteSheet(sheet)}!${area(name.cell, 1, 1, true)}`, name.name);
      names.push(name.name);
    }
  }
  // Opens on the sheet the pane shows last: the model, after a build.
  const last = plans.length ? plans[plans.length - 1].sheets.slice(-1)[0]?.name : undefined;
  const activeTab = Math.max(0, last ? sheets.indexOf(last) : 0);
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab, visibility: "visible" },
  ];
  return { workbook, summary: { sheets: [...sheets], tables, names, cells, formulas } };
}

/** The .xlsx file's bytes, and what it holds. */
export async function writeWorkbook(
  plans: readonly Plan[],
  book: ExportBook,
  options: ExportOptions
): Promise<{ bytes: Uint8Array<ArrayBuffer>; summary: ExportSummary }> {
  const { workbook, summary } = buildWorkbook(plans, book, options);
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as unknown as ArrayBuffer), summary };
}
