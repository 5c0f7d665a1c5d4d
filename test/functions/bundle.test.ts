/** The shipped bundle, loaded as Excel loads it, called with the note's figures and bad input. */
import { readFileSync } from "fs";
import { join } from "path";
import { DIST, ExcelRuntimeError, loadAddin, runClassicScript } from "../../scripts/excel-runtime";
import { CATALOG, findFunction } from "../../src/core";

const addin = loadAddin();
const single = (result: unknown) =>
  Array.isArray(result) ? (result as unknown[][])[0][0] : result;

describe("dist/functions.js as Excel's runtime loads it", () => {
  it("associates every function in functions.json, and nothing else", () => {
    expect([...addin.functions.keys()].sort()).toEqual(
      addin.metadata.functions.map((f) => f.id).sort()
    );
    expect(addin.functions.size).toBe(CATALOG.length);
  });

  it.each([
    [["MARGIN_EXPANSION", 0.3, 0.15, 2], 0.0999],
    [["TOKEN_MARGIN", 0.3, 0.15, 2], 0.7399],
    [["PARITY_AT", "2H25"], 0.625],
    [["PARITY_AT", "Late 2027", "low"], 0.8],
    [["PRICE_COMPRESSION", 0.55], 0.3],
    [["PRICE_COMPRESSION", 0.6], 0],
    [["TOKEN_REVENUE", 60, 0.03], 1.8e6],
    [["DEMAND_ELASTICITY", -0.5, 3], -2],
    [["STACK_MULTIPLE", 10, 3], 12],
    [["STACK_MULTIPLE", 10, 3, "high"], 12.5],
    [["METRIC", "revenue", "Q1 2026"], 1.6],
    [["PERIOD_DATE", "2H25"], 45931],
  ])("%j → %p", (args, expected) => {
    const [id, ...rest] = args as [string, ...unknown[]];
    expect(single(addin.invoke(id, ...rest)) as number).toBeCloseTo(expected, 9);
  });

  it("returns VERSION and the appendix tables", () => {
    expect(addin.invoke("VERSION")).toBe("1.0.0");
    const chips = addin.invoke("APPENDIX", "chips") as unknown[][];
    expect(chips).toHaveLength(4);
    expect(chips[1].slice(0, 4)).toEqual(["2025 Leading", 0.6, 0.65, false]);
  });

  it.each([
    [["PRICE_COMPRESSION", 1.5], "#NUM!"],
    [["MARGIN_EXPANSION", "abc", 0.15, 2], "#VALUE!"],
    [["DEMAND_ELASTICITY", 0, 3], "#DIV/0!"],
    [["PARITY_AT", "1H25"], "#N/A"],
    [["METRIC", "token", "Q1 2026"], "#N/A"],
    [["METRIC", "revenue", "Q9 2026"], "#N/A"],
    [["APPENDIX", "gpus"], "#VALUE!"],
    [["TOKEN_MARGIN", 1e308, 0.1, 100], "#NUM!"],
  ])("%j → %s as CustomFunctions.Error", (args, code) => {
    const [id, ...rest] = args as [string, ...unknown[]];
    const error = single(addin.invoke(id, ...rest));
    expect(error).toBeInstanceOf(ExcelRuntimeError);
    expect((error as ExcelRuntimeError).code).toBe(code);
    if (code === "#VALUE!" || code === "#N/A")
      expect((error as ExcelRuntimeError).message).toMatch(/\w{4,}/);
    else expect((error as ExcelRuntimeError).message).toBeUndefined();
  });

  describe("table arguments: the note's tables, edited, extended and malformed", () => {
    const chips = addin.invoke("APPENDIX", "chips") as unknown[][];
    const tokens = addin.invoke("APPENDIX", "tokens") as unknown[][];
    const edit = (table: unknown[][], row: number, column: number, value: unknown) =>
      table.map((cells, i) =>
        i === row ? cells.map((c, j) => (j === column ? value : c)) : cells
      );
    const next = ["2028 Next", 0.88, 0.92, false, "2nm", 2, "2H28", null];

    it.each([
      [
        'PARITY_AT("2H25",,,,CNAI.APPENDIX("chips"))',
        ["PARITY_AT", "2H25", null, null, null, chips],
        0.625,
      ],
      [
        'PARITY_AT("Late 2027","mid",,,APPENDIX("chips",FALSE))',
        ["PARITY_AT", "Late 2027", "mid", null, null, addin.invoke("APPENDIX", "chips", false)],
        0.8,
      ],
      [
        "PARITY_AT over the catalogue's inline table",
        [
          "PARITY_AT",
          "2H28",
          null,
          null,
          null,
          [
            ["Parity low", "Parity high", "Volume production (label)"],
            [0.6, 0.65, "2H25"],
            [0.88, 0.92, "2H28"],
          ],
        ],
        0.9,
      ],
      [
        "2026 Next-Gen low 65%",
        ["PARITY_AT", "1H27", "low", null, null, edit(chips, 2, 1, 0.65)],
        0.65,
      ],
      ["a 2028 Next row at 2H28", ["PARITY_AT", "2H28", null, null, null, [...chips, next]], 0.9],
      [
        'METRIC("revenue","Q1 2026",CNAI.APPENDIX("tokens"))',
        ["METRIC", "revenue", "Q1 2026", tokens],
        1.6,
      ],
      [
        "METRIC on an added column Q1 2027",
        [
          "METRIC",
          "revenue",
          "Q1 2027",
          tokens.map((row, i) => [...row, ["Q1 2027", 2.4, 120, 0.015][i]]),
        ],
        2.4,
      ],
      ["an omitted table (an empty cell)", ["METRIC", "revenue", "Q1 2026", [[null]]], 1.6],
    ])("%s", (_, args, expected) => {
      const [id, ...rest] = args as [string, ...unknown[]];
      expect(single(addin.invoke(id, ...rest)) as number).toBeCloseTo(expected as number, 12);
    });

    it("a table does not shape the result: dates × bounds give dates × bounds", () => {
      const grid = addin.invoke(
        "PARITY_AT",
        [["2H25"], ["1H27"]],
        [["low", "high"]],
        null,
        null,
        chips
      );
      expect(grid).toEqual([
        [0.6, 0.65],
        [0.7, 0.75],
      ]);
    });

    it.each([
      [
        ["PARITY_AT", "2H25", null, null, null, edit(chips, 2, 1, 2.5)],
        "chips row 2 (2026 Next-Gen): Parity low must be from 0% to 200% (60% = 0.6); got 250%.",
      ],
      [
        ["PARITY_AT", "2H25", null, null, null, edit(chips, 2, 1, { code: "#REF!" })],
        "chips row 2 (2026 Next-Gen), Parity low: A referenced cell holds #REF!.",
      ],
      [
        ["METRIC", "revenue", "Q1 2026", [["Name", "Unit", "Q1 2025"]]],
        'tokens has no column "Metric".',
      ],
    ])("%j → #VALUE! naming where", (args, message) => {
      const [id, ...rest] = args as [string, ...unknown[]];
      const error = single(addin.invoke(id, ...rest)) as ExcelRuntimeError;
      expect(error).toBeInstanceOf(ExcelRuntimeError);
      expect([error.code, error.message]).toEqual(["#VALUE!", message]);
    });
  });

  it("broadcasts a column against a row with element-local errors", () => {
    const grid = addin.invoke(
      "MARGIN_EXPANSION",
      [[0.3], [0.2]],
      [[0.1, 0.15, 1.2]],
      [[2]]
    ) as unknown[][];
    expect(grid).toHaveLength(2);
    expect(grid[0][1] as number).toBeCloseTo(0.0999, 12);
    expect((grid[1][2] as ExcelRuntimeError).code).toBe("#NUM!");
  });

  it("=CNAI.TOKEN_REVENUE(A1:A1000000, A1:GR1) is #NUM!, and the runtime answers the next call", () => {
    // 1,000,000 rows by 200 columns: each fits Excel's grid, the 200 M cells do not fit the budget.
    const column = new Array(1_000_000).fill([60]);
    const row = [new Array(200).fill(0.03)];
    const refused = single(addin.invoke("TOKEN_REVENUE", column, row)) as ExcelRuntimeError;
    expect(refused).toBeInstanceOf(ExcelRuntimeError);
    expect(refused.code).toBe("#NUM!");
    expect(single(addin.invoke("TOKEN_REVENUE", 60, 0.03)) as number).toBeCloseTo(1.8e6, 6);
  });

  it("turns an Excel error arriving in a range into that element's error", () => {
    const result = addin.invoke(
      "TOKEN_REVENUE",
      [[60], [{ code: "#REF!" }]],
      [[0.03]]
    ) as unknown[][];
    expect(result[0][0] as number).toBeCloseTo(1.8e6, 6);
    expect((result[1][0] as ExcelRuntimeError).code).toBe("#VALUE!");
    expect((result[1][0] as ExcelRuntimeError).message).toMatch(/#REF!/);
  });

  it("never returns NaN, Infinity or undefined, and never throws anything but a CustomFunctions.Error; only the Monte Carlo functions answer with a Promise, which never rejects", async () => {
    const awkward = [
      0,
      -1,
      1,
      1e308,
      -1e308,
      1e-300,
      Number.NaN,
      Infinity,
      "",
      "NaN",
      "Infinity",
      "1e5",
      "30%",
      true,
      false,
      null,
      "2H25",
      [
        [1, "x"],
        [null, true],
      ],
    ];
    for (const meta of addin.metadata.functions) {
      for (const value of awkward) {
        const args = meta.parameters.map(() => value);
        const answer = addin.invoke(meta.id, ...args);
        const onDemand = findFunction(meta.id)?.onDemand === true;
        expect({
          id: meta.id,
          promise: typeof (answer as Promise<unknown>)?.then === "function",
        }).toEqual({
          id: meta.id,
          promise: onDemand,
        });
        const result = await answer;
        const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
        for (const cell of cells) {
          const ok =
            cell instanceof ExcelRuntimeError ||
            typeof cell === "string" ||
            typeof cell === "boolean" ||
            (typeof cell === "number" && Number.isFinite(cell));
          if (!ok) throw new Error(`${meta.id}(${JSON.stringify(args)}) gave ${String(cell)}`);
        }
      }
    }
  });
});

describe("the Monte Carlo engine, fetched on the first risk call", () => {
  /** functions.js alone, as Excel's runtime starts it: risk.js not yet fetched. */
  function started() {
    // A fresh page: this realm's list of fetched chunks (webpack's) forgets the one loadAddin ran.
    delete (globalThis as Record<string, unknown>).webpackChunkcnai_excel_addin;
    const functions = new Map<string, (...args: unknown[]) => unknown>();
    runClassicScript(readFileSync(join(DIST, "functions.js"), "utf8"), {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => functions.set(id, fn),
      Error: ExcelRuntimeError,
    });
    return functions;
  }

  it("an engine that cannot be fetched is #VALUE! saying so; once the chunk arrives, the next call computes", async () => {
    const functions = started();
    const simulate = functions.get("SIMULATE") as (...args: unknown[]) => Promise<unknown[][]>;
    const args = [[["margin_expansion"]], null, null, null, null];
    // Node has no document to add risk.js's <script> to: the fetch fails as an offline one would.
    const [[failed]] = await simulate(...args);
    expect(failed).toBeInstanceOf(ExcelRuntimeError);
    expect((failed as ExcelRuntimeError).code).toBe("#VALUE!");
    expect((failed as ExcelRuntimeError).message).toMatch(
      /^CNAI\.SIMULATE could not load its Monte Carlo engine \(risk\.js\): /
    );
    // The chunk arrives (as a later fetch brings it): the failure was not kept.
    runClassicScript(readFileSync(join(DIST, "risk.js"), "utf8"), {});
    const [[mean]] = await simulate(...args);
    // Without an Uncertainty table every input keeps its point value: 30% growth, 15% decline,
    // two years, 64% start margin: 0.36 × (1 − 0.85²) = 0.0999.
    expect(mean).toBeCloseTo(0.36 * (1 - 0.85 ** 2), 12);
  });

  it("the point functions answer at once, without the engine", () => {
    const functions = started();
    const [[expansion]] = functions.get("MARGIN_EXPANSION")!(
      [[0.3]],
      [[0.15]],
      [[2]]
    ) as unknown[][];
    expect(expansion).toBeCloseTo(0.0999, 12);
  });
});
