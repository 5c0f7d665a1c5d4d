/**
 * The core at the size of Excel's grid (a file of the "at scale" project, which `npm test` runs and
 * `npm run test:quick` leaves out, jest.config.js): a result of 1,048,576 rows is returned whole, and
 * a table argument may be a whole column, its blank rows skipped. Worked by hand:
 * TOKEN_REVENUE(1, 0.5) = 1 trillion tokens × $0.5 per million = $500,000; PARITY_AT("2H25") on
 * Table 1 is the middle of 60–65% = 0.625.
 */
import { MAX_ROWS, evaluate } from "../../src/core";
import { call, definition as def } from "../helpers/call";

test("a result as tall as Excel's grid is returned", () => {
  const volumes = Array.from({ length: 1_048_576 }, () => [1]);
  const tallest = evaluate(def("TOKEN_REVENUE"), [volumes, 0.5]) as number[][];
  expect([tallest.length, tallest[0][0], tallest[1_048_575][0]]).toEqual([1_048_576, 5e5, 5e5]);
});

describe("a table argument is one table for the whole call", () => {
  it("may be a whole-column range: its blank rows are skipped", () => {
    const chips = call("APPENDIX", "chips") as unknown[][];
    const column = [
      ...chips,
      ...Array.from({ length: MAX_ROWS - chips.length }, () => new Array(8).fill(null)),
    ];
    expect(call("PARITY_AT", "2H25", null, null, null, column)).toBe(0.625);
  });
});
