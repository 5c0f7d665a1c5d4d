/* global document, fetch, navigator, window, HTMLElement, URLSearchParams */
/**
 * The CNAI workbench (`npm run workbench`): the add-in as built for Excel, beside a workbook on
 * CNAI's Excel host, in a browser, without Excel. The pane is the add-in's own
 * /addin/taskpane.html — dist/taskpane.html, taskpane.js and functions.js unchanged — in an
 * iframe; only its office.js is the workbench's (office.ts): Microsoft's Excel client with its
 * requests answered by this page's host, and a CustomFunctions runtime that registers
 * functions.js's functions in this page's workbook. Development only: webpack.workbench.js builds
 * this into dist-workbench/, and test/functions/production-bundles.test.ts keeps it out of dist/.
 */
import { NAMESPACE } from "../core";
import type { FunctionsMetadata } from "../host/addin";
import { builder } from "../taskpane/ui/dom";
import { BRIDGE } from "./bridge";
import { renderDownload } from "./ui/download";
import { renderWorkbook } from "./ui/workbook";
import { createWorkbench } from "./workbench";

/** Found in the workbench's bundle and nowhere in the add-in's: the production-bundle test looks for it. */
export const WORKBENCH_MARKER = "cnai-workbench-bundle-only";

/** The pane's page, as the manifest names it, served from dist/. */
const PANE_PAGE = "/addin/taskpane.html";

/** Office's display language here: `?lang=zh-CN` on the page's address, else the browser's. */
function displayLanguage(): string {
  return new URLSearchParams(window.location.search).get("lang") || navigator.language || "en-US";
}

async function start(root: HTMLElement): Promise<void> {
  const h = builder(document);
  root.dataset.build = WORKBENCH_MARKER;
  const response = await fetch("/addin/functions.json");
  if (!response.ok) throw new Error(`/addin/functions.json answered HTTP ${response.status}`);
  const metadata = (await response.json()) as FunctionsMetadata;

  const functionsNote = h("span", { class: "wb-appfunctions", id: "wb-functions" });
  const workbench = createWorkbench(metadata, {
    displayLanguage: displayLanguage(),
    onAssociated: () => showFunctions(),
  });
  function showFunctions(): void {
    const associated = workbench.associated();
    functionsNote.textContent =
      associated > 0
        ? `${associated} ${NAMESPACE} functions from /addin/functions.js`
        : `${workbench.functions.length} ${NAMESPACE} functions declared; waiting for /addin/functions.js`;
  }
  showFunctions();
  // The pane's office.js finds the workbook here, before the iframe below loads it.
  (window as unknown as Record<string, unknown>)[BRIDGE] = workbench.bridge;

  const book = renderWorkbook(h, workbench.workbook);
  const pane = h("iframe", {
    class: "wb-pane",
    id: "wb-pane",
    name: "cnai-pane",
    src: PANE_PAGE,
    title: "CNAI task pane (the add-in's own taskpane.html)",
  });
  root.replaceChildren(
    h(
      "header",
      { class: "wb-appbar" },
      h("span", { class: "wb-appname" }, "CNAI workbench"),
      h(
        "span",
        { class: "wb-appnote" },
        "The built add-in on a local workbook, for development: Excel is where CNAI runs."
      ),
      functionsNote,
      renderDownload(h, workbench.workbook)
    ),
    book.element,
    pane
  );
}

const root = document.getElementById("wb") as HTMLElement;
start(root).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const h = builder(document);
  root.replaceChildren(
    h(
      "p",
      { class: "wb-failed", role: "alert" },
      `The workbench could not start: ${message}. Run npm run workbench again; it rebuilds dist/ and dist-workbench/.`
    )
  );
  throw error;
});
