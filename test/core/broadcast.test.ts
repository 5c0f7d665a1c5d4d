/** Broadcasting, written once in the runner, as every model function sees it. */
import { CellError, MAX_COLUMNS, MAX_RESULT_CELLS, MAX_ROWS } from "../../src/core";
import { call, expectCell } from "../helpers/call";

const expansion = (g: number, d: number) => (call("MARGIN_EXPANSION", g, d, 2) as number) ?? NaN;

describe("broadcasting", () => {
  it("a column against a row makes a grid whose cells equal the scalar calls", () => {
    const growths = [[0.1], [0.3], [0.5]];
    const declines = [[0.1, 0.15, 0.2, 0.25]];
    const grid = call("MARGIN_EXPANSION", growths, declines, 2, 0.64, 0, 0.3) as number[][];
    expect(grid).toHaveLength(3);
    grid.forEach((row, i) => {
      expect(row).toHaveLength(4);
      row.forEach((cell, j) =>
        expect(cell).toBe(call("MARGIN_EXPANSION", growths[i][0], declines[0][j], 2, 0.64, 0, 0.3))
      );
    });
  });

  it("equal sizes pair up and a size of 1 stretches", () => {
    const result = call(
      "PARITY_AT",
      [["2H25"], ["1H27"], ["Late 2027"]],
      [["low"], ["high"], ["mid"]]
    ) as number[][];
    expect(result).toEqual([[0.6], [0.75], [0.8]]);
    const stretched = call("PARITY_AT", [["2H25"]], [["low", "mid", "high"]]) as number[][];
    expect(stretched).toEqual([[0.6, 0.625, 0.65]]);
  });

  it("broadcasts text options and dates: a 19×3 block from one call", () => {
    const dates = Array.from({ length: 19 }, (_, i) => [2025.75 + i / 8]);
    const block = call("PARITY_AT", dates, [["low", "mid", "high"]]) as number[][];
    expect(block).toHaveLength(19);
    block.forEach((row) => {
      expect(row).toHaveLength(3);
      expect(row[0]).toBeLessThanOrEqual(row[1] as number);
      expect(row[1]).toBeLessThanOrEqual(row[2] as number);
    });
  });

  it("a bad element gives an error in that element only", () => {
    const result = call(
      "MARGIN_EXPANSION",
      [[0.3], ["x"], [-2], [null]],
      [[0.15, 1.5]],
      2
    ) as unknown[][];
    expectCell(result[0][0], 0.0999);
    expectCell(result[0][1], "#NUM!");
    expectCell(result[1][0], "#VALUE!");
    expectCell(result[1][1], "#VALUE!");
    expectCell(result[2][0], "#NUM!");
    expectCell(result[3][0], "#VALUE!");
  });

  it("an element that misses only its optional argument takes the default", () => {
    const result = call("MARGIN_EXPANSION", 0.3, 0.15, 2, [[null], [""], [0.57]]) as unknown[][];
    expectCell(result[0][0], 0.0999);
    expectCell(result[1][0], 0.0999);
    expectCell(result[2][0], 0.43 * (1 - 0.85 ** 2));
  });

  it("sizes that cannot pair give #N/A outside the overlap, as Excel's array arithmetic does", () => {
    const result = call("TOKEN_REVENUE", [[1, 2, 3]], [[1, 1]]) as unknown[][];
    expect(result[0].slice(0, 2)).toEqual([1e6, 2e6]);
    expectCell(result[0][2], "#N/A");
    const crossed = call(
      "TOKEN_REVENUE",
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ]
    ) as unknown[][];
    expect(crossed).toHaveLength(3);
    expect(crossed[0]).toHaveLength(3);
    expect(crossed[1][1]).toBe(5e6);
    expectCell(crossed[0][2], "#N/A");
    expectCell(crossed[2][0], "#N/A");
  });

  it("an error from the workbook in a range propagates to its element", () => {
    const result = call(
      "TOKEN_REVENUE",
      [[60], [new CellError("#N/A", "A referenced cell holds #N/A.")]],
      0.03
    ) as unknown[][];
    expectCell(result[0][0], 1.8e6);
    expectCell(result[1][0], "#N/A");
  });

  it("a result larger than Excel's grid is #NUM! without being computed", () => {
    expectCell(call("MARGIN_EXPANSION", new Array(MAX_ROWS + 1).fill([0.3]), 0.15, 2), "#NUM!");
    expectCell(
      call("MARGIN_EXPANSION", [[0.3], [0.2]], [new Array(MAX_COLUMNS + 1).fill(0.1)], 2),
      "#NUM!"
    );
  });

  it("rows × columns over the cell budget is #NUM! naming the size, though each fits the grid", () => {
    // =CNAI.TOKEN_REVENUE(A1:A1000000, A1:GR1): 1,000,000 rows by 200 columns, 200 M cells.
    const result = call("TOKEN_REVENUE", new Array(1_000_000).fill([60]), [
      new Array(200).fill(0.03),
    ]) as CellError;
    expectCell(result, "#NUM!");
    expect(result.message).toContain("1000000 rows by 200 columns (200000000 cells)");
    expect(result.message).toContain(`${MAX_RESULT_CELLS} cells`);
    // 2,000 × 2,000 is exactly the budget and is computed; one row more is refused.
    expect(MAX_RESULT_CELLS).toBe(4_000_000);
    const justFits = call("TOKEN_REVENUE", new Array(2000).fill([60]), [
      new Array(2000).fill(0.03),
    ]) as number[][];
    expect(justFits).toHaveLength(2000);
    expect(justFits[1999][1999]).toBeCloseTo(1.8e6, 6);
    expectCell(
      call("TOKEN_REVENUE", new Array(2001).fill([60]), [new Array(2000).fill(0.03)]),
      "#NUM!"
    );
  });

  it("an oversized result is refused before any element of the ranges is read", () => {
    let reads = 0;
    const row: unknown[] = [];
    Object.defineProperty(row, 0, {
      get: () => {
        reads++;
        return 60;
      },
    });
    const column = new Array(1_000_000).fill(row);
    expectCell(call("TOKEN_REVENUE", column, [new Array(200).fill(0.03)]), "#NUM!");
    expect(reads).toBe(0);
    // The same column against one price is computed, so the getter is what it reads.
    call("TOKEN_REVENUE", column.slice(0, 10), 0.03);
    expect(reads).toBeGreaterThan(0);
  });

  it("a 1×1 range gives a 1×1 result and plain values a plain value", () => {
    expect(call("STACK_MULTIPLE", [[10]], 3)).toEqual([[12]]);
    expect(call("STACK_MULTIPLE", 10, 3)).toBe(12);
    expect(expansion(0.3, 0.15)).toBeCloseTo(0.0999, 12);
  });

  it("non-broadcasting functions take single values", () => {
    expectCell(call("METRIC", [["revenue"], ["tokens"]], "Q1 2026"), "#VALUE!");
  });

  it("wrong argument counts are #VALUE!", () => {
    expect(() => call("VERSION", 1)).not.toThrow();
    expectCell(call("VERSION", 1), "#VALUE!");
  });
});
