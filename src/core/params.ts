/**
 * Parameter descriptions and the one coercion every argument goes through: Excel value in, typed
 * value or `CellError` out. Defaults, limits and the wording of every argument error live here.
 */
import {
  DECIMAL_YEAR_MAX,
  DECIMAL_YEAR_MIN,
  MAX_SERIAL,
  PERIOD_FORMS,
  PERIOD_FORM_LIST,
  parseIsoDate,
  parsePeriod,
  periodMidpoint,
  serialFromDecimalYear,
} from "./dates";
import { Lang, inLanguage, listIn } from "./lang";
import { CellError, CellValue, Matrix, describe, divError, numError, valueError } from "./values";

interface ParamBase {
  /** The argument's name as Excel shows it: snake_case, as in SPEC. */
  readonly name: string;
  readonly description: string;
  /** Omitted (null) or an empty cell takes the default; without a default the function sees null. */
  readonly optional?: boolean;
  /** The description in Chinese. The name is not translated: it is the same in every language. */
  readonly zh: { readonly description: string };
}

export interface NumberParam extends ParamBase {
  readonly kind: "number";
  /** "fraction" numbers are shown as percentages in messages and help (30% = 0.3). */
  readonly unit: string;
  readonly default?: number;
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** The argument divides: exactly 0 gives #DIV/0! rather than #NUM!. */
  readonly divisor?: boolean;
  /** `unit` in Chinese, for every unit but "fraction" (a test holds every other one to it). */
  readonly zh: { readonly description: string; readonly unit?: string };
}

export interface DateParam extends ParamBase {
  readonly kind: "date";
}

export interface ChoiceParam extends ParamBase {
  readonly kind: "choice";
  readonly options: readonly string[];
  readonly default?: string;
}

export interface TextParam extends ParamBase {
  readonly kind: "text";
  /** What the text names, for messages: "a metric of Table 2". */
  readonly accepts: string;
  readonly zh: { readonly description: string; readonly accepts: string };
}

export interface BooleanParam extends ParamBase {
  readonly kind: "boolean";
  readonly default?: boolean;
}

/**
 * A whole range read as one table — PARITY_AT's `chips`, METRIC's `tokens`. It is never broadcast:
 * the runner reads it once per call and hands every element the same table. Always optional: omitted
 * (or a single empty cell), the function uses the note's own table.
 */
export interface TableParam<T extends object = object> extends ParamBase {
  readonly kind: "table";
  readonly optional: true;
  /** What the range is laid out like, for help: 'a range laid out like APPENDIX("chips")…'. */
  readonly accepts: string;
  readonly zh: { readonly description: string; readonly accepts: string };
  /** The range's cells → the table the function body receives, or the error naming row and column. */
  readonly read: (cells: Matrix<CellValue>, name: string) => T | CellError;
}

export type Param = NumberParam | DateParam | ChoiceParam | TextParam | BooleanParam | TableParam;

type ValueOf<P extends Param> =
  P extends TableParam<infer T>
    ? T
    : P extends NumberParam | DateParam
      ? number
      : P extends BooleanParam
        ? boolean
        : string;
type ArgOf<P extends Param> = P extends { default: unknown }
  ? ValueOf<P>
  : P extends { optional: true }
    ? ValueOf<P> | null
    : ValueOf<P>;
/** The typed arguments a function body receives for a parameter list. */
export type ArgsOf<P extends readonly Param[]> = {
  [K in keyof P]: P[K] extends Param ? ArgOf<P[K]> : never;
};

/** A typed argument: a value, or the table a table argument was read into. */
export type Arg = number | string | boolean | null | object;

const isFraction = (param: Param) => param.kind === "number" && param.unit === "fraction";

/** A number as the analyst thinks of it: fractions as percentages. */
export function formatNumber(value: number, fraction: boolean): string {
  const shown = fraction ? value * 100 : value;
  const text = Number.isInteger(shown) ? String(shown) : String(Number(shown.toPrecision(6)));
  return (fraction ? `${text}%` : text).replace("-", "−");
}

/**
 * The domain in words: "from 0% to 100% (exclusive)", "greater than −100%", "a whole number from 0
 * to 3"; in Chinese "0%至100%（不含）", "大于−100%", "0至3的整数".
 */
export function limitsText(param: NumberParam, lang: Lang = "en"): string {
  const show = (n: number) => formatNumber(n, isFraction(param));
  const en = lang === "en";
  const { min, max, minExclusive, maxExclusive } = param;
  const exclusive = en ? " (exclusive)" : "（不含）";
  const low =
    min === undefined
      ? ""
      : `${minExclusive ? (en ? "greater than " : "大于") : en ? "at least " : "不小于"}${show(min)}`;
  const high =
    max === undefined
      ? ""
      : `${maxExclusive ? (en ? "below " : "小于") : en ? "at most " : "不大于"}${show(max)}`;
  const range =
    min !== undefined && max !== undefined
      ? `${en ? "from " : ""}${show(min)}${minExclusive ? exclusive : ""}${en ? " to " : "至"}${show(max)}${maxExclusive ? exclusive : ""}`
      : low || high;
  if (!param.integer) return range;
  if (en) return ["a whole number", range].filter(Boolean).join(" ");
  return range ? `${range}的整数` : "整数";
}

/** What an argument accepts, in words, for messages, help pages, the pane and the README. */
export function acceptsText(param: Param, lang: Lang = "en"): string {
  const en = lang === "en";
  switch (param.kind) {
    case "number": {
      const unit = inLanguage(param, lang).unit;
      const what = isFraction(param)
        ? en
          ? "a fraction (30% = 0.3)"
          : "小数（30% = 0.3）"
        : en
          ? `a number (${unit})`
          : `数值（${unit}）`;
      const limits = limitsText(param, lang);
      return limits ? `${what}${en ? ", " : "，"}${limits}` : what;
    }
    case "date":
      return en
        ? `a date, a decimal year such as 2026.5, or a period label (${PERIOD_FORMS})`
        : `日期、小数年份（如2026.5）或期间标签（${listIn(PERIOD_FORM_LIST, lang)}）`;
    case "choice":
      return listIn(
        param.options.map((o) => `"${o}"`),
        lang
      );
    case "text":
      return inLanguage(param, lang).accepts;
    case "boolean":
      return en ? "TRUE or FALSE" : "TRUE或FALSE";
    case "table":
      return inLanguage(param, lang).accepts;
  }
}

export function defaultText(param: Param): string | undefined {
  if (!("default" in param) || param.default === undefined) return undefined;
  if (param.kind === "number") return formatNumber(param.default, isFraction(param));
  if (param.kind === "boolean") return param.default ? "TRUE" : "FALSE";
  return `"${param.default}"`;
}

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*(%?)\s*$/i;

/** Excel reads "30%", "0.3" and "1e5" typed as text as numbers; so does CNAI. "NaN", "Infinity" are text. */
export function numberFromText(text: string): number | undefined {
  const match = text.match(NUMERIC_TEXT);
  if (!match) return undefined;
  // parseFloat reads the number and stops at the "%" the pattern allows after it.
  const value = parseFloat(text);
  return match[1] ? value / 100 : value;
}

function wrongType(param: Param, raw: unknown): CellError {
  return valueError(`${param.name} must be ${acceptsText(param)}; got ${describe(raw)}.`);
}

function checkLimits(param: NumberParam, value: number): number | CellError {
  if (!Number.isFinite(value)) return numError(`${param.name} is not a finite number.`);
  const outside = () =>
    numError(
      `${param.name} must be ${limitsText(param)}; got ${formatNumber(value, isFraction(param))}.`
    );
  if (param.divisor && value === 0)
    return divError(`${param.name} is zero and divides the result.`);
  if (param.min !== undefined && (param.minExclusive ? value <= param.min : value < param.min))
    return outside();
  if (param.max !== undefined && (param.maxExclusive ? value >= param.max : value > param.max))
    return outside();
  if (param.integer && !Number.isInteger(value)) return outside();
  return value;
}

function dateFromNumber(param: Param, value: number): number | CellError {
  if (!Number.isFinite(value)) return numError(`${param.name} is not a finite number.`);
  if (value >= DECIMAL_YEAR_MIN && value <= DECIMAL_YEAR_MAX) return serialFromDecimalYear(value);
  if (value >= 1 && value <= MAX_SERIAL) return value;
  return numError(
    `${param.name} must be a date from 1900-01-01 to 9999-12-31 or a decimal year; got ${formatNumber(value, false)}.`
  );
}

function coerceDate(param: DateParam, raw: unknown): number | CellError {
  if (typeof raw === "number") return dateFromNumber(param, raw);
  if (typeof raw !== "string") return wrongType(param, raw);
  const period = parsePeriod(raw);
  if (period) return periodMidpoint(period);
  const iso = parseIsoDate(raw);
  if (iso !== undefined) return iso;
  const numeric = numberFromText(raw);
  return numeric === undefined ? wrongType(param, raw) : dateFromNumber(param, numeric);
}

function coerceBoolean(param: BooleanParam, raw: unknown): boolean | CellError {
  if (typeof raw === "boolean") return raw;
  // Number.isFinite is false for anything but a finite number: no typeof needed.
  if (Number.isFinite(raw)) return raw !== 0;
  if (typeof raw === "string" && /^\s*(true|false)\s*$/i.test(raw))
    return raw.trim().toUpperCase() === "TRUE";
  return wrongType(param, raw);
}

function coerceChoice(param: ChoiceParam, raw: unknown): string | CellError {
  if (typeof raw !== "string") return wrongType(param, raw);
  const key = raw.trim().toLowerCase();
  return param.options.find((option) => option === key) ?? wrongType(param, raw);
}

/** Blank means omitted: Excel passes null for an omitted argument and for an empty cell in a range. */
export const isBlank = (raw: unknown) => raw === null || raw === undefined || raw === "";

/** A range (or a single cell) → the table it holds; a single empty cell is an omitted table. */
function readTable(param: TableParam, raw: unknown): Arg | CellError {
  const cells = (Array.isArray(raw) ? raw : [[raw]]) as Matrix<CellValue>;
  if (cells.length === 1 && cells[0].length === 1) {
    const only = cells[0][0];
    if (only instanceof CellError) return only;
    if (isBlank(only)) return null;
  }
  return param.read(cells, param.name);
}

/** One Excel value → the typed argument the function body receives, or the error for that cell. */
export function coerce(param: Param, raw: unknown): Arg | CellError {
  if (raw instanceof CellError) return raw;
  if (param.kind === "table") return readTable(param, raw);
  if (isBlank(raw)) {
    if ("default" in param && param.default !== undefined) return param.default;
    if (param.optional) return null;
    return valueError(`${param.name} is empty; it needs ${acceptsText(param)}.`);
  }
  switch (param.kind) {
    case "number": {
      const value =
        typeof raw === "number" ? raw : typeof raw === "string" ? numberFromText(raw) : undefined;
      return value === undefined ? wrongType(param, raw) : checkLimits(param, value);
    }
    case "date":
      return coerceDate(param, raw);
    case "choice":
      return coerceChoice(param, raw);
    case "text":
      if (Number.isFinite(raw)) return String(raw);
      return typeof raw === "string" ? raw : wrongType(param, raw);
    case "boolean":
      return coerceBoolean(param, raw);
  }
}
