/**
 * The add-in's production bundles carry only the add-in: HyperFormula, the workbench, playwright
 * and jest are development tools (webpack.workbench.js builds the workbench into dist-workbench/).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { DIST, ROOT } from "../../scripts/excel-runtime";

/** src/workbench/main.ts puts this string in the workbench's bundle, where it must stay. */
const WORKBENCH_MARKER = "cnai-workbench-bundle-only";

/**
 * Strings that only these tools' code contains: HyperFormula's licence key is "gpl-v3"; the
 * workbench's page (src/workbench/ui/) names its classes "wb-…".
 */
const FOREIGN = [
  WORKBENCH_MARKER,
  "wb-grid",
  "wb-chart",
  "wb-formula",
  "HyperFormula",
  "hyperformula",
  "gpl-v3",
  "playwright",
  "chromium",
  "jest",
];

describe("the add-in's production bundles", () => {
  it("the workbench's marker is still in src/workbench/main.ts", () => {
    const main = readFileSync(join(ROOT, "src", "workbench", "main.ts"), "utf8");
    expect(main).toContain(`"${WORKBENCH_MARKER}"`);
  });

  it.each(["functions.js", "risk.js", "taskpane.js", "taskpane.html"])(
    "dist/%s holds no HyperFormula, workbench, playwright or jest code",
    (file) => {
      const code = readFileSync(join(DIST, file), "utf8");
      expect(FOREIGN.filter((text) => code.includes(text))).toEqual([]);
    }
  );
});

/**
 * Every function of the core stays a function of its own in the shipped files. swc's compressor
 * otherwise writes a function called from one place into that place as a function expression
 * (`b[t]=…function(e,t,n,r){…}(e,$,t,h)`): the runner's row loop (numbersRow, src/core/runner.ts)
 * then became a new closure for every row of a broadcast, 15–30% slower (docs/benchmarks.md).
 * webpack.config.js's `keep_fnames` keeps them named; the source itself writes arrows, never
 * `function` expressions, so none is expected.
 */
describe("the functions' bundles as minified", () => {
  it.each(["functions.js", "risk.js"])(
    "dist/%s holds no function expression: no function was written into its caller",
    (file) => {
      const code = readFileSync(join(DIST, file), "utf8");
      expect(code.match(/[^\w$.]function\s*\(/g) ?? []).toEqual([]);
    }
  );
});

