/* global HTMLElement, HTMLTableCellElement, requestAnimationFrame */
/**
 * A sheet drawn as Excel draws it: column letters and row numbers that stay in view, light
 * gridlines, the cells' formatted text aligned by type, text running over empty neighbours, the
 * plans' styles and highlights, and the active cell's border.
 */
import { Builder } from "../../taskpane/ui/dom";
import { CellRef, cellAddress, columnLetters, parseCell } from "../../plans/a1";
import type { Workbench, WorkbenchCell } from "../contract";

/** Excel's default column width, in characters of the default font. */
const DEFAULT_WIDTH = 8.43;
/** Rows and columns drawn beyond the used range, so the sheet reads as open-ended. */
const MARGIN = { rows: 30, columns: 6 };
const MINIMUM = { rows: 60, columns: 16 };
const ROW_HEADER_WIDTH = 44;

/** A width in characters as Excel draws it in pixels at 100%: 7 px a character plus padding. */
export const columnPixels = (characters: number) => Math.round(characters * 7 + 5);

export interface Grid {
  /** The scrolling area; it takes focus for keyboard navigation. */
  readonly element: HTMLElement;
  /** Draws the sheet again from the workbench, keeping the scroll position of the same sheet. */
  show(sheet: string, selected: CellRef): void;
  /** Moves the active-cell border (and redraws first if the cell lies beyond what is drawn). */
  select(selected: CellRef): void;
}

const isEmpty = (cell: WorkbenchCell) => cell.value === null && cell.input === "";
const isError = (cell: WorkbenchCell) => typeof cell.value === "object" && cell.value !== null;

function alignment(cell: WorkbenchCell): string {
  if (typeof cell.value === "number" && cell.numberFormat !== "@") return "wb-num";
  if (typeof cell.value === "boolean" || isError(cell)) return "wb-centre";
  return "wb-text";
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function createGrid(h: Builder, workbench: Workbench): Grid {
  const element = h("div", {
    class: "wb-grid-scroll",
    tabindex: "0",
    role: "region",
    "aria-label": "Sheet: arrow keys move the active cell; type to enter into it",
  });
  const cursor = h("div", { class: "wb-cursor", "aria-hidden": "true" });
  const spillBorder = h("div", { class: "wb-spill", "aria-hidden": "true" });
  let sheet = "";
  let drawn = { rows: 0, columns: 0 };
  let cells = new Map<string, HTMLTableCellElement>();
  let headers: { columns: HTMLElement[]; rows: HTMLElement[] } = { columns: [], rows: [] };
  /** Each spill's area, by the address of its formula. */
  let spills = new Map<string, Area>();
  let current: CellRef = { row: 0, column: 0 };
  const scroll = new Map<string, { top: number; left: number }>();

  function draw(selected: CellRef): void {
    const size = workbench.size(sheet);
    const rows = Math.max(MINIMUM.rows, size.rows + MARGIN.rows, selected.row + MARGIN.rows);
    const columns = Math.max(
      MINIMUM.columns,
      size.columns + MARGIN.columns,
      selected.column + MARGIN.columns
    );
    const widths = workbench.columnWidths(sheet);
    const width = (c: number) => columnPixels(widths[c] ?? DEFAULT_WIDTH);

    const grid: WorkbenchCell[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: WorkbenchCell[] = [];
      for (let c = 0; c < columns; c++) {
        row.push(
          r < size.rows && c < size.columns
            ? workbench.cell(sheet, cellAddress({ row: r, column: c }))
            : { value: null, input: "", display: "", numberFormat: "General" }
        );
      }
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
      if (row.some((cell) => cell.style === "title")) tr.classList.add("wb-tall");
      row.forEach((cell, c) => {
        const a1 = cellAddress({ row: r, column: c });
        const td = h("td", { "data-cell": a1 }) as HTMLTableCellElement;
        if (cell.spilledFrom) {
          const area = spills.get(cell.spilledFrom) ?? { top: r, left: c, bottom: r, right: c };
          area.bottom = Math.max(area.bottom, r);
          area.right = Math.max(area.right, c);
          spills.set(cell.spilledFrom, area);
        }
        if (!isEmpty(cell) || cell.style) {
          td.className = [alignment(cell), cell.style ? `wb-style-${cell.style}` : ""].join(" ");
          const highlight = workbench.highlight(sheet, a1);
          if (highlight) {
            td.style.background = highlight.fill;
            td.style.color = highlight.fontColor;
          }
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
      { class: "wb-grid", "aria-label": `Sheet ${sheet}` },
      colgroup,
      h("thead", {}, headerRow),
      body
    );
    // A fixed layout needs the table's width: the columns then take exactly their widths.
    let total = ROW_HEADER_WIDTH;
    for (let c = 0; c < columns; c++) total += width(c);
    table.style.width = `${total}px`;
    element.replaceChildren(table, spillBorder, cursor);
    drawn = { rows, columns };
  }

  /** Places an overlay over the rectangle from one cell to another. */
  function cover(overlay: HTMLElement, from: HTMLElement, to: HTMLElement): void {
    overlay.style.left = `${from.offsetLeft - 1}px`;
    overlay.style.top = `${from.offsetTop - 1}px`;
    overlay.style.width = `${to.offsetLeft + to.offsetWidth - from.offsetLeft + 1}px`;
    overlay.style.height = `${to.offsetTop + to.offsetHeight - from.offsetTop + 1}px`;
  }

  function mark(selected: CellRef): void {
    // Positions come from the laid-out table: wait until the grid is in the page.
    if (!element.isConnected) {
      requestAnimationFrame(() => mark(current));
      return;
    }
    for (const th of [...headers.columns, ...headers.rows]) th.classList.remove("wb-active");
    headers.columns[selected.column]?.classList.add("wb-active");
    headers.rows[selected.row]?.classList.add("wb-active");
    const a1 = cellAddress(selected);
    const td = cells.get(a1);
    if (!td) return;
    cover(cursor, td, td);
    const origin = workbench.cell(sheet, a1).spilledFrom ?? a1;
    const area = spills.get(origin);
    spillBorder.hidden = !area;
    if (area) {
      const from = cells.get(cellAddress({ row: area.top, column: area.left }));
      const to = cells.get(cellAddress({ row: area.bottom, column: area.right }));
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

  element.addEventListener("scroll", () =>
    scroll.set(sheet, { top: element.scrollTop, left: element.scrollLeft })
  );

  return {
    element,
    show(name, selected) {
      sheet = name;
      current = selected;
      const keep = scroll.get(name) ?? { top: 0, left: 0 };
      draw(selected);
      element.scrollTop = keep.top;
      element.scrollLeft = keep.left;
      mark(selected);
    },
    select(selected) {
      current = selected;
      if (selected.row >= drawn.rows - 5 || selected.column >= drawn.columns - 2) draw(current);
      mark(selected);
    },
  };
}
