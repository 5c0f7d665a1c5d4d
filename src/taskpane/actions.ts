/**
 * The pane's actions. Each computes a plan and applies it through Office.js; the pane shows the
 * report in words. (Being written: the signatures are final.)
 */
export interface ActionReport {
  readonly ok: boolean;
  /** One sentence for the pane: what was done, or what went wrong. */
  readonly summary: string;
  /** Further sentences: names CNAI had to change, what it refreshed. */
  readonly details: readonly string[];
}

export async function loadAppendixTables(): Promise<ActionReport> {
  return { ok: false, summary: "Loading the appendix tables is not available yet.", details: [] };
}

export async function buildModelSheet(): Promise<ActionReport> {
  return { ok: false, summary: "Building the model sheet is not available yet.", details: [] };
}

/** Writes a formula such as `=CNAI.TOKEN_MARGIN(30%,15%,2)` into the active cell. */
export async function insertFormula(formula: string): Promise<ActionReport> {
  return { ok: false, summary: `Inserting ${formula} is not available yet.`, details: [] };
}
