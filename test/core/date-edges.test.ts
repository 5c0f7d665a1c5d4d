/**
 * Dates at their edges, worked by hand from the 1900 system: serial 1 is 1900-01-01, serial 60 the
 * fictitious 1900-02-29, 1901-01-01 is 367, 2026-01-01 is 46023 (2026-03-11, 46092, less 31 + 28 + 10
 * days), 9999-12-31 is 2,958,465 and 9999-01-01 is 364 days before it.
 */
import {
  CellError,
  MAX_SERIAL,
  coerce,
  isoFromSerial,
  parseIsoDate,
  parsePeriod,
  periodMidpoint,
  serialFromDecimalYear,
} from "../../src/core";

describe("ISO dates typed as text", () => {
  test.each([
    ["1900-01-01", 1],
    ["2026-03-01", 46082],
    ["2026-3-1", 46082],
    [" 2026-03-11 ", 46092],
    ["2028-02-29", 46812], // 2028-01-01 is 46023 + 365 + 365 = 46753; + 31 + 28
    ["9999-12-31", 2958465],
  ])("%p is serial %i", (text, serial) => {
    expect(parseIsoDate(text)).toBe(serial);
  });

  test.each([
    "1899-12-31",
    "2026-02-29",
    "2026-13-01",
    "2026-04-31",
    "12026-01-01",
    "2026-03-11T00:00",
    "2026/03/11",
  ])("%p is not a date Excel holds", (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});

describe("decimal years", () => {
  test("1900 has Excel's 366 days: 1900.5 is serial 1 + 183", () => {
    expect(serialFromDecimalYear(1900.5)).toBe(184);
  });

  test("a quarter of 2026 is 365 / 4 days", () => {
    expect(serialFromDecimalYear(2026.25)).toBeCloseTo(46023 + 91.25, 9);
  });
});

describe("periods at the ends of Excel's calendar", () => {
  test("1900 is the first year: serials 1 to 366", () => {
    expect(parsePeriod("1900")).toEqual({ label: "1900", start: 1, end: 367 });
    expect(parsePeriod("FY1900")?.start).toBe(1);
  });

  test("9999 is the last: it ends the day after 9999-12-31", () => {
    const period = parsePeriod("9999");
    expect(period).toEqual({ label: "9999", start: 2958101, end: MAX_SERIAL + 1 });
    // 365 days: the midpoint is 182 days in, 9999-07-02.
    expect(isoFromSerial(periodMidpoint(period!))).toBe("9999-07-02");
  });

  test("a quarter and a half that end in the next year", () => {
    // Q4 2026: 2026-10-01 to 2027-01-01; 2026-10-01 is 46023 + 273.
    expect(parsePeriod("Q4 2026")).toEqual({ label: "Q4 2026", start: 46296, end: 46388 });
    expect(parsePeriod("2H26")).toEqual({ label: "2H26", start: 46204, end: 46388 });
    // Early 2027: 2027-01-01 to 2027-04-01 (46388 + 31 + 28 + 31).
    expect(parsePeriod("Early 2027")).toEqual({ label: "Early 2027", start: 46388, end: 46478 });
  });

  test("two-digit years are this century, for every form", () => {
    expect(parsePeriod("FY26")?.start).toBe(46023);
    expect(parsePeriod("CY26")?.start).toBe(46023);
    expect(parsePeriod("CY2026")?.label).toBe("2026");
    expect(parsePeriod("Mid 26")?.label).toBe("Mid 2026");
    expect(parsePeriod("Q1 26")?.label).toBe("Q1 2026");
  });
});

describe("a date argument given as a number: a decimal year from 1900 to 2200, else a serial", () => {
  const WHEN = { name: "when", kind: "date", description: "", zh: { description: "" } } as const;

  test.each([
    // 1900 and 2200 are years, both ends included: 1900-01-01 is serial 1; 2200-01-01 is 109,575
    // (2026-01-01 is 46,023, plus 174 years of 365 days and the 42 leap days from 2028 to 2196).
    [1900, 1],
    [2200, 109_575],
    [2026.5, serialFromDecimalYear(2026.5)],
    // Outside them, a serial: 1899 is 1905-03-14, 2201 is 1906-01-08.
    [1899, 1899],
    [2201, 2201],
  ])("%p → %p", (raw, serial) => {
    expect(coerce(WHEN, raw)).toBe(serial);
  });

  test.each([Infinity, -Infinity, NaN])("%p is #NUM!: not a finite number", (raw) => {
    const result = coerce(WHEN, raw) as CellError;
    expect([result.code, result.message]).toEqual(["#NUM!", "when is not a finite number."]);
  });

  test("0 and numbers past 9999-12-31 are #NUM!, saying what is taken", () => {
    for (const raw of [0, MAX_SERIAL + 1]) {
      const result = coerce(WHEN, raw) as CellError;
      expect(result.code).toBe("#NUM!");
      expect(result.message).toMatch(
        /^when must be a date from 1900-01-01 to 9999-12-31 or a decimal year; got /
      );
    }
  });
});
