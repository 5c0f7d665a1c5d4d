/* global Office */
/**
 * Whether Excel starts CNAI's shared runtime — and with it CNAI's functions — when a workbook
 * opens, or only when the analyst opens the pane: the add-in's startup behaviour, which Excel keeps
 * with the document (`Office.addin.setStartupBehavior`, SharedRuntime 1.1). A workbook that opens
 * before CNAI has started shows its CNAI formulas as #NAME?, and Excel may keep them so after CNAI
 * starts (src/taskpane/repair.ts); starting with the workbook avoids it.
 *
 * The only Office access of the pane's start-up: taskpane.ts makes it from Excel's `Office`, a test
 * from the stand-in (src/host/office.ts), and passes it to the pane, which decides when to call it.
 */

export interface StartupBehavior {
  /** Excel starts CNAI when this workbook opens (`load`), or when the pane is opened (`none`). */
  set(load: boolean): Promise<void>;
}

/** The part of `Office` this needs. */
interface OfficeWithAddin {
  readonly context?: {
    readonly requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
  readonly addin?: { setStartupBehavior?(behavior: unknown): Promise<void> };
  readonly StartupBehavior?: { readonly load?: unknown; readonly none?: unknown };
}

const globalOffice = (): unknown => (typeof Office === "undefined" ? undefined : Office);

/**
 * The startup behaviour through `office`; undefined outside Office, and on hosts that cannot set it
 * (no `Office.addin`, or no SharedRuntime 1.1): there CNAI does nothing and says nothing of it.
 */
export function officeStartup(office: unknown = globalOffice()): StartupBehavior | undefined {
  const found = office as OfficeWithAddin | undefined;
  try {
    const addin = found?.addin;
    if (typeof addin?.setStartupBehavior !== "function") return undefined;
    if (!found?.context?.requirements?.isSetSupported("SharedRuntime", "1.1")) return undefined;
    const behavior = found.StartupBehavior;
    return {
      set: (load) =>
        (addin.setStartupBehavior as (behavior: unknown) => Promise<void>)(
          load ? (behavior?.load ?? "Load") : (behavior?.none ?? "None")
        ),
    };
  } catch {
    // Office.context throws before Office has initialized: nothing to set yet.
    return undefined;
  }
}
