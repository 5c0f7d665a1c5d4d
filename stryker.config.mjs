// Mutation testing (`npm run mutate`): StrykerJS changes src/core, src/plans and src/host one small
// edit at a time and runs the unit suites of jest.mutate.config.js against each change; a change no
// test notices is a surviving mutant. `npm run mutate:core` (or MUTATE=core|plans|host) limits a run
// to one folder, each with its own incremental file in mutation/, so only mutants whose code or
// covering tests changed since the committed file are run again. See docs/development.md and docs/benchmarks.md.
import { readFileSync } from "fs";

const FOLDERS = {
  core: ["src/core/**/*.ts"],
  plans: ["src/plans/**/*.ts"],
  host: ["src/host/**/*.ts"],
};
// `npm run mutate:core` names its folder in npm's script name, on every OS; MUTATE=… works without npm.
const folder =
  process.env.MUTATE ?? /^mutate:(\w+)$/.exec(process.env.npm_lifecycle_event ?? "")?.[1] ?? "all";
if (folder !== "all" && !(folder in FOLDERS))
  throw new Error(`MUTATE=${folder}: expected one of ${Object.keys(FOLDERS).join(", ")} or all`);
// MUTATE_SAMPLE=1: only the places scripts/mutation-sample.mjs drew for the folder, run whole.
const sample =
  process.env.MUTATE_SAMPLE === "1"
    ? JSON.parse(readFileSync(`mutation/sample-${folder}.json`, "utf8")).places
    : undefined;
const mutate = sample ?? (folder === "all" ? Object.values(FOLDERS).flat() : FOLDERS[folder]);
const reportName = sample ? `${folder}-sample` : folder;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "jest",
  jest: { configFile: "jest.mutate.config.js", enableFindRelatedTests: false },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.mutate.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  // Static mutants (module-level data: the catalogue, its help texts and parameter tables) would each
  // run every suite; they are counted as ignored, and docs/benchmarks.md says how many.
  ignoreStatic: true,
  mutate: [
    ...mutate,
    // Re-exports and a version string: nothing to mutate that a test of behaviour could see.
    "!src/core/index.ts",
    "!src/core/version.ts",
  ],
  // The machine is shared: one test process, plus the type checker.
  concurrency: 1,
  // As in `npm test`: a 32 MB young generation for the host's many short-lived objects
  // (docs/development.md, "Which tests to run").
  testRunnerNodeArgs: ["--max-semi-space-size=32"],
  incremental: !sample,
  incrementalFile: `mutation/incremental-${folder}.json`,
  ignorePatterns: [
    "dist",
    "dist-workbench",
    "coverage",
    "artifacts",
    ".cache",
    "reports",
    "mutation",
  ],
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${reportName}.html` },
  jsonReporter: { fileName: `reports/mutation/${reportName}.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  timeoutMS: 10000,
  // The first run, all suites with coverage, takes minutes on a busy machine.
  dryRunTimeoutMinutes: 20,
};
