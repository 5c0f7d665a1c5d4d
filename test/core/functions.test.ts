/**
 * Every function, table-driven (the rows are in cases.ts), then SPEC's checks against the note,
 * the appendix tables and the wording of messages.
 */
import {
  CATALOG,
  POINT_FUNCTIONS,
  findFunction,
  isoFromSerial,
  serialFromYmd,
} from "../../src/core";
import { Expected, call, expectCell } from "../helpers/call";
import { Shape, cases } from "./cases";

test("every function of the catalogue has a table of cases, and every table a function", () => {
  expect(Object.keys(cases).sort()).toEqual(CATALOG.map((def) => def.name).sort());
});

test("a function is found by its name in any case, with or without the CNAI. namespace in front", () => {
  const margin = CATALOG.find((def) => def.name === "TOKEN_MARGIN");
  expect(margin).toBeDefined();
  for (const name of ["TOKEN_MARGIN", "token_margin", "CNAI.TOKEN_MARGIN", "cnai.Token_Margin"])
    expect(findFunction(name)).toBe(margin);
  // Only a leading "CNAI." is the namespace; anything else is not a name of the catalogue.
  for (const name of [
    "TOKEN_CNAI.MARGIN",
    "X.TOKEN_MARGIN",
    "CNAI.CNAI.TOKEN_MARGIN",
    "CNAI_TOKEN_MARGIN",
    "",
  ])
    expect(findFunction(name)).toBeUndefined();
});

test.each([Infinity, -Infinity, NaN])(
  "a number that is not finite (%p) is #NUM!, naming the argument",
  (value) => {
    const result = call("TOKEN_REVENUE", value, 0.03) as { code: string; message: string };
    expect([result.code, result.message]).toEqual([
      "#NUM!",
      "tokens_trillions is not a finite number.",
    ]);
  }
);

/** A single value or error as `expectCell` checks it; a table by its size and first cell. */
function expectResult(actual: unknown, expected: Expected | Shape): void {
  if (typeof expected !== "object") return expectCell(actual, expected);
  const rows = actual as unknown[][];
  expect([rows.length, rows[0]?.length, rows[0]?.[0]]).toEqual([
    expected.rows,
    expected.columns,
    expected.first,
  ]);
}

describe.each(Object.keys(cases))("%s", (name) => {
  it.each(cases[name].map(([args, expected]) => [JSON.stringify(args), expected, args] as const))(
    "(%s) → %p",
    (_, expected, args) => expectResult(call(name, ...args), expected)
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

describe("the point functions and the Monte Carlo four", () => {
  it("POINT_FUNCTIONS is the catalogue without the functions computed on demand, in its order", () => {
    expect(POINT_FUNCTIONS).toEqual(CATALOG.filter((def) => !def.onDemand));
  });

  it("the functions computed on demand are the four that draw from the Uncertainty table", () => {
    expect(CATALOG.filter((def) => def.onDemand).map((def) => def.name)).toEqual([
      "SIMULATE",
      "PROBABILITY",
      "TORNADO",
      "HISTOGRAM",
    ]);
  });
});
