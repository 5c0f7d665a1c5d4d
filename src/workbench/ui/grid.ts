/* global EventTarget, HTMLElement, HTMLTableCellElement, requestAnimationFrame */
/**
 * A sheet of the host's workbook drawn as Excel draws it: column letters and row numbers that stay
 * in view, light gridlines, the cells' formatted text aligned by type, text running over empty
 * neighbours, each cell's font and fill, conditional highlights, the selection and the active
 * cell's border.
 */
import { Builder } from "../../taskpane/ui/dom";
import { CellRef, cellAddress, columnLetters, parseCell } from "../../plans/a1";
import type { WorkbenchCell } from "../../host/contract";
import type { HostSheet, HostWorkbook, Rect } from "../../host/workbook";

/** Rows and columns drawn beyond the used range, so the sheet reads as open-ended. */
const MARGIN = { rows: 30, columns: 6 };
const MINIMUM = { rows: 60, columns: 16 };
const ROW_HEADER_WIDTH = 44;
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

export function createGrid(h: Builder, workbook: HostWorkbook): Grid {
  const element = h("div", {
    class: "wb-grid-scroll",
    tabindex: "0",
    role: "region",
    "aria-label": "Sheet: arrow keys move the active cell, with Shift they select; type to enter",
  });
  const selectionBox = h("div", { class: "wb-selection", "aria-hidden": "true" });
  const cursor = h("div", { class: "wb-cursor", "aria-hidden": "true" });
  const spillBorder = h("div", { class: "wb-spill", "aria-hidden": "true" });
  let sheet: HostSheet | undefined;
  let drawn = { rows: 0, columns: 0 };
  let cells = new Map<string, HTMLTableCellElement>();
  let headers: { columns: HTMLElement[]; rows: HTMLElement[] } = { columns: [], rows: [] };
  /** Each spill's area, by the address of its formula. */
  let spills = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  let current: Rect = { top: 0, left: 0, bottom: 0, right: 0 };
  const scroll = new Map<string, { top: number; left: number }>();

  function draw(on: HostSheet, selection: Rect): void {
    const size = workbook.size(on.name);
    const far = reach(selection);
    const rows = Math.max(MINIMUM.rows, size.rows + MARGIN.rows, far.row + MARGIN.rows);
    const columns = Math.max(
      MINIMUM.columns,
      size.columns + MARGIN.columns,
      far.column + MARGIN.columns
    );
    // Widths as the workbook holds them, in points (Excel's default 48 pt is 64 px).
    const widths = Array.from({ length: columns }, (_, c) =>
      Math.round(pixels(workbook.columnWidthAt(on, c)))
    );
    const width = (c: number) => widths[c];

    const blank: WorkbenchCell = { value: null, input: "", display: "", numberFormat: "General" };
    const grid: WorkbenchCell[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: WorkbenchCell[] = [];
      for (let c = 0; c < columns; c++)
        row.push(r < size.rows && c < size.columns ? workbook.cellOf(on, r, c) : blank);
      grid.push(row);
    }

    cells = new Map();
    spills = new Map();
    headers = { columns: [], rows: [] };
    const rowHeaderColumn = h("col", {});
    rowHeaderColumn.style.width = `${ROW_HEADER_WIDTH}px`;
    const colgroup = h("colgroup", {}, rowHeaderColumn);
    const headerRow = h("tr", {}, h("th", { class: "wb-corner", "aria-hidden": "true" }));
    for (let c = 0; c < columns; c++) {
      const col = h("col", {});
      col.style.width = `${width(c)}px`;
      colgroup.append(col);
      const th = h("th", { class: "wb-col", scope: "col" }, columnLetters(c));
      headers.columns.push(th);
      headerRow.append(th);
    }
    const body = h("tbody", {});
    grid.forEach((row, r) => {
      const th = h("th", { class: "wb-row", scope: "row" }, String(r + 1));
      headers.rows.push(th);
      const tr = h("tr", {}, th);
      // A row grows with its largest font, as Excel's automatic row height does.
      const points = Math.max(DEFAULT_POINTS, ...row.map((cell) => cell.look?.size ?? 0));
      if (points > DEFAULT_POINTS)
        tr.style.setProperty(
          "--wb-row-height",
          `${Math.round(ROW_PIXELS + pixels(points - DEFAULT_POINTS))}px`
        );
      row.forEach((cell, c) => {
        const a1 = cellAddress({ row: r, column: c });
        const td = h("td", { "data-cell": a1 }) as HTMLTableCellElement;
        if (cell.spilledFrom) {
          const area = spills.get(cell.spilledFrom) ?? { top: r, left: c, bottom: r, right: c };
          area.bottom = Math.max(area.bottom, r);
          area.right = Math.max(area.right, c);
          spills.set(cell.spilledFrom, area);
        }
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
            for (let next = c + 1; next < columns && isEmpty(row[next]); next++)
              reach += width(next);
            text.style.maxWidth = `${reach - 6}px`;
            if (reach > width(c)) text.classList.add("wb-overflow");
          }
          td.append(text);
        }
        cells.set(a1, td);
        tr.append(td);
      });
      body.append(tr);
    });
    // A spill's area includes its formula's cell.
    for (const [origin, area] of spills) {
      const { row, column } = parseCell(origin);
      area.top = Math.min(area.top, row);
      area.left = Math.min(area.left, column);
    }

    const table = h(
      "table",
      { class: "wb-grid", "aria-label": `Sheet ${on.name}` },
      colgroup,
      h("thead", {}, headerRow),
      body
    );
    // A fixed layout needs the table's width: the columns then take exactly their widths.
    let total = ROW_HEADER_WIDTH;
    for (let c = 0; c < columns; c++) total += width(c);
    table.style.width = `${total}px`;
    element.replaceChildren(table, selectionBox, spillBorder, cursor);
    drawn = { rows, columns };
  }

  /** Places an overlay over the rectangle from one cell to another. */
  function cover(overlay: HTMLElement, from: HTMLElement, to: HTMLElement): void {
    overlay.style.left = `${from.offsetLeft - 1}px`;
    overlay.style.top = `${from.offsetTop - 1}px`;
    overlay.style.width = `${to.offsetLeft + to.offsetWidth - from.offsetLeft + 1}px`;
    overlay.style.height = `${to.offsetTop + to.offsetHeight - from.offsetTop + 1}px`;
  }

  const cellElement = (row: number, column: number) => cells.get(cellAddress({ row, column }));

  function mark(selection: Rect): void {
    // Positions come from the laid-out table: wait until the grid is in the page.
    if (!element.isConnected) {
      requestAnimationFrame(() => mark(current));
      return;
    }
    const active = { row: selection.top, column: selection.left };
    headers.columns.forEach((th, c) =>
      th.classList.toggle("wb-active", c >= selection.left && c <= selection.right)
    );
    headers.rows.forEach((th, r) =>
      th.classList.toggle("wb-active", r >= selection.top && r <= selection.bottom)
    );
    const td = cellElement(active.row, active.column);
    if (!td) return;
    cover(cursor, td, td);
    const corner = cellElement(
      Math.min(selection.bottom, drawn.rows - 1),
      Math.min(selection.right, drawn.columns - 1)
    );
    const single = selection.bottom === selection.top && selection.right === selection.left;
    selectionBox.hidden = single || !corner;
    if (corner && !single) cover(selectionBox, td, corner);
    const a1 = cellAddress(active);
    const origin = sheet
      ? (workbook.cellOf(sheet, active.row, active.column).spilledFrom ?? a1)
      : a1;
    const area = spills.get(origin);
    spillBorder.hidden = !area;
    if (area) {
      const from = cellElement(area.top, area.left);
      const to = cellElement(area.bottom, area.right);
      if (from && to) cover(spillBorder, from, to);
    }
    // Keep the active cell in view below the sticky headers.
    const header = headers.columns[0]?.offsetHeight ?? 0;
    const rowHeader = headers.rows[0]?.offsetWidth ?? 0;
    if (td.offsetTop - header < element.scrollTop) element.scrollTop = td.offsetTop - header;
    else if (td.offsetTop + td.offsetHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = td.offsetTop + td.offsetHeight - element.clientHeight;
    if (td.offsetLeft - rowHeader < element.scrollLeft)
      element.scrollLeft = td.offsetLeft - rowHeader;
    else if (td.offsetLeft + td.offsetWidth > element.scrollLeft + element.clientWidth)
      element.scrollLeft = td.offsetLeft + td.offsetWidth - element.clientWidth;
  }

  element.addEventListener("scroll", () => {
    if (sheet) scroll.set(sheet.id, { top: element.scrollTop, left: element.scrollLeft });
  });

  return {
    element,
    show(on, selection) {
      sheet = on;
      current = selection;
      const keep = scroll.get(on.id) ?? { top: 0, left: 0 };
      draw(on, selection);
      element.scrollTop = keep.top;
      element.scrollLeft = keep.left;
      mark(selection);
    },
    select(selection) {
      current = selection;
      const far = reach(selection);
      if (sheet && (far.row >= drawn.rows - 5 || far.column >= drawn.columns - 2))
        draw(sheet, selection);
      mark(selection);
    },
    cellAt(target) {
      const td = (target as HTMLElement | null)?.closest?.("td[data-cell]") as HTMLElement | null;
      return td ? parseCell(td.dataset.cell as string) : undefined;
    },
  };
}
