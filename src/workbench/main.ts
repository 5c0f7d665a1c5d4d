/* global document, fetch, window, HTMLElement */
/**
 * The CNAI workbench (`npm run workbench`): the built add-in beside a local workbook, in a browser,
 * without Excel. The CNAI functions are dist/functions.js itself, loaded by the page after shim.ts
 * installed Excel's CustomFunctions; the task pane is the add-in's own (src/taskpane/ui/pane.ts) with
 * actions that apply the same plans to the workbench. Development only: webpack.workbench.js builds
 * this into dist-workbench/, and test/functions/production-bundles.test.ts keeps it out of dist/.
 */
import { NAMESPACE } from "../core";
import { registerFluent } from "../taskpane/ui/fluent";
import { renderPane } from "../taskpane/ui/pane";
import { builder } from "../taskpane/ui/dom";
import { CustomFunctionsShim, addinFunctions } from "./addin";
import { createWorkbench } from "./engine";
import { workbenchActions } from "./ui/actions";
import { renderDownload } from "./ui/download";
import { renderWorkbook } from "./ui/workbook";

/** Found in the workbench's bundle and nowhere in the add-in's: the production-bundle test looks for it. */
export const WORKBENCH_MARKER = "cnai-workbench-bundle-only";

async function start(root: HTMLElement): Promise<void> {
  const h = builder(document);
  root.dataset.build = WORKBENCH_MARKER;
  const response = await fetch("/addin/functions.json");
  if (!response.ok) throw new Error(`/addin/functions.json answered HTTP ${response.status}`);
  // shim.js installed it; /addin/functions.js has associated its functions with it since.
  const shim = (window as unknown as { CustomFunctions?: CustomFunctionsShim }).CustomFunctions;
  if (!shim?.associated) throw new Error("shim.js did not install CustomFunctions");
  const functions = addinFunctions(await response.json(), shim);
  const workbench = createWorkbench(functions);

  registerFluent();
  const book = renderWorkbook(h, workbench);
  const paneRoot = h("div", { id: "cnai-pane", class: "pane" });
  const pane = renderPane(paneRoot, workbenchActions(book));
  // The workbench stands in for Excel: the pane's buttons act on it.
  pane.setHost({ host: "Excel" });

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
      h(
        "span",
        { class: "wb-appfunctions", id: "wb-functions" },
        `${functions.length} ${NAMESPACE} functions from /addin/functions.js`
      ),
      renderDownload(h, workbench)
    ),
    book.element,
    h("aside", { class: "wb-pane", "aria-label": "CNAI task pane" }, paneRoot)
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
