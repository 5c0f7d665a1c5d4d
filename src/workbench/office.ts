/* global window, queueMicrotask */
/**
 * The workbench's office.js: what the add-in's taskpane.html loads where Excel would give it
 * Office's library. webpack.workbench.js puts Microsoft's own Excel JavaScript client
 * (@microsoft/office-js's dist/excel-web-16.00.js) first in the same file, so it defines `Excel`
 * and `OfficeExtension` here, in the pane's frame; this code then does what Excel does around it:
 *
 * - every request of the client goes to the workbench's Excel host, in the page that holds this
 *   frame (`window.parent.cnaiWorkbench`, bridge.ts). The wiring runs in this frame: the client
 *   accepts only a request URL object made in its own JavaScript realm;
 * - `Office.onReady`, `Office.context` (display language, requirement sets) and `Office.addin`
 *   report Excel as src/host/office.ts describes it, in the workbench's display language;
 * - `CustomFunctions.associate` registers functions.js's functions with the workbench's workbook.
 *
 * Opened on its own (/addin/taskpane.html, no workbench around it), it reports no host, as
 * office.js does in a plain browser, and the pane explains that it runs in Excel.
 */
import { createCustomFunctionsShim } from "../host/addin";
import { ExcelClient, HostRouter } from "../host/client";
import { officeAsExcel } from "../host/office";
import { WorkbenchBridge, parentBridge } from "./bridge";

/** Outside Excel, office.js's `onReady` reports no host: the pane then explains where it runs. */
function officeOutsideExcel(base: object | undefined): object {
  const onReady = (callback?: (info: unknown) => void) => {
    const ready = Promise.resolve({ host: null, platform: null });
    if (callback) ready.then(callback);
    return ready;
  };
  return Object.create(base ?? null, {
    onReady: { value: onReady, writable: true, enumerable: true, configurable: true },
  });
}

/**
 * `Office` for the pane: as Excel initializes it (src/host/office.ts, as under Node) with the
 * workbench's display language, over the namespace the client script defines; without the
 * workbench, as in a plain browser.
 */
export function officeFor(base: object | undefined, bridge: WorkbenchBridge | undefined): object {
  if (!bridge) return officeOutsideExcel(base);
  const { office, startup } = officeAsExcel(base, { displayLanguage: bridge.displayLanguage });
  // Excel keeps the startup behaviour with the document: a reloaded pane finds what it set.
  if (bridge.startup) startup.current = bridge.startup.current;
  bridge.startup = startup;
  return office;
}

/**
 * `CustomFunctions` as functions.js sees it: associations go to the workbench's runtime, which
 * then recalculates once for all the functions associated in one go.
 */
export function standInCustomFunctions(bridge: WorkbenchBridge | undefined): unknown {
  const runtime = bridge?.customFunctions ?? createCustomFunctionsShim();
  let recalculation = false;
  return {
    associate(...args: Parameters<typeof runtime.associate>) {
      runtime.associate(...args);
      if (!bridge || recalculation) return;
      recalculation = true;
      queueMicrotask(() => {
        recalculation = false;
        bridge.functionsAssociated();
      });
    },
    Error: runtime.Error,
    ErrorCode: runtime.ErrorCode,
  };
}

/** Wires the Excel client of this frame to the workbench and stands in for Office around it. */
function install(frame: typeof window): void {
  const globals = frame as unknown as Record<string, unknown>;
  const bridge = parentBridge(frame);
  if (bridge) {
    const client = {
      Excel: globals.Excel,
      OfficeExtension: globals.OfficeExtension,
    } as ExcelClient;
    new HostRouter(client).connect(bridge.host);
  }
  globals.Office = officeFor(globals.Office as object | undefined, bridge);
  globals.CustomFunctions = standInCustomFunctions(bridge);
}

// Tests import the pieces under Node, where there is no frame to install into.
if (typeof window !== "undefined") install(window);
