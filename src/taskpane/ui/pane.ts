/* global HTMLElement, Storage */
/**
 * The task pane, built into a root element with the actions passed in: Excel's pane passes the
 * Office.js actions, a test or the workbench passes its own. Nothing here touches `Office`.
 *
 * Language: the pane speaks English or Chinese. It follows Office's display language (`setHost`
 * with `displayLanguage`) until the analyst uses the switch in the header; that choice is kept in
 * `storage` and wins from then on, until they switch back to the language Office would choose.
 */
import { FunctionDef, Lang, NAMESPACE, VERSION, langOf, textsIn } from "../../core";
import type { ActionReport, Actions } from "../actions";
import { PANE_TEXT } from "../text";
import { builder, setFlag } from "./dom";
import { renderReference } from "./reference";
import type { SnapshotActions } from "../snapshot";
import { renderSnapshotSection } from "./snapshot";
import { StatusRegion, failureReport, isReport, statusRegion } from "./status";

/** What the pane's buttons do: Office.js in Excel, fakes in tests, the workbench's own engine. */
export type PaneActions = Actions;

/**
 * What `Office.onReady` reported: `host` is Office.HostType.Excel, the text "Excel", inside Excel,
 * and null in a plain browser; `displayLanguage` is `Office.context.displayLanguage` ("zh-CN").
 * Undefined when office.js did not load.
 */
export type HostInfo = { readonly host?: unknown; readonly displayLanguage?: string } | undefined;

export interface PaneOptions {
  /** The language until Office reports its display language; English by default. */
  readonly language?: Lang;
  /** Keeps the analyst's choice of language between sessions (localStorage in Excel). */
  readonly storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** Snapshot to values and Restore formulas; the section shows only where they are given. */
  readonly snapshot?: SnapshotActions;
}

export interface Pane {
  /** Enables the actions inside Excel; elsewhere explains what CNAI is and how to sideload it. */
  setHost(info: HostInfo): void;
  /** The manual switch: shows the pane in `lang` and remembers the choice. */
  setLanguage(lang: Lang): void;
  /** The language the pane shows now. */
  language(): Lang;
}

/** Where the manual choice is stored. */
export const LANGUAGE_KEY = "cnai.language";

/** One action: what the status line says while it runs and if it fails. */
interface Work {
  readonly doing: string;
  readonly couldNot: string;
  readonly status: StatusRegion;
  readonly call: () => Promise<ActionReport>;
}

const EXCEL = "Excel";

function readChoice(storage: PaneOptions["storage"]): Lang | undefined {
  try {
    const stored = storage?.getItem(LANGUAGE_KEY);
    return stored === "en" || stored === "zh-CN" ? stored : undefined;
  } catch {
    return undefined; // storage the browser denies: no remembered choice
  }
}

function writeChoice(storage: PaneOptions["storage"], choice: Lang | undefined): void {
  try {
    if (choice === undefined) storage?.removeItem(LANGUAGE_KEY);
    else storage?.setItem(LANGUAGE_KEY, choice);
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
  /** A language to show once the running action has finished. */
  let pendingLanguage: Lang | undefined;
  // Rebuilt by each render.
  let buttons: HTMLElement[] = [];
  let hints: HTMLElement[] = [];
  let languageSwitch: HTMLElement;
  let notice: { element: HTMLElement; why: HTMLElement };
  let searchBox: HTMLElement & { value?: string };
  let refreshSearch: () => void;

  const inExcel = () => host !== "starting" && host?.host === EXCEL;

  const refresh = () => {
    for (const button of buttons) setFlag(button, "disabled", busy || !inExcel());
    setFlag(languageSwitch, "disabled", busy);
  };

  async function run(button: HTMLElement, work: Work): Promise<void> {
    if (busy || !inExcel()) return;
    const document = root.ownerDocument;
    const hadFocus = document.activeElement === button;
    const spinner = h("fluent-spinner", {
      size: button.getAttribute("size") === "small" ? "extra-tiny" : "tiny",
      slot: "start",
      "aria-hidden": "true",
    });
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
    work.status.show(report);
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
    const describedBy = [attributes["aria-describedby"], hintId].filter(Boolean).join(" ");
    const button = h("fluent-button", { ...attributes, "aria-describedby": describedBy }, label);
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
          call: () => actions.insertFormula(formula, lang),
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
            call: () => actions.loadAppendixTables(lang),
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
          call: () => actions.buildModelSheet(lang),
        }),
        ...(options.snapshot
          ? [
              renderSnapshotSection(h, options.snapshot, {
                lang,
                hooks: { button: actionButton, hint },
              }),
            ]
          : []),
        h(
          "section",
          { class: "section", id: "cnai-functions", "aria-labelledby": "cnai-functions-heading" },
          h("h2", { id: "cnai-functions-heading" }, t.functionsTitle),
          h("p", { class: "section-text" }, t.functionsText(NAMESPACE)),
          reference.search,
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
  };
  render();
  return pane;
}
