/* eslint-disable no-undef */
/**
 * Debian's Chromium as the browser tests launch it: where it is, its flags, and one browser shared
 * by the test files of a run. Each e2e file used to launch its own Chromium (3 s of CPU each on 2
 * cores); test/global-setup.js now launches one server for the run when it includes browser tests
 * and each file connects to it (`CNAI_CHROMIUM_WS`), with a context of its own, so no page, cookie
 * or download is shared. A file run where the setup launched none (a jest config without this
 * setup, or path patterns `runsBrowserTests` does not see as the file's) launches its own.
 */
const { existsSync, readdirSync } = require("fs");
const path = require("path");

const CHROMIUM = process.env.CNAI_CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** The shared browser's WebSocket endpoint, for the test files' workers. */
const SHARED = "CNAI_CHROMIUM_WS";

function needChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The workbench's browser tests need Chromium at ${CHROMIUM}: apt-get install chromium (CI's .ci/run installs it), or set CNAI_CHROMIUM to a Chromium or Chrome executable.`
    );
}

/** Whether a jest run with these path patterns includes a browser test file (no pattern: all). */
function runsBrowserTests(patterns) {
  if (patterns.length === 0) return true;
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => path.join(__dirname, name));
  return patterns.some((pattern) => files.some((file) => new RegExp(pattern, "i").test(file)));
}

let server;

/** Launches the run's shared Chromium once (both jest projects call this) when the run needs it. */
async function shareChromium(globalConfig) {
  if (process.env[SHARED] || !runsBrowserTests(globalConfig.testPathPatterns?.patterns ?? []))
    return;
  needChromium();
  const { chromium } = require("playwright-core");
  server = await chromium.launchServer({ executablePath: CHROMIUM, args: ARGS });
  process.env[SHARED] = server.wsEndpoint();
}

async function closeSharedChromium() {
  await server?.close();
  server = undefined;
  delete process.env[SHARED];
}

module.exports = { CHROMIUM, ARGS, SHARED, needChromium, shareChromium, closeSharedChromium };
