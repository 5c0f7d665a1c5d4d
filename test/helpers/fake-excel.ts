/**
 * A small in-memory Excel behind office-addin-mock: the request context is an OfficeMockObject (so
 * collections' `items` can be read only after `load` and `sync`, as in Office.js), and the methods the
 * applier calls act on an in-memory workbook and append to a call log. Operations apply as they
 * are queued, so a failure part-way leaves what came before it, as Excel does with a failed batch.
 *
 * Cells hold what was written (`formula`: a formula or a constant) and, apart from it, what Excel
 * computed (`value`, set by a test with `setValue`, which also lays a spill). Ranges read as in
 * Office.js: `load` first, the properties after the next sync, an error before.
 */
import { OfficeMockObject } from "office-addin-mock";
import { area, parseCell, quoteSheet } from "../../src/plans/a1";
import type { ExcelRun } from "../../src/taskpane/apply";

export interface FakeCell {
  /** What was written: a formula ("=…") or a constant. */
  formula?: unknown;
  numberFormat?: string;
  /** What Excel computed for a formula, or the value a spill put here (see `spilledFrom`). */
  value?: unknown;
  /** A constant written as text ("'…" through `formulas`, or `values` under the "@" format). */
  text?: boolean;
  /** On a spill's anchor: its size. */
  spill?: { rows: number; columns: number };
  /** On the other cells of a spill: the anchor. */
  spilledFrom?: string;
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  address: string;
  style?: string;
  deleted?: boolean;
}

export interface FakeSheet {
  name: string;
  id: string;
  cells: Map<string, FakeCell>;
  charts: { name: string; type: string; source: string }[];
  tabColor?: string;
  frozenRows?: number;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  deleted?: boolean;
}

export interface FakeName {
  name: string;
  comment: string;
  visible: boolean;
  /** A name that refers to a cell follows its sheet through renames, as in Excel. */
  readonly formula: string;
  target?: { sheet: FakeSheet; cell: string };
  fixedFormula?: string;
}

export interface FakeExcelOptions {
  /** Throw when the log is about to record an entry matching this (a failure part-way). */
  failOn?: RegExp;
  /** Throw at the n-th operation (0-based) of each run, whatever it is. */
  failAtStep?: number;
  /** Fail the Excel.run itself before the batch runs (Excel unavailable, workbook busy). */
  failRun?: boolean;
  /** A host without ExcelApi 1.12: no getSpillingToRangeOrNullObject. */
  noSpillApi?: boolean;
}

const ERROR_TEXT = /^#(N\/A|VALUE!|NUM!|DIV\/0!|REF!|NAME\?|NULL!|SPILL!|CALC!)$/;

const isFormula = (cell: FakeCell | undefined) =>
  typeof cell?.formula === "string" && cell.formula.startsWith("=") && !cell.text;

/** A cell's value as Office.js `values` gives it: "" for an empty cell, 0 for an uncomputed formula. */
function valueOf(cell: FakeCell | undefined): unknown {
  if (!cell) return "";
  if (cell.value !== undefined) return cell.value;
  if (isFormula(cell)) return 0;
  return cell.formula ?? "";
}

function valueTypeOf(value: unknown): string {
  if (value === "" || value === null || value === undefined) return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return ERROR_TEXT.test(String(value)) ? "Error" : "String";
}

function cellsOf(address: string): string[] {
  const [start, end] = address.split(":");
  const a = parseCell(start);
  const b = parseCell(end ?? start);
  const out: string[] = [];
  for (let r = a.row; r <= b.row; r++)
    for (let c = a.column; c <= b.column; c++) out.push(cellName(r, c));
  return out;
}

function areaOf(a1: string, rows: number, columns: number): string {
  const start = parseCell(a1);
  const end = cellName(start.row + rows - 1, start.column + columns - 1);
  return rows === 1 && columns === 1 ? a1 : `${a1}:${end}`;
}

function cellName(row: number, column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** Properties that a range or sheet gives only once loaded. */
const LOADED = new Set(["address", "formulas", "values", "valueTypes", "numberFormat", "name"]);

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  readonly log: string[] = [];
  syncs = 0;
  runs = 0;
  activeCell = "A1";
  /** The active sheet's name; the first live sheet when unset. */
  activeSheet?: string;
  /** The selection, on the active sheet: "B4:C30". */
  selection = "A1";
  private nextId = 1;
  /** Loads queued since the last sync: each captures its properties when the sync runs. */
  private pendingLoads: (() => void)[] = [];

  constructor(readonly options: FakeExcelOptions = {}) {}

  /** Operations recorded since the current run began. */
  private step = 0;

  record(entry: string): void {
    const failing = this.options.failOn?.test(entry) || this.options.failAtStep === this.step;
    this.step++;
    if (failing)
      throw Object.assign(new Error(`The operation failed: ${entry}`), {
        code: "GeneralException",
      });
    this.log.push(entry);
  }

  addSheet(name: string): FakeSheet {
    const sheet: FakeSheet = { name, id: `{sheet-${this.nextId++}}`, cells: new Map(), charts: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find(
      (s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase()
    );
    if (!found)
      throw Object.assign(new Error(`The requested resource doesn't exist: sheet ${name}`), {
        code: "ItemNotFound",
      });
    return found;
  }

  liveSheets(): FakeSheet[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  /** The sheet the analyst is on. */
  activeWorksheet(): FakeSheet {
    const named = this.activeSheet && this.liveSheets().find((s) => s.name === this.activeSheet);
    return named || this.liveSheets()[0] || this.addSheet("Sheet1");
  }

  value(sheet: string, cell: string): unknown {
    return this.sheet(sheet).cells.get(cell)?.formula;
  }

  /**
   * What Excel computed in a cell, as a test sets it: one value, or a 2-D array that the formula in
   * `a1` spills over the cells below and to its right (which must be free, as Excel needs them).
   */
  setValue(sheet: string, a1: string, value: unknown): void {
    const data = this.sheet(sheet);
    const anchor = data.cells.get(a1) ?? {};
    data.cells.set(a1, anchor);
    this.collapseSpill(data, a1);
    if (!Array.isArray(value)) {
      anchor.value = value;
      return;
    }
    const rows = value as unknown[][];
    const start = parseCell(a1);
    rows.forEach((row, i) =>
      row.forEach((item, j) => {
        if (i === 0 && j === 0) return;
        const name = cellName(start.row + i, start.column + j);
        const cell = data.cells.get(name) ?? {};
        if (cell.formula !== undefined && cell.formula !== "")
          throw new Error(`${sheet}!${name} is not free for the spill from ${a1}`);
        cell.value = item;
        cell.spilledFrom = a1;
        data.cells.set(name, cell);
      })
    );
    anchor.value = rows[0][0];
    anchor.spill = { rows: rows.length, columns: rows[0].length };
  }

  /** The cells Excel's grid shows: what was written, and what formulas computed and spilled. */
  shown(sheet: string, a1: string): { formula: unknown; value: unknown } {
    const cell = this.sheet(sheet).cells.get(a1);
    return { formula: this.formulaOf(cell), value: valueOf(cell) };
  }

  /** A formula's spill goes when anything is written over its anchor: its other cells empty. */
  private collapseSpill(sheet: FakeSheet, a1: string): void {
    const anchor = sheet.cells.get(a1);
    if (!anchor?.spill) return;
    for (const [name, cell] of sheet.cells) {
      if (cell.spilledFrom !== a1) continue;
      delete cell.value;
      delete cell.spilledFrom;
      if (cell.formula === undefined && cell.numberFormat === undefined) sheet.cells.delete(name);
    }
    delete anchor.spill;
  }

  /** Office.js `formulas` of a cell: the formula, else the value shown, else "". */
  private formulaOf(cell: FakeCell | undefined): unknown {
    if (!cell) return "";
    if (isFormula(cell)) return cell.formula;
    if (cell.spilledFrom) return cell.value ?? "";
    return cell.formula ?? "";
  }

  /** The rectangle of cells holding something, or undefined for an empty sheet. */
  private usedArea(sheet: FakeSheet): string | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [name, cell] of sheet.cells) {
      if ((cell.formula === undefined || cell.formula === "") && cell.value === undefined) continue;
      const { row, column } = parseCell(name);
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    if (bottom < 0) return undefined;
    const first = cellName(top, left);
    const last = cellName(bottom, right);
    return first === last ? first : `${first}:${last}`;
  }

  /** A property of a range as Office.js loads it. */
  private readProperty(sheet: FakeSheet, a1: string, property: string): unknown {
    if (property === "address") return `${quoteSheet(sheet.name)}!${a1}`;
    const [start, end = start] = a1.split(":");
    const a = parseCell(start);
    const b = parseCell(end);
    const grid = (read: (cell: FakeCell | undefined) => unknown) =>
      Array.from({ length: b.row - a.row + 1 }, (_, i) =>
        Array.from({ length: b.column - a.column + 1 }, (__, j) =>
          read(sheet.cells.get(cellName(a.row + i, a.column + j)))
        )
      );
    if (property === "formulas") return grid((cell) => this.formulaOf(cell));
    if (property === "values") return grid(valueOf);
    if (property === "valueTypes") return grid((cell) => valueTypeOf(valueOf(cell)));
    if (property === "numberFormat") return grid((cell) => cell?.numberFormat ?? "General");
    throw new Error(`The fake Excel does not load ${property}`);
  }

  /**
   * `load` as Office.js does it: the properties are read when the next sync runs, and reading one
   * before that throws.
   */
  private loadable<T extends object>(
    target: T,
    describe: string,
    read: (property: string) => unknown
  ): T & { load(properties?: string | string[]): T } {
    const fake = this;
    const loaded = new Map<string, unknown>();
    const proxy = new Proxy(target, {
      get(object, property, receiver) {
        if (property === "load")
          return (properties: string | string[] = "") => {
            const list = (Array.isArray(properties) ? properties : properties.split(","))
              .map((p) => p.trim())
              .filter(Boolean);
            fake.record(`load ${describe} ${list.join(",")}`);
            fake.pendingLoads.push(() => {
              for (const p of list) loaded.set(p, read(p));
            });
            return proxy;
          };
        if (typeof property === "string" && LOADED.has(property) && !(property in object)) {
          if (!loaded.has(property))
            throw new Error(
              `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
            );
          return loaded.get(property);
        }
        return Reflect.get(object, property, receiver);
      },
    });
    return proxy as T & { load(properties?: string | string[]): T };
  }

  private range(sheet: FakeSheet, address: string) {
    const fake = this;
    const format = (key: string) =>
      new Proxy({} as Record<string, unknown>, {
        set(_, property, value) {
          fake.record(
            `${sheet.name}!${address} ${key}${String(property)} = ${JSON.stringify(value)}`
          );
          return true;
        },
      });
    const cells =
      address.includes(":") && !/^[A-Z]+:[A-Z]+$/.test(address) ? cellsOf(address) : [address];
    const write = (key: "formula" | "numberFormat", matrix: unknown[][], how?: "values") => {
      const start = parseCell(address.split(":")[0]);
      matrix.forEach((row, i) =>
        row.forEach((value, j) => {
          const name = cellName(start.row + i, start.column + j);
          const cell = sheet.cells.get(name) ?? {};
          sheet.cells.set(name, cell);
          if (key === "numberFormat") {
            cell.numberFormat = value as string;
            return;
          }
          fake.collapseSpill(sheet, name);
          if (cell.spilledFrom) {
            // Typed into another formula's spill: Excel shows #SPILL! at the anchor.
            const anchor = sheet.cells.get(cell.spilledFrom);
            fake.collapseSpill(sheet, cell.spilledFrom);
            if (anchor) anchor.value = "#SPILL!";
          }
          delete cell.value;
          delete cell.text;
          if (typeof value === "string" && value.startsWith("'") && how !== "values") {
            cell.formula = value.slice(1);
            cell.text = true;
          } else {
            cell.formula = value;
            if (how === "values" && typeof value === "string" && cell.numberFormat === "@")
              cell.text = true;
          }
        })
      );
    };
    const range = {
      set formulas(matrix: unknown[][]) {
        fake.record(`${sheet.name}!${address} formulas`);
        write("formula", matrix);
      },
      set values(matrix: unknown[][]) {
        fake.record(`${sheet.name}!${address} values`);
        write("formula", matrix, "values");
      },
      set numberFormat(matrix: unknown[][]) {
        fake.record(`${sheet.name}!${address} numberFormat`);
        write("numberFormat", matrix);
      },
      format: {
        font: format("font."),
        fill: format("fill."),
        set columnWidth(width: number) {
          fake.record(`${sheet.name}!${address} columnWidth = ${width}`);
        },
      },
      clear(kind: string) {
        fake.record(`${sheet.name}!${address} clear ${kind}`);
        // As in Excel, clearing contents keeps the cells' formats.
        for (const name of cells) {
          const cell = sheet.cells.get(name);
          if (!cell) continue;
          fake.collapseSpill(sheet, name);
          delete cell.formula;
          delete cell.value;
          delete cell.text;
          if (kind !== "Contents" || cell.numberFormat === undefined) sheet.cells.delete(name);
        }
      },
      conditionalFormats: {
        clearAll: () => fake.record(`${sheet.name}!${address} conditionalFormats.clearAll`),
        add: (type: string) => {
          fake.record(`${sheet.name}!${address} conditionalFormats.add ${type}`);
          return { cellValue: { format: { fill: {}, font: {} }, rule: {} } };
        },
      },
      /** Where the formula in this (one-cell) range spills, or a null object (ExcelApi 1.12). */
      getSpillingToRangeOrNullObject: () => {
        if (fake.options.noSpillApi)
          throw Object.assign(new Error("getSpillingToRangeOrNullObject is not supported"), {
            code: "ApiNotFound",
          });
        fake.record(`${sheet.name}!${address} getSpillingToRangeOrNullObject`);
        return fake.lazyRange(sheet, () => {
          const spill = sheet.cells.get(address)?.spill;
          return spill ? areaOf(address, spill.rows, spill.columns) : undefined;
        });
      },
      worksheet: undefined as unknown,
      sheet,
      a1: address,
    };
    Object.defineProperty(range, "worksheet", { get: () => fake.worksheet(sheet) });
    return fake.loadable(range, `${sheet.name}!${address}`, (property) =>
      fake.readProperty(sheet, address, property)
    );
  }

  /**
   * A range known only when the sync runs (a used range, a spill): its address and properties are
   * read then; `isNullObject` when there is none.
   */
  private lazyRange(sheet: FakeSheet, locate: () => string | undefined) {
    const fake = this;
    let where: string | undefined | null = null;
    fake.pendingLoads.push(() => {
      where = locate();
    });
    const found = () => {
      if (where === null) throw new Error("isNullObject is not available before context.sync()");
      return where;
    };
    const target = {
      get isNullObject() {
        return found() === undefined;
      },
    };
    return fake.loadable(target, `${sheet.name}!<range>`, (property) =>
      where ? fake.readProperty(sheet, where, property) : undefined
    );
  }

  private worksheet(sheet: FakeSheet) {
    const fake = this;
    const worksheet = {
      get name() {
        return sheet.name;
      },
      set name(name: string) {
        fake.record(`rename ${sheet.name} → ${name}`);
        sheet.name = name;
      },
      set tabColor(color: string) {
        fake.record(`${sheet.name} tabColor`);
        sheet.tabColor = color;
      },
      getRange: (address: string) => fake.range(sheet, address),
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          fake.record(`${sheet.name} tables.add ${address} ${hasHeaders}`);
          const table: FakeTable = { name: `Table${fake.tables.length + 1}`, sheet, address };
          fake.tables.push(table);
          return {
            set name(name: string) {
              fake.record(`table name ${name}`);
              table.name = name;
            },
            set style(style: string) {
              table.style = style;
            },
          };
        },
      },
      charts: {
        add: (type: string, source: { a1: string }, seriesBy: string) => {
          fake.record(`${sheet.name} charts.add ${type} ${source.a1} ${seriesBy}`);
          const chart = { name: "", type, source: source.a1 };
          sheet.charts.push(chart);
          const series = { axisGroup: "Primary", chartType: type };
          return {
            set name(name: string) {
              chart.name = name;
            },
            title: {},
            setPosition: (from: string, to: string) => fake.record(`chart position ${from}:${to}`),
            axes: { valueAxis: {} },
            series: { getItemAt: () => series },
          };
        },
      },
      freezePanes: {
        freezeRows: (rows: number) => {
          fake.record(`${sheet.name} freezeRows ${rows}`);
          sheet.frozenRows = rows;
        },
      },
      get id() {
        return sheet.id;
      },
      get visibility() {
        return sheet.visibility ?? "Visible";
      },
      set visibility(visibility: "Visible" | "Hidden" | "VeryHidden") {
        fake.record(`${sheet.name} visibility = ${visibility}`);
        sheet.visibility = visibility;
      },
      /** The cells holding something (values only, formats ignored), or a null object. */
      getUsedRangeOrNullObject: (valuesOnly?: boolean) => {
        fake.record(`${sheet.name} getUsedRangeOrNullObject ${valuesOnly === true}`);
        return fake.lazyRange(sheet, () => fake.usedArea(sheet));
      },
      activate: () => {
        fake.record(`activate ${sheet.name}`);
        fake.activeSheet = sheet.name;
      },
      delete: () => {
        fake.record(`delete sheet ${sheet.name}`);
        sheet.deleted = true;
      },
      get isNullObject() {
        return false;
      },
    };
    return fake.loadable(worksheet, sheet.name, (property) => {
      if (property === "name") return sheet.name;
      throw new Error(`The fake Excel does not load a sheet's ${property}`);
    });
  }

  private addName(
    name: string,
    target: { sheet: FakeSheet; cell: string },
    comment: string
  ): FakeName {
    const entry: FakeName = {
      name,
      comment,
      visible: true,
      target,
      get formula() {
        if (this.fixedFormula) return this.fixedFormula;
        const t = this.target as { sheet: FakeSheet; cell: string };
        return t.sheet.deleted
          ? `=#REF!${area(t.cell, 1, 1, true)}`
          : `=${quoteSheet(t.sheet.name)}!${area(t.cell, 1, 1, true)}`;
      },
    };
    this.names.push(entry);
    return entry;
  }

  /** A workbook name that refers to a cell, as the analyst or an earlier run made it. */
  defineName(name: string, sheet: string, cell: string, comment = ""): FakeName {
    return this.addName(name, { sheet: this.sheet(sheet), cell }, comment);
  }

  /** The request context: an OfficeMockObject whose collections load and sync as Office.js's do. */
  context(): unknown {
    const fake = this;
    const liveNames = () => fake.names.filter((n) => !(n as { deleted?: boolean }).deleted);
    const nameProxy = (entry: FakeName) => ({
      set formula(formula: string) {
        fake.record(`name ${entry.name} formula = ${formula}`);
        const match = formula.match(/^=(?:'((?:[^']|'')+)'|([^!']+))!\$?([A-Z]+)\$?(\d+)$/);
        if (match)
          entry.target = {
            sheet: fake.sheet((match[1] ?? match[2]).replace(/''/g, "'")),
            cell: `${match[3]}${match[4]}`,
          };
      },
      set visible(visible: boolean) {
        entry.visible = visible;
      },
      set comment(comment: string) {
        fake.record(`name ${entry.name} comment`);
        entry.comment = comment;
      },
      delete: () => {
        fake.record(`delete name ${entry.name}`);
        (entry as { deleted?: boolean }).deleted = true;
      },
      get isNullObject() {
        return false;
      },
    });
    const nullObject = { isNullObject: true, delete: () => fake.record("delete null object") };
    const mock = new OfficeMockObject({
      workbook: {
        worksheets: {
          items: [],
          add: (name: string) => {
            fake.record(`add sheet ${name}`);
            return fake.worksheet(fake.addSheet(name));
          },
          getItem: (name: string) => fake.worksheet(fake.sheet(name)),
          getActiveWorksheet: () => fake.worksheet(fake.activeWorksheet()),
          getItemOrNullObject: (name: string) => {
            const sheet = fake
              .liveSheets()
              .find((s) => s.name.toLowerCase() === name.toLowerCase());
            return sheet ? fake.worksheet(sheet) : nullObject;
          },
        },
        tables: {
          items: [],
          getItem: (name: string) => {
            const table = fake.tables.find(
              (t) => !t.deleted && t.name.toLowerCase() === name.toLowerCase()
            );
            if (!table)
              throw Object.assign(new Error(`No table ${name}`), { code: "ItemNotFound" });
            return {
              set style(style: string) {
                table.style = style;
              },
            };
          },
        },
        names: {
          items: [],
          add: (name: string, range: { sheet: FakeSheet; a1: string }, comment: string) => {
            fake.record(`add name ${name} → ${range.sheet.name}!${range.a1}`);
            return nameProxy(fake.addName(name, { sheet: range.sheet, cell: range.a1 }, comment));
          },
          getItem: (name: string) => {
            const entry = liveNames().find((n) => n.name.toLowerCase() === name.toLowerCase());
            if (!entry) throw Object.assign(new Error(`No name ${name}`), { code: "ItemNotFound" });
            return nameProxy(entry);
          },
          getItemOrNullObject: (name: string) => {
            const entry = liveNames().find((n) => n.name.toLowerCase() === name.toLowerCase());
            return entry ? nameProxy(entry) : nullObject;
          },
        },
        getActiveCell: () => fake.range(fake.activeWorksheet(), fake.activeCell),
        getSelectedRange: () => fake.range(fake.activeWorksheet(), fake.selection),
      },
      application: {
        suspendApiCalculationUntilNextSync: () => fake.record("suspend calculation"),
        suspendScreenUpdatingUntilNextSync: () => fake.record("suspend screen updating"),
      },
    }) as unknown as { sync: () => Promise<void>; workbook: Record<string, { items: unknown }> };
    const collections = mock.workbook as unknown as Record<string, OfficeMockObject>;
    // What a load of "items" brings back at the next sync: the collection as it is then.
    const current: Record<string, () => unknown[]> = {
      worksheets: () =>
        fake
          .liveSheets()
          .map((s) => ({ name: s.name, id: s.id, visibility: s.visibility ?? "Visible" })),
      tables: () =>
        fake.tables.filter((t) => !t.deleted && !t.sheet.deleted).map((t) => ({ name: t.name })),
      names: () =>
        liveNames().map((n) => ({
          name: n.name,
          comment: n.comment,
          formula: n.formula,
          visible: n.visible,
        })),
    };
    const sync = mock.sync.bind(mock);
    for (const key of Object.keys(current)) {
      const collection = collections[key];
      const load = collection.load.bind(collection);
      collection.load = (argument?: unknown) => {
        fake.record(`load ${key} ${String(argument)}`);
        // setValue is the mock's own way to (re)populate a property; typings keep it private.
        (collection as unknown as { setValue(name: string, value: unknown): void }).setValue(
          "items",
          current[key]()
        );
        return load(argument as string);
      };
    }
    mock.sync = async () => {
      fake.syncs++;
      fake.record("sync");
      const loads = fake.pendingLoads;
      fake.pendingLoads = [];
      for (const capture of loads) capture();
      await sync();
      // office-addin-mock syncs nested objects in an un-awaited forEach: let those updates land.
      await new Promise((resolve) => setImmediate(resolve));
    };
    return mock;
  }

  /** Excel.run on this workbook: a fresh context per run. */
  readonly run: ExcelRun = async (batch) => {
    this.runs++;
    this.step = 0;
    this.pendingLoads = [];
    if (this.options.failRun)
      throw Object.assign(new Error("Excel is busy: a cell is being edited."), {
        code: "InvalidOperation",
      });
    return batch(this.context() as Excel.RequestContext);
  };
}
