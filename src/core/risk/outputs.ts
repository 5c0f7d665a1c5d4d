/**
 * The model's outputs over draws: each a loop over the drawn inputs that calls the point function's
 * own math (marginExpansion, tokenMargin, priceCompression, parityAt, costPerMillionTokens,
 * multipleWithPremium) — the formulas are written once, in src/core/functions, for the point
 * functions and the simulation alike.
 *
 * A column of draws is a Float64Array of n values, or of one value when the input does not vary
 * (a Fixed row, or no row): `column[i & mask]` reads it either way without a branch, the mask
 * being −1 (every bit: i itself) for n values and 0 for one.
 */
import { marginExpansion, priceCompression, tokenMargin } from "../functions/margin";
import { NOTE_CURVE, parityAt } from "../functions/parity";
import { costPerMillionTokens } from "../functions/tokens";
import { multipleWithPremium } from "../functions/valuation";
import { CellError } from "../values";
import { inputIndex } from "./inputs";

/** The drawn inputs, by their place in RISK_INPUTS. */
export type Columns = readonly Float64Array[];

export interface RiskOutput {
  /** As SIMULATE's `output` names it: "margin_expansion". */
  readonly name: string;
  /** The Excel number format its values show best in. */
  readonly format: string;
  /** The inputs it reads, by name: only these are drawn. */
  readonly reads: readonly string[];
  /** Fills out[0..n) from the columns; an error when the inputs have no value for it. */
  readonly compute: (columns: Columns, n: number, out: Float64Array) => CellError | undefined;
}

const maskOf = (column: Float64Array) => (column.length > 1 ? -1 : 0);
const at = (name: string) => inputIndex(name) as number;

const MARGIN_INPUTS = [
  "VolumeGrowth",
  "UnitCostDecline",
  "Years",
  "StartMargin",
  "PriceChange",
  "FixedCostShare",
];
const COMPRESSION_INPUTS = ["Utilization", "CompressionThreshold", "ExtraDecline"];
const PARITY_INPUTS = ["ParityDate", "ParityPosition", "StallProbability", "StallDate"];

type Margin = typeof marginExpansion;

/** MARGIN_EXPANSION or TOKEN_MARGIN over the draws. */
function marginLoop(margin: Margin) {
  const [g, d, t, m, p, f] = MARGIN_INPUTS.map(at);
  return (columns: Columns, n: number, out: Float64Array) => {
    const G = columns[g];
    const D = columns[d];
    const T = columns[t];
    const M = columns[m];
    const P = columns[p];
    const F = columns[f];
    const [mg, md, mt, mm, mp, mf] = [G, D, T, M, P, F].map(maskOf);
    for (let i = 0; i < n; i++)
      out[i] = margin(G[i & mg], D[i & md], T[i & mt], M[i & mm], P[i & mp], F[i & mf]);
    return undefined;
  };
}

/** PRICE_COMPRESSION over the draws (a step: ramp 0, PRICE_COMPRESSION's default). */
function compressionLoop(columns: Columns, n: number, out: Float64Array): undefined {
  const [u, th, x] = COMPRESSION_INPUTS.map((name) => columns[at(name)]);
  const [mu, mth, mx] = [u, th, x].map(maskOf);
  for (let i = 0; i < n; i++) out[i] = priceCompression(u[i & mu], th[i & mth], x[i & mx], 0);
  return undefined;
}

/**
 * Parity at ParityDate, ParityPosition of the way from Table 1's low to its high bound (0.5 is
 * the middle: PARITY_AT's "mid"); when the stall event happens (Risk 1), frozen at StallDate.
 */
function parityLoop(columns: Columns, n: number, out: Float64Array): CellError | undefined {
  const [date, position, stalled, stallDate] = PARITY_INPUTS.map((name) => columns[at(name)]);
  const [md, mp, ms, msd] = [date, position, stalled, stallDate].map(maskOf);
  for (let i = 0; i < n; i++) {
    const stall = stalled[i & ms] === 1 ? stallDate[i & msd] : null;
    const low = parityAt(date[i & md], "low", "linear", stall, NOTE_CURVE);
    if (low instanceof CellError) return low;
    const high = parityAt(date[i & md], "high", "linear", stall, NOTE_CURVE) as number;
    out[i] = low + position[i & mp] * (high - low);
  }
  return undefined;
}

export const RISK_OUTPUTS: readonly RiskOutput[] = [
  {
    name: "margin_expansion",
    format: "0.00%",
    reads: MARGIN_INPUTS,
    compute: marginLoop(marginExpansion),
  },
  {
    name: "token_margin",
    format: "0.0%",
    reads: MARGIN_INPUTS,
    compute: marginLoop(tokenMargin),
  },
  {
    name: "price_compression",
    format: "0.0%",
    reads: COMPRESSION_INPUTS,
    compute: compressionLoop,
  },
  // The fall from last year's price: 1 − (1 − PriceFall)(1 − price compression) (Risk 2).
  {
    name: "combined_price_fall",
    format: "0.0%",
    reads: [...COMPRESSION_INPUTS, "PriceFall"],
    compute: (columns, n, out) => {
      compressionLoop(columns, n, out);
      const fall = columns[at("PriceFall")];
      const mf = maskOf(fall);
      for (let i = 0; i < n; i++) out[i] = 1 - (1 - fall[i & mf]) * (1 - out[i]);
      return undefined;
    },
  },
  {
    name: "parity_at",
    format: "0.0%",
    reads: PARITY_INPUTS,
    compute: parityLoop,
  },
  {
    name: "integrated_multiple",
    format: '0.0"x"',
    reads: ["BaseMultiple", "LayersOwned", "IntegrationPremium"],
    compute: (columns, n, out) => {
      const [b, l, p] = ["BaseMultiple", "LayersOwned", "IntegrationPremium"].map(
        (name) => columns[at(name)]
      );
      const [mb, ml, mp] = [b, l, p].map(maskOf);
      for (let i = 0; i < n; i++) out[i] = multipleWithPremium(b[i & mb], l[i & ml], p[i & mp]);
      return undefined;
    },
  },
  // COST_PER_MTOK at the drawn parity (as parity_at) and utilization.
  {
    name: "cost_per_mtok",
    format: '"$"0.0000',
    reads: ["HourlyCost", "TokensPerSecond", "Utilization", ...PARITY_INPUTS],
    compute: (columns, n, out) => {
      const error = parityLoop(columns, n, out);
      if (error) return error;
      const [c, s, u] = ["HourlyCost", "TokensPerSecond", "Utilization"].map(
        (name) => columns[at(name)]
      );
      const [mc, ms, mu] = [c, s, u].map(maskOf);
      for (let i = 0; i < n; i++)
        out[i] = costPerMillionTokens(c[i & mc], s[i & ms], out[i], u[i & mu]);
      return undefined;
    },
  },
];
