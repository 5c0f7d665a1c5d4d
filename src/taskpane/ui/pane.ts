/* global HTMLElement, HTMLInputElement, Storage */
/**
 * The task pane, built into a root element with the actions passed in: Excel's pane passes the
 * Office.js actions, a test or the workbench passes its own. Nothing here touches `Office`.
 *
 * Language: the pane speaks English or Chinese. It follows Office's display language (`setHost`
 * with `displayLanguage`) until the analyst uses the switch in the header; that choice is kept in
 * `storage` and wins from then on, until they switch back to the language Office would choose.
 *
 * When a workbook opens (issue 13): once the workbook holds CNAI content — after Load, Build or an
 * inserted formula, or when `start` finds CNAI formulas — the pane asks Excel to start CNAI with it
 * (`HostInfo.startup`, src/taskpane/startup.ts) and says so once; `start`, which taskpane.ts calls
 * when Office is ready, repairs formulas Excel left at #NAME? (src/taskpane/repair.ts). Two
 * settings, kept in `storage` like the language, turn either off.
 */
import { FunctionDef, Lang, NAMESPACE, VERSION, langOf, textsIn } from "../../core";
import type { ActionReport, Actions } from "../actions";
import { PANE_TEXT } from "../text";
import { button as makeButton, spinner as makeSpinner } from "./controls";
import { builder, setFlag } from "./dom";
import { renderReference } from "./reference";
import type { RepairActions, RepairReport } from "../repair";
import type { SnapshotActions } from "../snapshot";
import type { StartupBehavior } from "../startup";
import { renderSnapshotSection } from "./snapshot";
import { StatusRegion, failureReport, isReport, statusRegion } from "./status";

/** What the pane's buttons do: Office.js in Excel, fakes in tests, the workbench's own engine. */
export type PaneActions = Actions;

/**
 * What `Office.onReady` reported: `host` is Office.HostType.Excel, the text "Excel", inside Excel,
 * and null in a plain browser; `displayLanguage` is `Office.context.displayLanguage` ("zh-CN").
 * Undefined when office.js did not load.
 */
export type HostInfo =
  | {
      readonly host?: unknown;
      readonly displayLanguage?: string;
      /** Whether Excel starts CNAI with the workbook; absent where the host cannot say. */
      readonly startup?: StartupBehavior;
    }
  | undefined;

export interface PaneOptions {
  /** The language until Office reports its display language; English by default. */
  readonly language?: Lang;
  /** Keeps the analyst's choice of language between sessions (localStorage in Excel). */
  readonly storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** Snapshot to values and Restore formulas; the section shows only where they are given. */
  readonly snapshot?: SnapshotActions;
  /** Repair CNAI formulas; the "When a workbook opens" section shows only where it is given. */
  readonly repair?: RepairActions;
}

export interface Pane {
  /** Enables the actions inside Excel; elsewhere explains what CNAI is and how to sideload it. */
  setHost(info: HostInfo): void;
  /** The manual switch: shows the pane in `lang` and remembers the choice. */
  setLanguage(lang: Lang): void;
  /** The language the pane shows now. */
  language(): Lang;
  /**
   * What CNAI does as it starts in a workbook, unless the settings turn it off: repairs CNAI
   * formulas Excel left at #NAME?, and asks Excel to start CNAI with the workbook if it holds any.
   * Says nothing when there is nothing to say.
   */
  start(): Promise<void>;
}

/** Where the manual choice is stored. */
export const LANGUAGE_KEY = "cnai.language";
/** "off" when the analyst turned off starting CNAI with workbooks that hold its formulas. */
export const START_KEY = "cnai.startWithWorkbook";
/** "off" when the analyst turned off repairing CNAI formulas as CNAI starts. */
export const REPAIR_KEY = "cnai.repairAtStart";
/** Set once the pane has said that CNAI starts with the workbook. */
export const STARTUP_NOTICE_KEY = "cnai.startupNotice";

/** One action: what the status line says while it runs and if it fails. */
interface Work {
  readonly doing: string;
  readonly couldNot: string;
  readonly status: StatusRegion;
  readonly call: () => Promise<ActionReport>;
  /** A report to leave unshown: the status line goes back to empty. */
  readonly quiet?: (report: ActionReport) => boolean;
}

const EXCEL = "Excel";

function readChoice(storage: PaneOptions["storage"]): Lang | undefined {
  const stored = readItem(storage, LANGUAGE_KEY);
  return stored === "en" || stored === "zh-CN" ? stored : undefined;
}

function writeChoice(storage: PaneOptions["storage"], choice: Lang | undefined): void {
  writeItem(storage, LANGUAGE_KEY, choice);
}

function readItem(storage: PaneOptions["storage"], key: string): string | undefined {
  try {
    return storage?.getItem(key) ?? undefined;
  } catch {
    return undefined; // storage the browser denies: nothing remembered
  }
}

function writeItem(storage: PaneOptions["storage"], key: string, value: string | undefined): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // The choice then lasts for this session only.
  }
}

/** Renders the pane into `root`, replacing what was there. Actions stay off until `setHost`. */
export function renderPane(
  root: HTMLElement,
  actions: PaneActions,
  options: PaneOptions = {}
): Pane {
  const h = builder(root.ownerDocument);
  let host: HostInfo | "starting" = "starting";
  let automatic: Lang = options.language ?? "en";
  let choice = readChoice(options.storage);
  let lang: Lang = choice ?? automatic;
  let busy = false;
  const settings = {
    start: readItem(options.storage, START_KEY) !== "off",
    repair: readItem(options.storage, REPAIR_KEY) !== "off",
  };
  /** CNAI content in this workbook: loaded, built or inserted in this session, or found at start. */
  let cnaiContent = false;
  /** A language to show once the running action has finished. */
  let pendingLanguage: Lang | undefined;
  // Rebuilt by each render.
  let buttons: HTMLElement[] = [];
  let hints: HTMLElement[] = [];
  let languageSwitch: HTMLElement;
  let notice: { element: HTMLElement; why: HTMLElement };
  let searchBox: HTMLInputElement;
  let refreshSearch: () => void;
  let openSection:
    { repairButton: HTMLElement; status: StatusRegion; startSetting: HTMLElement } | undefined;

  const inExcel = () => host !== "starting" && host?.host === EXCEL;
  const startup = () => (inExcel() && host !== "starting" ? host?.startup : undefined);

  const refresh = () => {
    for (const button of buttons) setFlag(button, "disabled", busy || !inExcel());
    setFlag(languageSwitch, "disabled", busy);
  };

  async function run(button: HTMLElement, work: Work): Promise<void> {
    if (busy || !inExcel()) return;
    const document = root.ownerDocument;
    const hadFocus = document.activeElement === button;
    const spinner = makeSpinner(h, button.dataset.size ?? "medium");
    busy = true;
    button.setAttribute("aria-busy", "true");
    button.prepend(spinner);
    refresh();
    work.status.working(`${work.doing}…`);
    let report: ActionReport;
    try {
      const result: unknown = await work.call();
      report = isReport(result) ? result : failureReport(work.couldNot, result, lang);
    } catch (error) {
      report = failureReport(work.couldNot, error, lang);
    }
    busy = false;
    button.removeAttribute("aria-busy");
    spinner.remove();
    refresh();
    if (work.quiet?.(report)) {
      delete work.status.element.dataset.state;
      work.status.element.replaceChildren();
    } else work.status.show(report);
    // A step that needs the analyst's go-ahead: its button, under the report that explains it.
    const { confirm } = report;
    if (confirm)
      work.status.element.append(
        actionButton(confirm.label, { appearance: "primary", class: "confirm" }, "", () => ({
          doing: confirm.doing,
          couldNot: work.couldNot,
          status: work.status,
          call: confirm.call,
        }))
      );
    // Disabling the focused button dropped the keyboard user's focus to the page: give it back.
    if (hadFocus && (document.activeElement === null || document.activeElement === document.body))
      button.focus();
    if (pendingLanguage !== undefined) show(pendingLanguage);
  }

  function actionButton(
    label: string,
    attributes: Readonly<Record<string, string>>,
    hintId: string,
    work: () => Work
  ): HTMLElement {
    const button = makeButton(h, label, attributes, hintId);
    button.addEventListener("click", () => void run(button, work()));
    buttons.push(button);
    return button;
  }

  function hint(id: string): HTMLElement {
    const element = h("p", { class: "hint", id });
    hints.push(element);
    return element;
  }

  function actionSection(
    key: string,
    title: string,
    text: string,
    label: string,
    work: Omit<Work, "status">,
    more?: { readonly label: string; readonly work: Omit<Work, "status"> }
  ): HTMLElement {
    const status = statusRegion(h, `cnai-${key}-status`);
    const textId = `cnai-${key}-text`;
    return h(
      "section",
      { class: "section", id: `cnai-${key}`, "aria-labelledby": `cnai-${key}-heading` },
      h("h2", { id: `cnai-${key}-heading` }, title),
      h("p", { class: "section-text", id: textId }, text),
      h(
        "div",
        { class: "section-actions" },
        actionButton(
          label,
          { appearance: "primary", "aria-describedby": textId },
          `cnai-${key}-hint`,
          () => ({
            ...work,
            status,
          })
        ),
        ...(more
          ? [
              actionButton(more.label, { appearance: "outline" }, `cnai-${key}-hint`, () => ({
                ...more.work,
                status,
              })),
            ]
          : [])
      ),
      hint(`cnai-${key}-hint`),
      status.element
    );
  }

  /**
   * After an action that leaves CNAI content in the workbook: asks Excel to start CNAI with it
   * (unless the setting is off or the host cannot), and says so the first time.
   */
  async function startWithWorkbook<T extends ActionReport>(
    report: T,
    holdsCnai = report.ok
  ): Promise<T> {
    if (!holdsCnai) return report;
    cnaiContent = true;
    const behavior = startup();
    if (!behavior || !settings.start) return report;
    const t = textsIn(PANE_TEXT, lang);
    try {
      await behavior.set(true);
    } catch (error) {
      return { ...report, details: [...report.details, t.startupFailed(messageOf(error))] };
    }
    if (readItem(options.storage, STARTUP_NOTICE_KEY) !== undefined) return report;
    writeItem(options.storage, STARTUP_NOTICE_KEY, "shown");
    return { ...report, details: [...report.details, t.startupNotice] };
  }

  /** The start-with-workbook setting changed: Excel is told at once, for this workbook. */
  async function startSettingChanged(on: boolean): Promise<void> {
    settings.start = on;
    writeItem(options.storage, START_KEY, on ? undefined : "off");
    const behavior = startup();
    if (!behavior) return;
    const t = textsIn(PANE_TEXT, lang);
    const status = openSection?.status;
    if (!status) return;
    try {
      if (on && cnaiContent) await behavior.set(true);
      if (!on) await behavior.set(false);
      status.show({
        ok: true,
        summary: on ? (cnaiContent ? t.startupOn : t.startupLater) : t.startupOff,
        details: [],
      });
    } catch (error) {
      status.show({ ok: false, summary: t.startupFailed(messageOf(error)), details: [] });
    }
  }

  /** The "When a workbook opens" section: Repair CNAI formulas, and the two settings. */
  function renderOpenSection(repair: RepairActions): HTMLElement {
    const t = textsIn(PANE_TEXT, lang);
    const key = "open";
    const status = statusRegion(h, `cnai-${key}-status`);
    const textId = `cnai-${key}-text`;
    const repairButton = actionButton(
      t.repairButton,
      { appearance: "primary", "aria-describedby": textId },
      `cnai-${key}-hint`,
      () => ({
        doing: t.repairDoing,
        couldNot: t.repairCouldNot,
        status,
        call: () => repair.repair(lang).then(foundContent),
      })
    );
    const checkbox = (
      id: string,
      label: string,
      checked: boolean,
      changed: (on: boolean) => void
    ) => {
      const input = h("input", { type: "checkbox", id, checked }) as HTMLInputElement;
      input.addEventListener("change", () => changed(input.checked));
      return h("div", { class: "setting" }, h("label", { for: id }, input, ` ${label}`));
    };
    const startSetting = checkbox(
      `cnai-${key}-start`,
      t.startSetting,
      settings.start,
      (on) => void startSettingChanged(on)
    );
    const repairSetting = checkbox(`cnai-${key}-repair`, t.repairSetting, settings.repair, (on) => {
      settings.repair = on;
      writeItem(options.storage, REPAIR_KEY, on ? undefined : "off");
    });
    openSection = { repairButton, status, startSetting };
    return h(
      "section",
      { class: "section", id: `cnai-${key}`, "aria-labelledby": `cnai-${key}-heading` },
      h("h2", { id: `cnai-${key}-heading` }, t.openTitle),
      h("p", { class: "section-text", id: textId }, t.openText),
      h("div", { class: "section-actions" }, repairButton),
      hint(`cnai-${key}-hint`),
      h(
        "fieldset",
        { class: "settings", id: `cnai-${key}-settings` },
        h("legend", {}, t.settingsLegend),
        startSetting,
        repairSetting
      ),
      status.element
    );
  }

  /** A repair that found CNAI formulas, repaired or not: the workbook holds CNAI content. */
  const foundContent = (report: RepairReport) => startWithWorkbook(report, report.found > 0);

  /** Nothing to say after a repair at start: nothing repaired, nothing to repair, no notice. */
  const nothingToSay = (report: ActionReport) => {
    const repair = report as RepairReport;
    return repair.ok && repair.details.length === 0 && repair.repaired + repair.needing === 0;
  };

  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

  /** The explanation shown outside Excel, in the README's words. */
  function outsideNotice(): { element: HTMLElement; why: HTMLElement } {
    const t = textsIn(PANE_TEXT, lang);
    const why = h("span", {});
    const [desktopBefore, desktopAfter] = t.sideloadDesktop;
    const [webBefore, webMiddle, webAfter] = t.sideloadWeb;
    const element = h(
      "section",
      {
        class: "notice",
        id: "cnai-outside",
        "aria-labelledby": "cnai-outside-heading",
        hidden: true,
      },
      h("h2", { id: "cnai-outside-heading" }, t.outsideHeading),
      h("p", {}, why, t.buttonsOff),
      h("p", {}, t.about(NAMESPACE)),
      h("p", {}, t.sideload),
      h(
        "ul",
        {},
        h("li", {}, desktopBefore, h("code", {}, "npm start"), desktopAfter),
        h(
          "li",
          {},
          webBefore,
          h("code", {}, "npm start"),
          webMiddle,
          h("code", {}, "manifest.xml"),
          webAfter
        )
      )
    );
    return { element, why };
  }

  function whyOutside(info: HostInfo): string {
    const t = textsIn(PANE_TEXT, lang);
    if (info === undefined) return t.officeMissing;
    if (info.host && info.host !== EXCEL) return t.otherHost(String(info.host));
    return t.inBrowser;
  }

  /** Builds the whole pane in the current language; host, search and reports carry over. */
  function render(): void {
    const t = textsIn(PANE_TEXT, lang);
    const document = root.ownerDocument;
    const switchHadFocus =
      languageSwitch !== undefined && document.activeElement === languageSwitch;
    const query = searchBox?.value ?? "";
    // Reports already shown stay, in the language they were written in.
    const reports = new Map(
      [...root.querySelectorAll<HTMLElement>(".status[id]")].map((e) => [e.id, e] as const)
    );
    buttons = [];
    hints = [];

    const insertStatus = statusRegion(h, "cnai-functions-status");
    const insertButton = (def: FunctionDef) => {
      const formula = def.examples[0].formula;
      return actionButton(
        t.insert,
        { size: "small", "aria-label": t.insertLabel(formula) },
        "cnai-functions-hint",
        () => ({
          doing: t.inserting(formula),
          couldNot: t.couldNotInsert(formula),
          status: insertStatus,
          call: () => actions.insertFormula(formula, lang).then((r) => startWithWorkbook(r)),
        })
      );
    };
    const reference = renderReference(h, lang, insertButton);
    searchBox = reference.search;
    refreshSearch = reference.refresh;
    notice = outsideNotice();
    languageSwitch = h(
      "button",
      {
        type: "button",
        class: "language-switch",
        id: "cnai-language",
        lang: lang === "en" ? "zh-CN" : "en",
        title: t.switchTitle,
      },
      t.switchTo
    );
    languageSwitch.addEventListener("click", () =>
      pane.setLanguage(lang === "en" ? "zh-CN" : "en")
    );

    root.setAttribute("lang", lang);
    root.replaceChildren(
      h(
        "header",
        { class: "pane-header" },
        h("img", { src: "assets/icon-32.png", alt: "", width: "32", height: "32" }),
        h(
          "div",
          { class: "pane-title" },
          h("h1", {}, NAMESPACE),
          h("p", { class: "pane-subtitle" }, t.subtitle(VERSION))
        ),
        languageSwitch
      ),
      h(
        "main",
        { class: "pane-main" },
        notice.element,
        actionSection(
          "data",
          t.dataTitle,
          t.dataText,
          t.dataButton,
          {
            doing: t.dataDoing,
            couldNot: t.dataCouldNot,
            call: () => actions.loadAppendixTables(lang).then((r) => startWithWorkbook(r)),
          },
          actions.resetTables
            ? {
                label: t.resetButton,
                work: {
                  doing: t.resetChecking,
                  couldNot: t.resetCouldNot,
                  call: () => (actions.resetTables as NonNullable<Actions["resetTables"]>)(lang),
                },
              }
            : undefined
        ),
        actionSection("model", t.modelTitle, t.modelText, t.modelButton, {
          doing: t.modelDoing,
          couldNot: t.modelCouldNot,
          call: () => actions.buildModelSheet(lang).then((r) => startWithWorkbook(r)),
        }),
        ...(options.snapshot
          ? [
              renderSnapshotSection(h, options.snapshot, {
                lang,
                hooks: { button: actionButton, hint },
              }),
            ]
          : []),
        ...(options.repair ? [renderOpenSection(options.repair)] : []),
        h(
          "section",
          { class: "section", id: "cnai-functions", "aria-labelledby": "cnai-functions-heading" },
          h("h2", { id: "cnai-functions-heading" }, t.functionsTitle),
          h("p", { class: "section-text" }, t.functionsText(NAMESPACE)),
          reference.searchField,
          hint("cnai-functions-hint"),
          insertStatus.element,
          reference.result,
          reference.list
        )
      )
    );

    for (const [id, old] of reports) {
      const fresh = root.querySelector<HTMLElement>(`#${id}`);
      if (!fresh || !old.dataset.state) continue;
      fresh.dataset.state = old.dataset.state;
      fresh.replaceChildren(...old.childNodes);
    }
    if (query) {
      searchBox.value = query;
      refreshSearch();
    }
    showHost();
    if (switchHadFocus) languageSwitch.focus();
  }

  /** The notice, hints and buttons for where the pane is open. */
  function showHost(): void {
    const t = textsIn(PANE_TEXT, lang);
    const outside = host !== "starting" && !inExcel();
    notice.element.hidden = !outside;
    if (outside) notice.why.textContent = whyOutside(host as HostInfo);
    for (const element of hints) {
      element.hidden = inExcel();
      element.textContent = outside ? t.hintOutside : t.hintStarting;
    }
    // Where Excel cannot start CNAI with a workbook, the pane says nothing of it.
    if (openSection) openSection.startSetting.hidden = startup() === undefined;
    refresh();
  }

  /** Shows the pane in `next`, now or, while an action runs, once it has finished. */
  function show(next: Lang): void {
    if (busy) {
      pendingLanguage = next;
      return;
    }
    pendingLanguage = undefined;
    if (next === lang) return;
    lang = next;
    render();
  }

  const pane: Pane = {
    setHost(info) {
      host = info;
      if (info?.displayLanguage) automatic = langOf(info.displayLanguage);
      if (choice === undefined && automatic !== lang) show(automatic);
      showHost();
    },
    setLanguage(next) {
      // Choosing what Office would choose goes back to following Office.
      choice = next === automatic ? undefined : next;
      writeChoice(options.storage, choice);
      show(next);
    },
    language: () => lang,
    async start() {
      const repair = options.repair;
      const write = settings.repair;
      const section = openSection;
      if (!repair || !section || !inExcel()) return;
      if (!write && !(settings.start && startup())) return;
      const t = textsIn(PANE_TEXT, lang);
      await run(section.repairButton, {
        doing: write ? t.repairDoing : t.repairLooking,
        couldNot: t.repairCouldNot,
        status: section.status,
        call: () => repair.repair(lang, { write }).then(foundContent),
        quiet: nothingToSay,
      });
    },
  };
  render();
  return pane;
}
