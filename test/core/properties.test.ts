/**
 * Property tests: arbitrary Excel-shaped input, every function, element by element; broadcasting;
 * the model's monotonicities. fast-check shrinks any failure to its smallest case.
 */
import fc from "fast-check";
import {
  CATALOG,
  CellError,
  MAX_ROWS,
  evaluate,
  findFunction,
  serialFromYmd,
} from "../../src/core";
import { RUNS, cellsOf, excelArgument, isExcelValue } from "../helpers/arbitraries";

describe("any input gives finite numbers, text, booleans or Excel errors, element by element", () => {
  it.each(CATALOG.map((def) => [def.name, def] as const))("%s (core)", (_, def) => {
    fc.assert(
      fc.property(
        fc.array(excelArgument, { minLength: def.params.length, maxLength: def.params.length }),
        (args) => {
          const result = evaluate(def, args);
          const cells = cellsOf(result);
          expect(cells.length).toBeGreaterThan(0);
          for (const cell of cells)
            if (!isExcelValue(cell))
              throw new Error(`${def.name}(${JSON.stringify(args)}) gave ${String(cell)}`);
        }
      ),
      { numRuns: RUNS }
    );
  });
});

describe("broadcasting", () => {
  const numbers = (rows: number, columns: number) =>
    fc.array(
      fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), {
        minLength: columns,
        maxLength: columns,
      }),
      {
        minLength: rows,
        maxLength: rows,
      }
    );
  const size = fc.integer({ min: 1, max: 4 });

  it("the result has the broadcast shape and each element is the scalar call on its elements", () => {
    const def = findFunction("MARGIN_EXPANSION")!;
    fc.assert(
      fc.property(size, size, size, size, (r1, c1, r2, c2) => {
        fc.pre((r1 === r2 || r1 === 1 || r2 === 1) && (c1 === c2 || c1 === 1 || c2 === 1));
        return fc.assert(
          fc.property(numbers(r1, c1), numbers(r2, c2), (growth, decline) => {
            const result = evaluate(def, [growth, decline, 2, null, null, null]) as unknown[][];
            const rows = Math.max(r1, r2);
            const columns = Math.max(c1, c2);
            expect(result).toHaveLength(rows);
            for (let i = 0; i < rows; i++) {
              expect(result[i]).toHaveLength(columns);
              for (let j = 0; j < columns; j++) {
                const g = growth[r1 === 1 ? 0 : i][c1 === 1 ? 0 : j];
                const d = decline[r2 === 1 ? 0 : i][c2 === 1 ? 0 : j];
                expect(result[i][j]).toBe(evaluate(def, [g, d, 2, null, null, null]));
              }
            }
          }),
          { numRuns: 5 }
        );
      }),
      { numRuns: 60 }
    );
  });

  it("where shapes cannot pair, cells outside the overlap are #N/A, as Excel's array arithmetic gives", () => {
    const def = findFunction("TOKEN_REVENUE")!;
    fc.assert(
      fc.property(size, size, size, size, (r1, c1, r2, c2) => {
        fc.pre(r1 !== r2 && r1 > 1 && r2 > 1);
        const a = Array.from({ length: r1 }, () => new Array(c1).fill(1));
        const b = Array.from({ length: r2 }, () => new Array(c2).fill(1));
        const result = evaluate(def, [a, b]) as unknown[][];
        expect(result).toHaveLength(Math.max(r1, r2));
        result.forEach((row, i) =>
          row.forEach((cell, j) => {
            const inA = i < r1 && (c1 === 1 || j < c1);
            const inB = i < r2 && (c2 === 1 || j < c2);
            if (inA && inB) expect(cell).toBe(1e6);
            else expect((cell as CellError).code).toBe("#N/A");
          })
        );
      }),
      { numRuns: 100 }
    );
  });

  it("2×3 against 3×2 gives a 3×3 with #N/A outside the 2×2 overlap", () => {
    const result = evaluate(findFunction("TOKEN_REVENUE")!, [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    ]) as unknown[][];
    expect(result.map((row) => row.map((c) => (c instanceof CellError ? c.code : c)))).toEqual([
      [1e6, 2e6, "#N/A"],
      [4e6, 5e6, "#N/A"],
      ["#N/A", "#N/A", "#N/A"],
    ]);
  });

  it("a result larger than Excel's grid is #NUM! before anything is allocated", () => {
    const column = new Array(MAX_ROWS + 1).fill([0.3]);
    const result = evaluate(findFunction("MARGIN_EXPANSION")!, [column, 0.15, 2, null, null, null]);
    expect((result as CellError).code).toBe("#NUM!");
    expect((result as CellError).message).toMatch(/larger than Excel's grid/);
  });
});

describe("the model's shape", () => {
  const call = (name: string, ...args: unknown[]) => {
    const def = findFunction(name)!;
    return evaluate(def, [...args, ...new Array(def.params.length - args.length).fill(null)]);
  };
  const FIRST = serialFromYmd(2025, 10, 1);
  const date = fc.double({ min: FIRST, max: serialFromYmd(2030, 12, 31), noNaN: true });
  const bound = fc.constantFrom("low", "mid", "high");
  const method = fc.constantFrom("linear", "step");

  it("PARITY_AT never decreases with the date, for both methods and every bound", () => {
    fc.assert(
      fc.property(date, date, bound, method, (a, b, which, how) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(call("PARITY_AT", late, which, how) as number).toBeGreaterThanOrEqual(
          call("PARITY_AT", early, which, how) as number
        );
      }),
      { numRuns: RUNS }
    );
  });

  it("PARITY_AT: low ≤ mid ≤ high", () => {
    fc.assert(
      fc.property(date, method, (when, how) => {
        const [low, mid, high] = ["low", "mid", "high"].map(
          (b) => call("PARITY_AT", when, b, how) as number
        );
        expect(low).toBeLessThanOrEqual(mid);
        expect(mid).toBeLessThanOrEqual(high);
      }),
      { numRuns: RUNS }
    );
  });

  it("a stall date freezes parity at its value on that date", () => {
    fc.assert(
      fc.property(date, date, bound, method, (a, b, which, how) => {
        const [stall, later] = a <= b ? [a, b] : [b, a];
        expect(call("PARITY_AT", later, which, how, stall)).toBe(
          call("PARITY_AT", stall, which, how)
        );
      }),
      { numRuns: RUNS }
    );
  });

  it("TOKEN_MARGIN rises with the unit-cost decline", () => {
    const fraction = fc.double({ min: 0, max: 0.99, noNaN: true });
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        fraction,
        fraction,
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (g, d1, d2, years) => {
          fc.pre(d1 !== d2);
          const [low, high] = d1 < d2 ? [d1, d2] : [d2, d1];
          expect(call("TOKEN_MARGIN", g, high, years) as number).toBeGreaterThanOrEqual(
            call("TOKEN_MARGIN", g, low, years) as number
          );
        }
      ),
      { numRuns: RUNS }
    );
  });

  it("PRICE_COMPRESSION never rises with utilization", () => {
    const fraction = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fraction,
        fraction,
        fraction,
        fraction,
        fraction,
        (u1, u2, threshold, extra, ramp) => {
          const [low, high] = u1 <= u2 ? [u1, u2] : [u2, u1];
          expect(
            call("PRICE_COMPRESSION", high, threshold, extra, ramp) as number
          ).toBeLessThanOrEqual(call("PRICE_COMPRESSION", low, threshold, extra, ramp) as number);
        }
      ),
      { numRuns: RUNS }
    );
  });

  it("MARGIN_EXPANSION over 0 years is 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.99, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: -10, max: 0.99, noNaN: true }),
        fc.double({ min: -0.99, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (g, d, m0, p, f) => {
          expect(call("MARGIN_EXPANSION", g, d, 0, m0, p, f)).toBe(0);
        }
      ),
      { numRuns: RUNS }
    );
  });
});

describe("table arguments: rows in any order, blank rows anywhere, the same curve", () => {
  const call = (name: string, ...args: unknown[]) => {
    const def = findFunction(name)!;
    return evaluate(def, [...args, ...new Array(def.params.length - args.length).fill(null)]);
  };
  const CHIPS = call("APPENDIX", "chips") as unknown[][];
  const TOKENS = call("APPENDIX", "tokens") as unknown[][];
  const blank = (width: number) => new Array(width).fill(null);

  /** The data rows permuted and blank rows slipped in at the given places; the header stays first. */
  function rearranged(table: unknown[][], order: number[], blanks: number[], header = true) {
    const rows = order.map((k) => table[k + 1]);
    for (const at of blanks) rows.splice(at % (rows.length + 1), 0, blank(table[0].length));
    return header ? [table[0], ...rows] : rows;
  }
  const permutation = (n: number) =>
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, k) => k),
      { minLength: n, maxLength: n }
    );
  const blanks = fc.array(fc.nat(), { maxLength: 3 });

  /** A generation as an analyst might add it: a half-year from 2H24 to 1H32, dated or by label. */
  const generation = fc
    .record({
      low: fc.double({ min: 0, max: 1.5, noNaN: true }),
      width: fc.double({ min: 0, max: 0.3, noNaN: true }),
      open: fc.boolean(),
      half: fc.integer({ min: 0, max: 14 }),
      dated: fc.boolean(),
    })
    .map(({ low, width, open, half, dated }) => {
      const year = 2024 + Math.floor((half + 1) / 2);
      const label = `${half % 2 === 0 ? 2 : 1}H${String(year).slice(-2)}`;
      const date = call("PERIOD_DATE", label);
      return [
        `Gen ${label}`,
        low,
        open ? null : low + width,
        open,
        "",
        "",
        label,
        dated ? date : null,
      ];
    });
  const tables = fc
    .array(generation, { minLength: 1, maxLength: 6 })
    .map((rows) => [CHIPS[0], ...rows]);

  const probes = fc.array(
    fc.double({ min: serialFromYmd(2024, 1, 1), max: serialFromYmd(2033, 1, 1), noNaN: true }),
    {
      minLength: 1,
      maxLength: 8,
    }
  );
  const grid = (table: unknown[][], dates: number[]) =>
    ["linear", "step"].map((method) =>
      call(
        "PARITY_AT",
        dates.map((d) => [d]),
        [["low", "mid", "high"]],
        method,
        null,
        table
      )
    );

  it("the note's Table 1 in any row order, with blank rows, is the note's curve", () => {
    fc.assert(
      fc.property(permutation(3), blanks, probes, fc.boolean(), (order, gaps, dates, header) => {
        const table = rearranged(CHIPS, order, gaps, header);
        expect(grid(table, dates)).toEqual(grid(null as unknown as unknown[][], dates));
      }),
      { numRuns: RUNS }
    );
  });

  it("any table's rows in any order, with blank rows, give the same curve", () => {
    fc.assert(
      fc.property(
        tables.chain((table) =>
          fc.tuple(fc.constant(table), permutation(table.length - 1), blanks, probes)
        ),
        ([table, order, gaps, dates]) => {
          expect(grid(rearranged(table, order, gaps), dates)).toEqual(grid(table, dates));
        }
      ),
      { numRuns: RUNS }
    );
  });

  it("any table gives the best chip's curve: it never decreases, and low ≤ mid ≤ high", () => {
    fc.assert(
      fc.property(tables, probes, fc.constantFrom("linear", "step"), (table, dates, method) => {
        const sorted = [...dates].sort((a, b) => a - b);
        const values = call(
          "PARITY_AT",
          sorted.map((d) => [d]),
          [["low", "mid", "high"]],
          method,
          null,
          table
        ) as unknown[][];
        values.forEach((row, i) => {
          if (row[0] instanceof CellError) return; // before the first generation: #N/A
          const [low, mid, high] = row as number[];
          expect(low).toBeLessThanOrEqual(mid + 1e-12);
          expect(mid).toBeLessThanOrEqual(high + 1e-12);
          const before = values[i - 1];
          if (i > 0 && !(before[0] instanceof CellError))
            (before as number[]).forEach((value, b) =>
              expect(row[b]).toBeGreaterThanOrEqual(value - 1e-12)
            );
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("Table 2's rows in any order, with blank rows, and its columns in any order give the same values", () => {
    const metrics = ["revenue", "tokens", "price"];
    const periods = ["Q1 2025", "Q1 2026", "2027E"];
    fc.assert(
      fc.property(permutation(3), blanks, permutation(5), (order, gaps, columns) => {
        const rows = rearranged(TOKENS, order, gaps).map((row) => columns.map((k) => row[k]));
        for (const metric of metrics)
          for (const period of periods)
            expect(call("METRIC", metric, period, rows)).toBe(call("METRIC", metric, period));
      }),
      { numRuns: RUNS }
    );
  });
});
