/**
 * Every function, table-driven: SPEC's checks against the note, domain edges, null optional
 * arguments and bad input. Rows read [arguments, expected].
 */
import { isoFromSerial, serialFromYmd } from "../../src/core";
import { Expected, call, expectCell } from "../helpers/call";

type Row = [unknown[], Expected];
const cases: Record<string, Row[]> = {
  PARITY_AT: [
    [["2H25"], 0.625], // Table 1: 60–65% at 2H25
    [["2H25", "low"], 0.6],
    [["2H25", "high"], 0.65],
    [["1H27"], 0.725],
    [["1H27", "LOW"], 0.7],
    [["Late 2027"], 0.8], // "80%+": low = mid = high
    [["Late 2027", "low"], 0.8],
    [["Late 2027", "high"], 0.8],
    [[2030], 0.8], // the last value holds
    [[serialFromYmd(2027, 11, 16) + 1, "high"], 0.8],
    // halfway between 2H25 (2025-10-01) and 1H27 (2027-04-01), linearly
    [[(serialFromYmd(2025, 10, 1) + serialFromYmd(2027, 4, 1)) / 2], 0.675],
    [["2H26", "mid", "step"], 0.625],
    [["1H27", "mid", "step"], 0.725],
    [["Late 2027", "low", "step"], 0.8],
    [["2025-10-01"], 0.625],
    [["2028", "mid", "linear", "2H25"], 0.625], // stall at the first generation
    [["2028", "high", "step", "1H27"], 0.75],
    [["2H25", "mid", "linear", "2030"], 0.625], // a stall after the date changes nothing
    [["1H25"], "#N/A"], // before 2H25
    [[serialFromYmd(2025, 9, 30)], "#N/A"],
    [["2028", "mid", "linear", "1H25"], "#N/A"], // stalled before any generation
    [["sometime"], "#VALUE!"],
    [["2H25", "median"], "#VALUE!"],
    [["2H25", "mid", "cubic"], "#VALUE!"],
    [[true], "#VALUE!"],
    [[null], "#VALUE!"],
    [[0], "#NUM!"],
    [[-5], "#NUM!"],
    [[3_000_000], "#NUM!"],
    [[Number.NaN], "#NUM!"],
  ],
  TOKEN_MARGIN: [
    [[0.3, 0.15, 2], 0.7399], // 0.64 + 0.0999
    [[0.3, 0.15, 2, null, null, null], 0.7399],
    [[0.3, 0.15, 0], 0.64],
    [[0.3, 0.15, 2, 0.5], 1 - 0.5 * 0.85 ** 2],
    [[0.3, 0.15, 2, 0.64, -0.1], 1 - (0.36 * 0.85 ** 2) / 0.9 ** 2],
    // fixed costs add operating leverage: cost ratio f + (1−f)(1.3·0.85)², revenue ratio 1.3²
    [[0.3, 0.15, 2, 0.64, 0, 0.5], 1 - (0.36 * (0.5 + 0.5 * (1.3 * 0.85) ** 2)) / 1.3 ** 2],
    [[0.3, 0.15, 1.5], 1 - 0.36 * 0.85 ** 1.5],
    [["30%", "15%", "2"], 0.7399],
    [[-0.99, 0.15, 2, 0.64, 0, 1], 1 - 0.36 / 0.01 ** 2], // deep losses are still a finite margin
    [[-1, 0.15, 2], "#NUM!"],
    [[0.3, 1, 2], "#NUM!"],
    [[0.3, -0.01, 2], "#NUM!"],
    [[0.3, 0.15, -1], "#NUM!"],
    [[0.3, 0.15, 101], "#NUM!"],
    [[0.3, 0.15, 2, 1], "#NUM!"],
    [[0.3, 0.15, 2, 0.64, -1], "#NUM!"],
    [[0.3, 0.15, 2, 0.64, 0, 1.01], "#NUM!"],
    [[0.3, 0.15, 2, 0.64, 0, -0.01], "#NUM!"],
    [[1e308, 0.1, 100], "#NUM!"], // overflows: never Infinity or NaN
    [[0.3, 0.15, 100, 0.64, -0.9999999], "#NUM!"],
    [["abc", 0.15, 2], "#VALUE!"],
    [["NaN", 0.15, 2], "#VALUE!"],
    [["Infinity", 0.15, 2], "#VALUE!"],
    [[false, 0.15, 2], "#VALUE!"],
    [[null, 0.15, 2], "#VALUE!"],
    [[0.3, "", 2], "#VALUE!"],
  ],
  MARGIN_EXPANSION: [
    [[0.3, 0.15, 2], 0.0999], // 0.36 × (1 − 0.85²), inside the note's 8–12 pp
    [[0.3, 0.15, 2, 0.57], 0.43 * (1 - 0.85 ** 2)], // ≈ 11.9 pp: the top of the range
    [[0.3, 0.15, 2, 0.71], 0.29 * (1 - 0.85 ** 2)], // ≈ 8.0 pp: the bottom
    [[0.3, 0.15, 0], 0],
    [[0.3, 0, 2], 0],
    [[0.3, 0.15, 2, 0.64, 0, 0.5], 1 - (0.36 * (0.5 + 0.5 * (1.3 * 0.85) ** 2)) / 1.3 ** 2 - 0.64],
    [[0.3, 0.15, 2, -0.5], 1.5 * (1 - 0.85 ** 2)],
    [[0.3, 0.15, "two"], "#VALUE!"],
    [[0.3, 1.5, 2], "#NUM!"],
  ],
  PRICE_COMPRESSION: [
    [[0.55], 0.3], // Risk 2: below 60% utilization, another 30%
    [[0.6], 0],
    [[0.75], 0],
    [[0], 0.3],
    [[1], 0],
    [[0.5999999], 0.3],
    [[0.55, 0.6, 0.3, 0.1], 0.15], // halfway down a 10-point ramp
    [[0.5, 0.6, 0.3, 0.1], 0.3],
    [[0.4, 0.6, 0.3, 0.1], 0.3],
    [[0.6, 0.6, 0.3, 0.1], 0],
    [[0.55, 0.5], 0],
    [[0.55, 0.6, 0.2], 0.2],
    [[1.5], "#NUM!"],
    [[-0.1], "#NUM!"],
    [[0.55, 1.2], "#NUM!"],
    [[0.55, 0.6, 1.1], "#NUM!"],
    [[0.55, 0.6, 0.3, -0.1], "#NUM!"],
    [["high"], "#VALUE!"],
  ],
  TOKEN_REVENUE: [
    [[60, 0.03], 1.8e6], // Q1 2026: 60 T at $0.03/M = $1.8M, against $1.6bn reported
    [[15, 0.06], 0.9e6],
    [[250, 0.02], 5e6],
    [[0, 0.03], 0],
    [[-1, 0.03], "#NUM!"],
    [[60, -0.01], "#NUM!"],
    [[60], "#VALUE!"],
  ],
  DEMAND_ELASTICITY: [
    [[-0.5, 3], -2], // Table 2 Q1 25 → Q1 26: price −50%, tokens ×4
    [[-0.5, 1], -1],
    [[0.1, 0], 0],
    [[0, 3], "#DIV/0!"],
    [[-1, 3], "#NUM!"],
    [[-0.5, -1], "#NUM!"],
    [[-1.5, 3], "#NUM!"],
  ],
  COST_PER_MTOK: [
    [[2, 1000, 0.625, 0.6], (2 / (1000 * 0.625 * 0.6 * 3600)) * 1e6],
    [[3600, 1, 1, 1], 1e6],
    [[0, 1000, 0.625, 0.6], 0],
    [[2, 1000, 1.2, 1], (2 / (1000 * 1.2 * 3600)) * 1e6], // parity above the H100 is allowed
    [[2, 0, 0.625, 0.6], "#DIV/0!"],
    [[2, 1000, 0, 0.6], "#DIV/0!"],
    [[2, 1000, 0.625, 0], "#DIV/0!"],
    [[2, 1000, 0.625, 1.1], "#NUM!"],
    [[2, 1000, -0.5, 0.6], "#NUM!"],
    [[-2, 1000, 0.625, 0.6], "#NUM!"],
  ],
  STACK_MULTIPLE: [
    [[10, 3], 12],
    [[10, 3, "high"], 12.5],
    [[10, 3, "low"], 11.5],
    [[10, 0], 10],
    [[10, 1.0], 10 * (1 + 0.2 / 3)],
    [[10, 1.5], "#NUM!"],
    [[10, 4], "#NUM!"],
    [[10, -1], "#NUM!"],
    [[-10, 3], "#NUM!"],
    [[10, 3, "max"], "#VALUE!"],
  ],
  METRIC: [
    [["revenue", "Q1 2026"], 1.6],
    [["AI Cloud Revenue", "Q1 2025"], 0.8],
    [["ai cloud revenue ($bn)", "2027E"], 4.5],
    [["tokens", "Q1 2026"], 60],
    [["Tokens", "2027"], 250],
    [["price", "1Q26"], 0.03],
    [["price", "FY2027"], 0.02],
    [["price", 2027], 0.02],
    [["Avg Token Price", "q1 2025"], 0.06],
    [["token", "Q1 2026"], "#N/A"], // ambiguous: Inference Tokens and Avg Token Price
    [["margin", "Q1 2026"], "#N/A"],
    [["revenue", "Q2 2026"], "#N/A"],
    [["revenue", "someday"], "#N/A"],
    [[true, "Q1 2026"], "#VALUE!"],
    [[null, "Q1 2026"], "#VALUE!"],
  ],
  PERIOD_DATE: [
    [["2H25"], serialFromYmd(2025, 10, 1)],
    [["1H27"], serialFromYmd(2027, 4, 1)],
    [["Late 2027"], serialFromYmd(2027, 11, 16)],
    [["Q1 2026"], serialFromYmd(2026, 2, 15)],
    [[2027], serialFromYmd(2027, 7, 2)],
    [["someday"], "#VALUE!"],
    [[null], "#VALUE!"],
  ],
  VERSION: [[[], "1.0.0"]],
};

describe.each(Object.keys(cases))("%s", (name) => {
  it.each(cases[name].map(([args, expected]) => [JSON.stringify(args), args, expected] as const))(
    "(%s) → %p",
    (_, args, expected) => expectCell(call(name, ...args), expected as Expected)
  );
});

describe("checks against the note", () => {
  it("2026-03-11 falls inside the 60–70% the note reports on that date, for the low and the high bound", () => {
    for (const bound of ["low", "high"]) {
      const parity = call("PARITY_AT", serialFromYmd(2026, 3, 11), bound) as number;
      expect(parity).toBeGreaterThanOrEqual(0.6);
      expect(parity).toBeLessThanOrEqual(0.7);
    }
  });

  it("start margins from about 57% to 71% span the note's 8–12 pp", () => {
    const [[top, bottom]] = call("MARGIN_EXPANSION", 0.3, 0.15, 2, [[0.57, 0.71]]) as number[][];
    expect(top).toBeGreaterThan(0.115);
    expect(top).toBeLessThanOrEqual(0.12);
    expect(bottom).toBeGreaterThanOrEqual(0.08);
    expect(bottom).toBeLessThan(0.085);
  });

  it("the combined fall from last year's price is 54.5%..65%", () => {
    const extra = call("PRICE_COMPRESSION", 0.55) as number;
    expect(1 - (1 - 0.35) * (1 - extra)).toBeCloseTo(0.545, 12);
    expect(1 - (1 - 0.5) * (1 - extra)).toBeCloseTo(0.65, 12);
  });

  it("implied token revenue is three orders of magnitude below reported AI cloud revenue", () => {
    const implied = call(
      "TOKEN_REVENUE",
      call("METRIC", "tokens", "Q1 2026"),
      call("METRIC", "price", "Q1 2026")
    ) as number;
    const reported = (call("METRIC", "revenue", "Q1 2026") as number) * 1e9;
    expect(implied).toBeCloseTo(1.8e6, 3);
    expect(Math.round(Math.log10(reported / implied))).toBe(3);
  });
});

describe("APPENDIX", () => {
  it("gives Table 1 with its columns, ranges split into numbers and 80%+ open-ended", () => {
    expect(call("APPENDIX", "chips")).toEqual([
      [
        "Generation",
        "Parity low",
        "Parity high",
        "Open-ended",
        "Architecture",
        "Node (nm)",
        "Volume production (label)",
        "Volume production (date)",
      ],
      ["2025 Leading", 0.6, 0.65, false, "7nm ASIC", 7, "2H25", serialFromYmd(2025, 10, 1)],
      ["2026 Next-Gen", 0.7, 0.75, false, "5nm AI GPU", 5, "1H27", serialFromYmd(2027, 4, 1)],
      ["2027 Target", 0.8, 0.8, true, "3nm Custom", 3, "Late 2027", serialFromYmd(2027, 11, 16)],
    ]);
  });

  it("gives Table 2 as printed, 2027E annualized", () => {
    expect(call("APPENDIX", "Tokens", true)).toEqual([
      ["Metric", "Unit", "Q1 2025", "Q1 2026", "2027E"],
      ["AI Cloud Revenue", "$bn", 0.8, 1.6, 4.5],
      ["Inference Tokens", "T tokens", 15, 60, 250],
      ["Avg Token Price", "$/M tokens", 0.06, 0.03, 0.02],
    ]);
  });

  it("leaves out the header row with headers FALSE (or 0)", () => {
    expect((call("APPENDIX", "chips", false) as unknown[][]).length).toBe(3);
    expect((call("APPENDIX", "tokens", 0) as unknown[][])[0][0]).toBe("AI Cloud Revenue");
  });

  it.each([["gpus"], [3], [null]])("rejects table %p with #VALUE!", (table) =>
    expectCell(call("APPENDIX", table), "#VALUE!")
  );
  it("rejects headers that are not TRUE/FALSE", () =>
    expectCell(call("APPENDIX", "chips", "maybe"), "#VALUE!"));
  it("dates in the table are the period midpoints", () => {
    const rows = call("APPENDIX", "chips", false) as unknown[][];
    expect(rows.map((r) => isoFromSerial(r[7] as number))).toEqual([
      "2025-10-01",
      "2027-04-01",
      "2027-11-16",
    ]);
  });
});

describe("messages name the argument and what it accepts", () => {
  it.each([
    [["MARGIN_EXPANSION", "abc", 0.15, 2], /volume_growth must be a fraction/],
    [["MARGIN_EXPANSION", 0.3, 0.15, null], /years is empty/],
    [["PARITY_AT", "2H25", "median"], /bound must be "low", "mid" or "high"; got "median"/],
    [["PARITY_AT", "soon"], /when must be a date, a decimal year .* or a period label/],
    [["METRIC", "token", "Q1 2026"], /matches Inference Tokens, Avg Token Price/],
    [
      ["METRIC", "margin", "Q1 2026"],
      /metrics are AI Cloud Revenue, Inference Tokens, Avg Token Price/,
    ],
    [["METRIC", "revenue", "Q3 2026"], /columns are Q1 2025, Q1 2026, 2027E/],
    [["PARITY_AT", "2024"], /before 2H25/],
  ])("%j", (args, message) =>
    expect((call(...(args as [string, ...unknown[]])) as { message: string }).message).toMatch(
      message
    )
  );

  it("#NUM! says the domain", () => {
    expect((call("TOKEN_MARGIN", 0.3, 1.2, 2) as { message: string }).message).toBe(
      "unit_cost_decline must be from 0% to 100% (exclusive); got 120%."
    );
  });
});
