/**
 * The Uncertainty table as an argument (typically Uncertainty[#All]): one row per uncertain input —
 * Input, Distribution, Low, Mode, High, Source — and optionally, for a rank correlation between two
 * inputs, the other input's name in "Correlated with" and the correlation in "Rank correlation".
 *
 * Read as the appendix tables are (tables.ts): the header row is optional (columns found by name
 * when present, else by position in the order above), rows in any order, blank rows skipped, rows
 * numbered from the first row under the header; a bad row is #VALUE! naming the row and column, and
 * an Excel error in a cell the function needs keeps its code.
 */
import { DateParam, NumberParam, coerce, formatNumber, isBlank, numberFromText } from "../params";
import {
  Row,
  cellAt,
  columnNamed,
  headerRow,
  held,
  ordinal,
  squash,
  textOf,
  widthOf,
} from "../tables";
import { CellError, CellValue, Matrix, describe, valueError } from "../values";
import { DISTRIBUTIONS, Distribution, DistributionKind } from "./distributions";
import { RISK_INPUTS, RiskInput, inputIndex } from "./inputs";

export const UNCERTAINTY_COLUMNS = [
  "Input",
  "Distribution",
  "Low",
  "Mode",
  "High",
  "Source",
  "Correlated with",
  "Rank correlation",
] as const;
const [INPUT, DISTRIBUTION, LOW, MODE, HIGH, , PARTNER, CORRELATION] = UNCERTAINTY_COLUMNS;

/** One row: which input, its distribution, and where it stands in the table for messages. */
export interface UncertainInput {
  /** Its place in RISK_INPUTS. */
  readonly input: number;
  readonly distribution: Distribution;
  /** "Uncertainty row 3 (Utilization)". */
  readonly where: string;
}

export interface Correlation {
  /** The two inputs, by their place in RISK_INPUTS. */
  readonly a: number;
  readonly b: number;
  readonly rho: number;
}

export interface UncertaintyTable {
  readonly rows: readonly UncertainInput[];
  readonly correlations: readonly Correlation[];
  /** The table's content in one string: two tables with the same key simulate alike. */
  readonly key: string;
}

/** No table: every input at its point value. */
export const NO_UNCERTAINTY: UncertaintyTable = { rows: [], correlations: [], key: "" };

const DATE_CELL: DateParam = { name: "", kind: "date", description: "", zh: { description: "" } };
const isDate = (input: RiskInput) => input.domain.unit === "date serial";
const inputNames = RISK_INPUTS.map((i) => i.name).join(", ");

/**
 * A cell of Low, Mode or High → a number within the input's domain, undefined when blank, or the
 * error naming the row and column. Date inputs take dates, decimal years and period labels.
 */
function figure(
  where: string,
  column: string,
  cell: CellValue,
  input: RiskInput
): number | undefined | CellError {
  if (cell instanceof CellError) return held(where, column, cell);
  if (isBlank(cell)) return undefined;
  let value: number | undefined;
  if (isDate(input)) {
    const date = coerce({ ...DATE_CELL, name: column }, cell);
    if (date instanceof CellError) return valueError(`${where}: ${date.message}`);
    value = date as number;
  } else
    value =
      typeof cell === "number" ? cell : typeof cell === "string" ? numberFromText(cell) : undefined;
  if (value === undefined)
    return valueError(`${where}: ${column} must be a number; got ${describe(cell)}.`);
  const checked = coerce(input.domain as NumberParam, value);
  if (checked instanceof CellError)
    return valueError(`${where}: ${column} is outside ${input.name}'s domain: ${checked.message}`);
  return value;
}

/** Events take Bernoulli (or Fixed 0 or 1); Bernoulli is for events only. */
function kindMisfit(
  where: string,
  kind: DistributionKind,
  input: RiskInput
): CellError | undefined {
  if (input.event && kind !== "Bernoulli" && kind !== "Fixed")
    return valueError(
      `${where}: ${input.name} is an event: its Distribution must be Bernoulli (Mode = its probability) or Fixed (0 or 1); got ${kind}.`
    );
  if (kind === "Bernoulli" && !input.event)
    return valueError(
      `${where}: Bernoulli is for events (${RISK_INPUTS.filter((i) => i.event)
        .map((i) => i.name)
        .join(", ")}); ${input.name} takes Fixed, Uniform, Triangular, PERT or Normal.`
    );
  return undefined;
}

/** Any number: a Bernoulli row's Mode, its probability, is checked as one. */
const ANY_NUMBER: NumberParam = {
  name: "probability",
  kind: "number",
  unit: "fraction",
  description: "",
  zh: { description: "" },
};

/** Low ≤ Mode ≤ High, with what each distribution needs present. */
function distributionOf(
  where: string,
  kind: DistributionKind,
  input: RiskInput,
  low: number | undefined,
  mode: number | undefined,
  high: number | undefined
): Distribution | CellError {
  const show = (n: number) => formatNumber(n, input.domain.unit === "fraction");
  const need = (column: string) => valueError(`${where}: ${column} is empty; ${kind} needs it.`);
  if (kind === "Bernoulli") {
    if (mode === undefined) return need(MODE);
    if (!(mode >= 0 && mode <= 1))
      return valueError(
        `${where}: ${MODE} is the event's probability, from 0% to 100%; got ${show(mode)}.`
      );
    return { kind, low: 0, mode, high: 1 };
  }
  if (kind === "Fixed") {
    const value = mode ?? low;
    if (value === undefined) return need(MODE);
    // An event's value is 0 or 1 already: its domain (whole numbers, 0% to 100%) was checked.
    return { kind, low: value, mode: value, high: value };
  }
  if (low === undefined) return need(LOW);
  if (high === undefined) return need(HIGH);
  if (high < low)
    return valueError(`${where}: ${HIGH} (${show(high)}) is below ${LOW} (${show(low)}).`);
  if (kind === "Uniform" && mode === undefined) return { kind, low, mode: (low + high) / 2, high };
  if (mode === undefined) return need(MODE);
  if (mode < low || mode > high)
    return valueError(
      `${where}: ${MODE} (${show(mode)}) must lie from ${LOW} (${show(low)}) to ${HIGH} (${show(high)}).`
    );
  return { kind, low, mode, high };
}

/** A range laid out like the Uncertainty table → its rows and correlations, or the error naming the row and column. */
export function readUncertaintyTable(
  cells: Matrix<CellValue>,
  name: string
): UncertaintyTable | CellError {
  const names = UNCERTAINTY_COLUMNS.map(squash);
  const header = headerRow(cells, (row: Row) =>
    row.some((cell) => typeof cell === "string" && names.includes(squash(cell)))
  );
  const width = widthOf(cells);
  const column = (label: (typeof UNCERTAINTY_COLUMNS)[number]) => {
    const k = UNCERTAINTY_COLUMNS.indexOf(label);
    return header >= 0 ? columnNamed(cells[header], label) : k < width ? k : -1;
  };
  const at = {
    input: column(INPUT),
    distribution: column(DISTRIBUTION),
    low: column(LOW),
    mode: column(MODE),
    high: column(HIGH),
    partner: column(PARTNER),
    rho: column(CORRELATION),
  };
  for (const [key, label] of [
    ["input", INPUT],
    ["distribution", DISTRIBUTION],
    ["mode", MODE],
  ] as const)
    if (at[key] < 0)
      return valueError(
        `${name} has no column "${label}"${header >= 0 ? "" : ` (without a header row, the ${ordinal(UNCERTAINTY_COLUMNS.indexOf(label) + 1)} column)`}.`
      );

  const rows: UncertainInput[] = [];
  const seen = new Map<number, number>();
  const pairs: { where: string; a: number; partner: CellValue; rho: CellValue }[] = [];
  for (let r = header + 1; r < cells.length; r++) {
    const row = cells[r];
    const used = [at.input, at.distribution, at.low, at.mode, at.high, at.partner, at.rho];
    if (used.every((c) => isBlank(cellAt(row, c)))) continue;
    const inputCell = cellAt(row, at.input);
    const label = textOf(inputCell);
    const number = r - header;
    const where = `${name} row ${number}${label ? ` (${label})` : ""}`;
    if (inputCell instanceof CellError) return held(where, INPUT, inputCell);
    if (label === undefined)
      return valueError(
        `${where}: ${INPUT} is empty; name one of the model's inputs (${inputNames}).`
      );
    const index = inputIndex(label);
    if (index === undefined)
      return valueError(
        `${where}: ${INPUT} "${label}" is not an input of the model; the inputs are ${inputNames}.`
      );
    const first = seen.get(index);
    if (first !== undefined)
      return valueError(
        `${name} rows ${first} and ${number} both describe ${RISK_INPUTS[index].name}.`
      );
    seen.set(index, number);
    const input = RISK_INPUTS[index];

    const kindCell = cellAt(row, at.distribution);
    if (kindCell instanceof CellError) return held(where, DISTRIBUTION, kindCell);
    const kindText = textOf(kindCell);
    const kind = DISTRIBUTIONS.find(
      (d) => kindText !== undefined && squash(d) === squash(kindText)
    );
    if (!kind)
      return valueError(
        `${where}: ${DISTRIBUTION} must be ${DISTRIBUTIONS.join(", ")}; got ${describe(kindCell)}.`
      );
    const misfit = kindMisfit(where, kind, input);
    if (misfit) return misfit;
    const values: (number | undefined)[] = [];
    for (const [c, label] of [
      [at.low, LOW],
      [at.mode, MODE],
      [at.high, HIGH],
    ] as const) {
      // An event's Mode is its probability (checked below), not a value of the event (0 or 1);
      // a Fixed row with a Mode reads nothing else.
      const fixedByMode = kind === "Fixed" && label !== MODE && !isBlank(cellAt(row, at.mode));
      const value =
        kind === "Bernoulli"
          ? label === MODE
            ? figure(where, label, cellAt(row, c), { ...input, domain: ANY_NUMBER })
            : undefined
          : fixedByMode
            ? undefined
            : figure(where, label, cellAt(row, c), input);
      if (value instanceof CellError) return value;
      values.push(value);
    }
    const distribution = distributionOf(where, kind, input, values[0], values[1], values[2]);
    if (distribution instanceof CellError) return distribution;
    rows.push({ input: index, distribution, where });
    const partner = cellAt(row, at.partner);
    if (!isBlank(partner) || !isBlank(cellAt(row, at.rho)))
      pairs.push({ where, a: index, partner, rho: cellAt(row, at.rho) });
  }

  const correlations = readCorrelations(pairs, rows);
  if (correlations instanceof CellError) return correlations;
  const key = [
    ...[...rows]
      .sort((x, y) => x.input - y.input)
      .map(({ input, distribution: d }) => `${input}:${d.kind}:${d.low}:${d.mode}:${d.high}`),
    ...correlations.map((c) => `${c.a}~${c.b}:${c.rho}`),
  ].join("|");
  return { rows, correlations, key };
}

/** The correlation pairs: each names another uncertain input of the table and a rank correlation in (−1, 1). */
function readCorrelations(
  pairs: readonly { where: string; a: number; partner: CellValue; rho: CellValue }[],
  rows: readonly UncertainInput[]
): Correlation[] | CellError {
  const out: Correlation[] = [];
  for (const { where, a, partner, rho } of pairs) {
    if (partner instanceof CellError) return held(where, PARTNER, partner);
    if (rho instanceof CellError) return held(where, CORRELATION, rho);
    const other = textOf(partner);
    if (other === undefined)
      return valueError(
        `${where}: ${CORRELATION} is given but ${PARTNER} is empty; name the other input.`
      );
    const b = inputIndex(other);
    const row = rows.find((r) => r.input === b);
    if (b === undefined || !row)
      return valueError(`${where}: ${PARTNER} "${other}" is not an input of this table.`);
    if (b === a) return valueError(`${where}: an input cannot be correlated with itself.`);
    const mine = rows.find((r) => r.input === a) as UncertainInput;
    for (const r of [mine, row])
      if (r.distribution.kind === "Fixed" || r.distribution.kind === "Bernoulli")
        return valueError(
          `${where}: ${RISK_INPUTS[r.input].name} is ${r.distribution.kind}; only drawn inputs (Uniform, Triangular, PERT, Normal) can be correlated.`
        );
    const value =
      typeof rho === "number" ? rho : typeof rho === "string" ? numberFromText(rho) : undefined;
    if (value === undefined || !(value > -1 && value < 1))
      return valueError(
        `${where}: ${CORRELATION} must be a number between −1 and 1 (exclusive); got ${describe(rho)}.`
      );
    const [x, y] = a < b ? [a, b] : [b, a];
    const same = out.find((c) => c.a === x && c.b === y);
    if (same && same.rho !== value)
      return valueError(
        `${where}: ${RISK_INPUTS[a].name} and ${RISK_INPUTS[b].name} are given two rank correlations.`
      );
    if (!same) out.push({ a: x, b: y, rho: value });
  }
  return out.sort((p, q) => p.a - q.a || p.b - q.b);
}
