/**
 * "Build model sheet": an analyst model on the note's tables. Inputs are named cells; every output
 * is a CNAI formula on those names; the timeline, the sensitivity grid and the reconciliation are
 * broadcast formulas, one per block, spilling over their cells.
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
import { area, offset } from "./a1";
import { Choice, chooseDefinedName, chooseSheetName } from "./names";
import { Block, CellInput, Plan, SheetPlan, WorkbookState } from "./plan";
import { TAB_COLOR, planTableSheets } from "./tables";

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

interface Assumption extends Row {
  /** The defined name, the same in every language. */
  readonly name: string;
  readonly value: number;
  readonly format: string;
}

/** The inputs, with the note's figures where it gives them and illustrative values where it does not. */
export const ASSUMPTIONS: readonly Assumption[] = [
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
    value: 0.55,
    format: "0.0%",
    note: "Risk 2: prices compress below the threshold",
    zh: { label: "云端利用率", note: "风险2：利用率低于阈值时价格承压" },
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
    name: "StallDate",
    label: "Stall date (export controls)",
    value: labelDate("2H26"),
    format: "yyyy-mm-dd",
    note: "Risk 1: parity freezes from this date",
    zh: { label: "停滞日期（出口管制）", note: "风险1：性能比自该日期起冻结" },
  },
];

/** The timeline: 2H25, where Table 1 places the first generation, then every quarter to 2028. */
export const TIMELINE_PERIODS = [
  "2H25",
  ...[2026, 2027, 2028].flatMap((y) => [1, 2, 3, 4].map((q) => `Q${q} ${y}`)),
];

/** Sensitivity grid: start margins down the side, unit-cost declines across. */
export const GRID_START_MARGINS = [0.56, 0.58, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72];
export const GRID_COST_DECLINES = [0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25];
/** The note's "8–12 percentage points over two years". */
export const NOTE_BAND: readonly [number, number] = [0.08, 0.12];

const LABEL_COLUMN_WIDTH = 40;

interface Layout {
  readonly assumptionsAt: string;
  readonly outputsAt: string;
  readonly timelineAt: string;
  readonly gridAt: string;
  readonly reconciliationAt: string;
}

export const LAYOUT: Layout = {
  assumptionsAt: "A4",
  outputsAt: "A22",
  timelineAt: "A34",
  gridAt: "A51",
  reconciliationAt: "A64",
};

/** The model sheet, and the table sheets it stands on, with its words in a language. */
export function planBuildModel(state: WorkbookState, lang: Lang = "en"): Plan {
  const t = textsIn(MODEL_TEXT, lang);
  const local = <R extends Row>(item: R) => inLanguage(item, lang);
  const tables = planTableSheets(state, lang);
  const sheet = chooseSheetName(state, "model", t.sheet, lang);
  const names = new Map<string, Choice>(
    ASSUMPTIONS.map((a) => [a.name, chooseDefinedName(state, a.name, lang)])
  );
  const n = (name: string) => (names.get(name) as Choice).name;
  const tokensRef = tables.tokens.name;

  const blocks: Block[] = [];
  const L = LAYOUT;

  blocks.push(
    { at: "A1", cells: [[t.title]], style: "title" },
    { at: "A2", cells: [[t.source]], style: "note" }
  );

  // Assumptions: label, named input, where the figure comes from.
  blocks.push({
    at: L.assumptionsAt,
    cells: [t.assumptionsHeader],
    style: "header",
  });
  const firstInput = offset(L.assumptionsAt, 1, 0);
  blocks.push({
    at: firstInput,
    cells: ASSUMPTIONS.map((a) => [local(a).label, a.value, local(a).note]),
    style: ["label", "input", "note"],
    numberFormat: ASSUMPTIONS.map((a) => ["@", a.format, "@"]),
  });
  const inputCell = (name: string) =>
    offset(
      firstInput,
      ASSUMPTIONS.findIndex((a) => a.name === name),
      1
    );

  // Outputs: each a CNAI formula on the named inputs.
  const marginArgs = [
    "VolumeGrowth",
    "UnitCostDecline",
    "Years",
    "StartMargin",
    "PriceChange",
    "FixedCostShare",
  ]
    .map(n)
    .join(",");
  const firstOutput = offset(L.outputsAt, 1, 0);
  const outputCell = (row: number) => offset(firstOutput, row, 1);
  /** An output row: a CNAI formula on the named inputs, its format, label and note. */
  type Output = Row & { readonly formula: string; readonly format: string };
  const outputs: Output[] = [
    {
      label: "Gross margin after the horizon",
      formula: `=CNAI.TOKEN_MARGIN(${marginArgs})`,
      format: "0.0%",
      note: "TOKEN_MARGIN",
      zh: { label: "预测期末毛利率", note: "TOKEN_MARGIN" },
    },
    {
      label: "Margin expansion",
      formula: `=CNAI.MARGIN_EXPANSION(${marginArgs})`,
      format: "0.00%",
      note: "The note: 8–12 percentage points over two years",
      zh: { label: "毛利率提升", note: "研报：两年内提升8–12个百分点" },
    },
    {
      label: "Price compression at this utilization",
      formula: `=CNAI.PRICE_COMPRESSION(${n("Utilization")},${n("CompressionThreshold")})`,
      format: "0.0%",
      note: "Risk 2: another 30% below 60% utilization",
      zh: { label: "该利用率下的额外降价", note: "风险2：利用率低于60%时再降30%" },
    },
    {
      label: "Combined price fall from last year, low",
      formula: `=1-(1-${n("PriceFallLow")})*(1-${outputCell(2)})`,
      format: "0.0%",
      note: "1 − (1 − fall so far)(1 − compression)",
      zh: { label: "相对去年的累计降价（低）", note: "1 − (1 − 已有降幅)(1 − 额外降幅)" },
    },
    {
      label: "Combined price fall from last year, high",
      formula: `=1-(1-${n("PriceFallHigh")})*(1-${outputCell(2)})`,
      format: "0.0%",
      note: "Risk 2: 54.5% to 65% with the note's figures",
      zh: { label: "相对去年的累计降价（高）", note: "风险2：按研报数据为54.5%至65%" },
    },
    {
      label: "Parity with the H100 at the parity date",
      formula: `=CNAI.PARITY_AT(${n("ParityDate")})`,
      format: "0.0%",
      note: "Table 1, mid of the range",
      zh: { label: "对标日期的相对H100性能", note: "表1，区间中值" },
    },
    {
      label: "Cost per million tokens",
      formula: `=CNAI.COST_PER_MTOK(${n("HourlyCost")},${n("TokensPerSecond")},${outputCell(5)},${n("Utilization")})`,
      format: '"$"0.0000',
      note: "Evidence 1: cost per token falls as parity rises",
      zh: { label: "每百万Token成本", note: "证据1：性能比提升，单Token成本随之下降" },
    },
    {
      label: "Integrated EV/EBITDA multiple",
      formula: `=CNAI.STACK_MULTIPLE(${n("BaseMultiple")},${n("LayersOwned")})`,
      format: '0.0"x"',
      note: "Valuation: 15–25% premium for the full stack",
      zh: { label: "一体化EV/EBITDA倍数", note: "估值部分：全栈一体化享15–25%溢价" },
    },
  ];
  blocks.push({ at: L.outputsAt, cells: [t.outputsHeader], style: "header" });
  blocks.push({
    at: firstOutput,
    cells: outputs.map((o) => [local(o).label, o.formula, local(o).note]),
    style: ["label", "output", "note"],
    numberFormat: outputs.map((o) => ["@", o.format, "@"]),
  });

  // Parity timeline: one broadcast formula per column over the period dates.
  const periods = TIMELINE_PERIODS.length;
  blocks.push({
    at: L.timelineAt,
    cells: [[t.timelineTitle]],
    style: "header",
  });
  const timelineHeader = offset(L.timelineAt, 1, 0);
  const timelineBody = offset(timelineHeader, 1, 0);
  const dates = area(offset(timelineBody, 0, 5), periods, 1, true);
  blocks.push({
    at: timelineHeader,
    cells: [t.timelineHeader],
    style: "header",
  });
  blocks.push({ at: timelineBody, cells: TIMELINE_PERIODS.map((p) => [p]), style: "label" });
  const parityColumn = (column: number, formula: string): Block => ({
    at: offset(timelineBody, 0, column),
    cells: [[formula]],
    style: "output",
    numberFormat: "0.0%",
    spill: { rows: periods, columns: 1 },
  });
  blocks.push(
    parityColumn(1, `=CNAI.PARITY_AT(${dates},"low")`),
    parityColumn(2, `=CNAI.PARITY_AT(${dates},"mid")`),
    parityColumn(3, `=CNAI.PARITY_AT(${dates},"high")`),
    parityColumn(4, `=CNAI.PARITY_AT(${dates},"mid","linear",${n("StallDate")})`),
    {
      at: offset(timelineBody, 0, 5),
      cells: [[`=CNAI.PERIOD_DATE(${area(timelineBody, periods, 1, true)})`]],
      style: "output",
      numberFormat: "yyyy-mm-dd",
      spill: { rows: periods, columns: 1 },
    }
  );

  // Sensitivity: one spilled MARGIN_EXPANSION, start margins (column) × unit-cost declines (row).
  blocks.push({
    at: L.gridAt,
    cells: [[t.gridTitle]],
    style: "header",
  });
  const gridCorner = offset(L.gridAt, 1, 0);
  const gridBody = offset(gridCorner, 1, 1);
  const declinesRow = area(offset(gridCorner, 0, 1), 1, GRID_COST_DECLINES.length, true);
  const marginsColumn = area(offset(gridCorner, 1, 0), GRID_START_MARGINS.length, 1, true);
  blocks.push(
    { at: gridCorner, cells: [[t.gridCorner]], style: "header" },
    {
      at: offset(gridCorner, 0, 1),
      cells: [GRID_COST_DECLINES],
      style: "input",
      numberFormat: "0.0%",
    },
    {
      at: offset(gridCorner, 1, 0),
      cells: GRID_START_MARGINS.map((m) => [m]),
      style: "input",
      numberFormat: "0%",
    },
    {
      at: gridBody,
      cells: [
        [
          `=CNAI.MARGIN_EXPANSION(${n("VolumeGrowth")},${declinesRow},${n("Years")},${marginsColumn},${n("PriceChange")},${n("FixedCostShare")})`,
        ],
      ],
      style: "output",
      numberFormat: "0.0%",
      spill: { rows: GRID_START_MARGINS.length, columns: GRID_COST_DECLINES.length },
    }
  );

  // Table 2 reconciliation, from the TokenEconomics table by structured reference.
  const metric = (unit: string) =>
    (TOKEN_METRICS.find((m) => m.unit === unit) as { metric: string }).metric;
  const lookup = (period: string, unit: string) =>
    `=INDEX(${tokensRef}[${period}],MATCH("${metric(unit)}",${tokensRef}[Metric],0))`;
  const recHeader = offset(L.reconciliationAt, 1, 0);
  const recBody = offset(recHeader, 1, 0);
  blocks.push(
    {
      at: L.reconciliationAt,
      cells: [[t.reconciliationTitle(tokensRef)]],
      style: "header",
    },
    {
      at: recHeader,
      cells: [t.reconciliationHeader],
      style: "header",
    }
  );
  blocks.push({
    at: recBody,
    cells: TOKEN_PERIODS.map((p): CellInput[] => [
      p.label,
      lookup(p.label, "T tokens"),
      lookup(p.label, "$/M tokens"),
      lookup(p.label, "$bn"),
    ]),
    style: ["label", "output", "output", "output"],
    numberFormat: ["@", "0", '"$"0.00', '"$"0.0'],
  });
  const q1a = (column: number) => offset(recBody, 0, column);
  const q1b = (column: number) => offset(recBody, 1, column);
  const yoyRow = offset(recBody, TOKEN_PERIODS.length, 0);
  const tokensYoy = offset(yoyRow, 0, 1);
  const priceYoy = offset(yoyRow, 0, 2);
  blocks.push({
    at: yoyRow,
    cells: [[t.yoy, ...[1, 2, 3].map((c) => `=${q1b(c)}/${q1a(c)}-1`)]],
    style: ["label", "output", "output", "output"],
    numberFormat: ["@", "0%", "0%", "0%"],
  });
  const facts: Output[] = [
    {
      label: "Demand elasticity (log-arc)",
      formula: `=CNAI.DEMAND_ELASTICITY(${priceYoy},${tokensYoy})`,
      format: "0.00",
      note: "Below −1: volume grows faster than price falls",
      zh: { label: "需求价格弹性（对数弧弹性）", note: "低于−1：调用量增速快于价格降幅" },
    },
    {
      label: "Implied token revenue, Q1 2026 (USD)",
      formula: `=CNAI.TOKEN_REVENUE(${q1b(1)},${q1b(2)})`,
      format: '"$"#,##0',
      note: "Tokens × price as printed",
      zh: { label: "隐含Token收入，Q1 2026（美元）", note: "按原文的Token量 × 价格" },
    },
    {
      label: "Reported AI cloud revenue, Q1 2026 (USD)",
      formula: `=${q1b(3)}*10^9`,
      format: '"$"#,##0',
      note: "Table 2, $bn",
      zh: { label: "披露的AI云收入，Q1 2026（美元）", note: "表2，$bn" },
    },
  ];
  const firstFact = offset(yoyRow, 1, 0);
  const implied = offset(firstFact, 1, 1);
  const reported = offset(firstFact, 2, 1);
  facts.push({
    label: "Implied ÷ reported",
    formula: `=${implied}/${reported}`,
    format: "0.000%",
    note: "The gap, stated plainly",
    zh: { label: "隐含 ÷ 披露", note: "差距如实列示" },
  });
  blocks.push({
    at: firstFact,
    cells: facts.map((f) => [local(f).label, f.formula, local(f).note]),
    style: ["label", "output", "note"],
    numberFormat: facts.map((f) => ["@", f.format, "@"]),
  });
  blocks.push({ at: offset(firstFact, facts.length, 0), cells: [[t.gap]], style: "note" });

  const model: SheetPlan = {
    role: "model",
    name: sheet.name,
    blocks,
    tables: [],
    names: ASSUMPTIONS.map((a) => ({
      name: n(a.name),
      cell: inputCell(a.name),
      comment: t.nameComment(local(a).label),
    })),
    charts: [
      {
        name: "CNAI parity timeline",
        type: "line",
        title: t.parityChart,
        source: area(timelineHeader, periods + 1, 5),
        valueAxisFormat: "0%",
        from: offset(L.timelineAt, 0, 7),
        to: offset(L.timelineAt, 16, 14),
      },
      {
        name: "CNAI token volume vs price",
        type: "columnClustered",
        title: t.volumeChart,
        source: area(recHeader, TOKEN_PERIODS.length + 1, 3),
        secondaryLineSeries: [1],
        from: offset(L.reconciliationAt, 0, 5),
        to: offset(L.reconciliationAt, 16, 11),
      },
    ],
    conditionalFormats: [
      {
        range: area(gridBody, GRID_START_MARGINS.length, GRID_COST_DECLINES.length),
        between: NOTE_BAND,
        fill: "#DFF6DD",
        fontColor: "#0E700E",
      },
    ],
    columnWidths: [LABEL_COLUMN_WIDTH, 14, 14, 14, 16, 14, 12],
    freezeRows: 0,
    tabColor: TAB_COLOR,
  };

  const notes = [...tables.notes, sheet.note, ...[...names.values()].map((c) => c.note)].filter(
    (x): x is string => Boolean(x)
  );
  return { action: "build-model", sheets: [...tables.sheets, model], notes };
}

/** Where the checks of the note land on the model sheet, for tests and the workbench. */
export const MODEL_CELLS = {
  marginAfter: offset(LAYOUT.outputsAt, 1, 1),
  marginExpansion: offset(LAYOUT.outputsAt, 2, 1),
  priceCompression: offset(LAYOUT.outputsAt, 3, 1),
  combinedFallLow: offset(LAYOUT.outputsAt, 4, 1),
  combinedFallHigh: offset(LAYOUT.outputsAt, 5, 1),
  parityAtDate: offset(LAYOUT.outputsAt, 6, 1),
  costPerMtok: offset(LAYOUT.outputsAt, 7, 1),
  integratedMultiple: offset(LAYOUT.outputsAt, 8, 1),
  timelineFirstMid: offset(LAYOUT.timelineAt, 2, 2),
  gridFirstCell: offset(LAYOUT.gridAt, 2, 1),
  elasticity: offset(LAYOUT.reconciliationAt, 6, 1),
  impliedRevenue: offset(LAYOUT.reconciliationAt, 7, 1),
  reportedRevenue: offset(LAYOUT.reconciliationAt, 8, 1),
  unitCostDecline: offset(LAYOUT.assumptionsAt, 2, 1),
} as const;
