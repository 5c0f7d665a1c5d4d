/* global HTMLElement, HTMLInputElement, KeyboardEvent, MouseEvent, queueMicrotask */
/**
 * The host's workbook as the analyst sees it: the formula bar with the active cell's address, the
 * grid, the sheet's charts beside it and the tabs of the visible sheets below. The workbook is the
 * one truth: the grid shows its active sheet and selection and writes the analyst's clicks back
 * (`select`, `activate`), so the pane's "Insert" and Snapshot's "Selection" act where they point;
 * every change — typed here or written by the pane through the Excel host — draws it again once
 * the change is done.
 */
import { Builder } from "../../taskpane/ui/dom";
import { CellRef, cellAddress } from "../../plans/a1";
import type { WorkbenchChart } from "../../host/contract";
import { HostSheet, HostWorkbook, Rect, parseRect, rectAddress } from "../../host/workbook";
import { MAX_COLUMNS, MAX_ROWS } from "../../core/runner";
import { AxisFormats, renderChart } from "./chart";
import { createGrid } from "./grid";

export interface WorkbookView {
  readonly element: HTMLElement;
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** The selection from the corner where it started to the one that moves (Shift, dragging). */
interface Corners {
  readonly anchor: CellRef;
  readonly focus: CellRef;
}

const rectOf = ({ anchor, focus }: Corners): Rect => ({
  top: Math.min(anchor.row, focus.row),
  left: Math.min(anchor.column, focus.column),
  bottom: Math.max(anchor.row, focus.row),
  right: Math.max(anchor.column, focus.column),
});

const sameRect = (a: Rect, b: Rect) =>
  a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

/** Within Excel's grid: Enter on row 1,048,576 or Tab on column XFD stays there, as in Excel. */
const clamp = (ref: CellRef): CellRef => ({
  row: Math.min(MAX_ROWS - 1, Math.max(0, ref.row)),
  column: Math.min(MAX_COLUMNS - 1, Math.max(0, ref.column)),
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function renderWorkbook(h: Builder, workbook: HostWorkbook): WorkbookView {
  /** Per sheet: the corners of its selection, while the workbook's selection is still theirs. */
  const corners = new Map<string, Corners>();

  /** The sheet shown: the workbook's active sheet (it is visible), else the first visible one. */
  function shown(): HostSheet {
    const active = workbook.activeSheet();
    return active.visibility === "Visible" ? active : workbook.sheet(workbook.sheets()[0]);
  }

  function cornersOf(sheet: HostSheet): Corners {
    const known = corners.get(sheet.id);
    if (known && sameRect(rectOf(known), sheet.selection)) return known;
    const { top, left, bottom, right } = sheet.selection;
    return { anchor: { row: top, column: left }, focus: { row: bottom, column: right } };
  }

  /** The active cell: the selection's top-left, as the workbook keeps it. */
  const activeCell = (sheet: HostSheet): CellRef => ({
    row: sheet.selection.top,
    column: sheet.selection.left,
  });

  const nameBox = h("input", {
    class: "wb-namebox",
    id: "wb-namebox",
    "aria-label": "Name box: the selection; type an address and press Enter to go there",
    spellcheck: "false",
    autocomplete: "off",
  }) as HTMLInputElement;
  const choices = h("datalist", { id: "wb-choices" });
  const formula = h("input", {
    class: "wb-formula",
    id: "wb-formula",
    "aria-label": "Formula bar",
    spellcheck: "false",
    autocomplete: "off",
  }) as HTMLInputElement;
  const problem = h("span", { class: "wb-problem", id: "wb-problem", role: "alert" });
  const formulaBar = h(
    "div",
    { class: "wb-formula-bar" },
    nameBox,
    h("span", { class: "wb-fx", "aria-hidden": "true" }, "fx"),
    formula,
    choices,
    problem
  );
  const grid = createGrid(h, workbook);
  const charts = h("aside", { class: "wb-charts", "aria-label": "Charts on this sheet" });
  const tabs = h("div", { class: "wb-tabs", role: "tablist", "aria-label": "Sheets" });
  const addSheet = h(
    "button",
    { class: "wb-add-sheet", type: "button", title: "New sheet", "aria-label": "New sheet" },
    "+"
  );
  const element = h(
    "section",
    { class: "wb-book", "aria-label": "Workbook" },
    formulaBar,
    h("div", { class: "wb-sheet" }, grid.element, charts),
    h("div", { class: "wb-tabbar" }, tabs, addSheet)
  );

  /**
   * The formula bar shows the active cell's input (a spilled cell its formula, greyed) and, where a
   * list validation applies, offers its choices.
   */
  function showInput(): void {
    const sheet = shown();
    const active = activeCell(sheet);
    const a1 = cellAddress(active);
    const cell = workbook.cellOf(sheet, active.row, active.column);
    const spilled = cell.input === "" && cell.spilledFrom !== undefined;
    nameBox.value = rectAddress(sheet.selection);
    formula.value = spilled
      ? workbook.cell(sheet.name, cell.spilledFrom as string).input
      : cell.input;
    formula.classList.toggle("wb-ghost", spilled);
    const list = workbook.validationChoices(sheet.name, a1) ?? [];
    choices.replaceChildren(...list.map((choice) => h("option", { value: choice })));
    if (list.length > 0) formula.setAttribute("list", "wb-choices");
    else formula.removeAttribute("list");
  }

  function drawTabs(sheet: HostSheet): void {
    tabs.replaceChildren(
      ...workbook.sheets().map((name) => {
        const tab = h(
          "button",
          {
            class: "wb-tab",
            type: "button",
            role: "tab",
            "aria-selected": String(name === sheet.name),
            "data-sheet": name,
          },
          name
        );
        tab.addEventListener("click", () => workbook.activate(workbook.sheet(name)));
        return tab;
      })
    );
  }

  /** Each value axis takes the number format of its first series' first value, as Excel links it. */
  function axisFormats(sheet: HostSheet, chart: WorkbenchChart): AxisFormats {
    const source = sheet.charts.find((c) => c.name === chart.name)?.source;
    const formatOf = (secondary: boolean) => {
      const k = chart.series.findIndex((s) => s.secondary === secondary);
      if (k < 0 || !source) return undefined;
      return workbook.numberFormatAt(sheet, source.top + 1, source.left + 1 + k);
    };
    return { primary: formatOf(false), secondary: formatOf(true) };
  }

  function drawCharts(sheet: HostSheet): void {
    const list = workbook.charts(sheet.name);
    charts.hidden = list.length === 0;
    charts.replaceChildren(
      ...list.map((chart) =>
        h(
          "figure",
          { class: "wb-chart-box" },
          renderChart(h.document, chart, axisFormats(sheet, chart))
        )
      )
    );
  }

  function draw(): void {
    const sheet = shown();
    drawTabs(sheet);
    drawCharts(sheet);
    grid.show(sheet, sheet.selection);
    showInput();
  }

  /** Selects from one corner to the other and tells the workbook. */
  function select(anchor: CellRef, focus: CellRef = anchor): void {
    const sheet = shown();
    const next = { anchor: clamp(anchor), focus: clamp(focus) };
    corners.set(sheet.id, next);
    workbook.select(sheet, rectOf(next));
    problem.textContent = "";
    grid.select(sheet.selection);
    showInput();
  }

  /** Moves the active cell; with `extend`, moves the selection's far corner instead. */
  function move(rows: number, columns: number, extend = false): void {
    const sheet = shown();
    if (extend) {
      const { anchor, focus } = cornersOf(sheet);
      select(anchor, { row: focus.row + rows, column: focus.column + columns });
    } else {
      const active = activeCell(sheet);
      select({ row: active.row + rows, column: active.column + columns });
    }
  }

  /** Writes the formula bar into the active cell; the workbook's change event redraws. */
  function commit(rows: number, columns: number): void {
    const sheet = shown();
    const a1 = cellAddress(activeCell(sheet));
    try {
      workbook.setInput(sheet.name, a1, formula.value);
    } catch (error) {
      problem.textContent = `Not entered in ${a1}: ${messageOf(error)}`;
      return;
    }
    move(rows, columns);
    grid.element.focus();
  }

  function edit(start?: string): void {
    if (start !== undefined) formula.value = start;
    formula.classList.remove("wb-ghost");
    formula.focus();
    formula.setSelectionRange(formula.value.length, formula.value.length);
  }

  let dragging = false;
  grid.element.addEventListener("mousedown", (event: MouseEvent) => {
    const at = grid.cellAt(event.target);
    if (!at || event.button !== 0) return;
    if (event.shiftKey) select(cornersOf(shown()).anchor, at);
    else select(at);
    dragging = true;
  });
  grid.element.addEventListener("mousemove", (event: MouseEvent) => {
    const at = dragging ? grid.cellAt(event.target) : undefined;
    const { anchor, focus } = cornersOf(shown());
    if (at && (at.row !== focus.row || at.column !== focus.column)) select(anchor, at);
  });
  h.document.addEventListener("mouseup", () => (dragging = false));
  grid.element.addEventListener("dblclick", () => edit());
  grid.element.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key === "Home" && event.ctrlKey) select({ row: 0, column: 0 });
      else return;
    } else if (ARROWS[event.key]) move(...ARROWS[event.key], event.shiftKey);
    else if (event.key === "Enter") move(event.shiftKey ? -1 : 1, 0);
    else if (event.key === "Tab") move(0, event.shiftKey ? -1 : 1);
    else if (event.key === "Home") select({ row: activeCell(shown()).row, column: 0 });
    else if (event.key === "F2") edit();
    else if (event.key === "Delete") {
      const sheet = shown();
      workbook.clear(sheet, sheet.selection, "Contents");
    } else if (event.key.length === 1) edit(event.key);
    else return;
    event.preventDefault();
  });

  formula.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key === "Enter") commit(event.shiftKey ? -1 : 1, 0);
    else if (event.key === "Tab") commit(0, event.shiftKey ? -1 : 1);
    else if (event.key === "Escape") {
      showInput();
      grid.element.focus();
    } else return;
    event.preventDefault();
  });

  nameBox.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key === "Escape") showInput();
    if (event.key !== "Enter") return;
    event.preventDefault();
    const rect = parseRect(nameBox.value);
    if (!rect) {
      problem.textContent = `"${nameBox.value}" is not a cell or range address such as B24 or B4:C9.`;
      return;
    }
    select({ row: rect.top, column: rect.left }, { row: rect.bottom, column: rect.right });
    grid.element.focus();
  });

  addSheet.addEventListener("click", () => workbook.activate(workbook.addSheet()));

  // One drawing per change, after the request or edit that made it has ended.
  let drawing = false;
  workbook.onChange(() => {
    if (drawing) return;
    drawing = true;
    queueMicrotask(() => {
      drawing = false;
      draw();
    });
  });
  draw();

  return { element };
}
