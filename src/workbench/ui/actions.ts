/* global setTimeout */
/**
 * The pane's actions on the workbench: the same plans as in Excel (src/plans/), applied by the
 * workbench's engine instead of Office.js, reported in the words of src/taskpane/actions.ts.
 */
import { quoteSheet } from "../../plans/a1";
import { planBuildModel } from "../../plans/model";
import type { Plan, WorkbookState } from "../../plans/plan";
import { planLoadTables } from "../../plans/tables";
import type { ActionReport, Actions } from "../../taskpane/actions";
import type { Workbench } from "../contract";

/** What the actions need of the page: the workbook, where the user is, and the sheet tabs. */
export interface WorkbenchHost {
  readonly workbench: Workbench;
  activeSheet(): string;
  activeCell(): string;
  /** Shows a sheet, as Office's applier activates the last sheet of a plan. */
  activate(sheet: string): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Lets the pane paint its busy state before a plan is applied synchronously. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function workbenchActions(host: WorkbenchHost): Actions {
  const act =
    (
      what: string,
      makePlan: (state: WorkbookState) => Plan,
      describe: (plan: Plan) => string
    ): (() => Promise<ActionReport>) =>
    async () => {
      await nextFrame();
      try {
        const plan = makePlan(host.workbench.state());
        const { refreshed } = host.workbench.applyPlan(plan);
        const details = [...plan.notes];
        if (refreshed.length)
          details.push(`Refreshed in place: ${refreshed.map((s) => `"${s}"`).join(", ")}.`);
        host.activate(plan.sheets[plan.sheets.length - 1].name);
        return { ok: true, summary: describe(plan), details };
      } catch (error) {
        return {
          ok: false,
          summary: `CNAI could not ${what}: ${message(error)}`,
          details: ["The workbench may be partly written: reload the page to start again."],
        };
      }
    };

  return {
    loadAppendixTables: act("load the appendix tables", planLoadTables, (plan) => {
      const [chips, tokens] = plan.sheets;
      return `Loaded Table 1 into "${chips.name}" (table ${chips.tables[0].name}) and Table 2 into "${tokens.name}" (table ${tokens.tables[0].name}).`;
    }),
    buildModelSheet: act("build the model sheet", planBuildModel, (plan) => {
      const model = plan.sheets[plan.sheets.length - 1];
      return `Built "${model.name}" on the appendix tables: ${model.names.length} named assumptions, outputs, a parity timeline, a sensitivity grid, the Table 2 reconciliation and ${model.charts.length} charts.`;
    }),
    insertFormula: async (formula) => {
      const sheet = host.activeSheet();
      const cell = host.activeCell();
      try {
        host.workbench.setInput(sheet, cell, formula);
        return {
          ok: true,
          summary: `Inserted ${formula} in ${quoteSheet(sheet)}!${cell}.`,
          details: [],
        };
      } catch (error) {
        return {
          ok: false,
          summary: `CNAI could not insert ${formula}: ${message(error)}`,
          details: [],
        };
      }
    },
  };
}
