/**
 * A1 addresses, worked by hand: column letters are bijective base 26 (A = 1 … Z = 26, AA = 27),
 * rows and columns are 0-based in CellRef and 1-based in A1 text.
 */
import {
  area,
  cellAddress,
  columnIndex,
  columnLetters,
  offset,
  parseCell,
  quoteSheet,
} from "../../src/plans/a1";

describe("column letters", () => {
  it.each([
    [0, "A"],
    [1, "B"],
    [25, "Z"],
    [26, "AA"], // 26 + 1
    [27, "AB"],
    [51, "AZ"], // 26 + 26
    [52, "BA"], // 2·26 + 1
    [701, "ZZ"], // 26·26 + 26 = 702 columns
    [702, "AAA"], // 26² + 26 + 1 = 703
    [16383, "XFD"], // Excel's last column: 24·676 + 6·26 + 4 = 16384
  ])("column %i is %s, and back", (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });

  it("reads lower-case letters as upper-case", () => {
    expect(columnIndex("xfd")).toBe(16383);
    expect(columnIndex("aB")).toBe(27);
  });
});

describe("cells", () => {
  it.each([
    ["A1", 0, 0],
    ["B4", 3, 1],
    ["$B$4", 3, 1],
    ["b$4", 3, 1],
    ["AA10", 9, 26],
    ["XFD1048576", 1048575, 16383],
  ])("%s is row %i, column %i", (a1, row, column) => {
    expect(parseCell(a1)).toEqual({ row, column });
  });

  it.each(["", "A", "12", "1A", "ABCD1", "A1:B2", "Sheet1!A1", " A1"])(
    "%p is not a cell address",
    (text) => {
      expect(() => parseCell(text)).toThrow(`not a cell address: ${text}`);
    }
  );

  it("writes a cell relative or absolute", () => {
    expect(cellAddress({ row: 3, column: 1 })).toBe("B4");
    expect(cellAddress({ row: 3, column: 1 }, false)).toBe("B4");
    expect(cellAddress({ row: 3, column: 1 }, true)).toBe("$B$4");
    expect(cellAddress({ row: 0, column: 26 }, true)).toBe("$AA$1");
  });

  it("moves down, right, up and left", () => {
    expect(offset("B4", 2, 3)).toBe("E6");
    expect(offset("$B$4", 0, 0)).toBe("B4");
    expect(offset("E6", -2, -3)).toBe("B4");
    expect(offset("Z1", 0, 1)).toBe("AA1");
  });
});

describe("areas", () => {
  it.each([
    ["B4", 1, 1, false, "B4"],
    ["B4", 1, 1, true, "$B$4"],
    ["B4", 6, 3, false, "B4:D9"],
    ["B4", 6, 3, true, "$B$4:$D$9"],
    ["B4", 1, 3, false, "B4:D4"],
    ["B4", 6, 1, false, "B4:B9"],
    ["Y1", 2, 3, false, "Y1:AA2"],
  ])("%s, %i × %i, absolute %p is %s", (a1, rows, columns, absolute, expected) => {
    expect(area(a1, rows, columns, absolute)).toBe(expected);
  });

  it("is relative unless asked", () => expect(area("B4", 2, 2)).toBe("B4:C5"));
});

describe("sheet names in formulas", () => {
  it.each([
    ["Model", "Model"],
    ["Sheet1", "Sheet1"],
    ["_data.v2", "_data.v2"],
    ["CNAI Model", "'CNAI Model'"],
    ["1Sheet", "'1Sheet'"],
    ["Token-Economics", "'Token-Economics'"],
    ["It's", "'It''s'"],
    ["a'b'c", "'a''b''c'"],
    ["", "''"],
  ])("%s is written %s", (name, quoted) => {
    expect(quoteSheet(name)).toBe(quoted);
  });
});
