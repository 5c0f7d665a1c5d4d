/**
 * An .xlsx file opened into a host workbook, read with exceljs (Node and browser), as Excel opens
 * it for the add-in's functions: a call saved as `_xldudf_CNAI_PARITY_AT(` (src/plans/saved-form.ts)
 * becomes `CNAI.PARITY_AT(` only if the add-in's functions are registered when the file opens;
 * otherwise it stays as saved and shows #NAME?, and a `CNAI.…(` call entered while they are not
 * registered stays #NAME? after they are (src/host/engine.ts). What the issue-13 tests need of a
 * file: sheets in order with their visibility, cells — formulas (the anchor of an array formula
 * only: it spills again), numbers, text, booleans, error codes, dates as serials — and number
 * formats. Not read: tables, names, looks, widths, charts, validation.
 */
import * as ExcelJS from "exceljs";
import type { AddinFunction } from "./contract";
import { NAMESPACE } from "./engine";
import { fromSavedForm } from "../plans/saved-form";
import { HostSheet, HostWorkbook, Rect, Visibility, contains, parseRect } from "./workbook";

export interface OpenOptions {
  readonly namespace?: string;
}

const VISIBILITY: Readonly<Record<string, Visibility>> = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
};

/** Excel's serial of a date exceljs read under a date format: days since 1899-12-30, UTC. */
const serialOf = (date: Date) => date.getTime() / 86_400_000 + 25_569;

type FileCell =
  number | string | boolean | { readonly error: string } | { readonly formula: string };

/** A cell's content as the host enters it; undefined for an empty cell. */
function contentOf(
  cell: ExcelJS.Cell,
  formulaOf: (formula: string) => string
): FileCell | undefined {
  const formula = cell.formula;
  if (formula) return { formula: formulaOf(`=${formula}`) };
  const value = cell.value;
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return serialOf(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (typeof value === "object" && "error" in value) return { error: String(value.error) };
  if (typeof value === "object" && "richText" in value)
    return value.richText.map((run) => run.text).join("");
  if (typeof value === "object" && "text" in value) return String(value.text);
  return undefined;
}

/** The host workbook a file holds, with these functions. */
export async function openWorkbook(
  data: ArrayBuffer | Uint8Array,
  functions: readonly AddinFunction[],
  options: OpenOptions = {}
): Promise<HostWorkbook> {
  const namespace = options.namespace ?? NAMESPACE;
  const file = new ExcelJS.Workbook();
  await file.xlsx.load(data as ArrayBuffer);
  // Excel turns a saved call back into the function's name only for functions it knows as it opens.
  const known = functions.filter((fn) => fn.registered?.() !== false).map((fn) => fn.id);
  const formulaOf = (formula: string) => fromSavedForm(formula, namespace, known);
  const worksheets = file.worksheets;
  const book = new HostWorkbook(functions, { namespace, sheets: worksheets.map((ws) => ws.name) });
  book.batch(() => {
    worksheets.forEach((worksheet, k) => {
      const sheet = book.worksheets()[k];
      readCells(book, sheet, worksheet, formulaOf);
    });
    // Hidden last: a workbook keeps one visible sheet at every step.
    worksheets.forEach((worksheet, k) => {
      const visibility = VISIBILITY[worksheet.state] ?? "Visible";
      if (visibility !== "Visible") book.setVisibility(book.worksheets()[k], visibility);
    });
  });
  return book;
}

function readCells(
  book: HostWorkbook,
  sheet: HostSheet,
  worksheet: ExcelJS.Worksheet,
  formulaOf: (formula: string) => string
): void {
  // The cells an array formula spills into hold its cached values: the anchor's formula fills them.
  const arrays: Rect[] = [];
  const rowsHeld: number[] = [];
  worksheet.eachRow((row, rowNumber) => {
    rowsHeld.push(rowNumber - 1);
    row.eachCell((cell) => {
      const value = cell.value as { shareType?: string; ref?: string } | null;
      const rect = value?.shareType === "array" && value.ref ? parseRect(value.ref) : undefined;
      if (rect) arrays.push(rect);
    });
  });
  const spilled = spillCheck(arrays, rowsHeld);
  worksheet.eachRow((row, rowNumber) =>
    row.eachCell((cell, columnNumber) => {
      const at = { row: rowNumber - 1, column: columnNumber - 1 };
      if (cell.numFmt && cell.numFmt !== "General")
        book.setNumberFormat(
          sheet,
          { top: at.row, left: at.column, bottom: at.row, right: at.column },
          cell.numFmt
        );
      if (spilled(at.row, at.column)) return;
      const content = contentOf(cell, formulaOf);
      if (content !== undefined) book.enterFromFile(sheet, at.row, at.column, content);
    })
  );
}

/**
 * Whether a cell lies in an array formula's spill, other than its anchor. Each row that holds
 * cells (`rowsHeld`, ascending, as exceljs visits them) lists the spills crossing it by their left
 * column; spills do not overlap, so a cell is one binary search, and opening a file is linear in
 * its cells rather than cells × array formulas.
 */
function spillCheck(
  arrays: readonly Rect[],
  rowsHeld: readonly number[]
): (row: number, column: number) => boolean {
  const firstAtOrAfter = (list: readonly number[], value: number) => {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const crossing = new Map<number, Rect[]>();
  for (const rect of arrays)
    for (
      let k = firstAtOrAfter(rowsHeld, rect.top);
      k < rowsHeld.length && rowsHeld[k] <= rect.bottom;
      k++
    ) {
      const list = crossing.get(rowsHeld[k]);
      if (list) list.push(rect);
      else crossing.set(rowsHeld[k], [rect]);
    }
  const byLeft = new Map<number, { lefts: number[]; rects: Rect[] }>();
  for (const [row, list] of crossing) {
    list.sort((a, b) => a.left - b.left);
    byLeft.set(row, { lefts: list.map((rect) => rect.left), rects: list });
  }
  return (row, column) => {
    const spills = byLeft.get(row);
    if (!spills) return false;
    // The last spill whose left column is at or before this column.
    const rect = spills.rects[firstAtOrAfter(spills.lefts, column + 1) - 1];
    return (
      rect !== undefined &&
      contains(rect, row, column) &&
      !(row === rect.top && column === rect.left)
    );
  };
}
