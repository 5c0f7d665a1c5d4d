/* global HTMLElement, HTMLInputElement, KeyboardEvent, MouseEvent */
/**
 * The workbook as the analyst sees it: the formula bar with the active cell's address, the grid,
 * the sheet's charts beside it and the sheet tabs below. Every change to the workbench — typed in
 * the formula bar or written by a pane action — draws it again once recalculation is done.
 */
import { Builder } from "../../taskpane/ui/dom";
import { CellRef, cellAddress, parseCell } from "../../plans/a1";
import type { Workbench, WorkbenchChart } from "../contract";
import { AxisFormats, renderChart } from "./chart";
import { createGrid } from "./grid";
import type { WorkbenchHost } from "./actions";

export interface WorkbookView extends WorkbenchHost {
  readonly element: HTMLElement;
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

export function renderWorkbook(h: Builder, workbench: Workbench): WorkbookView {
  if (workbench.sheets().length === 0) workbench.addSheet("Sheet1");
  let sheet = workbench.sheets()[0];
  /** Each sheet keeps its own active cell, as in Excel. */
  const selections = new Map<string, CellRef>();
  const selected = () => selections.get(sheet) ?? { row: 0, column: 0 };

  const nameBox = h("input", {
    class: "wb-namebox",
    id: "wb-namebox",
    "aria-label": "Name box: the active cell; type an address and press Enter to go there",
    spellcheck: "false",
    autocomplete: "off",
  }) as HTMLInputElement;
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
    problem
  );
  const grid = createGrid(h, workbench);
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

  /** The formula bar shows the active cell's input; a spilled cell shows its formula, greyed. */
  function showInput(): void {
    const a1 = cellAddress(selected());
    const cell = workbench.cell(sheet, a1);
    const spilled = cell.input === "" && cell.spilledFrom !== undefined;
    nameBox.value = a1;
    formula.value = spilled ? workbench.cell(sheet, cell.spilledFrom as string).input : cell.input;
    formula.classList.toggle("wb-ghost", spilled);
  }

  function drawTabs(): void {
    tabs.replaceChildren(
      ...workbench.sheets().map((name) => {
        const tab = h(
          "button",
          {
            class: "wb-tab",
            type: "button",
            role: "tab",
            "aria-selected": String(name === sheet),
            "data-sheet": name,
          },
          name
        );
        tab.addEventListener("click", () => activate(name));
        return tab;
      })
    );
  }

  /** Each value axis takes the number format of its first series' first value, as Excel links it. */
  function axisFormats(chart: WorkbenchChart): AxisFormats {
    const corner = parseCell(chart.plan.source.replace(/\$/g, "").split(":")[0]);
    const formatOf = (secondary: boolean) => {
      const k = chart.series.findIndex((s) => s.secondary === secondary);
      if (k < 0) return undefined;
      const first = cellAddress({ row: corner.row + 1, column: corner.column + 1 + k });
      return workbench.cell(sheet, first).numberFormat;
    };
    return { primary: formatOf(false), secondary: formatOf(true) };
  }

  function drawCharts(): void {
    const list = workbench.charts(sheet);
    charts.hidden = list.length === 0;
    charts.replaceChildren(
      ...list.map((chart) =>
        h("figure", { class: "wb-chart-box" }, renderChart(h.document, chart, axisFormats(chart)))
      )
    );
  }

  function draw(): void {
    if (!workbench.sheets().includes(sheet)) sheet = workbench.sheets()[0];
    drawTabs();
    drawCharts();
    grid.show(sheet, selected());
    showInput();
  }

  function activate(name: string): void {
    sheet = name;
    problem.textContent = "";
    draw();
  }

  function select(ref: CellRef): void {
    selections.set(sheet, { row: Math.max(0, ref.row), column: Math.max(0, ref.column) });
    problem.textContent = "";
    grid.select(selected());
    showInput();
  }

  const move = (rows: number, columns: number) =>
    select({ row: selected().row + rows, column: selected().column + columns });

  /** Writes the formula bar into the active cell; the workbench's change event redraws. */
  function commit(rows: number, columns: number): void {
    const a1 = cellAddress(selected());
    try {
      workbench.setInput(sheet, a1, formula.value);
      move(rows, columns);
    } catch (error) {
      problem.textContent = `Not entered in ${a1}: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    grid.element.focus();
  }

  function edit(start?: string): void {
    if (start !== undefined) formula.value = start;
    formula.classList.remove("wb-ghost");
    formula.focus();
    formula.setSelectionRange(formula.value.length, formula.value.length);
  }

  grid.element.addEventListener("mousedown", (event: MouseEvent) => {
    const td = (event.target as HTMLElement).closest("td[data-cell]") as HTMLElement | null;
    if (td) select(parseCell(td.dataset.cell as string));
  });
  grid.element.addEventListener("dblclick", () => edit());
  grid.element.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key === "Home" && event.ctrlKey) select({ row: 0, column: 0 });
      else return;
    } else if (ARROWS[event.key]) move(...ARROWS[event.key]);
    else if (event.key === "Enter") move(event.shiftKey ? -1 : 1, 0);
    else if (event.key === "Tab") move(0, event.shiftKey ? -1 : 1);
    else if (event.key === "Home") select({ row: selected().row, column: 0 });
    else if (event.key === "F2") edit();
    else if (event.key === "Delete") {
      formula.value = "";
      commit(0, 0);
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
    try {
      select(parseCell(nameBox.value.trim()));
      grid.element.focus();
    } catch {
      problem.textContent = `"${nameBox.value}" is not a cell address such as B24.`;
    }
  });

  addSheet.addEventListener("click", () => {
    const taken = new Set(workbench.sheets().map((name) => name.toLowerCase()));
    let n = workbench.sheets().length + 1;
    while (taken.has(`sheet${n}`)) n++;
    workbench.addSheet(`Sheet${n}`);
    activate(`Sheet${n}`);
  });

  workbench.onChange(draw);
  draw();

  return {
    element,
    workbench,
    activeSheet: () => sheet,
    activeCell: () => cellAddress(selected()),
    activate,
  };
}
