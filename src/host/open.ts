/**
 * An .xlsx file opened into a host workbook, read with exceljs (Node and browser), as Excel opens
 * it for the add-in's functions: a call saved as `_xldudf_CNAI_PARITY_AT(` (src/plans/saved-form.ts)
 * becomes `CNAI.PARITY_AT(` only if the add-in's functions are registered when the file opens;
 * otherwise it stays as saved and shows #NAME?, and a `CNAI.…(` call entered while they are not
 * registered stays #NAME? after they are (src/host/engine.ts). What the issue-13 tests need of a
 * file: sheets in order with their visibility, cells — formulas (the anchor of an array formula
 * only: it spills again), numbers, text, booleans, error codes, dates as serials — and number
 * formats. Not read: tables, names, looks, widths, charts, validation.
 *
 * A damaged file is answered as Excel answers it, in words that name what is wrong, never a
 * reader's TypeError: a missing part (the package's content types, its relationships, the workbook,
 * a sheet, the shared strings that text cells point into, the styles) is an `OpenError` naming the
 * part — text cells are never read as 0 for want of their strings. A formula Excel cannot parse
 * does not lose the file: as Excel's repair does ("Removed Records: Formula from
 * /xl/worksheets/sheet1.xml part"), the cell keeps the value the file saved with it, and the cell is
 * named in the `problems` of the result.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import type { AddinFunction } from "./contract";
import { NAMESPACE } from "./engine";
import { cellAddress, quoteSheet } from "../plans/a1";
import { fromSavedForm } from "../plans/saved-form";
import {
  HostError,
  HostSheet,
  HostWorkbook,
  Rect,
  Visibility,
  contains,
  parseRect,
} from "./workbook";

/** A file the host cannot open, and why; `part` is the package part at fault, when there is one. */
export class OpenError extends Error {
  constructor(
    message: string,
    readonly part?: string
  ) {
    super(message);
    this.name = "OpenError";
  }
}

/** A file opened: its workbook, and what was not as Excel would have it, cell by cell. */
export interface OpenedFile {
  readonly workbook: HostWorkbook;
  /** "S!A2: Excel cannot parse the formula =SUM(1, (kept its saved value, 1)." */
  readonly problems: readonly string[];
}

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

type Constant = number | string | boolean | { readonly error: string };
type FileCell = Constant | { readonly formula: string; readonly saved: Constant | undefined };

/** A value exceljs read, as the host enters it; undefined for nothing. */
function constantOf(value: unknown): Constant | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return serialOf(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (typeof value === "object" && "error" in value) return { error: String(value.error) };
  if (typeof value === "object" && "richText" in value)
    return (value.richText as { text: string }[]).map((run) => run.text).join("");
  if (typeof value === "object" && "text" in value) return String(value.text);
  return undefined;
}

/** A cell's content as the host enters it; undefined for an empty cell. */
function contentOf(
  cell: ExcelJS.Cell,
  formulaOf: (formula: string) => string
): FileCell | undefined {
  const formula = cell.formula;
  if (formula) return { formula: formulaOf(`=${formula}`), saved: constantOf(cell.result) };
  return constantOf(cell.value);
}

/** The host workbook a file holds, with these functions, and the cells it could not take as saved. */
export async function openWorkbook(
  data: ArrayBuffer | Uint8Array,
  functions: readonly AddinFunction[],
  options: OpenOptions = {}
): Promise<OpenedFile> {
  const namespace = options.namespace ?? NAMESPACE;
  const listed = await checkParts(data);
  const file = new ExcelJS.Workbook();
  try {
    await file.xlsx.load(data as ArrayBuffer);
  } catch (error) {
    throw new OpenError(
      `The file could not be read as an .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  // exceljs leaves out, without a word, a sheet whose part the workbook names in a form other than
  // the one Excel writes (a target through "..", another prefix for the relationships namespace):
  // opening the rest would lose that sheet's cells silently.
  const lost = listed.find((sheet) => !file.worksheets.some((ws) => ws.name === sheet.name));
  if (lost)
    throw new OpenError(
      `The sheet "${lost.name}" (${lost.part}) could not be read: the workbook names its part in a form Excel accepts and this host's reader does not follow (relationship ${lost.id}, target "${lost.target}").`,
      lost.part
    );
  // Excel turns a saved call back into the function's name only for functions it knows as it opens.
  const known = functions.filter((fn) => fn.registered?.() !== false).map((fn) => fn.id);
  const formulaOf = (formula: string) => fromSavedForm(formula, namespace, known);
  const worksheets = file.worksheets;
  const book = new HostWorkbook(functions, { namespace, sheets: worksheets.map((ws) => ws.name) });
  const problems: string[] = [];
  book.batch(() => {
    worksheets.forEach((worksheet, k) => {
      const sheet = book.worksheets()[k];
      readCells(book, sheet, worksheet, formulaOf, problems);
    });
    // Hidden last: a workbook keeps one visible sheet at every step.
    worksheets.forEach((worksheet, k) => {
      const visibility = VISIBILITY[worksheet.state] ?? "Visible";
      if (visibility !== "Visible") book.setVisibility(book.worksheets()[k], visibility);
    });
  });
  return { workbook: book, problems };
}

function readCells(
  book: HostWorkbook,
  sheet: HostSheet,
  worksheet: ExcelJS.Worksheet,
  formulaOf: (formula: string) => string,
  problems: string[]
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
      if (content === undefined) return;
      if (typeof content !== "object" || !("formula" in content)) {
        book.enterFromFile(sheet, at.row, at.column, content);
        return;
      }
      try {
        book.enterFromFile(sheet, at.row, at.column, { formula: content.formula });
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        const where = `${quoteSheet(sheet.name)}!${cellAddress(at)}`;
        const kept =
          content.saved === undefined
            ? "left empty: the file saved no value with it"
            : `kept its saved value, ${savedText(content.saved)}`;
        problems.push(`${where}: Excel cannot parse the formula ${content.formula} (${kept}).`);
        if (content.saved !== undefined)
          book.enterFromFile(sheet, at.row, at.column, content.saved);
      }
    })
  );
}

const savedText = (value: Constant) =>
  typeof value === "object"
    ? value.error
    : typeof value === "string"
      ? `"${value}"`
      : String(value);

// ---------------------------------------------------------------------------------------------
// The package's parts (ECMA-376 Part 2, Open Packaging Conventions), checked before exceljs reads
// them: exceljs answers a missing part with a TypeError, or reads text cells as 0.

const OFFICE_DOCUMENT =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#x[0-9A-Fa-f]+|#\d+);/g, (_, name: string) =>
    name.startsWith("#x")
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith("#")
        ? String.fromCodePoint(Number(name.slice(1)))
        : XML_ENTITIES[name]
  );

/** The attributes of each element `tag` in `xml` (no namespace prefix on `tag`). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const element of xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, "g"))) {
    const attributes: Record<string, string> = {};
    for (const attribute of element[1].matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attributes[attribute[1]] = unescapeXml(attribute[2] ?? attribute[3]);
    found.push(attributes);
  }
  return found;
}

/** A relationship's target as a part name: relative to the source part's folder, or from the root. */
function partName(sourceFolder: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : `${sourceFolder}${target}`;
  const out: string[] = [];
  for (const segment of path.split("/"))
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  return out.join("/");
}

const folderOf = (part: string) => part.slice(0, part.lastIndexOf("/") + 1);
const relationshipsOf = (part: string) =>
  `${folderOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

/** A sheet as the workbook part lists it: its name, relationship, target and the part it names. */
interface ListedSheet {
  readonly name: string;
  readonly id: string;
  readonly target: string;
  readonly part: string;
}

/**
 * Throws an `OpenError` naming the first part the workbook needs and the file lacks; returns the
 * sheets the workbook lists.
 */
async function checkParts(data: ArrayBuffer | Uint8Array): Promise<ListedSheet[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (error) {
    throw new OpenError(
      `The file is not an .xlsx workbook: it is not a zip package (${error instanceof Error ? error.message : String(error)}).`
    );
  }
  const part = async (name: string, holds: string): Promise<string> => {
    const entry = zip.file(name);
    if (!entry) throw new OpenError(`The file has no ${name} part, which holds ${holds}.`, name);
    return entry.async("string");
  };
  await part("[Content_Types].xml", "the types of the package's parts");
  const root = await part("_rels/.rels", "the package's relationships");
  const document = elements(root, "Relationship").find((r) => r.Type === OFFICE_DOCUMENT);
  const workbookPart = partName("", document?.Target ?? "xl/workbook.xml");
  const workbookXml = await part(workbookPart, "the workbook: its sheets");
  const relationshipsPart = relationshipsOf(workbookPart);
  const relationships = elements(
    await part(relationshipsPart, "where the workbook's sheets and strings are"),
    "Relationship"
  ).filter((r) => r.TargetMode !== "External");
  const target = (r: Record<string, string>) => partName(folderOf(workbookPart), r.Target ?? "");
  const ofType = (type: string) => relationships.filter((r) => r.Type?.endsWith(`/${type}`));

  const sheets: (ListedSheet & { xml: string })[] = [];
  for (const sheet of elements(workbookXml, "sheet")) {
    const id = Object.entries(sheet).find(([key]) => /^(\w+:)?id$/.test(key))?.[1];
    const relationship = relationships.find((r) => r.Id === id);
    if (!relationship)
      throw new OpenError(
        `The sheet "${sheet.name}" has no relationship ${id ?? "(no r:id)"} in ${relationshipsPart}: the file does not say which part holds it.`,
        relationshipsPart
      );
    const sheetPart = target(relationship);
    sheets.push({
      name: sheet.name,
      id: relationship.Id,
      target: relationship.Target,
      part: sheetPart,
      xml: await part(sheetPart, `the sheet "${sheet.name}"`),
    });
  }
  for (const styles of ofType("styles")) await part(target(styles), "the cells' number formats");
  const strings = ofType("sharedStrings");
  for (const shared of strings) await part(target(shared), "the text of the text cells");
  if (strings.length > 0) return sheets;
  // Text cells (t="s") hold an index into the shared strings: without them they have no text.
  for (const sheet of sheets) {
    const textCell = elements(sheet.xml, "c").find((c) => c.t === "s");
    if (textCell)
      throw new OpenError(
        `The sheet "${sheet.name}" has text in ${textCell.r ?? "a cell"}, but the file has no shared strings part (${folderOf(workbookPart)}sharedStrings.xml) to hold it.`,
        `${folderOf(workbookPart)}sharedStrings.xml`
      );
  }
  return sheets;
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
