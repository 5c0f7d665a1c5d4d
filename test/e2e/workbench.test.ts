/**
 * @jest-environment ./test/e2e/environment.js
 *
 * The workbench in a real browser (Debian's chromium, driven by playwright-core): `npm run
 * workbench` serves it; the add-in's own taskpane.html, in an iframe beside the grid, loads the
 * note's tables, builds the model sheet, snapshots it to values and restores its formulas through
 * Microsoft's Excel client and CNAI's Excel host; the formula bar types CNAI formulas, edits
 * recalculate cells and charts; the pane speaks Chinese when the display language is zh-CN; and the
 * same taskpane.html explains itself outside Office — with no console error on any frame, failed
 * request or request off this machine. A failed test leaves screenshots of its pages in artifacts/;
 * CNAI_UPDATE_SCREENSHOT=1 writes the README's docs/workbench.png (so does a run where it is missing).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { CATALOG, evaluate, findFunction } from "../../src/core";
import { offset } from "../../src/plans/a1";
import { ASSUMPTIONS, LAYOUT, MODEL_CELLS, MODEL_SHEET } from "../../src/plans/model";
import { TABLE_TEXT } from "../../src/plans/tables";
import { SNAPSHOT_SHEET } from "../../src/taskpane/snapshot";
import type { WorkbenchBridge } from "../../src/workbench/bridge";
import {
  ARTIFACTS,
  ROOT,
  UPDATE_SCREENSHOTS,
  VIEWPORT,
  gestures,
  interrupt,
  serve,
  useWorkbench,
} from "./browser";

const DOCS_SCREENSHOT = join(ROOT, "docs", "workbench.png");

jest.setTimeout(60_000);

const workbench = useWorkbench();
/** The cell of an assumption's value on the model sheet: "B6" for UnitCostDecline. */
const assumptionCell = (name: string) =>
  offset(LAYOUT.assumptionsAt, 1 + ASSUMPTIONS.findIndex((a) => a.name === name), 1);

const marginExpansion = (unitCostDecline: number) =>
  evaluate(findFunction("MARGIN_EXPANSION")!, [0.3, unitCostDecline, 2, 0.64, 0, 0]) as number;

const started = Date.now();

const { cell, tab, formulaBar, chartLine, paneOf, paneReady, typeInto, clickPaneButton, reported } =
  gestures(() => workbench.page);

/** The model sheet's formulas that call CNAI, as the workbench's workbook holds them. */
const cnaiFormulasOnModel = () =>
  workbench.page.evaluate((sheet) => {
    const { cnaiWorkbench } = window as unknown as { cnaiWorkbench: WorkbenchBridge };
    const inputs = [...cnaiWorkbench.host.workbook.sheet(sheet).inputs.values()];
    return inputs.filter((i) => /^=.*\bCNAI\./i.test(i.input)).length;
  }, MODEL_SHEET);

afterAll(() =>
  console.log(`Workbench e2e: ${((Date.now() - started) / 1000).toFixed(1)} s in all`)
);

describe("the workbench in Chromium", () => {
  it("opens a workbook beside the add-in's own pane page, with the functions of dist/functions.js", async () => {
    const loaded: string[] = [];
    const record = (request: { url(): string }) =>
      loaded.push(request.url().replace(workbench.origin, ""));
    workbench.page.on("request", record);
    await workbench.page.goto(`${workbench.origin}/`);
    await workbench.page
      .locator("#wb-functions", {
        hasText: `${CATALOG.length} CNAI functions from /addin/functions.js`,
      })
      .waitFor();
    await workbench.page.locator(".wb-tab").first().waitFor();
    const pane = paneOf();
    await paneReady();
    await expect(pane.locator("#cnai-outside").isHidden()).resolves.toBe(true);
    workbench.page.off("request", record);
    // The pane's page loads the add-in's scripts itself, office.js being the workbench's.
    expect(loaded).toEqual(
      expect.arrayContaining([
        "/addin/taskpane.html",
        "/office-js/office.js",
        "/addin/functions.js",
        "/addin/taskpane.js",
      ])
    );
    // The workbench's office.js starts with Microsoft's Excel client, unchanged.
    const officeJs = await (await fetch(`${workbench.origin}/office-js/office.js`)).text();
    const client = readFileSync(
      join(ROOT, "node_modules", "@microsoft", "office-js", "dist", "excel-web-16.00.js"),
      "utf8"
    );
    expect(officeJs.startsWith(client)).toBe(true);
  });

  it("loads the appendix tables through the pane, with the note's values as Excel shows them", async () => {
    await clickPaneButton("Load appendix tables");
    await expect((await reported("cnai-data-status", /^Loaded/)).textContent()).resolves.toBe(
      'Loaded Table 1 into "Chip Parity" (table ChipParity) and Table 2 into "Token Economics" (table TokenEconomics).'
    );
    const expected: [string, string, string][] = [
      ["Chip Parity", "A5", "2025 Leading"],
      ["Chip Parity", "B5", "60%"],
      ["Chip Parity", "C5", "65%"],
      ["Chip Parity", "B7", "80%"],
      ["Chip Parity", "D7", "TRUE"],
      ["Chip Parity", "F5", "7 nm"],
      ["Chip Parity", "H5", "2025-10-01"],
      ["Token Economics", "C5", "$0.8bn"],
      ["Token Economics", "D5", "$1.6bn"],
      ["Token Economics", "D6", "60 T"],
      ["Token Economics", "D7", "$0.03/M"],
      ["Token Economics", "E6", "250 T"],
    ];
    for (const [sheet, a1, display] of expected) {
      await tab(sheet).click();
      await expect(cell(a1).textContent()).resolves.toBe(display);
    }
  });

  it("builds the model sheet, shows it, and gives the note's margin expansion and parity", async () => {
    await clickPaneButton("Build model sheet");
    await reported("cnai-model-status", /^Built "CNAI Model"/);
    await expect(tab(MODEL_SHEET).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
    await expect(cell(MODEL_CELLS.parityAtDate).textContent()).resolves.toBe("62.5%");
    await expect(cell(MODEL_CELLS.timelineFirstMid).textContent()).resolves.toBe("62.5%");
    await expect(cell(MODEL_CELLS.integratedMultiple).textContent()).resolves.toBe("12.0x");
    for (const chart of ["CNAI parity timeline", "CNAI token volume vs price"])
      await expect(
        workbench.page.locator(`svg.wb-chart[data-chart="${chart}"]`).count()
      ).resolves.toBe(1);
    await expect(cnaiFormulasOnModel()).resolves.toBeGreaterThan(10);

    await cell(MODEL_CELLS.marginExpansion).click();
    await expect(workbench.page.locator("#wb-namebox").inputValue()).resolves.toBe(
      MODEL_CELLS.marginExpansion
    );
    await expect(formulaBar().inputValue()).resolves.toMatch(
      /^=CNAI\.MARGIN_EXPANSION\(VolumeGrowth,UnitCostDecline,Years,StartMargin,/
    );

    const png = await workbench.page.screenshot({ path: join(ARTIFACTS, "workbench-model.png") });
    if (UPDATE_SCREENSHOTS || !existsSync(DOCS_SCREENSHOT)) {
      mkdirSync(join(ROOT, "docs"), { recursive: true });
      await workbench.page.screenshot({ path: DOCS_SCREENSHOT });
      expect(statSync(DOCS_SCREENSHOT).size).toBeLessThan(400 * 1024);
    }
    expect(png.length).toBeLessThan(400 * 1024);
  });

  it("snapshots the whole workbook to values, the numbers unchanged, and restores the formulas", async () => {
    const formulas = await cnaiFormulasOnModel();
    await paneOf().locator("#cnai-snapshot-scope-workbook").check();
    await clickPaneButton("Snapshot to values");
    await reported("cnai-snapshot-status", new RegExp(`^Snapshot: ${formulas} CNAI formulas in`));
    await expect(cnaiFormulasOnModel()).resolves.toBe(0);
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
    await expect(cell(MODEL_CELLS.parityAtDate).textContent()).resolves.toBe("62.5%");
    await cell(MODEL_CELLS.marginExpansion).click();
    await expect(formulaBar().inputValue()).resolves.not.toMatch(/CNAI/);
    // The formulas wait in a hidden sheet: no tab for it.
    await expect(tab(SNAPSHOT_SHEET).count()).resolves.toBe(0);

    await clickPaneButton("Restore formulas");
    await reported("cnai-snapshot-status", new RegExp(`^Restored ${formulas} CNAI formulas`));
    await expect(cnaiFormulasOnModel()).resolves.toBe(formulas);
    await cell(MODEL_CELLS.parityAtDate).click();
    await cell(MODEL_CELLS.marginExpansion).click();
    await expect(formulaBar().inputValue()).resolves.toMatch(/^=CNAI\.MARGIN_EXPANSION\(/);
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
  });

  it("snapshots only the cells selected in the grid when the scope is the selection", async () => {
    const formulas = await cnaiFormulasOnModel();
    // Three outputs, each one CNAI formula: margin after the horizon, its expansion, compression.
    const [first, last] = [MODEL_CELLS.marginAfter, MODEL_CELLS.priceCompression];
    await cell(first).click();
    await cell(last).click({ modifiers: ["Shift"] });
    await expect(workbench.page.locator("#wb-namebox").inputValue()).resolves.toBe(
      `${first}:${last}`
    );
    await paneOf().locator("#cnai-snapshot-scope-selection").check();
    await clickPaneButton("Snapshot to values");
    const rows = 3;
    await reported(
      "cnai-snapshot-status",
      new RegExp(`^Snapshot: ${rows} CNAI formulas in the selection`)
    );
    await expect(cnaiFormulasOnModel()).resolves.toBe(formulas - rows);
    await clickPaneButton("Restore formulas");
    await reported("cnai-snapshot-status", new RegExp(`^Restored ${rows} CNAI formulas`));
    await expect(cnaiFormulasOnModel()).resolves.toBe(formulas);
    await paneOf().locator("#cnai-snapshot-scope-sheet").check();
  });

  it("recalculates the margin expansion when the unit-cost decline changes", async () => {
    const decline = assumptionCell("UnitCostDecline");
    expect(decline).toBe(MODEL_CELLS.unitCostDecline);
    await cell(decline).click();
    await expect(cell(decline).textContent()).resolves.toBe("15.0%");
    // The active scenario's value, or a number typed there.
    const written = await formulaBar().inputValue();
    await typeInto(decline, "25%");
    await expect(cell(decline).textContent()).resolves.toBe("25.0%");
    const expected = `${(marginExpansion(0.25) * 100).toFixed(2)}%`;
    expect(expected).not.toBe("9.99%");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe(expected);
    await typeInto(decline, written);
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
  });

  it("offers a list validation's choices in the formula bar: the active scenario", async () => {
    const at = await workbench.page.evaluate(() => {
      const { cnaiWorkbench } = window as unknown as { cnaiWorkbench: WorkbenchBridge };
      const name = cnaiWorkbench.host.workbook.findName("ActiveScenario");
      const rect = name?.target?.rect;
      return rect ? { row: rect.top, column: rect.left, sheet: name?.target?.sheet.name } : null;
    });
    expect(at).toMatchObject({ sheet: MODEL_SHEET });
    const a1 = offset("A1", at?.row ?? 0, at?.column ?? 0);
    await cell(a1).click();
    const choices = await workbench.page
      .locator("#wb-choices option")
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(choices.length).toBeGreaterThan(1);
    expect(choices).toContain(await formulaBar().inputValue());
    await expect(formulaBar().getAttribute("list")).resolves.toBe("wb-choices");
  });

  it("downloads the workbook as .xlsx: CNAI's formulas with the values shown, or values only", async () => {
    const download = async () => {
      const [file] = await Promise.all([
        workbench.page.waitForEvent("download"),
        workbench.page.locator("#wb-download").click(),
      ]);
      const path = join(ARTIFACTS, file.suggestedFilename());
      await file.saveAs(path);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      return { workbook, name: file.suggestedFilename() };
    };
    const { workbook, name } = await download();
    expect(name).toBe("CNAI workbook.xlsx");
    await expect(workbench.page.locator("#wb-download-status").textContent()).resolves.toMatch(
      /^Downloaded CNAI workbook\.xlsx: 4 sheets, \d+ formulas with their values \(\d+\.\d kB\)\.$/
    );
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(
      expect.arrayContaining(["Sheet1", "Chip Parity", "Token Economics", MODEL_SHEET])
    );
    const model = workbook.getWorksheet(MODEL_SHEET) as ExcelJS.Worksheet;
    // Saved as Excel saves an add-in's custom function: _xldudf_CNAI_… (README, "Sharing").
    expect(model.getCell(MODEL_CELLS.marginExpansion).formula).toMatch(
      /^_xldudf_CNAI_MARGIN_EXPANSION\(/
    );
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBeCloseTo(0.0999, 12);
    expect(model.getCell(MODEL_CELLS.parityAtDate).result).toBe(0.625);
    expect(workbook.getWorksheet("Token Economics")?.getTable("TokenEconomics")).toBeDefined();

    await workbench.page.locator("#wb-download-values").check();
    const values = await download();
    expect(values.name).toBe("CNAI workbook (values).xlsx");
    const valuesModel = values.workbook.getWorksheet(MODEL_SHEET) as ExcelJS.Worksheet;
    expect(valuesModel.getCell(MODEL_CELLS.marginExpansion).formula).toBeUndefined();
    expect(valuesModel.getCell(MODEL_CELLS.marginExpansion).value).toBeCloseTo(0.0999, 12);
    await workbench.page.locator("#wb-download-values").uncheck();
  });

  it("redraws the parity chart when the stall date moves", async () => {
    // No chart reads the unit-cost decline; the parity chart's stall scenario reads StallDate.
    const line = chartLine("CNAI parity timeline", "Stalled (mid)");
    const before = await line.getAttribute("d");
    expect(before).toMatch(/^M[\d.,]+(L[\d.,]+)+$/);
    await typeInto(assumptionCell("StallDate"), "2026-01-01");
    await expect(cell(assumptionCell("StallDate")).textContent()).resolves.toBe("2026-01-01");
    const after = await line.getAttribute("d");
    expect(after).toMatch(/^M[\d.,]+(L[\d.,]+)+$/);
    expect(after).not.toBe(before);
    await expect(chartLine("CNAI parity timeline", "Mid").getAttribute("d")).resolves.toBeTruthy();
  });

  it("types CNAI formulas into cells through the formula bar, errors as Excel shows them", async () => {
    const empty = "H2";
    await expect(cell(empty).textContent()).resolves.toBe("");
    // A General cell shows the fraction, as Excel does; an output cell formatted 0.00% shows 9.99%.
    await typeInto(empty, "=CNAI.MARGIN_EXPANSION(30%,15%,2)");
    await expect(cell(empty).textContent()).resolves.toBe("0.0999");
    await cell(empty).click();
    await expect(formulaBar().inputValue()).resolves.toBe("=CNAI.MARGIN_EXPANSION(30%,15%,2)");
    await typeInto(MODEL_CELLS.marginExpansion, "=CNAI.MARGIN_EXPANSION(30%,15%,2)");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");

    await typeInto("H3", "=CNAI.PRICE_COMPRESSION(150%)");
    await expect(cell("H3").textContent()).resolves.toBe("#NUM!");
    await expect(cell("H3").getAttribute("title")).resolves.toMatch(/^#NUM!/);

    await typeInto("H4", '=CNAI.MARGIN_EXPANSION("abc",15%,2)');
    await expect(cell("H4").textContent()).resolves.toBe("#VALUE!");
    await expect(cell("H4").getAttribute("title")).resolves.toMatch(/^#VALUE! .*volume_growth/i);
  });

  it("inserts a function's example from the pane into the cell active in the grid", async () => {
    await cell("H5").click();
    const formula = '=CNAI.PARITY_AT("2H25")';
    await paneOf()
      .locator('li.fn[data-name="PARITY_AT"] button.button', { hasText: "Insert" })
      .click();
    await expect(
      (await reported("cnai-functions-status", /^Inserted/)).textContent()
    ).resolves.toBe(`Inserted ${formula} in 'CNAI Model'!H5.`);
    await expect(cell("H5").textContent()).resolves.toBe("0.625");
  });

  it("speaks Chinese in the pane and the sheets it writes when Office's display language is zh-CN", async () => {
    const chinese = await workbench.browser.newPage({ viewport: VIEWPORT });
    workbench.watch(chinese);
    await chinese.goto(`${workbench.origin}/?lang=zh-CN`);
    const pane = paneOf(chinese);
    // The pane starts in the browser's language and follows Office's once onReady reports it.
    await pane.locator('#cnai-pane[lang="zh-CN"]').waitFor();
    await expect(pane.locator("#cnai-data h2").textContent()).resolves.toBe("数据");
    await expect(pane.locator("#cnai-outside").isHidden()).resolves.toBe(true);
    await pane.locator("#cnai-data button.button").first().click();
    await tab(TABLE_TEXT.chipSheet.zh, chinese).waitFor();
    await expect(tab(TABLE_TEXT.tokenSheet.zh, chinese).count()).resolves.toBe(1);
    await pane.getByRole("button", { name: "English" }).click();
    await expect(pane.locator("#cnai-pane").getAttribute("lang")).resolves.toBe("en");
    await expect(pane.locator("#cnai-data h2").textContent()).resolves.toBe("Data");
    await chinese.close();
  });

  it("serves the add-in's own taskpane.html with the workbench's office.js; outside the workbench it explains itself", async () => {
    const pane = await workbench.browser.newPage({ viewport: { width: 400, height: 800 } });
    workbench.watch(pane);
    const officeJs: string[] = [];
    pane.on("request", (request) => {
      if (/office\.js$/.test(request.url()))
        officeJs.push(request.url().replace(workbench.origin, ""));
    });
    await pane.goto(`${workbench.origin}/addin/taskpane.html`);
    const notice = pane.locator("#cnai-outside");
    await notice.waitFor({ state: "visible" });
    await expect(notice.locator("h2").textContent()).resolves.toBe("Open CNAI in Excel");
    await expect(notice.textContent()).resolves.toContain(
      "This page is open in a browser, not in Excel."
    );
    expect(officeJs).toEqual(["/office-js/office.js"]);
    await pane.close();
  });

  it("outside the workbench, the pane follows a Chinese browser, and switches back to English", async () => {
    const context = await workbench.browser.newContext({
      locale: "zh-CN",
      viewport: { width: 400, height: 800 },
    });
    const pane = await context.newPage();
    workbench.watch(pane);
    await pane.goto(`${workbench.origin}/addin/taskpane.html`);
    const notice = pane.locator("#cnai-outside");
    await notice.waitFor({ state: "visible" });
    await expect(pane.locator("#cnai-pane").getAttribute("lang")).resolves.toBe("zh-CN");
    await expect(notice.locator("h2").textContent()).resolves.toBe("在Excel中打开CNAI");
    await expect(notice.textContent()).resolves.toContain(
      "此页面是在浏览器中打开的，而不是在Excel中。"
    );
    await expect(pane.locator("#cnai-data h2").textContent()).resolves.toBe("数据");
    await pane.getByRole("button", { name: "English" }).click();
    await expect(pane.locator("#cnai-pane").getAttribute("lang")).resolves.toBe("en");
    await expect(notice.locator("h2").textContent()).resolves.toBe("Open CNAI in Excel");
    await context.close();
  });

  it("had no console error on any frame, failed request or request off this machine", () => {
    expect(workbench.problems).toEqual([]);
  });

  it("stops cleanly on Ctrl-C", async () => {
    await expect(interrupt(workbench.server.child)).resolves.toBe(0);
    expect(workbench.server.output()).toContain("stopping the workbench");
  });

  // Windows and macOS sideload into Excel desktop instead.
  (process.platform === "linux" ? it : it.skip)(
    "npm start on Linux serves the same workbench, notes how to sideload on the web, stops on Ctrl-C",
    async () => {
      const home = mkdtempSync(join(tmpdir(), "cnai-home-"));
      try {
        const start = await serve(["scripts/start.js", "--no-build"], {
          HOME: home,
        });
        const response = await fetch(start.url.replace("localhost", "127.0.0.1"));
        expect(response.status).toBe(200);
        expect(await response.text()).toContain("<title>CNAI workbench</title>");
        const pane = await fetch(
          `${start.url.replace("localhost", "127.0.0.1")}/addin/taskpane.html`
        );
        expect(await pane.text()).toContain("<script src=/office-js/office.js></script>");
        expect(start.output()).toContain("npm run start:web -- --document");
        await expect(interrupt(start.child)).resolves.toBe(0);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }
  );
});
