/**
 * The analyst's edits to CNAI's tables survive a refresh. CNAI writes its tables (ChipParity,
 * TokenEconomics, Scenarios) from the note; an analyst then disagrees with a parity, adds a
 * generation, changes a scenario. A refresh compares what each table cell holds now with what CNAI
 * writes there (in any of its languages): a cell that still holds CNAI's value is rewritten, one
 * that holds something else is the analyst's and is left as it is (null in the plan: Excel's
 * `values` leaves such a cell unchanged), and each one kept is reported. Rows and columns the
 * analyst added lie outside what CNAI writes and are never touched. "Reset tables to the note"
 * applies the plan without this step, after the pane has said what it would overwrite.
 */
import { isoFromSerial } from "../core/dates";
import { Lang, Texts, textsIn } from "../core";
import { CellInput, Plan, formatAt } from "./plan";

export const EDIT_TEXT = {
  kept: {
    en: (was: string, now: string, table: string, row: string, column: string) =>
      `Kept your ${was} → ${now} in ${table}, ${row}, ${column}.`,
    zh: (was: string, now: string, table: string, row: string, column: string) =>
      `已保留您的修改：${table}表“${row}”行“${column}”列，${was} → ${now}。`,
  },
  empty: { en: "(empty)", zh: "（空）" },
} satisfies Texts;

/** One cell of a CNAI table that holds something other than what CNAI writes there. */
export interface Edit {
  readonly table: string;
  /** The row by its first cell (Generation, Metric, Scenario), or "header". */
  readonly row: string;
  readonly column: string;
  /** What CNAI writes there, and what the cell holds. */
  readonly note: CellInput;
  readonly now: unknown;
  readonly format: string;
}

/** What a table's cells hold now, header row first, as `range.formulas` reads them. */
export type TableContents = ReadonlyMap<string, readonly (readonly unknown[])[]>;

const key = (name: string) => name.toLowerCase();

/** A row's name from its first cell: none when the cell is empty (null or ""). */
const named = (first: unknown) => (first === null || first === "" ? undefined : String(first));

/**
 * Whether a cell holds what CNAI wrote: numbers to 12 significant digits, "" for empty. `now` is a
 * cell read back (`range.formulas`: never undefined), so a `written` undefined — a language whose
 * rows end before this one — holds nothing.
 */
function holds(now: unknown, written: CellInput | undefined): boolean {
  if (written === null || written === "") return now === null || now === "";
  if (typeof written === "number")
    return (
      typeof now === "number" && Math.abs(now - written) <= 1e-12 * Math.max(1, Math.abs(written))
    );
  if (typeof written === "string" && typeof now === "string")
    return now.toLowerCase() === written.toLowerCase();
  return now === written;
}

/** A value as the analyst reads it in a report: 70%, 2026-04-01, 2H26. */
export function shown(value: unknown, format: string, lang: Lang = "en"): string {
  if (value === null || value === undefined || value === "") return textsIn(EDIT_TEXT, lang).empty;
  if (typeof value === "number") {
    if (format.includes("%")) return `${Number((value * 100).toPrecision(10))}%`;
    if (/y/i.test(format)) return isoFromSerial(value);
    return String(Number(value.toPrecision(12)));
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/**
 * The plan with every table cell the analyst changed left out (null), and the edits it keeps.
 * Tables without contents (new ones) are written whole.
 */
export function keepAnalystEdits(
  plan: Plan,
  contents: TableContents
): { plan: Plan; edits: Edit[] } {
  const edits: Edit[] = [];
  const sheets = plan.sheets.map((sheet) => ({
    ...sheet,
    tables: sheet.tables.map((table) => {
      const now = contents.get(key(table.name));
      if (!now) return table;
      // The header is CNAI's in one language only; a row in any of them.
      const variants = (i: number, j: number) =>
        i < 0
          ? [table.columns[j]]
          : [table.rows[i][j], ...(table.otherLanguages ?? []).map((rows) => rows[i]?.[j])];
      const keep = (i: number, j: number): boolean => {
        const cell = now[i + 1]?.[j];
        if (cell === undefined) return false;
        if (variants(i, j).some((v) => holds(cell, v))) return false;
        edits.push({
          table: table.name,
          row: i < 0 ? "header" : (named(now[i + 1][0]) ?? named(table.rows[i][0]) ?? ""),
          column: table.columns[j],
          note: (i < 0 ? table.columns[j] : table.rows[i][j]) as CellInput,
          now: cell,
          format: i < 0 ? "@" : formatAt(table.numberFormats, i, j),
        });
        return true;
      };
      const columns = table.columns.map((column, j) => (keep(-1, j) ? null : column));
      const rows = table.rows.map((row, i) => row.map((cell, j) => (keep(i, j) ? null : cell)));
      return { ...table, columns: columns as string[], rows };
    }),
  }));
  return { plan: { ...plan, sheets }, edits };
}

/** The edits in words, one sentence each, for the pane's report. */
export function describeEdits(edits: readonly Edit[], lang: Lang): string[] {
  const t = textsIn(EDIT_TEXT, lang);
  return edits.map((e) =>
    t.kept(shown(e.note, e.format, lang), shown(e.now, e.format, lang), e.table, e.row, e.column)
  );
}
