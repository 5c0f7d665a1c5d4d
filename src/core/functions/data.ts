/** The note's appendix tables and period labels, as functions. */
import {
  CHIP_COLUMNS,
  CHIP_GENERATIONS,
  TOKEN_COLUMNS,
  TOKEN_METRICS,
  TOKEN_PERIODS,
} from "../appendix";
import { PERIOD_FORMS, PERIOD_FORM_LIST, Period, parsePeriod, periodMidpoint } from "../dates";
import { listIn } from "../lang";
import { isBlank, numberFromText } from "../params";
import { defineFunction } from "../runner";
import { TokenTable, readTokenTable, squash } from "../tables";
import { CellError, describe, naError, valueError } from "../values";
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

/** A column label as compared: "Q1 2026", "q1  2026" and "Q12026" are one label. */
const compact = (text: string) => text.replace(/\s/g, "").toUpperCase();
const listed = (names: readonly string[]) => names.join(", ");

/** The note's Table 2: METRIC's table when its tokens argument is omitted. */
export const NOTE_TOKENS: TokenTable = {
  name: "Table 2",
  columns: TOKEN_PERIODS.map((period) => ({ label: period.label, period })),
  metrics: TOKEN_METRICS,
};

type MetricRow = TokenTable["metrics"][number];

/** The metric whose whole name matches, or the only one whose name contains the text. */
export function findMetric(query: string, table: TokenTable = NOTE_TOKENS): MetricRow | CellError {
  const key = squash(query);
  const names = table.metrics.map((m) => m.metric);
  const exact = table.metrics.find(
    (m) => squash(m.metric) === key || squash(`${m.metric} (${m.unit})`) === key
  );
  if (exact) return exact;
  const partial = key ? table.metrics.filter((m) => squash(m.metric).includes(key)) : [];
  if (partial.length === 1) return partial[0];
  if (partial.length === 0)
    return naError(`${table.name} has no metric "${query}"; its metrics are ${listed(names)}.`);
  return naError(
    `"${query}" matches ${listed(partial.map((m) => m.metric))}; write more of the name.`
  );
}

/** The column whose label matches, or whose period is the same as the label's ("1Q26", "FY2027"). */
export function findPeriodColumn(
  query: string,
  table: TokenTable = NOTE_TOKENS
): number | CellError {
  const key = compact(query);
  const columns = table.columns;
  const byLabel = columns.findIndex((c) => compact(c.label) === key);
  if (byLabel >= 0) return byLabel;
  const period = parsePeriod(query);
  const same = (p: Period | undefined) =>
    period !== undefined && p !== undefined && p.start === period.start && p.end === period.end;
  const byPeriod = columns.findIndex((c) => same(c.period));
  if (byPeriod >= 0) return byPeriod;
  return naError(
    `${table.name} has no column "${query}"; its columns are ${listed(columns.map((c) => c.label))}.`
  );
}

export function metricValue(
  metric: string,
  period: string,
  table: TokenTable = NOTE_TOKENS
): number | CellError {
  const row = findMetric(metric, table);
  if (row instanceof CellError) return row;
  const column = findPeriodColumn(period, table);
  if (column instanceof CellError) return column;
  const value = row.values[column];
  const where = `${table.name}, ${row.metric}, ${table.columns[column].label}`;
  if (typeof value === "number") return value;
  if (value instanceof CellError) return new CellError(value.code, `${where}: ${value.message}`);
  if (isBlank(value)) return naError(`${where} is empty: the table has no value there.`);
  const number = typeof value === "string" ? numberFromText(value) : undefined;
  return number ?? valueError(`${where} holds ${describe(value)}, not a number.`);
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
  zh: {
    description: '以溢出数组返回研报的附录表格："chips"（表1）或"tokens"（表2）。',
    returns: "整张表格，每代芯片或每个指标一行；性能比为小数，日期为序列号。",
    source: "附录数据摘要，表1和表2",
  },
  broadcast: false,
  table: true,
  params: [
    {
      name: "table",
      kind: "choice",
      options: ["chips", "tokens"],
      description: '"chips" for Table 1 (chip parity) or "tokens" for Table 2 (token economics).',
      zh: { description: '"chips"为表1（芯片性能对标），"tokens"为表2（Token经济）。' },
    },
    {
      name: "headers",
      kind: "boolean",
      default: true,
      description: "TRUE to include the header row.",
      zh: { description: "TRUE表示包含标题行。" },
    },
  ],
  examples: [
    {
      formula: '=CNAI.APPENDIX("chips")',
      expected: { rows: 4, columns: 8, first: "Generation" },
      result: 'Table 1 as 4 rows × 8 columns, "60–65%" as 0.60 and 0.65',
      zh: { result: '表1，4行×8列，"60–65%"拆为0.60和0.65' },
    },
    {
      formula: '=CNAI.APPENDIX("tokens",FALSE)',
      expected: { rows: 3, columns: 5, first: "AI Cloud Revenue" },
      result: "Table 2's three metrics without the header row",
      zh: { result: "表2的三个指标，不含标题行" },
    },
  ],
  compute: (table, headers) => appendixTable(table as "chips" | "tokens", headers),
});

export const METRIC = defineFunction({
  name: "METRIC",
  description:
    "One value of Table 2 (or of your own), by metric name (or an unambiguous part of it) and column label.",
  returns: "The value in the metric's unit: $bn, T tokens or $/M tokens.",
  format: "General",
  source: "Appendix Table 2: China AI Cloud Revenue & Token Volume Growth Estimates",
  zh: {
    description: "按指标名称（或其中无歧义的部分）和列标签，返回表2（或自定义的表）中的一个数值。",
    returns: "以该指标的单位表示的数值：$bn（十亿美元）、T（万亿Token）或$/M（美元/百万Token）。",
    source: "附录表2：中国AI云收入与Token调用量增长预测",
  },
  broadcast: false,
  params: [
    {
      name: "metric",
      kind: "text",
      accepts: `a metric of Table 2 (${listed(TOKEN_METRICS.map((m) => m.metric))}) or of tokens, or an unambiguous part of its name`,
      description: 'Metric name or an unambiguous part: "revenue", "tokens", "price".',
      zh: {
        description: '指标名称（英文）或其中无歧义的部分："revenue"、"tokens"、"price"。',
        accepts: `表2的指标（${TOKEN_METRICS.map((m) => m.metric).join("、")}）或tokens中的指标，或其名称中无歧义的部分`,
      },
    },
    {
      name: "period",
      kind: "text",
      accepts: `a column of Table 2 (${listed(TOKEN_PERIODS.map((p) => p.label))}) or of tokens`,
      description: 'Column label: "Q1 2025", "Q1 2026" or "2027E" (also "1Q26", "FY2027").',
      zh: {
        description: '列标签："Q1 2025"、"Q1 2026"或"2027E"（也可写作"1Q26"、"FY2027"）。',
        accepts: `表2的列（${TOKEN_PERIODS.map((p) => p.label).join("、")}）或tokens中的列`,
      },
    },
    {
      name: "tokens",
      kind: "table",
      optional: true,
      accepts:
        'a range laid out like APPENDIX("tokens"), with or without its header row: columns "Metric" and "Unit", then one per period',
      description:
        'Your own Table 2: a range laid out like APPENDIX("tokens"), such as TokenEconomics[#All]; an added column such as "Q1 2027" is a period. Empty for the note\'s Table 2.',
      zh: {
        description:
          '自定义的表2：按APPENDIX("tokens")布局的区域，如TokenEconomics[#全部]；新增的列（如"Q1 2027"）即为新的期间。留空则使用研报的表2。',
        accepts:
          '按APPENDIX("tokens")布局的区域，可含或不含标题行：先是"Metric"和"Unit"列，其后每个期间一列',
      },
      read: readTokenTable,
    },
  ],
  examples: [
    {
      formula: '=CNAI.METRIC("revenue","Q1 2026")',
      expected: 1.6,
      result: "1.6 ($bn)",
      zh: { result: "1.6（十亿美元）" },
    },
    {
      formula: '=CNAI.METRIC("tokens","2027E")',
      expected: 250,
      result: "250 (T tokens, annualized)",
      zh: { result: "250（万亿Token，年化）" },
    },
    {
      formula: '=CNAI.METRIC("revenue","Q1 2026",CNAI.APPENDIX("tokens"))',
      expected: 1.6,
      result: "1.6 ($bn): the note's Table 2 passed as a table",
      zh: { result: "1.6（十亿美元）：把研报的表2作为表格传入" },
    },
    {
      formula:
        '=CNAI.METRIC("revenue","Q1 2027",{"Metric","Q1 2026","Q1 2027";"AI Cloud Revenue",1.6,2.4})',
      expected: 2.4,
      result: "2.4 ($bn): an added column Q1 2027 is a period",
      zh: { result: "2.4（十亿美元）：新增的Q1 2027列即为新的期间" },
    },
  ],
  compute: (metric, period, tokens) => metricValue(metric, period, tokens ?? NOTE_TOKENS),
});

export const PERIOD_DATE = defineFunction({
  name: "PERIOD_DATE",
  description: 'The midpoint of a period label as an Excel date: "2H25" → 2025-10-01.',
  returns: "Date serial of the period's midpoint: start + floor((end − start)/2) days.",
  format: "yyyy-mm-dd",
  source: "Period labels of the note: 2H25, 1H27, Late 2027, Q1 2026, 2027E",
  zh: {
    description: '以Excel日期返回期间标签的中点："2H25" → 2025-10-01。',
    returns: "期间中点的日期序列号：起始日 + floor((结束日 − 起始日)/2)天。",
    source: "研报中的期间标签：2H25、1H27、Late 2027、Q1 2026、2027E",
  },
  broadcast: true,
  params: [
    {
      name: "label",
      kind: "text",
      accepts: `a period label (${PERIOD_FORMS})`,
      description: `Period label: ${PERIOD_FORMS}.`,
      zh: {
        description: `期间标签：${listIn(PERIOD_FORM_LIST, "zh-CN")}。`,
        accepts: `期间标签（${listIn(PERIOD_FORM_LIST, "zh-CN")}）`,
      },
    },
  ],
  examples: [
    {
      formula: '=CNAI.PERIOD_DATE("2H25")', // Excel serials: 2025-10-01; 2027-11-16 is 776 days later; 2026-02-15, 137 days later
      expected: 45931,
      result: "2025-10-01",
      zh: { result: "2025-10-01" },
    },
    {
      formula: '=CNAI.PERIOD_DATE("Late 2027")',
      expected: 46707,
      result: "2027-11-16",
      zh: { result: "2027-11-16" },
    },
    {
      formula: '=CNAI.PERIOD_DATE("Q1 2026")',
      expected: 46068,
      result: "2026-02-15",
      zh: { result: "2026-02-15" },
    },
  ],
  compute: periodDate,
});

export const VERSION = defineFunction({
  name: "VERSION",
  description: "The CNAI add-in's version.",
  returns: 'Version text, such as "1.0.0".',
  source: "—",
  zh: {
    description: "CNAI加载项的版本号。",
    returns: '版本号文本，如"1.0.0"。',
    source: "—",
  },
  broadcast: false,
  params: [],
  examples: [
    {
      formula: "=CNAI.VERSION()",
      expected: "1.0.0",
      result: `"${ADDIN_VERSION}"`,
      zh: { result: `"${ADDIN_VERSION}"` },
    },
  ],
  compute: () => ADDIN_VERSION,
});
