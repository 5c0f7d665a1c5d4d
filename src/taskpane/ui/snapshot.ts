/* global HTMLElement, HTMLInputElement */
/**
 * The pane's Snapshot section: a choice of where (the selection, this sheet, the whole workbook),
 * "Snapshot to values" and "Restore formulas", and a status line. Its words are SNAPSHOT_TEXT
 * (src/taskpane/snapshot.ts), in the pane's language.
 *
 * The pane passes its own `button` and `hint`, so these buttons share its busy state and its
 * behaviour outside Excel; without them the section runs its actions by itself.
 */
import { Lang, textsIn } from "../../core";
import type { ActionReport } from "../actions";
import { SnapshotActions, SnapshotScope } from "../snapshot";
import { SNAPSHOT_TEXT } from "../text";
import { button as makeButton } from "./controls";
import { Builder, setFlag } from "./dom";
import { StatusRegion, failureReport, isReport, statusRegion } from "./status";

/** One action of the section, as the pane's buttons run theirs. */
export interface SectionWork {
  readonly doing: string;
  readonly couldNot: string;
  readonly status: StatusRegion;
  readonly call: () => Promise<ActionReport>;
}

/** What the pane lends the section; the pane's own `actionButton` and `hint` fit. */
export interface SectionHooks {
  button(
    label: string,
    attributes: Readonly<Record<string, string>>,
    hintId: string,
    work: () => SectionWork
  ): HTMLElement;
  hint(id: string): HTMLElement;
}

export interface SnapshotSectionOptions {
  readonly lang?: Lang;
  /** The choice to start with; "sheet" by default. */
  readonly scope?: SnapshotScope;
  readonly hooks?: SectionHooks;
}

const SCOPES: readonly SnapshotScope[] = ["selection", "sheet", "workbook"];
const ID = "cnai-snapshot";

/** Buttons that run one action at a time, for the section on its own (tests, another page). */
function ownHooks(h: Builder, lang: Lang): SectionHooks {
  const buttons: HTMLElement[] = [];
  let busy = false;
  return {
    button(label, attributes, hintId, work) {
      const button = makeButton(h, label, attributes, hintId);
      buttons.push(button);
      button.addEventListener("click", async () => {
        if (busy) return;
        const { doing, couldNot, status, call } = work();
        busy = true;
        for (const each of buttons) setFlag(each, "disabled", true);
        button.setAttribute("aria-busy", "true");
        status.working(`${doing}…`);
        let report: ActionReport;
        try {
          const result: unknown = await call();
          report = isReport(result) ? result : failureReport(couldNot, result, lang);
        } catch (error) {
          report = failureReport(couldNot, error, lang);
        }
        busy = false;
        button.removeAttribute("aria-busy");
        for (const each of buttons) setFlag(each, "disabled", false);
        status.show(report);
      });
      return button;
    },
    hint: (id) => h("p", { class: "hint", id, hidden: true }),
  };
}

/** The section, ready to place in the pane's main area. */
export function renderSnapshotSection(
  h: Builder,
  actions: SnapshotActions,
  options: SnapshotSectionOptions = {}
): HTMLElement {
  const lang = options.lang ?? "en";
  const t = textsIn(SNAPSHOT_TEXT, lang);
  const hooks = options.hooks ?? ownHooks(h, lang);
  const status = statusRegion(h, `${ID}-status`);
  const labels: Record<SnapshotScope, string> = {
    selection: t.scopeSelection,
    sheet: t.scopeSheet,
    workbook: t.scopeWorkbook,
  };
  const initial = options.scope ?? "sheet";
  const radios = SCOPES.map((scope) => {
    const input = h("input", {
      type: "radio",
      name: `${ID}-scope`,
      id: `${ID}-scope-${scope}`,
      value: scope,
      checked: scope === initial,
    }) as HTMLInputElement;
    return { scope, input };
  });
  const scope = (): SnapshotScope => radios.find((r) => r.input.checked)?.scope ?? initial;
  const picker = h(
    "fieldset",
    { class: "snapshot-scope", id: `${ID}-scope` },
    h("legend", {}, t.scopeLegend),
    ...radios.map(({ scope: value, input }) =>
      h("label", { class: "snapshot-scope-option", for: input.id }, input, ` ${labels[value]}`)
    )
  );
  const textId = `${ID}-text`;
  const hintId = `${ID}-hint`;
  const snapshotButton = hooks.button(
    t.snapshotButton,
    { appearance: "primary", "aria-describedby": textId },
    hintId,
    () => ({
      doing: t.snapshotDoing,
      couldNot: t.snapshotCouldNot,
      status,
      call: () => actions.snapshot(scope(), lang),
    })
  );
  const restoreButton = hooks.button(t.restoreButton, {}, hintId, () => ({
    doing: t.restoreDoing,
    couldNot: t.restoreCouldNot,
    status,
    call: () => actions.restore(scope(), lang),
  }));
  return h(
    "section",
    { class: "section", id: ID, "aria-labelledby": `${ID}-heading` },
    h("h2", { id: `${ID}-heading` }, t.title),
    h("p", { class: "section-text", id: textId }, t.text),
    picker,
    h("div", { class: "section-actions" }, snapshotButton, restoreButton),
    hooks.hint(hintId),
    status.element
  );
}
