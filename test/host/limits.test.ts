/**
 * The host's formula limits (src/host/limits.ts) at their edges, read with CNAI's tokenizer: what a
 * call's arguments are (white space is none, a closing parenthesis is none), which operators are
 * counted, how a doubled quote counts in a text, and formulas the engine must judge, not the limits.
 * Messages as the host words Excel's refusals; counts worked by hand.
 */
import { formulaProblem } from "../../src/host/limits";

describe("arguments, as Excel counts them", () => {
  test.each([
    ["=PI()*2", undefined],
    ["=ROUND(PI(),2)", undefined],
    ["=SUM( )", "SUM takes 1 to 255 arguments; the formula gives it 0."],
    ["=ROUND (1)", "ROUND takes 2 arguments; the formula gives it 1."],
    // A parenthesised union is a group, not a call: its commas are no function's arguments.
    [`=SUM((${"A1,".repeat(300)}A1))`, undefined],
  ])("%s: %s", (formula, problem) => {
    expect(formulaProblem(formula)).toBe(problem);
  });
});

describe("operators and texts", () => {
  test("ranges' colons are not among the operators counted", () => {
    // 1,100 cells joined by 1,099 colons; 1,026 ones joined by 1,025 plus signs.
    const chain = `=${Array.from({ length: 1_100 }, (_, i) => `A${i + 1}`).join(":")}`;
    expect(formulaProblem(chain)).toBeUndefined();
    const sums = `=${Array.from({ length: 1_026 }, () => "1").join("+")}`;
    expect(formulaProblem(sums)).toMatch(/^The formula has more than 1,024 operators/);
  });

  test("a doubled quote in a text is one character of it", () => {
    const text = (inner: string) => `="${inner}"`;
    expect(formulaProblem(text(`${"a".repeat(254)}""`))).toBeUndefined();
    expect(formulaProblem(text(`${"a".repeat(255)}""`))).toBe(
      "A text in the formula has 256 characters; Excel's limit is 255."
    );
  });
});

// Mismatched brackets are the parser's to refuse: counting PI's arguments in "=PI(}" would give
// the analyst a wrong reason.
describe("left to the engine's parser", () => {
  test.each([[""], ["=1;2"], ['="never closed'], ["=1)+2"], ["=PI(}"], ["=PI(]"]])(
    "%j",
    (formula) => {
      expect(formulaProblem(formula)).toBeUndefined();
    }
  );
});
