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
  const revenueRatio = Math.pow((1 + volumeGrowth) * (1 + priceChange), years);
  const costRatio =
    fixedCostShare +
    (1 - fixedCostShare) * Math.pow((1 + volumeGrowth) * (1 - unitCostDecline), years);
  return costRatio / revenueRatio;
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
  },
  {
    name: "unit_cost_decline",
    kind: "number",
    unit: "fraction",
    min: 0,
    max: 1,
    maxExclusive: true,
    description: "Annual decline in cost per token, a fraction from 0% to under 100%.",
  },
  {
    name: "years",
    kind: "number",
    unit: "years",
    min: 0,
    max: 100,
    description: "Horizon in years, 0 to 100; fractions allowed.",
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
  },
  {
    name: "fixed_cost_share",
    kind: "number",
    unit: "fraction",
    min: 0,
    max: 1,
    default: 0,
    description: "Share of today's cost that is fixed and does not scale with volume, 0% to 100%.",
  },
] as const satisfies readonly NumberParam[];

export const TOKEN_MARGIN = defineFunction({
  name: "TOKEN_MARGIN",
  description:
    "Gross margin of token serving after years of volume growth and unit-cost decline (Valuation paragraph).",
  returns: "Gross margin after the horizon, a fraction.",
  format: "0.0%",
  source: "Valuation paragraph: 30% annual token volume growth with a 15% per-unit cost decline",
  broadcast: true,
  params: MARGIN_PARAMS,
  examples: [
    {
      formula: "=CNAI.TOKEN_MARGIN(30%,15%,2)",
      result: "73.99%: a 64% margin after two years of the note's example",
    },
    {
      formula: "=CNAI.TOKEN_MARGIN(30%,15%,2,64%,-10%)",
      result: "67.9%: the same with prices falling 10% a year",
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
  broadcast: true,
  params: MARGIN_PARAMS,
  examples: [
    {
      formula: "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
      result: "9.99%: 0.36 × (1 − 0.85²), inside the note's 8–12 pp",
    },
    {
      formula: "=CNAI.MARGIN_EXPANSION(30%,15%,2,57%)",
      result: "11.93%: a lower start margin reaches the top of the range",
    },
    {
      formula: "=CNAI.MARGIN_EXPANSION(30%,{0.1,0.15,0.2},2)",
      result: "a row of three expansions, one per unit-cost decline",
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
  broadcast: true,
  params: [
    {
      name: "utilization",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      description: "Cloud inference utilization, a fraction from 0% to 100%.",
    },
    {
      name: "threshold",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      default: 0.6,
      description: "Utilization below which prices compress, 0% to 100%.",
    },
    {
      name: "extra_decline",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      default: 0.3,
      description: "Further price fall once compressed, 0% to 100%.",
    },
    {
      name: "ramp",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      default: 0,
      description: "Width below the threshold over which the fall phases in linearly; 0 is a step.",
    },
  ],
  examples: [
    {
      formula: "=CNAI.PRICE_COMPRESSION(55%)",
      result: "30%: utilization below 60% takes another 30% off prices",
    },
    { formula: "=CNAI.PRICE_COMPRESSION(60%)", result: "0: at the threshold prices hold" },
    {
      formula: "=1-(1-{35%,50%})*(1-CNAI.PRICE_COMPRESSION(55%))",
      result: "54.5% and 65%: the combined fall from last year's price",
    },
  ],
  compute: priceCompression,
});
