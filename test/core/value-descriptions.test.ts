/**
 * How a message shows the value an analyst gave (values.ts `describe`), and which values are matrices:
 * the words every "got …" in an argument error ends with.
 */
import { CellError, describe as describeValue, isMatrix } from "../../src/core";

describe("a value as a message shows it", () => {
  test.each([
    [null, "an empty cell"],
    [undefined, "an empty cell"],
    ["", "an empty cell"],
    ["2H25", '"2H25"'],
    [" ", '" "'],
    [true, "TRUE"],
    [false, "FALSE"],
    [0, "0"],
    [-2.5, "-2.5"],
    [Infinity, "a non-finite number"],
    [NaN, "a non-finite number"],
    [new CellError("#N/A", "not found"), "#N/A"],
    [{}, "a value of an unsupported kind"],
    [[1], "a value of an unsupported kind"],
  ])("%p is shown as %p", (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  test("text up to 40 characters is shown whole; longer, its first 37 and an ellipsis", () => {
    const forty = "x".repeat(40);
    expect(describeValue(forty)).toBe(`"${forty}"`);
    expect(describeValue("y".repeat(41))).toBe(`"${"y".repeat(37)}..."`);
  });
});

describe("matrices", () => {
  test.each([
    [[], true],
    [[[1, 2]], true],
    [[[]], true],
    [[1, 2], false],
    ["ab", false],
    [null, false],
  ])("%p is a matrix: %p", (value, matrix) => {
    expect(isMatrix(value)).toBe(matrix);
  });
});
