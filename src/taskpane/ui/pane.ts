/* global HTMLElement */
/**
 * The task pane, built into a root element with the actions passed in: Excel's pane passes the
 * Office.js actions, a test or the workbench passes its own. Nothing here touches `Office`.
 */
import { FunctionDef, NAMESPACE, VERSION } from "../../core";
import type { ActionReport, Actions } from "../actions";
import { Builder, builder, setFlag } from "./dom";
import { renderReference } from "./reference";
import { StatusRegion, failureReport, isReport, statusRegion } from "./status";

/** What the pane's buttons do: Office.js in Excel, fakes in tests, the workbench's own engine. */
export type PaneActions = Actions;

/**
 * What `Office.onReady` reported: `host` is Office.HostType.Excel, the text "Excel", inside Excel,
 * and null in a plain browser. Undefined when office.js did not load.
 */
export type HostInfo = { readonly host?: unknown } | undefined;

export interface Pane {
  /** Enables the actions inside Excel; elsewhere explains what CNAI is and how to sideload it. */
  setHost(info: HostInfo): void;
}

/** One action: what the status line says while it runs and if it fails. */
interface Work {
  readonly doing: string;
  readonly couldNot: string;
  readonly status: StatusRegion;
  readonly call: () => Promise<ActionReport>;
}

const EXCEL = "Excel";

function whyOutside(info: HostInfo): string {
  if (info === undefined)
    return "office.js could not load: this page is open outside Office, or offline.";
  if (info.host && info.host !== EXCEL)
    return `This page is open in ${String(info.host)}, not in Excel.`;
  return "This page is open in a browser, not in Excel.";
}

/** The explanation shown outside Excel, in the README's words. */
function outsideNotice(h: Builder): { element: HTMLElement; why: HTMLElement } {
  const why = h("span", {});
  const element = h(
    "section",
    {
      class: "notice",
      id: "cnai-outside",
      "aria-labelledby": "cnai-outside-heading",
      hidden: true,
    },
    h("h2", { id: "cnai-outside-heading" }, "Open CNAI in Excel"),
    h(
      "p",
      {},
      why,
      " The buttons that write to a workbook are off; the function reference below works here too."
    ),
    h(
      "p",
      {},
      `CNAI turns the research note “China's AI Stack Competition” into an Excel model: custom functions in the ${NAMESPACE} namespace, such as =${NAMESPACE}.MARGIN_EXPANSION(30%,15%,2), and this pane, which loads the note's appendix tables and builds a model sheet on them.`
    ),
    h("p", {}, "To use it, sideload CNAI (README, “Sideloading”):"),
    h(
      "ul",
      {},
      h("li", {}, "Excel on Windows or macOS: run ", h("code", {}, "npm start"), "."),
      h(
        "li",
        {},
        "Excel on the web: run ",
        h("code", {}, "npm start"),
        ", then Home › Add-ins › More Add-ins › Upload My Add-in › ",
        h("code", {}, "manifest.xml"),
        "."
      )
    )
  );
  return { element, why };
}

/** Renders the pane into `root`, replacing what was there. Actions stay off until `setHost`. */
export function renderPane(root: HTMLElement, actions: PaneActions): Pane {
  const h = builder(root.ownerDocument);
  const buttons: HTMLElement[] = [];
  const hints: HTMLElement[] = [];
  let inExcel = false;
  let busy = false;

  const refresh = () => {
    for (const button of buttons) setFlag(button, "disabled", busy || !inExcel);
  };

  async function run(button: HTMLElement, work: Work): Promise<void> {
    if (busy || !inExcel) return;
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
      report = isReport(result) ? result : failureReport(work.couldNot, result);
    } catch (error) {
      report = failureReport(work.couldNot, error);
    }
    busy = false;
    button.removeAttribute("aria-busy");
    spinner.remove();
    refresh();
    work.status.show(report);
    // Disabling the focused button dropped the keyboard user's focus to the page: give it back.
    if (hadFocus && (document.activeElement === null || document.activeElement === document.body))
      button.focus();
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
    work: Omit<Work, "status">
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
        )
      ),
      hint(`cnai-${key}-hint`),
      status.element
    );
  }

  const insertStatus = statusRegion(h, "cnai-functions-status");
  const insertButton = (def: FunctionDef) => {
    const formula = def.examples[0].formula;
    return actionButton(
      "Insert",
      { size: "small", "aria-label": `Insert ${formula} into the active cell` },
      "cnai-functions-hint",
      () => ({
        doing: `Inserting ${formula}`,
        couldNot: `Could not insert ${formula}`,
        status: insertStatus,
        call: () => actions.insertFormula(formula),
      })
    );
  };
  const reference = renderReference(h, insertButton);
  const notice = outsideNotice(h);

  root.replaceChildren(
    h(
      "header",
      { class: "pane-header" },
      h("img", { src: "assets/icon-32.png", alt: "", width: "32", height: "32" }),
      h(
        "div",
        {},
        h("h1", {}, NAMESPACE),
        h("p", { class: "pane-subtitle" }, `China AI Stack for Excel · version ${VERSION}`)
      )
    ),
    h(
      "main",
      { class: "pane-main" },
      notice.element,
      actionSection(
        "data",
        "Data",
        "Writes the note's appendix tables into their own sheets as Excel tables, ChipParity (Table 1) and TokenEconomics (Table 2), with units and a source line. Running it again refreshes them in place.",
        "Load appendix tables",
        {
          doing: "Loading the appendix tables",
          couldNot: "Could not load the appendix tables",
          call: () => actions.loadAppendixTables(),
        }
      ),
      actionSection(
        "model",
        "Model",
        "Builds a model sheet on those tables: an assumption block, a parity timeline with a stall scenario, a margin sensitivity grid, the Table 2 reconciliation and charts, all live CNAI formulas.",
        "Build model sheet",
        {
          doing: "Building the model sheet",
          couldNot: "Could not build the model sheet",
          call: () => actions.buildModelSheet(),
        }
      ),
      h(
        "section",
        { class: "section", id: "cnai-functions", "aria-labelledby": "cnai-functions-heading" },
        h("h2", { id: "cnai-functions-heading" }, "Functions"),
        h(
          "p",
          { class: "section-text" },
          `Type =${NAMESPACE}. in a cell to see them all, or insert an example into the active cell.`
        ),
        reference.search,
        hint("cnai-functions-hint"),
        insertStatus.element,
        reference.result,
        reference.list
      )
    )
  );

  const setHost = (info: HostInfo | "starting") => {
    inExcel = info !== "starting" && info?.host === EXCEL;
    const outside = info !== "starting" && !inExcel;
    notice.element.hidden = !outside;
    if (outside) notice.why.textContent = whyOutside(info as HostInfo);
    for (const element of hints) {
      element.hidden = inExcel;
      element.textContent = outside
        ? "Works inside Excel only: see “Open CNAI in Excel” above."
        : "Waiting for Excel to start the add-in…";
    }
    refresh();
  };
  setHost("starting");
  return { setHost };
}
