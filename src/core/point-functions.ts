/**
 * The functions Excel's runtime computes at once: every function of the catalogue but the Monte
 * Carlo four (`onDemand`), whose engine the add-in's bundle loads on their first call. This module
 * imports none of src/core/risk, so that dist/functions.js holds none of it (src/functions/excel.ts).
 */
import { APPENDIX, METRIC, PERIOD_DATE, VERSION } from "./functions/data";
import { MARGIN_EXPANSION, PRICE_COMPRESSION, TOKEN_MARGIN } from "./functions/margin";
import { PARITY_AT } from "./functions/parity";
import { COST_PER_MTOK, DEMAND_ELASTICITY, TOKEN_REVENUE } from "./functions/tokens";
import { STACK_MULTIPLE } from "./functions/valuation";
import { FunctionDef } from "./runner";

/** The model's functions, in SPEC's order. */
export const MODEL_FUNCTIONS: readonly FunctionDef[] = [
  PARITY_AT,
  TOKEN_MARGIN,
  MARGIN_EXPANSION,
  PRICE_COMPRESSION,
  TOKEN_REVENUE,
  DEMAND_ELASTICITY,
  COST_PER_MTOK,
  STACK_MULTIPLE,
];

/** The note's data and the add-in's own, in SPEC's order. */
export const DATA_FUNCTIONS: readonly FunctionDef[] = [APPENDIX, METRIC, PERIOD_DATE, VERSION];

/** In the catalogue's order (src/core/catalog.ts), without the Monte Carlo four. */
export const POINT_FUNCTIONS: readonly FunctionDef[] = [...MODEL_FUNCTIONS, ...DATA_FUNCTIONS];
