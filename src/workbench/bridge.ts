/* global window */
/**
 * What the workbench's page (main.ts) offers the add-in's pane in its iframe, as
 * `window.parent.cnaiWorkbench`: the Excel host that answers Microsoft's Excel client, the
 * custom-functions runtime that functions.js associates its functions with, and what Office
 * reports. The pane's stand-in for office.js (office.ts) reads it; both frames share one origin.
 */
import type { CustomFunctionsShim } from "../host/addin";
import type { StartupBehaviorLog } from "../host/office";
import type { ExcelHost } from "../host/protocol";

/** The property of the workbench's window that holds the bridge. */
export const BRIDGE = "cnaiWorkbench";

export interface WorkbenchBridge {
  /** The workbook's Excel host: every `context.sync()` of the pane goes to its `send`. */
  readonly host: ExcelHost;
  /** Excel's custom-functions runtime: functions.js associates its functions here. */
  readonly customFunctions: CustomFunctionsShim;
  /** functions.js associated functions: formulas that called them before compute again. */
  functionsAssociated(): void;
  /** `Office.context.displayLanguage`: "en-US", "zh-CN". */
  readonly displayLanguage: string;
  /**
   * The pane's `Office.addin.setStartupBehavior` calls and the behaviour set last, as the pane's
   * office.js records them; kept with the workbook, as Excel keeps it with the document.
   */
  startup?: StartupBehaviorLog;
}

/** The bridge of the page that holds this frame, if it is the workbench. */
export function parentBridge(frame: typeof window): WorkbenchBridge | undefined {
  try {
    if (frame.parent === frame) return undefined;
    return (frame.parent as unknown as Record<string, WorkbenchBridge | undefined>)[BRIDGE];
  } catch {
    // A parent of another origin: not the workbench.
    return undefined;
  }
}
