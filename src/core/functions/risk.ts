/**
 * From ranges to probabilities: SIMULATE, PROBABILITY, TORNADO and HISTOGRAM draw the model's
 * inputs from the Uncertainty table and compute its outputs with the point functions' own math
 * (src/core/risk).
 */
import { NumberParam, TableParam, TextParam, numberFromText } from "../params";
import { defineFunction } from "../runner";
import { RISK_INPUTS } from "../risk/inputs";
import { RISK_OUTPUTS } from "../risk/outputs";
import {
  DEFAULT_DRAWS,
  DEFAULT_SEED,
  MAX_DRAWS,
  STATS,
  findOutput,
  histogram,
  share,
  simulate,
  statistic,
  tornado,
} from "../risk/simulate";
import { NO_UNCERTAINTY, UncertaintyTable, readUncertaintyTable } from "../risk/uncertainty";
import { CellError, numError, valueError } from "../values";

const OUTPUT = {
  name: "output",
  kind: "text",
  accepts: `an output of the model (${RISK_OUTPUTS.map((o) => o.name).join(", ")}) or an unambiguous part of its name`,
  description: `The model output to simulate: ${RISK_OUTPUTS.map((o) => `"${o.name}"`).join(", ")}.`,
  zh: {
    description: `要模拟的模型输出：${RISK_OUTPUTS.map((o) => `"${o.name}"`).join("、")}。`,
    accepts: `模型的输出（${RISK_OUTPUTS.map((o) => o.name).join("、")}）或其名称中无歧义的部分`,
  },
} as const satisfies TextParam;

const UNCERTAINTY = {
  name: "uncertainty",
  kind: "table",
  optional: true,
  accepts: `a range laid out like the Uncertainty table, with or without its header row: Input (one of ${RISK_INPUTS.map((i) => i.name).join(", ")}), Distribution (Fixed, Uniform, Triangular, PERT, Normal or Bernoulli), Low, Mode, High, Source, and optionally Correlated with and Rank correlation`,
  description:
    "The Uncertainty table, such as Uncertainty[#All]: one row per uncertain input. Inputs without a row keep their point values; empty for none.",
  zh: {
    description:
      "不确定性表，如Uncertainty[#全部]：每个不确定的输入一行。表中没有的输入取其点估计值；留空则全部取点估计值。",
    accepts: `按Uncertainty表布局的区域，可含或不含标题行：Input（${RISK_INPUTS.map((i) => i.name).join("、")}之一）、Distribution（Fixed、Uniform、Triangular、PERT、Normal或Bernoulli）、Low、Mode、High、Source，可选Correlated with和Rank correlation`,
  },
  read: readUncertaintyTable,
} as const satisfies TableParam<UncertaintyTable>;

const DRAWS = {
  name: "draws",
  kind: "number",
  unit: "draws",
  min: 1,
  max: MAX_DRAWS,
  integer: true,
  default: DEFAULT_DRAWS,
  description: "How many Latin hypercube draws, 1 to 1,000,000.",
  zh: { description: "拉丁超立方抽样次数，1至1,000,000。", unit: "次" },
} as const satisfies NumberParam;

const SEED = {
  name: "seed",
  kind: "number",
  unit: "seed",
  min: 0,
  max: 4294967295,
  integer: true,
  default: DEFAULT_SEED,
  description: "Seed of the generator: the same seed gives the same draws on every machine.",
  zh: { description: "随机数种子：相同的种子在任何电脑上都得到相同的抽样。", unit: "种子" },
} as const satisfies NumberParam;

/** Runs the simulation the arguments name, or the error of the first that is wrong. */
function draws(output: string, table: UncertaintyTable | null, n: number, seed: number) {
  const found = findOutput(output);
  if (found instanceof CellError) return found;
  return simulate(found, table ?? NO_UNCERTAINTY, n, seed);
}

/** SIMULATE's stat: a percentile as a fraction from 0 to 1, or the name of a statistic. */
function readStat(stat: string | null): number | string | CellError {
  if (stat === null) return "mean";
  const name = stat.trim().toLowerCase();
  if ((STATS as readonly string[]).includes(name)) return name;
  const q = numberFromText(stat);
  if (q === undefined)
    return valueError(
      `stat must be a percentile as a fraction (0.1 = P10) or ${STATS.map((s) => `"${s}"`).join(", ")}; got "${stat}".`
    );
  if (!(q >= 0 && q <= 1))
    return numError(`stat as a percentile must be from 0 to 1 (0.1 = P10); got ${q}.`);
  return q;
}

const uniformUtilization =
  '{"Input","Distribution","Low","Mode","High";"Utilization","Uniform",0.5,0.6,0.7}';
const marginAt = (startMargin: number, decline: number) =>
  (1 - startMargin) * (1 - (1 - decline) ** 2);

export const SIMULATE = defineFunction({
  name: "SIMULATE",
  description:
    "A statistic of a model output over Latin hypercube draws of the Uncertainty table: a percentile, mean, sd, se, min or max.",
  returns: "The statistic in the output's unit (a percentile of a margin is a margin).",
  format: "0.00%",
  source:
    "The note's ranges (parity 60–65%, 70–75%, 80%+; 8–12 pp; a 15–25% premium) and its conditional risks",
  zh: {
    description:
      "对不确定性表做拉丁超立方抽样后，某个模型输出的统计量：百分位数、均值、标准差、标准误、最小值或最大值。",
    returns: "以该输出的单位表示的统计量（毛利率的百分位数仍是毛利率）。",
    source: "研报中的区间（性能比60–65%、70–75%、80%+；8–12个百分点；15–25%的溢价）及其条件性风险",
  },
  broadcast: true,
  onDemand: true,
  params: [
    OUTPUT,
    UNCERTAINTY,
    {
      name: "stat",
      kind: "text",
      optional: true,
      accepts: `a percentile as a fraction from 0 to 1 (0.1 = P10) or ${STATS.map((s) => `"${s}"`).join(", ")}`,
      description:
        'A percentile as a fraction (0.1 = P10), or "mean" (default), "sd", "se" (standard error of the mean), "min" or "max".',
      zh: {
        description:
          '以小数表示的百分位数（0.1 = P10），或"mean"（默认）、"sd"、"se"（均值的标准误）、"min"、"max"。',
        accepts: `0至1之间以小数表示的百分位数（0.1 = P10），或${STATS.map((s) => `"${s}"`).join("、")}`,
      },
    },
    DRAWS,
    SEED,
  ],
  examples: [
    {
      formula: '=CNAI.SIMULATE("margin_expansion")',
      expected: marginAt(0.64, 0.15),
      result: "9.99%: without an Uncertainty table every input keeps its point value",
      zh: { result: "9.99%：没有不确定性表时，每个输入都取其点估计值" },
    },
    {
      formula: `=CNAI.SIMULATE("margin_expansion",{"Input","Distribution","Low","Mode","High";"UnitCostDecline","Fixed",0.15,0.15,0.15},{0.05,0.5,0.95})`,
      expected: [[marginAt(0.64, 0.15), marginAt(0.64, 0.15), marginAt(0.64, 0.15)]],
      result: "P5, P50 and P95 all 9.99%: Fixed inputs give the point model",
      zh: { result: "P5、P50和P95均为9.99%：固定（Fixed）输入即点估计模型" },
    },
    {
      formula: `=CNAI.SIMULATE("price_compression",${uniformUtilization},"mean",1000)`,
      expected: 0.15,
      result:
        "15%: utilization uniform on 50–70% falls below 60% in half the draws, which take another 30% off prices",
      zh: { result: "15%：利用率在50–70%均匀分布，一半抽样低于60%，这些抽样中价格再降30%" },
    },
  ],
  compute: (output, table, stat, n, seed) => {
    const which = readStat(stat);
    if (which instanceof CellError) return which;
    const simulation = draws(output, table, n, seed);
    return simulation instanceof CellError ? simulation : statistic(simulation.sorted, which);
  },
});

export const PROBABILITY = defineFunction({
  name: "PROBABILITY",
  description:
    "The share of draws in which a model output lies from low to high (either bound may be omitted).",
  returns: "A probability, a fraction from 0 to 1.",
  format: "0.0%",
  source:
    'Valuation paragraph ("8–12 percentage points"); Evidence 1 ("80% by late 2027"); Risk 2 ("if utilization drops below 60%")',
  zh: {
    description: "模型输出落在low至high之间的抽样占比（任一边界可留空）。",
    returns: "概率，以0至1的小数表示。",
    source: "估值部分（“8–12个百分点”）；证据1（“2027年底前达到80%”）；风险2（“若利用率跌破60%”）",
  },
  broadcast: true,
  onDemand: true,
  params: [
    OUTPUT,
    UNCERTAINTY,
    {
      name: "low",
      kind: "number",
      unit: "the output's unit",
      optional: true,
      description: "Lower bound, included; empty for no lower bound.",
      zh: { description: "下限（含）；留空表示无下限。", unit: "与该输出相同的单位" },
    },
    {
      name: "high",
      kind: "number",
      unit: "the output's unit",
      optional: true,
      description: "Upper bound, included; empty for no upper bound.",
      zh: { description: "上限（含）；留空表示无上限。", unit: "与该输出相同的单位" },
    },
    DRAWS,
    SEED,
  ],
  examples: [
    {
      formula: '=CNAI.PROBABILITY("margin_expansion",,8%,12%)',
      expected: 1,
      result: "100%: at the point values the expansion, 9.99%, is inside the note's 8–12 pp",
      zh: { result: "100%：取点估计值时毛利率提升为9.99%，落在研报的8–12个百分点之内" },
    },
    {
      formula: `=CNAI.PROBABILITY("price_compression",${uniformUtilization},30%)`,
      expected: 0.5,
      result: "50%: with utilization uniform on 50–70%, Risk 2 bites in half the draws",
      zh: { result: "50%：利用率在50–70%均匀分布时，风险2在一半的抽样中发生" },
    },
    {
      formula:
        '=CNAI.PROBABILITY("parity_at",{"Input","Distribution","Low","Mode","High";"ParityDate","Fixed",2028,2028,2028;"StallProbability","Bernoulli",0,0.25,1},80%)',
      expected: 0.75,
      result:
        "75%: parity reaches 80% in 2028 unless export controls stall it (a 25% chance), freezing it near 66% in 2H26",
      zh: {
        result:
          "75%：除非出口管制使追赶停滞（概率25%，冻结在2H26约66%的水平），2028年性能比达到80%",
      },
    },
  ],
  compute: (output, table, low, high, n, seed) => {
    const from = low ?? -Infinity;
    const to = high ?? Infinity;
    if (from > to) return numError(`low (${from}) is above high (${to}).`);
    const simulation = draws(output, table, n, seed);
    return simulation instanceof CellError ? simulation : share(simulation.sorted, from, to);
  },
});

export const TORNADO = defineFunction({
  name: "TORNADO",
  description:
    "One row per uncertain input: the output at its Low and at its High with the others at their Mode, and the swing; largest first.",
  returns:
    "Rows of input, output at Low, output at High, swing (|High − Low|), largest swing first.",
  format: "0.00%",
  source: "Which of the note's ranges moves the thesis most",
  zh: {
    description:
      "每个不确定的输入一行：该输入取Low和High、其余输入取Mode时的输出，以及摆幅；摆幅最大者在前。",
    returns:
      "各行依次为：输入、取Low时的输出、取High时的输出、摆幅（|High − Low|），摆幅最大者在前。",
    source: "研报各区间中对结论影响最大的是哪一个",
  },
  broadcast: false,
  onDemand: true,
  table: true,
  params: [OUTPUT, UNCERTAINTY],
  examples: [
    {
      formula:
        '=CNAI.TORNADO("margin_expansion",{"Input","Distribution","Low","Mode","High";"StartMargin","Uniform",0.57,0.64,0.71;"UnitCostDecline","Uniform",0.1,0.15,0.2})',
      expected: [
        ["UnitCostDecline", marginAt(0.64, 0.1), marginAt(0.64, 0.2), 0.36 * (0.9 ** 2 - 0.8 ** 2)],
        ["StartMargin", marginAt(0.57, 0.15), marginAt(0.71, 0.15), 0.14 * (1 - 0.85 ** 2)],
      ],
      result:
        "the 10–20% unit-cost decline swings the expansion by 6.1 pp (6.8% to 13.0%), the 57–71% start margin by 3.9 pp",
      zh: {
        result:
          "单位成本降幅10–20%使毛利率提升摆动6.1个百分点（6.8%至13.0%），起始毛利率57–71%摆动3.9个百分点",
      },
    },
    {
      formula: '=CNAI.TORNADO("margin_expansion")',
      expected: "#VALUE!",
      result: "#VALUE!: without an Uncertainty table no input is uncertain",
      zh: { result: "#VALUE!：没有不确定性表时，没有不确定的输入" },
    },
  ],
  compute: (output, table) => {
    const found = findOutput(output);
    return found instanceof CellError ? found : tornado(found, table ?? NO_UNCERTAINTY);
  },
});

export const HISTOGRAM = defineFunction({
  name: "HISTOGRAM",
  description:
    "Counts of a model output's draws in equal-width bins from the smallest draw to the largest, for a chart.",
  returns: "Rows of bin start, bin end, count of draws.",
  format: "0.00%",
  source: "The note's 8–12 pp as a distribution rather than a range",
  zh: {
    description: "将模型输出的抽样从最小值到最大值等宽分组后各组的个数，用于绘图。",
    returns: "各行依次为：组起点、组终点、抽样个数。",
    source: "把研报的8–12个百分点从区间变为分布",
  },
  broadcast: false,
  onDemand: true,
  table: true,
  params: [
    OUTPUT,
    UNCERTAINTY,
    {
      name: "bins",
      kind: "number",
      unit: "bins",
      min: 1,
      max: 1000,
      integer: true,
      default: 20,
      description: "How many bins, 1 to 1,000.",
      zh: { description: "分组数，1至1,000。", unit: "组" },
    },
    DRAWS,
    SEED,
  ],
  examples: [
    {
      formula: `=CNAI.HISTOGRAM("price_compression",${uniformUtilization},2,1000)`,
      expected: [
        [0, 0.15, 500],
        [0.15, 0.3, 500],
      ],
      result: "500 draws with no compression and 500 with the full 30%",
      zh: { result: "500次抽样无额外降价，500次抽样降价30%" },
    },
    {
      formula: '=CNAI.HISTOGRAM("margin_expansion")',
      expected: [[marginAt(0.64, 0.15), marginAt(0.64, 0.15), DEFAULT_DRAWS]],
      result: "one bin: at the point values all 10,000 draws are 9.99%",
      zh: { result: "一个组：取点估计值时10,000次抽样均为9.99%" },
    },
  ],
  compute: (output, table, bins, n, seed) => {
    const simulation = draws(output, table, n, seed);
    return simulation instanceof CellError ? simulation : histogram(simulation.sorted, bins);
  },
});

/** The four, as the add-in's bundle loads them on a first call (src/functions/excel.ts). */
export const RISK_FUNCTIONS = [SIMULATE, PROBABILITY, TORNADO, HISTOGRAM] as const;
