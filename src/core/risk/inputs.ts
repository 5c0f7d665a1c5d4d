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
  /** The point value: the function's default, else the note's figure (see `source`). */
  readonly value: number;
  readonly source: string;
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
  {
    name: "VolumeGrowth",
    value: 0.3,
    source: "Valuation paragraph: 30% annual token volume growth",
    domain: argument(MARGIN_EXPANSION, "volume_growth"),
  },
  {
    name: "UnitCostDecline",
    value: 0.15,
    source: "Valuation paragraph: 15% per-unit cost decline",
    domain: argument(MARGIN_EXPANSION, "unit_cost_decline"),
  },
  {
    name: "Years",
    value: 2,
    source: '"over two years"',
    domain: argument(MARGIN_EXPANSION, "years"),
  },
  {
    name: "StartMargin",
    value: defaultOf(argument(MARGIN_EXPANSION, "start_margin")),
    source: "MARGIN_EXPANSION's default",
    domain: argument(MARGIN_EXPANSION, "start_margin"),
  },
  {
    name: "PriceChange",
    value: defaultOf(argument(MARGIN_EXPANSION, "price_change")),
    source: "MARGIN_EXPANSION's default",
    domain: argument(MARGIN_EXPANSION, "price_change"),
  },
  {
    name: "FixedCostShare",
    value: defaultOf(argument(MARGIN_EXPANSION, "fixed_cost_share")),
    source: "MARGIN_EXPANSION's default",
    domain: argument(MARGIN_EXPANSION, "fixed_cost_share"),
  },
  {
    name: "Utilization",
    value: 0.65,
    source: "The model's Base scenario (illustrative, above Risk 2's 60%)",
    domain: argument(PRICE_COMPRESSION, "utilization"),
  },
  {
    name: "CompressionThreshold",
    value: defaultOf(argument(PRICE_COMPRESSION, "threshold")),
    source: 'Risk 2: "if utilization drops below 60%"',
    domain: argument(PRICE_COMPRESSION, "threshold"),
  },
  {
    name: "ExtraDecline",
    value: defaultOf(argument(PRICE_COMPRESSION, "extra_decline")),
    source: 'Risk 2: "could fall another 30%"',
    domain: argument(PRICE_COMPRESSION, "extra_decline"),
  },
  {
    name: "PriceFall",
    value: 0.425,
    source: "Evidence 2: unit token costs down 35–50% in 12 months (the middle)",
    domain: FRACTION("PriceFall"),
  },
  {
    name: "ParityDate",
    value: midpoint("2H25"),
    source: "2H25: the first domestic generation in volume production",
    domain: DATE_DOMAIN("ParityDate"),
  },
  {
    name: "ParityPosition",
    value: 0.5,
    source: "Where parity sits in Table 1's range: 0 = low, 0.5 = mid, 1 = high",
    domain: FRACTION("ParityPosition"),
  },
  {
    name: "StallProbability",
    value: 0,
    source: "Risk 1: export controls stall the catch-up (an event; 0 = no stall)",
    domain: { ...FRACTION("StallProbability"), integer: true },
    event: true,
  },
  {
    name: "StallDate",
    value: midpoint("2H26"),
    source: "Risk 1: parity freezes from this date",
    domain: DATE_DOMAIN("StallDate"),
  },
  {
    name: "HourlyCost",
    value: 2,
    source: "Illustrative: not in the note",
    domain: argument(COST_PER_MTOK, "hourly_cost"),
  },
  {
    name: "TokensPerSecond",
    value: 1000,
    source: "Illustrative: not in the note",
    domain: argument(COST_PER_MTOK, "h100_tokens_per_second"),
  },
  {
    name: "BaseMultiple",
    value: 10,
    source: "Illustrative: a non-integrated peer",
    domain: argument(STACK_MULTIPLE, "base_multiple"),
  },
  {
    name: "LayersOwned",
    value: 3,
    source: "All three of chips, cloud and token pricing",
    domain: argument(STACK_MULTIPLE, "layers_owned"),
  },
  {
    name: "IntegrationPremium",
    value: 0.2,
    source: "Valuation paragraph: a 15–25% premium (the middle)",
    domain: FRACTION("IntegrationPremium"),
  },
];

const squash = (text: string) => text.replace(/[\s_]+/g, "").toLowerCase();
const BY_KEY = new Map(RISK_INPUTS.map((input, k) => [squash(input.name), k]));

/** An input's place in RISK_INPUTS by its name, case-, space- and underscore-insensitively. */
export function inputIndex(name: string): number | undefined {
  return BY_KEY.get(squash(name));
}
