/**
 * The function catalogue, in SPEC's order. Adding a function: declare it beside its subject in
 * functions/, list it in point-functions.ts (or functions/risk.ts's `RISK_FUNCTIONS` for one of the
 * Monte Carlo engine's), run `npm run docs` to regenerate the Excel wrappers and the README.
 */
import { RISK_FUNCTIONS } from "./functions/risk";
import { DATA_FUNCTIONS, MODEL_FUNCTIONS } from "./point-functions";
import { FunctionDef } from "./runner";

export const NAMESPACE = "CNAI";

export const CATALOG: readonly FunctionDef[] = [
  ...MODEL_FUNCTIONS,
  ...RISK_FUNCTIONS,
  ...DATA_FUNCTIONS,
];

const BY_NAME = new Map(CATALOG.map((def) => [def.name, def]));

export function findFunction(name: string): FunctionDef | undefined {
  return BY_NAME.get(name.toUpperCase().replace(/^CNAI\./, ""));
}
