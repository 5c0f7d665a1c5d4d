/* global document, HTMLElement, navigator, Office, window */
/**
 * The task pane. It shares its runtime with the custom functions (manifest: lifetime="long").
 * The pane is built in ui/ with the actions passed in; this file only wires it to Office.
 */
import { langOf } from "../core";
import { buildModelSheet, insertFormula, loadAppendixTables, resetTables } from "./actions";
import { makeRepairActions } from "./repair";
import { makeSnapshotActions } from "./snapshot";
import { officeStartup } from "./startup";
import { renderPane } from "./ui/pane";

/** The browser may deny storage (privacy settings); the pane then forgets the choice of language. */
function localStorageOrNone() {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const pane = renderPane(
  document.getElementById("cnai-pane") as HTMLElement,
  { loadAppendixTables, buildModelSheet, insertFormula, resetTables },
  // Until Office reports its display language, the browser's is the best guess.
  {
    language: langOf(navigator.language),
    storage: localStorageOrNone(),
    snapshot: makeSnapshotActions(),
    repair: makeRepairActions(),
  }
);

/** Office's display language ("zh-CN"); outside Office there is none. */
function displayLanguage(): string | undefined {
  try {
    return Office.context?.displayLanguage || undefined;
  } catch {
    return undefined;
  }
}

// Opened in a plain browser, office.js reports no host; offline it does not load at all. Once
// Office is ready, CNAI does what it does as it starts in a workbook (repair, start with it).
if (typeof Office === "undefined") pane.setHost(undefined);
else
  Office.onReady((info) => {
    pane.setHost({
      host: info.host,
      displayLanguage: displayLanguage(),
      startup: officeStartup(Office),
    });
    void pane.start();
  });
