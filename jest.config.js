/* eslint-disable no-undef */
/**
 * Four projects: "quick" (core, plans, host: no build, seconds; `npm run test:quick`), "at scale"
 * (their tests at the size of Excel's grid, below), "addin"
 * (the shipped bundles, the pane, the workbench, the browser and the export), whose global setup
 * builds dist/ and dist-workbench/ once, in parallel, when missing or stale, and "oldest Excel"
 * (below). `npm test` runs all four, on every core (test/sequencer.js starts the longest files
 * first). TypeScript is transpiled per file (tsconfig's isolatedModules): `npm run lint`
 * type-checks.
 */
/** The transpiler: swc, where ts-jest cost a clean clone's first run seconds of CPU. */
const SWC = {
  jsc: { parser: { syntax: "typescript" }, target: "es2019" },
  module: { type: "commonjs" },
};

const common = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["@swc/jest", SWC] },
  // Globals read at local speed inside jest's vm contexts (test/sandbox-globals.js says why).
  sandboxInjectedGlobals: require("./test/sandbox-globals"),
};

const QUICK = ["core", "plans", "host"];

/**
 * The core's, the plans' and the host's tests at the size of Excel's grid and its payload limit —
 * a million-row result, whole-column reads, 5 MB requests, thousands of array formulas — are their
 * own files, `*.scale.test.ts`, in the project "at scale": `npm test` runs them, the edit–test loop
 * (`npm run test:quick`) leaves them out. They were a third of its time for nine tests of 2,480.
 */
const AT_SCALE_FILE = ".scale.test.ts";
const AT_SCALE = "\\.scale\\.test\\.ts$";

/**
 * The pane's suites that run a second time on the oldest Excel the manifest admits
 * (test/helpers/host.ts): those whose actions dispatch distinct members — Load and Build with
 * every member the applier uses, Repair, and the model computed from the applied plans.
 * test/taskpane/requirements.test.ts runs every action, Snapshot and Restore in each scope among
 * them, on both Excels itself. Excel on the web only: the fault-injection files, which run Load
 * and Build's members again step by step (no member of their own), and snapshot.test.ts, whose
 * tests are about spill ranges (ExcelApi 1.12, which the oldest Excel lacks; its one-cell path is
 * tested there with `knowsSpills: false`), and repair-at-scale.test.ts, whose 100,000 formulas are
 * about the web's 5 MB payload limit (Repair's members are repair.test.ts's, which runs on both).
 */
const ON_THE_OLDEST_EXCEL = [
  "test/taskpane/apply.test.ts",
  "test/taskpane/repair.test.ts",
  "test/plans/model-engine.test.ts",
];

/** @type {import("jest").Config} */
module.exports = {
  // Jest's default leaves one core to itself: on 2 cores that is one worker, every file in turn.
  maxWorkers: "100%",
  // A hang's guard, not a speed check (that is `npm run bench`): files share the cores, and the
  // machine may be shared too, so a test that takes 2 s alone may take 10 here.
  testTimeout: 60_000,
  testSequencer: "<rootDir>/test/sequencer.js",
  projects: [
    {
      ...common,
      displayName: "quick",
      roots: QUICK.map((folder) => `<rootDir>/test/${folder}`),
      testPathIgnorePatterns: ["/node_modules/", AT_SCALE],
    },
    {
      ...common,
      displayName: "at scale",
      roots: QUICK.map((folder) => `<rootDir>/test/${folder}`),
      testMatch: [`**/*${AT_SCALE_FILE}`],
    },
    {
      ...common,
      displayName: "addin",
      roots: ["<rootDir>/test"],
      testPathIgnorePatterns: [
        "/node_modules/",
        ...QUICK.map((folder) => `<rootDir>/test/${folder}/`),
      ],
      // The tests of the shipped add-in read dist/, the browser's read dist-workbench/.
      globalSetup: "<rootDir>/test/global-setup.js",
      globalTeardown: "<rootDir>/test/global-teardown.js",
    },
    {
      ...common,
      displayName: "oldest Excel",
      roots: ["<rootDir>/test"],
      testMatch: ON_THE_OLDEST_EXCEL.map((file) => `<rootDir>/${file}`),
      setupFiles: ["<rootDir>/test/helpers/oldest-excel.js"],
      globalSetup: "<rootDir>/test/global-setup.js",
      globalTeardown: "<rootDir>/test/global-teardown.js",
    },
  ],
};
