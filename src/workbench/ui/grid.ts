/* global EventTarget, HTMLElement, HTMLTableCellElement, requestAnimationFrame */
/**
 * A sheet of the host's workbook drawn as Excel draws it: column letters and row numbers that stay
 * in view, light gridlines, the cells' formatted text aligned by type, text running over empty
 * neighbours, each cell's font and fill, conditional highlights, the selection and the active
 * cell's border.
 *
 * Only the window in view is drawn, with some rows and columns around it: the scrolling area has
 * the sheet's full size (a sizer), the table sits at the window's place in it and is drawn again
 * when a scroll or a selection leaves it. Row heights and column widths come from the workbook
 * (its fonts and widths), so any cell's place is known without drawing the cells before it, and
 * the Name Box's A1048576 or XFD1 draws the few hundred cells around it, not every cell up to it.
 */
import { Builder } from "../../taskpane/ui/dom";
import { CellRef, cellAddress, columnLetters, parseCell } from "../../plans/a1";
import type { WorkbenchCell } from "../../host/contract";
import { DEFAULT_COLUMN_WIDTH, HostSheet, HostWorkbook, Rect, refOf } from "../../host/workbook";
import { MAX_COLUMNS, MAX_ROWS } from "../../core/runner";

/** Rows and columns drawn beyond the used range, so the sheet reads as open-ended. */
const MARGIN = { rows: 30, columns: 6 };
const MINIMUM = { rows: 60, columns: 16 };
/** Rows and columns drawn around the window in view: the model sheet (about 160 rows) is drawn whole. */
const OVERSCAN = { rows: 200, columns: 20 };
const ROW_HEADER_WIDTH = 44;
const COLUMN_HEADER_HEIGHT = 22;
/** Excel's default font size and row height at 100%, in points and pixels. */
const DEFAULT_POINTS = 11;
const ROW_PIXELS = 20;

/**
 * How far a selection needs the grid drawn: to its far corner, but a selection of whole columns or
 * rows only a little beyond its start.
 */
const reach = (selection: Rect): CellRef => ({
  row: Math.min(selection.bottom, selection.top + 200),
  column: Math.min(selection.right, selection.left + 50),
});

/** Points as CSS pixels at 100%. */
const pixels = (points: number) => (points * 4) / 3;

export interface Grid {
  /** The scrolling area; it takes focus for keyboard navigation. */
  readonly element: HTMLElement;
  /** Draws the sheet again from the workbook, keeping the scroll position of the same sheet. */
  show(sheet: HostSheet, selection: Rect): void;
  /** Moves the selection and the active cell's border (its top-left), redrawing if it lies beyond. */
  select(selection: Rect): void;
  /** The cell an event happened in. */
  cellAt(target: EventTarget | null): CellRef | undefined;
}

const isEmpty = (cell: WorkbenchCell) => cell.value === null && cell.input === "";
const isError = (cell: WorkbenchCell) => typeof cell.value === "object" && cell.value !== null;

function alignment(cell: WorkbenchCell): string {
  if (typeof cell.value === "number" && cell.numberFormat !== "@") return "wb-num";
  if (typeof cell.value === "boolean" || isError(cell)) return "wb-centre";
  return "wb-text";
}

/** The cell's font and fill as `range.format` set them; a conditional highlight over them. */
function paint(
  td: HTMLElement,
  cell: WorkbenchCell,
  highlight?: { fill: string; fontColor: string }
) {
  const look = cell.look ?? {};
  if (look.bold) td.style.fontWeight = "700";
  if (look.italic) td.style.fontStyle = "italic";
  if (look.size) td.style.fontSize = `${pixels(look.size)}px`;
  if (look.color) td.style.color = look.color;
  if (look.fill) td.style.background = look.fill;
  if (highlight?.fill) td.style.background = highlight.fill;
  if (highlight?.fontColor) td.style.color = highlight.fontColor;
}

/**
 * Sizes along one axis: a default size and a few exceptions (wider columns, taller rows), kept
 * sorted, so a position is a sum over the exceptions before it, not over every row before it.
 */
class Axis {
  private readonly indices: number[];
  private readonly deltas: number[];

  constructor(
    readonly count: number,
    private readonly size: number,
    exceptions: ReadonlyMap<number, number>
  ) {
    const sorted = [...exceptions].filter(([k]) => k < count).sort((a, b) => a[0] - b[0]);
    this.indices = sorted.map(([k]) => k);
    this.deltas = sorted.map(([, pixels]) => pixels - size);
  }

  sizeOf(k: number): number {
    const at = this.indices.indexOf(k);
    return this.size + (at >= 0 ? this.deltas[at] : 0);
  }

  /** Where the k-th row or column starts, from the first. */
  start(k: number): number {
    let position = k * this.size;
    for (let e = 0; e < this.indices.length && this.indices[e] < k; e++) position += this.deltas[e];
    return position;
  }

  get total(): number {
    return this.start(this.count);
  }

  /** The row or column at a position (clamped to the axis). */
  at(position: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.start(middle) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

export function createGrid(h: Builder, workbook: HostWorkbook): Grid {
  const element = h("div", {
    class: "wb-grid-scroll",
    tabindex: "0",
    role: "region",
    "aria-label": "Sheet: arrow keys move the active cell, with Shift they select; type to enter",
  });
  const sizer = h("div", { class: "wb-grid-sizer", "aria-hidden": "true" });
  const selectionBox = h("div", { class: "wb-selection", "aria-hidden": "true" });
  const cursor = h("div", { class: "wb-cursor", "aria-hidden": "true" });
  const spillBorder = h("div", { class: "wb-spill", "aria-hidden": "true" });
  let sheet: HostSheet | undefined;
  let rows = new Axis(MINIMUM.rows, ROW_PIXELS, new Map());
  let columns = new Axis(MINIMUM.columns, 64, new Map());
  /** The rows and columns drawn, inclusive. */
  let drawn: Rect = { top: 0, left: 0, bottom: -1, right: -1 };
  let table: HTMLElement | undefined;
  let cells = new Map<string, HTMLTableCellElement>();
  let headers: { columns: HTMLElement[]; rows: HTMLElement[] } = { columns: [], rows: [] };
  let current: Rect = { top: 0, left: 0, bottom: 0, right: 0 };
  const scroll = new Map<string, { top: number; left: number }>();

  /** The sheet's extent: its used range and the selection, with a margin, within Excel's grid. */
  function measure(on: HostSheet, selection: Rect): void {
    const size = workbook.size(on.name);
    const far = reach(selection);
    const rowCount = Math.min(
      MAX_ROWS,
      Math.max(MINIMUM.rows, size.rows + MARGIN.rows, far.row + MARGIN.rows)
    );
    const columnCount = Math.min(
      MAX_COLUMNS,
      Math.max(MINIMUM.columns, size.columns + MARGIN.columns, far.column + MARGIN.columns)
    );
    // Widths as the workbook holds them, in points (Excel's default 48 pt is 64 px).
    const widths = new Map<number, number>();
    for (const column of on.columnWidths.keys())
      widths.set(column, Math.round(pixels(workbook.columnWidthAt(on, column))));
    // A row grows with its largest font, as Excel's automatic row height does.
    const largest = new Map<number, number>();
    for (const [key, look] of on.looks)
      if (look.size && look.size > DEFAULT_POINTS) {
        const { row } = refOf(key);
        largest.set(row, Math.max(largest.get(row) ?? 0, look.size));
      }
    const heights = new Map<number, number>();
    for (const [row, points] of largest)
      heights.set(row, Math.round(ROW_PIXELS + pixels(points - DEFAULT_POINTS)));
    rows = new Axis(rowCount, ROW_PIXELS, heights);
    columns = new Axis(columnCount, Math.round(pixels(DEFAULT_COLUMN_WIDTH)), widths);
    sizer.style.width = `${ROW_HEADER_WIDTH + columns.total}px`;
    sizer.style.height = `${COLUMN_HEADER_HEIGHT + rows.total}px`;
  }

  /** The rows and columns in view at the current scroll position. */
  function inView(): Rect {
    const height = element.clientHeight || 900;
    const width = element.clientWidth || 1400;
    return {
      top: rows.at(element.scrollTop),
      bottom: rows.at(element.scrollTop + height),
      left: columns.at(element.scrollLeft),
      right: columns.at(element.scrollLeft + width),
    };
  }

  /** What to draw for a view: the view and `share` of the overscan around it, within the sheet. */
  const around = (view: Rect, share = 1): Rect => ({
    top: Math.max(0, view.top - OVERSCAN.rows * share),
    bottom: Math.min(rows.count - 1, view.bottom + OVERSCAN.rows * share),
    left: Math.max(0, view.left - OVERSCAN.columns * share),
    right: Math.min(columns.count - 1, view.right + OVERSCAN.columns * share),
  });

  /** Whether what is drawn holds the view with half the overscan around it. */
  function covers(view: Rect): boolean {
    const needed = around(view, 0.5);
    return (
      drawn.top <= needed.top &&
      drawn.bottom >= needed.bottom &&
      drawn.left <= needed.left &&
      drawn.right >= needed.right
    );
  }

  function draw(on: HostSheet, window: Rect): void {
    const size = workbook.size(on.name);
    const blank: WorkbenchCell = { value: null, input: "", display: "", numberFormat: "General" };
    const width = (c: number) => columns.sizeOf(c);

    cells = new Map();
    headers = { columns: [], rows: [] };
    const rowHeaderColumn = h("col", {});
    rowHeaderColumn.style.width = `${ROW_HEADER_WIDTH}px`;
    const colgroup = h("colgroup", {}, rowHeaderColumn);
    const headerRow = h("tr", {}, h("th", { class: "wb-corner", "aria-hidden": "true" }));
    for (let c = window.left; c <= window.right; c++) {
      const col = h("col", {});
      col.style.width = `${width(c)}px`;
      colgroup.append(col);
      const th = h("th", { class: "wb-col", scope: "col" }, columnLetters(c));
      headers.columns.push(th);
      headerRow.append(th);
    }
    const body = h("tbody", {});
    for (let r = window.top; r <= window.bottom; r++) {
      const row: WorkbenchCell[] = [];
      for (let c = window.left; c <= window.right; c++)
        row.push(r < size.rows && c < size.columns ? workbook.cellOf(on, r, c) : blank);
      const th = h("th", { class: "wb-row", scope: "row" }, String(r + 1));
      headers.rows.push(th);
      const tr = h("tr", {}, th);
      if (rows.sizeOf(r) !== ROW_PIXELS)
        tr.style.setProperty("--wb-row-height", `${rows.sizeOf(r)}px`);
      row.forEach((cell, k) => {
        const c = window.left + k;
        const a1 = cellAddress({ row: r, column: c });
        const td = h("td", { "data-cell": a1 }) as HTMLTableCellElement;
        if (!isEmpty(cell) || cell.look) {
          td.className = alignment(cell);
          paint(td, cell, isEmpty(cell) ? undefined : workbook.highlight(on.name, a1));
          if (isError(cell)) {
            const { error, message } = cell.value as { error: string; message: string };
            td.title = message ? `${error} ${message}` : error;
          }
          const text = h("div", { class: "wb-cell-text" }, cell.display);
          // Text runs over the empty cells to its right, as far as the next cell with content.
          if (alignment(cell) === "wb-text" && cell.display) {
            let reach = width(c);
            for (let next = k + 1; next < row.length && isEmpty(row[next]); next++)
              reach += width(window.left + next);
            text.style.maxWidth = `${reach - 6}px`;
            if (reach > width(c)) text.classList.add("wb-overflow");
          }
          td.append(text);
        }
        cells.set(a1, td);
        tr.append(td);
      });
      body.append(tr);
    }

    table = h(
      "table",
      { class: "wb-grid", "aria-label": `Sheet ${on.name}` },
      colgroup,
      h("thead", {}, headerRow),
      body
    );
    // A fixed layout needs the table's width: the columns then take exactly their widths. The
    // table sits where its first row and column lie on the whole sheet.
    let total = ROW_HEADER_WIDTH;
    for (let c = window.left; c <= window.right; c++) total += width(c);
    table.style.width = `${total}px`;
    table.style.left = `${columns.start(window.left)}px`;
    table.style.top = `${rows.start(window.top)}px`;
    element.replaceChildren(sizer, table, selectionBox, spillBorder, cursor);
    drawn = window;
  }

  /** Where a drawn cell is in the scrolling area. */
  function placeOf(td: HTMLElement): { left: number; top: number } {
    return {
      left: td.offsetLeft + (table?.offsetLeft ?? 0),
      top: td.offsetTop + (table?.offsetTop ?? 0),
    };
  }

  /** Places an overlay over the rectangle from one cell to another. */
  function cover(overlay: HTMLElement, from: HTMLElement, to: HTMLElement): void {
    const start = placeOf(from);
    const end = placeOf(to);
    overlay.style.left = `${start.left - 1}px`;
    overlay.style.top = `${start.top - 1}px`;
    overlay.style.width = `${end.left + to.offsetWidth - start.left + 1}px`;
    overlay.style.height = `${end.top + to.offsetHeight - start.top + 1}px`;
  }

  /** The drawn cell nearest to a cell: itself when drawn, else the window's edge toward it. */
  const nearest = (row: number, column: number) =>
    cells.get(
      cellAddress({
        row: Math.min(Math.max(row, drawn.top), drawn.bottom),
        column: Math.min(Math.max(column, drawn.left), drawn.right),
      })
    );

  /** Scrolls so that a cell is in view below and beside the sticky headers. */
  function reveal(row: number, column: number): void {
    const top = rows.start(row);
    const left = columns.start(column);
    const height = element.clientHeight || 900;
    const width = element.clientWidth || 1400;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (COLUMN_HEADER_HEIGHT + top + rows.sizeOf(row) > element.scrollTop + height)
      element.scrollTop = COLUMN_HEADER_HEIGHT + top + rows.sizeOf(row) - height;
    if (left < element.scrollLeft) element.scrollLeft = left;
    else if (ROW_HEADER_WIDTH + left + columns.sizeOf(column) > element.scrollLeft + width)
      element.scrollLeft = ROW_HEADER_WIDTH + left + columns.sizeOf(column) - width;
  }

  function mark(selection: Rect): void {
    // Positions come from the laid-out table: wait until the grid is in the page.
    if (!element.isConnected) {
      requestAnimationFrame(() => mark(current));
      return;
    }
    const active = { row: selection.top, column: selection.left };
    headers.columns.forEach((th, k) => {
      const c = drawn.left + k;
      th.classList.toggle("wb-active", c >= selection.left && c <= selection.right);
    });
    headers.rows.forEach((th, k) => {
      const r = drawn.top + k;
      th.classList.toggle("wb-active", r >= selection.top && r <= selection.bottom);
    });
    const td = cells.get(cellAddress(active));
    cursor.hidden = !td;
    if (td) cover(cursor, td, td);
    const from = nearest(selection.top, selection.left);
    const corner = nearest(selection.bottom, selection.right);
    const single = selection.bottom === selection.top && selection.right === selection.left;
    selectionBox.hidden = single || !from || !corner;
    if (from && corner && !single) cover(selectionBox, from, corner);
    const a1 = cellAddress(active);
    const origin = sheet
      ? (workbook.cellOf(sheet, active.row, active.column).spilledFrom ?? a1)
      : a1;
    const anchor = parseCell(origin);
    const spill = sheet ? workbook.spill(sheet.name, origin) : { rows: 1, columns: 1 };
    const spills = spill.rows * spill.columns > 1;
    const spillFrom = nearest(anchor.row, anchor.column);
    const spillTo = nearest(anchor.row + spill.rows - 1, anchor.column + spill.columns - 1);
    spillBorder.hidden = !spills || !spillFrom || !spillTo;
    if (spills && spillFrom && spillTo) cover(spillBorder, spillFrom, spillTo);
  }

  /** Draws the window in view when the scroll position has left what is drawn. */
  function follow(): void {
    if (!sheet) return;
    const view = inView();
    if (covers(view)) return;
    draw(sheet, around(view));
    mark(current);
  }

  let following = false;
  element.addEventListener("scroll", () => {
    if (sheet) scroll.set(sheet.id, { top: element.scrollTop, left: element.scrollLeft });
    if (following) return;
    following = true;
    requestAnimationFrame(() => {
      following = false;
      follow();
    });
  });

  return {
    element,
    show(on, selection) {
      sheet = on;
      current = selection;
      const keep = scroll.get(on.id) ?? { top: 0, left: 0 };
      measure(on, selection);
      element.replaceChildren(sizer);
      element.scrollTop = keep.top;
      element.scrollLeft = keep.left;
      reveal(selection.top, selection.left);
      draw(on, around(inView()));
      mark(selection);
    },
    select(selection) {
      current = selection;
      const far = reach(selection);
      if (sheet && (far.row >= rows.count - 5 || far.column >= columns.count - 2))
        measure(sheet, selection);
      reveal(selection.top, selection.left);
      const view = inView();
      if (sheet && !covers(view)) draw(sheet, around(view));
      mark(selection);
    },
    cellAt(target) {
      const td = (target as HTMLElement | null)?.closest?.("td[data-cell]") as HTMLElement | null;
      return td ? parseCell(td.dataset.cell as string) : undefined;
    },
  };
}
