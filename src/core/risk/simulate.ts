/**
 * The Monte Carlo engine: Latin hypercube draws of the uncertain inputs (optionally rank-correlated
 * by Iman–Conover), the output computed over them by the point functions' math (outputs.ts), and
 * the statistics SIMULATE, PROBABILITY and HISTOGRAM read from the sorted draws; TORNADO swings one
 * input at a time.
 *
 * Latin hypercube sampling: for n draws each drawn input's probability range is cut into n equal
 * strata and each stratum is used once, in an order shuffled by Fisher–Yates — draw i of input j
 * has u = (π_j(i) + v_π_j(i) + 2⁻³³)/n, with π_j the shuffle and v_k stratum k's uniform number
 * from input j's own stream of the seeded generator (random.ts); the 2⁻³³ keeps u strictly inside (0, 1).
 */
import { coerce } from "../params";
import { CellError, numError, valueError } from "../values";
import { Distribution, centreOf, endsOf, fillQuantiles, normalQuantile } from "./distributions";
import { RISK_INPUTS, inputIndex } from "./inputs";
import { Columns, RISK_OUTPUTS, RiskOutput } from "./outputs";
import { Generator } from "./random";
import { sortNumbers } from "./sort";
import { UncertainInput, UncertaintyTable } from "./uncertainty";

export const MAX_DRAWS = 1_000_000;
export const DEFAULT_DRAWS = 10_000;
export const DEFAULT_SEED = 1;

/** One simulation: the output's draws, sorted ascending. */
export interface Simulation {
  readonly sorted: Float64Array;
}

const squash = (text: string) => text.replace(/[\s_]+/g, "").toLowerCase();
const outputNames = RISK_OUTPUTS.map((o) => o.name).join(", ");

/** An output by its whole name or an unambiguous part of it, as METRIC matches metrics. */
export function findOutput(query: string): RiskOutput | CellError {
  const key = squash(query);
  const exact = RISK_OUTPUTS.find((o) => squash(o.name) === key);
  if (exact) return exact;
  const partial = key ? RISK_OUTPUTS.filter((o) => squash(o.name).includes(key)) : [];
  if (partial.length === 1) return partial[0];
  if (partial.length > 1)
    return valueError(
      `"${query}" matches ${partial.map((o) => o.name).join(", ")}; write more of the name.`
    );
  return valueError(`"${query}" is not an output of the model; the outputs are ${outputNames}.`);
}

/** n uniform numbers in (0, 1), one per stratum in shuffled order, and the shuffle (π). */
function latinHypercube(n: number, seed: number, stream: number) {
  const generator = new Generator(seed, stream);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(generator.next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return { order, generator };
}

const JITTER = 2 ** -33;

/**
 * Each stratum's number, in draw order: the place within stratum k is the k-th number of the
 * stream after the shuffle, so re-pairing the strata (Iman–Conover) keeps every input's values.
 */
function strataToUniforms(order: Uint32Array, generator: Generator): Float64Array {
  const n = order.length;
  const within = new Float64Array(n);
  for (let k = 0; k < n; k++) within[k] = generator.next();
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = (order[i] + within[order[i]] + JITTER) / n;
  return u;
}

/** Cholesky factor L (lower, row-major k×k) of a symmetric matrix, or undefined if not positive definite. */
function cholesky(a: Float64Array, k: number): Float64Array | undefined {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j];
      for (let m = 0; m < j; m++) sum -= l[i * k + m] * l[j * k + m];
      if (i === j) {
        if (!(sum > 1e-12)) return undefined;
        l[i * k + i] = Math.sqrt(sum);
      } else l[i * k + j] = sum / l[j * k + j];
    }
  return l;
}

/**
 * Iman–Conover (R. L. Iman and W. J. Conover, "A distribution-free approach to inducing rank
 * correlation among input variables", 1982): re-orders the strata of the correlated inputs so that
 * their ranks follow scores with the target correlation C. Scores: van der Waerden's
 * Φ⁻¹((rank + 1)/(n + 1)) in each input's current stratum order; with T their sample correlation,
 * T = Q Qᵀ and C = P Pᵀ (Cholesky), the scores times (P Q⁻¹)ᵀ have correlation C; each input takes
 * the ranks of its column. The inputs keep their values, only their pairing changes.
 */
export function imanConover(
  orders: Uint32Array[],
  target: Float64Array,
  where: string
): CellError | undefined {
  const k = orders.length;
  const n = orders[0].length;
  if (n <= k + 1) return undefined; // too few draws to correlate: left independent
  const p = cholesky(target, k);
  if (!p)
    return valueError(
      `${where}: the rank correlations cannot hold together (their matrix is not positive definite); make them smaller.`
    );
  const scores = orders.map((order) => {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = normalQuantile((order[i] + 1) / (n + 1));
    return s;
  });
  // The scores' sample correlation T (their means are 0 and their variances equal by symmetry).
  const t = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += scores[a][i] * scores[b][i];
      t[a * k + b] = t[b * k + a] = sum;
    }
  const norms = Array.from({ length: k }, (_, a) => Math.sqrt(t[a * k + a]));
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) t[a * k + b] /= norms[a] * norms[b];
  const q = cholesky(t, k);
  if (!q) return undefined;
  // S = P Q⁻¹ (lower triangular): solve S Q = P row by row, by forward substitution on Qᵀ.
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = i; j >= 0; j--) {
      let sum = p[i * k + j];
      for (let m = j + 1; m <= i; m++) sum -= s[i * k + m] * q[m * k + j];
      s[i * k + j] = sum / q[j * k + j];
    }
  for (let a = 0; a < k; a++) {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let b = 0; b <= a; b++) sum += s[a * k + b] * scores[b][i];
      column[i] = sum;
    }
    const byRank = new Uint32Array(n);
    for (let i = 0; i < n; i++) byRank[i] = i;
    byRank.sort((x, y) => column[x] - column[y]);
    for (let r = 0; r < n; r++) orders[a][byRank[r]] = r;
  }
  return undefined;
}

/**
 * The columns an output reads: each drawn input n values, the rest one (its Fixed value or its
 * point value). Errors name the row whose draws leave the input's domain.
 */
function drawColumns(
  output: RiskOutput,
  table: UncertaintyTable,
  n: number,
  seed: number
): Columns | CellError {
  const reads = new Set(output.reads.map((name) => inputIndex(name) as number));
  const rowOf = new Map(table.rows.map((row) => [row.input, row]));
  const columns: Float64Array[] = RISK_INPUTS.map((input, k) => {
    const row = rowOf.get(k);
    return Float64Array.of(row ? centreOf(row.distribution) : input.value);
  });
  const drawn = table.rows.filter(
    (row) => reads.has(row.input) && row.distribution.kind !== "Fixed"
  );
  const samples = drawn.map((row) => latinHypercube(n, seed, row.input));
  const correlated = table.correlations.filter((c) => reads.has(c.a) && reads.has(c.b));
  if (correlated.length) {
    const involved = [...new Set(correlated.flatMap((c) => [c.a, c.b]))].sort((a, b) => a - b);
    const k = involved.length;
    const target = new Float64Array(k * k);
    for (let a = 0; a < k; a++) target[a * k + a] = 1;
    for (const c of correlated) {
      const [a, b] = [involved.indexOf(c.a), involved.indexOf(c.b)];
      target[a * k + b] = target[b * k + a] = c.rho;
    }
    const orders = involved.map(
      (input) => samples[drawn.findIndex((r) => r.input === input)].order
    );
    const error = imanConover(orders, target, drawn[0].where.replace(/ row .*/, ""));
    if (error) return error;
  }
  for (let d = 0; d < drawn.length; d++) {
    const row = drawn[d];
    const values = strataToUniforms(samples[d].order, samples[d].generator);
    fillQuantiles(row.distribution, values, values);
    const error = checkDraws(row, values);
    if (error) return error;
    columns[row.input] = values;
  }
  return columns;
}

/** The draws stay in the input's domain (its function argument's limits), or the row is named. */
function checkDraws(row: UncertainInput, values: Float64Array): CellError | undefined {
  const domain = RISK_INPUTS[row.input].domain;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (domain.integer && !Number.isInteger(v)) whole = false;
  }
  for (const v of [min, max]) {
    const checked = coerce(domain, v);
    if (checked instanceof CellError)
      return new CellError(
        checked.code,
        `${row.where}: ${row.distribution.kind} draws reach values the model cannot take: ${checked.message}`
      );
  }
  if (!whole)
    return numError(
      `${row.where}: ${RISK_INPUTS[row.input].name} takes whole numbers only; use Fixed.`
    );
  return undefined;
}

/** Sorts the draws, or #NUM! when some have no finite value (the inputs overflow the model). */
function sortedDraws(out: Float64Array): Float64Array | CellError {
  for (let i = 0; i < out.length; i++)
    if (!Number.isFinite(out[i]))
      return numError(
        "Some draws give no finite value: the Uncertainty table reaches inputs where the model overflows or divides by zero."
      );
  return sortNumbers(out);
}

/**
 * Simulations recently computed, by their arguments, least recently used first: the cells of one
 * model share their draws. The model sheet alone asks for 20 distinct simulations (each output,
 * the parity fan's dates), each again at every recalculation, so the cache is bounded by the draws
 * it keeps (8 bytes each: 32 MB), not by a count a model would overrun.
 */
const CACHE = new Map<
  string,
  { readonly result: Simulation | CellError; readonly draws: number }
>();
export const CACHED_DRAWS = 4 * MAX_DRAWS;
let cachedDraws = 0;

export function simulate(
  output: RiskOutput,
  table: UncertaintyTable,
  draws: number,
  seed: number
): Simulation | CellError {
  const key = `${output.name}#${draws}#${seed}#${table.key}`;
  const cached = CACHE.get(key);
  if (cached) {
    CACHE.delete(key);
    CACHE.set(key, cached);
    return cached.result;
  }
  const result = run(output, table, draws, seed);
  CACHE.set(key, { result, draws });
  cachedDraws += draws;
  for (const [oldest, entry] of CACHE) {
    if (cachedDraws <= CACHED_DRAWS) break;
    CACHE.delete(oldest);
    cachedDraws -= entry.draws;
  }
  return result;
}

function run(
  output: RiskOutput,
  table: UncertaintyTable,
  draws: number,
  seed: number
): Simulation | CellError {
  const columns = drawColumns(output, table, draws, seed);
  if (columns instanceof CellError) return columns;
  const out = new Float64Array(draws);
  const error = output.compute(columns, draws, out);
  if (error) return error;
  const sorted = sortedDraws(out);
  return sorted instanceof CellError ? sorted : { sorted };
}

// ---------------------------------------------------------------------------------------------
// Statistics of the sorted draws

/** PERCENTILE.INC: rank h = (n − 1) q, interpolating between the draws either side. */
export function percentile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  if (below >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
}

/** The mean, as x₀ + Σ(xᵢ − x₀)/n: exactly x₀ when every draw is x₀. */
export function mean(sorted: Float64Array): number {
  const x0 = sorted[0];
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] - x0;
  return x0 + sum / sorted.length;
}

/** The sample standard deviation, √(Σ(xᵢ − mean)² / (n − 1)). */
export function standardDeviation(sorted: Float64Array): number | CellError {
  const n = sorted.length;
  if (n < 2) return valueError("A standard deviation needs at least 2 draws.");
  const m = mean(sorted);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (sorted[i] - m) * (sorted[i] - m);
  return Math.sqrt(sum / (n - 1));
}

export const STATS = ["mean", "sd", "se", "min", "max"] as const;

/** SIMULATE's stat: a percentile (a fraction) or a named statistic. */
export function statistic(sorted: Float64Array, stat: number | string): number | CellError {
  if (typeof stat === "number") return percentile(sorted, stat);
  switch (stat) {
    case "mean":
      return mean(sorted);
    case "min":
      return sorted[0];
    case "max":
      return sorted[sorted.length - 1];
    case "sd":
      return standardDeviation(sorted);
    default: {
      // "se": the Monte Carlo standard error of the mean, sd / √n.
      const sd = standardDeviation(sorted);
      return sd instanceof CellError ? sd : sd / Math.sqrt(sorted.length);
    }
  }
}

/** The first index whose draw is ≥ x (or > x with `after`), by bisection. */
function firstIndex(sorted: Float64Array, x: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after ? sorted[mid] <= x : sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The share of draws with low ≤ x ≤ high. */
export function share(sorted: Float64Array, low: number, high: number): number {
  return (firstIndex(sorted, high, true) - firstIndex(sorted, low, false)) / sorted.length;
}

/**
 * Equal-width bins from the smallest draw to the largest: rows [from, to, count], a draw x in bin
 * floor((x − min)/width), the largest in the last. All draws equal: one bin holding them all.
 */
export function histogram(sorted: Float64Array, bins: number): number[][] {
  const n = sorted.length;
  const min = sorted[0];
  const max = sorted[n - 1];
  if (max === min) return [[min, max, n]];
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((sorted[i] - min) / width))]++;
  return counts.map((count, k) => [
    min + k * width,
    k === bins - 1 ? max : min + (k + 1) * width,
    count,
  ]);
}

/**
 * TORNADO: for each uncertain input the output reads, the output with that input at its Low and
 * at its High (an event: not happening, happening) and every other input at its centre (its Mode;
 * an event at its likelier outcome), and the swing |high − low|; largest swing first, ties in the
 * table's order. All 2k cases go through the output's loop at once.
 */
export function tornado(
  output: RiskOutput,
  table: UncertaintyTable
): (string | number)[][] | CellError {
  const reads = new Set(output.reads.map((name) => inputIndex(name) as number));
  const swung = table.rows.filter(
    (row) => reads.has(row.input) && row.distribution.kind !== "Fixed"
  );
  if (swung.length === 0)
    return valueError(
      `No row of the Uncertainty table moves ${output.name}: it reads ${output.reads.join(", ")}, and none of them has a distribution other than Fixed.`
    );
  const n = 2 * swung.length;
  const rowOf = new Map(table.rows.map((row) => [row.input, row]));
  const columns: Float64Array[] = RISK_INPUTS.map((input, k) => {
    const row = rowOf.get(k);
    return Float64Array.of(row ? centreOf(row.distribution) : input.value);
  });
  swung.forEach((row, j) => {
    const column = new Float64Array(n).fill(columns[row.input][0]);
    const [low, high] = endsOf(row.distribution as Distribution);
    column[2 * j] = low;
    column[2 * j + 1] = high;
    columns[row.input] = column;
  });
  const out = new Float64Array(n);
  const error = output.compute(columns, n, out);
  if (error) return error;
  for (const v of out)
    if (!Number.isFinite(v))
      return numError(
        `${output.name} has no finite value at the ends of the Uncertainty table's ranges.`
      );
  return swung
    .map((row, j) => {
      const low = out[2 * j];
      const high = out[2 * j + 1];
      return { order: j, cells: [RISK_INPUTS[row.input].name, low, high, Math.abs(high - low)] };
    })
    .sort((a, b) => (b.cells[3] as number) - (a.cells[3] as number) || a.order - b.order)
    .map((r) => r.cells);
}
