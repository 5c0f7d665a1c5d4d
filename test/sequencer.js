/* eslint-disable no-undef */
/**
 * The longest test files first, so that the last file to start is a short one and every worker
 * finishes at about the same time. Jest orders by the durations of the last run when it has them
 * (and by file size on a fresh clone, which started Repair at scale last, alone for its 6 s): these
 * go first either way, longest first as measured on a clean clone (docs/benchmarks.md), the rest as
 * jest orders them.
 */
const Sequencer = require("@jest/test-sequencer").default;

const LONGEST = [
  "/test/taskpane/big-workbook.test.ts",
  "/test/e2e/workbench.test.ts",
  "/test/taskpane/faults-build-new.test.ts",
  "/test/taskpane/repair-at-scale.test.ts",
  "/test/taskpane/snapshot.test.ts",
  "/test/export/workbook-script.test.ts",
  "/test/e2e/estimates.test.ts",
  "/test/taskpane/faults-build-built.test.ts",
  "/test/scripts/start.test.ts",
  "/test/export/xlsx.test.ts",
  "/test/e2e/risk.test.ts",
  "/test/taskpane/faults-load.test.ts",
  "/test/e2e/grid.test.ts",
  "/test/host/payload.scale.test.ts",
];

const rank = (test) => {
  const at = LONGEST.findIndex((part) => test.path.split("\\").join("/").includes(part));
  return at < 0 ? LONGEST.length : at;
};

class LongestFirst extends Sequencer {
  sort(tests) {
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
