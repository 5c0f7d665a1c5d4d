/* global Excel */
/**
 * The pane's actions: each computes a plan and applies it through Office.js in one Excel.run, and
 * reports in words what it did or why it could not.
 */
import { Lang, textsIn } from "../core";
import { planBuildModel } from "../plans/model";
import { Plan, WorkbookState } from "../plans/plan";
import { planLoadTables } from "../plans/tables";
import { Edit, describeEdits, shown } from "../plans/edits";
import { ApplyOptions, ExcelRun, applyPlan } from "./apply";
import { PANE_TEXT } from "./text";

export interface ActionReport {
  readonly ok: boolean;
  /** One sentence for the pane: what was done, or what went wrong. */
  readonly summary: string;
  /** Further sentences: names CNAI had to change, what it refreshed, the edits it kept. */
  readonly details: readonly string[];
  /** A step that needs the analyst's go-ahead, such as overwriting their edits: its button. */
  readonly confirm?: {
    readonly label: string;
    readonly doing: string;
    readonly call: () => Promise<ActionReport>;
  };
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
  describe: (plan: Plan, refreshed: readonly string[]) => string,
  options: ApplyOptions = {}
): Promise<ActionReport> {
  const t = textsIn(PANE_TEXT, lang);
  try {
    const { plan, refreshed, edits } = await applyPlan(run, makePlan, options);
    const details = [...plan.notes];
    if (refreshed.length) details.push(t.refreshed(refreshed));
    if (!options.overwrite) details.push(...describeEdits(edits, lang));
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
  /**
   * "Reset tables to the note": says which of the analyst's edits to ChipParity and TokenEconomics
   * it would overwrite, and offers the overwrite as a step to confirm (`confirm`).
   */
  resetTables?(lang?: Lang): Promise<ActionReport>;
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
    resetTables: async (lang = "en") => {
      const t = textsIn(PANE_TEXT, lang);
      const plan = (state: WorkbookState) => planLoadTables(state, lang);
      let edits: readonly Edit[];
      try {
        ({ edits } = await applyPlan(run, plan, { dryRun: true }));
      } catch (error) {
        return {
          ok: false,
          summary: t.cnaiCouldNot(t.resetWhat, describeError(error)),
          details: [],
        };
      }
      if (edits.length === 0) return { ok: true, summary: t.nothingToReset, details: [] };
      const lost = edits.map(
        (e) =>
          `${e.table}, ${e.row}, ${e.column}: ${shown(e.now, e.format, lang)} → ${shown(e.note, e.format, lang)}`
      );
      return {
        ok: true,
        summary: t.resetWouldOverwrite(edits.length),
        details: lost,
        confirm: {
          label: t.resetConfirm(edits.length),
          doing: t.resetDoing,
          call: () =>
            act(run, plan, t.resetWhat, lang, () => t.resetDone(edits.length), {
              overwrite: true,
            }),
        },
      };
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
export const resetTables = (lang?: Lang): Promise<ActionReport> =>
  office().resetTables?.(lang) as Promise<ActionReport>;
