/**
 * What an analyst would see of a host workbook, as one comparable text: sheets in tab order with
 * their visibility, every cell's content, format and look, tables, names and charts.
 */
import type { HostWorkbook } from "../../src/host/workbook";
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
