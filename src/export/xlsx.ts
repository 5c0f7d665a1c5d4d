/**
 * A workbook of the Excel host (src/host/workbook.ts) as an .xlsx file, written with exceljs:
 * `npm run workbook` (scripts/workbook.ts) and the workbench's "Download .xlsx". Everything in the
 * file is read from the host's workbook, as the pane's actions left it and the analyst edited it —
 * never from the plans: what Excel would save, as far as exceljs can write it.
 *
 * - Sheets in tab order with their visibility: a hidden sheet stays hidden, a very hidden one (CNAI's
 *   "CNAI Snapshot") stays very hidden, as Excel saves them, so the pane's Restore formulas still
 *   finds the originals when the file is opened in Excel with CNAI. Tab colours, frozen rows and
 *   columns, the selected cell; the file opens on the host's active sheet.
 * - Every cell as written: a formula without its "=", as exceljs expects, with the value the engine
 *   computed cached beside it — a reader that does not recalculate (LibreOffice by default, Excel
 *   until it recalculates) shows it. Constants as their values. Number formats, font and fill.
 * - CNAI's calls in the form Excel itself saves an add-in's custom functions in:
 *   `_xldudf_CNAI_PARITY_AT(…)` for `CNAI.PARITY_AT(…)` (src/plans/saved-form.ts, with Microsoft's
 *   words on it). Excel turns them back into `CNAI.PARITY_AT(` when it opens the file with CNAI
 *   installed, and computes them; a name Excel does not know as a JavaScript custom function when
 *   the file opens is not looked up again, so `CNAI.…(` as such would stay #NAME? (issue 13). Calls
 *   of names that are not CNAI's functions (a typo) are written as they are.
 * - A formula that spills (a broadcasting CNAI call) becomes an array formula over the cells it
 *   spills into, each with its value: `{=CNAI.PARITY_AT(…)}` in Excel. exceljs writes no
 *   dynamic-array metadata; Excel with CNAI computes such an array formula the same way. LibreOffice
 *   recalculates array formulas when it opens a file and knows no CNAI function, so it shows #NAME?
 *   for these (and the cached values of all other formulas): `valuesOnly` is the file for it.
 * - `valuesOnly` writes values in place of every formula, for readers without the add-in; tables,
 *   names and formats stay.
 * - Excel tables with their style; column widths, converted from the host's points to the file's
 *   character widths; "CellValue" conditional formats; data validation rules.
 * - Defined names with their comments and hidden flags — the named assumptions and CNAI's hidden
 *   sheet markers (`CNAI_Sheet_model`, …), so the pane in Excel finds its own sheets in the file and
 *   refreshes them. exceljs writes a name only as a set of cells, with neither a comment nor a hidden
 *   flag, and no name that holds a constant or a formula: the names are written into the workbook
 *   part here instead (`withDefinedNames`).
 * - Characters XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF and
 *   a surrogate without its pair) cannot be in the file at all: one of them makes the part unreadable
 *   (exceljs refuses it; LibreOffice drops every text cell). Each becomes U+FFFD "�", in every text
 *   written — cells, cached results, formulas, sheet, table and column names, names and their
 *   comments, rules, number formats — the same everywhere, so a formula still names its sheet; the
 *   summary lists where (`replaced`).
 * - Not written: charts (exceljs writes none; their data is in the sheets), row heights (the host
 *   keeps none).
 */
import * as ExcelJS from "exceljs";
import { CLASSIC_ERRORS, type WorkbenchValue } from "../host/contract";
import { quoteSheet } from "../plans/a1";
import { toSavedForm } from "../plans/saved-form";
import {
  HostConditionalFormat,
  HostName,
  HostSheet,
  HostTable,
  HostValidation,
  HostWorkbook,
  Look,
  Rect,
  excelValue,
  keyOf,
  rectAddress,
  refOf,
} from "../host/workbook";

export interface ExportOptions {
  /** Values in place of formulas: for people without the add-in. */
  readonly valuesOnly: boolean;
}

/** What a file holds, for the script's and the page's report. */
export interface ExportSummary {
  /** The sheets an analyst sees, in tab order. */
  readonly sheets: readonly string[];
  /** Hidden and very hidden sheets, written with their state. */
  readonly hiddenSheets: readonly string[];
  readonly tables: readonly string[];
  /** Names an analyst sees in the Name Manager. */
  readonly names: readonly string[];
  /** Hidden names: CNAI's sheet markers. */
  readonly hiddenNames: readonly string[];
  /** Cells with content. */
  readonly cells: number;
  /** Formulas written (0 with `valuesOnly`); a spilled formula counts once. */
  readonly formulas: number;
  /**
   * Where characters XML forbids were replaced by "�": cells (`'Sheet 1'!B2`), and "sheet name …",
   * "name …", "table …", "rule at …", in the order written.
   */
  readonly replaced: readonly string[];
}

/** What XML 1.0 does not allow in a document (its `Char` production), as UTF-16 code units. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT_CHARACTER = "\uFFFD";

/** `text` with every character XML forbids replaced by "�". */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, REPLACEMENT_CHARACTER);
}

/** The summary's sentence on replaced characters, or "" when there were none. */
export function replacedSentence(summary: ExportSummary): string {
  const places = summary.replaced;
  if (places.length === 0) return "";
  const shown = places.slice(0, 10).join(", ");
  const more = places.length > 10 ? ` and ${places.length - 10} more` : "";
  return `Characters an .xlsx file cannot hold were replaced by "${REPLACEMENT_CHARACTER}" in ${shown}${more}.`;
}

/** Makes texts safe for the file and remembers where one was changed. */
class Texts {
  readonly replaced: string[] = [];
  private readonly seen = new Set<string>();

  /** `text` as the file may hold it; `where` is reported once when it changed. */
  safe(text: string, where: () => string): string {
    const safe = xmlText(text);
    if (safe !== text) {
      const place = where();
      if (!this.seen.has(place)) {
        this.seen.add(place);
        this.replaced.push(place);
      }
    }
    return safe;
  }
}

/** The error values a file may hold; the engine's others (#SPILL!, #CYCLE!, …) are #VALUE! here. */
const FILE_ERRORS: ReadonlySet<string> = new Set(CLASSIC_ERRORS);

type Scalar = number | string | boolean | ExcelJS.CellErrorValue;

function fileValue(value: WorkbenchValue, text: (text: string) => string): Scalar | null {
  if (value === null) return null;
  if (typeof value === "string") return text(value);
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

const cellAt = (row: number, column: number) =>
  rectAddress({ top: row, left: column, bottom: row, right: column });

/**
 * A width in points as the file stores it: in widths of the default font's digit (7 pixels for
 * Calibri 11), padding included, to 1/256 — ECMA-376 §18.3.1.13. Excel's default, 48 points
 * (64 pixels), is 9.140625 in the file and shows as 8.43 characters.
 */
export function fileColumnWidth(points: number): number {
  const pixels = (points * 96) / 72;
  return Math.trunc((pixels / 7) * 256) / 256;
}

function font(look: Look): Partial<ExcelJS.Font> | undefined {
  const out: Partial<ExcelJS.Font> = {
    ...(look.bold ? { bold: true } : {}),
    ...(look.italic ? { italic: true } : {}),
    ...(look.size ? { size: look.size } : {}),
    ...(look.color ? { color: argb(look.color) } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

/** Office.js operators ("GreaterThanOrEqual", "EqualTo", …) as the file names them ("greaterThanOrEqual", "equal"). */
function fileOperator(operator: string): string {
  const name = operator.replace(/To$/, "");
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const withoutEquals = (formula: unknown) => String(formula ?? "").replace(/^=/, "");

function writeCells(
  worksheet: ExcelJS.Worksheet,
  book: HostWorkbook,
  sheet: HostSheet,
  options: ExportOptions,
  texts: Texts
): { cells: number; formulas: number } {
  let cells = 0;
  let formulas = 0;
  const ids = book.functionIds();
  for (const key of storedCells(book, sheet)) {
    const { row, column } = refOf(key);
    const input = book.inputAt(sheet, row, column);
    const value = book.valueAt(sheet, row, column);
    const numberFormat = book.numberFormatAt(sheet, row, column);
    const look = book.lookAt(sheet, row, column);
    const empty = input === "" && value === null;
    if (empty && numberFormat === "General" && Object.keys(look).length === 0) continue;
    const target = worksheet.getCell(cellAt(row, column));
    const text = (content: string) =>
      texts.safe(content, () => `${quoteSheet(sheet.name)}!${cellAt(row, column)}`);
    if (!empty) cells++;
    // Text such as "=CNAI.…" in a cell formatted as text (the snapshot sheet's) is a string.
    const isFormula = book.hasFormula(sheet, row, column);
    if (isFormula && !options.valuesOnly) {
      formulas++;
      const formula = text(toSavedForm(input, book.namespace, ids).slice(1));
      const result = fileValue(value, text) ?? undefined;
      const spill = book.spillSize(sheet, row, column);
      target.value = (
        spill.rows * spill.columns > 1
          ? {
              formula,
              result,
              shareType: "array",
              ref: rectAddress({
                top: row,
                left: column,
                bottom: row + spill.rows - 1,
                right: column + spill.columns - 1,
              }),
            }
          : { formula, result }
      ) as ExcelJS.CellFormulaValue;
    } else if (!empty) target.value = fileValue(value, text);
    if (numberFormat !== "General") target.numFmt = text(numberFormat);
    const cellFont = font(look);
    if (cellFont) target.font = cellFont;
    if (look.fill) target.fill = solid(look.fill);
  }
  return { cells, formulas };
}

/**
 * The cells a sheet stores — an input, a number format or a look — and those its formulas spill
 * into, in row-major order: the export walks these, not every cell of the used range, which for a
 * sheet with A1 and XFD1048576 set would be 17 × 10⁹ cells.
 */
function storedCells(book: HostWorkbook, sheet: HostSheet): number[] {
  const keys = new Set<number>();
  for (const map of [sheet.inputs, sheet.formats, sheet.looks])
    for (const key of map.keys()) keys.add(key);
  for (const [key, stored] of sheet.inputs) {
    if (stored.formula === undefined) continue;
    const { row, column } = refOf(key);
    const spill = book.spillSize(sheet, row, column);
    for (let i = 0; i < spill.rows; i++)
      for (let j = 0; j < spill.columns; j++) keys.add(keyOf(row + i, column + j));
  }
  return [...keys].sort((a, b) => a - b);
}

function addTable(
  worksheet: ExcelJS.Worksheet,
  book: HostWorkbook,
  table: HostTable,
  texts: Texts
): void {
  const { sheet, rect } = table;
  const where = (r: number, c: number) => () => `${quoteSheet(sheet.name)}!${cellAt(r, c)}`;
  const headers = book.grid({ ...rect, bottom: rect.top }, (r, c) =>
    texts.safe(String(excelValue(book.valueAt(sheet, r, c))), where(r, c))
  )[0];
  // The body's values; the cells are written again afterwards with their formulas and formats.
  const body: Rect = { ...rect, top: rect.top + 1 };
  const rows =
    body.top <= body.bottom
      ? book.grid(body, (r, c) =>
          fileValue(book.valueAt(sheet, r, c), (text) => texts.safe(text, where(r, c)))
        )
      : [];
  worksheet.addTable({
    name: texts.safe(table.name, () => `table ${xmlText(table.name)}`),
    ref: cellAt(rect.top, rect.left),
    headerRow: true,
    totalsRow: false,
    // Excel's tables.add: banded rows; an empty style is "None" (no tableStyleInfo name).
    style: {
      theme: (table.style || null) as ExcelJS.TableStyleProperties["theme"],
      showRowStripes: true,
    },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows: rows.length ? rows : [headers.map(() => null)],
  });
}

function addConditionalFormat(
  worksheet: ExcelJS.Worksheet,
  format: HostConditionalFormat,
  priority: number,
  text: (text: string) => string
): void {
  if (!format.rule) return;
  const operator = fileOperator(format.rule.operator ?? "Between");
  const between = operator === "between" || operator === "notBetween";
  worksheet.addConditionalFormatting({
    ref: rectAddress(format.range),
    rules: [
      {
        type: "cellIs",
        operator: operator as ExcelJS.CellIsRuleType["operator"],
        formulae: (between ? [format.rule.formula1, format.rule.formula2] : [format.rule.formula1])
          .map(withoutEquals)
          .map(text),
        priority,
        style: {
          ...(format.fill
            ? { fill: { type: "pattern", pattern: "solid", bgColor: argb(format.fill) } }
            : {}),
          ...(format.fontColor ? { font: { color: argb(format.fontColor) } } : {}),
        } as ExcelJS.Style,
      },
    ],
  });
}

/** Office.js's rule kinds and the file's names for them (exceljs's types leave out "time"). */
const VALIDATION_TYPES: Readonly<Record<string, string>> = {
  wholeNumber: "whole",
  decimal: "decimal",
  textLength: "textLength",
  date: "date",
  time: "time",
  list: "list",
  custom: "custom",
};

function addValidation(
  worksheet: ExcelJS.Worksheet,
  validation: HostValidation,
  text: (text: string) => string
): void {
  const [kind, rule] = Object.entries(validation.rule).find(([, r]) => r != null) ?? [];
  const type = kind ? VALIDATION_TYPES[kind] : undefined;
  if (!type || typeof rule !== "object" || rule === null) return;
  const given = rule as Record<string, unknown>;
  let formulae: string[];
  let operator: string | undefined;
  if (type === "list") {
    const source = String(given.source ?? "");
    // A list typed as "low,mid,high" is one quoted string in the file; "=$A$1:$A$3" a reference.
    formulae = [source.startsWith("=") ? withoutEquals(source) : `"${source}"`];
  } else if (type === "custom") formulae = [withoutEquals(given.formula)];
  else {
    operator = fileOperator(String(given.operator ?? "Between"));
    formulae = [given.formula1, given.formula2]
      .filter((f) => f !== undefined && f !== null)
      .map(withoutEquals);
  }
  formulae = formulae.map(text);
  (
    worksheet as unknown as {
      dataValidations: { add(ref: string, rule: ExcelJS.DataValidation): void };
    }
  ).dataValidations.add(rectAddress(validation.range), {
    type: type as ExcelJS.DataValidation["type"],
    allowBlank: true,
    formulae,
    ...(operator ? { operator: operator as ExcelJS.DataValidation["operator"] } : {}),
    ...(type === "list" ? { showErrorMessage: true } : {}),
  });
}

/** A defined name as the workbook part writes it. */
export interface FileName {
  readonly name: string;
  /** The formula without "=": `'CNAI Model'!$B$5`, `0.3`, `#REF!$A$1`. */
  readonly formula: string;
  readonly comment: string;
  readonly hidden: boolean;
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[ch]};`
  );

function definedNameXml(name: FileName): string {
  const comment = name.comment ? ` comment="${escapeXml(name.comment)}"` : "";
  const hidden = name.hidden ? ' hidden="1"' : "";
  return `<definedName name="${escapeXml(name.name)}"${comment}${hidden}>${escapeXml(name.formula)}</definedName>`;
}

/** The workbook part with these names added to whatever exceljs defined (print areas). */
export function addDefinedNames(workbookXml: string, names: readonly FileName[]): string {
  if (names.length === 0) return workbookXml;
  const xml = names.map(definedNameXml).join("");
  if (workbookXml.includes("<definedNames>"))
    return workbookXml.replace("<definedNames>", () => `<definedNames>${xml}`);
  if (!workbookXml.includes("</sheets>"))
    throw new Error(
      "exceljs wrote a workbook part without <sheets>: the defined names have no place."
    );
  // After the sheets, before calcPr: the order ECMA-376 gives CT_Workbook's elements. (A function
  // as replacement: a name's "$" must not be read as a replacement pattern such as "$&".)
  return workbookXml.replace("</sheets>", () => `</sheets><definedNames>${xml}</definedNames>`);
}

type Zip = { append(data: unknown, options: { name: string }): unknown };

/**
 * Makes every write of `workbook` carry these names: its workbook part (xl/workbook.xml) gets them
 * on the way into the zip. exceljs has no public hook for it; its `addWorkbook` step — the same in
 * its Node build and its browser bundle — is wrapped on this one workbook.
 */
function withDefinedNames(workbook: ExcelJS.Workbook, names: readonly FileName[]): void {
  const xlsx = workbook.xlsx as unknown as {
    addWorkbook?: (zip: Zip, model: unknown) => Promise<void>;
  };
  const addWorkbook = xlsx.addWorkbook;
  if (typeof addWorkbook !== "function")
    throw new Error("This exceljs has no addWorkbook step: the defined names cannot be written.");
  xlsx.addWorkbook = (zip, model) =>
    addWorkbook.call(
      xlsx,
      {
        append: (data, options) =>
          zip.append(
            options.name.replace(/^\//, "") === "xl/workbook.xml"
              ? addDefinedNames(String(data), names)
              : data,
            options
          ),
      },
      model
    );
}

const fileName = (book: HostWorkbook, name: HostName, texts: Texts): FileName => {
  const where = () => `name ${xmlText(name.name)}`;
  return {
    name: texts.safe(name.name, where),
    formula: texts.safe(withoutEquals(book.nameFormula(name)), where),
    comment: texts.safe(name.comment, where),
    hidden: !name.visible,
  };
};

const SHEET_STATES = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const;

/** The workbook as exceljs holds it, read from the host's workbook; its writes carry the defined names. */
export function buildWorkbook(
  book: HostWorkbook,
  options: ExportOptions
): { workbook: ExcelJS.Workbook; summary: ExportSummary } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CNAI";
  const sheets = book.worksheets();
  const tables: string[] = [];
  const texts = new Texts();
  let cells = 0;
  let formulas = 0;
  for (const sheet of sheets) {
    const activeCell = cellAt(sheet.selection.top, sheet.selection.left);
    const frozen = sheet.frozenRows > 0 || sheet.frozenColumns > 0;
    const sheetName = texts.safe(sheet.name, () => `sheet name ${xmlText(sheet.name)}`);
    const worksheet = workbook.addWorksheet(sheetName, {
      state: SHEET_STATES[sheet.visibility],
      properties: sheet.tabColor ? { tabColor: argb(sheet.tabColor) } : {},
      views: frozen
        ? [
            {
              state: "frozen",
              xSplit: sheet.frozenColumns,
              ySplit: sheet.frozenRows,
              topLeftCell: cellAt(sheet.frozenRows, sheet.frozenColumns),
              activeCell,
            },
          ]
        : [{ state: "normal", activeCell }],
    });
    for (const [column, points] of sheet.columnWidths) {
      const target = worksheet.getColumn(column + 1);
      if (points === 0) target.hidden = true;
      else target.width = fileColumnWidth(points);
    }
    for (const table of book.tables().filter((t) => t.sheet === sheet)) {
      addTable(worksheet, book, table, texts);
      tables.push(xmlText(table.name));
    }
    const written = writeCells(worksheet, book, sheet, options, texts);
    cells += written.cells;
    formulas += written.formulas;
    const rule = (range: Rect) => (text: string) =>
      texts.safe(text, () => `rule at ${quoteSheet(sheet.name)}!${rectAddress(range)}`);
    sheet.conditionalFormats.forEach((format, i) =>
      addConditionalFormat(worksheet, format, i + 1, rule(format.range))
    );
    for (const validation of sheet.validations)
      addValidation(worksheet, validation, rule(validation.range));
  }
  const names = book.names().map((name) => fileName(book, name, texts));
  withDefinedNames(workbook, names);
  // Opens where the analyst was: the model, after a build.
  const activeTab = Math.max(0, sheets.indexOf(book.activeSheet()));
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab, visibility: "visible" },
  ];
  const shown = (s: HostSheet) => s.visibility === "Visible";
  return {
    workbook,
    summary: {
      sheets: sheets.filter(shown).map((s) => s.name),
      hiddenSheets: sheets.filter((s) => !shown(s)).map((s) => s.name),
      tables,
      names: names.filter((n) => !n.hidden).map((n) => n.name),
      hiddenNames: names.filter((n) => n.hidden).map((n) => n.name),
      cells,
      formulas,
      replaced: texts.replaced,
    },
  };
}

/** The .xlsx file's bytes, and what it holds. */
export async function writeWorkbook(
  book: HostWorkbook,
  options: ExportOptions
): Promise<{ bytes: Uint8Array<ArrayBuffer>; summary: ExportSummary }> {
  // As Excel saves: once calculation is done, never a #BUSY! of a Monte Carlo function computing.
  await book.calculated();
  const { workbook, summary } = buildWorkbook(book, options);
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as unknown as ArrayBuffer), summary };
}
