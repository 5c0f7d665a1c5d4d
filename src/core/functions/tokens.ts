/** Token revenue, demand elasticity and serving cost: Table 2, the Divergence paragraph, Evidence 1. */
import { defineFunction } from "../runner";

/** T·10¹² tokens × P USD per 10⁶ tokens = T·P·10⁶ USD (Table 2's units). */
export function tokenRevenue(tokensTrillions: number, pricePerMillion: number): number {
  return tokensTrillions * pricePerMillion * 1e6;
}

/** Log-arc elasticity ln(1+dQ) / ln(1+dP): −2.0 for Table 2's Q1 25→Q1 26 (price −50%, tokens ×4). */
export function demandElasticity(priceChange: number, volumeChange: number): number {
  return Math.log1p(volumeChange) / Math.log1p(priceChange);
}

/** C / (S · q · u · 3600) · 10⁶: an hour of the chip serves S·q·u·3600 tokens at hourly cost C. */
export function costPerMillionTokens(
  hourlyCost: number,
  h100TokensPerSecond: number,
  parity: number,
  utilization: number
): number {
  return (hourlyCost / (h100TokensPerSecond * parity * utilization * 3600)) * 1e6;
}

export const TOKEN_REVENUE = defineFunction({
  name: "TOKEN_REVENUE",
  description:
    "Revenue in USD from a token volume in trillions at a price in USD per million tokens (Table 2).",
  returns: "Revenue in USD.",
  format: '"$"#,##0',
  source: "Table 2: Inference Tokens (T) × Avg Token Price ($/M)",
  zh: {
    description: "Token收入（美元）：调用量（万亿Token）× 价格（美元/百万Token）（表2）。",
    returns: "收入（美元）。",
    source: "表2：推理Token量（T）× 平均Token价格（$/M）",
  },
  broadcast: true,
  params: [
    {
      name: "tokens_trillions",
      kind: "number",
      unit: "trillion tokens",
      min: 0,
      description: "Token volume in trillions (T), at least 0.",
      zh: { description: "Token调用量，单位万亿（T），不小于0。", unit: "万亿Token" },
    },
    {
      name: "price_per_million",
      kind: "number",
      unit: "USD per million tokens",
      min: 0,
      description: "Price in USD per million tokens, at least 0.",
      zh: { description: "每百万Token的价格（美元），不小于0。", unit: "美元/百万Token" },
    },
  ],
  examples: [
    {
      formula: "=CNAI.TOKEN_REVENUE(60,0.03)",
      expected: 1.8e6,
      result:
        "$1,800,000: Q1 2026's 60 T tokens at $0.03/M, three orders of magnitude below the $1.6bn AI cloud revenue of Table 2",
      zh: {
        result:
          "$1,800,000：Q1 2026的60T Token按每百万Token $0.03计，比表2中$1.6bn（16亿美元）的AI云收入低三个数量级",
      },
    },
  ],
  compute: tokenRevenue,
});

export const DEMAND_ELASTICITY = defineFunction({
  name: "DEMAND_ELASTICITY",
  description: "Price elasticity of token demand, ln(1+volume_change) / ln(1+price_change).",
  returns: "Elasticity; below −1 is elastic (volume grows faster than price falls).",
  format: "0.00",
  source: 'Divergence paragraph ("whether inference demand remains elastic"); Table 2',
  zh: {
    description: "Token需求的价格弹性：ln(1+volume_change) / ln(1+price_change)。",
    returns: "弹性系数；低于−1即富有弹性（调用量增速快于价格降幅）。",
    source: "分化部分（“推理需求能否保持弹性”）；表2",
  },
  broadcast: true,
  params: [
    {
      name: "price_change",
      kind: "number",
      unit: "fraction",
      min: -1,
      minExclusive: true,
      divisor: true,
      description: "Change in price, a fraction greater than −100% and not 0 (−50% = halved).",
      zh: { description: "价格变动，以小数表示，大于−100%且不为0（−50%即减半）。" },
    },
    {
      name: "volume_change",
      kind: "number",
      unit: "fraction",
      min: -1,
      minExclusive: true,
      description: "Change in volume, a fraction greater than −100% (300% = ×4).",
      zh: { description: "调用量变动，以小数表示，大于−100%（300%即增至4倍）。" },
    },
  ],
  examples: [
    {
      formula: "=CNAI.DEMAND_ELASTICITY(-50%,300%)",
      expected: -2,
      result: "−2.0: Table 2's Q1 2025 → Q1 2026, price halved and tokens ×4",
      zh: { result: "−2.0：表2中Q1 2025 → Q1 2026，价格减半、Token调用量增至4倍" },
    },
  ],
  compute: demandElasticity,
});

export const COST_PER_MTOK = defineFunction({
  name: "COST_PER_MTOK",
  description:
    "Serving cost in USD per million tokens of a chip at a given H100 parity and utilization.",
  returns: "USD per million tokens served.",
  format: '"$"0.0000',
  source: 'Evidence 1 implication: "lower total cost per token"',
  zh: {
    description: "给定相对H100的性能和利用率，一颗芯片每百万Token的推理服务成本（美元）。",
    returns: "每百万Token的服务成本（美元）。",
    source: "证据1的推论：“单Token总成本更低”",
  },
  broadcast: true,
  params: [
    {
      name: "hourly_cost",
      kind: "number",
      unit: "USD per chip-hour",
      min: 0,
      description: "The chip's all-in cost per hour in USD, at least 0.",
      zh: { description: "芯片每小时的全部成本（美元），不小于0。", unit: "美元/芯片小时" },
    },
    {
      name: "h100_tokens_per_second",
      kind: "number",
      unit: "tokens per second",
      min: 0,
      divisor: true,
      description: "Tokens per second an H100 serves on the workload, above 0.",
      zh: { description: "H100在该负载下每秒处理的Token数，大于0。", unit: "Token/秒" },
    },
    {
      name: "parity",
      kind: "number",
      unit: "fraction",
      min: 0,
      divisor: true,
      description:
        "The chip's performance as a fraction of the H100's, above 0 (PARITY_AT gives it).",
      zh: { description: "芯片性能相当于H100的比例，大于0（可由PARITY_AT得出）。" },
    },
    {
      name: "utilization",
      kind: "number",
      unit: "fraction",
      min: 0,
      max: 1,
      divisor: true,
      description: "Share of the hour spent serving, above 0% and at most 100%.",
      zh: { description: "每小时中用于推理服务的时间占比，大于0%且不超过100%。" },
    },
  ],
  examples: [
    {
      formula: "=CNAI.COST_PER_MTOK(2,1000,62.5%,60%)",
      expected: (2 / (1000 * 0.625 * 0.6 * 3600)) * 1e6,
      result: "$1.4815 per million tokens: a $2/hour chip at 2H25 parity and 60% utilization",
      zh: { result: "每百万Token $1.4815：每小时$2的芯片，取2H25的性能比和60%的利用率" },
    },
  ],
  compute: costPerMillionTokens,
});
