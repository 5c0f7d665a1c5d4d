/**
 * Every function's cases, table-driven: SPEC's checks against the note, domain edges, null optional
 * arguments and bad input. Rows read [arguments, expected]. functions.test.ts runs them as they are;
 * tables.test.ts runs PARITY_AT's and METRIC's again with the note's tables passed as arguments.
 */
import { serialFromYmd } from "../../src/core";
import { Expected } from "../helpers/call";

/** A table function's result: its size and its first cell. */
export interface Shape {
  readonly rows: number;
  readonly columns: number;
  readonly first: unknown;
}

export type Row = [unknown[], Expected | Shape];

/** Utilization uniform on 50–70%, as an Uncertainty table with its header row. */
const U = [
  ["Input", "Distribution", "Low", "Mode", "High"],
  ["Utilization", "Uniform", 0.5, 0.6, 0.7],
];
export const cases: Record<string, Row[]> = {
  APPENDIX: [
    // Table 1: three generations (2025 Leading, 2026 Next-Gen, 2027 Next-Gen), 8 columns.
    [["chips"], { rows: 4, columns: 8, first: "Generation" }],
    [["chips", false], { rows: 3, columns: 8, first: "2025 Leading" }],
    [["CHIPS", true], { rows: 4, columns: 8, first: "Generation" }],
    // Table 2: three metrics (AI Cloud Revenue, Inference Tokens, Avg Token Price), 5 columns.
    [["tokens"], { rows: 4, columns: 5, first: "Metric" }],
    [["tokens", false], { rows: 3, columns: 5, first: "AI Cloud Revenue" }],
    [["tokens", 0], { rows: 3, columns: 5, first: "AI Cloud Revenue" }],
    [["table 3"], "#VALUE!"],
    [[""], "#VALUE!"],
    [[null], "#VALUE!"],
    [["chips", "maybe"], "#VALUE!"],
  ],
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
    // frozen at 2H26 (2026-10-01), 365 of the 547 days from 2H25's 62.5% to 1H27's 72.5%
    [["2028", "mid", "linear", "2H26"], 0.625 + (0.1 * 365) / 547],
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
  // The risk functions: without an Uncertainty table every input keeps its point value, so each
  // statistic is the point model's; U is utilization uniform on 50–70%, below Risk 2's 60% in half
  // the strata of the Latin hypercube (stratum k of n covers u in [k/n, (k+1)/n)).
  SIMULATE: [
    [["margin_expansion"], 0.36 * (1 - 0.85 ** 2)],
    [["MARGIN EXPANSION", null, 0.05], 0.36 * (1 - 0.85 ** 2)],
    [["token_margin", null, "min"], 1 - 0.36 * 0.85 ** 2],
    [["expansion", null, "max"], 0.36 * (1 - 0.85 ** 2)], // an unambiguous part of the name
    [["margin_expansion", null, "sd", 10], 0],
    [["margin_expansion", null, "se", 10], 0],
    [["price_compression"], 0], // 65% utilization: above the threshold
    [["combined_price_fall"], 0.425], // 1 − (1 − 42.5%)(1 − 0)
    [["parity_at"], 0.625], // 2H25, the middle of 60–65%
    [["integrated_multiple"], 12], // 10 × (1 + 20%)
    [["cost_per_mtok"], (2 / (1000 * 0.625 * 0.65 * 3600)) * 1e6],
    [["price_compression", U, "mean", 1000], 0.15],
    [["price_compression", U, 0, 1000], 0],
    [["price_compression", U, 1, 1000], 0.3],
    [["margin_expansion", null, "sd", 1], "#VALUE!"], // one draw has no spread
    [["margin", null], "#VALUE!"], // ambiguous: margin_expansion and token_margin
    [["revenue"], "#VALUE!"],
    [["margin_expansion", null, 1.5], "#NUM!"],
    [["margin_expansion", null, "median"], "#VALUE!"],
    [["margin_expansion", null, null, 0], "#NUM!"],
    [["margin_expansion", null, null, 1_000_001], "#NUM!"],
    [["margin_expansion", null, null, 10.5], "#NUM!"],
    [["margin_expansion", null, null, null, -1], "#NUM!"],
    [
      [
        "margin_expansion",
        [
          ["Input", "Distribution", "Low", "Mode", "High"],
          ["Growth", "Fixed", 0.3, 0.3, 0.3],
        ],
      ],
      "#VALUE!",
    ],
  ],
  PROBABILITY: [
    [["margin_expansion", null, 0.08, 0.12], 1],
    [["margin_expansion", null, 0.1, 0.12], 0], // 9.99% is below 10%
    [["margin_expansion"], 1], // neither bound: (−∞, +∞)
    [["price_compression", U, 0.3], 0.5],
    [["price_compression", U, null, 0], 0.5],
    [["price_compression", U, 0.1, 0.2], 0],
    [["price_compression", U, 0.3, 0.1], "#NUM!"],
    [["margin_expansion", null, "low"], "#VALUE!"],
  ],
  TORNADO: [
    [["margin_expansion"], "#VALUE!"], // nothing uncertain
    [["price_compression", U], { rows: 1, columns: 4, first: "Utilization" }],
    [["integrated_multiple", U], "#VALUE!"], // utilization does not move the multiple
  ],
  HISTOGRAM: [
    [["margin_expansion"], { rows: 1, columns: 3, first: 0.36 * (1 - 0.85 ** 2) }],
    [["price_compression", U, 2, 1000], { rows: 2, columns: 3, first: 0 }],
    [["price_compression", U, 10, 1000], { rows: 10, columns: 3, first: 0 }],
    [["price_compression", U, 0], "#NUM!"],
    [["price_compression", U, 1001], "#NUM!"],
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
    // White space as typed: trimmed, runs of it read as one space, but a missing space is no match.
    [["  revenue  ", "Q1 2026"], 1.6],
    [["AI \t Cloud   Revenue", "Q1 2025"], 0.8],
    [["Inference  Tokens  (T tokens)", "Q1 2026"], 60],
    [["AICloud Revenue", "Q1 2026"], "#N/A"],
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
