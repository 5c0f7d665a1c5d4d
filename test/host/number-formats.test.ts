/**
 * The parts of Excel's number-format language the host's display reads beyond the plans' own formats:
 * escapes, spacing and fill characters, bracketed codes, scaling commas, optional places, text
 * sections, and the date and time codes. Each display worked by hand from the format code.
 */
import { formatTraits, formatValue, numberFormatProblem } from "../../src/host/format";

describe("format codes", () => {
  test.each([
    // A semicolon inside quotes or after a backslash does not start a section.
    [5, '"a;b"0', "a;b5"],
    [5, "0\\;", "5;"],
    [-5, '"a;b"0;"neg"0', "neg5"],
    // \x shows x; _x leaves a space as wide as x; *x fills, which a string cannot.
    [5, "\\[0\\]", "[5]"],
    [5, "0_)", "5 "],
    [5, "*-0", "5"],
    // [$€-407] is a currency symbol; colours and conditions show nothing.
    [1.5, "[$€-407] 0.00", "€ 1.50"],
    [5, "[Red]0", "5"],
    [5, "[$USD]0", "USD5"],
    // A comma after the last placeholder divides by 1,000; two, by 1,000,000.
    [1234567, "0,,", "1"],
    [1500000, "0,,", "2"],
    [1234567, "#,##0,", "1,235"],
    // After the decimals too: thousands or millions with a decimal, as analysts show revenue.
    [1500, "0.0,", "1.5"],
    // No comma between placeholders: no grouping, however large.
    [1234567890, "0.0,", "1234567.9"],
    [1234567, "#,##0.0,", "1,234.6"],
    [1500000, "0.0,,", "1.5"],
    // Optional places: # drops a trailing zero, ? leaves a space in its place.
    [0.1, "0.0?", "0.1 "],
    [0.1, "0.0#", "0.1"],
    [0.15, "0.0?", "0.15"],
    [0, "#", ""],
    [7, "000", "007"],
    // An exponent with more digits than needed is padded; a mantissa of 10 moves to the next power.
    [99999, "0.00E+00", "1.00E+05"],
    // Two integer places keep two digits before the point: 12,345 = 12.3 × 10³.
    [12345, "00.0E+0", "12.3E+3"],
    [1, "0.0E+000", "1.0E+000"],
    [0, "0.00E+00", "0.00E+00"],
    // A point with no places after it.
    [5, "0.", "5."],
    // Rounding to the places shown, half away from zero, from far below them to far above.
    [0.0004, "0", "0"],
    [0.004, "0.0", "0.0"],
    [0.4, "0", "0"],
    [0.5, "0", "1"],
    [0.6, "0", "1"],
    [0.96, "0.0", "1.0"],
    [0, "0.00", "0.00"],
    [1e20, "0", "100000000000000000000"],
    [123456789012345680000, "#,##0", "123,456,789,012,346,000,000"],
    [105, "0", "105"],
    [1005, "0.0", "1005.0"],
  ] as const)("%p under %p is %p", (value, format, display) => {
    expect(formatValue(value, format)).toBe(display);
  });

  test.each([
    // Sections positive;negative;zero;text: the text section wraps text, @ standing for it.
    ["abc", '0;-0;0;"<"@">"', "<abc>"],
    ["abc", '"<"@">"', "<abc>"],
    // Without a text section, or a lone section with @, text shows as it is.
    ["abc", "0;-0", "abc"],
    ["abc", '0.00"x"', "abc"],
    ["", "0;-0;0;@", ""],
  ] as const)("text %p under %p is %p", (value, format, display) => {
    expect(formatValue(value, format)).toBe(display);
  });

  test.each([
    // 45931 is Wednesday 2025-10-01; .75 of a day is 18:00.
    [45931, "d/m/yy", "1/10/25"],
    [45931, "dd/mm/yyyy", "01/10/2025"],
    [45931, "ddd d mmm", "Wed 1 Oct"],
    [45931, "mmmm", "October"],
    [45931, "mmmmm", "O"],
    [45931, "m", "10"],
    [45931.75, "h:mm AM/PM", "6:00 PM"],
    [45931.75, "h:mm A/P", "6:00 P"],
    [45931.25, "hh:mm AM/PM", "06:00 AM"],
    // Midnight on a 12-hour clock is 12.
    [45931, "h AM/PM", "12 AM"],
    [45931, "h", "0"],
    // 1:02:03 is 3723 seconds: m after h or before s is minutes, otherwise the month.
    [45931 + 3723 / 86400, "h:m:s", "1:2:3"],
    [45931 + 3723 / 86400, "hh:mm:ss", "01:02:03"],
    [45931 + 3723 / 86400, "mm:ss", "02:03"],
    [45931 + 3723 / 86400, "yyyy-mm", "2025-10"],
    // Serial 1 is 1900-01-01, a Sunday in Excel's calendar; serial 7 the next Saturday.
    [1, "dddd", "Sunday"],
    [7, "dddd", "Saturday"],
    [61, "ddd", "Thu"],
    // After 9999-12-31 (serial 2,958,465) there is no date to show.
    [2958465, "yyyy-mm-dd", "9999-12-31"],
    [2958466, "yyyy-mm-dd", "##########"],
  ] as const)("%p under %p is %p", (value, format, display) => {
    expect(formatValue(value, format)).toBe(display);
  });

  test.each([
    // General: eleven characters, the minus sign one of them.
    [-123456789012, "-1.2346E+11"],
    [99999999999, "99999999999"],
    [999999999999, "1E+12"],
    [1e-10, "1E-10"],
    [0.5, "0.5"],
    // 1e11 has 12 digits: scientific from there; below it, the digits that fit.
    [1e11, "1E+11"],
    [1.5e11, "1.5E+11"],
    [99999999999.4, "99999999999"],
    [123456.5, "123456.5"],
    [0.1234, "0.1234"],
    // 1e-9 still fits in eleven characters; smaller, or with a minus sign, it is scientific.
    [1e-9, "0.000000001"],
    [5e-10, "5E-10"],
    [-1e-9, "-1E-09"],
    [0, "0"],
  ] as const)("%p under General is %p", (value, display) => {
    expect(formatValue(value, "General")).toBe(display);
  });

  test("a format code is read the same however it is spaced around", () => {
    expect(formatValue(0.3, "  0%  ")).toBe("30%");
    expect(formatTraits("  ")).toEqual({ date: false, percent: false });
    expect(formatTraits("0.0%%")).toEqual({ date: false, percent: true });
    expect(formatValue(0.003, "0.0%%")).toBe("30.0%%");
    expect(formatTraits("h:mm")).toEqual({ date: true, percent: false });
  });

  test("non-finite numbers are #NUM!", () => {
    expect(formatValue(Infinity, "0.00")).toBe("#NUM!");
    expect(formatValue(NaN, "General")).toBe("#NUM!");
  });
});

describe("format codes Excel accepts", () => {
  it.each(["[Red][>=100]0", "[Blue][<=100]0.0;[Red]-0.0", "yyyy-mm-dd hh:mm AM/PM", '0.0"x"'])(
    "%p",
    (code) => {
      expect(numberFormatProblem(code)).toBeUndefined();
    }
  );

  it("a letter right after a code is read on its own", () => {
    expect(numberFormatProblem("yyyyQ")).toBe(
      'The number format "yyyyQ" has "Q" outside quotes, which is no format code; quote it ("Q") or escape it (\\Q).'
    );
  });
});
