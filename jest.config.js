const base = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: { "^.+\\.ts$": "ts-jest" },
};

/**
 * The pane's suites that run a second time on the oldest Excel the manifest admits
 * (test/helpers/host.ts): those whose actions dispatch distinct members — Load and Build with
 * every member the applier uses, Repair, and the model computed from the applied plans.
 * test/taskpane/requirements.test.ts runs every action, Snapshot and Restore in each scope among
 * them, on both Excels itself. Excel on the web only: faults.test.ts, which runs Load and Build's
 * members again step by step (the slowest suite; no member of its own), and snapshot.test.ts,
 * whose tests are about spill ranges (ExcelApi 1.12, which the oldest Excel lacks; its one-cell
 * path is tested there with `knowsSpills: false`).
 */
const ON_THE_OLDEST_EXCEL = [
  "test/taskpane/apply.test.ts",
  "test/taskpane/repair.test.ts",
  "test/plans/model-engine.test.ts",
];

/** @type {import("jest").Config} */
module.exports = {
  // The manifest and bundle tests read dist/; test/global-setup.js builds it once if missing or stale.
  globalSetup: "<rootDir>/test/global-setup.js",
  projects: [
    { ...base, displayName: "Excel on the web" },
    {
      ...base,
      displayName: "oldest Excel",
      testMatch: ON_THE_OLDEST_EXCEL.map((file) => `<rootDir>/${file}`),
      setupFiles: ["<rootDir>/test/helpers/oldest-excel.js"],
    },
  ],
};
