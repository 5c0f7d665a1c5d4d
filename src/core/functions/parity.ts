/** Domestic chip parity with the H100 over time: Table 1, Evidence 1 and Risk 1 of the note. */
import { CHIP_GENERATIONS } from "../appendix";
import { isoFromSerial } from "../dates";
import { defineFunction } from "../runner";
import { naError } from "../values";

export type Bound = "low" | "mid" | "high";
export type ParityMethod = "linear" | "step";

/** Each generation sits at the midpoint of its volume-production period; "mid" is its range's middle. */
const POINTS = CHIP_GENERATIONS.map((g) => ({
  date: g.volumeProductionDate,
  low: g.parityLow,
  mid: (g.parityLow + g.parityHigh) / 2,
  high: g.parityHigh,
}));

const FIRST = CHIP_GENERATIONS[0];
const beforeFirst = (what: string) =>
  naError(
    `No domestic generation is in volume production before ${FIRST.volumeProduction.label} (${isoFromSerial(FIRST.volumeProductionDate)}); ${what}.`
  );

/**
 * Parity at a date (serial): linear interpolation between the generations, or with "step" the best
 * generation already in volume production; the last value holds after the last generation.
 * With a stall date (Risk 1: export controls), parity freezes at its value on that date.
 */
export function parityAt(
  when: number,
  bound: Bound,
  method: ParityMethod,
  stallFrom: number | null
) {
  const date = stallFrom === null ? when : Math.min(when, stallFrom);
  if (when < POINTS[0].date) return beforeFirst("the date is earlier");
  if (date < POINTS[0].date)
    return beforeFirst("the stall date is earlier, so there is no parity to freeze");
  let k = 0;
  while (k + 1 < POINTS.length && POINTS[k + 1].date <= date) k++;
  const at = POINTS[k];
  const next = POINTS[k + 1];
  if (method === "step" || !next) return at[bound];
  return at[bound] + ((next[bound] - at[bound]) * (date - at.date)) / (next.date - at.date);
}

export const PARITY_AT = defineFunction({
  name: "PARITY_AT",
  description:
    "Best domestic chip's inference performance as a fraction of the H100 at a date (Table 1).",
  returns: "Parity with the H100, a fraction (0.625 = 62.5%).",
  format: "0.0%",
  source:
    "Table 1; Evidence 1 (60–70% parity, 80% by late 2027); Risk 1 (export controls stall the catch-up)",
  zh: {
    description: "某一日期国产最强芯片的推理性能相当于H100的比例（表1）。",
    returns: "相对H100的性能，以小数表示（0.625 = 62.5%）。",
    source: "表1；证据1（性能达到H100的60–70%，2027年底前达到80%）；风险1（出口管制使追赶停滞）",
  },
  broadcast: true,
  params: [
    {
      name: "when",
      kind: "date",
      description: 'Date, decimal year (2026.5) or period label ("2H26").',
      zh: { description: '日期、小数年份（2026.5）或期间标签（"2H26"）。' },
    },
    {
      name: "bound",
      kind: "choice",
      options: ["low", "mid", "high"],
      default: "mid",
      description: 'Which end of the note\'s range: "low", "mid" (the range\'s middle) or "high".',
      zh: { description: '取研报区间的哪一端："low"（下限）、"mid"（区间中值）或"high"（上限）。' },
    },
    {
      name: "method",
      kind: "choice",
      options: ["linear", "step"],
      default: "linear",
      description:
        '"linear" interpolates between generations; "step" holds the best one in volume production.',
      zh: {
        description: '"linear"在各代芯片之间线性插值；"step"取已量产的最强一代（阶梯式）。',
      },
    },
    {
      name: "stall_from",
      kind: "date",
      optional: true,
      description:
        "Export-control scenario: parity freezes at its value on this date; empty for no stall.",
      zh: { description: "出口管制情景：性能比从该日期起冻结在当时的水平；留空表示不停滞。" },
    },
  ],
  examples: [
    {
      formula: '=CNAI.PARITY_AT("2H25")',
      result: "62.5%: the 2025 Leading generation's 60–65% at its volume production",
      zh: { result: "62.5%：2025 Leading一代量产时60–65%区间的中值" },
    },
    {
      formula: '=CNAI.PARITY_AT("Late 2027")',
      result: '80%: the note\'s trajectory "toward 80% by late 2027"',
      zh: { result: "80%：研报所述“2027年底前迈向80%”的路径" },
    },
    {
      formula: '=CNAI.PARITY_AT(DATE(2026,3,11),{"low","high"})',
      result: "62.9% and 67.9%, inside the 60–70% the note reports on March 11, 2026",
      zh: { result: "62.9%和67.9%，落在研报2026年3月11日所述的60–70%之内" },
    },
    {
      formula: '=CNAI.PARITY_AT("2028","mid","linear","2H26")',
      result: "69.2%: parity frozen where it stood in 2H26",
      zh: { result: "69.2%：性能比冻结在2H26时的水平" },
    },
  ],
  compute: (when, bound, method, stallFrom) =>
    parityAt(when, bound as Bound, method as ParityMethod, stallFrom),
});
