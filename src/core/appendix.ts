/**
 * The note's two appendix tables as typed data: the one source for CNAI.APPENDIX, CNAI.METRIC,
 * PARITY_AT's points and the sheets the task pane loads.
 */
import { Period, parsePeriod, periodMidpoint } from "./dates";

/** The note's title as published; it is cited in English in every language. */
export const NOTE_TITLE =
  "China's AI Stack Competition: Efficiency Over Scale and Token Monetization as the New Battleground";
export const SOURCE = `${NOTE_TITLE}, Appendix Data Summary`;
/** SOURCE as Chinese research cites a foreign report: its title in 《》, then the part cited. */
export const SOURCE_ZH = `《${NOTE_TITLE}》附录数据摘要`;

function period(label: string): Period {
  const parsed = parsePeriod(label);
  if (!parsed) throw new Error(`appendix period label "${label}" does not parse`);
  return parsed;
}

/** Table 1: Domestic AI Chip vs. NVIDIA Performance (Inference, Key Workloads). */
export interface ChipGeneration {
  readonly generation: string;
  /** Inference performance vs. H100 (est.), as fractions; "80%+" is low = high = 0.80, open-ended. */
  readonly parityLow: number;
  readonly parityHigh: number;
  readonly openEnded: boolean;
  readonly architecture: string;
  readonly nodeNm: number;
  /** Expected volume production, as printed, and the period it names. */
  readonly volumeProduction: Period;
  /** The period's midpoint, the date at which PARITY_AT places this generation. */
  readonly volumeProductionDate: number;
  /** The cell as printed in the note, for the source line of each figure. */
  readonly printed: string;
}

function generation(
  name: string,
  printed: string,
  architecture: string,
  nodeNm: number,
  volumeProduction: string
): ChipGeneration {
  const range = printed.match(/^(\d+)(?:–(\d+))?%(\+)?$/);
  if (!range) throw new Error(`appendix parity "${printed}" does not parse`);
  const low = Number(range[1]) / 100;
  const production = period(volumeProduction);
  return {
    generation: name,
    parityLow: low,
    parityHigh: range[2] ? Number(range[2]) / 100 : low,
    openEnded: range[3] === "+",
    architecture,
    nodeNm,
    volumeProduction: production,
    volumeProductionDate: periodMidpoint(production),
    printed,
  };
}

export const CHIP_GENERATIONS: readonly ChipGeneration[] = [
  generation("2025 Leading", "60–65%", "7nm ASIC", 7, "2H25"),
  generation("2026 Next-Gen", "70–75%", "5nm AI GPU", 5, "1H27"),
  generation("2027 Target", "80%+", "3nm Custom", 3, "Late 2027"),
];

export const CHIP_COLUMNS = [
  "Generation",
  "Parity low",
  "Parity high",
  "Open-ended",
  "Architecture",
  "Node (nm)",
  "Volume production (label)",
  "Volume production (date)",
] as const;

/** Table 2: China AI Cloud Revenue & Token Volume Growth Estimates. */
export interface TokenMetric {
  readonly metric: string;
  readonly unit: string;
  /** One value per TOKEN_PERIODS column. */
  readonly values: readonly number[];
}

/** Table 2's columns; 2027E is annualized. */
export const TOKEN_PERIODS: readonly Period[] = [
  period("Q1 2025"),
  period("Q1 2026"),
  { ...period("2027E"), label: "2027E" },
];

export const TOKEN_METRICS: readonly TokenMetric[] = [
  { metric: "AI Cloud Revenue", unit: "$bn", values: [0.8, 1.6, 4.5] },
  { metric: "Inference Tokens", unit: "T tokens", values: [15, 60, 250] },
  { metric: "Avg Token Price", unit: "$/M tokens", values: [0.06, 0.03, 0.02] },
];

export const TOKEN_COLUMNS = ["Metric", "Unit", ...TOKEN_PERIODS.map((p) => p.label)] as const;
