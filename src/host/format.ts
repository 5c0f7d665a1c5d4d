/**
 * Cell values as Excel shows them under a number format: General, and the formats the plans write —
 * fixed decimals, percentages, thousands separators, quoted units ('"$"0.0"bn"', '0" T"'),
 * scientific notation, dates. Browser-safe: no Node APIs.
 *
 * Numbers are rounded as Excel rounds them for display: on their 15-significant-digit decimal form,
 * half away from zero (1.005 under "0.00" is "1.01", though the double is just below 1.005).
 */
import { MAX_SERIAL, isoFromSerial } from "../core/dates";
import type { WorkbenchValue } from "./contract";

/** A rounded number as decimal digits: `int` without leading zeros ("" for 0), `fraction` padded. */
interface Rounded {
  readonly int: string;
  readonly fraction: string;
}

/** |value| rounded to `decimals` places on its 15-significant-digit form. */
function roundDecimal(magnitude: number, decimals: number): Rounded {
  const [mantissa, exponentText] = magnitude.toExponential(14).split("e");
  const digits = mantissa.replace(".", "");
  // Digit i stands for 10^(exponent − i); the last one kept stands for 10^−decimals.
  const keep = Number(exponentText) + 1 + decimals;
  let kept: string;
  if (keep < 0) kept = "0";
  else {
    const padded = digits.padEnd(keep + 1, "0");
    kept = padded.slice(0, keep);
    // Past the 15 significant digits there are only padding zeros, so a round-up keeps at most 14:
    // exact as a number.
    if (padded[keep] >= "5") kept = String(Number(kept) + 1);
  }
  // At most one leading zero: the padding when fewer digits than decimals + 1 were kept.
  const whole = kept.padStart(decimals + 1, "0");
  return {
    int: whole.slice(0, whole.length - decimals).replace(/^0/, ""),
    fraction: whole.slice(whole.length - decimals),
  };
}

const group = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

// ---------------------------------------------------------------------------------------------
// General

/** Excel's General shows what fits in about 11 characters of a standard-width cell. */
const GENERAL_WIDTH = 11;

function generalScientific(magnitude: number, negative: boolean): string {
  let exponent = Math.floor(Math.log10(magnitude));
  const exponentText = () =>
    `E${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  const decimals = Math.max(0, GENERAL_WIDTH - (negative ? 1 : 0) - 2 - exponentText().length);
  let rounded = roundDecimal(magnitude / 10 ** exponent, decimals);
  if (rounded.int.length > 1) {
    exponent += 1;
    rounded = roundDecimal(magnitude / 10 ** exponent, decimals);
  }
  const fraction = rounded.fraction.replace(/0+$/, "");
  return `${rounded.int || "0"}${fraction ? "." + fraction : ""}${exponentText()}`;
}

/** A magnitude under General; a minus sign, when there is one, takes one of the characters. */
function general(magnitude: number, negative: boolean): string {
  if (magnitude === 0) return "0";
  if (magnitude >= 1e11 || magnitude < 1e-9) return generalScientific(magnitude, negative);
  const intDigits = Math.max(1, Math.floor(Math.log10(magnitude)) + 1);
  const decimals = Math.max(0, GENERAL_WIDTH - (negative ? 1 : 0) - intDigits - 1);
  const rounded = roundDecimal(magnitude, decimals);
  const fraction = rounded.fraction.replace(/0+$/, "");
  if (!rounded.int && !fraction) return generalScientific(magnitude, negative);
  return `${rounded.int || "0"}${fraction ? "." + fraction : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Format codes

type Token =
  | { readonly kind: "literal"; readonly text: string }
  /** Where the number goes: the first digit placeholder of the section. */
  | { readonly kind: "number" }
  | { readonly kind: "date"; readonly code: string }
  | { readonly kind: "text" };

interface Section {
  readonly tokens: readonly Token[];
  /** Digit placeholders before the decimal point (0, # and ?), commas included. */
  readonly integer: string;
  /** After the decimal point, when there is one. */
  readonly fraction?: string;
  /** Placeholders of the exponent ("00" of "0.00E+00"), when scientific. */
  readonly exponent?: string;
  readonly percents: number;
  /** Commas right after the number's last placeholder, before or after the point: ÷1,000 each. */
  readonly thousands: number;
  readonly general: boolean;
  readonly isDate: boolean;
}

const DATE_CODE = /^(y+|m+|d+|h+|s+|am\/pm|a\/p)/i;

/** Splits a format code into its sections at semicolons outside quotes and brackets. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let current = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      const end = close < 0 ? code.length : close + 1;
      current += code.slice(i, end);
      i = end - 1;
    } else if (ch === "\\" && i + 1 < code.length) {
      current += code.slice(i, i + 2);
      i++;
    } else if (ch === ";") {
      sections.push(current);
      current = "";
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

function parseSection(code: string): Section {
  const tokens: Token[] = [];
  let integer = "";
  let fraction: string | undefined;
  let exponent: string | undefined;
  let percents = 0;
  let thousands = 0;
  let general = false;
  let isDate = false;
  let placedNumber = false;
  const literal = (text: string) => tokens.push({ kind: "literal", text });
  for (let i = 0; i < code.length;) {
    const ch = code[i];
    const rest = code.slice(i);
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      const end = close < 0 ? code.length : close;
      literal(code.slice(i + 1, end));
      i = end + 1;
    } else if (ch === "\\") {
      literal(code[i + 1] ?? "");
      i += 2;
    } else if (ch === "_") {
      literal(" "); // space the width of the next character
      i += 2;
    } else if (ch === "*") {
      i += 2; // repeat-to-fill: nothing to fill in a string
    } else if (ch === "[") {
      const close = code.indexOf("]", i);
      const inside = code.slice(i + 1, close < 0 ? code.length : close);
      // [$€-407] is a currency symbol; [Red], [>=100] and locale tags show nothing.
      const currency = inside.match(/^\$([^-]*)/);
      if (currency) literal(currency[1]);
      i = close < 0 ? code.length : close + 1;
    } else if (/^general/i.test(rest)) {
      general = true;
      tokens.push({ kind: "number" });
      i += 7;
    } else if (ch === "%") {
      percents++;
      literal("%");
      i++;
    } else if (ch === "@") {
      tokens.push({ kind: "text" });
      i++;
    } else if (/[0#?]/.test(ch) || (ch === "." && /[0#?]/.test(code[i + 1] ?? ""))) {
      if (!placedNumber) tokens.push({ kind: "number" });
      placedNumber = true;
      thousands = 0;
      if (exponent !== undefined) exponent += ch;
      else if (ch === ".") fraction = fraction ?? "";
      else if (fraction !== undefined) fraction += ch;
      else integer += ch;
      i++;
    } else if (ch === "," && placedNumber && exponent === undefined) {
      if (fraction === undefined) integer += ch;
      thousands++;
      i++;
    } else if (/^e[+-]/i.test(rest) && placedNumber) {
      exponent = "";
      i += 2;
    } else if (DATE_CODE.test(rest)) {
      const match = rest.match(DATE_CODE) as RegExpMatchArray;
      isDate = true;
      tokens.push({ kind: "date", code: match[0] });
      i += match[0].length;
    } else if (ch === ".") {
      if (placedNumber && fraction === undefined) fraction = "";
      else literal(ch);
      i++;
    } else {
      literal(ch);
      i++;
    }
  }
  return { tokens, integer, fraction, exponent, percents, thousands, general, isDate };
}

const SECTIONS = new Map<string, Section[]>();

function sectionsOf(code: string): Section[] {
  let sections = SECTIONS.get(code);
  if (!sections) {
    sections = splitSections(code).map(parseSection);
    SECTIONS.set(code, sections);
  }
  return sections;
}

/** The digits of a non-negative number under a section's placeholders. */
function renderDigits(magnitude: number, section: Section): string {
  // Commas after the last placeholder divide by 1,000 each ("0,," millions, "0.0," thousands
  // with a decimal); a comma between placeholders groups.
  const trailing = section.integer.match(/,+$/)?.[0].length ?? 0;
  const integer = section.integer.slice(0, section.integer.length - trailing);
  const grouped = integer.includes(",");
  const scaled = magnitude / 1000 ** section.thousands;
  const fractionCode = section.fraction ?? "";
  const decimals = fractionCode.length;
  const minInt = (integer.match(/0/g) ?? []).length;

  let exponentPart = "";
  let mantissa = scaled;
  if (section.exponent !== undefined) {
    const intPlaces = Math.max(1, (integer.match(/[0#?]/g) ?? []).length);
    let exponent = scaled === 0 ? 0 : Math.floor(Math.log10(scaled)) - (intPlaces - 1);
    mantissa = scaled / 10 ** exponent;
    if (roundDecimal(mantissa, decimals).int.length > intPlaces) {
      exponent += 1;
      mantissa = scaled / 10 ** exponent;
    }
    const digits = String(Math.abs(exponent)).padStart(section.exponent.length, "0");
    exponentPart = `E${exponent < 0 ? "-" : "+"}${digits}`;
  }

  const rounded = roundDecimal(mantissa, decimals);
  let int = rounded.int.padStart(minInt, "0");
  if (grouped) int = group(int);
  // Optional places (# and ?) drop trailing zeros beyond the required ones (0).
  let fraction = rounded.fraction;
  for (let k = decimals - 1; k >= 0 && fraction[k] === "0" && fractionCode[k] !== "0"; k--) {
    fraction = fraction.slice(0, k) + (fractionCode[k] === "?" ? " " : "") + fraction.slice(k + 1);
  }
  const point = section.fraction !== undefined ? "." : "";
  return `${int}${point}${fraction}${exponentPart}`;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function renderDate(serial: number, section: Section): string {
  // Excel shows a negative date, or one past 9999-12-31, as a cell full of #.
  if (serial < 0 || serial >= MAX_SERIAL + 1) return "#".repeat(10);
  // Below serial 1 (0, or a time of day alone) the date is Excel's "1900-01-00", the day before its first.
  const [year, month, day] =
    serial < 1 ? [1900, 1, 0] : isoFromSerial(serial).split("-").map(Number);
  // Excel's serial 1 (1900-01-01) is a Sunday in its own calendar, the fictitious 1900-02-29 included.
  const weekday = (Math.floor(serial) + 6) % 7;
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  const twelveHour = section.tokens.some((t) => t.kind === "date" && /^a/i.test(t.code));
  const hour24 = Math.floor(seconds / 3600) % 24;
  const hour = twelveHour ? hour24 % 12 || 12 : hour24;
  const minute = Math.floor(seconds / 60) % 60;
  const second = seconds % 60;
  const two = (n: number) => String(n).padStart(2, "0");

  const tokens = section.tokens;
  let out = "";
  tokens.forEach((token, k) => {
    if (token.kind === "literal") out += token.text;
    if (token.kind !== "date") return;
    const code = token.code.toLowerCase();
    // "m" is minutes right after an hour or right before seconds, else the month.
    const previous = tokens
      .slice(0, k)
      .reverse()
      .find((t) => t.kind === "date");
    const next = tokens.slice(k + 1).find((t) => t.kind === "date");
    const isMinute =
      code[0] === "m" &&
      code.length <= 2 &&
      ((previous?.kind === "date" && /^h/i.test(previous.code)) ||
        (next?.kind === "date" && /^s/i.test(next.code)));
    if (code[0] === "y") out += code.length <= 2 ? two(year % 100) : String(year);
    else if (isMinute) out += code.length === 2 ? two(minute) : String(minute);
    else if (code[0] === "m") {
      if (code.length === 1) out += String(month);
      else if (code.length === 2) out += two(month);
      else if (code.length === 3) out += MONTHS[month - 1].slice(0, 3);
      else if (code.length === 5) out += MONTHS[month - 1][0];
      else out += MONTHS[month - 1];
    } else if (code[0] === "d") {
      if (code.length === 1) out += String(day);
      else if (code.length === 2) out += two(day);
      else if (code.length === 3) out += DAYS[weekday].slice(0, 3);
      else out += DAYS[weekday];
    } else if (code[0] === "h") out += code.length >= 2 ? two(hour) : String(hour);
    else if (code[0] === "s") out += code.length >= 2 ? two(second) : String(second);
    else if (code === "am/pm") out += hour24 < 12 ? "AM" : "PM";
    else if (code === "a/p") out += hour24 < 12 ? "A" : "P";
  });
  return out;
}

function renderNumber(value: number, sections: readonly Section[]): string {
  // Sections: positive;negative;zero;text. A negative number in its own section loses its sign.
  let section = sections[0];
  let sign = value < 0 ? "-" : "";
  if (value < 0 && sections.length >= 2 && sections[1].tokens.length > 0) {
    section = sections[1];
    sign = "";
  } else if (value === 0 && sections.length >= 3) section = sections[2];
  if (section.isDate) return renderDate(value, section);
  const magnitude = Math.abs(value) * 100 ** section.percents;
  let out = "";
  for (const token of section.tokens) {
    if (token.kind === "literal") out += token.text;
    else if (token.kind === "number")
      out += section.general ? general(magnitude, sign !== "") : renderDigits(magnitude, section);
  }
  return sign + out;
}

function renderText(text: string, sections: readonly Section[]): string {
  const section =
    sections[3] ??
    (sections.length === 1 && sections[0].tokens.some((t) => t.kind === "text")
      ? sections[0]
      : undefined);
  if (!section) return text;
  return section.tokens
    .map((token) => (token.kind === "literal" ? token.text : token.kind === "text" ? text : ""))
    .join("");
}

/** A cell's value as Excel shows it under `numberFormat` ("General" when empty). */
export function formatValue(value: WorkbenchValue, numberFormat = "General"): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "object") return value.error;
  const code = numberFormat.trim();
  const sections = sectionsOf(code === "" || code === "@" ? "General" : code);
  if (typeof value === "string") return renderText(value, sections);
  if (!Number.isFinite(value)) return "#NUM!";
  return renderNumber(value, sections);
}

/** What a format code makes of a number: a date, a percentage. */
export function formatTraits(numberFormat: string): { date: boolean; percent: boolean } {
  const [section] = sectionsOf(numberFormat.trim() || "General");
  return { date: section.isDate, percent: section.percents > 0 };
}

// ---------------------------------------------------------------------------------------------
// Which format codes Excel accepts

/**
 * Codes inside brackets: a colour ([Red], [Color12]), a condition ([>=100]), a currency or locale
 * ([$€-407]), elapsed time ([h], [mm], [ss]).
 */
const BRACKETED = [
  /^(black|blue|cyan|green|magenta|red|white|yellow)$/i,
  /^color([1-9]|[1-4]\d|5[0-6])$/i,
  /^(<|>|=|<=|>=|<>)\s*-?\d+(\.\d+)?$/,
  /^\$[^\]]*$/,
  /^(h+|m+|s+)$/i,
];

/** Letters that mean something outside quotes: General, dates and times, AM/PM, the exponent. */
const CODE_LETTERS = /^(general|am\/pm|a\/p|e[+-]|[ymdhs]+)/i;

/**
 * Characters Excel shows without quotes ("Review guidelines for customizing a number format",
 * support.microsoft.com): $ + ( : ^ ' { < = - / ) ! & ~ } > and space; and the placeholders and
 * symbols of the code itself: 0 # ? . , % @ digits (fraction denominators).
 */
const PLAIN = /^[$+(:^'{<=\-/)!&~}> 0-9#?.,%@]$/;

/**
 * Why Excel refuses a number format code, or undefined when it accepts it: an unclosed quote or
 * bracket, a bracket it does not know, more than four sections, a letter or symbol outside quotes
 * that is no code, a backslash, _ or * with nothing after it, more than 255 characters. Letters
 * outside ASCII (€, ¥, 元) are taken as Excel takes its currency symbols, shown as they are.
 */
export function numberFormatProblem(code: string): string | undefined {
  if (code.length > 255)
    return `The number format has ${code.length} characters; Excel's limit is 255.`;
  let sections = 1;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      if (close < 0) return `The number format "${code}" has a quote that is not closed.`;
      i = close;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      if (i + 1 >= code.length)
        return `The number format "${code}" ends with ${ch} and nothing after it.`;
      i++;
    } else if (ch === "[") {
      const close = code.indexOf("]", i + 1);
      if (close < 0) return `The number format "${code}" has a bracket that is not closed.`;
      const inside = code.slice(i + 1, close);
      if (!BRACKETED.some((pattern) => pattern.test(inside)))
        return `The number format "${code}" has [${inside}], which is no colour, condition, currency or elapsed time.`;
      i = close;
    } else if (ch === "]") {
      return `The number format "${code}" has a ] without its [.`;
    } else if (ch === ";") {
      if (++sections > 4)
        return `The number format "${code}" has more than four sections (positive;negative;zero;text).`;
    } else if (/[A-Za-z]/.test(ch)) {
      const match = code.slice(i).match(CODE_LETTERS);
      if (!match)
        return `The number format "${code}" has "${ch}" outside quotes, which is no format code; quote it ("${ch}") or escape it (\\${ch}).`;
      i += match[0].length - 1;
    } else if (ch.charCodeAt(0) < 128 && !PLAIN.test(ch)) {
      return `The number format "${code}" has "${ch}" outside quotes; quote it or escape it (\\${ch}).`;
    }
  }
  return undefined;
}
