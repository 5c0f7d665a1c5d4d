/** The note's appendix tables and period labels, as functions. */
import {
  CHIP_COLUMNS,
  CHIP_GENERATIONS,
  TOKEN_COLUMNS,
  TOKEN_METRICS,
  TOKEN_PERIODS,
  TokenMetric,
} from "../appendix";
import { PERIOD_FORMS, Period, parsePeriod, periodMidpoint } from "../dates";
import { defineFunction } from "../runner";
import { CellError, naError, valueError } from "../values";
import { VERSION as ADDIN_VERSION } from "../version";

/** A table as plain cells: text, numbers and the open-ended flag. */
export type AppendixRows = (string | number | boolean)[][];

export function appendixTable(table: "chips" | "tokens", headers: boolean): AppendixRows {
  const rows: AppendixRows =
    table === "chips"
      ? CHIP_GENERATIONS.map((g) => [
          g.generation,
          g.parityLow,
          g.parityHigh,
          g.openEnded,
          g.architecture,
          g.nodeNm,
          g.volumeProduction.label,
          g.volumeProductionDate,
        ])
      : TOKEN_METRICS.map((m) => [m.metric, m.unit, ...m.values]);
  const header = table === "chips" ? [...CHIP_COLUMNS] : [...TOKEN_COLUMNS];
  return headers ? [header, ...rows] : rows;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
const listed = (names: readonly string[]) => names.join(", ");

/** The metric whose whole name matches, or the only one whose name contains the text. */
export function findMetric(query: string): TokenMetric | CellError {
  const key = squash(query);
  const names = TOKEN_METRICS.map((m) => m.metric);
  const exact = TOKEN_METRICS.find(
    (m) => squash(m.metric) === key || squash(`${m.metric} (${m.unit})`) === key
  );
  if (exact) return exact;
  const partial = key ? TOKEN_METRICS.filter((m) => squash(m.metric).includes(key)) : [];
  if (partial.length === 1) return partial[0];
  if (partial.length > 1) {
    return naError(
      `"${query}" matches ${listed(partial.map((m) => m.metric))}; write more of the name.`
    );
  }
  return naError(`Table 2 has no metric "${query}"; its metrics are ${listed(names)}.`);
}

/** The column whose label matches, or whose period is the same as the label's ("1Q26", "FY2027"). */
export function findPeriodColumn(query: string): number | CellError {
  const key = query.replace(/\s+/g, "").toUpperCase();
  const byLabel = TOKEN_PERIODS.findIndex((p) => p.label.replace(/\s+/g, "").toUpperCase() === key);
  if (byLabel >= 0) return byLabel;
  const period = parsePeriod(query);
  const same = (p: Period) =>
    period !== undefined && p.start === period.start && p.end === period.end;
  const byPeriod = TOKEN_PERIODS.findIndex(same);
  if (byPeriod >= 0) return byPeriod;
  return naError(
    `Table 2 has no column "${query}"; its columns are ${listed(TOKEN_PERIODS.map((p) => p.label))}.`
  );
}

export function metricValue(metric: string, period: string): number | CellError {
  const row = findMetric(metric);
  if (row instanceof CellError) return row;
  const column = findPeriodColumn(period);
  return column instanceof CellError ? column : row.values[column];
}

export function periodDate(label: string): number | CellError {
  const period = parsePeriod(label);
  return period
    ? periodMidpoint(period)
    : valueError(`label must be a period label (${PERIOD_FORMS}); got "${label}".`);
}

export const APPENDIX = defineFunction({
  name: "APPENDIX",
  description:
    'The note\'s appendix table as a spilled array: "chips" (Table 1) or "tokens" (Table 2).',
  returns:
    "The table, one row per chip generation or metric; parities as fractions, dates as serials.",
  source: "Appendix Data Summary, Tables 1 and 2",
  broadcast: false,
  table: true,
  params: [
    {
      name: "table",
      kind: "choice",
      options: ["chips", "tokens"],
      description: '"chips" for Table 1 (chip parity) or "tokens" for Table 2 (token economics).',
    },
    {
      name: "headers",
      kind: "boolean",
      default: true,
      description: "TRUE to include the header row.",
    },
  ],
  examples: [
    {
      formula: '=CNAI.APPENDIX("chips")',
      result: 'Table 1 as 4 rows × 8 columns, "60–65%" as 0.60 and 0.65',
    },
    {
      formula: '=CNAI.APPENDIX("tokens",FALSE)',
      result: "Table 2's three metrics without the header row",
    },
  ],
  compute: (table, headers) => appendixTable(table as "chips" | "tokens", headers),
});

export const METRIC = defineFunction({
  name: "METRIC",
  description:
    "One value of Table 2, by metric name (or an unambiguous part of it) and column label.",
  returns: "The value in the metric's unit: $bn, T tokens or $/M tokens.",
  format: "General",
  source: "Appendix Table 2: China AI Cloud Revenue & Token Volume Growth Estimates",
  broadcast: false,
  params: [
    {
      name: "metric",
      kind: "text",
      accepts: `a metric of Table 2 (${listed(TOKEN_METRICS.map((m) => m.metric))}) or an unambiguous part of its name`,
      description: 'Metric name or an unambiguous part: "revenue", "tokens", "price".',
    },
    {
      name: "period",
      kind: "text",
      accepts: `a column of Table 2 (${listed(TOKEN_PERIODS.map((p) => p.label))})`,
      description: 'Column label: "Q1 2025", "Q1 2026" or "2027E" (also "1Q26", "FY2027").',
    },
  ],
  examples: [
    { formula: '=CNAI.METRIC("revenue","Q1 2026")', result: "1.6 ($bn)" },
    { formula: '=CNAI.METRIC("tokens","2027E")', result: "250 (T tokens, annualized)" },
  ],
  compute: metricValue,
});

export const PERIOD_DATE = defineFunction({
  name: "PERIOD_DATE",
  description: 'The midpoint of a period label as an Excel date: "2H25" → 2025-10-01.',
  returns: "Date serial of the period's midpoint: start + floor((end − start)/2) days.",
  format: "yyyy-mm-dd",
  source: "Period labels of the note: 2H25, 1H27, Late 2027, Q1 2026, 2027E",
  broadcast: true,
  params: [
    {
      name: "label",
      kind: "text",
      accepts: `a period label (${PERIOD_FORMS})`,
      description: `Period label: ${PERIOD_FORMS}.`,
    },
  ],
  examples: [
    { formula: '=CNAI.PERIOD_DATE("2H25")', result: "2025-10-01" },
    { formula: '=CNAI.PERIOD_DATE("Late 2027")', result: "2027-11-16" },
    { formula: '=CNAI.PERIOD_DATE("Q1 2026")', result: "2026-02-15" },
  ],
  compute: periodDate,
});

export const VERSION = defineFunction({
  name: "VERSION",
  description: "The CNAI add-in's version.",
  returns: 'Version text, such as "1.0.0".',
  source: "—",
  broadcast: false,
  params: [],
  examples: [{ formula: "=CNAI.VERSION()", result: `"${ADDIN_VERSION}"` }],
  compute: () => ADDIN_VERSION,
});
