/**
 * What the browser tests share: `npm run workbench` started on a free port, Debian's Chromium on
 * it, a watch on every page for console errors (any frame), failed requests and requests off this
 * machine, and the analyst's gestures — click a cell, type in the formula bar, press the pane's
 * buttons inside its iframe, read a section's report.
 */
import { ChildProcess, spawn } from "child_process";
import { createHash } from "crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  FrameLocator,
  Locator,
  Page,
  chromium,
} from "playwright-core";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ARGS, CHROMIUM, SHARED, needChromium } = require("./chromium");

export const ROOT = join(__dirname, "..", "..");
export const ARTIFACTS = join(ROOT, "artifacts");
export const VIEWPORT = { width: 1400, height: 900 };
/** CNAI_UPDATE_SCREENSHOT=1 rewrites the README's screenshots (a missing one is always written). */
export const UPDATE_SCREENSHOTS = process.env.CNAI_UPDATE_SCREENSHOT === "1";

// Builds dist-workbench/ when stale, then a browser on 2 cores: generous.
export const START_TIMEOUT = 300_000;

needChromium();

export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/**
 * One server at a time builds: scripts/workbench.js builds dist-workbench/ when stale, and two test
 * files starting it at once would both write there. The lock is a directory, made atomically, with
 * the holder's pid, so a lock left by a killed run is taken over.
 */
const BUILD_LOCK = join(
  tmpdir(),
  `cnai-workbench-${createHash("sha1").update(ROOT).digest("hex").slice(0, 12)}.lock`
);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function lockBuilds(): Promise<() => void> {
  const until = Date.now() + START_TIMEOUT;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      writeFileSync(join(BUILD_LOCK, "pid"), String(process.pid));
      return () => rmSync(BUILD_LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(BUILD_LOCK, "pid"), "utf8"));
    } catch {
      // Made but its pid not yet written: wait.
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder))
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    else if (Date.now() > until)
      throw new Error(`waited ${START_TIMEOUT / 1000} s for ${BUILD_LOCK} (held by ${holder})`);
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs a script that serves the workbench on a free port; resolves with the URL it prints. */
export async function serve(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const unlock = await lockBuilds();
  try {
    return await new Promise<Served>((resolve, reject) => {
      const child = spawn(process.execPath, [...args, "--port", "0"], {
        cwd: ROOT,
        env: { ...process.env, CNAI_WORKBENCH_PORT: "", ...env },
      });
      let output = "";
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
  } finally {
    unlock();
  }
}

/** Sends Ctrl-C; resolves with the exit code. */
export function interrupt(child: ChildProcess): Promise<number | null> {
  const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
  child.kill("SIGINT");
  return exit;
}

/** A Chromium of this file's own. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** The run's shared Chromium (test/e2e/chromium.js) when there is one, else one of its own. */
function browserForFile(): Promise<Browser> {
  const shared = process.env[SHARED];
  return shared ? chromium.connect(shared) : launchChromium();
}

/** A test file's workbench: its server, and Chromium with one page on it. */
export interface Workbench {
  readonly server: Served;
  readonly origin: string;
  readonly browser: Browser;
  /** The file's own context in the browser: its pages, cookies and downloads. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** Everything that went wrong on a watched page, in any frame: must stay empty. */
  readonly problems: string[];
  /** Watches another page of the same browser for problems. */
  watch(page: Page): void;
}

/**
 * `npm run workbench` (which builds dist-workbench/ and dist/ where stale) and a Chromium page on
 * it, for the test file that calls this: started before its tests, its fields set from then on;
 * stopped after them with Ctrl-C, as the analyst stops it, and killed if it has not stopped within
 * 15 s.
 */
export function useWorkbench(page: BrowserContextOptions = {}): Workbench {
  const workbench = { problems: [] as string[] } as {
    -readonly [K in keyof Workbench]: Workbench[K];
  };
  workbench.watch = (target) => watch(target, workbench.origin, workbench.problems);
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const [server, browser] = await Promise.all([
      serve(["scripts/workbench.js"]),
      browserForFile(),
    ]);
    workbench.server = server;
    workbench.origin = server.url;
    workbench.browser = browser;
    workbench.context = await browser.newContext({ viewport: VIEWPORT, ...page });
    workbench.page = await workbench.context.newPage();
    workbench.watch(workbench.page);
  }, START_TIMEOUT);
  afterEach(async () => {
    const failed = (globalThis as { cnaiFailedTest?: string }).cnaiFailedTest;
    if (failed) await photograph(workbench.browser, failed);
  });
  afterAll(async () => {
    await workbench.context?.close();
    await workbench.browser?.close();
    const child = workbench.server?.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await interrupt(child);
      clearTimeout(kill);
    }
  });
  return workbench;
}

/**
 * For whoever debugs a failed test: every open page of the browser, as it was when the test
 * failed, in artifacts/ under the test's name. Only then: a screenshot is a full paint and a PNG.
 */
async function photograph(browser: Browser, test: string): Promise<void> {
  const name = test.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 80);
  const pages = browser.contexts().flatMap((context) => context.pages());
  // A page that closed or crashed has nothing to show; its screenshot failing must not replace
  // the test's own failure in the report.
  await Promise.all(
    pages.map((open, k) =>
      open
        .screenshot({ path: join(ARTIFACTS, `failed-${name}-${k + 1}.png`) })
        .catch(() => undefined)
    )
  );
}

/**
 * Records, in `problems`, everything that goes wrong on a page and in its frames (the pane's
 * iframe included): console errors, uncaught errors, failed requests, HTTP errors, requests that
 * leave `origin`.
 */
export function watch(target: Page, origin: string, problems: string[]): void {
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

/**
 * The analyst's gestures on the workbench, on the page `current()` returns unless another is
 * passed: each test file keeps its own page and hands this a way to find it.
 */
export function gestures(current: () => Page) {
  const cell = (a1: string, on: Page = current()) => on.locator(`.wb-grid td[data-cell="${a1}"]`);
  const tab = (sheet: string, on: Page = current()) => on.locator(`.wb-tab[data-sheet="${sheet}"]`);
  const formulaBar = (on: Page = current()) => on.locator("#wb-formula");
  const chartLine = (chart: string, series: string, on: Page = current()) =>
    on.locator(`svg[data-chart="${chart}"] path[data-series="${series}"]`);
  /** The add-in's own pane: /addin/taskpane.html in the workbench's iframe. */
  const paneOf = (on: Page = current()): FrameLocator => on.frameLocator("iframe#wb-pane");

  /**
   * Waits for calculation to finish, as an analyst waits for Excel's: no cell of the grid shows
   * #BUSY! (CNAI's Monte Carlo functions are asynchronous, src/functions/excel.ts).
   */
  async function calculated(on: Page = current()): Promise<void> {
    await on.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll(".wb-grid td")).some(
          (td) => td.textContent === "#BUSY!"
        )
    );
  }

  /** Clicks a cell, types into the formula bar and presses Enter, as an analyst does. */
  async function typeInto(a1: string, input: string, on: Page = current()): Promise<void> {
    await cell(a1, on).click();
    await formulaBar(on).fill(input);
    await formulaBar(on).press("Enter");
    await calculated(on);
  }

  async function clickPaneButton(label: string, on: Page = current()): Promise<void> {
    await paneOf(on).locator("button.button", { hasText: label }).click();
  }

  /** Waits for a section's status line to say this. */
  async function reported(status: string, summary: RegExp, on: Page = current()): Promise<Locator> {
    const line = paneOf(on).locator(`#${status} .status-summary`, { hasText: summary });
    await line.waitFor();
    return line;
  }

  /** Waits for the pane to have started: Office.onReady has told it it runs in Excel, its buttons are on. */
  async function paneReady(on: Page = current()): Promise<void> {
    await paneOf(on)
      .locator("button.button:not([disabled])", { hasText: "Load appendix tables" })
      .waitFor();
  }

  /**
   * Waits for the pane to be ready, then loads the appendix tables and builds the model sheet;
   * `built` is what the Model section must report.
   */
  async function loadAndBuild(built: RegExp, on: Page = current()): Promise<void> {
    await paneReady(on);
    await clickPaneButton("Load appendix tables", on);
    await reported("cnai-data-status", /^Loaded/, on);
    await clickPaneButton("Build model sheet", on);
    await reported("cnai-model-status", built, on);
    await calculated(on);
  }

  return {
    calculated,
    cell,
    tab,
    formulaBar,
    chartLine,
    paneOf,
    typeInto,
    clickPaneButton,
    reported,
    paneReady,
    loadAndBuild,
  };
}
