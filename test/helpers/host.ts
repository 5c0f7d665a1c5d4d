/**
 * The pane suites' workbooks: hosted as the Excel the run plays (`hosted`), and what an analyst
 * would see of one as one comparable text (`picture`): sheets in tab order with
 * their visibility, every cell's content, format and look, tables, names and charts.
 */
import type { AddinFunction } from "../../src/host/contract";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { HostedWorkbook, PANE_PROFILES, hostExisting, hostWorkbook } from "../../src/host/node";
import { ExcelProfile, versionAtLeast } from "../../src/host/requirements";
import type { HostWorkbook, HostWorkbookOptions } from "../../src/host/workbook";
import { rectAddress } from "../../src/host/workbook";

export function picture(workbook: HostWorkbook, options: { hidden?: boolean } = {}): string {
  const sheets = workbook
    .worksheets()
    .filter((s) => options.hidden !== false || s.visibility === "Visible")
    .map((s) => ({
      name: s.name,
      visibility: s.visibility,
      tabColor: s.tabColor,
      frozen: [s.frozenRows, s.frozenColumns],
      cells: [...s.inputs.entries()].sort(([a], [b]) => a - b),
      formats: [...s.formats.entries()].sort(([a], [b]) => a - b),
      looks: [...s.looks.entries()].sort(([a], [b]) => a - b),
      widths: [...s.columnWidths.entries()].sort(([a], [b]) => a - b),
      charts: s.charts.map((c) => [c.name, c.type, rectAddress(c.source), c.title, c.from, c.to]),
      conditionalFormats: s.conditionalFormats.map((f) => [rectAddress(f.range), f.rule, f.fill]),
    }));
  const tables = workbook.tables().map((t) => [t.name, t.sheet.name, rectAddress(t.rect), t.style]);
  const names = workbook
    .names()
    .map((n) => [n.name, workbook.nameFormula(n), n.visible, n.comment])
    .sort();
  return JSON.stringify({ sheets, tables, names });
}

/**
 * The Excel this run of a pane suite plays (src/host/requirements.ts): Excel on the web, or — in
 * jest.config.js's "oldest Excel" project, which sets CNAI_EXCEL=oldest — the oldest Excel the
 * manifest admits. The suites host their workbooks through `hosted`, so the same tests run on both.
 */
export const PROFILE: ExcelProfile =
  process.env.CNAI_EXCEL === "oldest" ? PANE_PROFILES[1] : PANE_PROFILES[0];

/** Whether this Excel has spill ranges (ExcelApi 1.12), which Snapshot uses where it can. */
export const KNOWS_SPILLS = versionAtLeast(PROFILE.sets.ExcelApi ?? "1.1", "1.12");

/** `hostWorkbook` as `PROFILE`. */
export function hosted(
  functions: readonly AddinFunction[] = CORE_FUNCTIONS,
  options: HostWorkbookOptions = {}
): HostedWorkbook {
  return hostWorkbook(functions, options, PROFILE);
}

/** `hostExisting` as `PROFILE`. */
export const hostedExisting = (workbook: HostWorkbook): HostedWorkbook =>
  hostExisting(workbook, PROFILE);

/** A host rectangle, 0-based and inclusive: rect(3, 1, 8, 2) is B4:C9. */
export const rect = (top: number, left: number, bottom: number, right: number) => ({
  top,
  left,
  bottom,
  right,
});
