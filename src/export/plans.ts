/**
 * Which plans an export writes: the pane's own, never a second description of the model.
 */
import { planBuildModel } from "../plans/model";
import { Plan, WorkbookState } from "../plans/plan";
import { planLoadTables } from "../plans/tables";

/**
 * The plans of what CNAI has laid out in a workbook, computed again from its state: a refresh's
 * plans, which place the same sheets, tables and names where the first run put them.
 */
export function currentPlans(state: WorkbookState): readonly Plan[] {
  const has = (role: string) => state.sheets.some((sheet) => sheet.role === role);
  if (has("model")) return [planBuildModel(state)];
  if (has("chips") || has("tokens")) return [planLoadTables(state)];
  return [];
}
