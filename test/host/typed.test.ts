/**
 * Text typed into a cell as Excel reads it (src/host/engine.ts, `typed`), at the edges the other
 * host suites pass by: nothing, words that only contain TRUE, numbers without an integer part or
 * without digits after the point, exponents, and the format each implies. Values worked by hand:
 * ".5" is 0.5; "1.5E-2" is 0.015; "+.5e1%" is 5 × 10^0 / 100 = 0.05.
 */
import { typed } from "../../src/host/engine";

describe("typed text, as Excel reads it", () => {
  it("nothing is an empty cell", () => {
    expect(typed("", [])).toEqual({ content: null, input: "" });
  });

  it.each([
    [" True ", true],
    ["FALSE", false],
  ])("%j is a logical", (text, value) => {
    expect(typed(text, [])).toEqual({ content: value, input: text });
  });

  it.each(["untrue", "TRUEish", ".", "+", "-", "1,23"])("%j is text", (text) => {
    expect(typed(text, [])).toEqual({ content: `'${text}`, input: text });
  });

  it.each([
    [".5", 0.5, undefined],
    ["5.", 5, undefined],
    ["-5", -5, undefined],
    ["1e3", 1000, "0.00E+00"],
    ["1.5E-2", 0.015, "0.00E+00"],
    ["1,234.50", 1234.5, "#,##0.00"],
    ["1,234", 1234, "#,##0"],
    ["$5", 5, '"$"#,##0'],
    ["$5.25", 5.25, '"$"#,##0.00'],
    ["5%", 0.05, "0%"],
    ["5.5%", 0.055, "0.00%"],
    ["+.5e1%", 0.05, "0.00%"],
  ])("%j is %d, formatted %j", (text, value, impliedFormat) => {
    const entry = typed(text, []);
    expect(entry).toEqual({ content: expect.any(Number), input: text, impliedFormat });
    expect(entry.content).toBeCloseTo(value, 15);
  });

  it("an ISO date is its serial number, formatted as a date", () => {
    // Days since 1899-12-30: Excel counts from 1900-01-01 as 1 and counts a 29 February 1900.
    expect(typed("2026-01-15", [])).toEqual({
      content: 46037,
      input: "2026-01-15",
      impliedFormat: "yyyy-mm-dd",
    });
  });

  it.each(["AI-cloud", "H20+"])(
    "%j, a + or - inside a word, is text even where it would parse",
    (text) => {
      expect(typed(text, [], () => true)).toEqual({ content: `'${text}`, input: text });
    }
  );

  it("text after + or - is a formula when it parses as one (Excel makes -5+1 into =-5+1), text otherwise", () => {
    expect(typed("-5+1", [], () => true)).toEqual({
      content: "=-5+1",
      input: "=-5+1",
      formula: "=-5+1",
    });
    expect(typed("-5+1", [], () => false)).toEqual({ content: "'-5+1", input: "-5+1" });
    // A sign alone is text, whatever a parser would say.
    expect(typed("+", [], () => true)).toEqual({ content: "'+", input: "+" });
    // Without a parser to ask, nothing is taken for a formula.
    expect(typed("-abc", [])).toEqual({ content: "'-abc", input: "-abc" });
  });
});
