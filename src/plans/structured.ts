/**
 * Excel structured references (`TokenEconomics[Q1 2026]`) rewritten as the absolute A1 ranges they
 * stand for, for engines that know no Excel tables: HyperFormula in the tests, the workbench.
 * Pure text in, text out; a reference it cannot resolve is left exactly as written. The formula's
 * tokens come from src/plans/formula-tokens.ts; only the inside of a bracket group is read here.
 */
import { cellAddress, parseCell, quoteSheet } from "./a1";
import { readFormula } from "./formula-tokens";

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
 * The formula is read with CNAI's one tokenizer (src/plans/formula-tokens.ts): a reference is a
 * name followed at once by its bracket group, so text in double quotes and quoted sheet names are
 * never touched. An unknown table or column, what a fixed range cannot express (`[@Column]`,
 * `[#This Row]`, `[#Totals]`), and a formula that cannot be read stay as written.
 */
export function resolveStructuredReferences(
  formula: string,
  tables: readonly TableLocation[]
): string {
  // Most formulas name no table: they are read only when they could.
  if (tables.length === 0 || !formula.includes("[")) return formula;
  const reading = readFormula(formula);
  if (!reading.ok) return formula;
  const { tokens } = reading;
  const texts = tokens.map((token) => token.text);
  tokens.forEach((token, i) => {
    const brackets = tokens[i + 1];
    if (token.kind !== "name" || brackets?.kind !== "structured") return;
    const parsed = parseSelection(brackets.text, 0);
    if (!parsed || parsed.end !== brackets.text.length) return;
    const table = tables.find((t) => same(t.name, token.text));
    const range = table && resolve(table, parsed.selection);
    if (range === undefined) return;
    texts[i] = range;
    texts[i + 1] = "";
  });
  return texts.join("");
}
