/* global Excel */
/**
 * Reading and writing big ranges in syncs under Excel on the web's 5 MB payload limit, sized by
 * src/plans/chunks.ts: a read takes as many rows as the budget allows at the density of the cells
 * read so far, and halves its bands if Excel still refuses the answer as too large; a write is
 * packed by the bytes of its cells. A write that fails part-way writes back what the cells held
 * before, so an action leaves the workbook as it was, never half-written.
 */
import {
  Band,
  PAYLOAD_BUDGET,
  RANGE_OVERHEAD,
  bands,
  packed,
  rowBytes,
  rowsToRead,
  stacked,
} from "../plans/chunks";
import type { RangeWrite } from "../plans/chunks";
import { cellAddress } from "../plans/a1";
import { rectOf } from "../plans/snapshot";

/** A rectangle of a sheet, 0-based. */
export interface Area {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

export type ReadProperty = "formulas" | "values" | "valueTypes";
export type Read = Record<ReadProperty, unknown[][]>;

/** Bytes a cell's property is taken to need before the first band says: a short text. */
const FIRST_GUESS = 24;

const codeOf = (error: unknown) => (error as { code?: string } | undefined)?.code;

/**
 * The properties of each area, read in bands of rows whose answers stay under the budget; several
 * small areas share a sync. One sync per band is the point: no answer carries more than the budget.
 */
export async function readAreas(
  context: Excel.RequestContext,
  areas: readonly Area[],
  properties: readonly ReadProperty[],
  budget: number = PAYLOAD_BUDGET
): Promise<Read[]> {
  const out: Read[] = areas.map(() => ({ formulas: [], values: [], valueTypes: [] }));
  const next = areas.map(() => 0);
  let perCell = FIRST_GUESS * properties.length;
  let measured = false;
  let first = 0;
  while (first < areas.length) {
    const batch: { area: number; start: number; range: Excel.Range }[] = [];
    let room = budget;
    for (let k = first; k < areas.length && room > RANGE_OVERHEAD; k++) {
      const area = areas[k];
      const left = area.rows - next[k];
      if (left <= 0) continue;
      const rows = Math.min(left, rowsToRead(area.columns, perCell, room));
      const range = context.workbook.worksheets
        .getItem(area.sheet)
        .getRangeByIndexes(area.top + next[k], area.left, rows, area.columns)
        .load(properties.join(","));
      batch.push({ area: k, start: next[k], range });
      next[k] += rows;
      room -= RANGE_OVERHEAD + rows * area.columns * perCell;
      if (next[k] < area.rows) break;
    }
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      // Denser cells than those read before: read the same rows again in smaller bands.
      const shrinkable = batch.some(({ area, start }) => next[area] - start > 1);
      if (codeOf(error) !== "ResponsePayloadSizeLimitExceeded" || !shrinkable) throw error;
      for (const { area, start } of batch) next[area] = Math.min(next[area], start);
      perCell *= 2;
      measured = true;
      continue;
    }
    let bytes = 0;
    let cells = 0;
    for (const { area, range } of batch) {
      for (const property of properties) {
        const rows = range[property] as unknown[][];
        out[area][property].push(...rows);
        for (const row of rows) bytes += rowBytes(row);
        cells += rows.length * areas[area].columns;
      }
    }
    const density = Math.ceil((bytes / Math.max(1, cells)) * properties.length);
    perCell = measured ? Math.max(perCell, density) : Math.max(1, density);
    measured = true;
    while (first < areas.length && next[first] >= areas[first].rows) first++;
  }
  return out;
}

/**
 * Cells to write as `formulas` (or as `values`, in cells given `numberFormat` first), and what
 * they held before, for the undo.
 */
export type Write = RangeWrite;

/** A write cut into bands of rows that each fit the budget. */
function cut(write: Write, budget: number): Write[] {
  const rect = rectOf(write.address);
  const sizes = write.formulas.map((row) => rowBytes(row));
  const parts: Band[] = bands(sizes, budget - RANGE_OVERHEAD);
  if (parts.length === 1) return [write];
  return parts.map(({ start, count }) => ({
    ...write,
    address: `${cellAddress({ row: rect.top + start, column: rect.left })}:${cellAddress({
      row: rect.top + start + count - 1,
      column: rect.right,
    })}`,
    formulas: write.formulas.slice(start, start + count),
    before: write.before?.slice(start, start + count),
  }));
}

const bytesOf = (write: Write) =>
  RANGE_OVERHEAD +
  write.formulas.reduce(
    (n, row) =>
      n + rowBytes(row) + (write.numberFormat ? row.length * (write.numberFormat.length + 3) : 0),
    0
  );

/** Queues one write. */
function put(context: Excel.RequestContext, write: Write, cells: readonly (readonly unknown[])[]) {
  const range = rangeOf(context, write);
  if (write.numberFormat)
    range.numberFormat = cells.map((row) => row.map(() => write.numberFormat as string));
  if (write.asValues) range.values = cells as unknown[][];
  else range.formulas = cells as unknown[][];
}

const rangeOf = (context: Excel.RequestContext, write: Write): Excel.Range =>
  context.workbook.worksheets.getItem(write.sheet).getRange(write.address);

/**
 * Writes each write's `formulas`, packed into syncs under the budget. If a sync fails, what every
 * write sent so far held before is written back (in syncs of its own), then the error is thrown:
 * the cells are as they were. `each` is queued before every sync (the caller's suspensions).
 */
export async function writeAll(
  context: Excel.RequestContext,
  writes: readonly Write[],
  options: { readonly budget?: number; readonly each?: () => void } = {}
): Promise<number> {
  const budget = options.budget ?? PAYLOAD_BUDGET;
  const syncs = packed(
    stacked(writes).flatMap((w) => cut(w, budget)),
    bytesOf,
    budget
  );
  const sent: Write[] = [];
  for (const sync of syncs) {
    options.each?.();
    for (const write of sync) {
      put(context, write, write.formulas);
      sent.push(write);
    }
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      try {
        await undo(context, sent, budget);
      } catch {
        // Excel refuses the undo too: the first failure is the one to report.
      }
      throw error;
    }
  }
  return syncs.length;
}

/** Writes back what the cells held before, in reverse order of the writes. */
async function undo(context: Excel.RequestContext, sent: readonly Write[], budget: number) {
  const back = [...sent]
    .reverse()
    .filter((w) => w.before)
    .map((w) => ({ ...w, formulas: w.before as unknown[][] }));
  for (const sync of packed(back, bytesOf, budget)) {
    for (const write of sync) put(context, write, write.formulas);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
}
