/**
 * The analyst's own appendix tables as arguments: a range laid out like APPENDIX("chips") or
 * APPENDIX("tokens") — typically ChipParity[#All] or TokenEconomics[#All] — read into plain data.
 *
 * - The header row is optional. When the first non-blank row names a column, columns are found by
 *   name, case- and space-insensitively, in any order, other columns ignored; otherwise they are
 *   APPENDIX's, by position. A column the function reads named twice (two "Parity low", two
 *   "Metric", two "Q1 2026") is #VALUE! naming it and both positions.
 * - Rows are numbered from the first row under the header (from the range's first row without one),
 *   blank rows included, as messages name them: "chips row 2 (2026 Next-Gen)".
 * - Blank rows are skipped. A malformed table is #VALUE! naming the row and the column; an Excel
 *   error in a cell the function needs keeps its code.
 */
import { CHIP_COLUMNS, TOKEN_COLUMNS } from "./appendix";
import { PERIOD_FORMS, Period, isoFromSerial, parsePeriod, periodMidpoint } from "./dates";
import { BooleanParam, DateParam, coerce, formatNumber, isBlank, numberFromText } from "./params";
import { CellError, CellValue, Matrix, describe, valueError } from "./values";

export type Row = readonly CellValue[];

export const squash = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
/** A cell as text: its text, or a number written out; nothing for blanks, booleans and errors. */
export const textOf = (cell: CellValue | undefined): string | undefined =>
  typeof cell === "string" && cell.trim()
    ? cell.trim()
    : typeof cell === "number"
      ? String(cell)
      : undefined;
export const cellAt = (row: Row, column: number): CellValue =>
  column >= 0 && column < row.length ? row[column] : null;
export const ordinal = (n: number) =>
  `${n}${n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;

/** Where a table's data starts: the header row's index, or −1 when the range has none. */
export function headerRow(cells: Matrix<CellValue>, isHeader: (row: Row) => boolean): number {
  const first = cells.findIndex((row) => !row.every(isBlank));
  return first >= 0 && isHeader(cells[first]) ? first : -1;
}

/** The widest row's width (a loop: a whole-column range has too many rows to spread). */
export function widthOf(cells: Matrix<CellValue>): number {
  let width = 0;
  for (const row of cells) width = Math.max(width, row.length);
  return width;
}

/** The leftmost column whose header is `name`, or −1. */
export const columnNamed = (header: Row, name: string) =>
  header.findIndex((cell) => typeof cell === "string" && squash(cell) === squash(name));

/**
 * #VALUE! when two header cells name the same column: which one the analyst meant cannot be
 * guessed, and reading either gives a number with no sign it may be the wrong one. `keyOf` says
 * which header cells name a column the function reads, and when two are the same. One pass with a
 * map, so a header of 16,384 columns is read in linear time.
 */
function repeatedColumn(
  name: string,
  header: Row,
  keyOf: (cell: CellValue) => string | undefined
): CellError | undefined {
  const seen = new Map<string, number>();
  for (const [k, cell] of header.entries()) {
    const key = keyOf(cell);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined)
      return valueError(
        `${name} has two columns "${textOf(cell)}" (columns ${first + 1} and ${k + 1} of the range): keep one, or rename the other.`
      );
    seen.set(key, k);
  }
  return undefined;
}

/** An Excel error met in a cell the function reads: its code and message, with where it was. */
export const held = (where: string, column: string, error: CellError) =>
  new CellError(error.code, `${where}, ${column}: ${error.message}`);

// ---------------------------------------------------------------------------------------------
// Table 1: chip generations

/** One generation as a point of the parity curve. */
export interface GenerationPoint {
  /** Its volume-production date, as a serial. */
  readonly date: number;
  /** Its volume-production period as written ("2H25"), when the date came from or agrees with one. */
  readonly label?: string;
  readonly low: number;
  readonly high: number;
}

const [GENERATION, PARITY_LOW, PARITY_HIGH, OPEN_ENDED, , , LABEL, DATE] = CHIP_COLUMNS;

/** Parities are fractions of the H100 (60% = 0.6); beyond 0–2 the figure is a mistake, not a chip. */
const PARITY_MAX = 2;

/** The columns the cells are read with: coercion and its messages, named as the table's columns. */
const OPEN_ENDED_CELL: BooleanParam = {
  name: OPEN_ENDED,
  kind: "boolean",
  description: "",
  zh: { description: "" },
};
const DATE_CELL: DateParam = { name: DATE, kind: "date", description: "", zh: { description: "" } };

/** A parity cell: a fraction, or text as the note prints it — "60–65%", "80%+", "70%". */
interface ParityFigure {
  readonly low: number;
  /** The upper end of a range typed in one cell ("60–65%"). */
  readonly high?: number;
  /** A trailing "+": the range is open-ended ("80%+"). */
  readonly plus: boolean;
}

const PARITY_TEXT =
  /^(\d+(?:\.\d+)?|\.\d+)(%?)(?:(?:[-–—~]|to)(\d+(?:\.\d+)?|\.\d+)(%?))?(\+?)(%?)$/;

function parityFigure(cell: CellValue): ParityFigure | undefined {
  if (typeof cell === "number") return { low: cell, plus: false };
  if (typeof cell !== "string") return undefined;
  const plain = numberFromText(cell);
  if (plain !== undefined) return { low: plain, plus: false };
  const match = cell.replace(/\s+/g, "").toLowerCase().match(PARITY_TEXT);
  if (!match) return undefined;
  const scale = match[2] || match[4] || match[6] ? 100 : 1;
  return {
    low: Number(match[1]) / scale,
    high: match[3] === undefined ? undefined : Number(match[3]) / scale,
    plus: match[5] === "+",
  };
}

/**
 * A range laid out like APPENDIX("chips") → its generations, in the range's order. A row is a
 * generation when it has a parity or a volume-production label or date; rows with none of these
 * (blank, or a generation named but not yet estimated) are skipped.
 */
export function readChipTable(
  cells: Matrix<CellValue>,
  name: string
): GenerationPoint[] | CellError {
  const names = CHIP_COLUMNS.map(squash);
  const header = headerRow(cells, (row) =>
    row.some((cell) => typeof cell === "string" && names.includes(squash(cell)))
  );
  if (header >= 0) {
    const twice = repeatedColumn(name, cells[header], (cell) =>
      typeof cell === "string" && names.includes(squash(cell)) ? squash(cell) : undefined
    );
    if (twice) return twice;
  }
  const width = widthOf(cells);
  const position = (label: string) => (CHIP_COLUMNS as readonly string[]).indexOf(label);
  const column = (label: string) =>
    header >= 0
      ? columnNamed(cells[header], label)
      : position(label) < width
        ? position(label)
        : -1;
  const missing = (label: string) =>
    header >= 0
      ? ""
      : ` (without a header row, APPENDIX("chips")'s ${ordinal(position(label) + 1)} column)`;
  const at = {
    generation: column(GENERATION),
    low: column(PARITY_LOW),
    high: column(PARITY_HIGH),
    open: column(OPEN_ENDED),
    label: column(LABEL),
    date: column(DATE),
  };
  if (at.low < 0) return valueError(`${name} has no column "${PARITY_LOW}"${missing(PARITY_LOW)}.`);
  if (at.label < 0 && at.date < 0)
    return valueError(
      `${name} has no column "${DATE}" or "${LABEL}"${missing(LABEL)}: a generation needs a date.`
    );

  const points: GenerationPoint[] = [];
  for (let r = header + 1; r < cells.length; r++) {
    const row = cells[r];
    const [low, high, label, date] = [at.low, at.high, at.label, at.date].map((c) =>
      cellAt(row, c)
    );
    if ([low, high, label, date].every(isBlank)) continue;
    const generation = textOf(cellAt(row, at.generation));
    const where = `${name} row ${r - header}${generation ? ` (${generation})` : ""}`;
    const parity = readParity(where, low, high, cellAt(row, at.open));
    if (parity instanceof CellError) return parity;
    const placed = readDate(where, label, date);
    if (placed instanceof CellError) return placed;
    // Written out: spreading two objects of varying shape cost 10 µs a row (1 s for 10⁵ rows).
    points.push({ date: placed.date, label: placed.label, low: parity.low, high: parity.high });
  }
  if (points.length === 0)
    return valueError(`${name} holds no generation with a parity and a volume-production date.`);
  return points;
}

/**
 * A row's parity range. Open-ended when the Open-ended cell is TRUE or a parity is typed with a
 * trailing "+"; an open-ended row may leave Parity high empty, and its high is never below its low
 * ("80%+" is 80% at every bound). Any other row needs both ends, high ≥ low.
 */
function readParity(
  where: string,
  lowCell: CellValue,
  highCell: CellValue,
  openCell: CellValue
): { low: number; high: number } | CellError {
  const figure = (cell: CellValue, column: string): ParityFigure | CellError => {
    if (cell instanceof CellError) return held(where, column, cell);
    const read = parityFigure(cell);
    if (!read)
      return valueError(
        `${where}: ${column} must be a fraction (60% = 0.6) or a range such as "60–65%" or "80%+"; got ${describe(cell)}.`
      );
    for (const value of [read.low, read.high])
      if (value !== undefined && !(value >= 0 && value <= PARITY_MAX))
        return valueError(
          `${where}: ${column} must be from 0% to ${formatNumber(PARITY_MAX, true)} (60% = 0.6); got ${formatNumber(value, true)}.`
        );
    return read;
  };
  if (isBlank(lowCell))
    return valueError(
      `${where}: ${PARITY_LOW} is empty; a generation in volume production needs a parity.`
    );
  const low = figure(lowCell, PARITY_LOW);
  if (low instanceof CellError) return low;
  const high = isBlank(highCell) ? undefined : figure(highCell, PARITY_HIGH);
  if (high instanceof CellError) return high;
  let open = Boolean(low.plus || high?.plus);
  if (openCell instanceof CellError) return held(where, OPEN_ENDED, openCell);
  if (!isBlank(openCell)) {
    const flag = coerce(OPEN_ENDED_CELL, openCell);
    if (flag instanceof CellError) return valueError(`${where}: ${flag.message}`);
    open = open || flag === true;
  }
  if (low.high !== undefined && low.high < low.low)
    return valueError(
      `${where}: ${PARITY_LOW} ${describe(lowCell)} has its upper end below its lower end.`
    );
  const upper = high ? (high.high ?? high.low) : low.high;
  if (open) return { low: low.low, high: Math.max(low.low, upper ?? low.low) };
  if (upper === undefined)
    return valueError(
      `${where}: ${PARITY_HIGH} is empty; give the range's upper end, or set ${OPEN_ENDED} to TRUE.`
    );
  if (upper < low.low)
    return valueError(
      `${where}: ${PARITY_HIGH} (${formatNumber(upper, true)}) is below ${PARITY_LOW} (${formatNumber(low.low, true)}).`
    );
  return { low: low.low, high: upper };
}

/**
 * A row's date: the date cell when it holds one (it must then fall inside the label's period, if
 * the label names one), else the midpoint of the period the label names.
 */
function readDate(
  where: string,
  labelCell: CellValue,
  dateCell: CellValue
): { date: number; label?: string } | CellError {
  const label = textOf(labelCell);
  const period: Period | undefined = label === undefined ? undefined : parsePeriod(label);
  if (!isBlank(dateCell)) {
    if (dateCell instanceof CellError) return held(where, DATE, dateCell);
    const date = coerce(DATE_CELL, dateCell);
    if (date instanceof CellError) return valueError(`${where}: ${date.message}`);
    const serial = date as number;
    if (period && (serial < period.start || serial >= period.end))
      return valueError(
        `${where}: ${DATE} ${isoFromSerial(serial)} is not in ${LABEL} "${label}"; change one of them.`
      );
    return period ? { date: serial, label } : { date: serial };
  }
  if (labelCell instanceof CellError) return held(where, LABEL, labelCell);
  if (label === undefined)
    return valueError(
      `${where}: ${DATE} and ${LABEL} are empty; a generation needs one to be placed in time.`
    );
  if (!period)
    return valueError(
      `${where}: ${LABEL} ${describe(labelCell)} is not a period label (${PERIOD_FORMS}), and ${DATE} is empty.`
    );
  return { date: periodMidpoint(period), label };
}

// ---------------------------------------------------------------------------------------------
// Table 2: token economics

/** Table 2 or the analyst's version of it: metrics by row, periods by column. */
export interface TokenTable {
  /** How messages name it: "Table 2" for the note's, the argument's name for the analyst's. */
  readonly name: string;
  /** The period columns, by label as written; `period` when the label names one ("Q1 2027"). */
  readonly columns: readonly { readonly label: string; readonly period?: Period }[];
  readonly metrics: readonly {
    readonly metric: string;
    readonly unit: string;
    /** One cell per column, as the range holds it. */
    readonly values: readonly CellValue[];
  }[];
}

const [METRIC_COLUMN, UNIT_COLUMN] = TOKEN_COLUMNS;
/** Without a header row, the period columns are the note's, by position. */
const NOTE_PERIODS = TOKEN_COLUMNS.slice(2);
const labelKey = (label: string) => label.replace(/\s+/g, "").toUpperCase();

/**
 * A range laid out like APPENDIX("tokens") → Table 2's shape. With a header row every column but
 * Metric and Unit is a period, so an added column "Q1 2027" is one; without, the periods are the
 * note's three, by position, and further columns are ignored.
 */
export function readTokenTable(cells: Matrix<CellValue>, name: string): TokenTable | CellError {
  const fixed = [METRIC_COLUMN, UNIT_COLUMN].map(squash);
  const header = headerRow(
    cells,
    (row) =>
      row.some((cell) => typeof cell === "string" && fixed.includes(squash(cell))) ||
      row.slice(2).some((cell) => typeof cell === "string" && parsePeriod(cell) !== undefined)
  );
  const width = widthOf(cells);
  let metricAt = 0;
  let unitAt = width > 1 ? 1 : -1;
  let periodsAt: number[];
  let labels: string[];
  if (header >= 0) {
    const names = cells[header];
    const twice = repeatedColumn(name, names, (cell) => {
      const label = textOf(cell);
      if (label === undefined) return undefined;
      return fixed.includes(squash(label)) ? squash(label) : `period ${labelKey(label)}`;
    });
    if (twice) return twice;
    metricAt = columnNamed(names, METRIC_COLUMN);
    unitAt = columnNamed(names, UNIT_COLUMN);
    if (metricAt < 0) return valueError(`${name} has no column "${METRIC_COLUMN}".`);
    periodsAt = names.flatMap((cell, k) => {
      const label = textOf(cell);
      return label !== undefined && !fixed.includes(squash(label)) ? [k] : [];
    });
    labels = periodsAt.map((k) => textOf(names[k]) as string);
  } else {
    periodsAt = NOTE_PERIODS.map((_, k) => k + 2).filter((k) => k < width);
    labels = periodsAt.map((k) => TOKEN_COLUMNS[k]);
  }
  if (periodsAt.length === 0)
    return valueError(
      header >= 0
        ? `${name} has no period column: its header row names none besides ${METRIC_COLUMN} and ${UNIT_COLUMN}.`
        : `${name} has no period column: without a header row, ${NOTE_PERIODS.join(", ")} are its 3rd to 5th columns.`
    );

  const metrics: TokenTable["metrics"][number][] = [];
  const rowOf = new Map<string, number>();
  for (let r = header + 1; r < cells.length; r++) {
    const row = cells[r];
    if (row.every(isBlank)) continue;
    const where = `${name} row ${r - header}`;
    const cell = cellAt(row, metricAt);
    if (cell instanceof CellError) return held(where, METRIC_COLUMN, cell);
    const metric = textOf(cell);
    if (metric === undefined)
      return valueError(`${where}: ${METRIC_COLUMN} is empty; every row needs its metric's name.`);
    const first = rowOf.get(squash(metric));
    if (first !== undefined)
      return valueError(
        `${name} rows ${first} and ${r - header} both hold the metric "${metric}".`
      );
    rowOf.set(squash(metric), r - header);
    metrics.push({
      metric,
      unit: textOf(cellAt(row, unitAt)) ?? "",
      values: periodsAt.map((k) => cellAt(row, k)),
    });
  }
  if (metrics.length === 0) return valueError(`${name} holds no metric: every row is blank.`);
  return {
    name,
    columns: labels.map((label) => ({ label, period: parsePeriod(label) })),
    metrics,
  };
}
