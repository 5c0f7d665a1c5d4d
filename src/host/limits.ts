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
const OPERATORS = "+-*/^&=<>%";

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
 * Why Excel refuses this formula ("=…"), or undefined when it passes the checks above. Strings,
 * quoted sheet names and structured references (`Table[Column]`) are skipped as Excel's parser
 * skips them; the formula's grammar is left to the engine.
 */
export function formulaProblem(formula: string): string | undefined {
  if (formula.length > MAX_FORMULA_CHARACTERS)
    return `The formula has ${formula.length.toLocaleString("en-US")} characters; Excel's limit is 8,192.`;
  const stack: Open[] = [];
  let operators = 0;
  for (let i = 1; i < formula.length; i++) {
    const ch = formula[i];
    const top = stack[stack.length - 1];
    if (top && ch !== " " && ch !== ")" && ch !== "}") top.filled = true;
    if (OPERATORS.includes(ch) && ++operators > MAX_OPERATORS)
      return `The formula has more than ${MAX_OPERATORS.toLocaleString("en-US")} operators; the host's engine evaluates a chain of operators recursively and stops there (Excel's own limit, 16,384 bytes of parsed formula, is looser).`;
    if (ch === '"') {
      let text = "";
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] !== '"') text += formula[j];
        else if (formula[j + 1] === '"') {
          text += '"';
          j++;
        } else break;
      }
      if (text.length > MAX_FORMULA_TEXT)
        return `A text in the formula has ${text.length} characters; Excel's limit is 255.`;
      i = j;
    } else if (ch === "'") {
      // A quoted sheet name; '' inside it is one quote.
      for (i++; i < formula.length; i++) {
        if (formula[i] !== "'") continue;
        if (formula[i + 1] !== "'") break;
        i++;
      }
    } else if (ch === "[") {
      // A structured reference's brackets: nested at most once, ' escapes inside.
      let depth = 0;
      for (; i < formula.length; i++) {
        if (formula[i] === "'") i++;
        else if (formula[i] === "[") depth++;
        else if (formula[i] === "]" && --depth === 0) break;
      }
    } else if (ch === "(") {
      const name = formula.slice(0, i).match(/([A-Za-z_\\][A-Za-z0-9_.\\]*)\s*$/)?.[1];
      const kind = name ? "call" : "group";
      stack.push({ kind, name: name?.toUpperCase(), commas: 0, filled: false });
      if (stack.length > MAX_NESTING)
        return `The formula nests more than ${MAX_NESTING} levels; Excel's limit is 64.`;
    } else if (ch === "{") {
      stack.push({ kind: "array", commas: 0, filled: false, rows: [] });
    } else if (ch === "," && top) {
      top.commas++;
    } else if (ch === ";" && top?.kind === "array") {
      top.rows?.push(top.commas + 1);
      top.commas = 0;
    } else if (ch === ")" || ch === "}") {
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
  }
  return undefined;
}

/** Why Excel refuses this cell input (a constant or a formula), or undefined. */
export function inputProblem(input: string, isFormula: boolean): string | undefined {
  if (input.length > MAX_CELL_CHARACTERS)
    return `The cell would hold ${input.length.toLocaleString("en-US")} characters; Excel's limit is 32,767.`;
  return isFormula ? formulaProblem(input) : undefined;
}
