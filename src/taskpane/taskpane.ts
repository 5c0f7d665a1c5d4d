/* global document, HTMLElement, Office */
/**
 * The task pane. It shares its runtime with the custom functions (manifest: lifetime="long").
 * The pane is built in ui/ with the actions passed in; this file only wires it to Office.
 */
import { buildModelSheet, insertFormula, loadAppendixTables } from "./actions";
import { registerFluent } from "./ui/fluent";
import { renderPane } from "./ui/pane";

registerFluent();
const pane = renderPane(document.getElementById("cnai-pane") as HTMLElement, {
  loadAppendixTables,
  buildModelSheet,
  insertFormula,
});

// Opened in a plain browser, office.js reports no host; offline it does not load at all.
if (typeof Office === "undefined") pane.setHost(undefined);
else Office.onReady((info) => pane.setHost(info));
