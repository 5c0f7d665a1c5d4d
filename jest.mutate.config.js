// The suites `npm run mutate` runs against each mutant (stryker.config.mjs): the fast unit suites
// that exercise src/core, src/plans and src/host, chosen per folder by MUTATE (core, plans, host or
// all). Not the browser e2e, the LibreOffice export, the bundle builds or anything reading dist/
// (test/core/properties.test.ts loads the shipped bundle), which cost minutes per mutant and test
// none of these folders more closely. No globalSetup: nothing here reads dist/.
const SUITES = {
  core: ["test/core/**/*.test.ts", "!**/properties.test.ts"],
  // Not test/taskpane/repair.test.ts (an .xlsx through exceljs) nor the HyperFormula harness's own
  // test: together they made the first run of this set take 5 minutes, every mutant a minute.
  plans: [
    "test/plans/**/*.test.ts",
    "test/taskpane/apply.test.ts",
    "test/taskpane/snapshot.test.ts",
    "test/core/translations.test.ts",
  ],
  // The host's own suites and the pane's applier and requirement sets through it: the other pane
  // suites cover the same members at many times the cost per mutant.
  host: [
    "test/host/**/*.test.ts",
    "test/taskpane/apply.test.ts",
    "test/taskpane/requirements.test.ts",
    "test/workbench/format.test.ts",
  ],
};
const folder =
  process.env.MUTATE ?? /^mutate:(\w+)$/.exec(process.env.npm_lifecycle_event ?? "")?.[1] ?? "all";
const suites =
  folder === "all" ? [...new Set(Object.values(SUITES).flat())] : (SUITES[folder] ?? SUITES.core);

/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  rootDir: __dirname,
  roots: ["<rootDir>/test"],
  testMatch: suites.map((glob) => (glob.startsWith("!") ? glob : `<rootDir>/${glob}`)),
  // As in jest.config.js: TypeScript through swc.
  transform: require("./jest.config.js").projects[0].transform,
  // As in jest.config.js: globals read at local speed (test/sandbox-globals.js says why).
  sandboxInjectedGlobals: require("./test/sandbox-globals"),
};
