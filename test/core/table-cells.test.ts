/**
 * The small readers every table argument goes through (src/core/tables.ts): a cell as text, a cell
 * by its column, and the ordinal that names a column in messages.
 */
import { cellAt, ordinal, textOf } from "../../src/core/tables";

test("a cell as text: its trimmed text, or a number written out; nothing for blanks, booleans, errors", () => {
  expect(textOf(" Parity low ")).toBe("Parity low");
  expect(textOf(2027)).toBe("2027");
  expect(textOf(0.8)).toBe("0.8");
  for (const nothing of ["", "   ", null, undefined, true, false])
    expect(textOf(nothing as never)).toBeUndefined();
});

test("a column outside the row is an empty cell, on either side", () => {
  const row = ["a", 1, true];
  expect([cellAt(row, 0), cellAt(row, 1), cellAt(row, 2)]).toEqual(["a", 1, true]);
  expect(cellAt(row, 3)).toBeNull();
  expect(cellAt(row, -1)).toBeNull();
  expect(cellAt([], 0)).toBeNull();
});

// Ordinals name a column of APPENDIX("chips") or of the Uncertainty table: eight at most.
test.each([
  [1, "1st"],
  [2, "2nd"],
  [3, "3rd"],
  [4, "4th"],
  [8, "8th"],
])("%i is the %s", (n, text) => {
  expect(ordinal(n)).toBe(text);
});
