/* global Excel */
/**
 * The pane's actions: each computes a plan and applies it through Office.js in one Excel.run, and
 * reports in words what it did or why it could not.
 */
import { planBuildModel } from "../plans/model";
import { Plan, WorkbookState } from "../plans/plan";
import { planLoadTables } from "../plans/tables";
import { ExcelRun, applyPlan } from "./apply";

export interface ActionReport {
  readonly ok: boolean;
  /** One sentence for the pane: what was done, or what went wrong. */
  readonly summary: string;
  /** Further sentences: names CNAI had to change, what it refreshed. */
  readonly details: readonly string[];
}

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

async function act(
  run: ExcelRun,
  makePlan: (state: WorkbookState) => Plan,
  what: string,
  describe: (plan: Plan, refreshed: readonly string[]) => string
): Promise<ActionReport> {
  try {
    const { plan, refreshed } = await applyPlan(run, makePlan);
    const details = [...plan.notes];
    if (refreshed.length)
      details.push(`Refreshed in place: ${refreshed.map((s) => `"${s}"`).join(", ")}.`);
    return { ok: true, summary: describe(plan, refreshed), details };
  } catch (error) {
    const cleanedUp = (error as { cleanedUp?: boolean }).cleanedUp !== false;
    return {
      ok: false,
      summary: `CNAI could not ${what}: ${describeError(error)}`,
      details: [
        cleanedUp
          ? "Nothing was left half-built: the workbook is as it was before, apart from sheets CNAI had made earlier, which may be partly refreshed. Run the action again."
          : 'CNAI could not remove what it had started: delete any sheet named "CNAI building …" by hand, then run the action again.',
      ],
    };
  }
}

export interface Actions {
  loadAppendixTables(): Promise<ActionReport>;
  buildModelSheet(): Promise<ActionReport>;
  /** Writes a formula such as `=CNAI.TOKEN_MARGIN(30%,15%,2)` into the active cell. */
  insertFormula(formula: string): Promise<ActionReport>;
}

/** The actions on a given Excel.run: Office's in the pane, a fake one in tests, the workbench's. */
export function makeActions(run: ExcelRun): Actions {
  return {
    loadAppendixTables: () =>
      act(run, planLoadTables, "load the appendix tables", (plan) => {
        const [chips, tokens] = plan.sheets;
        return `Loaded Table 1 into "${chips.name}" (table ${chips.tables[0].name}) and Table 2 into "${tokens.name}" (table ${tokens.tables[0].name}).`;
      }),
    buildModelSheet: () =>
      act(run, planBuildModel, "build the model sheet", (plan) => {
        const model = plan.sheets[plan.sheets.length - 1];
        return `Built "${model.name}" on the appendix tables: ${model.names.length} named assumptions, outputs, a parity timeline, a sensitivity grid, the Table 2 reconciliation and ${model.charts.length} charts.`;
      }),
    insertFormula: async (formula) => {
      try {
        const address = await run(async (context) => {
          const cell = context.workbook.getActiveCell();
          cell.formulas = [[formula]];
          cell.load("address");
          await context.sync();
          return cell.address;
        });
        return { ok: true, summary: `Inserted ${formula} in ${address}.`, details: [] };
      } catch (error) {
        return {
          ok: false,
          summary: `CNAI could not insert ${formula}: ${describeError(error)}`,
          details: [],
        };
      }
    },
  };
}

const office = () => makeActions(defaultRun);
export const loadAppendixTables = (): Promise<ActionReport> => office().loadAppendixTables();
export const buildModelSheet = (): Promise<ActionReport> => office().buildModelSheet();
export const insertFormula = (formula: string): Promise<ActionReport> =>
  office().insertFormula(formula);
