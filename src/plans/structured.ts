/**
 * Excel structured references (`TokenEconomics[Q1 2026]`) rewritten as the absolute A1 ranges they
 * stand for, for engines that know no Excel tables: HyperFormula in the tests, the workbench.
 * Pure text in, text out; a reference it cannot resolve is left exactly as written.
 */
import { cellAddress, parseCell, quoteSheet } from "./a1";

/** A table as structured references see it. */
export interface TableLocation {
  readonly name: string;
  readonly sheet: string;
  /** The header row's first cell: "A4". */
  readonly at: string;
  readonly columns: readonly string[];
  /** Data rows below the header; Excel keeps at least one, even when it is empty. */
  readonly rowCount: number;
}

/**
 * What one structured reference asks for. Excel's grammar: `Table[]`, `Table[Column]`,
 * `Table[#Headers]`, `Table[@Column]`, or a list `Table[[#Headers],[First]:[Last]]`.
 */
interface Selection {
  readonly specifiers: readonly string[];
  readonly columns: readonly string[][];
}

const NAME_START = /[A-Za-z_\\]/;
const NAME_CHAR = /[A-Za-z0-9_.\\]/;

/**
 * Text up to an unescaped "]": inside brackets Excel escapes [ ] # ' with a leading '. An unescaped
 * leading # makes the text a specifier (#Data, #Headers) rather than a column name.
 */
function bracketText(
  formula: string,
  from: number
): { text: string; specifier: boolean; end: number } | undefined {
  const specifier = formula[from] === "#";
  let text = "";
  for (let i = from; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === "'" && i + 1 < formula.length) text += formula[++i];
    else if (ch === "]") return { text, specifier, end: i + 1 };
    else if (ch === "[") return undefined;
    else text += ch;
  }
  return undefined;
}

const skipSpaces = (formula: string, i: number) => {
  while (formula[i] === " ") i++;
  return i;
};

/** Parses the brackets after a table name, from the "[" at `from`. */
function parseSelection(
  formula: string,
  from: number
): { selection: Selection; end: number } | undefined {
  const specifiers: string[] = [];
  const columns: string[][] = [];
  const add = (item: { text: string; specifier: boolean }, last?: { text: string }) => {
    if (item.specifier && !last) specifiers.push(item.text.toLowerCase());
    else columns.push(last ? [item.text, last.text] : [item.text]);
  };
  let i = skipSpaces(formula, from + 1);
  if (formula[i] !== "[") {
    const simple = bracketText(formula, i);
    if (!simple) return undefined;
    if (simple.text.trim() !== "") add(simple);
    return { selection: { specifiers, columns }, end: simple.end };
  }
  for (;;) {
    const item = bracketText(formula, i + 1);
    if (!item) return undefined;
    i = skipSpaces(formula, item.end);
    if (formula[i] === ":") {
      i = skipSpaces(formula, i + 1);
      if (formula[i] !== "[") return undefined;
      const last = bracketText(formula, i + 1);
      if (!last) return undefined;
      add(item, last);
      i = skipSpaces(formula, last.end);
    } else add(item);
    if (formula[i] === "]") return { selection: { specifiers, columns }, end: i + 1 };
    if (formula[i] !== ",") return undefined;
    i = skipSpaces(formula, i + 1);
    if (formula[i] !== "[") return undefined;
  }
}

const SPECIFIERS = ["#headers", "#data", "#all"];

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The absolute range a selection covers, or undefined for what a range cannot express here. */
function resolve(table: TableLocation, selection: Selection): string | undefined {
  if (selection.columns.length > 1) return undefined;
  let first = 0;
  let last = table.columns.length - 1;
  if (selection.columns.length === 1) {
    const [from, to = from] = selection.columns[0];
    first = table.columns.findIndex((column) => same(column, from));
    last = table.columns.findIndex((column) => same(column, to));
    if (first < 0 || last < 0) return undefined;
    if (first > last) [first, last] = [last, first];
  }
  // #Totals (these tables have no totals row), #This Row and misspellings stay as written.
  if (selection.specifiers.some((s) => !SPECIFIERS.includes(s))) return undefined;
  const has = (s: string) =>
    selection.specifiers.includes(s) || selection.specifiers.includes("#all");
  const headers = has("#headers");
  const data = has("#data") || selection.specifiers.length === 0;
  const header = parseCell(table.at);
  const top = headers ? header.row : header.row + 1;
  const bottom = data ? header.row + Math.max(1, table.rowCount) : header.row;
  const start = cellAddress({ row: top, column: header.column + first }, true);
  const end = cellAddress({ row: bottom, column: header.column + last }, true);
  return `${quoteSheet(table.sheet)}!${start}:${end}`;
}

/**
 * Rewrites every `Table[Column]` (also `Table[[Column]]`, `Table[[First]:[Last]]`, `Table[]`,
 * `Table[#Headers]`, `Table[[#All],[Column]]`) of a known table to the absolute range of its cells:
 * `'Token Economics'!$D$5:$D$7`. Table and column names match case-insensitively, as in Excel.
 * Text in double quotes and quoted sheet names are never touched; an unknown table or column, and
 * what a fixed range cannot express (`[@Column]`, `[#This Row]`, `[#Totals]`), stay as written.
 */
export function resolveStructuredReferences(
  formula: string,
  tables: readonly TableLocation[]
): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name (which may hold a "), copied as it is. An escaped
      // quote inside ("" or '') ends and restarts the copy, which copies the same text.
      const close = formula.indexOf(ch, i + 1);
      const end = close < 0 ? formula.length : close + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (!NAME_START.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < formula.length && NAME_CHAR.test(formula[end])) end++;
    const name = formula.slice(i, end);
    const parsed = formula[end] === "[" ? parseSelection(formula, end) : undefined;
    if (!parsed) {
      out += name;
      i = end;
      continue;
    }
    const table = tables.find((t) => same(t.name, name));
    out += (table && resolve(table, parsed.selection)) ?? formula.slice(i, parsed.end);
    i = parsed.end;
  }
  return out;
}
