/* global Excel */
/**
 * The pane's actions: each computes a plan and applies it through Office.js in one Excel.run, and
 * reports in words what it did or why it could not.
 */
import { Lang, textsIn } from "../core";
import { planBuildModel } from "../plans/model";
import { Plan, WorkbookState } from "../plans/plan";
import { planLoadTables } from "../plans/tables";
import { ExcelRun, applyPlan } from "./apply";
import { PANE_TEXT } from "./text";

export interface ActionReport {
  readonly ok: boolean;
  /** One sentence for the pane: what was done, or what went wrong. */
  readonly summary: string;
  /** Further sentences: names CNAI had to change, what it refreshed. */
  readonly details: readonly string[];
}

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

/** An Office.js error in words: its message, and its code where the message leaves it out. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

async function act(
  run: ExcelRun,
  makePlan: (state: WorkbookState) => Plan,
  what: string,
  lang: Lang,
  describe: (plan: Plan, refreshed: readonly string[]) => string
): Promise<ActionReport> {
  const t = textsIn(PANE_TEXT, lang);
  try {
    const { plan, refreshed } = await applyPlan(run, makePlan);
    const details = [...plan.notes];
    if (refreshed.length) details.push(t.refreshed(refreshed));
    return { ok: true, summary: describe(plan, refreshed), details };
  } catch (error) {
    const cleanedUp = (error as { cleanedUp?: boolean }).cleanedUp !== false;
    return {
      ok: false,
      summary: t.cnaiCouldNot(what, describeError(error)),
      details: [cleanedUp ? t.cleanedUp : t.notCleanedUp],
    };
  }
}

/**
 * What the pane's buttons do. `lang` is the pane's language: the sheets' labels, notes and source
 * lines and the report are written in it; names, tables and formulas are the same in every language.
 */
export interface Actions {
  loadAppendixTables(lang?: Lang): Promise<ActionReport>;
  buildModelSheet(lang?: Lang): Promise<ActionReport>;
  /** Writes a formula such as `=CNAI.TOKEN_MARGIN(30%,15%,2)` into the active cell. */
  insertFormula(formula: string, lang?: Lang): Promise<ActionReport>;
}

/** The actions on a given Excel.run: Office's in the pane, a fake one in tests, the workbench's. */
export function makeActions(run: ExcelRun): Actions {
  return {
    loadAppendixTables: (lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      return act(
        run,
        (state) => planLoadTables(state, lang),
        t.loadWhat,
        lang,
        (plan) => {
          const [chips, tokens] = plan.sheets;
          return t.loaded(chips.name, chips.tables[0].name, tokens.name, tokens.tables[0].name);
        }
      );
    },
    buildModelSheet: (lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      return act(
        run,
        (state) => planBuildModel(state, lang),
        t.buildWhat,
        lang,
        (plan) => {
          const model = plan.sheets[plan.sheets.length - 1];
          return t.built(model.name, model.names.length, model.charts.length);
        }
      );
    },
    insertFormula: async (formula, lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      try {
        const address = await run(async (context) => {
          const cell = context.workbook.getActiveCell();
          cell.formulas = [[formula]];
          cell.load("address");
          await context.sync();
          return cell.address;
        });
        return { ok: true, summary: t.inserted(formula, address), details: [] };
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

const office = () => makeActions(defaultRun);
export const loadAppendixTables = (lang?: Lang): Promise<ActionReport> =>
  office().loadAppendixTables(lang);
export const buildModelSheet = (lang?: Lang): Promise<ActionReport> =>
  office().buildModelSheet(lang);
export const insertFormula = (formula: string, lang?: Lang): Promise<ActionReport> =>
  office().insertFormula(formula, lang);
