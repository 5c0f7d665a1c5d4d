/**
 * Excel date serials (1900 system) and the period labels the note and analysts use.
 *
 * Serial 1 is 1900-01-01 and serial 60 is Excel's fictitious 1900-02-29, so from 1900-03-01 on a
 * serial is the number of days since 1899-12-30.
 */
import { listIn } from "./lang";

const MS_PER_DAY = 86_400_000;
const EPOCH_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const EPOCH_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);
const FIRST_REAL_MARCH_1900 = 61;

/** The last day Excel can show, 9999-12-31. */
export const MAX_SERIAL = 2_958_465;
/** Numbers in this range are read as decimal years (2026.5), everything else as serials. */
export const DECIMAL_YEAR_MIN = 1900;
export const DECIMAL_YEAR_MAX = 2200;

export function serialFromYmd(year: number, month: number, day: number): number {
  const utc = Date.UTC(year, month - 1, day);
  const afterBug = Math.round((utc - EPOCH_AFTER_LEAP_BUG) / MS_PER_DAY);
  return afterBug >= FIRST_REAL_MARCH_1900
    ? afterBug
    : Math.round((utc - EPOCH_BEFORE_LEAP_BUG) / MS_PER_DAY);
}

/** Calendar date of a whole serial, as ISO `yyyy-mm-dd` (serial 60 prints as Excel shows it). */
export function isoFromSerial(serial: number): string {
  const whole = Math.floor(serial);
  if (whole === 60) return "1900-02-29";
  const epoch = whole >= FIRST_REAL_MARCH_1900 ? EPOCH_AFTER_LEAP_BUG : EPOCH_BEFORE_LEAP_BUG;
  return new Date(epoch + whole * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 2026.5 → halfway through 2026, as a (fractional) serial. */
export function serialFromDecimalYear(decimalYear: number): number {
  const year = Math.floor(decimalYear);
  const start = serialFromYmd(year, 1, 1);
  const end = serialFromYmd(year + 1, 1, 1);
  return start + (decimalYear - year) * (end - start);
}

export interface Period {
  /** The label as analysts write it: "2H25", "Q1 2026", "Late 2027", "2027". */
  readonly label: string;
  /** First day, as a serial. */
  readonly start: number;
  /** First day after the period (exclusive end), as a serial. */
  readonly end: number;
}

/** A period's date: start + floor((end − start) / 2) days (SPEC, Periods). */
export function periodMidpoint(period: Period): number {
  return period.start + Math.floor((period.end - period.start) / 2);
}

function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function months(label: string, year: number, firstMonth: number, monthCount: number): Period {
  const endMonth = firstMonth + monthCount;
  return {
    label,
    start: serialFromYmd(year, firstMonth, 1),
    end:
      endMonth > 12 ? serialFromYmd(year + 1, endMonth - 12, 1) : serialFromYmd(year, endMonth, 1),
  };
}

const half = (h: number, year: number) =>
  months(`${h}H${String(year).slice(-2)}`, year, h === 1 ? 1 : 7, 6);
const quarter = (q: number, year: number) => months(`Q${q} ${year}`, year, 3 * q - 2, 3);
const wholeYear = (year: number, label = String(year)) => months(label, year, 1, 12);

type PeriodRule = [RegExp, (m: RegExpMatchArray) => Period];

/**
 * Label forms, matched after removing spaces and apostrophes and upper-casing:
 * 2H25, 1H2027, H1 2026, Q3 2026, 3Q26, Early/Mid/Late 2027, 2027, 2027E, FY2027.
 * "Early" is the year's first quarter, "Late" its last, "Mid" the middle of the whole year.
 */
const PERIOD_RULES: PeriodRule[] = [
  [/^([12])H(\d{2}|\d{4})$/, (m) => half(Number(m[1]), fullYear(m[2]))],
  [/^H([12])(\d{2}|\d{4})$/, (m) => half(Number(m[1]), fullYear(m[2]))],
  [/^Q([1-4])(\d{2}|\d{4})$/, (m) => quarter(Number(m[1]), fullYear(m[2]))],
  [/^([1-4])Q(\d{2}|\d{4})$/, (m) => quarter(Number(m[1]), fullYear(m[2]))],
  [/^EARLY(\d{2}|\d{4})$/, (m) => months(`Early ${fullYear(m[1])}`, fullYear(m[1]), 1, 3)],
  [/^MID(\d{2}|\d{4})$/, (m) => wholeYear(fullYear(m[1]), `Mid ${fullYear(m[1])}`)],
  [/^LATE(\d{2}|\d{4})$/, (m) => months(`Late ${fullYear(m[1])}`, fullYear(m[1]), 10, 3)],
  [/^(?:FY|CY)?(\d{4})E?$/, (m) => wholeYear(Number(m[1]))],
  [/^(?:FY|CY)(\d{2})E?$/, (m) => wholeYear(fullYear(m[1]))],
];

/** The label forms parsePeriod reads, as help and messages list them. */
export const PERIOD_FORM_LIST = [
  "2H25",
  "1H2027",
  "H1 2026",
  "Q3 2026",
  "3Q26",
  "Early/Mid/Late 2027",
  "2027",
  "2027E",
  "FY2027",
] as const;
export const PERIOD_FORMS = listIn(PERIOD_FORM_LIST, "en");

export function parsePeriod(text: string): Period | undefined {
  const key = text.replace(/[\s'’]/g, "").toUpperCase();
  for (const [pattern, build] of PERIOD_RULES) {
    const match = key.match(pattern);
    if (match) {
      const period = build(match);
      const startYear = Number(isoFromSerial(period.start).slice(0, 4));
      return startYear >= 1900 && period.end <= MAX_SERIAL + 1 ? period : undefined;
    }
  }
  return undefined;
}

/** ISO dates typed as text, "2026-03-11". */
export function parseIsoDate(text: string): number | undefined {
  const match = text.trim().match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const serial = serialFromYmd(year, month, day);
  // Date.UTC rolls 2026-02-31 over into March; a real date round-trips.
  const iso = `${match[1]}-${match[2].padStart(2, "0")}-${match[3].padStart(2, "0")}`;
  return year >= 1900 && isoFromSerial(serial) === iso ? serial : undefined;
}
