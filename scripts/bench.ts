/**
 * `npm run bench`: figures from the shipped bundle (dist/functions.js, loaded as Excel loads it).
 * - a 1000×1000 MARGIN_EXPANSION broadcast against a hand-inlined loop of the same formula;
 * - the cost of one scalar call of each function;
 * - the size of the production functions bundle;
 * - the pane's actions on the Excel host through Microsoft's client, with the bundle's functions:
 *   time, and the syncs and requests the host answered;
 * - Repair CNAI formulas on 100,000 formulas written before the functions were registered.
 */
import { execSync } from "child_process";
import { CATALOG } from "../src/core";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { performance } from "perf_hooks";
import { gzipSync } from "zlib";
import { DIST, ROOT, loadAddin } from "./excel-runtime";
import { FunctionsMetadata, awaitingRegistration, captureAddin } from "../src/host/addin";
import { HostedWorkbook, hostWorkbook } from "../src/host/node";
import { planBuildModel } from "../src/plans/model";
import { EMPTY_WORKBOOK } from "../src/plans/plan";
import { ActionReport, makeActions } from "../src/taskpane/actions";
import { makeRepairActions } from "../src/taskpane/repair";
import { SHEETS, bigWorkbook } from "../test/helpers/big-workbook";
import { makeSnapshotActions } from "../src/taskpane/snapshot";
import { PAYLOAD_BUDGET } from "../src/plans/chunks";

if (!existsSync(join(DIST, "functions.js")))
  execSync("npm run build --silent", { cwd: ROOT, stdio: "inherit" });

const addin = loadAddin();
const SIZE = 1000;
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeIt(run: () => unknown): number {
  run(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const growths = Array.from({ length: SIZE }, (_, i) => [0.05 + (0.5 * i) / SIZE]);
const declines = [Array.from({ length: SIZE }, (_, j) => (0.3 * j) / SIZE)];
const yearsInput = [[2]];

const broadcastMs = timeIt(() =>
  addin.invoke("MARGIN_EXPANSION", growths, declines, yearsInput, null, null, null)
);

// The same formula written out by hand over the same inputs, with the defaults (start margin 64%,
// no price change, no fixed costs) inlined: the floor a general runner is measured against.
const inlineMs = timeIt(() => {
  const years = yearsInput[0][0];
  const startMargin = 0.64;
  const priceChange = 0;
  const fixedCostShare = 0;
  const out: number[][] = new Array(SIZE);
  for (let i = 0; i < SIZE; i++) {
    const g = growths[i][0];
    const row: number[] = new Array(SIZE);
    for (let j = 0; j < SIZE; j++) {
      const d = declines[0][j];
      const revenueRatio = Math.pow((1 + g) * (1 + priceChange), years);
      const costRatio = fixedCostShare + (1 - fixedCostShare) * Math.pow((1 + g) * (1 - d), years);
      row[j] = 1 - ((1 - startMargin) * costRatio) / revenueRatio - startMargin;
    }
    out[i] = row;
  }
  return out;
});

const check = addin.invoke(
  "MARGIN_EXPANSION",
  growths,
  declines,
  yearsInput,
  null,
  null,
  null
) as number[][];
if (check.length !== SIZE || check[0].length !== SIZE)
  throw new Error("broadcast gave the wrong shape");

/**
 * One scalar call per function of the catalogue: its first example whose arguments are all literals
 * ("2H25", 30%, 2, TRUE, or empty), as Excel passes them. A function without one stops the bench.
 */
function literalArguments(formula: string): unknown[] | undefined {
  const inner = formula.match(/^=CNAI\.[A-Z_]+\((.*)\)$/)?.[1];
  if (inner === undefined) return undefined;
  if (inner.trim() === "") return [];
  const parts = inner.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((p) => p.replace(/,$/, "")) ?? [];
  const values = parts.slice(0, parts.length - (parts[parts.length - 1] === "" ? 1 : 0));
  const args = values.map((text): unknown => {
    const t = text.trim();
    if (t === "") return null;
    if (/^"[^"]*"$/.test(t)) return t.slice(1, -1);
    if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
    const number = t.match(/^(-?\d+(?:\.\d+)?)(%?)$/);
    return number ? Number(number[1]) / (number[2] ? 100 : 1) : undefined;
  });
  return args.includes(undefined) ? undefined : args;
}

const scalarCalls: [string, unknown[]][] = CATALOG.map((def) => {
  const args = def.examples.map((e) => literalArguments(e.formula)).find((a) => a !== undefined);
  if (!args) throw new Error(`${def.name} has no example with literal arguments to time`);
  return [def.name, args];
});
const CALLS = 20_000;
const perCall = scalarCalls.map(([id, args]) => {
  const ms = timeIt(() => {
    for (let n = 0; n < CALLS; n++) addin.invoke(id, ...args);
  });
  return [id, (ms * 1000) / CALLS] as const;
});

const bundle = readFileSync(join(DIST, "functions.js"));
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

console.log(
  `CNAI benchmark — Node ${process.version}, median of ${RUNS} runs after a warm-up, dist/functions.js as Excel loads it\n`
);
console.log(
  `1000×1000 MARGIN_EXPANSION broadcast (column of volume growths × row of unit-cost declines)`
);
console.log(`  CNAI.MARGIN_EXPANSION, shipped bundle  ${broadcastMs.toFixed(1)} ms`);
console.log(`  hand-inlined loop, same formula        ${inlineMs.toFixed(1)} ms`);
console.log(
  `  ratio                                  ${(broadcastMs / inlineMs).toFixed(2)}×   (target ≤ 3×)\n`
);
console.log(
  `Cost per scalar call (µs, ${CALLS.toLocaleString("en")} calls, arguments wrapped as Excel passes them)`
);
for (const [id, us] of perCall) console.log(`  ${id.padEnd(20)} ${us.toFixed(2)}`);
console.log(
  `\nProduction functions bundle: ${kb(bundle.length)} KB minified, ${kb(gzipSync(bundle).length)} KB gzipped   (target ≤ 40 KB minified)`
);

// The model sheet calls CNAI once per block: a broadcast formula fills its whole spill area.
const model = planBuildModel(EMPTY_WORKBOOK).sheets.find((sheet) => sheet.role === "model");
let formulaCells = 0;
let filledCells = 0;
for (const block of model?.blocks ?? []) {
  for (const row of block.cells) {
    for (const cell of row) {
      if (typeof cell !== "string" || !/^=.*CNAI\./.test(cell)) continue;
      formulaCells++;
      filledCells += block.spill ? block.spill.rows * block.spill.columns : 1;
    }
  }
}
console.log(
  `\nModel sheet: ${formulaCells} cells hold CNAI formulas and fill ${filledCells} cells (${(filledCells / formulaCells).toFixed(1)} cells per call)`
);

// The pane's actions on the Excel host, through Microsoft's Excel client (excel-web-16.00.js), on
// a workbook whose CNAI functions are the shipped bundle's: what the analyst waits for after a click,
// minus Excel's own network round trips. Each run starts from a fresh workbook brought to the step's
// starting point; only the step is timed.
const bundleText = readFileSync(join(DIST, "functions.js"), "utf8");
const metadata: FunctionsMetadata = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8"));
const functions = captureAddin(
  (shim) => new Function("CustomFunctions", bundleText)(shim),
  metadata
);

interface Step {
  readonly label: string;
  /** Brings a fresh workbook to where the step starts. */
  readonly before: (hosted: HostedWorkbook) => Promise<unknown>;
  readonly step: (hosted: HostedWorkbook) => Promise<ActionReport>;
}

const actionsOn = (hosted: HostedWorkbook) => makeActions(hosted.run);
const snapshotOn = (hosted: HostedWorkbook) =>
  makeSnapshotActions(hosted.run, { knowsSpills: () => true });
const succeeded = async (report: Promise<ActionReport>) => {
  const done = await report;
  if (!done.ok) throw new Error(`${done.summary} ${done.details.join(" ")}`);
  return done;
};

const STEPS: readonly Step[] = [
  {
    label: "Load appendix tables (new workbook)",
    before: async () => undefined,
    step: (hosted) => actionsOn(hosted).loadAppendixTables(),
  },
  {
    label: "Build model sheet (new workbook)",
    before: async () => undefined,
    step: (hosted) => actionsOn(hosted).buildModelSheet(),
  },
  {
    label: "Build model sheet again (refresh)",
    before: (hosted) => succeeded(actionsOn(hosted).buildModelSheet()),
    step: (hosted) => actionsOn(hosted).buildModelSheet(),
  },
  {
    label: "Snapshot to values (workbook)",
    before: (hosted) => succeeded(actionsOn(hosted).buildModelSheet()),
    step: (hosted) => snapshotOn(hosted).snapshot("workbook"),
  },
  {
    label: "Restore formulas (workbook)",
    before: async (hosted) => {
      await succeeded(actionsOn(hosted).buildModelSheet());
      await succeeded(snapshotOn(hosted).snapshot("workbook"));
    },
    step: (hosted) => snapshotOn(hosted).restore("workbook"),
  },
];

async function timeStep({ before, step }: Step) {
  const times: number[] = [];
  let syncs = 0;
  let requests = 0;
  for (let r = 0; r <= RUNS; r++) {
    const hosted = hostWorkbook(functions);
    await before(hosted);
    hosted.host.resetCounts();
    const start = performance.now();
    await succeeded(step(hosted));
    // The first run warms up.
    if (r > 0) times.push(performance.now() - start);
    syncs = hosted.host.syncs;
    requests = hosted.host.requests;
  }
  return { ms: median(times), syncs, requests };
}

(async () => {
  console.log(
    `\nThe pane's actions on the Excel host through Microsoft's client (dist/functions.js), median of ${RUNS} runs:`
  );
  for (const step of STEPS) {
    const { ms, syncs, requests } = await timeStep(step);
    console.log(
      `  ${step.label.padEnd(38)} ${ms.toFixed(0).padStart(4)} ms   ${syncs} syncs, ${requests} requests`
    );
  }
  console.log(
    "  (target for Build model sheet: < 1 s; requests include the client's reference release)"
  );

  // Excel's stuck #NAME?: formulas entered while CNAI's functions were not registered, then the
  // functions registered; only the repair is timed.
  const STUCK = 100_000;
  const REPAIR_RUNS = 3;
  const repairs: number[] = [];
  let repairSyncs = 0;
  let repairRequests = 0;
  for (let r = 0; r < REPAIR_RUNS; r++) {
    const addin = awaitingRegistration(functions);
    const hosted = hostWorkbook(addin.functions);
    await hosted.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${STUCK}`).formulas = Array.from(
        { length: STUCK },
        () => ["=CNAI.MARGIN_EXPANSION(30%,15%,2)"]
      );
      await context.sync();
    });
    addin.register();
    hosted.host.resetCounts();
    const start = performance.now();
    const report = await makeRepairActions(hosted.run).repair();
    repairs.push(performance.now() - start);
    if (report.repaired !== STUCK) throw new Error(`${report.summary} ${report.details.join(" ")}`);
    repairSyncs = hosted.host.syncs;
    repairRequests = hosted.host.requests;
  }
  console.log(
    `\nRepair CNAI formulas, ${STUCK.toLocaleString("en")} stuck formulas in one column (median of ${REPAIR_RUNS} runs):`
  );
  console.log(
    `  ${median(repairs).toFixed(0)} ms   ${repairSyncs} syncs, ${repairRequests} requests, each under ${(PAYLOAD_BUDGET / 1e6).toFixed(0)} MB`
  );

  // A big workbook (test/helpers/big-workbook.ts): 300,000 used cells over 5 sheets, 16,500
  // CNAI formulas among them, on Excel on the web with its 5 MB payload limit. One run of each
  // action, in an order that leaves each the workbook it needs.
  const buildStart = performance.now();
  const big = bigWorkbook(functions);
  const buildMs = performance.now() - buildStart;
  const bigSnapshots = makeSnapshotActions(big.run);
  const bigActions = makeActions(big.run);
  const BIG_STEPS: [string, () => Promise<ActionReport>][] = [
    ["Snapshot to values (workbook)", () => bigSnapshots.snapshot("workbook")],
    ["Restore formulas (workbook)", () => bigSnapshots.restore("workbook")],
    [
      "Repair CNAI formulas (1 stuck)",
      async () => {
        big.workbook.setInput(SHEETS[3], "V1", "=_xldudf_CNAI_MARGIN_EXPANSION(30%,15%,2)");
        return makeRepairActions(big.run).repair();
      },
    ],
    ["Load appendix tables", () => bigActions.loadAppendixTables()],
    ["Build model sheet", () => bigActions.buildModelSheet()],
  ];
  console.log(
    `\nThe pane's actions on a workbook of 300,000 used cells over ${SHEETS.length} sheets (written in ${(buildMs / 1000).toFixed(1)} s), one run each, on Excel on the web:`
  );
  for (const [label, step] of BIG_STEPS) {
    big.host.resetCounts();
    const start = performance.now();
    await succeeded(step());
    const ms = performance.now() - start;
    const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
    console.log(
      `  ${label.padEnd(32)} ${(ms / 1000).toFixed(1).padStart(6)} s   ${big.host.syncs} syncs, largest request ${mb(big.host.largestRequest)} MB, answer ${mb(big.host.largestResponse)} MB`
    );
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
