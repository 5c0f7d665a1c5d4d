/**
 * What `npm run workbook` exports: the model as "Build model sheet" lays it in a new workbook —
 * both table sheets and the model sheet — on a workbench whose CNAI functions are the core's, so
 * every formula's cached value is the core's. Node and browser alike; the page uses the add-in's
 * own functions instead (src/workbench/ui/download.ts).
 */
import { Lang } from "../core";
import { planBuildModel } from "../plans/model";
import { EMPTY_WORKBOOK, Plan } from "../plans/plan";
import { CORE_FUNCTIONS } from "../workbench/core-functions";
import { WorkbenchEngine, createWorkbench } from "../workbench/engine";

export function modelWorkbook(lang: Lang = "en"): {
  readonly plans: readonly Plan[];
  readonly book: WorkbenchEngine;
} {
  const plan = planBuildModel(EMPTY_WORKBOOK, lang);
  const book = createWorkbench(CORE_FUNCTIONS, { sheets: [] });
  book.applyPlan(plan);
  return { plans: [plan], book };
}
