/** Cell values as Excel shows them, one row per case: value, number format, display. */
import { formatTraits, formatValue } from "../../src/host/format";

describe("formatValue", () => {
  test.each([
    // General: up to 11 characters, as a standard-width Excel cell shows it.
    [0.0999, "General", "0.0999"],
    [1799999.9999999998, "General", "1800000"],
    [45931, "General", "45931"],
    [0.1 + 0.2, "General", "0.3"],
    [1 / 3, "General", "0.333333333"],
    [-1 / 3, "General", "-0.33333333"],
    [-5, "General", "-5"],
    [0, "General", "0"],
    [123456.789012345, "General", "123456.789"],
    [123456789012, "General", "1.23457E+11"],
    [1e21, "General", "1E+21"],
    [1e-12, "General", "1E-12"],
    [42, "", "42"],
    [42, "@", "42"],
    // Percentages.
    [0.0999, "0.00%", "9.99%"],
    [0.625, "0.0%", "62.5%"],
    [0.3, "0%", "30%"],
    [-0.05, "0.0%", "-5.0%"],
    [0.00113, "0.000%", "0.113%"],
    // Fixed decimals, Excel's rounding (half away from zero on 15 digits).
    [2, "0.0", "2.0"],
    [-2, "0.00", "-2.00"],
    [1.005, "0.00", "1.01"],
    [2.5, "0", "3"],
    [-0.4, "0", "-0"],
    [0.1234, "0.0#", "0.12"],
    [0.1, "0.0#", "0.1"],
    [0.5, "#.##", ".5"],
    // Thousands, currencies and units in quotes.
    [1000, "#,##0", "1,000"],
    [1234567.891, "#,##0.00", "1,234,567.89"],
    [1800000, '"$"#,##0', "$1,800,000"],
    [-1234.5, '"$"#,##0', "-$1,235"],
    [2, '"$"0.00', "$2.00"],
    [1.6162, '"$"0.0', "$1.6"],
    [1.48148148, '"$"0.0000', "$1.4815"],
    [1.6, '"$"0.0"bn"', "$1.6bn"],
    [60, '0" T"', "60 T"],
    [0.03, '"$"0.00"/M"', "$0.03/M"],
    [7, '0" nm"', "7 nm"],
    [12, '0.0"x"', "12.0x"],
    [12345.678, "0.00E+00", "1.23E+04"],
    [0.000123, "0.00E+00", "1.23E-04"],
    // Sections: positive;negative;zero.
    [-5, "0;(0)", "(5)"],
    [0, '0;-0;"zero"', "zero"],
    // Dates: Excel's 1900 system, its fictitious 1900-02-29 included.
    [45931, "yyyy-mm-dd", "2025-10-01"],
    [60, "yyyy-mm-dd", "1900-02-29"],
    [46092, "yyyy-mm-dd", "2026-03-11"],
    [45931, "mmm d, yyyy", "Oct 1, 2025"],
    [45931, "dddd", "Wednesday"],
    [45931.75, "yyyy-mm-dd hh:mm", "2025-10-01 18:00"],
    [-1, "yyyy-mm-dd", "##########"],
    // Serial 0 is Excel's "1900-01-00", a Saturday (serial 1, 1900-01-01, is a Sunday).
    [0, "yyyy-mm-dd", "1900-01-00"],
    [0, "dddd", "Saturday"],
    // Noon is 12 PM; "m" after an hour is minutes, "mmm" always the month, "d" after an hour the day.
    [0.5, "h:mm AM/PM", "12:00 PM"],
    [0.25, "h:mm AM/PM", "6:00 AM"],
    [0.5, "h A/P", "12 P"],
    [0.25, "h A/P", "6 A"],
    [45931.75, "h d", "18 1"],
    [45931.75, "hh mmm", "18 Oct"],
    // Placeholders after the point only; an optional place drops its zero, the point stays.
    [0.5, ".00", ".50"],
    [1, "0.#", "1."],
    [1, "0.##", "1."],
    // Commas after the last placeholder scale by 1,000 each and group nothing.
    [1234567, "0,", "1235"],
    [1234567890, "0,,", "1235"],
    // Letters of codes inside quoted text are text.
    [5, '0" general"', "5 general"],
    [5, '0 "e+"', "5 e+"],
    // Two sections: zero takes the first.
    [0, "0;(0)", "0"],
    // General's scientific form drops trailing zeros only.
    [105000000000, "General", "1.05E+11"],
    // Text, booleans, errors and empty cells whatever the format.
    ["2H25", "0.0%", "2H25"],
    ["x", "@", "x"],
    [true, "0%", "TRUE"],
    [false, "General", "FALSE"],
    [{ error: "#NUM!", message: "" }, "0%", "#NUM!"],
    [{ error: "#VALUE!", message: "years is empty" }, "General", "#VALUE!"],
    [null, "0%", ""],
  ] as const)("%p under %p is %p", (value, format, display) => {
    expect(formatValue(value, format)).toBe(display);
  });

  test("General is the default", () => {
    expect(formatValue(0.0999)).toBe("0.0999");
  });

  test.each([
    ["yyyy-mm-dd", { date: true, percent: false }],
    ["0.0%", { date: false, percent: true }],
    ['"$"0.00', { date: false, percent: false }],
    ["General", { date: false, percent: false }],
    ["@", { date: false, percent: false }],
  ])("formatTraits(%p)", (format, traits) => {
    expect(formatTraits(format)).toEqual(traits);
  });
});
