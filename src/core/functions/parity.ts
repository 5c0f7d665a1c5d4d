/** Domestic chip parity with the H100 over time: Table 1, Evidence 1 and Risk 1 of the note. */
import { CHIP_GENERATIONS } from "../appendix";
import { isoFromSerial } from "../dates";
import { defineFunction } from "../runner";
import { GenerationPoint, readChipTable } from "../tables";
import { CellError, naError } from "../values";

export type Bound = "low" | "mid" | "high";
export type ParityMethod = "linear" | "step";

interface ParityPoint {
  readonly date: number;
  readonly low: number;
  readonly mid: number;
  readonly high: number;
}

/** The best domestic chip's parity over time: points in date order, and where the curve starts. */
export interface ParityCurve {
  readonly points: readonly ParityPoint[];
  /** The first generation's period and date, for the message before it: "2H25 (2025-10-01)". */
  readonly first: string;
}

/**
 * Generations → the curve. Each generation sits at its volume-production date; "mid" is its range's
 * middle. The curve is the best chip's: at each date and bound, the best parity of any generation in
 * volume production by then, so generations sharing a date give their best, and a later but weaker
 * generation does not lower the curve (for the note's Table 1 these change nothing).
 */
export function parityCurve(generations: readonly GenerationPoint[]): ParityCurve {
  // Array.prototype.sort is stable: generations sharing a date keep the table's order.
  const byDate = [...generations].sort((a, b) => a.date - b.date);
  const points: ParityPoint[] = [];
  for (const g of byDate) {
    const last = points[points.length - 1];
    const point = {
      date: g.date,
      low: Math.max(g.low, last?.low ?? g.low),
      mid: Math.max((g.low + g.high) / 2, last?.mid ?? 0),
      high: Math.max(g.high, last?.high ?? g.high),
    };
    if (last && last.date === g.date) points[points.length - 1] = point;
    else points.push(point);
  }
  const start = byDate[0];
  const date = isoFromSerial(start.date);
  return { points, first: start.label ? `${start.label} (${date})` : date };
}

/** The note's Table 1: the default curve. */
export const NOTE_CURVE = parityCurve(
  CHIP_GENERATIONS.map((g) => ({
    date: g.volumeProductionDate,
    label: g.volumeProduction.label,
    low: g.parityLow,
    high: g.parityHigh,
  }))
);

/** A range laid out like APPENDIX("chips") → its curve, or the error naming the row and column. */
export function readChipCurve(cells: Parameters<typeof readChipTable>[0], name: string) {
  const generations = readChipTable(cells, name);
  return generations instanceof CellError ? generations : parityCurve(generations);
}

const beforeFirst = (curve: ParityCurve, what: string) =>
  naError(`No domestic generation is in volume production before ${curve.first}; ${what}.`);

/**
 * Parity at a date (serial): linear interpolation between the generations, or with "step" the best
 * generation already in volume production; the last value holds after the last generation.
 * With a stall date (Risk 1: export controls), parity freezes at its value on that date.
 */
export function parityAt(
  when: number,
  bound: Bound,
  method: ParityMethod,
  stallFrom: number | null,
  curve: ParityCurve = NOTE_CURVE
) {
  const points = curve.points;
  const date = stallFrom === null ? when : Math.min(when, stallFrom);
  if (when < points[0].date) return beforeFirst(curve, "the date is earlier");
  if (date < points[0].date)
    return beforeFirst(curve, "the stall date is earlier, so there is no parity to freeze");
  // The last point on or before the date, by binary search: the points are in date order (sorted
  // once per table), so 2·10⁴ dates over 10⁵ generations take 2·10⁴ × 17 steps, not 2·10⁹.
  let k = 0;
  let above = points.length;
  while (above - k > 1) {
    const middle = (k + above) >>> 1;
    if (points[middle].date <= date) k = middle;
    else above = middle;
  }
  const at = points[k];
  const next = points[k + 1];
  if (method === "step" || !next) return at[bound];
  return at[bound] + ((next[bound] - at[bound]) * (date - at.date)) / (next.date - at.date);
}

export const PARITY_AT = defineFunction({
  name: "PARITY_AT",
  description:
    "Best domestic chip's inference performance as a fraction of the H100 at a date (Table 1, or your own).",
  returns: "Parity with the H100, a fraction (0.625 = 62.5%).",
  format: "0.0%",
  source:
    "Table 1; Evidence 1 (60–70% parity, 80% by late 2027); Risk 1 (export controls stall the catch-up)",
  zh: {
    description: "某一日期国产最强芯片的推理性能相当于H100的比例（表1或自定义的表）。",
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
    {
      name: "chips",
      kind: "table",
      optional: true,
      accepts:
        'a range laid out like APPENDIX("chips"), with or without its header row: one row per generation with its Parity low, Parity high (or Open-ended TRUE) and Volume production (date) or (label)',
      description:
        'Your own Table 1: a range laid out like APPENDIX("chips"), such as ChipParity[#All]; added rows are generations. Empty for the note\'s Table 1.',
      zh: {
        description:
          '自定义的表1：按APPENDIX("chips")布局的区域，如ChipParity[#全部]；新增的行即为新的一代芯片。留空则使用研报的表1。',
        accepts:
          '按APPENDIX("chips")布局的区域，可含或不含标题行：每代芯片一行，含Parity low、Parity high（或Open-ended为TRUE）以及Volume production (date)或(label)',
      },
      read: readChipCurve,
    },
  ],
  examples: [
    {
      formula: '=CNAI.PARITY_AT("2H25")',
      expected: 0.625,
      result: "62.5%: the 2025 Leading generation's 60–65% at its volume production",
      zh: { result: "62.5%：2025 Leading一代量产时60–65%区间的中值" },
    },
    {
      formula: '=CNAI.PARITY_AT("Late 2027")',
      expected: 0.8,
      result: '80%: the note\'s trajectory "toward 80% by late 2027"',
      zh: { result: "80%：研报所述“2027年底前迈向80%”的路径" },
    },
    {
      formula: '=CNAI.PARITY_AT(DATE(2026,3,11),{"low","high"})', // 161 of the 547 days from 2H25 (2025-10-01) to 1H27 (2027-04-01), each bound up 10 pp over them
      expected: [[0.6 + (0.1 * 161) / 547, 0.65 + (0.1 * 161) / 547]],
      result: "62.9% and 67.9%, inside the 60–70% the note reports on March 11, 2026",
      zh: { result: "62.9%和67.9%，落在研报2026年3月11日所述的60–70%之内" },
    },
    {
      formula: '=CNAI.PARITY_AT("2028","mid","linear","2H26")', // frozen at 2H26: 365 of those 547 days
      expected: 0.625 + (0.1 * 365) / 547,
      result: "69.2%: parity frozen where it stood in 2H26",
      zh: { result: "69.2%：性能比冻结在2H26时的水平" },
    },
    {
      formula: '=CNAI.PARITY_AT("2H25",,,,CNAI.APPENDIX("chips"))',
      expected: 0.625,
      result: "62.5%: the note's Table 1 passed as a table gives the note's curve",
      zh: { result: "62.5%：把研报的表1作为表格传入，得到与研报相同的曲线" },
    },
    {
      formula:
        '=CNAI.PARITY_AT("2H28",,,,{"Parity low","Parity high","Volume production (label)";0.6,0.65,"2H25";0.88,0.92,"2H28"})',
      expected: 0.9,
      result: "90%: a 2028 generation at 88–92% added in 2H28 extends the curve",
      zh: { result: "90%：2H28新增一代2028年的芯片（88–92%），曲线随之延伸" },
    },
  ],
  compute: (when, bound, method, stallFrom, chips) =>
    parityAt(when, bound as Bound, method as ParityMethod, stallFrom, chips ?? NOTE_CURVE),
});
