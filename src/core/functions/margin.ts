/** Token gross margins and price compression: the note's Valuation paragraph and Risk 2. */
import { NumberParam } from "../params";
import { defineFunction } from "../runner";

/**
 * Gross margin after `years` (Valuation paragraph, "30% annual token volume growth combined with a
 * 15% per-unit cost decline"):
 *
 *     revenue_t / revenue_0 = (1+g)^t (1+p)^t
 *     cost_t / cost_0       = f + (1−f) (1+g)^t (1−d)^t,   cost_0 = (1−m0) revenue_0
 *     margin_t              = 1 − (1−m0) · (cost_t/cost_0) / (revenue_t/revenue_0)
 */
export function tokenMargin(
  volumeGrowth: number,
  unitCostDecline: number,
  years: number,
  startMargin: number,
  priceChange: number,
  fixedCostShare: number
): number {
  return (
    1 -
    (1 - startMargin) *
      costToRevenue(volumeGrowth, unitCostDecline, years, priceChange, fixedCostShare)
  );
}

/** The margin's cost-to-revenue multiplier over the horizon: (cost_t/cost_0) / (revenue_t/revenue_0). */
function costToRevenue(
  volumeGrowth: number,
  unitCostDecline: number,
  years: number,
  priceChange: number,
  fixedCostShare: number
): number {
  // (1+g)^t (1+p)^t = ((1+g)(1+p))^t and (1+g)^t (1−d)^t = ((1+g)(1−d))^t: two powers per cell, not three.
  const revenueRatio = power((1 + volumeGrowth) * (1 + priceChange), years);
  const costRatio =
    fixedCostShare +
    (1 - fixedCostShare) * power((1 + volumeGrowth) * (1 - unitCostDecline), years);
  return costRatio / revenueRatio;
}

/**
 * base^years, to the last bit what Math.pow gives. The whole horizons where a product is exactly
 * Math.pow — 0, 1 and 2 years, the note's "over two years" — are multiplied out: V8's optimizing
 * compiler turns `x ** 2` into x·x, and its pow gives x·x for an exponent of 2 to match it
 * (src/numbers/ieee754.cc in V8; here on 10^6 bases from 1e−304 to 1e304, none differing).
 * Longer whole horizons stay on Math.pow: exponentiation by squaring differs from it in the last
 * bit for 14% (3 years) to 49% (100 years) of random bases, and Math.pow is itself not correctly
 * rounded there (about 1 case in 10), so no order of multiplications reproduces it.
 * test/core/power.test.ts holds both functions to Math.pow on 100,000 random cases.
 */
function power(base: number, years: number): number {
  if (years === 2) return base * base;
  if (years === 1) return base;
  if (years === 0) return 1;
  return Math.pow(base, years);
}

/**
 * Margin after the horizon minus the start margin: 0.10 = 10 percentage points.
 * TOKEN_MARGIN − m0 = 1 − (1−m0)·R − m0 = (1−m0)(1−R), with R the cost-to-revenue multiplier:
 * written this way a zero horizon (R = 1) gives exactly 0, even for a start margin so small that
 * 1 − m0 rounds to 1.
 */
export function marginExpansion(
  volumeGrowth: number,
  unitCostDecline: number,
  years: number,
  startMargin: number,
  priceChange: number,
  fixedCostShare: number
): number {
  return (
    (1 - startMargin) *
    (1 - costToRevenue(volumeGrowth, unitCostDecline, years, priceChange, fixedCostShare))
  );
}

/**
 * Extra token-price decline from low utilization (Risk 2: "could fall another 30% if utilization
 * drops below 60%"). With ramp 0 a step; with ramp r it rises linearly from 0 at the threshold to
 * the full decline at threshold − r.
 */
export function priceCompression(
  utilization: number,
  threshold: number,
  extraDecline: number,
  ramp: number
): number {
  if (utilization >= threshold) return 0;
  if (ramp === 0 || utilization <= threshold - ramp) return extraDecline;
  return (extraDecline * (threshold - utilization)) / ramp;
}

const MARGIN_PARAMS = [
  {
    name: "volume_growth",
    kind: "number",
    unit: "fraction",
    min: -1,
    minExclusive: true,
    description: "Annual token-volume growth, a fraction (30% = 0.3), greater than −100%.",
    zh: { description: "Token调用量年增速，以小数表示（30% = 0.3），大于−100%。" },
  },
  {
    name: "unit_cost_decline",
    kind: "number",
    unit: "fraction",
    min: 0,
    max: 1,
    maxExclusive: true,
    description: "Annual decline in cost per token, a fraction from 0% to under 100%.",
    zh: { description: "单位Token成本的年降幅，以小数表示，0%至100%（不含）。" },
  },
  {
    name: "years",
    kind: "number",
    unit: "years",
    min: 0,
    max: 100,
    description: "Horizon in years, 0 to 100; fractions allowed.",
    zh: { description: "预测期（年），0至100，可为小数。", unit: "年" },
  },
  {
    name: "start_margin",
    kind: "number",
    unit: "fraction",
    max: 1,
    maxExclusive: true,
    default: 0.64,
    description:
      "Gross margin today, a fraction below 100%; 64% lands the note's example on the middle of its 8–12 pp.",
    zh: {
      description:
        "当前毛利率，以小数表示，低于100%；取64%时研报示例正好落在其8–12个百分点区间的中点。",
    },
  },
  {
    name: "price_change",
    kind: "number",
    unit: "fraction",
    min: -1,
    minExclusive: true,
    default: 0,
    description:
      "Annual change in price per token, a fraction greater than −100% (−35% = a 35% fall).",
    zh: { description: "单位Token价格的年变动，以小数表示，大于−100%（−35%即下降35%）。" },
  },
  {
    name: "fixed_cost_share",
    kind: "number",
    unit: "fraction",
    min: 0,
    max: 1,
    default: 0,
    description: "Share of today's cost that is fixed and does not scale with volume, 0% to 100%.",
    zh: { description: "当前成本中不随调用量变化的固定成本占比，0%至100%。" },
  },
] as const satisfies readonly NumberParam[];

export const TOKEN_MARGIN = defineFunction({
  name: "TOKEN_MARGIN",
  description:
    "Gross margin of token serving after years of volume growth and unit-cost decline (Valuation paragraph).",
  returns: "Gross margin after the horizon, a fraction.",
  format: "0.0%",
  source: "Valuation paragraph: 30% annual token volume growth with a 15% per-unit cost decline",
  zh: {
    description: "调用量增长、单位成本下降若干年后，Token推理服务的毛利率（估值部分）。",
    returns: "预测期末的毛利率，以小数表示。",
    source: "估值部分：Token调用量年增30%，单位成本年降15%",
  },
  broadcast: true,
  params: MARGIN_PARAMS,
  examples: [
    {
      formula: "=CNAI.TOKEN_MARGIN(30%,15%,2)",
      expected: 1 - 0.36 * 0.85 ** 2,
      result: "73.99%: a 64% margin after two years of the note's example",
      zh: { result: "73.99%：按研报示例，64%的毛利率两年后的水平" },
    },
    {
      formula: "=CNAI.TOKEN_MARGIN(30%,15%,2,64%,-10%)",
      expected: 1 - (0.36 * 0.85 ** 2) / 0.9 ** 2,
      result: "67.9%: the same with prices falling 10% a year",
      zh: { result: "67.9%：同上，但价格每年下降10%" },
    },
  ],
  compute: tokenMargin,
});

export const MARGIN_EXPANSION = defineFunction({
  name: "MARGIN_EXPANSION",
  description:
    "Change in gross margin over the horizon, TOKEN_MARGIN − start_margin (0.10 = 10 pp).",
  returns: "Margin change, a fraction (0.0999 = 9.99 percentage points).",
  format: "0.00%",
  source: 'Valuation paragraph: "expands gross margins by 8–12 percentage points over two years"',
  zh: {
    description: "预测期内毛利率的变化，即TOKEN_MARGIN − start_margin（0.10 = 10个百分点）。",
    returns: "毛利率变化，以小数表示（0.0999 = 9.99个百分点）。",
    source: "估值部分：“两年内毛利率提升8–12个百分点”",
  },
  broadcast: true,
  params: MARGIN_PARAMS,
  examples: [
    {
      formula: "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
      expected: 0.36 * (1 - 0.85 ** 2),
      result: "9.99%: 0.36 × (1 − 0.85²), inside the note's 8–12 pp",
      zh: { result: "9.99%：0.36 × (1 − 0.85²)，落在研报的8–12个百分点之内" },
    },
    {
      formula: "=CNAI.MARGIN_EXPANSION(30%,15%,2,57%)",
      expected: 0.43 * (1 - 0.85 ** 2),
      result: "11.93%: a lower start margin reaches the top of the range",
      zh: { result: "11.93%：起始毛利率较低时可达区间上沿" },
    },
    {
      formula: "=CNAI.MARGIN_EXPANSION(30%,{0.1,0.15,0.2},2)",
      expected: [[0.36 * (1 - 0.9 ** 2), 0.36 * (1 - 0.85 ** 2), 0.36 * (1 - 0.8 ** 2)]],
      result: "a row of three expansions, one per unit-cost decline",
      zh: { result: "一行三个毛利率增幅，分别对应三个单位成本降幅" },
    },
  ],
  compute: marginExpansion,
});

export const PRICE_COMPRESSION = defineFunction({
  name: "PRICE_COMPRESSION",
  description: "Extra token-price decline caused by low cloud utilization (Risk 2).",
  returns: "Extra price decline, a fraction (0.30 = prices fall another 30%).",
  format: "0%",
  source: 'Risk 2: "could fall another 30% if utilization drops below 60%"',
  zh: {
    description: "云端利用率偏低导致的Token价格额外降幅（风险2）。",
    returns: "价格额外降幅，以小数表示（0.30 = 价格再降30%）。",
    source: "风险2：“若利用率跌破60%，价格可能再降30%”",
  },
  broadcast: true,
  params: [
    {
      name: "utilization",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      description: "Cloud inference utilization, a fraction from 0% to 100%.",
      zh: { description: "云端推理算力利用率，以小数表示，0%至100%。" },
    },
    {
      name: "threshold",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      default: 0.6,
      description: "Utilization below which prices compress, 0% to 100%.",
      zh: { description: "利用率阈值：低于该值时价格承压，0%至100%。" },
    },
    {
      name: "extra_decline",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      default: 0.3,
      description: "Further price fall once compressed, 0% to 100%.",
      zh: { description: "价格承压后的进一步降幅，0%至100%。" },
    },
    {
      name: "ramp",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      default: 0,
      description: "Width below the threshold over which the fall phases in linearly; 0 is a step.",
      zh: { description: "阈值以下降幅线性逐步生效的区间宽度；0表示阶跃。" },
    },
  ],
  examples: [
    {
      formula: "=CNAI.PRICE_COMPRESSION(55%)",
      expected: 0.3,
      result: "30%: utilization below 60% takes another 30% off prices",
      zh: { result: "30%：利用率低于60%，价格再降30%" },
    },
    {
      formula: "=CNAI.PRICE_COMPRESSION(60%)",
      expected: 0,
      result: "0: at the threshold prices hold",
      zh: { result: "0：处于阈值时价格不变" },
    },
    {
      formula: "=1-(1-{35%,50%})*(1-CNAI.PRICE_COMPRESSION(55%))",
      expected: [[1 - 0.65 * 0.7, 1 - 0.5 * 0.7]],
      result: "54.5% and 65%: the combined fall from last year's price",
      zh: { result: "54.5%和65%：相对去年价格的累计降幅" },
    },
  ],
  compute: priceCompression,
});
