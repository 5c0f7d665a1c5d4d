/**
 * The Excel JavaScript API's objects over the host's workbook: for each class CNAI's code uses, its
 * properties (camelCase, as `load` names them), its navigation properties and methods (PascalCase,
 * as Microsoft's client sends them), each with Excel's documented behaviour. The protocol
 * (src/host/protocol.ts) looks members up here; a member that is not here answers `ApiNotFound`
 * with its name, so an unimplemented call fails loudly instead of succeeding silently.
 *
 * To add a member: find the class below, add the property to `props` (get, and set if Excel lets
 * it be set) or the method to `methods`, doing what Excel's reference says, and test it through
 * the client (test/host/).
 */
import { quoteSheet } from "../plans/a1";
import { numberFormatProblem } from "./format";
import {
  HostChart,
  HostConditionalFormat,
  HostError,
  HostName,
  HostSheet,
  HostTable,
  HostWorkbook,
  Look,
  MAX_COLUMNS,
  MAX_ROWS,
  Rect,
  checkComment,
  excelValue,
  parseRect,
  rectAddress,
  rectColumns,
  rectRows,
} from "./workbook";

type Getter = () => unknown;
type Setter = (value: unknown) => void;
type Method = (...args: unknown[]) => unknown;

interface Members {
  /** Scalar properties by camelCase name. */
  readonly props?: Readonly<Record<string, { readonly get: Getter; readonly set?: Setter }>>;
  /** Navigation properties and object-returning methods, by PascalCase name. */
  readonly objects?: Readonly<Record<string, Method>>;
  /** Methods that act or return a value, by PascalCase name. */
  readonly methods?: Readonly<Record<string, Method>>;
  /** A collection's items, for `load("items")`. */
  readonly items?: () => readonly ApiObject[];
}

/** One object of the API: its class name and its members. */
export class ApiObject {
  constructor(
    readonly className: string,
    readonly members: Members,
    /** The cells, for a Range passed as an argument. */
    readonly range?: { readonly sheet: HostSheet; readonly rect: Rect },
    /** Which one it is, for the host's log: a sheet's or a table's name. */
    private readonly identity?: () => string
  ) {}

  /** "Range 'CNAI Model'!B4:C9", "Worksheet Chip Parity": for the host's log. */
  get label(): string {
    const which =
      this.identity?.() ??
      (this.range ? `${quoteSheet(this.range.sheet.name)}!${rectAddress(this.range.rect)}` : "");
    return which ? `${this.className} ${which}` : this.className;
  }

  private notFound(member: string): HostError {
    return new HostError(
      "ApiNotFound",
      `${this.className}.${member} is not implemented by CNAI's Excel host.`,
      `${this.className}.${member}`
    );
  }

  get(name: string): unknown {
    const prop = this.members.props?.[name];
    if (!prop) throw this.notFound(name);
    return prop.get();
  }

  set(name: string, value: unknown): void {
    const prop = this.members.props?.[name];
    if (!prop?.set) throw this.notFound(name);
    prop.set(value);
  }

  /** Names of every scalar property, for `load()` and `load("*")`. */
  propertyNames(): readonly string[] {
    return Object.keys(this.members.props ?? {});
  }

  /** A navigation property or a method returning an object; null for a null object. */
  object(name: string, args: readonly unknown[]): ApiObject | null {
    const make = this.members.objects?.[name];
    if (!make) throw this.notFound(camel(name));
    return make(...args) as ApiObject | null;
  }

  call(name: string, args: readonly unknown[]): unknown {
    const method = this.members.methods?.[name];
    if (!method) throw this.notFound(camel(name));
    return method(...args);
  }

  items(): readonly ApiObject[] | undefined {
    return this.members.items?.();
  }
}

export const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const readOnly = (get: Getter) => ({ get });

function text(value: unknown, what: string): string {
  if (typeof value !== "string")
    throw new HostError("InvalidArgument", `${what} is text; got ${JSON.stringify(value)}.`);
  return value;
}

function whole(value: unknown, what: string, min = 0): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min)
    throw new HostError("InvalidArgument", `${what} is a whole number from ${min}.`);
  return value;
}

function enumOf<T extends string>(value: unknown, choices: readonly T[], what: string): T {
  if (!choices.includes(value as T))
    throw new HostError(
      "InvalidArgument",
      `${what} is one of ${choices.join(", ")}; got "${value}".`
    );
  return value as T;
}

/** The API over one workbook. */
export class ExcelApi {
  constructor(readonly book: HostWorkbook) {}

  // --- addresses

  /** A range's address as Excel gives it: `'CNAI Model'!B4:C9`. */
  private address(sheet: HostSheet, rect: Rect): string {
    return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
  }

  /**
   * A range argument: a Range object, or its address — "B4:C9" on `sheet` (the active sheet by
   * default), or "Sheet!B4:C9".
   */
  private rangeArgument(value: unknown, sheet?: HostSheet): { sheet: HostSheet; rect: Rect } {
    if (value instanceof ApiObject && value.range) return value.range;
    const address = text(value, "The range");
    // "Sheet!B4:C9" names its sheet; an address without one is undefined here.
    const found = this.book.referenceOf(address);
    if (found) return found;
    const rect = parseRect(address);
    if (!rect) {
      const name = this.book.findName(address);
      if (name?.target) return name.target;
      throw new HostError("InvalidArgument", `"${address}" is not a range address.`);
    }
    return { sheet: sheet ?? this.book.activeSheet(), rect };
  }

  // --- the objects

  workbook(): ApiObject {
    const { book } = this;
    return new ApiObject("Workbook", {
      objects: {
        Worksheets: () => this.worksheets(),
        Tables: () => this.tables(),
        Names: () => this.names(),
        Application: () => this.application(),
        GetActiveCell: () => {
          const sheet = book.activeSheet();
          const { top, left } = sheet.selection;
          return this.range(sheet, { top, left, bottom: top, right: left });
        },
        GetSelectedRange: () => {
          const sheet = book.activeSheet();
          return this.range(sheet, sheet.selection);
        },
      },
    });
  }

  application(): ApiObject {
    const { book } = this;
    return new ApiObject("Application", {
      props: {
        calculationMode: {
          get: () => book.calculationMode,
          set: (mode) => book.setCalculationMode(String(mode)),
        },
      },
      methods: {
        // The protocol runs the rest of the request as one batch: recalculation waits for its end.
        SuspendApiCalculationUntilNextSync: () => undefined,
        SuspendScreenUpdatingUntilNextSync: () => {
          book.screenUpdatingSuspended = true;
        },
        Calculate: (type) => {
          enumOf(type, ["Recalculate", "Full", "FullRebuild"], "The calculation type");
          book.calculate();
        },
      },
    });
  }

  worksheets(): ApiObject {
    const { book } = this;
    const getItem = (name: unknown) => {
      const sheet = book.findSheet(text(name, "A sheet name"), true);
      if (!sheet) throw new HostError("ItemNotFound", `There is no sheet named "${name}".`);
      return this.worksheet(sheet);
    };
    return new ApiObject("WorksheetCollection", {
      objects: {
        GetItem: getItem,
        _Indexer: getItem,
        GetItemOrNullObject: (name) => {
          const sheet = book.findSheet(text(name, "A sheet name"), true);
          return sheet ? this.worksheet(sheet) : null;
        },
        Add: (name) =>
          this.worksheet(
            book.addSheet(
              name === undefined || name === null ? undefined : text(name, "A sheet name")
            )
          ),
        GetActiveWorksheet: () => this.worksheet(book.activeSheet()),
      },
      methods: {
        GetCount: (visibleOnly) => (visibleOnly ? book.sheets().length : book.worksheets().length),
      },
      items: () => book.worksheets().map((sheet) => this.worksheet(sheet)),
    });
  }

  worksheet(sheet: HostSheet): ApiObject {
    const { book } = this;
    const alive = () => {
      if (sheet.deleted)
        throw new HostError("ItemNotFound", `The sheet "${sheet.name}" was deleted.`);
      return sheet;
    };
    const getRange = (address: unknown) => {
      if (address === undefined || address === null || address === "")
        return this.range(alive(), {
          top: 0,
          left: 0,
          bottom: MAX_ROWS - 1,
          right: MAX_COLUMNS - 1,
        });
      const rect = parseRect(text(address, "The address"));
      if (!rect)
        throw new HostError("InvalidArgument", `"${address}" is not an address on a sheet.`);
      return this.range(alive(), rect);
    };
    return new ApiObject(
      "Worksheet",
      {
        props: {
          name: { get: () => sheet.name, set: (name) => book.renameSheet(alive(), name) },
          id: readOnly(() => sheet.id),
          position: readOnly(() => book.worksheets().indexOf(sheet)),
          visibility: { get: () => sheet.visibility, set: (v) => book.setVisibility(alive(), v) },
          tabColor: { get: () => sheet.tabColor, set: (c) => book.setTabColor(alive(), c) },
        },
        objects: {
          GetRange: getRange,
          GetRangeByIndexes: (row, column, rows, columns) => {
            const top = whole(row, "The start row");
            const left = whole(column, "The start column");
            return this.range(alive(), {
              top,
              left,
              bottom: top + whole(rows, "The row count", 1) - 1,
              right: left + whole(columns, "The column count", 1) - 1,
            });
          },
          GetCell: (row, column) => {
            const top = whole(row, "The row");
            const left = whole(column, "The column");
            return this.range(alive(), { top, left, bottom: top, right: left });
          },
          GetUsedRange: (valuesOnly) =>
            this.range(
              alive(),
              book.usedRange(sheet, valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 }
            ),
          GetUsedRangeOrNullObject: (valuesOnly) => {
            const used = book.usedRange(alive(), valuesOnly === true);
            return used ? this.range(sheet, used) : null;
          },
          Tables: () => this.tables(sheet),
          Charts: () => this.charts(sheet),
          FreezePanes: () => this.freezePanes(sheet),
        },
        methods: {
          Activate: () => book.activate(alive()),
          Delete: () => book.deleteSheet(alive()),
        },
      },
      undefined,
      () => sheet.name
    );
  }

  range(sheet: HostSheet, rect: Rect): ApiObject {
    const { book } = this;
    // Excel's grid is 1,048,576 rows by 16,384 columns: getCell, getOffsetRange, getResizedRange
    // and getRangeByIndexes beyond it answer InvalidArgument, as Excel does.
    if (rect.top < 0 || rect.left < 0 || rect.bottom >= MAX_ROWS || rect.right >= MAX_COLUMNS)
      throw new HostError(
        "InvalidArgument",
        `The range would leave the sheet: Excel's grid is ${MAX_ROWS.toLocaleString("en-US")} rows by ${MAX_COLUMNS.toLocaleString("en-US")} columns (A1:XFD1048576).`
      );
    const cells = <T>(read: (row: number, column: number) => T): T[][] => {
      if (rectRows(rect) * rectColumns(rect) > 5_000_000)
        throw new HostError(
          "ResponsePayloadSizeLimitExceeded",
          `Reading ${this.address(sheet, rect)} at once is more than Excel's response can carry.`
        );
      return book.grid(rect, read);
    };
    const spilling = () => {
      const { rows, columns } = book.spillSize(sheet, rect.top, rect.left);
      return rows * columns > 1
        ? this.range(sheet, {
            top: rect.top,
            left: rect.left,
            bottom: rect.top + rows - 1,
            right: rect.left + columns - 1,
          })
        : null;
    };
    const sub = (top: number, left: number, rows: number, columns: number) =>
      this.range(sheet, { top, left, bottom: top + rows - 1, right: left + columns - 1 });
    return new ApiObject(
      "Range",
      {
        props: {
          address: readOnly(() => this.address(sheet, rect)),
          rowCount: readOnly(() => rectRows(rect)),
          columnCount: readOnly(() => rectColumns(rect)),
          cellCount: readOnly(() => rectRows(rect) * rectColumns(rect)),
          rowIndex: readOnly(() => rect.top),
          columnIndex: readOnly(() => rect.left),
          values: {
            get: () => cells((r, c) => excelValue(book.valueAt(sheet, r, c))),
            set: (values) => book.write(sheet, rect, values, "values"),
          },
          formulas: {
            get: () => cells((r, c) => book.formulaAt(sheet, r, c)),
            set: (formulas) => book.write(sheet, rect, formulas, "formulas"),
          },
          numberFormat: {
            get: () => cells((r, c) => book.numberFormatAt(sheet, r, c)),
            set: (formats) => book.setNumberFormat(sheet, rect, formats),
          },
          valueTypes: readOnly(() =>
            cells((r, c) => {
              const value = book.valueAt(sheet, r, c);
              if (value === null) return "Empty";
              if (typeof value === "number") return "Double";
              if (typeof value === "boolean") return "Boolean";
              if (typeof value === "object") return "Error";
              return "String";
            })
          ),
          text: readOnly(() => cells((r, c) => book.cellOf(sheet, r, c).display)),
          hasSpill: readOnly(() => spilling() !== null),
        },
        objects: {
          Format: () => this.rangeFormat(sheet, rect),
          ConditionalFormats: () => this.conditionalFormats(sheet, rect),
          DataValidation: () => this.dataValidation(sheet, rect),
          Worksheet: () => this.worksheet(sheet),
          GetCell: (row, column) =>
            sub(rect.top + whole(row, "The row"), rect.left + whole(column, "The column"), 1, 1),
          GetRow: (row) => sub(rect.top + whole(row, "The row"), rect.left, 1, rectColumns(rect)),
          GetColumn: (column) =>
            sub(rect.top, rect.left + whole(column, "The column"), rectRows(rect), 1),
          GetOffsetRange: (rows, columns) => {
            if (typeof rows !== "number" || typeof columns !== "number")
              throw new HostError("InvalidArgument", "An offset is a number of rows and columns.");
            // Past any edge of the grid, before A1 included, `range` refuses it as Excel does.
            return sub(rect.top + rows, rect.left + columns, rectRows(rect), rectColumns(rect));
          },
          GetResizedRange: (rows, columns) => {
            if (typeof rows !== "number" || typeof columns !== "number")
              throw new HostError("InvalidArgument", "A resize is a number of rows and columns.");
            if (rectRows(rect) + rows < 1 || rectColumns(rect) + columns < 1)
              throw new HostError("InvalidArgument", "The resized range would have no cells.");
            return sub(rect.top, rect.left, rectRows(rect) + rows, rectColumns(rect) + columns);
          },
          GetSpillingToRangeOrNullObject: spilling,
          // The client writes an array of more than 1,500 cells as slices of rows, each the
          // bounding rectangle of its first and last row (after `_ValidateArraySize`).
          GetBoundingRect: (other) => {
            const { sheet: on, rect: theirs } = this.rangeArgument(other, sheet);
            if (on !== sheet)
              throw new HostError("InvalidArgument", "The ranges are on different sheets.");
            return this.range(sheet, {
              top: Math.min(rect.top, theirs.top),
              left: Math.min(rect.left, theirs.left),
              bottom: Math.max(rect.bottom, theirs.bottom),
              right: Math.max(rect.right, theirs.right),
            });
          },
          GetSpillingToRange: () => {
            const found = spilling();
            if (!found)
              throw new HostError("ItemNotFound", `${this.address(sheet, rect)} does not spill.`);
            return found;
          },
          GetUsedRangeOrNullObject: (valuesOnly) => {
            const used = book.usedRange(sheet, valuesOnly === true);
            if (!used) return null;
            const top = Math.max(used.top, rect.top);
            const left = Math.max(used.left, rect.left);
            const bottom = Math.min(used.bottom, rect.bottom);
            const right = Math.min(used.right, rect.right);
            return top <= bottom && left <= right
              ? this.range(sheet, { top, left, bottom, right })
              : null;
          },
        },
        methods: {
          // The client's check before it writes a large array in slices: the array fits the range.
          _ValidateArraySize: (rows, columns) => {
            if (rows !== rectRows(rect) || columns !== rectColumns(rect))
              throw new HostError(
                "InvalidArgument",
                `The array is ${rows}×${columns}; the range ${rectAddress(rect)} is ${rectRows(rect)}×${rectColumns(rect)}.`
              );
          },
          Clear: (applyTo) => book.clear(sheet, rect, applyTo),
          Select: () => book.select(sheet, rect),
        },
      },
      { sheet, rect }
    );
  }

  rangeFormat(sheet: HostSheet, rect: Rect): ApiObject {
    const { book } = this;
    const where = () => this.address(sheet, rect);
    const look = (property: keyof Look) => ({
      get: () => book.lookOf(sheet, rect, property),
      set: (value: unknown) => book.setLook(sheet, rect, property, value),
    });
    return new ApiObject(
      "RangeFormat",
      {
        props: {
          columnWidth: {
            get: () => book.columnWidthAt(sheet, rect.left),
            set: (points) => book.setColumnWidth(sheet, rect, points),
          },
        },
        objects: {
          Font: () =>
            new ApiObject(
              "RangeFont",
              {
                props: {
                  bold: look("bold"),
                  italic: look("italic"),
                  size: look("size"),
                  color: look("color"),
                },
              },
              undefined,
              where
            ),
          Fill: () =>
            new ApiObject(
              "RangeFill",
              {
                props: { color: look("fill") },
                methods: { Clear: () => book.setLook(sheet, rect, "fill", null) },
              },
              undefined,
              where
            ),
        },
      },
      undefined,
      where
    );
  }

  tables(sheet?: HostSheet): ApiObject {
    const { book } = this;
    const visible = () => book.tables().filter((t) => !sheet || t.sheet === sheet);
    // A table by its name or its id, as `tables.getItem` takes either.
    const find = (key: unknown) =>
      visible().find(
        (t) => t.name.toLowerCase() === String(key).toLowerCase() || t.id === String(key)
      );
    const getItem = (name: unknown) => {
      const table = find(text(name, "A table name"));
      if (!table) throw new HostError("ItemNotFound", `There is no table named "${name}".`);
      return this.table(table);
    };
    return new ApiObject("TableCollection", {
      objects: {
        GetItem: getItem,
        _Indexer: getItem,
        GetItemOrNullObject: (name) => {
          const table = find(name);
          return table ? this.table(table) : null;
        },
        Add: (address, hasHeaders) => {
          const { sheet: on, rect } = this.rangeArgument(address, sheet);
          if (sheet && on !== sheet)
            throw new HostError(
              "InvalidArgument",
              "A sheet's tables.add takes a range on that sheet."
            );
          return this.table(book.addTable(on, rect, hasHeaders === true));
        },
      },
      methods: { GetCount: () => visible().length },
      items: () => visible().map((t) => this.table(t)),
    });
  }

  table(table: HostTable): ApiObject {
    const { book } = this;
    const alive = () => {
      if (table.deleted)
        throw new HostError("ItemNotFound", `The table "${table.name}" was deleted.`);
      return table;
    };
    return new ApiObject(
      "Table",
      {
        props: {
          name: { get: () => table.name, set: (name) => book.renameTable(alive(), name) },
          id: readOnly(() => table.id),
          style: { get: () => table.style, set: (style) => book.setTableStyle(alive(), style) },
          showHeaders: readOnly(() => true),
          showTotals: readOnly(() => false),
        },
        objects: {
          GetRange: () => this.range(table.sheet, alive().rect),
          GetHeaderRowRange: () =>
            this.range(table.sheet, { ...alive().rect, bottom: table.rect.top }),
          GetDataBodyRange: () =>
            this.range(table.sheet, {
              ...alive().rect,
              top: Math.min(table.rect.top + 1, table.rect.bottom),
            }),
          Worksheet: () => this.worksheet(table.sheet),
        },
        methods: { Delete: () => book.deleteTable(alive()) },
      },
      undefined,
      () => table.name
    );
  }

  names(): ApiObject {
    const { book } = this;
    const getItem = (name: unknown) => {
      const found = book.findName(text(name, "A name"));
      if (!found)
        throw new HostError("ItemNotFound", `There is no name "${name}" in the workbook.`);
      return this.namedItem(found);
    };
    return new ApiObject("NamedItemCollection", {
      objects: {
        GetItem: getItem,
        _Indexer: getItem,
        GetItemOrNullObject: (name) => {
          const found = book.findName(String(name));
          return found ? this.namedItem(found) : null;
        },
        Add: (name, reference, comment) => {
          const target =
            reference instanceof ApiObject && reference.range
              ? reference.range
              : text(reference, "A name's reference");
          return this.namedItem(book.addName(name, target, comment));
        },
      },
      methods: { GetCount: () => book.names().length },
      items: () => book.names().map((n) => this.namedItem(n)),
    });
  }

  namedItem(name: HostName): ApiObject {
    const { book } = this;
    const alive = () => {
      if (name.deleted) throw new HostError("ItemNotFound", `The name "${name.name}" was deleted.`);
      return name;
    };
    return new ApiObject(
      "NamedItem",
      {
        props: {
          name: readOnly(() => name.name),
          formula: {
            get: () => book.nameFormula(name),
            set: (f) => book.setNameFormula(alive(), f),
          },
          comment: {
            get: () => name.comment,
            set: (c) => (alive().comment = checkComment(c)),
          },
          visible: { get: () => name.visible, set: (v) => (alive().visible = v === true) },
          type: readOnly(() =>
            name.target ? "Range" : name.formula?.startsWith("=#REF!") ? "Error" : "String"
          ),
          value: readOnly(() => book.nameFormula(name).replace(/^=/, "")),
        },
        objects: {
          GetRange: () => {
            if (!alive().target)
              throw new HostError(
                "InvalidOperation",
                `The name "${name.name}" does not refer to cells.`
              );
            return this.range(name.target!.sheet, name.target!.rect);
          },
          GetRangeOrNullObject: () =>
            name.target ? this.range(name.target.sheet, name.target.rect) : null,
        },
        methods: { Delete: () => book.deleteName(alive()) },
      },
      undefined,
      () => name.name
    );
  }

  charts(sheet: HostSheet): ApiObject {
    const { book } = this;
    const find = (name: unknown) => sheet.charts.find((c) => c.name === name);
    return new ApiObject("ChartCollection", {
      objects: {
        Add: (type, source, seriesBy) => {
          const { sheet: on, rect } = this.rangeArgument(source, sheet);
          if (on !== sheet)
            throw new HostError(
              "InvalidArgument",
              "The chart's data must be on the chart's sheet here."
            );
          return this.chart(sheet, book.addChart(sheet, type, rect, seriesBy));
        },
        GetItem: (name) => {
          const chart = find(name);
          if (!chart) throw new HostError("ItemNotFound", `There is no chart named "${name}".`);
          return this.chart(sheet, chart);
        },
        GetItemOrNullObject: (name) => {
          const chart = find(name);
          return chart ? this.chart(sheet, chart) : null;
        },
        GetItemAt: (index) => {
          const chart = sheet.charts[whole(index, "The index")];
          if (!chart) throw new HostError("ItemNotFound", `There is no chart at ${index}.`);
          return this.chart(sheet, chart);
        },
      },
      methods: { GetCount: () => sheet.charts.length },
      items: () => sheet.charts.map((c) => this.chart(sheet, c)),
    });
  }

  chart(sheet: HostSheet, chart: HostChart): ApiObject {
    const { book } = this;
    const changed = () => book.touch();
    const cell = (value: unknown) => {
      if (value instanceof ApiObject && value.range)
        return rectAddress(value.range.rect).split(":")[0];
      const rect = parseRect(text(value, "A chart position"));
      if (!rect) throw new HostError("InvalidArgument", `"${value}" is not a cell.`);
      return rectAddress(rect).split(":")[0];
    };
    const axis = () =>
      new ApiObject("ChartAxis", {
        props: {
          numberFormat: {
            get: () => chart.valueAxisFormat ?? "General",
            set: (f) => {
              const code = text(f, "A number format");
              const problem = numberFormatProblem(code);
              if (problem) throw new HostError("InvalidArgument", problem);
              chart.valueAxisFormat = code;
              changed();
            },
          },
        },
      });
    const series = (index: number) => {
      const own = () => {
        const set = chart.series.get(index) ?? {};
        chart.series.set(index, set);
        return set;
      };
      return new ApiObject("ChartSeries", {
        props: {
          axisGroup: {
            get: () => chart.series.get(index)?.axisGroup ?? "Primary",
            set: (g) => {
              own().axisGroup = enumOf(g, ["Primary", "Secondary"], "The axis group");
              changed();
            },
          },
          chartType: {
            get: () => chart.series.get(index)?.chartType ?? chart.type,
            set: (t) => {
              own().chartType = enumOf(
                t,
                ["Line", "LineMarkers", "ColumnClustered"],
                "The series chart type"
              );
              changed();
            },
          },
        },
      });
    };
    const seriesCount = () =>
      chart.seriesBy === "Rows" ? rectRows(chart.source) - 1 : rectColumns(chart.source) - 1;
    return new ApiObject(
      "Chart",
      {
        props: {
          name: {
            get: () => chart.name,
            set: (name) => {
              chart.name = text(name, "A chart name");
              changed();
            },
          },
          chartType: readOnly(() => chart.type),
        },
        objects: {
          Title: () =>
            new ApiObject("ChartTitle", {
              props: {
                text: {
                  get: () => chart.title,
                  set: (t) => {
                    chart.title = text(t, "A chart title");
                    changed();
                  },
                },
              },
            }),
          Axes: () =>
            new ApiObject("ChartAxes", { objects: { ValueAxis: axis, CategoryAxis: axis } }),
          Series: () =>
            new ApiObject("ChartSeriesCollection", {
              objects: {
                GetItemAt: (index) => {
                  const i = whole(index, "The series index");
                  if (i >= seriesCount())
                    throw new HostError(
                      "ItemNotFound",
                      `The chart has ${seriesCount()} series; there is none at ${i}.`
                    );
                  return series(i);
                },
              },
              methods: { GetCount: seriesCount },
              items: () => Array.from({ length: seriesCount() }, (_, i) => series(i)),
            }),
          Worksheet: () => this.worksheet(sheet),
        },
        methods: {
          SetPosition: (start, end) => {
            chart.from = cell(start);
            chart.to = end === undefined || end === null ? chart.from : cell(end);
            changed();
          },
          Delete: () => book.deleteChart(sheet, chart),
        },
      },
      undefined,
      () => chart.name
    );
  }

  conditionalFormats(sheet: HostSheet, rect: Rect): ApiObject {
    const { book } = this;
    const here = () => sheet.conditionalFormats.filter((f) => rectOverlap(f.range, rect));
    return new ApiObject("ConditionalFormatCollection", {
      objects: {
        Add: (type) => this.conditionalFormat(sheet, book.addConditionalFormat(sheet, rect, type)),
        GetItemAt: (index) => {
          const format = here()[whole(index, "The index")];
          if (!format)
            throw new HostError("ItemNotFound", `There is no conditional format at ${index}.`);
          return this.conditionalFormat(sheet, format);
        },
      },
      methods: {
        ClearAll: () => book.clearConditionalFormats(sheet, rect),
        GetCount: () => here().length,
      },
      items: () => here().map((f) => this.conditionalFormat(sheet, f)),
    });
  }

  conditionalFormat(sheet: HostSheet, format: HostConditionalFormat): ApiObject {
    const { book } = this;
    const changed = () => book.touch();
    const color = (key: "fill" | "fontColor", className: string) =>
      new ApiObject(className, {
        props: {
          color: {
            get: () => format[key] ?? null,
            set: (c) => {
              format[key] = text(c, "A colour");
              changed();
            },
          },
        },
      });
    return new ApiObject("ConditionalFormat", {
      props: { type: readOnly(() => format.type), id: readOnly(() => format.id) },
      objects: {
        CellValue: () =>
          new ApiObject("CellValueConditionalFormat", {
            props: {
              rule: {
                get: () => format.rule ?? null,
                set: (rule) => {
                  const r = rule as HostConditionalFormat["rule"];
                  if (
                    typeof r !== "object" ||
                    r === null ||
                    typeof r.formula1 !== "string" ||
                    r.formula1.trim() === ""
                  )
                    throw new HostError(
                      "InvalidArgument",
                      "A cell-value rule has formula1 (text) and an operator."
                    );
                  // Between and NotBetween compare with two values (Excel's ConditionalCellValueRule).
                  if (
                    (r.operator === "Between" || r.operator === "NotBetween") &&
                    (typeof r.formula2 !== "string" || r.formula2.trim() === "")
                  )
                    throw new HostError(
                      "InvalidArgument",
                      `A "${r.operator}" rule has formula2 as well as formula1.`
                    );
                  enumOf(
                    r.operator,
                    [
                      "Between",
                      "NotBetween",
                      "EqualTo",
                      "NotEqualTo",
                      "GreaterThan",
                      "LessThan",
                      "GreaterThanOrEqual",
                      "LessThanOrEqual",
                    ],
                    "The operator"
                  );
                  format.rule = { ...r };
                  changed();
                },
              },
            },
            objects: {
              Format: () =>
                new ApiObject("ConditionalRangeFormat", {
                  objects: {
                    Fill: () => color("fill", "ConditionalRangeFill"),
                    Font: () => color("fontColor", "ConditionalRangeFont"),
                  },
                }),
            },
          }),
        GetRange: () => this.range(sheet, format.range),
      },
      methods: {
        Delete: () => {
          sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => f !== format);
          changed();
        },
      },
    });
  }

  dataValidation(sheet: HostSheet, rect: Rect): ApiObject {
    const { book } = this;
    return new ApiObject("DataValidation", {
      props: {
        rule: {
          get: () => book.validationAt(sheet, rect)?.rule ?? {},
          set: (rule) => book.setValidation(sheet, rect, rule),
        },
        type: readOnly(() => {
          const rule = book.validationAt(sheet, rect)?.rule;
          if (!rule) return "None";
          const kind = Object.keys(rule)[0];
          return kind.charAt(0).toUpperCase() + kind.slice(1);
        }),
      },
      methods: { Clear: () => book.clearValidation(sheet, rect) },
    });
  }

  freezePanes(sheet: HostSheet): ApiObject {
    const { book } = this;
    return new ApiObject(
      "WorksheetFreezePanes",
      {
        objects: {
          GetLocationOrNullObject: () =>
            sheet.frozenRows || sheet.frozenColumns
              ? this.range(sheet, {
                  top: 0,
                  left: 0,
                  bottom: (sheet.frozenRows || MAX_ROWS) - 1,
                  right: (sheet.frozenColumns || MAX_COLUMNS) - 1,
                })
              : null,
        },
        methods: {
          // Microsoft's reference gives freezeRows and freezeColumns no default count (the client
          // sends null without one): the host takes the stricter reading and asks for the count.
          FreezeRows: (count) => book.freeze(sheet, whole(count, "The rows"), 0),
          FreezeColumns: (count) => book.freeze(sheet, 0, whole(count, "The columns")),
          FreezeAt: (at) => {
            const { rect } = this.rangeArgument(at, sheet);
            book.freeze(sheet, rect.bottom + 1, rect.right + 1);
          },
          Unfreeze: () => book.freeze(sheet, 0, 0),
        },
      },
      undefined,
      () => sheet.name
    );
  }
}

function rectOverlap(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}
