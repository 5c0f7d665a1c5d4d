/**
 * A small in-memory Excel behind office-addin-mock: the request context is an OfficeMockObject (so
 * collections' `items` can be read only after `load` and `sync`, as in Office.js), and the methods the
 * applier calls act on an in-memory workbook and append to a call log. Operations apply as they
 * are queued, so a failure part-way leaves what came before it, as Excel does with a failed batch.
 */
import { OfficeMockObject } from "office-addin-mock";
import { area, parseCell, quoteSheet } from "../../src/plans/a1";
import type { ExcelRun } from "../../src/taskpane/apply";

export interface FakeCell {
  formula?: unknown;
  numberFormat?: string;
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

function cellName(row: number, column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  readonly log: string[] = [];
  syncs = 0;
  runs = 0;
  activeCell = "A1";
  private nextId = 1;

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

  value(sheet: string, cell: string): unknown {
    return this.sheet(sheet).cells.get(cell)?.formula;
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
    const write = (key: "formula" | "numberFormat", matrix: unknown[][]) => {
      const start = parseCell(address.split(":")[0]);
      matrix.forEach((row, i) =>
        row.forEach((value, j) => {
          const name = cellName(start.row + i, start.column + j);
          const cell = sheet.cells.get(name) ?? {};
          (cell as Record<string, unknown>)[key] = value;
          sheet.cells.set(name, cell);
        })
      );
    };
    return {
      set formulas(matrix: unknown[][]) {
        fake.record(`${sheet.name}!${address} formulas`);
        write("formula", matrix);
      },
      set values(matrix: unknown[][]) {
        fake.record(`${sheet.name}!${address} values`);
        write("formula", matrix);
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
          delete cell.formula;
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
      sheet,
      address,
    };
  }

  private worksheet(sheet: FakeSheet) {
    const fake = this;
    return {
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
        add: (type: string, source: { address: string }, seriesBy: string) => {
          fake.record(`${sheet.name} charts.add ${type} ${source.address} ${seriesBy}`);
          const chart = { name: "", type, source: source.address };
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
      activate: () => fake.record(`activate ${sheet.name}`),
      delete: () => {
        fake.record(`delete sheet ${sheet.name}`);
        sheet.deleted = true;
      },
      get isNullObject() {
        return false;
      },
    };
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
          add: (name: string, range: { sheet: FakeSheet; address: string }, comment: string) => {
            fake.record(`add name ${name} → ${range.sheet.name}!${range.address}`);
            return nameProxy(
              fake.addName(name, { sheet: range.sheet, cell: range.address }, comment)
            );
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
        getActiveCell: () => {
          const cell = fake.range(fake.liveSheets()[0] ?? fake.addSheet("Sheet1"), fake.activeCell);
          return Object.assign(cell, {
            load: () => undefined,
            address: `${quoteSheet(cell.sheet.name)}!${fake.activeCell}`,
          });
        },
      },
      application: {
        suspendApiCalculationUntilNextSync: () => fake.record("suspend calculation"),
        suspendScreenUpdatingUntilNextSync: () => fake.record("suspend screen updating"),
      },
    }) as unknown as { sync: () => Promise<void>; workbook: Record<string, { items: unknown }> };
    const collections = mock.workbook as unknown as Record<string, OfficeMockObject>;
    // What a load of "items" brings back at the next sync: the collection as it is then.
    const current: Record<string, () => unknown[]> = {
      worksheets: () => fake.liveSheets().map((s) => ({ name: s.name, id: s.id })),
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
    if (this.options.failRun)
      throw Object.assign(new Error("Excel is busy: a cell is being edited."), {
        code: "InvalidOperation",
      });
    return batch(this.context() as Excel.RequestContext);
  };
}
