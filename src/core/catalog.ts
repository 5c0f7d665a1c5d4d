/**
 * The function catalogue, in SPEC's order. Adding a function: declare it beside its subject in
 * functions/, list it here, run `npm run docs` to regenerate the Excel wrappers and the README.
 */
import { APPENDIX, METRIC, PERIOD_DATE, VERSION } from "./functions/data";
import { MARGIN_EXPANSION, PRICE_COMPRESSION, TOKEN_MARGIN } from "./functions/margin";
import { PARITY_AT } from "./functions/parity";
import { HISTOGRAM, PROBABILITY, SIMULATE, TORNADO } from "./functions/risk";
import { COST_PER_MTOK, DEMAND_ELASTICITY, TOKEN_REVENUE } from "./functions/tokens";
import { STACK_MULTIPLE } from "./functions/valuation";
import { FunctionDef } from "./runner";

export const NAMESPACE = "CNAI";

export const CATALOG: readonly FunctionDef[] = [
  PARITY_AT,
  TOKEN_MARGIN,
  MARGIN_EXPANSION,
  PRICE_COMPRESSION,
  TOKEN_REVENUE,
  DEMAND_ELASTICITY,
  COST_PER_MTOK,
  STACK_MULTIPLE,
  SIMULATE,
  PROBABILITY,
  TORNADO,
  HISTOGRAM,
  APPENDIX,
  METRIC,
  PERIOD_DATE,
  VERSION,
];

const BY_NAME = new Map(CATALOG.map((def) => [def.name, def]));

export function findFunction(name: string): FunctionDef | undefined {
  return BY_NAME.get(name.toUpperCase().replace(/^CNAI\./, ""));
}
