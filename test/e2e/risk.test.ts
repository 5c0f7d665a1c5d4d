/**
 * @jest-environment ./test/e2e/environment.js
 *
 * Issue 17, "from ranges to probabilities", in the workbench in Chromium, as an analyst does it:
 * build the model through the pane and find the Risk block; edit a row of the Uncertainty table and
 * watch the percentiles and the tornado move; pick the Bear scenario and see the centre move — with
 * no console error on any frame, failed request or request off this machine. The same numbers are
 * worked by hand on the shipped bundle in test/plans/model-risk.test.ts. A failed test leaves
 * screenshots of its pages in artifacts/; CNAI_UPDATE_SCREENSHOT=1 writes the README's docs/risk.png
 * (so does a run where it is missing).
 */
import { existsSync, statSync } from "fs";
import { join } from "path";
import { offset } from "../../src/plans/a1";
import { LAYOUT, MODEL_CELLS, MODEL_SHEET, UNCERTAINTY_SEEDS } from "../../src/plans/model";
import { ARTIFACTS, ROOT, UPDATE_SCREENSHOTS, gestures, useWorkbench } from "./browser";

const DOCS_SCREENSHOT = join(ROOT, "docs", "risk.png");
const TORNADO_CHART = "CNAI risk tornado";

jest.setTimeout(120_000);

const workbench = useWorkbench();

const { cell, tab, typeInto, loadAndBuild } = gestures(() => workbench.page);
const shown = (...a1s: string[]) => Promise.all(a1s.map((a1) => cell(a1).textContent()));
/** The Uncertainty table's cell of an input's row, by column (0 = Input … 5 = Source). */
const uncertaintyCell = (input: string, column: number) =>
  offset(
    MODEL_CELLS.uncertaintyTable,
    1 + UNCERTAINTY_SEEDS.findIndex((s) => s.input === input),
    column
  );
/** The margin expansion's P5 … P95 as the percentile table shows them. */
const marginPercentiles = () =>
  shown(...[0, 1, 2, 3, 4].map((k) => offset(MODEL_CELLS.riskPercentiles, 0, k)));
/** The tornado chart's bars of one series, as the workbench draws them. */
const bars = (series: string) =>
  workbench.page
    .locator(`svg[data-chart="${TORNADO_CHART}"] rect[data-series="${series}"]`)
    .evaluateAll((rects) => rects.map((r) => `${r.getAttribute("y")}/${r.getAttribute("height")}`));

describe("the Risk block in the workbench", () => {
  it("Build shows the Risk block: the Uncertainty table, the note's claims, the tornado", async () => {
    await workbench.page.goto(`${workbench.origin}/`);
    await loadAndBuild(/a Risk block/);
    await expect(tab(MODEL_SHEET).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(
      shown(...[0, 1, 2, 3, 4].map((k) => offset(MODEL_CELLS.uncertaintyTable, 0, k)))
    ).resolves.toEqual(["Input", "Distribution", "Low", "Mode", "High"]);
    await expect(
      shown(...[0, 1, 2, 3, 4].map((k) => uncertaintyCell("UnitCostDecline", k)))
    ).resolves.toEqual(["UnitCostDecline", "Triangular", "10.0%", "15.0%", "20.0%"]);
    // Risk 2 bites when utilization (Triangular 45% / 65% / 80%) is below 60%: 0.15²/(0.35 × 0.2).
    await expect(cell(MODEL_CELLS.riskRisk2Probability).textContent()).resolves.toBe("32.1%");
    // Parity reaches 80% at Late 2027 unless the 20% stall happens.
    await expect(cell(MODEL_CELLS.riskParityProbability).textContent()).resolves.toBe("80.0%");
    await expect(cell(MODEL_CELLS.tornadoFirst).textContent()).resolves.toBe("UnitCostDecline");
    await expect(
      workbench.page.locator(`svg[data-chart="${TORNADO_CHART}"]`).count()
    ).resolves.toBe(1);
  });

  it("editing an Uncertainty row moves the percentiles and the tornado", async () => {
    const before = await marginPercentiles();
    const lowBars = await bars("At Low");
    expect(lowBars.length).toBe(4);
    await typeInto(uncertaintyCell("StartMargin", 2), "40%");
    await expect(cell(uncertaintyCell("StartMargin", 2)).textContent()).resolves.toMatch(
      /^40(\.0)?%$/
    );
    const after = await marginPercentiles();
    expect(after).not.toEqual(before);
    // A start margin down to 40% leaves more to expand: P95 rises.
    expect(parseFloat(after[4] as string)).toBeGreaterThan(parseFloat(before[4] as string));
    // Its swing, 31 pp × (1 − 0.85²) = 8.60 pp, now leads the tornado.
    await expect(cell(MODEL_CELLS.tornadoFirst).textContent()).resolves.toBe("StartMargin");
    await expect(cell(offset(MODEL_CELLS.tornadoFirst, 0, 3)).textContent()).resolves.toBe("8.60%");
    await expect(bars("At Low")).resolves.not.toEqual(lowBars);
    // Back to the note's 57%.
    await typeInto(uncertaintyCell("StartMargin", 2), "57%");
    await expect(cell(MODEL_CELLS.tornadoFirst).textContent()).resolves.toBe("UnitCostDecline");
  });

  it("switching ActiveScenario to Bear moves the centre", async () => {
    await typeInto(MODEL_CELLS.activeScenario, "Bear");
    await expect(cell(MODEL_CELLS.activeScenario).textContent()).resolves.toBe("Bear");
    await expect(
      shown(uncertaintyCell("UnitCostDecline", 3), uncertaintyCell("StartMargin", 3))
    ).resolves.toEqual(["12.5%", "66.0%"]);
    // Utilization's Mode 55%: P(below 60%) = 1 − 0.2²/(0.35 × 0.25) = 54.3%.
    await expect(cell(MODEL_CELLS.riskRisk2Probability).textContent()).resolves.toBe("54.3%");
    await typeInto(MODEL_CELLS.activeScenario, "Base");
    await expect(cell(MODEL_CELLS.riskRisk2Probability).textContent()).resolves.toBe("32.1%");
  });

  it("shows the Risk block and its tornado for the README", async () => {
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
        return { x: book.left, y: book.top, width: aside.right - book.left, height: book.height };
      },
      { a1: offset(LAYOUT.riskAt, 20, 0), chart: TORNADO_CHART }
    );
    const png = await workbench.page.screenshot({
      path: join(ARTIFACTS, "workbench-risk.png"),
      clip,
    });
    expect(png.length).toBeLessThan(400 * 1024);
    if (UPDATE_SCREENSHOTS || !existsSync(DOCS_SCREENSHOT))
      await workbench.page.screenshot({ path: DOCS_SCREENSHOT, clip });
    expect(statSync(DOCS_SCREENSHOT).size).toBeLessThan(400 * 1024);
  });

  it("had no console error on any frame, failed request or request off this machine", () => {
    expect(workbench.problems).toEqual([]);
  });
});
