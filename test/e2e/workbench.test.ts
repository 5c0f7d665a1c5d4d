/**
 * The workbench in a real browser (Debian's chromium, driven by playwright-core): `npm run
 * workbench` serves it, the add-in's own pane loads the note's tables and builds the model sheet,
 * the formula bar types CNAI formulas, edits recalculate cells and charts, and the add-in's own
 * taskpane.html explains itself outside Office — with no console error, failed request or request
 * off this machine. Screenshots go to artifacts/; CNAI_UPDATE_SCREENSHOT=1 also writes the README's
 * docs/workbench.png (so does a run where it is missing).
 */
import { ChildProcess, spawn } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { Browser, Page, chromium } from "playwright-core";
import { evaluate, findFunction } from "../../src/core";
import { offset } from "../../src/plans/a1";
import { ASSUMPTIONS, LAYOUT, MODEL_CELLS, MODEL_SHEET } from "../../src/plans/model";

const ROOT = join(__dirname, "..", "..");
const CHROMIUM = process.env.CNAI_CHROMIUM || "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "artifacts");
const DOCS_SCREENSHOT = join(ROOT, "docs", "workbench.png");
const VIEWPORT = { width: 1400, height: 900 };

// Builds dist-workbench/ when stale, then a browser on 2 cores: generous.
const START_TIMEOUT = 300_000;
jest.setTimeout(60_000);

if (!existsSync(CHROMIUM))
  throw new Error(
    `The workbench's browser tests need Chromium at ${CHROMIUM}: apt-get install chromium (CI's .ci/run installs it), or set CNAI_CHROMIUM to a Chromium or Chrome executable.`
  );

/** The cell of an assumption's value on the model sheet: "B6" for UnitCostDecline. */
const assumptionCell = (name: string) =>
  offset(LAYOUT.assumptionsAt, 1 + ASSUMPTIONS.findIndex((a) => a.name === name), 1);

const marginExpansion = (unitCostDecline: number) =>
  evaluate(findFunction("MARGIN_EXPANSION")!, [0.3, unitCostDecline, 2, 0.64, 0, 0]) as number;

let server: Served;
let origin = "";
let browser: Browser;
let page: Page;
/** Everything that went wrong in the browser, on any page: must stay empty. */
const problems: string[] = [];
const started = Date.now();

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** Runs a script that serves the workbench on a free port; resolves with the URL it prints. */
function serve(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [...args, "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, CNAI_WORKBENCH_PORT: "", ...env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/CNAI workbench: (http:\/\/localhost:\d+)/);
      if (url) resolve({ child, url: url[1], output: () => output });
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited (${code}) before serving:\n${output}`))
    );
  });
}

/** Sends Ctrl-C; resolves with the exit code. */
function interrupt(child: ChildProcess): Promise<number | null> {
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  child.kill("SIGINT");
  return exit;
}

function watch(target: Page): void {
  const where = () => target.url().replace(origin, "") || "(blank)";
  target.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error on ${where()}: ${message.text()}`);
  });
  target.on("pageerror", (error) => problems.push(`page error on ${where()}: ${error.message}`));
  target.on("requestfailed", (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`)
  );
  target.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  target.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith("data:"))
      problems.push(`request off this machine: ${url}`);
  });
}

async function screenshot(name: string, target: Page = page): Promise<Buffer> {
  return target.screenshot({ path: join(ARTIFACTS, `workbench-${name}.png`) });
}

const cell = (a1: string) => page.locator(`.wb-grid td[data-cell="${a1}"]`);
const tab = (sheet: string) => page.locator(`.wb-tab[data-sheet="${sheet}"]`);
const formulaBar = () => page.locator("#wb-formula");
const chartLine = (chart: string, series: string) =>
  page.locator(`svg[data-chart="${chart}"] path[data-series="${series}"]`);

/** Clicks a cell, types into the formula bar and presses Enter, as an analyst does. */
async function typeInto(a1: string, input: string): Promise<void> {
  await cell(a1).click();
  await formulaBar().fill(input);
  await formulaBar().press("Enter");
}

async function clickPaneButton(label: string): Promise<void> {
  await page.locator("fluent-button", { hasText: label }).click();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // `npm run workbench`: builds dist-workbench/ (and dist/) where stale, then serves.
  server = await serve(["scripts/workbench.js"]);
  origin = server.url;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  page = await browser.newPage({ viewport: VIEWPORT });
  watch(page);
}, START_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  const { child } = server ?? {};
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  console.log(`Workbench e2e: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
});

describe("the workbench in Chromium", () => {
  it("opens a workbook beside the add-in's pane, with the functions of dist/functions.js", async () => {
    await page.goto(`${origin}/`);
    await expect(page.locator("#wb-functions").textContent()).resolves.toBe(
      "12 CNAI functions from /addin/functions.js"
    );
    await page.locator(".wb-tab").first().waitFor();
    await expect(page.locator("#cnai-outside").isHidden()).resolves.toBe(true);
    await expect(
      page.locator("fluent-button", { hasText: "Load appendix tables" }).getAttribute("disabled")
    ).resolves.toBeNull();
    await screenshot("empty");
  });

  it("loads the appendix tables through the pane, with the note's values as Excel shows them", async () => {
    await clickPaneButton("Load appendix tables");
    await page.locator('#cnai-data-status[data-state="ok"]').waitFor();
    await expect(page.locator("#cnai-data-status .status-summary").textContent()).resolves.toBe(
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
    await screenshot("token-economics");
  });

  it("builds the model sheet, shows it, and gives the note's margin expansion and parity", async () => {
    await clickPaneButton("Build model sheet");
    await page.locator('#cnai-model-status[data-state="ok"]').waitFor();
    await expect(tab(MODEL_SHEET).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
    await expect(cell(MODEL_CELLS.parityAtDate).textContent()).resolves.toBe("62.5%");
    await expect(cell(MODEL_CELLS.timelineFirstMid).textContent()).resolves.toBe("62.5%");
    await expect(cell(MODEL_CELLS.integratedMultiple).textContent()).resolves.toBe("12.0x");
    await expect(page.locator("svg.wb-chart").count()).resolves.toBe(2);

    await cell(MODEL_CELLS.marginExpansion).click();
    await expect(page.locator("#wb-namebox").inputValue()).resolves.toBe(
      MODEL_CELLS.marginExpansion
    );
    await expect(formulaBar().inputValue()).resolves.toMatch(
      /^=CNAI\.MARGIN_EXPANSION\(VolumeGrowth,UnitCostDecline,Years,StartMargin,/
    );

    const png = await screenshot("model");
    if (process.env.CNAI_UPDATE_SCREENSHOT === "1" || !existsSync(DOCS_SCREENSHOT)) {
      mkdirSync(join(ROOT, "docs"), { recursive: true });
      await page.screenshot({ path: DOCS_SCREENSHOT });
      expect(statSync(DOCS_SCREENSHOT).size).toBeLessThan(400 * 1024);
    }
    expect(png.length).toBeLessThan(400 * 1024);
  });

  it("recalculates the margin expansion when the unit-cost decline changes", async () => {
    const decline = assumptionCell("UnitCostDecline");
    expect(decline).toBe(MODEL_CELLS.unitCostDecline);
    await cell(decline).click();
    await expect(formulaBar().inputValue()).resolves.toMatch(/^(0\.15|15%)$/);
    await typeInto(decline, "25%");
    await expect(cell(decline).textContent()).resolves.toBe("25.0%");
    const expected = `${(marginExpansion(0.25) * 100).toFixed(2)}%`;
    expect(expected).not.toBe("9.99%");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe(expected);
    await screenshot("unit-cost-decline");
    await typeInto(decline, "15%");
    await expect(cell(MODEL_CELLS.marginExpansion).textContent()).resolves.toBe("9.99%");
  });

  it("downloads the workbook as .xlsx: CNAI's formulas with the values shown, or values only", async () => {
    const download = async () => {
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#wb-download").click(),
      ]);
      const path = join(ARTIFACTS, file.suggestedFilename());
      await file.saveAs(path);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      return { workbook, name: file.suggestedFilename() };
    };
    const { workbook, name } = await download();
    expect(name).toBe("CNAI workbook.xlsx");
    await expect(page.locator("#wb-download-status").textContent()).resolves.toMatch(
      /^Downloaded CNAI workbook\.xlsx: 4 sheets, 30 formulas with their values \(\d+\.\d kB\)\.$/
    );
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      "Sheet1",
      "Chip Parity",
      "Token Economics",
      MODEL_SHEET,
    ]);
    const model = workbook.getWorksheet(MODEL_SHEET) as ExcelJS.Worksheet;
    expect(model.getCell(MODEL_CELLS.marginExpansion).formula).toMatch(/^CNAI\.MARGIN_EXPANSION\(/);
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBeCloseTo(0.0999, 12);
    expect(model.getCell(MODEL_CELLS.parityAtDate).result).toBe(0.625);
    expect(workbook.getWorksheet("Token Economics")?.getTable("TokenEconomics")).toBeDefined();

    await page.locator("#wb-download-values").check();
    const values = await download();
    expect(values.name).toBe("CNAI workbook (values).xlsx");
    const valuesModel = values.workbook.getWorksheet(MODEL_SHEET) as ExcelJS.Worksheet;
    expect(valuesModel.getCell(MODEL_CELLS.marginExpansion).formula).toBeUndefined();
    expect(valuesModel.getCell(MODEL_CELLS.marginExpansion).value).toBeCloseTo(0.0999, 12);
    await page.locator("#wb-download-values").uncheck();
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
    await screenshot("stall-date");
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
    await screenshot("formulas");
  });

  it("inserts a function's example from the pane into the active cell", async () => {
    await cell("H5").click();
    const formula = '=CNAI.PARITY_AT("2H25")';
    await page.locator('li.fn[data-name="PARITY_AT"] fluent-button', { hasText: "Insert" }).click();
    await page.locator('#cnai-functions-status[data-state="ok"]').waitFor();
    await expect(
      page.locator("#cnai-functions-status .status-summary").textContent()
    ).resolves.toBe(`Inserted ${formula} in 'CNAI Model'!H5.`);
    await expect(cell("H5").textContent()).resolves.toBe("0.625");
  });

  it("serves the add-in's own taskpane.html with office.js from this machine; outside Office it explains itself", async () => {
    const pane = await browser.newPage({ viewport: { width: 400, height: 800 } });
    watch(pane);
    const officeJs: string[] = [];
    pane.on("request", (request) => {
      if (/office\.js$/.test(request.url())) officeJs.push(request.url().replace(origin, ""));
    });
    await pane.goto(`${origin}/addin/taskpane.html`);
    const notice = pane.locator("#cnai-outside");
    await notice.waitFor({ state: "visible" });
    await expect(notice.locator("h2").textContent()).resolves.toBe("Open CNAI in Excel");
    await expect(notice.textContent()).resolves.toContain(
      "This page is open in a browser, not in Excel."
    );
    expect(officeJs).toEqual(["/office-js/office.js"]);
    await screenshot("taskpane-outside-office", pane);
    await pane.close();
  });

  it("shows the pane in Chinese when the display language is zh-CN, and switches back to English", async () => {
    const context = await browser.newContext({
      locale: "zh-CN",
      viewport: { width: 400, height: 800 },
    });
    const pane = await context.newPage();
    watch(pane);
    await pane.goto(`${origin}/addin/taskpane.html`);
    const notice = pane.locator("#cnai-outside");
    await notice.waitFor({ state: "visible" });
    await expect(pane.locator("#cnai-pane").getAttribute("lang")).resolves.toBe("zh-CN");
    await expect(notice.locator("h2").textContent()).resolves.toBe("在Excel中打开CNAI");
    await expect(notice.textContent()).resolves.toContain(
      "此页面是在浏览器中打开的，而不是在Excel中。"
    );
    await expect(pane.locator("#cnai-data h2").textContent()).resolves.toBe("数据");
    await screenshot("taskpane-zh-CN", pane);
    await pane.getByRole("button", { name: "English" }).click();
    await expect(pane.locator("#cnai-pane").getAttribute("lang")).resolves.toBe("en");
    await expect(notice.locator("h2").textContent()).resolves.toBe("Open CNAI in Excel");
    await context.close();
  });

  it("had no console error, failed request or request off this machine", () => {
    expect(problems).toEqual([]);
  });

  it("stops cleanly on Ctrl-C", async () => {
    await expect(interrupt(server.child)).resolves.toBe(0);
    expect(server.output()).toContain("stopping the workbench");
  });

  // Windows and macOS sideload into Excel desktop instead.
  (process.platform === "linux" ? it : it.skip)(
    "npm start on Linux serves the same workbench, notes how to sideload on the web, stops on Ctrl-C",
    async () => {
      const home = mkdtempSync(join(tmpdir(), "cnai-home-"));
      try {
        const start = await serve(["scripts/start.js", "--no-build"], {
          HOME: home,
          CNAI_SKIP_SYSTEM_TRUST: "1",
        });
        const response = await fetch(start.url.replace("localhost", "127.0.0.1"));
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('<script src="/addin/functions.js"></script>');
        expect(start.output()).toContain("npm run start:web -- --document");
        await expect(interrupt(start.child)).resolves.toBe(0);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }
  );
});
