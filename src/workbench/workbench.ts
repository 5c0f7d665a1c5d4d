/**
 * The workbench's workbook: CNAI's Excel host over a HyperFormula workbook, whose CNAI functions
 * are those the add-in's own functions.js associates — declared by functions.json, #NAME? until
 * associated, as in Excel — and the bridge the pane's frame reaches it by. Browser-safe.
 */
import { FunctionsMetadata, addinFunctions, createCustomFunctionsShim } from "../host/addin";
import type { AddinFunction } from "../host/contract";
import { ExcelHost } from "../host/protocol";
import { HostWorkbook } from "../host/workbook";
import type { WorkbenchBridge } from "./bridge";

export interface Workbench {
  readonly workbook: HostWorkbook;
  readonly host: ExcelHost;
  readonly bridge: WorkbenchBridge;
  /** Every function functions.json declares. */
  readonly functions: readonly AddinFunction[];
  /** How many of them functions.js has associated so far. */
  associated(): number;
}

/**
 * Every formula computed again, as Excel does once an add-in's functions are registered: the
 * engine has cached #NAME? for calls made before.
 */
export function recalculateAll(workbook: HostWorkbook): void {
  const { engine } = workbook;
  if (engine.isEvaluationSuspended()) engine.resumeEvaluation();
  engine.rebuildAndRecalculate();
  // Settles spills sized before the functions existed and tells the grid.
  workbook.calculate();
}

export interface WorkbenchOptions {
  /** `Office.context.displayLanguage` for the pane: "en-US", "zh-CN". */
  readonly displayLanguage: string;
  /** Called after each round of associations, once the workbook is recalculated. */
  readonly onAssociated?: () => void;
}

/** A new workbook (Excel's one "Sheet1") with the functions functions.json declares. */
export function createWorkbench(metadata: FunctionsMetadata, options: WorkbenchOptions): Workbench {
  const customFunctions = createCustomFunctionsShim();
  const functions = addinFunctions(metadata, customFunctions);
  const workbook = new HostWorkbook(functions);
  const host = new ExcelHost(workbook);
  const bridge: WorkbenchBridge = {
    host,
    customFunctions,
    functionsAssociated: () => {
      recalculateAll(workbook);
      options.onAssociated?.();
    },
    displayLanguage: options.displayLanguage,
  };
  return {
    workbook,
    host,
    bridge,
    functions,
    associated: () =>
      functions.filter((fn) => customFunctions.associated.has(fn.id.toUpperCase())).length,
  };
}
