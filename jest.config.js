/* eslint-disable no-undef */
/**
 * Two projects: "quick" (core, plans, host: no build, seconds; `npm run test:quick`) and "addin"
 * (the shipped bundles, the pane, the workbench, the browser and the export), whose global setup
 * builds dist/ and dist-workbench/ once, in parallel, when missing or stale. `npm test` runs both,
 * on every core (test/sequencer.js starts the longest files first). TypeScript is transpiled per
 * file (tsconfig's isolatedModules): `npm run lint` type-checks.
 */
const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  transform: { "^.+\\.ts$": "ts-jest" },
};

const QUICK = ["core", "plans", "host"];

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
    },
  ],
};
