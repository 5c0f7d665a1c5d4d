/**
 * Excel's documented limits on what a cell and a formula may hold, checked before a formula reaches
 * HyperFormula (whose recursive parser overflows the stack on a formula nested a few thousand deep):
 * Microsoft's "Excel specifications and limits"
 * (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3)
 * gives 32,767 characters in a cell, 8,192 in a formula, 64 nested levels of functions and 255
 * arguments in a function; Excel's own formula checks refuse a text constant over 255 characters, an
 * array constant whose rows differ in length, and a built-in called with too few or too many
 * arguments. Each refusal is a message; the workbook raises it as `InvalidArgument`, the code Excel's
 * API answers for a formula it will not enter. Browser-safe: no Node APIs.
 */
import { HyperFormula } from "hyperformula";
import { Token, readFormula } from "../plans/formula-tokens";

export const MAX_CELL_CHARACTERS = 32_767;
export const MAX_FORMULA_CHARACTERS = 8_192;
export const MAX_NESTING = 64;
export const MAX_ARGUMENTS = 255;
export const MAX_FORMULA_TEXT = 255;
/**
 * Not Excel's: HyperFormula evaluates `1+1+…+1` as a chain as deep as its operators and overflows
 * the stack at about 1,500 of them, where Excel's limit (16,384 bytes of parsed formula) admits
 * some 4,000. The host refuses beyond 1,024, stricter than Excel, rather than crash.
 */
export const MAX_OPERATORS = 1_024;
/** The operators counted: arithmetic, text joining, comparison and percent (not ranges' ":"). */
const OPERATORS = new Set(["+", "-", "*", "/", "^", "&", "=", "<", ">", "<>", "<=", ">=", "%"]);

/**
 * Built-ins whose arguments HyperFormula makes optional where Excel requires them:
 * ROUND(number, num_digits), ROUNDUP and ROUNDDOWN take both (Excel's function reference).
 */
const EXCEL_MINIMUM: Readonly<Record<string, number>> = { ROUND: 2, ROUNDUP: 2, ROUNDDOWN: 2 };
/** And where HyperFormula takes fewer: INDEX's reference form has a fourth argument, area_num. */
const EXCEL_MAXIMUM: Readonly<Record<string, number>> = { INDEX: 4 };

/** The argument counts Excel accepts for a built-in; undefined for a name HyperFormula does not know. */
function arity(name: string): { min: number; max: number } | undefined {
  const plugin = HyperFormula.getFunctionPlugin(name);
  const meta = plugin?.implementedFunctions[name];
  if (!meta) return undefined;
  const parameters = meta.parameters ?? [];
  let min = 0;
  parameters.forEach((p, k) => {
    if (!p.optionalArg && p.defaultValue === undefined) min = k + 1;
  });
  const max = EXCEL_MAXIMUM[name] ?? (meta.repeatLastArgs ? MAX_ARGUMENTS : parameters.length);
  return { min: Math.max(min, EXCEL_MINIMUM[name] ?? 0), max };
}

/** One open parenthesis or brace while scanning: its kind, and what has been counted inside it. */
interface Open {
  readonly kind: "call" | "group" | "array";
  readonly name?: string;
  /** Commas at this level (arguments − 1), or array columns in the current row. */
  commas: number;
  /** Whether anything but spaces came after the opening. */
  filled: boolean;
  /** Array constants: the length of each row ended so far. */
  rows?: number[];
}

/**
 * Why Excel refuses this formula ("=…"), or undefined when it passes the checks above. The formula
 * is read by CNAI's one tokenizer (src/plans/formula-tokens.ts), so strings, quoted sheet names and
 * structured references (`Table[Column]`) are what they are for the repair and the saved form too;
 * a formula it cannot read (a text never closed, a stray character) and the formula's grammar are
 * left to the engine, whose parser says what is wrong.
 */
export function formulaProblem(formula: string): string | undefined {
  if (formula.length > MAX_FORMULA_CHARACTERS)
    return `The formula has ${formula.length.toLocaleString("en-US")} characters; Excel's limit is 8,192.`;
  const reading = readFormula(formula);
  if (!reading.ok) return undefined;
  const stack: Open[] = [];
  let operators = 0;
  /** The last token before this one that is not white space: a call's name before its "(". */
  let solid: Token | undefined;
  // The leading "=" says "formula"; it is not an operator of the formula.
  const tokens = reading.tokens[0]?.text === "=" ? reading.tokens.slice(1) : reading.tokens;
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    const { kind, text } = token;
    if (top && kind !== "space" && kind !== "close" && kind !== "arrayClose") top.filled = true;
    if (kind === "operator" && OPERATORS.has(text) && ++operators > MAX_OPERATORS)
      return `The formula has more than ${MAX_OPERATORS.toLocaleString("en-US")} operators; the host's engine evaluates a chain of operators recursively and stops there (Excel's own limit, 16,384 bytes of parsed formula, is looser).`;
    if (kind === "string") {
      const length = text.slice(1, -1).replace(/""/g, '"').length;
      if (length > MAX_FORMULA_TEXT)
        return `A text in the formula has ${length} characters; Excel's limit is 255.`;
    } else if (kind === "open") {
      const name = solid?.kind === "name" ? solid.text.toUpperCase() : undefined;
      stack.push({ kind: name ? "call" : "group", name, commas: 0, filled: false });
      if (stack.length > MAX_NESTING)
        return `The formula nests more than ${MAX_NESTING} levels; Excel's limit is 64.`;
    } else if (kind === "arrayOpen") {
      stack.push({ kind: "array", commas: 0, filled: false, rows: [] });
    } else if (text === "," && top) {
      top.commas++;
    } else if (text === ";" && top?.kind === "array") {
      top.rows?.push(top.commas + 1);
      top.commas = 0;
    } else if (kind === "close" || kind === "arrayClose") {
      const open = stack.pop();
      if (!open) continue; // unbalanced: the engine's parser says so
      if (open.kind === "array") {
        const rows = [...(open.rows ?? []), open.commas + 1];
        if (rows.some((n) => n !== rows[0]))
          return `The array constant's rows have ${rows.join(", ")} values; Excel needs every row the same length.`;
      } else if (open.kind === "call" && open.name) {
        const count = open.filled ? open.commas + 1 : 0;
        const allowed = arity(open.name);
        if (count > MAX_ARGUMENTS)
          return `${open.name} has ${count} arguments; Excel's limit is 255.`;
        if (allowed && (count < allowed.min || count > allowed.max))
          return `${open.name} takes ${allowed.min === allowed.max ? allowed.min : `${allowed.min} to ${allowed.max}`} arguments; the formula gives it ${count}.`;
      }
    }
    if (kind !== "space") solid = token;
  }
  return undefined;
}

/** Why Excel refuses this cell input (a constant or a formula), or undefined. */
export function inputProblem(input: string, isFormula: boolean): string | undefined {
  if (input.length > MAX_CELL_CHARACTERS)
    return `The cell would hold ${input.length.toLocaleString("en-US")} characters; Excel's limit is 32,767.`;
  return isFormula ? formulaProblem(input) : undefined;
}
