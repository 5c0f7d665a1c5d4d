/**
 * `npm run bench`: figures from the shipped bundle (dist/functions.js, loaded as Excel loads it).
 * - a 1000×1000 MARGIN_EXPANSION broadcast against a hand-inlined loop of the same formula;
 * - 100,000 draws of SIMULATE against a hand-written Monte Carlo loop, and the time of 1,000,000;
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
import { REPAIR_LIMITS, makeRepairActions } from "../src/taskpane/repair";
import { makeSnapshotActions } from "../src/taskpane/snapshot";

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

// Monte Carlo: 100,000 draws of margin_expansion with five uncertain inputs through SIMULATE on the
// shipped bundle, against a hand-written loop that draws the same five inputs by Latin hypercube
// sampling with the same generator (xoshiro128**), computes the same formula and sorts the draws
// for the same percentile. Every run takes a new seed: SIMULATE keeps its last few simulations, and
// a repeated call would time the cache.
const RISK_TABLE = [
  ["Input", "Distribution", "Low", "Mode", "High"],
  ["UnitCostDecline", "Triangular", 0.1, 0.15, 0.2],
  ["StartMargin", "Triangular", 0.57, 0.64, 0.71],
  ["VolumeGrowth", "Uniform", 0.2, 0.3, 0.4],
  ["PriceChange", "Uniform", -0.05, 0, 0.05],
  ["FixedCostShare", "Uniform", 0, 0.05, 0.1],
];
const RISK_DRAWS = 100_000;
let riskSeed = 1;
const simulate = (draws: number, table: unknown[][] = RISK_TABLE) =>
  addin.invoke("SIMULATE", [["margin_expansion"]], table, [[0.5]], [[draws]], [[riskSeed++]]);
const simulateMs = timeIt(() => simulate(RISK_DRAWS));

/** xoshiro128** seeded by splitmix32, written out as a hand-written loop would. */
function handGenerator(seed: number) {
  let state = seed | 0;
  const s = [0, 0, 0, 0].map(() => {
    state = (state + 0x9e3779b9) | 0;
    let z = state ^ (state >>> 16);
    z = Math.imul(z, 0x21f0aaad);
    z ^= z >>> 15;
    z = Math.imul(z, 0x735a2d97);
    return (z ^ (z >>> 15)) | 0;
  });
  let [s0, s1, s2, s3] = s;
  return () => {
    const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return (r >>> 0) / 4294967296;
  };
}

function handLatinHypercube(n: number, seed: number, quantile: (u: number) => number) {
  const next = handGenerator(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const within = new Float64Array(n);
  for (let k = 0; k < n; k++) within[k] = next();
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = quantile((order[i] + within[order[i]]) / n);
  return values;
}

const triangular = (a: number, c: number, b: number) => (u: number) =>
  u < (c - a) / (b - a)
    ? a + Math.sqrt(u * (b - a) * (c - a))
    : b - Math.sqrt((1 - u) * (b - a) * (b - c));
const uniform = (a: number, b: number) => (u: number) => a + u * (b - a);

const handMs = timeIt(() => {
  const n = RISK_DRAWS;
  const seed = riskSeed++;
  const d = handLatinHypercube(n, seed, triangular(0.1, 0.15, 0.2));
  const m = handLatinHypercube(n, seed + 1, triangular(0.57, 0.64, 0.71));
  const g = handLatinHypercube(n, seed + 2, uniform(0.2, 0.4));
  const p = handLatinHypercube(n, seed + 3, uniform(-0.05, 0.05));
  const f = handLatinHypercube(n, seed + 4, uniform(0, 0.1));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const revenue = Math.pow((1 + g[i]) * (1 + p[i]), 2);
    const cost = f[i] + (1 - f[i]) * Math.pow((1 + g[i]) * (1 - d[i]), 2);
    out[i] = (1 - m[i]) * (1 - cost / revenue);
  }
  out.sort();
  return out[Math.floor((n - 1) / 2)];
});

// A million draws, with the heavier distributions (PERT's tabulated Beta, Normal's Acklam quantile).
const MILLION_TABLE = [
  ["Input", "Distribution", "Low", "Mode", "High"],
  ["UnitCostDecline", "PERT", 0.1, 0.15, 0.2],
  ["StartMargin", "Triangular", 0.57, 0.64, 0.71],
  ["VolumeGrowth", "Normal", 0.2, 0.3, 0.4],
  ["PriceChange", "Uniform", -0.05, 0, 0.05],
  ["FixedCostShare", "Uniform", 0, 0.05, 0.1],
];
const millionTimes: number[] = [];
simulate(1_000_000, MILLION_TABLE);
for (let r = 0; r < 7; r++) {
  const start = performance.now();
  const p50 = simulate(1_000_000, MILLION_TABLE) as number[][];
  millionTimes.push(performance.now() - start);
  if (typeof p50[0][0] !== "number") throw new Error("SIMULATE gave no number");
}

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
  `${RISK_DRAWS.toLocaleString("en")} draws of margin_expansion, five uncertain inputs (two Triangular, three Uniform), P50`
);
console.log(`  CNAI.SIMULATE, shipped bundle          ${simulateMs.toFixed(1)} ms`);
console.log(`  hand-written loop, same draws          ${handMs.toFixed(1)} ms`);
console.log(
  `  ratio                                  ${(simulateMs / handMs).toFixed(2)}×   (target ≤ 3×)`
);
console.log(
  `1,000,000 draws, five inputs (PERT, Triangular, Normal, two Uniform), ${millionTimes.length} runs: median ${median(millionTimes).toFixed(0)} ms, slowest ${Math.max(...millionTimes).toFixed(0)} ms\n`
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
    `  ${median(repairs).toFixed(0)} ms   ${repairSyncs} syncs, ${repairRequests} requests, at most ${REPAIR_LIMITS.cells.toLocaleString("en")} cells per sync`
  );
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
