/**
 * The model's uncertain inputs, by the defined names the model sheet gives them: each one's point
 * value (what it takes when the Uncertainty table has no row for it) and its domain, which is the
 * domain of the function argument it feeds — the same limits, the same messages.
 */
import { COST_PER_MTOK } from "../functions/tokens";
import { MARGIN_EXPANSION, PRICE_COMPRESSION } from "../functions/margin";
import { STACK_MULTIPLE } from "../functions/valuation";
import { NumberParam, Param } from "../params";
import { FunctionDef } from "../runner";
import { periodMidpoint, parsePeriod } from "../dates";

export interface RiskInput {
  /** As the model sheet's defined name: "UnitCostDecline". */
  readonly name: string;
  /** The point value: the function's default, else the note's figure (in the comment above each). */
  readonly value: number;
  /** The limits a drawn value must respect: the function argument's, or for events 0 or 1. */
  readonly domain: NumberParam;
  /** Risk 1's stall: drawn as an event (0 or 1), typically Bernoulli. */
  readonly event?: boolean;
}

function argument(def: FunctionDef, name: string): NumberParam {
  const param = def.params.find((p: Param) => p.name === name);
  if (!param || param.kind !== "number") throw new Error(`${def.name} has no number ${name}`);
  return param;
}

/** A date input's domain: any date from 1900 on, as a serial or decimal year like PARITY_AT's. */
const DATE_DOMAIN = (name: string): NumberParam => ({
  name,
  kind: "number",
  unit: "date serial",
  min: 1,
  description: "",
  zh: { description: "", unit: "日期序列号" },
});

const FRACTION = (name: string): NumberParam => ({
  name,
  kind: "number",
  unit: "fraction",
  min: 0,
  max: 1,
  description: "",
  zh: { description: "" },
});

const midpoint = (label: string) =>
  periodMidpoint(parsePeriod(label) as NonNullable<ReturnType<typeof parsePeriod>>);
const defaultOf = (param: NumberParam) => param.default as number;

export const RISK_INPUTS: readonly RiskInput[] = [
  // Valuation paragraph: 30% annual token volume growth
  {
    name: "VolumeGrowth",
    value: 0.3,
    domain: argument(MARGIN_EXPANSION, "volume_growth"),
  },
  // Valuation paragraph: 15% per-unit cost decline
  {
    name: "UnitCostDecline",
    value: 0.15,
    domain: argument(MARGIN_EXPANSION, "unit_cost_decline"),
  },
  // "over two years"
  {
    name: "Years",
    value: 2,
    domain: argument(MARGIN_EXPANSION, "years"),
  },
  // MARGIN_EXPANSION's default
  {
    name: "StartMargin",
    value: defaultOf(argument(MARGIN_EXPANSION, "start_margin")),
    domain: argument(MARGIN_EXPANSION, "start_margin"),
  },
  // MARGIN_EXPANSION's default
  {
    name: "PriceChange",
    value: defaultOf(argument(MARGIN_EXPANSION, "price_change")),
    domain: argument(MARGIN_EXPANSION, "price_change"),
  },
  // MARGIN_EXPANSION's default
  {
    name: "FixedCostShare",
    value: defaultOf(argument(MARGIN_EXPANSION, "fixed_cost_share")),
    domain: argument(MARGIN_EXPANSION, "fixed_cost_share"),
  },
  // The model's Base scenario (illustrative, above Risk 2's 60%)
  {
    name: "Utilization",
    value: 0.65,
    domain: argument(PRICE_COMPRESSION, "utilization"),
  },
  // Risk 2: "if utilization drops below 60%"
  {
    name: "CompressionThreshold",
    value: defaultOf(argument(PRICE_COMPRESSION, "threshold")),
    domain: argument(PRICE_COMPRESSION, "threshold"),
  },
  // Risk 2: "could fall another 30%"
  {
    name: "ExtraDecline",
    value: defaultOf(argument(PRICE_COMPRESSION, "extra_decline")),
    domain: argument(PRICE_COMPRESSION, "extra_decline"),
  },
  // Evidence 2: unit token costs down 35–50% in 12 months (the middle)
  {
    name: "PriceFall",
    value: 0.425,
    domain: FRACTION("PriceFall"),
  },
  // 2H25: the first domestic generation in volume production
  {
    name: "ParityDate",
    value: midpoint("2H25"),
    domain: DATE_DOMAIN("ParityDate"),
  },
  // Where parity sits in Table 1's range: 0 = low, 0.5 = mid, 1 = high
  {
    name: "ParityPosition",
    value: 0.5,
    domain: FRACTION("ParityPosition"),
  },
  // Risk 1: export controls stall the catch-up (an event; 0 = no stall)
  {
    name: "StallProbability",
    value: 0,
    domain: { ...FRACTION("StallProbability"), integer: true },
    event: true,
  },
  // Risk 1: parity freezes from this date
  {
    name: "StallDate",
    value: midpoint("2H26"),
    domain: DATE_DOMAIN("StallDate"),
  },
  // Illustrative: not in the note
  {
    name: "HourlyCost",
    value: 2,
    domain: argument(COST_PER_MTOK, "hourly_cost"),
  },
  // Illustrative: not in the note
  {
    name: "TokensPerSecond",
    value: 1000,
    domain: argument(COST_PER_MTOK, "h100_tokens_per_second"),
  },
  // Illustrative: a non-integrated peer
  {
    name: "BaseMultiple",
    value: 10,
    domain: argument(STACK_MULTIPLE, "base_multiple"),
  },
  // All three of chips, cloud and token pricing
  {
    name: "LayersOwned",
    value: 3,
    domain: argument(STACK_MULTIPLE, "layers_owned"),
  },
  // Valuation paragraph: a 15–25% premium (the middle)
  {
    name: "IntegrationPremium",
    value: 0.2,
    domain: FRACTION("IntegrationPremium"),
  },
];

const squash = (text: string) => text.replace(/[\s_]+/g, "").toLowerCase();
const BY_KEY = new Map(RISK_INPUTS.map((input, k) => [squash(input.name), k]));

/** An input's place in RISK_INPUTS by its name, case-, space- and underscore-insensitively. */
export function inputIndex(name: string): number | undefined {
  return BY_KEY.get(squash(name));
}
