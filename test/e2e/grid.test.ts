/**
 * @jest-environment ./test/e2e/environment.js
 *
 * The workbench's grid at the edges of Excel's grid, in Chromium: the Name Box takes the analyst to
 * A1048576 and XFD1 and the page keeps answering, because the grid draws only the rows and columns
 * around the view; Download .xlsx of a sheet with A1 and XFD1048576 set finishes and holds both,
 * because the export walks the cells the sheet stores. How long each step took is printed for
 * whoever reads the log; the tests hold what the page shows, not the time.
 */
import { join } from "path";
import * as ExcelJS from "exceljs";
import { ARTIFACTS, START_TIMEOUT, gestures, useWorkbench } from "./browser";

jest.setTimeout(120_000);

const workbench = useWorkbench({ acceptDownloads: true });
const { cell, formulaBar, paneReady } = gestures(() => workbench.page);
const timings: string[] = [];

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await step();
  timings.push(`${label}: ${Date.now() - start} ms`);
  return result;
}

/** Types an address into the Name Box and presses Enter, as an analyst does. */
async function goTo(address: string): Promise<void> {
  const nameBox = workbench.page.locator("#wb-namebox");
  await nameBox.fill(address);
  await nameBox.press("Enter");
}

/** The cells the grid has drawn. */
const drawnCells = () => workbench.page.locator(".wb-grid td[data-cell]").count();

beforeAll(async () => {
  await workbench.page.goto(`${workbench.origin}/`);
  await workbench.page.locator(".wb-tab").first().waitFor();
  // The pane has started (Office.onReady turned its buttons on) and done what it does at start-up
  // with the workbook: the Name Box's first jump is not raced by the page's own start.
  await paneReady();
}, START_TIMEOUT);

afterAll(() => console.log(`Workbench grid e2e:\n  ${timings.join("\n  ")}`));

describe("the grid at the edges of Excel's grid", () => {
  it("Name Box A1048576 goes to the last row and draws only the rows around it", async () => {
    await timed("Name Box A1048576 until the cell is drawn", async () => {
      await goTo("A1048576");
      await cell("A1048576").waitFor();
    });
    await expect(workbench.page.locator("#wb-namebox").inputValue()).resolves.toBe("A1048576");
    await expect(cell("A1048576").isVisible()).resolves.toBe(true);
    await expect(
      workbench.page.locator(".wb-grid th.wb-row.wb-active").textContent()
    ).resolves.toBe("1048576");
    // The window: at most a few hundred rows by a few dozen columns, never the million rows above.
    const drawn = await drawnCells();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(20_000);
    await expect(cell("A1").count()).resolves.toBe(0);
    // The page answers: a formula typed there computes; Enter on the last row stays on it.
    await timed("typing =6*7 into A1048576", async () => {
      await formulaBar().fill("=6*7");
      await formulaBar().press("Enter");
      await expect(cell("A1048576").textContent()).resolves.toBe("42");
    });
    await expect(workbench.page.locator("#wb-namebox").inputValue()).resolves.toBe("A1048576");
  });

  it("Name Box XFD1 goes to the last column; A1 brings the top-left back", async () => {
    await timed("Name Box XFD1 until the cell is drawn", async () => {
      await goTo("XFD1");
      await cell("XFD1").waitFor();
    });
    await expect(cell("XFD1").isVisible()).resolves.toBe(true);
    await expect(
      workbench.page.locator(".wb-grid th.wb-col.wb-active").textContent()
    ).resolves.toBe("XFD");
    expect(await drawnCells()).toBeLessThan(20_000);
    await timed("Name Box A1 back", async () => {
      await goTo("A1");
      await cell("A1").waitFor();
    });
    await expect(cell("A1").isVisible()).resolves.toBe(true);
    await expect(cell("XFD1").count()).resolves.toBe(0);
  });

  it("scrolling to the bottom of a sheet whose last row is used draws the rows there", async () => {
    await workbench.page.evaluate(() => {
      const scroller = document.querySelector(".wb-grid-scroll") as HTMLElement;
      scroller.scrollTop = scroller.scrollHeight;
    });
    await cell("A1048576").waitFor();
    await expect(cell("A1048576").textContent()).resolves.toBe("42");
  });

  it("Download .xlsx of a sheet with A1 and XFD1048576 set finishes and holds both", async () => {
    await goTo("A1");
    await formulaBar().fill("first");
    await formulaBar().press("Enter");
    await goTo("XFD1048576");
    await cell("XFD1048576").waitFor();
    await formulaBar().fill("last");
    await formulaBar().press("Enter");
    const download = await timed("Download .xlsx with A1 and XFD1048576 set", async () => {
      const started = workbench.page.waitForEvent("download");
      await workbench.page.locator("#wb-download").click();
      return started;
    });
    await expect(workbench.page.locator("#wb-download-status").textContent()).resolves.toMatch(
      /^Downloaded CNAI workbook\.xlsx: 1 sheet, 1 formulas with their values/
    );
    // The browser may be the run's shared one, over a connection: the file comes back by saveAs.
    const saved = join(ARTIFACTS, "grid-edges.xlsx");
    await download.saveAs(saved);
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(saved);
    const sheet = file.worksheets[0];
    expect(sheet.getCell("A1").value).toBe("first");
    expect(sheet.getCell("XFD1048576").value).toBe("last");
    expect(sheet.getCell("A1048576").formula).toBe("6*7");
    expect(sheet.getCell("A1048576").result).toBe(42);
  });

  it("had no console error, failed request or request off this machine", () => {
    expect(workbench.problems).toEqual([]);
  });
});
