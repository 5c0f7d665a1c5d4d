/**
 * The host's A1 rectangles (src/host/workbook.ts): what `getRange`, `tables.add` and names accept as
 * an address, and how the host writes one back. Rows and columns are 0-based and inclusive: B4 is
 * row 3, column 1. Worked by hand from Excel's grid, A1:XFD1048576.
 */
import { parseRect, rectAddress } from "../../src/host/workbook";
import { rect } from "../helpers/host";

describe("parseRect", () => {
  it.each([
    ["B4", rect(3, 1, 3, 1)],
    ["b4", rect(3, 1, 3, 1)],
    [" $B$4 ", rect(3, 1, 3, 1)],
    ["C9:B4", rect(3, 1, 8, 2)],
    ["AB:AC", rect(0, 27, 1_048_575, 28)],
    ["3:5", rect(2, 0, 4, 16_383)],
    ["XFD1048576", rect(1_048_575, 16_383, 1_048_575, 16_383)],
  ])("%s is %j", (a1, expected) => {
    expect(parseRect(a1)).toEqual(expected);
  });

  it.each([
    ["", "empty"],
    ["A1:B2:C3", "three parts"],
    [":B2", "an empty first part"],
    ["A1x", "text after the row"],
    ["X3:5", "a cell with a row"],
    ["3X:5", "text after a row number"],
    ["B4:C", "a cell with a column"],
    ["A:3", "a column with a row"],
    ["3:A", "a row with a column"],
    ["XFE1", "a column past XFD"],
    ["A1048577", "a row past 1,048,576"],
    ["A0", "row 0"],
  ])("%s (%s) is not an address", (a1) => {
    expect(parseRect(a1)).toBeUndefined();
  });
});

describe("rectAddress", () => {
  it.each([
    [rect(3, 1, 8, 2), false, "B4:C9"],
    [rect(3, 1, 8, 2), true, "$B$4:$C$9"],
    [rect(3, 1, 3, 1), true, "$B$4"],
    [rect(0, 27, 1_048_575, 28), true, "$AB:$AC"],
    [rect(2, 0, 4, 16_383), false, "3:5"],
  ])("%j (absolute %s) is %s", (r, absolute, expected) => {
    expect(rectAddress(r, absolute)).toBe(expected);
  });
});
