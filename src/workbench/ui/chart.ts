/* global Document, SVGElement */
/**
 * A chart of the host's workbook drawn as SVG, as Excel draws its defaults: a line chart, or
 * clustered columns with line series over them and secondary series on a right-hand axis; title,
 * gridlines, axis labels in the source's number format, legend below.
 */
import type { WorkbenchChart } from "../../host/contract";
import { formatValue } from "../../host/format";

const SVG = "http://www.w3.org/2000/svg";

/** Office's default series colours, in order. */
const PALETTE = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

export const CHART_WIDTH = 360;
export const CHART_HEIGHT = 250;

/** Margins around the plot: title above, category labels and legend below, axis labels beside. */
const MARGIN = { top: 40, bottom: 58, axis: 48, edge: 14 } as const;
const LEGEND_ROW = 16;
/** Average width of an 11px character: text is laid out without measuring it. */
const CHARACTER = 6;

type Attributes = Readonly<Record<string, string | number>>;

/** Number formats of the value axes; Excel links an axis to its source cells' format by default. */
export interface AxisFormats {
  readonly primary?: string;
  readonly secondary?: string;
}

interface Axis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

/** Ticks at 1, 2, 2.5 or 5 × 10ⁿ; from zero unless the data sit far from it, as Excel's auto axis. */
export function niceAxis(values: readonly number[]): Axis {
  if (values.length === 0) return { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low >= 0 && low < (5 / 6) * high) low = 0;
  if (high <= 0 && high > (5 / 6) * low) high = 0;
  if (low === high) {
    const pad = Math.abs(low) || 1;
    low -= pad;
    high += pad;
  }
  const rough = (high - low) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) as number) * power;
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; min + k * step <= max + step / 1e6; k++) ticks.push(min + k * step);
  return { min, max, ticks };
}

/** A tick as the axis shows it: one computed as 0.30000000000000004 is 0.3. */
const tickLabel = (value: number, format = "General") =>
  formatValue(Number(value.toPrecision(12)), format);

/** SVG path data of a line through the points; a missing value breaks the line. */
function linePath(points: readonly (readonly [number, number] | null)[]): string {
  let d = "";
  let drawing = false;
  for (const point of points) {
    if (point === null) {
      drawing = false;
      continue;
    }
    d += `${drawing ? "L" : "M"}${point[0].toFixed(1)},${point[1].toFixed(1)}`;
    drawing = true;
  }
  return d;
}

interface LegendEntry {
  readonly name: string;
  readonly colour: string;
  readonly column: boolean;
  readonly width: number;
}

/** Legend entries in rows that fit the chart's width. */
function legendRows(entries: readonly Omit<LegendEntry, "width">[]): LegendEntry[][] {
  const rows: LegendEntry[][] = [[]];
  let used = 0;
  for (const entry of entries) {
    const width = 18 + entry.name.length * CHARACTER + 14;
    if (used + width > CHART_WIDTH - 2 * MARGIN.edge && used > 0) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1].push({ ...entry, width });
    used += width;
  }
  return rows;
}

export function renderChart(
  document: Document,
  chart: WorkbenchChart,
  formats: AxisFormats = {}
): SVGElement {
  const { categories, series } = chart;
  const svg = (tag: string, attributes: Attributes, text?: string): SVGElement => {
    const element = document.createElementNS(SVG, tag) as SVGElement;
    for (const [name, value] of Object.entries(attributes))
      element.setAttribute(name, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const root = svg("svg", {
    class: "wb-chart",
    viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    role: "img",
    "aria-label": chart.title,
    "data-chart": chart.name,
  });
  const add = (tag: string, attributes: Attributes, text?: string) =>
    root.append(svg(tag, attributes, text));

  const colour = (k: number) => PALETTE[k % PALETTE.length];
  const asColumn = series.map((s) => chart.type.startsWith("Column") && !s.line);
  const numbers = (secondary: boolean) =>
    series
      .filter((s) => s.secondary === secondary)
      .flatMap((s) => s.values.filter((v): v is number => typeof v === "number"));
  const primary = niceAxis(numbers(false));
  const secondary = series.some((s) => s.secondary) ? niceAxis(numbers(true)) : undefined;
  const legend = legendRows(
    series.map((s, k) => ({ name: s.name, colour: colour(k), column: asColumn[k] }))
  );

  const left = MARGIN.axis;
  const right = CHART_WIDTH - (secondary ? MARGIN.axis : MARGIN.edge);
  const top = MARGIN.top;
  const bottom = CHART_HEIGHT - MARGIN.bottom - (legend.length - 1) * LEGEND_ROW;
  const slot = (right - left) / Math.max(categories.length, 1);
  const x = (k: number) => left + slot * (k + 0.5);
  const y = (axis: Axis, value: number) =>
    bottom - ((value - axis.min) / (axis.max - axis.min)) * (bottom - top);

  add("title", {}, chart.title);
  add("rect", {
    class: "wb-chart-frame",
    x: 0.5,
    y: 0.5,
    width: CHART_WIDTH - 1,
    height: CHART_HEIGHT - 1,
  });
  add("text", { class: "wb-chart-title", x: CHART_WIDTH / 2, y: 22 }, chart.title);

  // Value axes: gridlines and labels on the left, the secondary axis's labels on the right.
  const primaryFormat = chart.valueAxisFormat ?? formats.primary;
  for (const tick of primary.ticks) {
    const at = y(primary, tick);
    add("line", { class: "wb-chart-grid", x1: left, x2: right, y1: at, y2: at });
    const label = tickLabel(tick, primaryFormat);
    add("text", { class: "wb-chart-axis", x: left - 6, y: at + 4, "text-anchor": "end" }, label);
  }
  for (const tick of secondary?.ticks ?? []) {
    const at = y(secondary as Axis, tick);
    const label = tickLabel(tick, formats.secondary);
    add("text", { class: "wb-chart-axis", x: right + 6, y: at + 4, "text-anchor": "start" }, label);
  }
  add("line", { class: "wb-chart-baseline", x1: left, x2: right, y1: bottom, y2: bottom });

  // Category labels, slanted when they do not fit side by side.
  const slanted = categories.some((c) => c.length * CHARACTER > slot - 4);
  categories.forEach((category, k) => {
    const at: Attributes = slanted
      ? { y: bottom + 12, "text-anchor": "end", transform: `rotate(-40 ${x(k)} ${bottom + 12})` }
      : { y: bottom + 16, "text-anchor": "middle" };
    add("text", { class: "wb-chart-axis", x: x(k), ...at }, category);
  });

  // Columns first, from zero (or the axis's end nearest it); lines over them.
  const columnSeries = series.filter((_, k) => asColumn[k]);
  const barWidth = (slot * 0.6) / Math.max(columnSeries.length, 1);
  const base = y(primary, Math.min(Math.max(0, primary.min), primary.max));
  columnSeries.forEach((s, n) => {
    s.values.forEach((value, c) => {
      if (typeof value !== "number") return;
      const top = y(primary, value);
      add("rect", {
        x: x(c) - (barWidth * columnSeries.length) / 2 + n * barWidth,
        y: Math.min(top, base),
        width: barWidth,
        height: Math.abs(base - top),
        fill: colour(series.indexOf(s)),
        "data-series": s.name,
      });
    });
  });
  series.forEach((s, k) => {
    if (asColumn[k]) return;
    const axis = s.secondary && secondary ? secondary : primary;
    const points = s.values.map((v, c) =>
      typeof v === "number" ? ([x(c), y(axis, v)] as const) : null
    );
    add("path", {
      class: "wb-chart-line",
      d: linePath(points),
      stroke: colour(k),
      "data-series": s.name,
    });
    if (chart.type === "LineMarkers" || s.line)
      for (const point of points)
        if (point) add("circle", { cx: point[0], cy: point[1], r: 3, fill: colour(k) });
  });

  // Legend, centred under the plot.
  legend.forEach((row, r) => {
    let at = (CHART_WIDTH - row.reduce((sum, entry) => sum + entry.width, 0)) / 2;
    const baseline = CHART_HEIGHT - 10 - (legend.length - 1 - r) * LEGEND_ROW;
    for (const entry of row) {
      if (entry.column)
        add("rect", { x: at, y: baseline - 9, width: 10, height: 10, fill: entry.colour });
      else
        add("line", {
          x1: at,
          x2: at + 14,
          y1: baseline - 4,
          y2: baseline - 4,
          stroke: entry.colour,
          "stroke-width": 2,
        });
      add("text", { class: "wb-chart-legend", x: at + 18, y: baseline }, entry.name);
      at += entry.width;
    }
  });
  return root;
}
