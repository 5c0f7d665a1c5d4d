/* global setTimeout */
/**
 * The pane's actions on the workbench: the same plans as in Excel (src/plans/), applied by the
 * workbench's engine instead of Office.js, reported in the pane's words (src/taskpane/text.ts).
 */
import { quoteSheet } from "../../plans/a1";
import { planBuildModel } from "../../plans/model";
import type { Plan, WorkbookState } from "../../plans/plan";
import { planLoadTables } from "../../plans/tables";
import { Lang, textsIn } from "../../core";
import { ActionReport, Actions, describeError } from "../../taskpane/actions";
import { PANE_TEXT } from "../../taskpane/text";
import type { Workbench } from "../contract";

/** What the actions need of the page: the workbook, where the user is, and the sheet tabs. */
export interface WorkbenchHost {
  readonly workbench: Workbench;
  activeSheet(): string;
  activeCell(): string;
  /** Shows a sheet, as Office's applier activates the last sheet of a plan. */
  activate(sheet: string): void;
}

/** Lets the pane paint its busy state before a plan is applied synchronously. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function workbenchActions(host: WorkbenchHost): Actions {
  const act = async (
    lang: Lang,
    what: string,
    makePlan: (state: WorkbookState) => Plan,
    describe: (plan: Plan) => string
  ): Promise<ActionReport> => {
    const t = textsIn(PANE_TEXT, lang);
    await nextFrame();
    try {
      const plan = makePlan(host.workbench.state());
      const { refreshed } = host.workbench.applyPlan(plan);
      const details = [...plan.notes];
      if (refreshed.length) details.push(t.refreshed(refreshed));
      host.activate(plan.sheets[plan.sheets.length - 1].name);
      return { ok: true, summary: describe(plan), details };
    } catch (error) {
      return {
        ok: false,
        summary: t.cnaiCouldNot(what, describeError(error)),
        details: ["The workbench may be partly written: reload the page to start again."],
      };
    }
  };

  return {
    loadAppendixTables: (lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      return act(
        lang,
        t.loadWhat,
        (state) => planLoadTables(state, lang),
        (plan) => {
          const [chips, tokens] = plan.sheets;
          return t.loaded(chips.name, chips.tables[0].name, tokens.name, tokens.tables[0].name);
        }
      );
    },
    buildModelSheet: (lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      return act(
        lang,
        t.buildWhat,
        (state) => planBuildModel(state, lang),
        (plan) => {
          const model = plan.sheets[plan.sheets.length - 1];
          return t.built(model.name, model.names.length, model.charts.length);
        }
      );
    },
    insertFormula: async (formula, lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      const sheet = host.activeSheet();
      const cell = host.activeCell();
      try {
        host.workbench.setInput(sheet, cell, formula);
        return {
          ok: true,
          summary: t.inserted(formula, `${quoteSheet(sheet)}!${cell}`),
          details: [],
        };
      } catch (error) {
        return {
          ok: false,
          summary: t.cnaiCouldNot(t.insertWhat(formula), describeError(error)),
          details: [],
        };
      }
    },
  };
}
