/**
 * The Excel host's workbook: what an Excel workbook holds — sheets, cells as written and as
 * computed, number formats and font/fill looks, column widths, Excel tables, defined names,
 * charts, conditional formats, data validation, frozen panes, the active sheet and selection, the
 * calculation mode — with Excel's rules for each, over HyperFormula (src/host/engine.ts).
 *
 * Formulas entered while a function they call was not registered stay #NAME? until entered again,
 * as in Excel (`AddinFunction.registered`, `StuckFormulas` in src/host/engine.ts).
 *
 * It knows nothing of Office.js requests: src/host/excel.ts maps the Excel JavaScript API's objects
 * onto it and src/host/protocol.ts answers Microsoft's client with them. The workbench's grid and
 * the .xlsx export read it through the same methods. Every rule it enforces raises a `HostError`
 * with the code Excel answers (`InvalidArgument`, `ItemAlreadyExists`, `ItemNotFound`, …).
 * Browser-safe: no Node APIs.
 */
import { DetailedCellError, ErrorType, HyperFormula, SimpleCellAddress } from "hyperformula";
import {
  CellRef,
  cellAddress,
  columnIndex,
  columnLetters,
  parseCell,
  quoteSheet,
} from "../plans/a1";
import { BUSY } from "../core/values";
import { TableLocation, resolveStructuredReferences } from "../plans/structured";
import type { AddinFunction, WorkbenchCell, WorkbenchChart, WorkbenchValue } from "./contract";
import {
  ADDIN_PLUGIN,
  EXCEL_CONFIG,
  EMPTY,
  Entry,
  NAMESPACE,
  IN_TABLE,
  Sizing,
  AsyncCalls,
  StuckFormulas,
  TEXT,
  TableCells,
  inTable,
  outOfTable,
  engineFormula,
  errorEntry,
  exportChangesLinearly,
  functionNames,
  functionPlugin,
  typed,
  written,
} from "./engine";
import { formatValue, numberFormatProblem } from "./format";
import { formulaProblem, inputProblem } from "./limits";
import { calledFunctions } from "../plans/saved-form";
import { sheetNameOf, solidTokens } from "../plans/formula-tokens";

/** An error as Excel's API answers it: a code from Excel's list and a message. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The API member that failed: "Worksheet.name". */
    readonly location?: string
  ) {
    super(message);
  }
}

/** Rows and columns, 0-based and inclusive. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Excel's grid: 1,048,576 rows by 16,384 columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export const rectRows = (rect: Rect) => rect.bottom - rect.top + 1;
export const rectColumns = (rect: Rect) => rect.right - rect.left + 1;
const overlaps = (a: Rect, b: Rect) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
export const contains = (rect: Rect, row: number, column: number) =>
  row >= rect.top && row <= rect.bottom && column >= rect.left && column <= rect.right;

/**
 * "B4", "B4:C9", "$B$4", "A:A", "3:5" → a rectangle; undefined when it is not an A1 reference.
 * Whole columns run over every row, whole rows over every column, as in Excel.
 */
export function parseRect(a1: string): Rect | undefined {
  const text = a1.replace(/\$/g, "").trim().toUpperCase();
  const [first, last = first, extra] = text.split(":");
  // An empty part ("", ":B2") matches none of the three forms below.
  if (extra !== undefined) return undefined;
  const cell = /^([A-Z]{1,3})(\d{1,7})$/;
  const column = /^([A-Z]{1,3})$/;
  const row = /^(\d{1,7})$/;
  let a: CellRef;
  let b: CellRef;
  if (cell.test(first) && cell.test(last)) {
    a = parseCell(first);
    b = parseCell(last);
  } else if (column.test(first) && column.test(last)) {
    a = { row: 0, column: columnIndex(first) };
    b = { row: MAX_ROWS - 1, column: columnIndex(last) };
  } else if (row.test(first) && row.test(last)) {
    a = { row: Number(first) - 1, column: 0 };
    b = { row: Number(last) - 1, column: MAX_COLUMNS - 1 };
  } else return undefined;
  const rect = {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
  if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS)
    return undefined;
  return rect;
}

/** A rectangle in A1 form: "B4:C9", "B4" for one cell; `absolute` gives "$B$4:$C$9". */
export function rectAddress(rect: Rect, absolute = false): string {
  const $ = absolute ? "$" : "";
  if (rect.top === 0 && rect.bottom === MAX_ROWS - 1)
    return `${$}${columnLetters(rect.left)}:${$}${columnLetters(rect.right)}`;
  if (rect.left === 0 && rect.right === MAX_COLUMNS - 1)
    return `${$}${rect.top + 1}:${$}${rect.bottom + 1}`;
  const first = cellAddress({ row: rect.top, column: rect.left }, absolute);
  if (rect.top === rect.bottom && rect.left === rect.right) return first;
  return `${first}:${cellAddress({ row: rect.bottom, column: rect.right }, absolute)}`;
}

// ---------------------------------------------------------------------------------------------
// What the workbook holds

/** Font and fill, as `range.format` sets them. */
export interface Look {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Points. */
  readonly size?: number;
  /** "#RRGGBB". */
  readonly color?: string;
  readonly fill?: string;
}

interface StoredInput {
  /** What was typed or written, for the formula bar and `formulas`. */
  readonly input: string;
  /** Formulas: the engine's text, structured references resolved. */
  readonly formula?: string;
  /** An error value entered as a constant, by its code (the engine may hold #ERROR! for it). */
  readonly error?: string;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface HostChart {
  name: string;
  /** Excel's chart type: "Line", "LineMarkers", "ColumnClustered", … */
  readonly type: string;
  readonly source: Rect;
  readonly seriesBy: string;
  title: string;
  from: string;
  to: string;
  valueAxisFormat?: string;
  /** Per series index: what was set on it. */
  readonly series: Map<number, { axisGroup?: string; chartType?: string }>;
}

export interface HostConditionalFormat {
  readonly id: string;
  readonly type: string;
  range: Rect;
  fill?: string;
  fontColor?: string;
  rule?: { formula1?: string; formula2?: string; operator?: string };
}

export interface HostValidation {
  range: Rect;
  rule: Record<string, unknown>;
}

export interface HostSheet {
  name: string;
  /** The engine's sheet id. */
  readonly engineId: number;
  /** Excel's worksheet id, a GUID in braces; renames keep it. */
  readonly id: string;
  visibility: Visibility;
  tabColor: string;
  readonly inputs: Map<number, StoredInput>;
  readonly formats: Map<number, string>;
  readonly looks: Map<number, Look>;
  /** Column index → width in points. */
  readonly columnWidths: Map<number, number>;
  readonly charts: HostChart[];
  conditionalFormats: HostConditionalFormat[];
  validations: HostValidation[];
  frozenRows: number;
  frozenColumns: number;
  /** The selected range, and the active cell within it (its top-left). */
  selection: Rect;
  deleted: boolean;
}

export interface HostTable {
  name: string;
  readonly id: string;
  readonly sheet: HostSheet;
  /** Header row included. */
  rect: Rect;
  style: string;
  deleted: boolean;
}

export interface HostName {
  name: string;
  comment: string;
  visible: boolean;
  /** A name that refers to cells follows its sheet through renames; #REF! once it is deleted. */
  target?: { readonly sheet: HostSheet; readonly rect: Rect };
  /** A name that holds a constant or a formula other than a reference. */
  formula?: string;
  deleted: boolean;
}

/** Excel's default column width: 8.43 characters of Calibri 11, 48 points. */
export const DEFAULT_COLUMN_WIDTH = 48;

/** A cell's key in a sheet's maps (inputs, formats, looks): row-major, so keys sort as rows do. */
export const keyOf = (row: number, column: number) => row * MAX_COLUMNS + column;
export const refOf = (key: number): CellRef => ({
  row: Math.floor(key / MAX_COLUMNS),
  column: key % MAX_COLUMNS,
});

/** Excel reads a bare TRUE or FALSE as a boolean; HyperFormula knows only TRUE() and FALSE(). */
const BOOLEAN_NAMES = [
  ["TRUE", "=TRUE()"],
  ["FALSE", "=FALSE()"],
] as const;

/** Passes after a change in which spills that did not fit are sized again. */
const SETTLE_PASSES = 3;

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;
/** Defined and table names: a letter, _ or \ first, then letters, digits, _ . \ ; no spaces. */
const DEFINED_NAME = /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/;
/** Names Excel refuses because they read as cell references: A1, XFD1048576, R1C1, R, C. */
const LOOKS_LIKE_REFERENCE = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;

/** A defined name's comment: text of at most 255 characters, as Excel's Name Manager takes it. */
export function checkComment(comment: unknown): string {
  if (typeof comment !== "string")
    throw new HostError(
      "InvalidArgument",
      `A name's comment is text; got ${JSON.stringify(comment)}.`
    );
  if (comment.length > 255)
    throw new HostError(
      "InvalidArgument",
      `A name's comment has ${comment.length} characters; Excel's limit is 255.`
    );
  return comment;
}

/** A computed value as Office.js `values` gives it: "" for empty, the code for an error. */
export function excelValue(value: WorkbenchValue): number | string | boolean {
  if (value === null) return "";
  if (typeof value === "object") return value.error;
  return value;
}

export interface HostWorkbookOptions {
  /** The sheets a new workbook has; Excel's one "Sheet1" by default. */
  readonly sheets?: readonly string[];
  readonly namespace?: string;
}

let guidCounter = 0;
/** A worksheet or table id as Excel gives it: a GUID in braces, unique in the session. */
function newGuid(): string {
  guidCounter += 1;
  const hex = guidCounter.toString(16).padStart(12, "0").toUpperCase();
  return `{00000000-0001-0000-0000-${hex}}`;
}

/** A name's formula as Excel reads it back, with its "=": "0.3" is "=0.3". */
const withEquals = (text: string) => (text.startsWith("=") ? text : `=${text}`);

export class HostWorkbook {
  readonly engine: HyperFormula;
  private readonly sizing = new Sizing(true);
  private readonly stuck = new StuckFormulas();
  /** Asynchronous calls: a result that arrives enters its cell again, as a change of its own. */
  private readonly calls = new AsyncCalls(() => this.batch(() => this.changed()));
  /** The add-in's functions by upper-case id. */
  private readonly functions: ReadonlyMap<string, AddinFunction>;
  /** The add-in's namespace: its functions are `CNAI.PARITY_AT` here. */
  readonly namespace: string;
  private readonly sheetList: HostSheet[] = [];
  private readonly tableList: HostTable[] = [];
  private readonly nameList: HostName[] = [];
  private readonly listeners: (() => void)[] = [];
  /** Per engine sheet id: spilled cell → the A1 of the formula it spills from; rebuilt after a change. */
  private spillAnchors?: Map<number, Map<number, string>>;
  private active?: HostSheet;
  private tableLocations?: TableLocation[];
  /**
   * Excel's calculation mode, as set and read through the API. The host recalculates after every
   * change whatever the mode (the README says so): CNAI never sets Manual, and a workbook an
   * analyst keeps in Manual shows values that are more current here than in Excel, never staler.
   */
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual" = "Automatic";
  /** Set by `suspendScreenUpdatingUntilNextSync` until the request ends; the grid waits for it. */
  screenUpdatingSuspended = false;
  private batchDepth = 0;
  private pendingChange = false;
  /** Table ids, unique in the workbook's life as Excel's are. */
  private nextTableId = 1;
  /** A cell was emptied: a formula it blocked may spill now (`respill`). */
  private emptied = false;

  constructor(functions: readonly AddinFunction[], options: HostWorkbookOptions = {}) {
    const namespace = options.namespace ?? NAMESPACE;
    this.namespace = namespace;
    this.functions = new Map(functions.map((fn) => [fn.id.toUpperCase(), fn]));
    const own = functionPlugin(functions, namespace, this.sizing, this.stuck, this.calls);
    // HyperFormula's own functions: not another workbook's set that code registered for every
    // engine (HyperFormula.registerFunctionPlugin, as test/helpers/hyperformula.ts does).
    const builtIn = HyperFormula.getAllFunctionPlugins().filter(
      (plugin) => !(ADDIN_PLUGIN in plugin)
    );
    // Function names are per language, shared by every engine: each id maps to itself.
    HyperFormula.getLanguage("enGB").extendFunctions({
      ...functionNames(functions, namespace),
      [IN_TABLE]: IN_TABLE,
    });
    this.engine = HyperFormula.buildEmpty({
      ...EXCEL_CONFIG,
      functionPlugins: [...builtIn, own, TableCells],
    });
    exportChangesLinearly(this.engine);
    for (const [name, expression] of BOOLEAN_NAMES)
      this.engine.addNamedExpression(name, expression);
    for (const name of options.sheets ?? ["Sheet1"]) this.addSheet(name);
  }

  // --- changes as one batch, listeners told once

  /**
   * Runs `change` with recalculation held until it ends (one HyperFormula batch), then settles
   * spills and tells the listeners once. Nested calls join the outer one.
   */
  batch<T>(change: () => T): T {
    this.batchDepth += 1;
    if (this.batchDepth === 1 && !this.engine.isEvaluationSuspended())
      this.engine.suspendEvaluation();
    try {
      return change();
    } finally {
      this.batchDepth -= 1;
      if (this.batchDepth === 0) this.flush();
    }
  }

  private flush(): void {
    if (this.engine.isEvaluationSuspended()) this.engine.resumeEvaluation();
    this.respill();
    this.settle();
    this.spillAnchors = undefined;
    if (!this.pendingChange) return;
    this.pendingChange = false;
    for (const listener of this.listeners) listener();
  }

  /** Something the grid draws changed (a chart's title, a highlight's colour). */
  touch(): void {
    this.changed();
  }

  private changed(): void {
    this.pendingChange = true;
    if (this.batchDepth === 0) this.flush();
  }

  /**
   * Values can be read: a pending batch's recalculation is done first. The batch holds
   * recalculation again at its next cell write (`hold`).
   */
  private ready(): void {
    if (!this.engine.isEvaluationSuspended()) return;
    this.engine.resumeEvaluation();
    this.settle();
  }

  /** Inside a batch, cell writes wait for one recalculation at its end. */
  private hold(): void {
    if (this.batchDepth > 0 && !this.engine.isEvaluationSuspended())
      this.engine.suspendEvaluation();
  }

  /** Called after every change once recalculation is done (typed input, a request's writes). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Enters again the formulas whose results did not fit their spill, so they are sized anew, and
   * those whose asynchronous results have arrived, so they show them.
   */
  private settle(): void {
    const { misfits } = this.sizing;
    const { arrived } = this.calls;
    for (let pass = 0; pass < SETTLE_PASSES && misfits.size + arrived.size > 0; pass++) {
      const cells = [...misfits.values(), ...arrived.values()];
      misfits.clear();
      arrived.clear();
      this.engine.batch(() => {
        for (const address of cells) {
          const data = this.sheetList.find((s) => s.engineId === address.sheet);
          const formula = data?.inputs.get(keyOf(address.row, address.col))?.formula;
          if (formula === undefined) continue;
          this.engine.setCellContents(address, null);
          this.engine.setCellContents(address, formula);
        }
      });
    }
    misfits.clear();
    arrived.clear();
  }

  /**
   * Resolves once every asynchronous call has settled and shows its result: what an add-in sees
   * after Excel's calculation finishes (`Application.calculationState` "Done").
   */
  calculated(): Promise<void> {
    return this.calls.idle();
  }

  /** `application.calculate`: values are always current here (see `calculationMode`). */
  calculate(): void {
    this.ready();
    this.changed();
  }

  setCalculationMode(mode: string): void {
    if (mode !== "Automatic" && mode !== "AutomaticExceptTables" && mode !== "Manual")
      throw new HostError("InvalidArgument", `"${mode}" is not a calculation mode.`);
    this.calculationMode = mode;
  }

  // --- sheets

  /** Every sheet in tab order, hidden ones included. */
  worksheets(): readonly HostSheet[] {
    return this.sheetList;
  }

  /** Names of the sheets an analyst sees, in tab order. */
  sheets(): readonly string[] {
    return this.sheetList.filter((s) => s.visibility === "Visible").map((s) => s.name);
  }

  /**
   * A sheet by name, ignoring case; with `byId`, by its id too, as `worksheets.getItem` takes
   * either (the client names an object by its id once it has loaded it).
   */
  findSheet(name: string, byId = false): HostSheet | undefined {
    const lower = String(name).toLowerCase();
    return this.sheetList.find(
      (s) => s.name.toLowerCase() === lower || (byId && s.id.toLowerCase() === lower)
    );
  }

  sheet(name: string): HostSheet {
    const found = this.findSheet(name);
    if (!found) throw new HostError("ItemNotFound", `There is no sheet named "${name}".`);
    return found;
  }

  /** Excel's sheet-name rules; `except` is the sheet being renamed. */
  private checkSheetName(name: unknown, except?: HostSheet): string {
    if (typeof name !== "string" || name.length === 0 || name.length > 31)
      throw new HostError("InvalidArgument", "A sheet name has 1 to 31 characters.");
    if (SHEET_NAME_FORBIDDEN.test(name) || name.startsWith("'") || name.endsWith("'"))
      throw new HostError(
        "InvalidArgument",
        `The sheet name "${name}" contains a character Excel does not allow ([ ] : * ? / \\, or ' at either end).`
      );
    if (name.toLowerCase() === "history")
      throw new HostError("InvalidArgument", `"History" is a name Excel reserves.`);
    const other = this.findSheet(name);
    if (other && other !== except)
      throw new HostError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
    return name;
  }

  /** `worksheets.add`: at the end, under the given name or Excel's next "SheetN". */
  addSheet(name?: string): HostSheet {
    let chosen = name;
    if (chosen === undefined || chosen === "") {
      let n = this.sheetList.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    this.checkSheetName(chosen);
    this.engine.addSheet(chosen);
    const sheet: HostSheet = {
      name: chosen,
      engineId: this.engine.getSheetId(chosen) as number,
      id: newGuid(),
      visibility: "Visible",
      tabColor: "",
      inputs: new Map(),
      formats: new Map(),
      looks: new Map(),
      columnWidths: new Map(),
      charts: [],
      conditionalFormats: [],
      validations: [],
      frozenRows: 0,
      frozenColumns: 0,
      selection: { top: 0, left: 0, bottom: 0, right: 0 },
      deleted: false,
    };
    this.sheetList.push(sheet);
    this.active = this.active ?? sheet;
    this.changed();
    return sheet;
  }

  renameSheet(sheet: HostSheet, name: unknown): void {
    if (sheet.name === name) return;
    const checked = this.checkSheetName(name, sheet);
    this.batch(() => {
      this.engine.renameSheet(sheet.engineId, checked);
      sheet.name = checked;
      // Names need nothing: HyperFormula keeps a name's cells by sheet id, and `nameFormula`
      // writes the sheet's name as it is now.
      this.tablesMoved();
      this.changed();
    });
  }

  private visibleCount(): number {
    return this.sheetList.filter((s) => s.visibility === "Visible").length;
  }

  deleteSheet(sheet: HostSheet): void {
    // By design in Excel: a very hidden sheet must be made visible or hidden before it is deleted
    // (OfficeDev/office-js#365), and the error it gives is a general one.
    if (sheet.visibility === "VeryHidden")
      throw new HostError(
        "GeneralException",
        "There was an internal error while processing the request."
      );
    if (sheet.visibility === "Visible" && this.visibleCount() === 1)
      throw new HostError(
        "InvalidOperation",
        "A workbook must keep at least one visible sheet; this is the last one."
      );
    this.batch(() => {
      this.engine.removeSheet(sheet.engineId);
      this.stuck.dropSheet(sheet.engineId);
      sheet.deleted = true;
      this.sheetList.splice(this.sheetList.indexOf(sheet), 1);
      for (const table of this.tableList.filter((t) => t.sheet === sheet)) this.dropTable(table);
      for (const name of this.nameList) {
        if (name.target?.sheet !== sheet) continue;
        name.formula = `=#REF!${rectAddress(name.target.rect, true)}`;
        name.target = undefined;
        this.engine.changeNamedExpression(name.name, "=#REF!");
      }
      if (this.active === sheet)
        this.active = this.sheetList.find((s) => s.visibility === "Visible");
      this.changed();
    });
  }

  setVisibility(sheet: HostSheet, visibility: unknown): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden")
      throw new HostError("InvalidArgument", `"${visibility}" is not a sheet visibility.`);
    if (visibility !== "Visible" && sheet.visibility === "Visible" && this.visibleCount() === 1)
      throw new HostError(
        "InvalidOperation",
        "A workbook must keep at least one visible sheet; this is the last one."
      );
    sheet.visibility = visibility;
    if (this.active === sheet && visibility !== "Visible")
      this.active = this.sheetList.find((s) => s.visibility === "Visible");
    this.changed();
  }

  setTabColor(sheet: HostSheet, color: unknown): void {
    sheet.tabColor = color === null || color === "" ? "" : this.color(color);
    this.changed();
  }

  activeSheet(): HostSheet {
    return this.active ?? this.sheetList[0];
  }

  activate(sheet: HostSheet): void {
    if (sheet.visibility !== "Visible")
      throw new HostError("InvalidOperation", `The sheet "${sheet.name}" is hidden.`);
    this.active = sheet;
    this.changed();
  }

  select(sheet: HostSheet, rect: Rect): void {
    sheet.selection = rect;
    this.active = sheet;
  }

  // --- cells

  private address(sheet: HostSheet, row: number, column: number): SimpleCellAddress {
    return { sheet: sheet.engineId, row, col: column };
  }

  /** A cell's computed value: errors with their code and the function's message. */
  valueAt(sheet: HostSheet, row: number, column: number): WorkbenchValue {
    this.ready();
    const value = this.engine.getCellValue(this.address(sheet, row, column));
    if (value instanceof DetailedCellError) {
      // An error typed as a constant answers its own code, which the engine may lack (#NULL!).
      const constant = sheet.inputs.get(keyOf(row, column))?.error;
      if (constant) return { error: constant, message: "" };
      // An asynchronous call still computing: the engine's #ERROR! says #BUSY!.
      if (value.type === ErrorType.ERROR && value.message === BUSY)
        return { error: BUSY, message: "" };
      return { error: value.value, message: value.message };
    }
    return value;
  }

  /** What was written into a cell: a formula's text, a constant as typed; "" when empty. */
  inputAt(sheet: HostSheet, row: number, column: number): string {
    return sheet.inputs.get(keyOf(row, column))?.input ?? "";
  }

  /** Whether a cell holds a formula, not text that reads like one. */
  hasFormula(sheet: HostSheet, row: number, column: number): boolean {
    return sheet.inputs.get(keyOf(row, column))?.formula !== undefined;
  }

  numberFormatAt(sheet: HostSheet, row: number, column: number): string {
    return sheet.formats.get(keyOf(row, column)) ?? "General";
  }

  lookAt(sheet: HostSheet, row: number, column: number): Look {
    return sheet.looks.get(keyOf(row, column)) ?? {};
  }

  /** `formulas`: a formula's text; a constant as Excel gives it (numbers as numbers). */
  formulaAt(sheet: HostSheet, row: number, column: number): unknown {
    const stored = sheet.inputs.get(keyOf(row, column));
    if (!stored) return "";
    if (stored.formula !== undefined) return stored.input;
    return excelValue(this.valueAt(sheet, row, column));
  }

  /** The rectangle's cells, row by row, through `read`. */
  grid<T>(rect: Rect, read: (row: number, column: number) => T): T[][] {
    return Array.from({ length: rectRows(rect) }, (_, i) =>
      Array.from({ length: rectColumns(rect) }, (__, j) => read(rect.top + i, rect.left + j))
    );
  }

  /** One value per cell, or a 2-D array of the rectangle's exact size; else InvalidArgument. */
  private cellsOf(rect: Rect, input: unknown, what: string): unknown[][] {
    if (!Array.isArray(input)) return this.grid(rect, () => input);
    const rows = rectRows(rect);
    const columns = rectColumns(rect);
    if (
      input.length !== rows ||
      input.some((row) => !Array.isArray(row) || row.length !== columns)
    ) {
      const got = input.length
        ? `${input.length}×${Array.isArray(input[0]) ? input[0].length : "?"}`
        : "empty";
      throw new HostError(
        "InvalidArgument",
        `The ${what} array is ${got}; the range ${rectAddress(rect)} is ${rows}×${columns}.`
      );
    }
    return input as unknown[][];
  }

  private tooLarge(rect: Rect, what: string): void {
    if (rectRows(rect) * rectColumns(rect) > 5_000_000)
      throw new HostError(
        "InvalidArgument",
        `Setting ${what} on ${rectAddress(rect)} at once is more than Excel's request can carry.`
      );
  }

  /**
   * `values` and `formulas`: each entry as Excel reads it — "=…" a formula, text parsed as typed
   * (except in cells formatted "@"), numbers and booleans as they are; null leaves a cell as it is.
   */
  write(sheet: HostSheet, rect: Rect, input: unknown, what: "values" | "formulas"): void {
    this.tooLarge(rect, what);
    // One null for the whole range leaves every cell as it is.
    if (input === null || input === undefined) return;
    const cells = this.cellsOf(rect, input, what);
    const tables = this.locations();
    const entries: (Entry | undefined)[][] = cells.map((row, i) =>
      row.map((cell, j) => {
        if (cell === null || cell === undefined) return undefined;
        if (typeof cell === "object")
          throw new HostError("InvalidArgument", `A cell of ${what} cannot hold an object.`);
        if (typeof cell === "number" && !Number.isFinite(cell))
          throw new HostError("InvalidArgument", `A cell of ${what} cannot hold ${cell}.`);
        const format = this.numberFormatAt(sheet, rect.top + i, rect.left + j);
        return written(cell as string | number | boolean, format, tables, false, this.parses);
      })
    );
    this.asHeaders(sheet, rect, entries);
    // Every cell is checked before any is entered: a refused array leaves the range as it was.
    entries.forEach((row, i) =>
      row.forEach((entry, j) => {
        const refused = entry && this.refusal(sheet, rect.top + i, rect.left + j, entry);
        if (refused) throw refused;
      })
    );
    // Formulas last: one that spills over cells this same write empties finds them empty, as in
    // Excel, where the whole array lands at once.
    this.batch(() => {
      for (const formulas of [false, true])
        entries.forEach((row, i) =>
          row.forEach((entry, j) => {
            if (entry && (entry.formula !== undefined) === formulas)
              this.enter(sheet, rect.top + i, rect.left + j, entry, true);
          })
        );
      this.changed();
    });
  }

  /** Typed into a cell, as in the formula bar: a General cell takes the format what was typed implies. */
  typeInto(sheet: HostSheet, row: number, column: number, input: string): void {
    const typedEntry: (Entry | undefined)[][] = [[typed(input, this.locations(), this.parses)]];
    this.asHeaders(sheet, { top: row, left: column, bottom: row, right: column }, typedEntry);
    const entry = typedEntry[0][0] as Entry;
    this.batch(() => {
      this.enter(sheet, row, column, entry);
      const key = keyOf(row, column);
      if (entry.impliedFormat && (sheet.formats.get(key) ?? "General") === "General")
        sheet.formats.set(key, entry.impliedFormat);
      if (input !== "") this.extendTable(sheet, row, column);
      this.changed();
    });
  }

  /**
   * Excel's table auto-expansion: typing in the row just below a table, or the column just right
   * of it, makes that row or column part of the table; a new column's header is the text typed
   * into its header cell, or Excel's "ColumnN". The table's formats carry down to the new row.
   */
  private extendTable(sheet: HostSheet, row: number, column: number): void {
    for (const table of this.tableList) {
      const { rect } = table;
      if (table.sheet !== sheet) continue;
      if (row === rect.bottom + 1 && column >= rect.left && column <= rect.right) {
        table.rect = { ...rect, bottom: row };
        for (let c = rect.left; c <= rect.right; c++) {
          const above = sheet.formats.get(keyOf(rect.bottom, c));
          if (above && !sheet.formats.has(keyOf(row, c))) sheet.formats.set(keyOf(row, c), above);
        }
      } else if (column === rect.right + 1 && row >= rect.top && row <= rect.bottom) {
        table.rect = { ...rect, right: column };
        if (this.inputAt(sheet, rect.top, column) === "") {
          const taken = new Set(
            this.locations()
              .find((t) => t.name === table.name)
              ?.columns.map((c) => c.toLowerCase())
          );
          let n = column - rect.left + 1;
          while (taken.has(`column${n}`)) n++;
          this.enter(sheet, rect.top, column, TEXT(`Column${n}`));
        }
      } else continue;
      this.tablesMoved();
      return;
    }
  }

  /** Whether text is a formula Excel would enter (for "-5+1" typed as a constant). */
  private readonly parses = (formula: string): boolean =>
    formulaProblem(formula) === undefined && this.engine.validateFormula(formula);

  /** Why Excel refuses this entry in this cell, as the error its API answers; undefined if it takes it. */
  private refusal(
    sheet: HostSheet,
    row: number,
    column: number,
    entry: Entry
  ): HostError | undefined {
    // Excel's limits first (src/host/limits.ts): a formula nested thousands deep would overflow
    // the engine's parser. They apply to the formula as written, structured references and all,
    // not to the engine's text with the references resolved, which may be longer.
    const problem = inputProblem(entry.input, entry.formula !== undefined);
    if (problem)
      return new HostError(
        "InvalidArgument",
        `Excel cannot enter this in ${quoteSheet(sheet.name)}!${cellAddress({ row, column })}: ${problem}`
      );
    // Excel refuses a formula it cannot parse, a reference to a table that does not exist among
    // them; so does the host, with the code Excel's API answers.
    if (entry.formula !== undefined && !this.engine.validateFormula(entry.formula))
      return new HostError(
        "InvalidArgument",
        `Excel cannot parse the formula ${entry.input} in ${quoteSheet(sheet.name)}!${cellAddress({ row, column })}.`
      );
    return undefined;
  }

  /** One cell's new content; `checked` when the caller has asked `refusal` already. */
  private enter(
    sheet: HostSheet,
    row: number,
    column: number,
    entry: Entry,
    checked = false
  ): void {
    const refused = checked ? undefined : this.refusal(sheet, row, column, entry);
    if (refused) throw refused;
    const address = this.address(sheet, row, column);
    // In a table's body a formula does not spill (src/host/engine.ts, TableCells).
    const formula =
      entry.formula === undefined
        ? undefined
        : this.inTableBody(sheet, row, column)
          ? inTable(entry.formula)
          : entry.formula;
    const content = formula ?? entry.content;
    this.sizing.forget(address);
    this.calls.forget(address);
    this.hold();
    // Marked before the engine sizes its spill: a stuck formula is one #NAME? cell.
    this.stuck.mark(
      address,
      entry.formula === undefined ? undefined : this.unregisteredCall(entry.formula)
    );
    // Cannot throw: `refusal` has checked the formula, the grid the address, and the batch holds
    // recalculation, so no function runs here.
    this.engine.setCellContents(address, content);
    const key = keyOf(row, column);
    if (entry.content === null) {
      if (sheet.inputs.delete(key)) this.emptied = true;
    } else sheet.inputs.set(key, { input: entry.input, formula, error: entry.error });
  }

  /** The add-in's function ids, as declared: "PARITY_AT". */
  functionIds(): readonly string[] {
    return [...this.functions.values()].map((fn) => fn.id);
  }

  /** The first of the add-in's functions a formula calls that Excel does not know now: "CNAI.LATE". */
  private unregisteredCall(formula: string): string | undefined {
    // Once every function is registered (the usual case) no formula can: reading each formula
    // entered for its calls was a tenth of the host's time in a Repair of 100,000 formulas.
    if (![...this.functions.values()].some((fn) => fn.registered?.() === false)) return undefined;
    const fn = calledFunctions(formula, this.namespace)
      .map((id) => this.functions.get(id.toUpperCase()))
      .find((called) => called?.registered?.() === false);
    return fn && `${this.namespace}.${fn.id}`;
  }

  /**
   * A cell as a file holds it (src/host/open.ts): a formula, or a constant of its own type — text
   * stays text whatever it reads like, an error code is that error. The cell's number format is set
   * before.
   */
  enterFromFile(
    sheet: HostSheet,
    row: number,
    column: number,
    cell: number | string | boolean | { readonly error: string } | { readonly formula: string }
  ): void {
    let entry: Entry;
    if (typeof cell === "object" && "formula" in cell)
      entry = typed(cell.formula, this.locations());
    else if (typeof cell === "object") entry = errorEntry(cell.error);
    else if (typeof cell === "string") entry = TEXT(cell);
    else entry = written(cell, this.numberFormatAt(sheet, row, column), this.locations());
    this.batch(() => {
      this.enter(sheet, row, column, entry);
      this.changed();
    });
  }

  /**
   * Excel spills a formula again once the cells in its way are emptied; HyperFormula keeps its
   * #SPILL! until the formula is entered again, which this does for each blocked formula.
   */
  private respill(): void {
    if (!this.emptied) return;
    this.emptied = false;
    const blocked: SimpleCellAddress[] = [];
    for (const sheet of this.sheetList)
      for (const [key, stored] of sheet.inputs) {
        if (stored.formula === undefined) continue;
        const { row, column } = refOf(key);
        const value = this.engine.getCellValue(this.address(sheet, row, column));
        if (value instanceof DetailedCellError && value.type === ErrorType.SPILL)
          blocked.push(this.address(sheet, row, column));
      }
    if (blocked.length === 0) return;
    this.engine.batch(() => {
      for (const address of blocked) {
        const sheet = this.sheetList.find((s) => s.engineId === address.sheet) as HostSheet;
        const formula = sheet.inputs.get(keyOf(address.row, address.col))?.formula as string;
        this.engine.setCellContents(address, null);
        this.engine.setCellContents(address, formula);
      }
    });
  }

  setNumberFormat(sheet: HostSheet, rect: Rect, input: unknown): void {
    this.tooLarge(rect, "numberFormat");
    const cells = this.cellsOf(rect, input, "numberFormat");
    // Every code is checked before any is set: a refused array leaves the cells as they were.
    for (const format of cells.flat()) {
      if (format === null || format === undefined) continue;
      if (typeof format !== "string")
        throw new HostError("InvalidArgument", "A number format is text.");
      const problem = numberFormatProblem(format);
      if (problem) throw new HostError("InvalidArgument", problem);
    }
    cells.forEach((row, i) =>
      row.forEach((format, j) => {
        if (typeof format !== "string") return;
        const key = keyOf(rect.top + i, rect.left + j);
        if (format === "General" || format === "") sheet.formats.delete(key);
        else sheet.formats.set(key, format);
      })
    );
    this.changed();
  }

  /** `range.clear(applyTo)`: contents, formats, or both ("All", the default: null or absent). */
  clear(sheet: HostSheet, rect: Rect, applyTo: unknown): void {
    const what = applyTo ?? "All";
    if (!["All", "Contents", "Formats", "Hyperlinks", "RemoveHyperlinks"].includes(String(what)))
      throw new HostError("InvalidArgument", `"${what}" is not something clear applies to.`);
    const contents = what === "All" || what === "Contents";
    const formats = what === "All" || what === "Formats";
    this.batch(() => {
      if (contents) {
        for (const key of [...sheet.inputs.keys()]) {
          const { row, column } = refOf(key);
          if (contains(rect, row, column)) this.enter(sheet, row, column, EMPTY);
        }
        // A table's emptied header cells are "ColumnN" again, as Excel keeps them.
        for (const table of this.tableList) {
          const header = { ...table.rect, bottom: table.rect.top };
          if (table.sheet !== sheet || !overlaps(header, rect)) continue;
          const left = Math.max(header.left, rect.left);
          const right = Math.min(header.right, rect.right);
          const row: (Entry | undefined)[] = [];
          for (let column = left; column <= right; column++) row.push(EMPTY);
          this.asHeaders(sheet, { ...header, left, right }, [row]);
          row.forEach((entry, j) => entry && this.enter(sheet, header.top, left + j, entry));
        }
      }
      if (formats) {
        for (const map of [sheet.formats, sheet.looks]) {
          for (const key of [...map.keys()]) {
            const { row, column } = refOf(key);
            if (contains(rect, row, column)) map.delete(key);
          }
        }
        sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !overlaps(f.range, rect));
      }
      this.changed();
    });
  }

  private color(value: unknown): string {
    const text = String(value);
    if (/^#[0-9A-Fa-f]{6}$/.test(text)) return text.toUpperCase();
    const named: Record<string, string> = {
      black: "#000000",
      white: "#FFFFFF",
      red: "#FF0000",
      green: "#008000",
      blue: "#0000FF",
      yellow: "#FFFF00",
      orange: "#FFA500",
      gray: "#808080",
      grey: "#808080",
    };
    const found = named[text.toLowerCase()];
    if (found) return found;
    throw new HostError(
      "InvalidArgument",
      `"${text}" is not a colour Excel knows (#RRGGBB or a name).`
    );
  }

  /** `range.format.font.*` and `range.format.fill.color` over a rectangle. */
  setLook(sheet: HostSheet, rect: Rect, property: keyof Look, value: unknown): void {
    this.tooLarge(rect, property);
    let checked: Look[keyof Look];
    if (property === "bold" || property === "italic") checked = Boolean(value);
    else if (property === "size") {
      if (typeof value !== "number" || value < 1 || value > 409)
        throw new HostError("InvalidArgument", "A font size is from 1 to 409 points.");
      checked = value;
    } else checked = value === null || value === "" ? undefined : this.color(value);
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let column = rect.left; column <= rect.right; column++) {
        const key = keyOf(row, column);
        // A cleared property is undefined, which every reader takes as Excel's default.
        sheet.looks.set(key, { ...(sheet.looks.get(key) ?? {}), [property]: checked });
      }
    }
    this.changed();
  }

  /** The look shared by every cell of a rectangle, null where they differ (as Excel reads it). */
  lookOf(sheet: HostSheet, rect: Rect, property: keyof Look): unknown {
    const first = this.lookAt(sheet, rect.top, rect.left)[property];
    const cells = rectRows(rect) * rectColumns(rect);
    if (cells <= sheet.looks.size) {
      for (let row = rect.top; row <= rect.bottom; row++)
        for (let column = rect.left; column <= rect.right; column++)
          if (this.lookAt(sheet, row, column)[property] !== first) return null;
    } else {
      // A whole column holds a million cells, the sheet's looks far fewer: read those inside.
      // Every cell agrees when each look inside has the first cell's value and, if that value
      // is set, every cell has a look.
      let set = 0;
      for (const [key, look] of sheet.looks) {
        const { row, column } = refOf(key);
        if (!contains(rect, row, column)) continue;
        if (look[property] !== first) return null;
        set++;
      }
      if (first !== undefined && set < cells) return null;
    }
    return (
      first ??
      (property === "bold" || property === "italic"
        ? false
        : property === "size"
          ? 11
          : property === "color"
            ? "#000000"
            : "#FFFFFF")
    );
  }

  setColumnWidth(sheet: HostSheet, rect: Rect, points: unknown): void {
    if (typeof points !== "number" || points < 0 || points > 255 * 7.5)
      throw new HostError("InvalidArgument", "A column width is from 0 to 1,912.5 points.");
    for (let column = rect.left; column <= rect.right; column++)
      sheet.columnWidths.set(column, points);
    this.changed();
  }

  columnWidthAt(sheet: HostSheet, column: number): number {
    return sheet.columnWidths.get(column) ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Rows and columns of the array a formula in this cell spills; 1×1 for a single value. */
  spillSize(sheet: HostSheet, row: number, column: number): { rows: number; columns: number } {
    this.ready();
    const start = this.address(sheet, row, column);
    if (!this.engine.isCellPartOfArray(start) || !this.engine.doesCellHaveFormula(start))
      return { rows: 1, columns: 1 };
    const inSpill = (r: number, c: number) =>
      this.engine.isCellPartOfArray({ ...start, row: r, col: c }) &&
      !this.engine.doesCellHaveFormula({ ...start, row: r, col: c });
    let rows = 1;
    let columns = 1;
    while (inSpill(start.row + rows, start.col)) rows++;
    while (inSpill(start.row, start.col + columns)) columns++;
    return { rows, columns };
  }

  /** The anchor a cell's value spills from, if it is part of another cell's spill. */
  spilledFrom(sheet: HostSheet, row: number, column: number): string | undefined {
    if (sheet.inputs.has(keyOf(row, column))) return undefined;
    return this.anchors(sheet).get(keyOf(row, column));
  }

  private anchors(sheet: HostSheet): Map<number, string> {
    this.spillAnchors = this.spillAnchors ?? new Map();
    let anchors = this.spillAnchors.get(sheet.engineId);
    if (anchors) return anchors;
    anchors = new Map();
    for (const [key, stored] of sheet.inputs) {
      if (stored.formula === undefined) continue;
      const ref = refOf(key);
      const { rows, columns } = this.spillSize(sheet, ref.row, ref.column);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < columns; j++)
          if (i > 0 || j > 0) anchors.set(keyOf(ref.row + i, ref.column + j), cellAddress(ref));
    }
    this.spillAnchors.set(sheet.engineId, anchors);
    return anchors;
  }

  /**
   * `getUsedRange(valuesOnly)`: the smallest rectangle holding every cell with content (and, unless
   * `valuesOnly`, every formatted cell); undefined for an empty sheet.
   */
  usedRange(sheet: HostSheet, valuesOnly = false): Rect | undefined {
    // Four running bounds, not a rectangle per cell: a sheet of 60,000 cells is read at every
    // getUsedRange, and Snapshot and Repair ask it of every sheet.
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const grow = (row: number, column: number) => {
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (column < left) left = column;
      if (column > right) right = column;
    };
    for (const [key, stored] of sheet.inputs) {
      const { row, column } = refOf(key);
      grow(row, column);
      if (stored.formula !== undefined) {
        const { rows, columns } = this.spillSize(sheet, row, column);
        grow(row + rows - 1, column + columns - 1);
      }
    }
    if (!valuesOnly)
      for (const map of [sheet.formats, sheet.looks])
        for (const key of map.keys()) {
          const { row, column } = refOf(key);
          grow(row, column);
        }
    return bottom < 0 ? undefined : { top, left, bottom, right };
  }

  // --- tables

  tables(): readonly HostTable[] {
    return this.tableList;
  }

  /**
   * Excel keeps a table's header cells unique, non-empty text: what is written into one becomes
   * text — a formula its value as it stands, a number its digits — an emptied header is "ColumnN"
   * (N its place in the table), and a name another header has (ignoring case) gets 2, 3, … added,
   * as Excel renames "Name" to "Name2". Headers are settled left to right.
   */
  private asHeaders(sheet: HostSheet, rect: Rect, entries: (Entry | undefined)[][]): void {
    for (const table of this.tableList) {
      const { top, left, right } = table.rect;
      if (table.sheet !== sheet || top < rect.top || top > rect.bottom) continue;
      if (right < rect.left || left > rect.right) continue;
      const row = entries[top - rect.top];
      // This write's entry for a table column: undefined where it writes nothing, and outside it.
      const entryAt = (column: number): Entry | undefined => row[column - rect.left];
      const kept: (string | undefined)[] = [];
      for (let column = left; column <= right; column++)
        kept.push(
          entryAt(column) === undefined
            ? String(excelValue(this.valueAt(sheet, top, column)))
            : undefined
        );
      const headers: string[] = [];
      for (let column = left; column <= right; column++) {
        const entry = entryAt(column);
        const current = String(excelValue(this.valueAt(sheet, top, column)));
        let text = entry === undefined ? current : this.headerText(sheet, entry);
        if (text === "") text = `Column${column - left + 1}`;
        // Taken: the headers settled to the left, and those this write leaves as they are.
        const taken = (name: string) =>
          [...headers, ...kept.slice(column - left + 1)].some(
            (h) => h?.toLowerCase() === name.toLowerCase()
          );
        let header = text;
        for (let n = 2; entry !== undefined && taken(header); n++) header = `${text}${n}`;
        headers.push(header);
        if (entry !== undefined) row[column - rect.left] = TEXT(header);
      }
    }
  }

  /** What a header cell shows for an entry: its text, or a formula's value now. */
  private headerText(sheet: HostSheet, entry: Entry): string {
    // A constant's text as written; an emptied cell's is "".
    if (entry.formula === undefined) return entry.input;
    this.ready();
    const value = this.engine.calculateFormula(entry.formula, sheet.engineId);
    const first = Array.isArray(value) ? value[0][0] : value;
    if (first instanceof DetailedCellError) return first.value;
    return String(first ?? "");
  }

  /** Whether a cell is in a table's data body (below its header row). */
  private inTableBody(sheet: HostSheet, row: number, column: number): boolean {
    return this.tableList.some(
      (t) => t.sheet === sheet && row > t.rect.top && contains(t.rect, row, column)
    );
  }

  findTable(name: string): HostTable | undefined {
    const lower = String(name).toLowerCase();
    return this.tableList.find((t) => t.name.toLowerCase() === lower);
  }

  /** Excel's rule for table and defined names: unique across both, not a cell reference. */
  private checkName(name: unknown, except?: HostTable): string {
    if (typeof name !== "string" || !DEFINED_NAME.test(name) || name.length > 255)
      throw new HostError(
        "InvalidArgument",
        `"${name}" is not a valid name: it starts with a letter, _ or \\ and has no spaces or symbols.`
      );
    if (LOOKS_LIKE_REFERENCE.test(name) || /^(true|false)$/i.test(name))
      throw new HostError("InvalidArgument", `"${name}" reads as a cell reference or a value.`);
    const table = this.findTable(name);
    if ((table && table !== except) || this.findName(name))
      throw new HostError(
        "ItemAlreadyExists",
        `The name "${name}" is already used in this workbook.`
      );
    return name;
  }

  /** `tables.add`: the header row's cells become unique text; the rectangle may not meet another table. */
  addTable(sheet: HostSheet, rect: Rect, hasHeaders: boolean): HostTable {
    if (rectRows(rect) > MAX_ROWS / 2)
      throw new HostError("InvalidArgument", "A table cannot span whole columns here.");
    const clash = this.tableList.find((t) => t.sheet === sheet && overlaps(t.rect, rect));
    if (clash)
      throw new HostError(
        "InvalidArgument",
        `A table cannot overlap another table ("${clash.name}" at ${rectAddress(clash.rect)}).`
      );
    if (!hasHeaders) {
      // Excel's reference: without headers "Excel will automatically generate a header and shift
      // the data down by one row". The row below is where the data's last row goes: the host
      // moves the data into it only when it is empty, and refuses rather than overwrite it (a
      // table there has its header text in that row, so it is refused too).
      const below = rect.bottom + 1;
      if (below >= MAX_ROWS)
        throw new HostError(
          "InvalidArgument",
          "The table's data cannot shift down: it ends on the sheet's last row."
        );
      // A cell shows nothing (null) only when nothing is in it: no constant, formula or spill.
      for (let column = rect.left; column <= rect.right; column++)
        if (this.valueAt(sheet, below, column) !== null)
          throw new HostError(
            "InvalidOperation",
            `A table without headers shifts its data down one row, and ${quoteSheet(sheet.name)}!${cellAddress({ row: below, column })} below it is not empty; the host does not insert cells as Excel would, and will not overwrite them.`
          );
    }
    let body = rect;
    this.batch(() => {
      if (!hasHeaders) {
        // Excel inserts a header row above the data: here the data is read as starting one row lower.
        body = { ...rect, bottom: rect.bottom + 1 };
        const data = this.grid(rect, (r, c) => this.inputAt(sheet, r, c));
        this.clear(sheet, rect, "Contents");
        data.forEach((row, i) =>
          row.forEach((input, j) => {
            if (input !== "")
              this.enter(sheet, rect.top + 1 + i, rect.left + j, typed(input, this.locations()));
          })
        );
      }
      const seen = new Set<string>();
      for (let column = body.left; column <= body.right; column++) {
        const current = hasHeaders ? excelValue(this.valueAt(sheet, body.top, column)) : "";
        let header = String(current);
        if (header === "") header = `Column${column - body.left + 1}`;
        for (let n = 2; seen.has(header.toLowerCase()); n++) header = `${current || "Column"}${n}`;
        seen.add(header.toLowerCase());
        this.enter(sheet, body.top, column, TEXT(header));
      }
      this.changed();
    });
    let n = this.tableList.length + 1;
    while (this.findTable(`Table${n}`) || this.findName(`Table${n}`)) n++;
    const table: HostTable = {
      name: `Table${n}`,
      id: String(this.nextTableId++),
      sheet,
      rect: body,
      style: "TableStyleMedium2",
      deleted: false,
    };
    this.tableList.push(table);
    this.tablesMoved();
    return table;
  }

  renameTable(table: HostTable, name: unknown): void {
    if (table.name === name) return;
    table.name = this.checkName(name, table);
    this.tablesMoved();
  }

  setTableStyle(table: HostTable, style: unknown): void {
    if (typeof style !== "string" || !/^(TableStyle(Light|Medium|Dark)\d{1,2}|)$/.test(style))
      throw new HostError("InvalidArgument", `"${style}" is not a table style.`);
    table.style = style;
    this.changed();
  }

  deleteTable(table: HostTable): void {
    this.batch(() => {
      this.dropTable(table);
      this.clear(table.sheet, table.rect, "All");
    });
  }

  private dropTable(table: HostTable): void {
    table.deleted = true;
    this.tableList.splice(this.tableList.indexOf(table), 1);
    this.tablesMoved();
  }

  /** Tables as structured references resolve them. */
  locations(): readonly TableLocation[] {
    this.tableLocations =
      this.tableLocations ??
      this.tableList.map((t) => ({
        name: t.name,
        sheet: t.sheet.name,
        at: cellAddress({ row: t.rect.top, column: t.rect.left }),
        columns: this.headerNames(t),
        rowCount: Math.max(1, rectRows(t.rect) - 1),
      }));
    return this.tableLocations;
  }

  /** Each table's header texts as last read, with the header cells' inputs they were read from. */
  private readonly headers = new WeakMap<HostTable, { cells: string; names: string[] }>();

  /**
   * A table's column names: its header cells' values as text. Reading a value ends a batch's
   * held recalculation (HyperFormula answers no value while suspended), and tables move in the
   * middle of batches (Build adds four): header cells that hold the same constants, in the same
   * formats, as when last read show the same text, so that reading is kept.
   */
  private headerNames(table: HostTable): string[] {
    const header = { ...table.rect, bottom: table.rect.top };
    const stored = this.grid(header, (r, c) => ({
      cell: table.sheet.inputs.get(keyOf(r, c)),
      format: this.numberFormatAt(table.sheet, r, c),
    }))[0];
    const constants = stored.every(({ cell }) => cell?.formula === undefined);
    const cells = JSON.stringify(stored);
    const known = this.headers.get(table);
    if (constants && known?.cells === cells) return known.names;
    const names = this.grid(header, (r, c) =>
      String(excelValue(this.valueAt(table.sheet, r, c)))
    )[0];
    if (constants) this.headers.set(table, { cells, names });
    return names;
  }

  /**
   * A table was added, renamed, moved or dropped: formulas whose structured references now resolve
   * differently are entered again, from their text as written.
   */
  private tablesMoved(): void {
    this.tableLocations = undefined;
    const tables = this.locations();
    this.batch(() => {
      for (const sheet of this.sheetList) {
        for (const [key, stored] of sheet.inputs) {
          if (stored.formula === undefined) continue;
          const { row, column } = refOf(key);
          let formula = outOfTable(stored.formula);
          if (stored.input.includes("[")) {
            const resolved = engineFormula(resolveStructuredReferences(stored.input, tables));
            // A reference to a table that is gone: Excel shows #REF!, the text stays as typed.
            // The formula the engine holds now was checked when it was entered.
            formula =
              resolved === formula || this.engine.validateFormula(resolved) ? resolved : "=#REF!";
          }
          const held = this.inTableBody(sheet, row, column) ? inTable(formula) : formula;
          if (held === stored.formula) continue;
          this.enter(sheet, row, column, { content: formula, input: stored.input, formula }, true);
        }
      }
      this.changed();
    });
  }

  // --- defined names

  names(): readonly HostName[] {
    return this.nameList;
  }

  findName(name: string): HostName | undefined {
    const lower = String(name).toLowerCase();
    return this.nameList.find((n) => n.name.toLowerCase() === lower);
  }

  /** A name's formula as Excel gives it: `='CNAI Model'!$C$5`, `=#REF!$A$1` once the sheet is gone. */
  nameFormula(name: HostName): string {
    if (name.target)
      return `=${quoteSheet(name.target.sheet.name)}!${rectAddress(name.target.rect, true)}`;
    return name.formula ?? "=#REF!";
  }

  /**
   * "=Sheet1!$A$1", "='My sheet'!B2:C3" (the "=" optional) → the cells it refers to: a sheet, "!",
   * then cells and ":" only; undefined for anything else. Read with the formula tokenizer.
   */
  referenceOf(formula: string): { sheet: HostSheet; rect: Rect } | undefined {
    const tokens = solidTokens(String(formula));
    const bang = tokens?.findIndex((token) => token.kind === "bang") ?? -1;
    if (!tokens || bang < 1) return undefined;
    const sheetPart = tokens.slice(0, bang);
    const cells = tokens.slice(bang + 1);
    const cellsOnly = cells.every(
      (token) => token.kind === "name" || token.kind === "number" || token.text === ":"
    );
    if (cells.length === 0 || !cellsOnly) return undefined;
    if (sheetPart.length > 1 && sheetPart.every((token) => token.kind === "name"))
      throw new HostError(
        "InvalidArgument",
        `The formula "${formula}" names a sheet with a space without quotes.`
      );
    const sheetName = sheetPart.length === 1 ? sheetNameOf(sheetPart[0]) : undefined;
    if (sheetName === undefined) return undefined;
    const sheet = this.findSheet(sheetName);
    const rect = parseRect(cells.map((token) => token.text).join(""));
    if (!sheet || !rect)
      throw new HostError(
        "InvalidArgument",
        `The reference "${formula}" does not name cells of this workbook.`
      );
    return { sheet, rect };
  }

  addName(
    name: unknown,
    reference: { sheet: HostSheet; rect: Rect } | string,
    comment: unknown
  ): HostName {
    const checked = this.checkName(name);
    const target = typeof reference === "string" ? this.referenceOf(reference) : reference;
    if (!target) this.checkNameFormula(String(reference));
    const entry: HostName = {
      name: checked,
      comment: comment === undefined || comment === null ? "" : checkComment(comment),
      visible: true,
      target,
      formula: target ? undefined : withEquals(String(reference)),
      deleted: false,
    };
    this.defineInEngine(entry, true);
    this.nameList.push(entry);
    this.changed();
    return entry;
  }

  setNameFormula(name: HostName, formula: unknown): void {
    const text = String(formula);
    const target = this.referenceOf(text);
    if (!target) this.checkNameFormula(text);
    name.target = target;
    name.formula = target ? undefined : withEquals(text);
    this.defineInEngine(name, false);
    this.changed();
  }

  /**
   * A name's formula that is not a reference: Excel refuses one it cannot parse, and one over its
   * formula limits (src/host/limits.ts), as it refuses them in a cell.
   */
  private checkNameFormula(text: string): void {
    const formula = withEquals(text);
    const problem = formulaProblem(formula);
    const resolved = engineFormula(resolveStructuredReferences(formula, this.locations()));
    if (problem || !this.engine.validateFormula(resolved))
      throw new HostError(
        "InvalidArgument",
        `Excel cannot define a name as ${formula}: ${problem ?? "it cannot parse the formula."}`
      );
  }

  deleteName(name: HostName): void {
    this.engine.removeNamedExpression(name.name);
    name.deleted = true;
    this.nameList.splice(this.nameList.indexOf(name), 1);
    this.changed();
  }

  private defineInEngine(name: HostName, adding: boolean): void {
    const expression = this.nameFormula(name);
    try {
      if (adding) this.engine.addNamedExpression(name.name, expression);
      else this.engine.changeNamedExpression(name.name, expression);
    } catch (error) {
      throw new HostError(
        "InvalidArgument",
        `Excel cannot define ${name.name} as ${expression}: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  }

  // --- charts, conditional formats, data validation

  addChart(sheet: HostSheet, type: unknown, source: Rect, seriesBy: unknown): HostChart {
    const types = [
      "Line",
      "LineMarkers",
      "ColumnClustered",
      "BarClustered",
      "Pie",
      "XYScatter",
      "Area",
    ];
    if (typeof type !== "string" || !types.includes(type))
      throw new HostError(
        "InvalidArgument",
        `"${type}" is not a chart type this host draws (${types.join(", ")}).`
      );
    const by = seriesBy ?? "Auto";
    if (!["Auto", "Columns", "Rows"].includes(String(by)))
      throw new HostError("InvalidArgument", `"${by}" is not a way to read series.`);
    let n = sheet.charts.length + 1;
    while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
    const chart: HostChart = {
      name: `Chart ${n}`,
      type,
      source,
      seriesBy: String(by),
      title: "",
      from: "",
      to: "",
      series: new Map(),
    };
    sheet.charts.push(chart);
    this.changed();
    return chart;
  }

  deleteChart(sheet: HostSheet, chart: HostChart): void {
    sheet.charts.splice(sheet.charts.indexOf(chart), 1);
    this.changed();
  }

  /** The charts of a sheet with the data they draw now. */
  charts(sheetName: string): readonly WorkbenchChart[] {
    const sheet = this.sheet(sheetName);
    return sheet.charts.map((chart) => {
      const { top, left, bottom, right } = chart.source;
      const shown = (row: number, column: number) => this.cellOf(sheet, row, column).display;
      const categories: string[] = [];
      for (let row = top + 1; row <= bottom; row++) categories.push(shown(row, left));
      const series = [];
      for (let column = left + 1; column <= right; column++) {
        const values: (number | null)[] = [];
        for (let row = top + 1; row <= bottom; row++) {
          const value = this.valueAt(sheet, row, column);
          values.push(typeof value === "number" ? value : null);
        }
        const set = chart.series.get(column - left - 1) ?? {};
        series.push({
          name: shown(top, column),
          values,
          secondary: set.axisGroup === "Secondary",
          line: set.chartType === "Line" || set.chartType === "LineMarkers",
        });
      }
      return {
        name: chart.name,
        type: chart.type,
        title: chart.title,
        valueAxisFormat: chart.valueAxisFormat,
        from: chart.from,
        to: chart.to,
        categories,
        series,
      };
    });
  }

  addConditionalFormat(sheet: HostSheet, rect: Rect, type: unknown): HostConditionalFormat {
    if (type !== "CellValue")
      throw new HostError(
        "ApiNotFound",
        `Conditional formats of type "${type}" are not implemented by this host.`
      );
    const format: HostConditionalFormat = { id: newGuid(), type, range: rect };
    sheet.conditionalFormats.push(format);
    this.changed();
    return format;
  }

  clearConditionalFormats(sheet: HostSheet, rect: Rect): void {
    sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !overlaps(f.range, rect));
    this.changed();
  }

  /** The highlight a cell shows now, from the "between" and comparison rules over it. */
  highlight(sheetName: string, a1: string): { fill: string; fontColor: string } | undefined {
    const sheet = this.sheet(sheetName);
    const { row, column } = parseCell(a1);
    for (const format of sheet.conditionalFormats) {
      if (!contains(format.range, row, column) || !format.rule) continue;
      const value = this.valueAt(sheet, row, column);
      if (typeof value !== "number") continue;
      const low = Number(format.rule.formula1);
      const high = Number(format.rule.formula2);
      const operator = format.rule.operator ?? "Between";
      const hit =
        operator === "Between"
          ? value >= Math.min(low, high) && value <= Math.max(low, high)
          : operator === "NotBetween"
            ? value < Math.min(low, high) || value > Math.max(low, high)
            : operator === "EqualTo"
              ? value === low
              : operator === "GreaterThan"
                ? value > low
                : operator === "LessThan"
                  ? value < low
                  : operator === "GreaterThanOrEqual"
                    ? value >= low
                    : operator === "LessThanOrEqual"
                      ? value <= low
                      : false;
      if (hit) return { fill: format.fill ?? "", fontColor: format.fontColor ?? "" };
    }
    return undefined;
  }

  setValidation(sheet: HostSheet, rect: Rect, rule: unknown): void {
    if (typeof rule !== "object" || rule === null)
      throw new HostError(
        "InvalidArgument",
        "A data validation rule is an object such as {list: {source}}."
      );
    const kinds = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] != null);
    const known = ["list", "wholeNumber", "decimal", "textLength", "date", "time", "custom"];
    if (kinds.length !== 1 || !known.includes(kinds[0]))
      throw new HostError(
        "InvalidArgument",
        "A data validation rule has exactly one kind (list, decimal, …)."
      );
    const list = (rule as { list?: { source?: unknown } }).list;
    if (list) {
      if (typeof list.source !== "string" || list.source.trim() === "")
        throw new HostError("InvalidArgument", "A list rule has a source: items or a reference.");
      // Excel's data validation dialog and API take a list source of up to 255 characters.
      if (list.source.length > 255)
        throw new HostError(
          "InvalidArgument",
          `The list's source has ${list.source.length} characters; Excel's limit is 255.`
        );
    }
    if (
      sheet.validations.some(
        (v) => overlaps(v.range, rect) && JSON.stringify(v.range) !== JSON.stringify(rect)
      )
    )
      throw new HostError(
        "InvalidOperation",
        "Clear the data validation of these cells before setting a new rule."
      );
    sheet.validations = [
      ...sheet.validations.filter((v) => !overlaps(v.range, rect)),
      { range: rect, rule: rule as Record<string, unknown> },
    ];
    this.changed();
  }

  validationAt(sheet: HostSheet, rect: Rect): HostValidation | undefined {
    return sheet.validations.find((v) => overlaps(v.range, rect));
  }

  clearValidation(sheet: HostSheet, rect: Rect): void {
    sheet.validations = sheet.validations.filter((v) => !overlaps(v.range, rect));
    this.changed();
  }

  /** The choices of a list rule: its items, or the values of the range it names. */
  validationChoices(sheetName: string, a1: string): readonly string[] | undefined {
    const sheet = this.sheet(sheetName);
    const { row, column } = parseCell(a1);
    const validation = sheet.validations.find((v) => contains(v.range, row, column));
    const list = validation?.rule.list as { source?: string } | undefined;
    if (!list?.source) return undefined;
    const source = String(list.source);
    if (!source.startsWith("=")) return source.split(",").map((s) => s.trim());
    // =INDIRECT("Scenarios[Scenario]"): the way a list follows a table's column as it grows.
    const tokens = solidTokens(source);
    const indirect =
      tokens?.length === 4 &&
      /^INDIRECT$/i.test(tokens[0].text) &&
      tokens[1].kind === "open" &&
      tokens[2].kind === "string" &&
      tokens[3].kind === "close"
        ? tokens[2].text.slice(1, -1).replace(/""/g, '"')
        : undefined;
    const resolved = resolveStructuredReferences(
      indirect !== undefined ? `=${indirect}` : source,
      this.locations()
    );
    const bare = resolved.replace(/^=/, "");
    const reference = bare.includes("!")
      ? this.referenceOf(bare)
      : parseRect(bare)
        ? { sheet, rect: parseRect(bare) as Rect }
        : undefined;
    const named =
      reference ?? (this.findName(bare)?.target as { sheet: HostSheet; rect: Rect } | undefined);
    if (!named) return undefined;
    return this.grid(named.rect, (r, c) => String(excelValue(this.valueAt(named.sheet, r, c))))
      .flat()
      .filter((s) => s !== "");
  }

  freeze(sheet: HostSheet, rows: number, columns: number): void {
    if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 0 || columns < 0)
      throw new HostError("InvalidArgument", "Freeze a whole number of rows or columns.");
    sheet.frozenRows = rows;
    sheet.frozenColumns = columns;
    this.changed();
  }

  // --- what the workbench's grid and the export read, by sheet name and A1

  cellOf(sheet: HostSheet, row: number, column: number): WorkbenchCell {
    const value = this.valueAt(sheet, row, column);
    const numberFormat = this.numberFormatAt(sheet, row, column);
    const look = sheet.looks.get(keyOf(row, column));
    const spilledFrom = this.spilledFrom(sheet, row, column);
    return {
      value,
      input: this.inputAt(sheet, row, column),
      display: formatValue(value, numberFormat),
      numberFormat,
      ...(look ? { look } : {}),
      ...(spilledFrom ? { spilledFrom } : {}),
    };
  }

  cell(sheetName: string, a1: string): WorkbenchCell {
    const { row, column } = parseCell(a1);
    return this.cellOf(this.sheet(sheetName), row, column);
  }

  value(sheetName: string, a1: string): WorkbenchValue {
    const { row, column } = parseCell(a1);
    return this.valueAt(this.sheet(sheetName), row, column);
  }

  spill(sheetName: string, a1: string): { rows: number; columns: number } {
    const { row, column } = parseCell(a1);
    return this.spillSize(this.sheet(sheetName), row, column);
  }

  /** Rows and columns in use from A1 (at least 1 × 1). */
  size(sheetName: string): { rows: number; columns: number } {
    const used = this.usedRange(this.sheet(sheetName));
    return { rows: used ? used.bottom + 1 : 1, columns: used ? used.right + 1 : 1 };
  }

  /** As if typed into the cell: "=…" a formula, "30%" a number 0.3, "2026-03-11" a date, else text. */
  setInput(sheetName: string, a1: string, input: string): void {
    const { row, column } = parseCell(a1);
    this.typeInto(this.sheet(sheetName), row, column, input);
  }
}
