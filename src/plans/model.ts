/**
 * "Build model sheet": an analyst model on the note's tables. Inputs are named cells; every output
 * is a CNAI formula on those names and on the workbook's own tables (ChipParity, TokenEconomics,
 * Scenarios), so the analyst's edits to them flow through Excel's recalculation; the timeline, the
 * sensitivity grid, the scenario outputs and the reconciliation are broadcast formulas, one per
 * column or block, spilling over their cells.
 *
 * One builder per block (title, assumptions, outputs, scenarios, timeline, grid, reconciliation)
 * returns what it writes from its top-left cell and the cells it owns; `layoutModel` stacks them,
 * each one blank row below the last, so a block that grows moves every block below it.
 */
import {
  Lang,
  SOURCE,
  SOURCE_ZH,
  TOKEN_METRICS,
  TOKEN_PERIODS,
  Texts,
  inLanguage,
  periodMidpoint,
  parsePeriod,
  textsIn,
} from "../core";
import { area, offset, parseCell } from "./a1";
import { Choice, chooseDefinedName, chooseSheetName, chooseTableName, ownSheet } from "./names";
import {
  Block,
  CellInput,
  ChartPlan,
  ConditionalFormatPlan,
  EMPTY_WORKBOOK,
  NamePlan,
  Plan,
  SheetPlan,
  TablePlan,
  ValidationPlan,
  WorkbookState,
} from "./plan";
import { TAB_COLOR, TableSheets, planTableSheets } from "./tables";

/**
 * The model sheet's words in each language; labels and notes of single rows sit beside their rows
 * below. Defined names, the tables' names and headers in formulas, and chart names (which a re-run
 * finds the charts by) are identifiers, the same in every language.
 */
export const MODEL_TEXT = {
  sheet: { en: "CNAI Model", zh: "CNAI模型" },
  title: { en: "CNAI model: China's AI stack", zh: "CNAI模型：中国AI技术栈" },
  source: {
    en: `Built by CNAI from ${SOURCE}. Blue cells are inputs; every other number is a CNAI formula on them.`,
    zh: `由CNAI根据${SOURCE_ZH}搭建。蓝色单元格为输入项，其余数字均为基于输入项的CNAI公式。`,
  },
  assumptionsHeader: {
    en: ["Assumptions", "Value", "Source or note"],
    zh: ["假设", "数值", "出处或说明"],
  },
  outputsHeader: { en: ["Outputs", "Value", "Note"], zh: ["输出", "数值", "说明"] },
  timelineTitle: {
    en: "Parity timeline (Table 1, Risk 1)",
    zh: "性能对标时间线（表1、风险1）",
  },
  /** Also the series names of the parity chart. */
  timelineHeader: {
    en: ["Period", "Low", "Mid", "High", "Stalled (mid)", "Date"],
    zh: ["期间", "下限", "中值", "上限", "停滞情景（中值）", "日期"],
  },
  gridTitle: {
    en: "Margin expansion: start margin (down) × unit-cost decline (across); the note's 8–12 pp highlighted",
    zh: "毛利率提升：起始毛利率（纵向）× 单位成本降幅（横向）；研报的8–12个百分点区间已高亮",
  },
  gridCorner: { en: "Start margin \\ decline", zh: "起始毛利率 \\ 降幅" },
  reconciliationTitle: {
    en: (table: string) => `Table 2 reconciliation (from the ${table} table)`,
    zh: (table: string) => `表2核对（取自${table}表）`,
  },
  /** Also the series names of the volume-vs-price chart. */
  reconciliationHeader: {
    en: ["Period", "Inference tokens (T)", "Avg token price ($/M)", "AI cloud revenue ($bn)"],
    zh: ["期间", "推理Token量（T）", "平均Token价格（$/M）", "AI云收入（$bn）"],
  },
  yoy: { en: "YoY change, Q1 2025 → Q1 2026", zh: "同比变化，Q1 2025 → Q1 2026" },
  gap: {
    en: "Table 2's tokens × price explain about 0.1% of the AI cloud revenue it reports: the rows differ by three orders of magnitude. CNAI reproduces the table as printed and shows the gap rather than hide it.",
    zh: "表2的Token量 × 价格仅能解释其所报AI云收入的约0.1%：两者相差三个数量级。CNAI按原文录入表格，如实列示这一差距，而不加掩盖。",
  },
  nameComment: {
    en: (label: string) => `CNAI assumption: ${label}`,
    zh: (label: string) => `CNAI假设：${label}`,
  },
  parityChart: { en: "Domestic chip parity with the H100", zh: "国产芯片相对H100的性能" },
  followsScenario: {
    en: " (from the active scenario; type a value to use your own)",
    zh: "（取自当前情景；直接输入数值即可改用自己的假设）",
  },
  scenariosTitle: {
    en: "Scenarios: a row per scenario (add rows for your own); the outputs beside follow the table",
    zh: "情景：每行一个情景（可添加自己的情景行）；右侧输出随表格变化",
  },
  scenarioOutputsHeader: {
    en: [
      "Scenario",
      "Margin expansion",
      "Price compression",
      "Parity at the parity date",
      "Integrated multiple",
    ],
    zh: ["情景", "毛利率提升", "额外降价", "对标日期的性能比", "一体化倍数"],
  },
  scenarioChart: { en: "Scenarios side by side", zh: "情景对比" },
  riskTitle: {
    en: "Risk: the note's ranges as distributions. The Uncertainty table is yours: edit a row and everything below recalculates; Mode follows the assumptions and the active scenario",
    zh: "风险：把研报的区间变为分布。不确定性表（Uncertainty）由您掌握：修改任一行，下方各项随之重算；Mode随假设和当前情景变化",
  },
  percentilesHeader: {
    en: ["Output (10,000 draws)", "P5", "P10", "P50", "P90", "P95", "Mean", "Std. error"],
    zh: ["输出（10,000次抽样）", "P5", "P10", "P50", "P90", "P95", "均值", "标准误"],
  },
  claimsHeader: {
    en: ["The note's claims", "Probability", "Claim"],
    zh: ["研报的判断", "概率", "判断"],
  },
  /** Also the series names of the tornado chart. */
  tornadoHeader: {
    en: ["Margin expansion: input", "At Low", "At High", "Swing"],
    zh: ["毛利率提升：输入", "取Low时", "取High时", "摆幅"],
  },
  tornadoChart: {
    en: "What moves the margin expansion most (tornado)",
    zh: "对毛利率提升影响最大的输入（龙卷风图）",
  },
  /** Also the series names of the histogram chart (from its second column). */
  histogramHeader: {
    en: ["Bin start", "Bin end", "Draws", "", "Bin middle", "Outside 8–12 pp", "Inside 8–12 pp"],
    zh: ["组起点", "组终点", "抽样数", "", "组中点", "8–12个百分点以外", "8–12个百分点以内"],
  },
  histogramChart: {
    en: "Margin expansion over 10,000 draws; the note's 8–12 pp",
    zh: "10,000次抽样的毛利率提升分布；研报的8–12个百分点",
  },
  /** Also the series names of the parity fan chart. */
  fanHeader: {
    en: ["Parity fan: period", "P10", "P50", "P90", "", "Date"],
    zh: ["性能比扇形图：期间", "P10", "P50", "P90", "", "日期"],
  },
  fanChart: {
    en: "Parity with the H100: P10, P50 and P90 of the draws",
    zh: "相对H100的性能：抽样的P10、P50和P90",
  },
  volumeChart: {
    en: "Token volume (T) vs token price ($/M), Table 2",
    zh: "Token调用量（T）与Token价格（$/M），表2",
  },
} satisfies Texts;

/** The model sheet's preferred name in English; the sheet keeps whatever name it has once made. */
export const MODEL_SHEET = MODEL_TEXT.sheet.en;

const labelDate = (label: string) => {
  const period = parsePeriod(label);
  if (!period) throw new Error(`model period "${label}" does not parse`);
  return periodMidpoint(period);
};

/** A labelled row of the model: its label and note, and both in Chinese. */
interface Row {
  readonly label: string;
  readonly note: string;
  readonly zh: { readonly label: string; readonly note: string };
}

export interface Assumption extends Row {
  /** The defined name, the same in every language. */
  readonly name: string;
  /** The value, or under `scenario` the Base scenario's, which the cell looks up. */
  readonly value: number | string;
  readonly format: string;
  /** The column of the Scenarios table this input follows, for the active scenario. */
  readonly scenario?: ScenarioColumn;
}

/** The inputs, with the note's figures where it gives them and illustrative values where it does not. */
export const ASSUMPTIONS: readonly Assumption[] = [
  {
    name: "ActiveScenario",
    label: "Active scenario",
    value: "Base",
    format: "General",
    note: "Pick a row of the Scenarios table below: the inputs marked from it follow",
    zh: { label: "当前情景", note: "从下方情景表中选择一行：标注随情景变化的输入项随之改变" },
  },
  {
    name: "VolumeGrowth",
    label: "Token volume growth (annual)",
    value: 0.3,
    format: "0.0%",
    note: "Valuation paragraph: 30% annual token volume growth",
    zh: { label: "Token调用量增速（年）", note: "估值部分：Token调用量年增30%" },
  },
  {
    name: "UnitCostDecline",
    label: "Unit-cost decline (annual)",
    value: 0.15,
    scenario: "Unit-cost decline",
    format: "0.0%",
    note: "Valuation paragraph: 15% per-unit cost decline",
    zh: { label: "单位成本降幅（年）", note: "估值部分：单位成本下降15%" },
  },
  {
    name: "Years",
    label: "Horizon (years)",
    value: 2,
    format: "0.0",
    note: '"over two years"',
    zh: { label: "预测期（年）", note: "“两年内”" },
  },
  {
    name: "StartMargin",
    label: "Gross margin today",
    value: 0.64,
    scenario: "Start margin",
    format: "0.0%",
    note: "Lands the note's example on the middle of its 8–12 pp",
    zh: { label: "当前毛利率", note: "使研报示例落在其8–12个百分点区间的中点" },
  },
  {
    name: "PriceChange",
    label: "Token price change (annual)",
    value: 0,
    format: "0.0%",
    note: "For the margin; 0 = prices hold",
    zh: { label: "Token价格变动（年）", note: "用于毛利率测算；0表示价格不变" },
  },
  {
    name: "FixedCostShare",
    label: "Fixed-cost share of today's cost",
    value: 0,
    format: "0.0%",
    note: "Cost that does not scale with volume (operating leverage)",
    zh: { label: "当前成本中的固定成本占比", note: "不随调用量变化的成本（经营杠杆）" },
  },
  {
    name: "Utilization",
    label: "Cloud utilization",
    value: 0.65,
    scenario: "Utilization",
    format: "0.0%",
    note: "Risk 2: prices compress below the threshold (Bear: 55%)",
    zh: { label: "云端利用率", note: "风险2：利用率低于阈值时价格承压（悲观情景：55%）" },
  },
  {
    name: "CompressionThreshold",
    label: "Compression threshold",
    value: 0.6,
    format: "0.0%",
    note: 'Risk 2: "if utilization drops below 60%"',
    zh: { label: "降价阈值", note: "风险2：“若利用率跌破60%”" },
  },
  {
    name: "PriceFallLow",
    label: "Token price fall so far, low",
    value: 0.35,
    format: "0.0%",
    note: "Evidence 2: unit token costs down 35–50% in 12 months",
    zh: { label: "Token价格已有降幅（低）", note: "证据2：12个月内单位Token成本下降35–50%" },
  },
  {
    name: "PriceFallHigh",
    label: "Token price fall so far, high",
    value: 0.5,
    format: "0.0%",
    note: "Evidence 2",
    zh: { label: "Token价格已有降幅（高）", note: "证据2" },
  },
  {
    name: "HourlyCost",
    label: "Chip cost per hour (USD)",
    value: 2,
    format: '"$"0.00',
    note: "Illustrative: not in the note",
    zh: { label: "芯片每小时成本（美元）", note: "示意值：研报未给出" },
  },
  {
    name: "TokensPerSecond",
    label: "H100 tokens per second",
    value: 1000,
    format: "#,##0",
    note: "Illustrative: not in the note",
    zh: { label: "H100每秒Token数", note: "示意值：研报未给出" },
  },
  {
    name: "ParityDate",
    label: "Parity date",
    value: labelDate("2H25"),
    format: "yyyy-mm-dd",
    note: "2H25: the first domestic generation in volume production",
    zh: { label: "性能对标日期", note: "2H25：首代国产芯片进入量产" },
  },
  {
    name: "ParityBound",
    label: "Parity bound",
    value: "mid",
    scenario: "Parity bound",
    format: "General",
    note: "Table 1's ranges: low, mid or high",
    zh: { label: "性能比取值", note: "表1区间：low、mid或high" },
  },
  {
    name: "BaseMultiple",
    label: "Base EV/EBITDA multiple",
    value: 10,
    format: '0.0"x"',
    note: "Illustrative: a non-integrated peer",
    zh: { label: "基准EV/EBITDA倍数", note: "示意值：非一体化可比公司" },
  },
  {
    name: "LayersOwned",
    label: "Layers owned (chips, cloud, token pricing)",
    value: 3,
    format: "0",
    note: "0 to 3",
    zh: { label: "掌握的层数（芯片、云、Token定价）", note: "0至3" },
  },
  {
    name: "PremiumBound",
    label: "Integration premium bound",
    value: "mid",
    scenario: "Premium bound",
    format: "General",
    note: "Valuation: premium low 15%, mid 20%, high 25%",
    zh: { label: "一体化溢价取值", note: "估值部分：溢价low 15%、mid 20%、high 25%" },
  },
  {
    name: "StallDate",
    label: "Stall date (export controls)",
    value: labelDate("2H26"),
    format: "yyyy-mm-dd",
    note: "Risk 1: parity freezes from this date",
    zh: { label: "停滞日期（出口管制）", note: "风险1：性能比自该日期起冻结" },
  },
];

// ---------------------------------------------------------------------------------------------
// Scenarios

/** The Scenarios table's columns: the scenario's name, its inputs, and where they come from. */
export const SCENARIO_COLUMNS = [
  "Scenario",
  "Parity bound",
  "Premium bound",
  "Unit-cost decline",
  "Start margin",
  "Utilization",
  "Source",
] as const;
export type ScenarioColumn = (typeof SCENARIO_COLUMNS)[number];

export const SCENARIO_TABLE = "Scenarios";

interface Scenario {
  readonly name: string;
  readonly parityBound: string;
  readonly premiumBound: string;
  readonly unitCostDecline: number;
  readonly startMargin: number;
  readonly utilization: number;
  readonly source: { readonly en: string; readonly zh: string };
}

/**
 * The note's ranges as three scenarios. Margin expansion = (1 − m0)(1 − (1 − d)²) at 30% volume
 * growth over two years (Valuation paragraph): Bear 34% × (1 − 0.875²) = 7.97 pp, Base 36% ×
 * (1 − 0.85²) = 9.99 pp, Bull 37.5% × (1 − 0.825²) = 11.98 pp — the note's 8–12 pp. The split of
 * each end between cost decline and start margin is illustrative; the note gives only the range.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "Bear",
    parityBound: "low",
    premiumBound: "low",
    unitCostDecline: 0.125,
    startMargin: 0.66,
    utilization: 0.55,
    source: {
      en: "Low ends: Table 1 low; 15% premium (Valuation); margin expansion 8 pp (illustrative split: 12.5% decline, 66% margin); utilization 55%, below Risk 2's 60%",
      zh: "低端：表1下限；溢价15%（估值部分）；毛利率提升8个百分点（示意拆分：降幅12.5%、毛利率66%）；利用率55%，低于风险2的60%",
    },
  },
  {
    name: "Base",
    parityBound: "mid",
    premiumBound: "mid",
    unitCostDecline: 0.15,
    startMargin: 0.64,
    utilization: 0.65,
    source: {
      en: "The note's example: 15% cost decline (Valuation), 64% margin lands 10 pp; Table 1 mid; 20% premium; utilization 65% (illustrative, above Risk 2's 60%)",
      zh: "研报示例：成本降幅15%（估值部分），毛利率64%时提升10个百分点；表1中值；溢价20%；利用率65%（示意值，高于风险2的60%）",
    },
  },
  {
    name: "Bull",
    parityBound: "high",
    premiumBound: "high",
    unitCostDecline: 0.175,
    startMargin: 0.625,
    utilization: 0.65,
    source: {
      en: "High ends: Table 1 high; 25% premium (Valuation); margin expansion 12 pp (illustrative split: 17.5% decline, 62.5% margin); utilization 65% (illustrative)",
      zh: "高端：表1上限；溢价25%（估值部分）；毛利率提升12个百分点（示意拆分：降幅17.5%、毛利率62.5%）；利用率65%（示意值）",
    },
  },
];

const scenarioRow = (s: Scenario, lang: Lang): CellInput[] => [
  s.name,
  s.parityBound,
  s.premiumBound,
  s.unitCostDecline,
  s.startMargin,
  s.utilization,
  lang === "en" ? s.source.en : s.source.zh,
];

/** The Base scenario's value of a column: what an input under it holds when the model is built. */
const baseValue = (column: ScenarioColumn) =>
  scenarioRow(SCENARIOS[1], "en")[SCENARIO_COLUMNS.indexOf(column)];

// ---------------------------------------------------------------------------------------------
// The model sheet, block by block

/**
 * The timeline: every quarter from 2H25, where Table 1 places the first generation, to the end of
 * 2028, with Table 1's volume-production periods (1H27, Late 2027) in place of the quarters they
 * fall in, and 2H28, where a next generation an analyst adds would land: each of those rows shows a
 * generation's own parity.
 */
export const TIMELINE_PERIODS = [
  "2H25",
  "Q1 2026",
  "Q2 2026",
  "Q3 2026",
  "Q4 2026",
  "Q1 2027",
  "1H27",
  "Q3 2027",
  "Late 2027",
  "Q1 2028",
  "Q2 2028",
  "Q3 2028",
  "2H28",
  "Q4 2028",
];

/** Sensitivity grid: start margins down the side, unit-cost declines across. */
export const GRID_START_MARGINS = [0.56, 0.58, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72];
export const GRID_COST_DECLINES = [0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25];
/** The note's "8–12 percentage points over two years". */
export const NOTE_BAND: readonly [number, number] = [0.08, 0.12];

const LABEL_COLUMN_WIDTH = 40;
/** Charts sit right of the blocks, from this column (0-based: H). */
const CHART_COLUMN = 7;
/** Rows a chart spans. */
const CHART_ROWS = 16;

/** What every block builder knows: the language, the names it may use, the tables' names. */
interface Context {
  readonly lang: Lang;
  readonly t: ReturnType<typeof textsIn<typeof MODEL_TEXT>>;
  readonly local: <R extends Row>(item: R) => R;
  /** An assumption's defined name in this workbook. */
  readonly n: (name: string) => string;
  readonly chips: string;
  readonly tokens: string;
  readonly scenarios: string;
  readonly uncertainty: string;
}

/** One block of the model sheet as its builder lays it out from its top-left cell. */
export interface Section {
  /** Rows it takes from its top row (the next block starts one blank row below). */
  readonly rows: number;
  readonly blocks: readonly Block[];
  readonly tables?: readonly TablePlan[];
  readonly names?: readonly NamePlan[];
  readonly charts?: readonly ChartPlan[];
  readonly conditionalFormats?: readonly ConditionalFormatPlan[];
  readonly validations?: readonly ValidationPlan[];
  /** Cells other blocks, tests and the pane refer to, by what they hold. */
  readonly cells: Readonly<Record<string, string>>;
}

type Builder = (at: string, ctx: Context) => Section;

const header = (at: string, cells: readonly string[]): Block => ({
  at,
  cells: [cells],
  style: "header",
});

function titleSection(at: string, { t }: Context): Section {
  return {
    rows: 2,
    blocks: [
      { at, cells: [[t.title]], style: "title" },
      { at: offset(at, 1, 0), cells: [[t.source]], style: "note" },
    ],
    cells: {},
  };
}

/**
 * Assumptions: label, named input, where the figure comes from. An input that follows the active
 * scenario looks its value up in the Scenarios table; typing over it makes it the analyst's own.
 */
export function assumptionsSection(assumptions: readonly Assumption[]): Builder {
  return (at, { t, local, n, scenarios }) => {
    const first = offset(at, 1, 0);
    const cellOf = (name: string) =>
      offset(
        first,
        assumptions.findIndex((a) => a.name === name),
        1
      );
    const active = assumptions.some((a) => a.name === "ActiveScenario")
      ? n("ActiveScenario")
      : undefined;
    const value = (a: Assumption): CellInput =>
      a.scenario && active
        ? `=INDEX(${scenarios}[${a.scenario}],MATCH(${active},${scenarios}[Scenario],0))`
        : a.value;
    const note = (a: Assumption) =>
      a.scenario && active ? `${local(a).note}${t.followsScenario}` : local(a).note;
    return {
      rows: assumptions.length + 1,
      blocks: [
        header(at, t.assumptionsHeader),
        {
          at: first,
          cells: assumptions.map((a) => [local(a).label, value(a), note(a)]),
          style: ["label", "input", "note"],
          numberFormat: assumptions.map((a) => ["@", a.format, "@"]),
        },
      ],
      names: assumptions.map((a) => ({
        name: n(a.name),
        cell: cellOf(a.name),
        comment: t.nameComment(local(a).label),
      })),
      validations: active
        ? [{ range: cellOf("ActiveScenario"), source: `=INDIRECT("${scenarios}[Scenario]")` }]
        : [],
      cells: Object.fromEntries(assumptions.map((a) => [a.name, cellOf(a.name)])),
    };
  };
}

/** An output row: a CNAI formula on the named inputs, its format, label and note. */
type Output = Row & { readonly key: string; readonly formula: string; readonly format: string };

function outputsSection(at: string, { t, local, n, chips }: Context): Section {
  const first = offset(at, 1, 0);
  const margin = [
    "VolumeGrowth",
    "UnitCostDecline",
    "Years",
    "StartMargin",
    "PriceChange",
    "FixedCostShare",
  ]
    .map(n)
    .join(",");
  const outputs: Output[] = [
    {
      key: "marginAfter",
      label: "Gross margin after the horizon",
      formula: `=CNAI.TOKEN_MARGIN(${margin})`,
      format: "0.0%",
      note: "TOKEN_MARGIN",
      zh: { label: "预测期末毛利率", note: "TOKEN_MARGIN" },
    },
    {
      key: "marginExpansion",
      label: "Margin expansion",
      formula: `=CNAI.MARGIN_EXPANSION(${margin})`,
      format: "0.00%",
      note: "The note: 8–12 percentage points over two years",
      zh: { label: "毛利率提升", note: "研报：两年内提升8–12个百分点" },
    },
    {
      key: "priceCompression",
      label: "Price compression at this utilization",
      formula: `=CNAI.PRICE_COMPRESSION(${n("Utilization")},${n("CompressionThreshold")})`,
      format: "0.0%",
      note: "Risk 2: another 30% below 60% utilization",
      zh: { label: "该利用率下的额外降价", note: "风险2：利用率低于60%时再降30%" },
    },
  ];
  const cellOf = (key: string) =>
    offset(
      first,
      outputs.findIndex((o) => o.key === key),
      1
    );
  const compression = cellOf("priceCompression");
  outputs.push(
    {
      key: "combinedFallLow",
      label: "Combined price fall from last year, low",
      formula: `=1-(1-${n("PriceFallLow")})*(1-${compression})`,
      format: "0.0%",
      note: "1 − (1 − fall so far)(1 − compression)",
      zh: { label: "相对去年的累计降价（低）", note: "1 − (1 − 已有降幅)(1 − 额外降幅)" },
    },
    {
      key: "combinedFallHigh",
      label: "Combined price fall from last year, high",
      formula: `=1-(1-${n("PriceFallHigh")})*(1-${compression})`,
      format: "0.0%",
      note: "Risk 2: 54.5% to 65% with the note's figures below 60% utilization",
      zh: {
        label: "相对去年的累计降价（高）",
        note: "风险2：利用率低于60%时按研报数据为54.5%至65%",
      },
    },
    {
      key: "parityAtDate",
      label: "Parity with the H100 at the parity date",
      formula: `=CNAI.PARITY_AT(${n("ParityDate")},${n("ParityBound")},,,${chips}[#All])`,
      format: "0.0%",
      note: "Table 1, from the ChipParity table",
      zh: { label: "对标日期的相对H100性能", note: "表1，取自ChipParity表" },
    }
  );
  const parity = offset(first, outputs.length - 1, 1);
  outputs.push(
    {
      key: "costPerMtok",
      label: "Cost per million tokens",
      formula: `=CNAI.COST_PER_MTOK(${n("HourlyCost")},${n("TokensPerSecond")},${parity},${n("Utilization")})`,
      format: '"$"0.0000',
      note: "Evidence 1: cost per token falls as parity rises",
      zh: { label: "每百万Token成本", note: "证据1：性能比提升，单Token成本随之下降" },
    },
    {
      key: "integratedMultiple",
      label: "Integrated EV/EBITDA multiple",
      formula: `=CNAI.STACK_MULTIPLE(${n("BaseMultiple")},${n("LayersOwned")},${n("PremiumBound")})`,
      format: '0.0"x"',
      note: "Valuation: 15–25% premium for the full stack",
      zh: { label: "一体化EV/EBITDA倍数", note: "估值部分：全栈一体化享15–25%溢价" },
    }
  );
  return {
    rows: outputs.length + 1,
    blocks: [
      header(at, t.outputsHeader),
      {
        at: first,
        cells: outputs.map((o) => [local(o).label, o.formula, local(o).note]),
        style: ["label", "output", "note"],
        numberFormat: outputs.map((o) => ["@", o.format, "@"]),
      },
    ],
    cells: Object.fromEntries(outputs.map((o) => [o.key, cellOf(o.key)])),
  };
}

/**
 * Scenarios: an Excel table of inputs (a scenario is a row; adding one is adding a row) and,
 * beside it, one broadcast CNAI formula per output over the table's columns, which spills down
 * as many rows as the table has; a chart compares them.
 */
function scenariosSection(at: string, { t, n, chips, scenarios, lang }: Context): Section {
  const tableAt = offset(at, 1, 0);
  const outAt = offset(tableAt, 0, SCENARIO_COLUMNS.length + 1);
  const rows = SCENARIOS.length;
  const column = (name: ScenarioColumn) => `${scenarios}[${name}]`;
  const formulas = [
    `=${column("Scenario")}`,
    `=CNAI.MARGIN_EXPANSION(${n("VolumeGrowth")},${column("Unit-cost decline")},${n("Years")},${column("Start margin")},${n("PriceChange")},${n("FixedCostShare")})`,
    `=CNAI.PRICE_COMPRESSION(${column("Utilization")},${n("CompressionThreshold")})`,
    `=CNAI.PARITY_AT(${n("ParityDate")},${column("Parity bound")},,,${chips}[#All])`,
    `=CNAI.STACK_MULTIPLE(${n("BaseMultiple")},${n("LayersOwned")},${column("Premium bound")})`,
  ];
  const formats = ["General", "0.00%", "0.0%", "0.0%", '0.0"x"'];
  const others = (["en", "zh-CN"] as const).filter((l) => l !== lang);
  const table: TablePlan = {
    name: scenarios,
    at: tableAt,
    columns: [...SCENARIO_COLUMNS],
    rows: SCENARIOS.map((s) => scenarioRow(s, lang)),
    numberFormats: ["@", "@", "@", "0.0%", "0.0%", "0.0%", "@"],
    otherLanguages: others.map((l) => SCENARIOS.map((s) => scenarioRow(s, l))),
  };
  return {
    rows: rows + 2,
    blocks: [
      header(at, [t.scenariosTitle]),
      header(outAt, t.scenarioOutputsHeader),
      ...formulas.map((formula, k): Block => ({
        at: offset(outAt, 1, k),
        cells: [[formula]],
        style: k === 0 ? "label" : "output",
        numberFormat: formats[k],
        spill: { rows, columns: 1 },
      })),
    ],
    tables: [table],
    charts: [
      {
        name: "CNAI scenarios",
        type: "columnClustered",
        title: t.scenarioChart,
        source: area(outAt, rows + 1, formulas.length),
        secondaryLineSeries: [3],
        valueAxisFormat: "0%",
        from: offset(outAt, -1, formulas.length + 1),
        to: offset(outAt, CHART_ROWS - 1, formulas.length + 8),
      },
    ],
    cells: {
      table: tableAt,
      outputs: outAt,
      marginExpansion: offset(outAt, 1, 1),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Risk

export const UNCERTAINTY_TABLE = "Uncertainty";
export const UNCERTAINTY_HEADER = ["Input", "Distribution", "Low", "Mode", "High", "Source"];

/** A row of the Uncertainty table as CNAI seeds it; formulas are on the assumptions' names. */
interface UncertaintySeed {
  readonly input: string;
  readonly distribution: string;
  readonly low: (n: (name: string) => string) => CellInput;
  readonly mode: (n: (name: string) => string) => CellInput;
  readonly high: (n: (name: string) => string) => CellInput;
  readonly source: { readonly en: string; readonly zh: string };
}

const ASSUMPTION_SOURCE = { en: "The assumption block", zh: "假设区" };
const fixed = (input: string): UncertaintySeed => ({
  input,
  distribution: "Fixed",
  low: () => null,
  mode: (n) => `=${n(input)}`,
  high: () => null,
  source: ASSUMPTION_SOURCE,
});
const ranged = (
  input: string,
  distribution: string,
  low: CellInput,
  high: CellInput,
  source: UncertaintySeed["source"]
): UncertaintySeed => ({
  input,
  distribution,
  low: () => low,
  mode: (n) => `=${n(input)}`,
  high: () => high,
  source,
});
const BOUND_INDEX = (name: string) => `MATCH(${name},{"low","mid","high"},0)`;

/**
 * The Uncertainty table as CNAI seeds it: the note's ranges where it gives them, "illustrative"
 * where it does not; every input the outputs read has a row, so the simulation follows the
 * assumption block (Fixed rows) and the active scenario (Mode cells are formulas on it).
 */
export const UNCERTAINTY_SEEDS: readonly UncertaintySeed[] = [
  ranged("UnitCostDecline", "Triangular", 0.1, 0.2, {
    en: "Valuation: 15% a year; the 10–20% range is illustrative (the scenarios use 12.5–17.5%)",
    zh: "估值部分：每年15%；10–20%的区间为示意值（各情景取12.5–17.5%）",
  }),
  ranged("StartMargin", "Triangular", 0.57, 0.71, {
    en: "Valuation's 8–12 pp: start margins of 57–71% span it at a 15% decline",
    zh: "估值部分的8–12个百分点：成本降幅15%时，起始毛利率57–71%覆盖该区间",
  }),
  ranged("VolumeGrowth", "Triangular", 0.2, 0.4, {
    en: "Valuation: 30% a year; the 20–40% range is illustrative (it moves the margin only with fixed costs)",
    zh: "估值部分：每年30%；20–40%的区间为示意值（仅在有固定成本时影响毛利率）",
  }),
  ranged("FixedCostShare", "Uniform", 0, 0.2, {
    en: "Illustrative: not in the note",
    zh: "示意值：研报未给出",
  }),
  fixed("PriceChange"),
  fixed("Years"),
  ranged("Utilization", "Triangular", 0.45, 0.8, {
    en: "Illustrative range around the scenarios' 55–65%; Risk 2 bites below 60%",
    zh: "围绕各情景55–65%的示意区间；利用率低于60%时风险2发生",
  }),
  fixed("CompressionThreshold"),
  {
    input: "PriceFall",
    distribution: "Uniform",
    low: (n) => `=${n("PriceFallLow")}`,
    mode: (n) => `=(${n("PriceFallLow")}+${n("PriceFallHigh")})/2`,
    high: (n) => `=${n("PriceFallHigh")}`,
    source: {
      en: "Evidence 2: unit token costs down 35–50% in 12 months",
      zh: "证据2：12个月内单位Token成本下降35–50%",
    },
  },
  fixed("ParityDate"),
  {
    input: "ParityPosition",
    distribution: "PERT",
    low: () => 0,
    mode: (n) => `=${BOUND_INDEX(n("ParityBound"))}/2-0.5`,
    high: () => 1,
    source: {
      en: "Table 1's ranges (60–65%, 70–75%): 0 = low, 1 = high; the PERT shape is illustrative",
      zh: "表1的区间（60–65%、70–75%）：0为下限，1为上限；PERT形状为示意",
    },
  },
  {
    input: "StallProbability",
    distribution: "Bernoulli",
    low: () => null,
    mode: () => 0.2,
    high: () => null,
    source: {
      en: "Risk 1: export controls could stall the catch-up; the note gives no probability (20% is illustrative)",
      zh: "风险1：出口管制可能使追赶停滞；研报未给出概率（20%为示意值）",
    },
  },
  fixed("StallDate"),
  fixed("HourlyCost"),
  fixed("TokensPerSecond"),
  fixed("BaseMultiple"),
  fixed("LayersOwned"),
  {
    input: "IntegrationPremium",
    distribution: "PERT",
    low: () => 0.15,
    mode: (n) => `=CHOOSE(${BOUND_INDEX(n("PremiumBound"))},0.15,0.2,0.25)`,
    high: () => 0.25,
    source: {
      en: "Valuation: a 15–25% premium for vertically integrated platforms",
      zh: "估值部分：垂直一体化平台享15–25%的溢价",
    },
  },
];

/** An input's figures as its assumption shows them; fractions otherwise (ParityPosition: 0–1). */
function uncertaintyFormat(input: string): string {
  if (input === "ParityPosition") return "0.00";
  return ASSUMPTIONS.find((a) => a.name === input)?.format ?? "0.0%";
}

/** The outputs of the percentile table, as SIMULATE names them. */
export const RISK_TABLE_OUTPUTS = [
  ["margin_expansion", "0.00%"],
  ["token_margin", "0.0%"],
  ["price_compression", "0.0%"],
  ["combined_price_fall", "0.0%"],
  ["parity_at", "0.0%"],
  ["integrated_multiple", '0.0"x"'],
  ["cost_per_mtok", '"$"0.0000'],
] as const;
const STATS = '{0.05,0.1,0.5,0.9,0.95,"mean","se"}';
const HISTOGRAM_BINS = 20;

/**
 * Risk: the Uncertainty table (an Excel table the analyst edits), then what CNAI's risk functions
 * make of it, each a formula on the table: the percentile table (one SIMULATE spilling outputs ×
 * statistics), the probabilities of the note's claims, the tornado and histogram of the margin
 * expansion, and the parity fan (SIMULATE per period with the table's ParityDate set to the period).
 */
function riskSection(at: string, { t, n, uncertainty, lang }: Context): Section {
  const table = `${uncertainty}[#All]`;
  const tableAt = offset(at, 1, 0);
  const seedRow = (seed: UncertaintySeed, l: Lang): CellInput[] => [
    seed.input,
    seed.distribution,
    seed.low(n),
    seed.mode(n),
    seed.high(n),
    l === "en" ? seed.source.en : seed.source.zh,
  ];
  const others = (["en", "zh-CN"] as const).filter((l) => l !== lang);
  const uncertaintyPlan: TablePlan = {
    name: uncertainty,
    at: tableAt,
    columns: UNCERTAINTY_HEADER,
    rows: UNCERTAINTY_SEEDS.map((seed) => seedRow(seed, lang)),
    numberFormats: UNCERTAINTY_SEEDS.map((seed) => {
      const format = uncertaintyFormat(seed.input);
      return ["@", "@", format, format, format, "@"];
    }),
    otherLanguages: others.map((l) => UNCERTAINTY_SEEDS.map((seed) => seedRow(seed, l))),
  };

  // Percentiles: output names down, statistics across, one formula.
  const statsAt = offset(tableAt, UNCERTAINTY_SEEDS.length + 2, 0);
  const outputs = RISK_TABLE_OUTPUTS.length;
  const names = area(offset(statsAt, 1, 0), outputs, 1, true);

  // The note's claims.
  const claimsAt = offset(statsAt, outputs + 2, 0);
  const lateParity = `IF((${uncertainty}[[#All],[Input]]="ParityDate")*(${uncertainty}[#Headers]="Mode"),CNAI.PERIOD_DATE("Late 2027"),${table})`;
  const claims: Output[] = [
    {
      key: "band",
      label: "Margin expansion within 8–12 pp",
      formula: `=CNAI.PROBABILITY("margin_expansion",${table},0.08,0.12)`,
      format: "0.0%",
      note: 'Valuation: "8–12 percentage points over two years"',
      zh: { label: "毛利率提升落在8–12个百分点", note: "估值部分：“两年内提升8–12个百分点”" },
    },
    {
      key: "parity80",
      label: "Parity at least 80% at Late 2027",
      formula: `=CNAI.PROBABILITY("parity_at",${lateParity},0.8)`,
      format: "0.0%",
      note: 'Evidence 1: "toward 80% by late 2027", unless Risk 1 stalls it',
      zh: {
        label: "2027年底性能比不低于80%",
        note: "证据1：“2027年底前迈向80%”，除非风险1使其停滞",
      },
    },
    {
      key: "risk2",
      label: "Risk 2 bites: utilization below the threshold",
      formula: `=CNAI.PROBABILITY("price_compression",${table},0.000001)`,
      format: "0.0%",
      note: 'Risk 2: "could fall another 30% if utilization drops below 60%"',
      zh: { label: "风险2发生：利用率低于阈值", note: "风险2：“若利用率跌破60%，价格可能再降30%”" },
    },
  ];

  // Tornado: as many rows as the seeded table has uncertain inputs that the margin expansion reads.
  const tornadoAt = offset(claimsAt, claims.length + 2, 0);
  const marginInputs = [
    "VolumeGrowth",
    "UnitCostDecline",
    "Years",
    "StartMargin",
    "PriceChange",
    "FixedCostShare",
  ];
  const tornadoRows = UNCERTAINTY_SEEDS.filter(
    (s) => marginInputs.includes(s.input) && s.distribution !== "Fixed"
  ).length;

  // Histogram: the bins, and beside them the bins' middles with their draws split at the band.
  const histogramAt = offset(tornadoAt, tornadoRows + 2, 0);
  const bins = offset(histogramAt, 1, 0);
  const column = (k: number) => area(offset(bins, 0, k), HISTOGRAM_BINS, 1, true);
  const inBand = `(${column(0)}>=${NOTE_BAND[0]})*(${column(1)}<=${NOTE_BAND[1]})`;

  // Parity fan: one row per period of the timeline.
  const fanAt = offset(histogramAt, HISTOGRAM_BINS + 2, 0);
  const periods = TIMELINE_PERIODS.length;
  const fanBody = offset(fanAt, 1, 0);
  const fanFormula = (k: number) => {
    const date = area(offset(fanBody, k, 5), 1, 1, true);
    const atDate = `IF((${uncertainty}[[#All],[Input]]="ParityDate")*(${uncertainty}[#Headers]="Mode"),${date},${table})`;
    return `=CNAI.SIMULATE("parity_at",${atDate},{0.1,0.5,0.9})`;
  };

  const cellBlock = (cell: string, formula: string, format: string, rows = 1, columns = 1) =>
    ({
      at: cell,
      cells: [[formula]],
      style: "output",
      numberFormat: format,
      spill: { rows, columns },
    }) satisfies Block;
  return {
    rows: rowsBetween(at, fanAt) + 1 + periods,
    blocks: [
      header(at, [t.riskTitle]),
      header(statsAt, t.percentilesHeader),
      {
        at: offset(statsAt, 1, 0),
        cells: RISK_TABLE_OUTPUTS.map(([name]) => [name]),
        style: "label",
      },
      {
        at: offset(statsAt, 1, 1),
        cells: [[`=CNAI.SIMULATE(${names},${table},${STATS})`]],
        style: "output",
        numberFormat: RISK_TABLE_OUTPUTS.map(([, format]) => new Array(7).fill(format)),
        spill: { rows: outputs, columns: 7 },
      },
      header(claimsAt, t.claimsHeader),
      {
        at: offset(claimsAt, 1, 0),
        cells: claims.map((c) => [inLanguage(c, lang).label, c.formula, inLanguage(c, lang).note]),
        style: ["label", "output", "note"],
        numberFormat: claims.map((c) => ["@", c.format, "@"]),
      },
      header(tornadoAt, t.tornadoHeader),
      {
        ...cellBlock(
          offset(tornadoAt, 1, 0),
          `=CNAI.TORNADO("margin_expansion",${table})`,
          "0.00%",
          tornadoRows,
          4
        ),
        numberFormat: ["General", "0.00%", "0.00%", "0.00%"],
      },
      header(histogramAt, t.histogramHeader),
      {
        ...cellBlock(
          bins,
          `=CNAI.HISTOGRAM("margin_expansion",${table},${HISTOGRAM_BINS})`,
          "0.00%",
          HISTOGRAM_BINS,
          3
        ),
        numberFormat: ["0.00%", "0.00%", "#,##0"],
      },
      cellBlock(offset(bins, 0, 4), `=(${column(0)}+${column(1)})/2`, "0.0%", HISTOGRAM_BINS),
      cellBlock(offset(bins, 0, 5), `=IF(${inBand},0,${column(2)})`, "#,##0", HISTOGRAM_BINS),
      cellBlock(offset(bins, 0, 6), `=IF(${inBand},${column(2)},0)`, "#,##0", HISTOGRAM_BINS),
      header(fanAt, t.fanHeader),
      { at: fanBody, cells: TIMELINE_PERIODS.map((p) => [p]), style: "label" },
      ...TIMELINE_PERIODS.map((_, k) =>
        cellBlock(offset(fanBody, k, 1), fanFormula(k), "0.0%", 1, 3)
      ),
      // One column apart from the fan's spills, so that no spill borders another.
      cellBlock(
        offset(fanBody, 0, 5),
        `=CNAI.PERIOD_DATE(${area(fanBody, periods, 1, true)})`,
        "yyyy-mm-dd",
        periods
      ),
    ],
    tables: [uncertaintyPlan],
    charts: [
      {
        name: "CNAI risk tornado",
        type: "columnClustered",
        title: t.tornadoChart,
        source: area(tornadoAt, tornadoRows + 1, 3),
        valueAxisFormat: "0%",
        // Beside the Uncertainty table it reads, whose rows it ranks.
        from: offset(tableAt, 0, CHART_COLUMN),
        // To column N: the scenarios chart above reaches down beside it from column O.
        to: offset(tableAt, CHART_ROWS, CHART_COLUMN + 6),
      },
      {
        name: "CNAI risk histogram",
        type: "columnClustered",
        title: t.histogramChart,
        source: area(offset(histogramAt, 0, 4), HISTOGRAM_BINS + 1, 3),
        from: offset(histogramAt, 0, CHART_COLUMN + 1),
        to: offset(histogramAt, CHART_ROWS, CHART_COLUMN + 8),
      },
      {
        name: "CNAI parity fan",
        type: "line",
        title: t.fanChart,
        source: area(fanAt, periods + 1, 4),
        valueAxisFormat: "0%",
        from: offset(fanAt, 0, 6),
        // A row short of the parity timeline, whose chart starts on its first row.
        to: offset(fanAt, CHART_ROWS - 1, 13),
      },
    ],
    conditionalFormats: [
      {
        range: area(bins, HISTOGRAM_BINS, 2),
        between: NOTE_BAND,
        fill: "#DFF6DD",
        fontColor: "#0E700E",
      },
    ],
    cells: {
      table: tableAt,
      percentiles: offset(statsAt, 1, 1),
      ...Object.fromEntries(claims.map((c, k) => [c.key, offset(claimsAt, 1 + k, 1)])),
      tornado: offset(tornadoAt, 1, 0),
      histogram: bins,
      fan: offset(fanBody, 0, 1),
    },
  };
}

/** Rows from one cell down to another. */
const rowsBetween = (from: string, to: string) => parseCell(to).row - parseCell(from).row;

/** Parity timeline: one broadcast formula per column over the period dates, on the ChipParity table. */
function timelineSection(at: string, { t, n, chips }: Context): Section {
  const periods = TIMELINE_PERIODS.length;
  const headerAt = offset(at, 1, 0);
  const body = offset(headerAt, 1, 0);
  const dates = area(offset(body, 0, 5), periods, 1, true);
  const table = `${chips}[#All]`;
  const column = (k: number, formula: string, numberFormat = "0.0%"): Block => ({
    at: offset(body, 0, k),
    cells: [[formula]],
    style: "output",
    numberFormat,
    spill: { rows: periods, columns: 1 },
  });
  return {
    rows: periods + 2,
    blocks: [
      header(at, [t.timelineTitle]),
      header(headerAt, t.timelineHeader),
      { at: body, cells: TIMELINE_PERIODS.map((p) => [p]), style: "label" },
      column(1, `=CNAI.PARITY_AT(${dates},"low",,,${table})`),
      column(2, `=CNAI.PARITY_AT(${dates},"mid",,,${table})`),
      column(3, `=CNAI.PARITY_AT(${dates},"high",,,${table})`),
      column(4, `=CNAI.PARITY_AT(${dates},"mid","linear",${n("StallDate")},${table})`),
      column(5, `=CNAI.PERIOD_DATE(${area(body, periods, 1, true)})`, "yyyy-mm-dd"),
    ],
    charts: [
      {
        name: "CNAI parity timeline",
        type: "line",
        title: t.parityChart,
        source: area(headerAt, periods + 1, 5),
        valueAxisFormat: "0%",
        from: offset(at, 0, CHART_COLUMN),
        to: offset(at, CHART_ROWS, CHART_COLUMN + 7),
      },
    ],
    cells: { firstMid: offset(body, 0, 2), firstLow: offset(body, 0, 1) },
  };
}

/** Sensitivity: one spilled MARGIN_EXPANSION, start margins (column) × unit-cost declines (row). */
function gridSection(at: string, { t, n }: Context): Section {
  const corner = offset(at, 1, 0);
  const body = offset(corner, 1, 1);
  const declines = area(offset(corner, 0, 1), 1, GRID_COST_DECLINES.length, true);
  const margins = area(offset(corner, 1, 0), GRID_START_MARGINS.length, 1, true);
  return {
    rows: GRID_START_MARGINS.length + 2,
    blocks: [
      header(at, [t.gridTitle]),
      header(corner, [t.gridCorner]),
      {
        at: offset(corner, 0, 1),
        cells: [GRID_COST_DECLINES],
        style: "input",
        numberFormat: "0.0%",
      },
      {
        at: offset(corner, 1, 0),
        cells: GRID_START_MARGINS.map((m) => [m]),
        style: "input",
        numberFormat: "0%",
      },
      {
        at: body,
        cells: [
          [
            `=CNAI.MARGIN_EXPANSION(${n("VolumeGrowth")},${declines},${n("Years")},${margins},${n("PriceChange")},${n("FixedCostShare")})`,
          ],
        ],
        style: "output",
        numberFormat: "0.0%",
        spill: { rows: GRID_START_MARGINS.length, columns: GRID_COST_DECLINES.length },
      },
    ],
    conditionalFormats: [
      {
        range: area(body, GRID_START_MARGINS.length, GRID_COST_DECLINES.length),
        between: NOTE_BAND,
        fill: "#DFF6DD",
        fontColor: "#0E700E",
      },
    ],
    cells: { first: body },
  };
}

/** Table 2 reconciliation, from the TokenEconomics table by structured reference. */
function reconciliationSection(at: string, { t, local, tokens }: Context): Section {
  const metric = (unit: string) =>
    (TOKEN_METRICS.find((m) => m.unit === unit) as { metric: string }).metric;
  const lookup = (period: string, unit: string) =>
    `=INDEX(${tokens}[${period}],MATCH("${metric(unit)}",${tokens}[Metric],0))`;
  const headerAt = offset(at, 1, 0);
  const body = offset(headerAt, 1, 0);
  const q1a = (column: number) => offset(body, 0, column);
  const q1b = (column: number) => offset(body, 1, column);
  const yoyRow = offset(body, TOKEN_PERIODS.length, 0);
  const tokensYoy = offset(yoyRow, 0, 1);
  const priceYoy = offset(yoyRow, 0, 2);
  const firstFact = offset(yoyRow, 1, 0);
  const implied = offset(firstFact, 1, 1);
  const reported = offset(firstFact, 2, 1);
  const facts: Output[] = [
    {
      key: "elasticity",
      label: "Demand elasticity (log-arc)",
      formula: `=CNAI.DEMAND_ELASTICITY(${priceYoy},${tokensYoy})`,
      format: "0.00",
      note: "Below −1: volume grows faster than price falls",
      zh: { label: "需求价格弹性（对数弧弹性）", note: "低于−1：调用量增速快于价格降幅" },
    },
    {
      key: "impliedRevenue",
      label: "Implied token revenue, Q1 2026 (USD)",
      formula: `=CNAI.TOKEN_REVENUE(${q1b(1)},${q1b(2)})`,
      format: '"$"#,##0',
      note: "Tokens × price as printed",
      zh: { label: "隐含Token收入，Q1 2026（美元）", note: "按原文的Token量 × 价格" },
    },
    {
      key: "reportedRevenue",
      label: "Reported AI cloud revenue, Q1 2026 (USD)",
      formula: `=${q1b(3)}*10^9`,
      format: '"$"#,##0',
      note: "Table 2, $bn",
      zh: { label: "披露的AI云收入，Q1 2026（美元）", note: "表2，$bn" },
    },
    {
      key: "impliedShare",
      label: "Implied ÷ reported",
      formula: `=${implied}/${reported}`,
      format: "0.000%",
      note: "The gap, stated plainly",
      zh: { label: "隐含 ÷ 披露", note: "差距如实列示" },
    },
  ];
  return {
    rows: 2 + TOKEN_PERIODS.length + 1 + facts.length + 1,
    blocks: [
      header(at, [t.reconciliationTitle(tokens)]),
      header(headerAt, t.reconciliationHeader),
      {
        at: body,
        cells: TOKEN_PERIODS.map((p): CellInput[] => [
          p.label,
          lookup(p.label, "T tokens"),
          lookup(p.label, "$/M tokens"),
          lookup(p.label, "$bn"),
        ]),
        style: ["label", "output", "output", "output"],
        numberFormat: ["@", "0", '"$"0.00', '"$"0.0'],
      },
      {
        at: yoyRow,
        cells: [[t.yoy, ...[1, 2, 3].map((c) => `=${q1b(c)}/${q1a(c)}-1`)]],
        style: ["label", "output", "output", "output"],
        numberFormat: ["@", "0%", "0%", "0%"],
      },
      {
        at: firstFact,
        cells: facts.map((f) => [local(f).label, f.formula, local(f).note]),
        style: ["label", "output", "note"],
        numberFormat: facts.map((f) => ["@", f.format, "@"]),
      },
      { at: offset(firstFact, facts.length, 0), cells: [[t.gap]], style: "note" },
    ],
    charts: [
      {
        name: "CNAI token volume vs price",
        type: "columnClustered",
        title: t.volumeChart,
        source: area(headerAt, TOKEN_PERIODS.length + 1, 3),
        secondaryLineSeries: [1],
        from: offset(at, 0, 5),
        to: offset(at, CHART_ROWS, 11),
      },
    ],
    cells: Object.fromEntries(facts.map((f, k) => [f.key, offset(firstFact, k, 1)])),
  };
}

/** The model's blocks, top to bottom; each starts one blank row below the one above. */
export function modelBuilders(assumptions: readonly Assumption[] = ASSUMPTIONS) {
  return {
    title: titleSection,
    assumptions: assumptionsSection(assumptions),
    outputs: outputsSection,
    scenarios: scenariosSection,
    risk: riskSection,
    timeline: timelineSection,
    grid: gridSection,
    reconciliation: reconciliationSection,
  } satisfies Record<string, Builder>;
}
type Sections = {
  readonly [K in keyof ReturnType<typeof modelBuilders>]: Section & { readonly at: string };
};

/** Lays the blocks out, each below the last: where each starts and what it writes. */
export function layoutModel(
  ctx: Context,
  assumptions: readonly Assumption[] = ASSUMPTIONS
): Sections {
  let row = 0;
  const laid: Record<string, Section & { at: string }> = {};
  for (const [key, build] of Object.entries(modelBuilders(assumptions))) {
    const at = `A${row + 1}`;
    const section = build(at, ctx);
    laid[key] = { ...section, at };
    row += section.rows + 1;
  }
  return laid as unknown as Sections;
}

function context(
  state: WorkbookState,
  lang: Lang,
  names: Map<string, Choice>,
  tables: TableSheets
): Context {
  return {
    lang,
    t: textsIn(MODEL_TEXT, lang),
    local: (item) => inLanguage(item, lang),
    n: (name) => names.get(name)?.name ?? name,
    chips: tables.chips.name,
    tokens: tables.tokens.name,
    scenarios: chooseTableName(state, ownSheet(state, "model"), SCENARIO_TABLE, lang).name,
    uncertainty: chooseTableName(state, ownSheet(state, "model"), UNCERTAINTY_TABLE, lang).name,
  };
}

/** The model sheet, and the table sheets it stands on, with its words in a language. */
export function planBuildModel(
  state: WorkbookState,
  lang: Lang = "en",
  assumptions: readonly Assumption[] = ASSUMPTIONS
): Plan {
  const tables = planTableSheets(state, lang);
  const t = textsIn(MODEL_TEXT, lang);
  const sheet = chooseSheetName(state, "model", t.sheet, lang);
  const names = new Map<string, Choice>(
    assumptions.map((a) => [a.name, chooseDefinedName(state, a.name, lang)])
  );
  const scenarioTable = chooseTableName(state, ownSheet(state, "model"), SCENARIO_TABLE, lang);
  const uncertaintyTable = chooseTableName(
    state,
    ownSheet(state, "model"),
    UNCERTAINTY_TABLE,
    lang
  );
  const sections = Object.values(layoutModel(context(state, lang, names, tables), assumptions));
  const model: SheetPlan = {
    role: "model",
    name: sheet.name,
    blocks: sections.flatMap((s) => s.blocks),
    tables: sections.flatMap((s) => s.tables ?? []),
    names: sections.flatMap((s) => s.names ?? []),
    charts: sections.flatMap((s) => s.charts ?? []),
    conditionalFormats: sections.flatMap((s) => s.conditionalFormats ?? []),
    validations: sections.flatMap((s) => s.validations ?? []),
    columnWidths: [LABEL_COLUMN_WIDTH, 14, 14, 14, 16, 14, 12, 4, 12, 14, 14, 14, 14],
    freezeRows: 0,
    tabColor: TAB_COLOR,
  };
  const notes = [
    ...tables.notes,
    sheet.note,
    scenarioTable.note,
    uncertaintyTable.note,
    ...[...names.values()].map((c) => c.note),
  ].filter((x): x is string => Boolean(x));
  return { action: "build-model", sheets: [...tables.sheets, model], notes };
}

/** Where each block starts on a model sheet built in English with the note's assumptions. */
const LAID = layoutModel(
  context(EMPTY_WORKBOOK, "en", new Map(), planTableSheets(EMPTY_WORKBOOK, "en"))
);

export const LAYOUT = {
  assumptionsAt: LAID.assumptions.at,
  outputsAt: LAID.outputs.at,
  scenariosAt: LAID.scenarios.at,
  riskAt: LAID.risk.at,
  timelineAt: LAID.timeline.at,
  gridAt: LAID.grid.at,
  reconciliationAt: LAID.reconciliation.at,
} as const;

/** Where the checks of the note land on the model sheet, for tests and the workbench. */
export const MODEL_CELLS = {
  marginAfter: LAID.outputs.cells.marginAfter,
  marginExpansion: LAID.outputs.cells.marginExpansion,
  priceCompression: LAID.outputs.cells.priceCompression,
  combinedFallLow: LAID.outputs.cells.combinedFallLow,
  combinedFallHigh: LAID.outputs.cells.combinedFallHigh,
  parityAtDate: LAID.outputs.cells.parityAtDate,
  costPerMtok: LAID.outputs.cells.costPerMtok,
  integratedMultiple: LAID.outputs.cells.integratedMultiple,
  timelineFirstMid: LAID.timeline.cells.firstMid,
  timelineFirstLow: LAID.timeline.cells.firstLow,
  gridFirstCell: LAID.grid.cells.first,
  elasticity: LAID.reconciliation.cells.elasticity,
  impliedRevenue: LAID.reconciliation.cells.impliedRevenue,
  reportedRevenue: LAID.reconciliation.cells.reportedRevenue,
  unitCostDecline: LAID.assumptions.cells.UnitCostDecline,
  activeScenario: LAID.assumptions.cells.ActiveScenario,
  scenarioTable: LAID.scenarios.cells.table,
  scenarioOutputs: LAID.scenarios.cells.outputs,
  scenarioMarginExpansion: LAID.scenarios.cells.marginExpansion,
  uncertaintyTable: LAID.risk.cells.table,
  riskPercentiles: LAID.risk.cells.percentiles,
  riskBandProbability: LAID.risk.cells.band,
  riskParityProbability: LAID.risk.cells.parity80,
  riskRisk2Probability: LAID.risk.cells.risk2,
  tornadoFirst: LAID.risk.cells.tornado,
  histogramFirst: LAID.risk.cells.histogram,
  fanFirst: LAID.risk.cells.fan,
} as const;

/** The value of an assumption as built: the Base scenario's where it follows the scenarios. */
export function builtValue(a: Assumption): CellInput {
  return a.scenario ? baseValue(a.scenario) : a.value;
}
