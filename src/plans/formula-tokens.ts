/**
 * One reading of Excel's formula text for all of CNAI's own formula work — the repair of stuck
 * calls, the saved form `_xldudf_CNAI_…` both ways, Snapshot's "calls CNAI" — so that what is text,
 * what is a sheet's or a workbook's name and what is a call is decided in one place. Pure text: no
 * Office, no HyperFormula.
 *
 * The tokens cover the formula exactly: their texts joined give the formula back, character for
 * character, so a rewrite changes only the tokens it means to. Excel's grammar, as Microsoft's
 * "Using structured references with Excel tables" and [MS-XLSX] 2.2.2 (Formulas) give it:
 * - strings `"…"`, a quote inside doubled (`"say ""hi"""`);
 * - quoted sheet names `'…'`, an apostrophe inside doubled (`'Bob''s data'!A1`), which may hold a
 *   workbook and a range of sheets (`'[Book2.xlsx]Sheet 1'!A1`, `'Jan:Mar'!A1`);
 * - external references `[Book2.xlsx]Sheet1!A1`, `[2]!Name` (the form another add-in's start-up
 *   leaves, OfficeDev/office-js#2568);
 * - structured references: the brackets after a table's name (`Table1[Qty]`) or on their own
 *   inside a table (`[@Qty]`), nested (`Table1[[#This Row],[Qty]]`); inside them `'` escapes the
 *   next character (`Table1['#Qty]` is the column "#Qty", `Table1[Col']x]` the column "Col]x")
 *   and `"` is an ordinary character;
 * - names — functions, defined names, cell references such as `$A$1` — letters of any script,
 *   digits, `_`, `.`, `\` and `$`: `利润_xldudf_CNAI_F` is one name, not a call;
 * - error literals (`#N/A`, `#REF!`, …), numbers (`1.5E-3`), operators, `(`, `)`, `{`, `}`
 *   (array constants), the separators `,` and `;`, `!` after a sheet, and white space.
 */

export type TokenKind =
  | "string"
  | "quoted"
  | "book"
  | "structured"
  | "name"
  | "error"
  | "number"
  | "operator"
  | "separator"
  | "bang"
  | "open"
  | "close"
  | "arrayOpen"
  | "arrayClose"
  | "space";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Where it starts in the formula (UTF-16 index). */
  readonly start: number;
}

/** A formula read: its tokens, or where and why it cannot be read. */
export type FormulaReading =
  | { readonly ok: true; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly at: number; readonly reason: string };

/** Excel's error values, longest first so that `#N/A` is not read as `#N`. */
const ERRORS = [
  "#GETTING_DATA",
  "#EXTERNAL!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#SPILL!",
  "#VALUE!",
  "#FIELD!",
  "#CALC!",
  "#BUSY!",
  "#NULL!",
  "#DIV/0!",
  "#NAME?",
  "#NUM!",
  "#REF!",
  "#N/A",
];

const OPERATORS = [
  "<>",
  "<=",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "^",
  "&",
  "=",
  "<",
  ">",
  "%",
  ":",
  "@",
  "#",
];

const SINGLE: Readonly<Record<string, TokenKind | undefined>> = {
  ",": "separator",
  ";": "separator",
  "!": "bang",
  "(": "open",
  ")": "close",
  "{": "arrayOpen",
  "}": "arrayClose",
};

const isSpace = (ch: string) => ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
const isDigit = (ch: string) => ch >= "0" && ch <= "9";
/** A name: a letter of any script, "_", "\" or "$", then letters, marks, digits, "_", ".", "\", "$". */
const NAME = /[\p{L}_\\$][\p{L}\p{M}\p{N}_.\\$]*/uy;

/** The end of a quoted run that starts at `i` with `quote`, doubled quotes inside; -1 if open. */
function quotedEnd(text: string, i: number, quote: string): number {
  for (let j = i + 1; j < text.length; j++)
    if (text[j] === quote) {
      if (text[j + 1] === quote) j++;
      else return j + 1;
    }
  return -1;
}

/**
 * The end of a bracket group starting at `i` ("["): nested brackets counted, `'` escaping the
 * next character, `"` ordinary; -1 if it never closes.
 */
function bracketEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === "'") j++;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return j + 1;
  }
  return -1;
}

/** The end of a name starting at `i`, or `i` when none starts there. */
function nameEnd(text: string, i: number): number {
  NAME.lastIndex = i;
  return NAME.test(text) ? NAME.lastIndex : i;
}

/** The end of a number starting at `i` (`12`, `1.5`, `.5`, `1E+10`), or `i` when none does. */
function numberEnd(text: string, i: number): number {
  let j = i;
  while (isDigit(text[j] ?? "")) j++;
  if (text[j] === "." && isDigit(text[j + 1] ?? "")) {
    j++;
    while (isDigit(text[j] ?? "")) j++;
  } else if (text[j] === "." && j > i) j++;
  if (j === i) return i;
  if (text[j] === "e" || text[j] === "E") {
    let k = j + 1;
    if (text[k] === "+" || text[k] === "-") k++;
    if (isDigit(text[k] ?? "")) {
      while (isDigit(text[k] ?? "")) k++;
      j = k;
    }
  }
  return j;
}

/**
 * The last formulas read and their readings: the repair and the saved form ask several questions
 * of the same formula in a row (tokens are never changed, so a reading can be shared).
 */
const recent: { formula: string; reading: FormulaReading }[] = [];
const RECENT = 4;

/** Reads a formula (with or without its leading "=") into tokens that join back into it. */
export function readFormula(formula: string): FormulaReading {
  const known = recent.find((entry) => entry.formula === formula);
  if (known) return known.reading;
  const reading = tokenize(formula);
  recent.unshift({ formula, reading });
  if (recent.length > RECENT) recent.pop();
  return reading;
}

function tokenize(formula: string): FormulaReading {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number) =>
    tokens.push({ kind, text: formula.slice(start, end), start });
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    const previous = tokens[tokens.length - 1];
    if (isSpace(ch)) {
      let j = i + 1;
      while (j < formula.length && isSpace(formula[j])) j++;
      push("space", i, j);
      i = j;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = quotedEnd(formula, i, ch);
      if (end < 0)
        return {
          ok: false,
          at: i,
          reason: ch === '"' ? "a text that is never closed" : "a sheet name that is never closed",
        };
      push(ch === '"' ? "string" : "quoted", i, end);
      i = end;
      continue;
    }
    if (ch === "[") {
      const end = bracketEnd(formula, i);
      if (end < 0) return { ok: false, at: i, reason: "a [ that is never closed" };
      // Right after a name or another bracket group (tokens are contiguous: the last one ends
      // here): the table's columns. Elsewhere, a workbook when a sheet and "!" (or "!" at once)
      // follow and nothing is nested, else a reference inside a table ([@Qty]).
      const attached = previous?.kind === "name" || previous?.kind === "structured";
      const group = formula.slice(i, end);
      const sheetEnd = nameEnd(formula, end);
      const book = !attached && !group.slice(1).includes("[") && formula[sheetEnd] === "!";
      push(book ? "book" : "structured", i, end);
      i = end;
      continue;
    }
    if (ch === "#") {
      const error = ERRORS.find((e) => formula.slice(i, i + e.length).toUpperCase() === e);
      if (error) {
        push("error", i, i + error.length);
        i += error.length;
        continue;
      }
    }
    const single = SINGLE[ch];
    if (single) {
      push(single, i, i + 1);
      i++;
      continue;
    }
    const numberStop = isDigit(ch) || ch === "." ? numberEnd(formula, i) : i;
    if (numberStop > i) {
      push("number", i, numberStop);
      i = numberStop;
      continue;
    }
    const nameStop = nameEnd(formula, i);
    if (nameStop > i) {
      push("name", i, nameStop);
      i = nameStop;
      continue;
    }
    const operator = OPERATORS.find((op) => formula.startsWith(op, i));
    if (operator) {
      push("operator", i, i + operator.length);
      i += operator.length;
      continue;
    }
    return { ok: false, at: i, reason: `the character ${JSON.stringify(ch)}` };
  }
  return { ok: true, tokens };
}

/**
 * A formula's tokens without white space and without its leading "=" (`='My sheet'!A1:B2` → the
 * quoted name, "!", A1, ":", B2); undefined when it cannot be read. What the host's small
 * questions of a formula — is it only a range, a reference, an INDIRECT of a text — look at.
 */
export function solidTokens(formula: string): readonly Token[] | undefined {
  const reading = readFormula(formula);
  if (!reading.ok) return undefined;
  const tokens = reading.tokens.filter((token) => token.kind !== "space");
  return tokens[0]?.text === "=" ? tokens.slice(1) : tokens;
}

/** The sheet a name or quoted token before "!" names: `Sheet1`, `'Bob''s data'` → Bob's data. */
export function sheetNameOf(token: Token): string | undefined {
  if (token.kind === "name") return token.text;
  if (token.kind === "quoted") return token.text.slice(1, -1).replace(/''/g, "'");
  return undefined;
}

/** The tokens' texts joined: the formula they were read from, or a rewrite of it. */
export const joinTokens = (tokens: readonly { readonly text: string }[]) =>
  tokens.map((token) => token.text).join("");

/**
 * Whether a formula reads back whole: every token read, the texts joining into it, and its
 * parentheses and braces paired. What a repair checks before it writes.
 */
export function readsBack(formula: string): boolean {
  const reading = readFormula(formula);
  if (!reading.ok || joinTokens(reading.tokens) !== formula) return false;
  const open: TokenKind[] = [];
  for (const token of reading.tokens) {
    if (token.kind === "open" || token.kind === "arrayOpen") open.push(token.kind);
    else if (token.kind === "close" && open.pop() !== "open") return false;
    else if (token.kind === "arrayClose" && open.pop() !== "arrayOpen") return false;
  }
  return open.length === 0;
}

/** A call in a formula: the name token, and what qualifies it. */
export interface Call {
  /** Index of the function's name among the tokens. */
  readonly index: number;
  readonly name: string;
  /**
   * `[2]!` before the name: the index of the `[2]` token. A call of another workbook's sheet
   * (`Sheet1!F(`, `[Book2.xlsx]Sheet1!F(`) is not a call of a function and is not listed.
   */
  readonly external?: number;
}

const nextSolid = (tokens: readonly Token[], i: number) => {
  let j = i + 1;
  while (tokens[j]?.kind === "space") j++;
  return j;
};

/** The calls of functions in tokens read: a name followed by "(", not qualified by a sheet. */
export function callsIn(tokens: readonly Token[]): Call[] {
  const calls: Call[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== "name" || tokens[nextSolid(tokens, i)]?.kind !== "open") return;
    if (tokens[i - 1]?.kind !== "bang") {
      calls.push({ index: i, name: token.text });
      return;
    }
    // `[2]!F(`: a workbook by number, then "!" and the name, with nothing between.
    const book = tokens[i - 2];
    if (book?.kind === "book" && /^\[\d+\]$/.test(book.text))
      calls.push({ index: i, name: token.text, external: i - 2 });
  });
  return calls;
}

/**
 * The sheet a formula starts with, `='CNAI Model'!$A$1` → CNAI Model, `=Sheet1!A1` → Sheet1;
 * undefined when it starts otherwise (`=#REF!$A$1`, once the sheet is deleted).
 */
export function leadingSheet(formula: string): string | undefined {
  const tokens = solidTokens(formula);
  // A "!" after it means there is a token before it: the sheet, or what stands in its place.
  if (tokens?.[1]?.kind !== "bang") return undefined;
  return sheetNameOf(tokens[0]);
}
