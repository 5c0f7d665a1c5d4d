/**
 * @jest-environment ./test/e2e/environment.js
 *
 * Issue 11, "the model follows the analyst", in the workbench in Chromium, as an analyst does it:
 * load the note's tables and build the model through the pane; disagree with a parity in the Chip
 * Parity sheet and watch the timeline and its chart move; add a generation below the table and see
 * the timeline reach it; pick the Bear scenario; load the tables again and find the edit kept and
 * said so; reset the tables to the note after the pane has said what that overwrites — with no
 * console error on any frame, failed request or request off this machine. The same scenario runs
 * on the host in Node in test/plans/model-engine.test.ts. A failed test leaves screenshots of its
 * pages in artifacts/; CNAI_UPDATE_SCREENSHOT=1 writes the README's docs/scenarios.png (so does a
 * run where it is missing).
 */
import { existsSync, mkdirSync, statSync } from "fs";
import { join } from "path";
import { CHIP_COLUMNS } from "../../src/core";
import { offset } from "../../src/plans/a1";
import {
  LAYOUT,
  MODEL_CELLS,
  MODEL_SHEET,
  SCENARIOS,
  TIMELINE_PERIODS,
} from "../../src/plans/model";
import { CHIP_SHEET, CHIP_TABLE } from "../../src/plans/tables";
import type { WorkbenchBridge } from "../../src/workbench/bridge";
import { ARTIFACTS, ROOT, UPDATE_SCREENSHOTS, VIEWPORT, gestures, useWorkbench } from "./browser";

const DOCS_SCREENSHOT = join(ROOT, "docs", "scenarios.png");

jest.setTimeout(90_000);

const workbench = useWorkbench();

const {
  cell,
  tab,
  formulaBar,
  chartLine,
  paneOf,
  typeInto,
  clickPaneButton,
  loadAndBuild,
} = gestures(() => workbench.page);

const PARITY_CHART = "CNAI parity timeline";
const DATA_STATUS = "cnai-data-status";

/** The timeline's row of a period on the model sheet: its label, then Low, Mid, High. */
function timelineRow(period: string) {
  const k = TIMELINE_PERIODS.indexOf(period);
  if (k < 0) throw new Error(`${period} is not on the timeline`);
  const label = offset(LAYOUT.timelineAt, 2 + k, 0);
  return {
    label,
    low: offset(label, 0, 1),
    mid: offset(label, 0, 2),
    high: offset(label, 0, 3),
  };
}

/** What the cells show, in order. */
const shown = (...a1s: string[]) => Promise.all(a1s.map((a1) => cell(a1).textContent()));

/**
 * The address of the one cell on the sheet shown whose text is exactly `text`, as the analyst
 * finds a row by its generation or a column by its header.
 */
async function findCell(text: string): Promise<string> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = workbench.page.locator(".wb-grid td[data-cell]", {
    hasText: new RegExp(`^${escaped}$`),
  });
  await expect(found.count()).resolves.toBe(1);
  return (await found.getAttribute("data-cell")) as string;
}

const rowOf = (a1: string) => Number(a1.replace(/^[A-Z]+/, ""));
const columnOf = (a1: string) => a1.replace(/\d+$/, "");

/** The ChipParity table's rows, header included, as the workbook's Excel host holds it. */
const chipTableRows = () =>
  workbench.page.evaluate((name) => {
    const { cnaiWorkbench } = window as unknown as { cnaiWorkbench: WorkbenchBridge };
    const rect = cnaiWorkbench.host.workbook.findTable(name)?.rect;
    return rect ? rect.bottom - rect.top + 1 : 0;
  }, CHIP_TABLE);

/** Waits until the Data section has reported on the action just clicked. */
async function dataReport(): Promise<{ summary: string; details: string[] }> {
  const status = paneOf().locator(`#${DATA_STATUS}`);
  await paneOf().locator(`#${DATA_STATUS}:not([data-state="working"])`).waitFor();
  return {
    summary: ((await status.locator(".status-summary").textContent()) ?? "").trim(),
    details: await status.locator(".status-details li").allTextContents(),
  };
}

/** Clicks a pane button of the Data section and waits for its report. */
async function dataAction(label: string): Promise<{ summary: string; details: string[] }> {
  await clickPaneButton(label);
  return dataReport();
}

/** The margin expansion (1 − m0)(1 − (1 − d)²) at 30% growth over two years, as 0.00%. */
const expansionShown = (startMargin: number, decline: number) =>
  `${((1 - startMargin) * (1 - (1 - decline) ** 2) * 100).toFixed(2)}%`;

/**
 * The generation the analyst adds below the ChipParity table, by column header: what they type,
 * which is also what the cell shows. Architecture and Node are left empty.
 */
const ADDED: readonly (readonly [(typeof CHIP_COLUMNS)[number], string])[] = [
  ["Generation", "2028 Next"],
  ["Parity low", "88%"],
  ["Parity high", "92%"],
  ["Open-ended", "FALSE"],
  ["Volume production (label)", "2H28"],
];
const ADDED_SHOWN = ADDED.map(([, input]) => input);

/** Where the analyst's edits land on the Chip Parity sheet, found by its labels. */
const chips = { parityLow: "", added: [] as string[] };

/** The added generation's cells as the Chip Parity sheet shows them. */
const addedRowShown = () => shown(...chips.added);

describe("the model follows the analyst, in the workbench", () => {
  it("loads the appendix tables and builds the model sheet from the pane", async () => {
    await workbench.page.goto(`${workbench.origin}/`);
    await loadAndBuild(/^Built "CNAI Model"/);
    await expect(tab(MODEL_SHEET).getAttribute("aria-selected")).resolves.toBe("true");
    // Table 1 as the note gives it: 2026 Next-Gen 70–75% from 1H27; 80%+ from Late 2027.
    const at1H27 = timelineRow("1H27");
    await expect(shown(at1H27.label, at1H27.low, at1H27.mid, at1H27.high)).resolves.toEqual([
      "1H27",
      "70.0%",
      "72.5%",
      "75.0%",
    ]);
    const at2H28 = timelineRow("2H28");
    await expect(shown(at2H28.label, at2H28.low, at2H28.mid, at2H28.high)).resolves.toEqual([
      "2H28",
      "80.0%",
      "80.0%",
      "80.0%",
    ]);
  });

  it("an edited parity in Chip Parity moves the timeline's 1H27 and the parity chart's Low line", async () => {
    const lowLine = chartLine(PARITY_CHART, "Low");
    const before = await lowLine.getAttribute("d");
    expect(before).toMatch(/^M[\d.,]+(L[\d.,]+)+$/);

    await tab(CHIP_SHEET).click();
    await expect(tab(CHIP_SHEET).getAttribute("aria-selected")).resolves.toBe("true");
    const generation = await findCell("2026 Next-Gen");
    const header = await findCell("Parity low");
    const parityLow = `${columnOf(header)}${rowOf(generation)}`;
    chips.parityLow = parityLow;
    await expect(cell(parityLow).textContent()).resolves.toBe("70%");
    await typeInto(parityLow, "65%");
    await expect(cell(parityLow).textContent()).resolves.toBe("65%");

    await tab(MODEL_SHEET).click();
    const at1H27 = timelineRow("1H27");
    // Low 65%; the mid is the middle of 65–75%.
    await expect(shown(at1H27.low, at1H27.mid, at1H27.high)).resolves.toEqual([
      "65.0%",
      "70.0%",
      "75.0%",
    ]);
    const after = await lowLine.getAttribute("d");
    expect(after).toMatch(/^M[\d.,]+(L[\d.,]+)+$/);
    expect(after).not.toBe(before);
  });

  it("a generation added below the ChipParity table extends the timeline to 2H28", async () => {
    await tab(CHIP_SHEET).click();
    // The table's last row: the last generation below the header.
    const header = await findCell(CHIP_COLUMNS[0]);
    const [generations, headerRow] = [columnOf(header), rowOf(header)];
    let last = headerRow;
    while (((await cell(`${generations}${last + 1}`).textContent()) ?? "") !== "") last++;
    const rows = await chipTableRows();
    expect(last - headerRow + 1).toBe(rows);

    for (const [column] of ADDED)
      chips.added.push(`${columnOf(await findCell(column))}${last + 1}`);
    for (const [k, [, input]] of ADDED.entries()) await typeInto(chips.added[k], input);
    await expect(addedRowShown()).resolves.toEqual(ADDED_SHOWN);
    // Typed right below it, the row joins the table, as Excel's auto-expansion does.
    await expect(chipTableRows()).resolves.toBe(rows + 1);

    await tab(MODEL_SHEET).click();
    const at2H28 = timelineRow("2H28");
    await expect(shown(at2H28.low, at2H28.mid, at2H28.high)).resolves.toEqual([
      "88.0%",
      "90.0%",
      "92.0%",
    ]);
  });

  it("picking Bear as the active scenario gives the Bear row's margin expansion", async () => {
    const bear = SCENARIOS.find((s) => s.name === "Bear");
    if (!bear) throw new Error("no Bear scenario");
    // The note's low end: 34% × (1 − 0.875²).
    const expected = expansionShown(bear.startMargin, bear.unitCostDecline);
    expect(expected).toBe("7.97%");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");

    // The scenario outputs' Bear row: its name, then its margin expansion.
    const bearRow = 1 + SCENARIOS.indexOf(bear);
    const bearName = offset(MODEL_CELLS.scenarioOutputs, bearRow, 0);
    const bearExpansion = offset(MODEL_CELLS.scenarioOutputs, bearRow, 1);
    await expect(shown(bearName, bearExpansion)).resolves.toEqual(["Bear", expected]);

    await cell(MODEL_CELLS.activeScenario).click();
    await expect(formulaBar().inputValue()).resolves.toBe("Base");
    // The formula bar offers the Scenarios table's rows, as Excel's in-cell dropdown does.
    await expect(formulaBar().getAttribute("list")).resolves.toBe("wb-choices");
    const choices = await workbench.page
      .locator("#wb-choices option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(choices).toEqual(SCENARIOS.map((s) => s.name));
    await typeInto(MODEL_CELLS.activeScenario, "Bear");
    await expect(cell(MODEL_CELLS.activeScenario).textContent()).resolves.toBe("Bear");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe(expected);
    await expect(cell(bearExpansion).textContent()).resolves.toBe(expected);
  });

  it("Load appendix tables again keeps the edit, says so, and leaves the added row", async () => {
    const report = await dataAction("Load appendix tables");
    expect(report.summary).toMatch(/^Loaded/);
    // The one edit, and not the added row: it lies outside what CNAI writes.
    expect(report.details.filter((line) => line.startsWith("Kept"))).toEqual([
      "Kept your 70% → 65% in ChipParity, 2026 Next-Gen, Parity low.",
    ]);
    await tab(CHIP_SHEET).click();
    await expect(cell(chips.parityLow).textContent()).resolves.toBe("65%");
    await expect(addedRowShown()).resolves.toEqual(ADDED_SHOWN);
  });

  it("Reset tables to the note says what it overwrites, and on confirmation brings back 70%", async () => {
    const preview = await dataAction("Reset tables to the note");
    expect(preview).toEqual({
      summary:
        "Resetting would overwrite your edit with the note's value (yours → the note's). Rows and columns you added stay.",
      details: ["ChipParity, 2026 Next-Gen, Parity low: 65% → 70%"],
    });
    const confirm = paneOf().locator(`#${DATA_STATUS} button.button`, {
      hasText: "Overwrite 1 edit",
    });
    await expect(confirm.count()).resolves.toBe(1);
    // Nothing is overwritten until the analyst confirms.
    await tab(CHIP_SHEET).click();
    await expect(cell(chips.parityLow).textContent()).resolves.toBe("65%");

    await confirm.click();
    const reset = await dataReport();
    expect(reset.summary).toBe(
      "Reset ChipParity and TokenEconomics to the note: 1 edit replaced by the note's value."
    );
    expect(reset.details.filter((line) => line.startsWith("Kept"))).toEqual([]);
    await expect(confirm.count()).resolves.toBe(0);
    await tab(CHIP_SHEET).click();
    await expect(cell(chips.parityLow).textContent()).resolves.toBe("70%");
    // Reset leaves the rows the analyst added.
    await expect(addedRowShown()).resolves.toEqual(ADDED_SHOWN);

    await tab(MODEL_SHEET).click();
    const at1H27 = timelineRow("1H27");
    await expect(shown(at1H27.low)).resolves.toEqual(["70.0%"]);
    const at2H28 = timelineRow("2H28");
    await expect(shown(at2H28.low)).resolves.toEqual(["88.0%"]);
  });

  it("shows the scenario block — table, outputs, chart — on Base for the README", async () => {
    await tab(MODEL_SHEET).click();
    await typeInto(MODEL_CELLS.activeScenario, "Base");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
    await cell(offset(MODEL_CELLS.scenarioOutputs, 1, 1)).click();
    await expect(formulaBar().inputValue()).resolves.toMatch(/^=CNAI\.MARGIN_EXPANSION\(/);

    // Wide enough for the table and its outputs (A to M) beside the chart; the grid scrolled to
    // the block's title, the charts to the scenarios chart.
    const top = LAYOUT.scenariosAt;
    const lastColumn = offset(MODEL_CELLS.scenarioOutputs, 0, 4);
    const overflow = () =>
      workbench.page.evaluate((a1) => {
        const scroller = document.querySelector(".wb-grid-scroll") as HTMLElement;
        const td = document.querySelector(`.wb-grid td[data-cell="${a1}"]`) as HTMLElement;
        const visibleRight = scroller.getBoundingClientRect().left + scroller.clientWidth;
        return Math.ceil(td.getBoundingClientRect().right + scroller.scrollLeft - visibleRight);
      }, lastColumn);
    await workbench.page.setViewportSize({
      width: VIEWPORT.width + 12 + (await overflow()),
      height: 760,
    });
    const clip = await workbench.page.evaluate(
      ({ a1, chart }) => {
        const scroller = document.querySelector(".wb-grid-scroll") as HTMLElement;
        const td = document.querySelector(`.wb-grid td[data-cell="${a1}"]`) as HTMLElement;
        const head = scroller.querySelector("thead") as HTMLElement | null;
        scroller.scrollLeft = 0;
        scroller.scrollTop +=
          td.getBoundingClientRect().top -
          scroller.getBoundingClientRect().top -
          (head?.getBoundingClientRect().height ?? 0);
        const charts = document.querySelector(".wb-charts") as HTMLElement;
        const figure = document.querySelector(`svg[data-chart="${chart}"]`)
          ?.parentElement as HTMLElement;
        charts.scrollTop += figure.getBoundingClientRect().top - charts.getBoundingClientRect().top;
        const book = (document.querySelector(".wb-book") as HTMLElement).getBoundingClientRect();
        const aside = charts.getBoundingClientRect();
        const box = figure.getBoundingClientRect();
        return {
          x: book.left,
          y: book.top,
          width: aside.right - book.left,
          height: Math.min(book.bottom, box.bottom + 12) - book.top,
        };
      },
      { a1: top, chart: "CNAI scenarios" }
    );
    await expect(cell(offset(MODEL_CELLS.scenarioOutputs, 1, 0)).isVisible()).resolves.toBe(true);
    const png = await workbench.page.screenshot({
      path: join(ARTIFACTS, "workbench-scenarios.png"),
      clip,
    });
    expect(png.length).toBeLessThan(400 * 1024);
    if (UPDATE_SCREENSHOTS || !existsSync(DOCS_SCREENSHOT)) {
      mkdirSync(join(ROOT, "docs"), { recursive: true });
      await workbench.page.screenshot({ path: DOCS_SCREENSHOT, clip });
    }
    expect(statSync(DOCS_SCREENSHOT).size).toBeLessThan(400 * 1024);
    await workbench.page.setViewportSize(VIEWPORT);
  });

  it("had no console error on any frame, failed request or request off this machine", () => {
    expect(workbench.problems).toEqual([]);
  });
});
