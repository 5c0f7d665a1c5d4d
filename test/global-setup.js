/* eslint-disable no-undef */
/**
 * The "addin" project's tests read dist/ (the shipped bundles) and, in the browser, dist-workbench/.
 * Build each once when it is missing or older than its sources — the same check and commands as
 * `npm run workbench` (scripts/workbench.js) — both at once, so that no test file builds on its own.
 * The builds skip ts-loader's type check (CNAI_TRANSPILE_ONLY): with tsconfig's isolatedModules the
 * emitted JavaScript is the same, and `npm run lint` type-checks. Meanwhile it launches the run's
 * one Chromium for the browser tests (test/e2e/chromium.js), closed by test/global-teardown.js.
 */
const { spawn } = require("child_process");
const path = require("path");
const { BUILDS, isStale, markBuilt } = require("../scripts/workbench");
const { shareChromium } = require("./e2e/chromium");

const root = path.join(__dirname, "..");

function build(built) {
  const {
    folder,
    command: [command, args],
  } = built;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, CNAI_TRANSPILE_ONLY: "1" },
      shell: process.platform === "win32" && command === "npm",
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0) reject(new Error(`building ${folder} failed (${signal ?? `exit ${code}`})`));
      else {
        markBuilt(built);
        resolve();
      }
    });
  });
}

module.exports = async (globalConfig) => {
  const stale = BUILDS.filter(isStale);
  if (stale.length > 0)
    console.log(`\nBuilding ${stale.map((b) => b.folder).join(" and ")} for the tests...`);
  await Promise.all([...stale.map(build), shareChromium(globalConfig)]);
};
