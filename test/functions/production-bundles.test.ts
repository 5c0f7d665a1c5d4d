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
 * The runner's cell loop for numbers (numbersRow, src/core/runner.ts) stays a function of its own
 * in the shipped file. swc's compressor writes a function called from one place into that place as
 * a function expression (`b[t]=…function(e,t,n,r){…}(e,$,t,h)`), which made the loop a new closure
 * for every row of a broadcast, up to a third slower (docs/benchmarks.md); runner.ts marks the call
 * `#__NOINLINE__`. The loop is the one that stores finite numbers as `x + 0` inside a try.
 */
test("dist/functions.js keeps the broadcast's cell loop for numbers a named function", () => {
  const code = readFileSync(join(DIST, "functions.js"), "utf8");
  const loops = [
    ...code.matchAll(/[\w$]+-[\w$]+==0\?[\w$]+\[[\w$]+\]=[\w$]+\+0:[\w$]+\([^)]*\)\}\}catch/g),
  ];
  expect(loops.length).toBe(1);
  const before = code.slice(0, loops[0].index);
  const header = before.slice(before.lastIndexOf("function"));
  expect(header).toMatch(/^function\s+[\w$]+\s*\(/);
});
