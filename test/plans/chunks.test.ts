/**
 * Chunks by payload size (src/plans/chunks.ts): the bytes of cells as JSON, worked by hand, and
 * bands that cover every row once, in order, each under the budget.
 */
import * as fc from "fast-check";
import {
  PAYLOAD_BUDGET,
  RANGE_OVERHEAD,
  bands,
  cellBytes,
  packed,
  rowBytes,
  rowsToRead,
  stacked,
  utf8Length,
} from "../../src/plans/chunks";

describe("bytes of cells as JSON", () => {
  test.each([
    ["abc", 6], // "abc",
    ["", 3], // "",
    ['a"b', 7], // "a\"b",
    ["中", 6], // 3 bytes in UTF-8, quotes, comma
    ["a\nb", 11], // "a\u000ab", : a control character is estimated as its six-character escape
    [1.5, 4], // 1.5,
    [-20, 4], // -20,
    [true, 5], // true,
    [null, 5], // null,
  ])("%j takes %d bytes", (cell, bytes) => {
    expect(cellBytes(cell)).toBe(bytes);
  });

  test("UTF-8: é 2, 中 3, an emoji 4", () => {
    expect(utf8Length("é中😀")).toBe(9);
  });

  // At each edge of UTF-8's lengths (RFC 3629): U+007F is the last 1-byte character, U+07FF the
  // last of 2 bytes, U+FFFF the last of 3; beyond, a surrogate pair is 4 bytes. A surrogate alone
  // travels as U+FFFD, 3 bytes. Node's own count agrees.
  test.each([
    ["A\u007f", 2],
    ["\u0080", 2],
    ["\u07ff", 2],
    ["\u0800", 3],
    ["中文", 6],
    ["\ud800\udc00", 4], // U+10000, the first character past U+FFFF
    ["a\ud800", 4], // a high surrogate with nothing after it
    ["\udc00中", 6], // a low surrogate alone, then 中
  ])("%j is %d bytes", (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(Buffer.byteLength(text, "utf8")).toBe(bytes);
  });

  test.each([
    [undefined, 5], // null, : JSON writes an array's undefined as null
    ["a\\b", 7], // "a\\b", : the backslash escaped
    ["a b", 6], // "a b", : a space is no control character
    ["\u0001", 9], // "\u0001",
  ])("%j takes %d bytes", (cell, bytes) => {
    expect(cellBytes(cell)).toBe(bytes);
  });

  test("a row is never estimated smaller than its JSON with a comma", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
          {
            minLength: 1,
            maxLength: 20,
          }
        ),
        (row) => {
          const json = utf8Length(JSON.stringify(row)) + 1;
          expect(rowBytes(row)).toBeGreaterThanOrEqual(json);
        }
      )
    );
  });
});

describe("bands of rows under a budget", () => {
  test("worked by hand", () => {
    expect(bands([4, 4, 4, 4, 4], 10)).toEqual([
      { start: 0, count: 2 },
      { start: 2, count: 2 },
      { start: 4, count: 1 },
    ]);
    // A row over the budget stands alone.
    expect(bands([12, 1], 10)).toEqual([
      { start: 0, count: 1 },
      { start: 1, count: 1 },
    ]);
    expect(bands([], 10)).toEqual([]);
    expect(packed(["a", "bb", "ccc"], (s) => s.length, 3)).toEqual([["a", "bb"], ["ccc"]]);
  });

  test("every row once, in order; each band under the budget unless it is one row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 200 }),
        fc.integer({ min: 50, max: 2000 }),
        (sizes, budget) => {
          const out = bands(sizes, budget);
          let next = 0;
          for (const { start, count } of out) {
            expect(start).toBe(next);
            expect(count).toBeGreaterThan(0);
            const total = sizes.slice(start, start + count).reduce((a, b) => a + b, 0);
            if (count > 1) expect(total).toBeLessThanOrEqual(budget);
            next = start + count;
          }
          expect(next).toBe(sizes.length);
        }
      )
    );
  });

  test("rows to read: the budget less a range's paths over the row's bytes", () => {
    // (2,000,000 − 600) / (10 columns × 20 bytes) = 9,997 rows.
    expect(PAYLOAD_BUDGET).toBe(2_000_000);
    expect(RANGE_OVERHEAD).toBe(600);
    expect(rowsToRead(10, 20)).toBe(9_997);
    expect(rowsToRead(16_384, 1_000)).toBe(1);
  });
});

describe("writes stacked into the ranges they fill", () => {
  const cell = (sheet: string, address: string, value: unknown, before: unknown = "=old") => ({
    sheet,
    address,
    formulas: [[value]],
    before: [[before]],
  });

  it("a column of one-cell writes, given in any order, is one range, rows in order", () => {
    const writes = [cell("S", "E3", 3), cell("S", "E1", 1), cell("S", "E2", 2)];
    expect(stacked(writes)).toEqual([
      {
        sheet: "S",
        address: "E1:E3",
        formulas: [[1], [2], [3]],
        before: [["=old"], ["=old"], ["=old"]],
      },
    ]);
  });

  it("a spill range joins the cells above and below it in the same columns only", () => {
    const spill = {
      sheet: "S",
      address: "T2:U3",
      formulas: [
        [1, 2],
        [3, 4],
      ],
      before: [
        ["=s", ""],
        ["", ""],
      ],
    };
    const writes = [cell("S", "T1", 0), spill, cell("S", "T4", 5), cell("S", "U4", 6)];
    const out = stacked(writes);
    expect(out.map((w) => w.address)).toEqual(["T1", "T4", "T2:U3", "U4"]);
    const both = [
      { sheet: "S", address: "T1:U1", formulas: [[7, 8]], before: [["", ""]] },
      spill,
      { sheet: "S", address: "T4:U4", formulas: [[9, 10]], before: [["", ""]] },
    ];
    expect(stacked(both)).toEqual([
      {
        sheet: "S",
        address: "T1:U4",
        formulas: [
          [7, 8],
          [1, 2],
          [3, 4],
          [9, 10],
        ],
        before: [
          ["", ""],
          ["=s", ""],
          ["", ""],
          ["", ""],
        ],
      },
    ]);
  });

  it("a gap, another sheet, or another way of writing keeps writes apart; groups keep their first order", () => {
    const asText = { ...cell("Store", "A2", "x"), asValues: true, numberFormat: "@" };
    const writes = [
      asText,
      cell("S", "E1", 1),
      cell("S", "E3", 3),
      cell("Other", "E2", 2),
      { ...cell("S", "E2", 9), asValues: true },
      { sheet: "S", address: "E4", formulas: [[4]] },
    ];
    expect(stacked(writes).map((w) => `${w.sheet}!${w.address}`)).toEqual([
      "Store!A2",
      "S!E1",
      "S!E3",
      "Other!E2",
      "S!E2",
      "S!E4",
    ]);
  });

  it("writes with other number formats stay apart; with the same one they join", () => {
    const formatted = (address: string, numberFormat: string) => ({
      ...cell("S", address, 1),
      numberFormat,
    });
    const writes = [formatted("E1", "0.0%"), formatted("E2", "@"), formatted("E3", "@")];
    expect(stacked(writes).map((w) => [w.address, w.numberFormat])).toEqual([
      ["E1", "0.0%"],
      ["E2:E3", "@"],
    ]);
  });

  it("keeps every cell once: the stacked writes hold the same cells and befores as the writes", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 }), (rows) => {
        const writes = rows.map((row) => cell("S", `B${row}`, row, -row));
        const cells = (
          ws: readonly {
            address: string;
            formulas: readonly (readonly unknown[])[];
            before?: readonly (readonly unknown[])[];
          }[]
        ) =>
          ws
            .flatMap((w) => {
              const top = Number(w.address.split(":")[0].slice(1));
              return w.formulas.map((r, i) => [top + i, r[0], w.before?.[i][0]]);
            })
            .sort((a, b) => (a[0] as number) - (b[0] as number));
        const out = stacked(writes);
        expect(cells(out)).toEqual(cells(writes));
        // As few ranges as runs of consecutive rows.
        const sorted = [...rows].sort((a, b) => a - b);
        const runs = sorted.filter((row, k) => k === 0 || row !== sorted[k - 1] + 1).length;
        expect(out.length).toBe(runs);
      })
    );
  });
});
