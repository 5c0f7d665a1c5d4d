/**
 * Chunks by payload size: Excel on the web refuses a request or a response over 5 MB ("Resource
 * limits and performance optimization for Office Add-ins"), so an action on a big workbook splits
 * its reads and writes into syncs whose JSON stays under a budget. The size of a write is known
 * before it is sent — the bytes of its cells as JSON — and the size of a read is learnt from the
 * bands read before it (`bytesPerCell`). Pure: no Office.
 */
import { cellAddress, parseCell } from "./a1";

/** What one sync may carry: 2 MB, well under the 5 MB limit, for the request's own paths and for
 * reads whose rows grow denser than the rows read before them. */
export const PAYLOAD_BUDGET = 2_000_000;

/**
 * What a range's object paths and actions add to a request, beside its cells: measured on the
 * host, 437 bytes a write of `worksheets.getItem(name).getRange(address).formulas`.
 */
export const RANGE_OVERHEAD = 600;

/** Text of one byte per character in UTF-8: checked natively, not character by character. */
const ASCII = /^[\0-\x7f]*$/;

/** Bytes of a text in UTF-8. */
export function utf8Length(text: string): number {
  // Requests of megabytes are mostly ASCII: a regular expression scans them many times faster.
  if (ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A cell in a `values`/`formulas` array as JSON, with its comma: `"text",` `1.5,` `null,`. */
export function cellBytes(cell: unknown): number {
  if (cell === null || cell === undefined) return 5;
  if (typeof cell === "string") {
    // JSON escapes quotes, backslashes and control characters with one more character each.
    let escapes = 0;
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i);
      if (code === 0x22 || code === 0x5c || code < 0x20) escapes += code < 0x20 ? 5 : 1;
    }
    return utf8Length(cell) + escapes + 3;
  }
  return String(cell).length + 1;
}

/** A row of cells as JSON: its cells, its brackets and its comma. */
export function rowBytes(row: readonly unknown[]): number {
  let bytes = 3;
  for (const cell of row) bytes += cellBytes(cell);
  return bytes;
}

/** Consecutive rows [start, start + count). */
export interface Band {
  readonly start: number;
  readonly count: number;
}

/**
 * Rows of the given sizes in consecutive bands, each at most `budget` bytes; a row larger than the
 * budget is a band of its own (the sync then fails in words rather than the row being split).
 */
export function bands(rowSizes: readonly number[], budget: number = PAYLOAD_BUDGET): Band[] {
  const out: Band[] = [];
  let start = 0;
  let size = 0;
  rowSizes.forEach((bytes, row) => {
    if (row > start && size + bytes > budget) {
      out.push({ start, count: row - start });
      start = row;
      size = 0;
    }
    size += bytes;
  });
  if (rowSizes.length > start) out.push({ start, count: rowSizes.length - start });
  return out;
}

/**
 * Writes of several ranges packed into syncs: each write's estimated bytes (`bytesOf`), in order,
 * into groups of at most `budget` bytes; a write larger than the budget goes alone.
 */
export function packed<T>(
  writes: readonly T[],
  bytesOf: (write: T) => number,
  budget: number = PAYLOAD_BUDGET
): T[][] {
  return bands(writes.map(bytesOf), budget).map(({ start, count }) =>
    writes.slice(start, start + count)
  );
}

/**
 * How many rows of `columns` cells the next read may take: the budget over the densest cells read
 * so far. Before anything is read, `bytesPerCell` is a guess that the first band corrects.
 */
export function rowsToRead(columns: number, bytesPerCell: number, budget = PAYLOAD_BUDGET): number {
  return Math.max(1, Math.floor((budget - RANGE_OVERHEAD) / (Math.max(1, columns) * bytesPerCell)));
}

/** A write of a rectangle of cells, and what they held before (for the undo), as the pane sends it. */
export interface RangeWrite {
  readonly sheet: string;
  /** "E1", "E1:E3000", "T5:T7". */
  readonly address: string;
  readonly formulas: readonly (readonly unknown[])[];
  readonly before?: readonly (readonly unknown[])[];
  readonly asValues?: boolean;
  readonly numberFormat?: string;
}

/**
 * Writes stacked into as few ranges as they fill: writes of one sheet over the same columns, each
 * starting on the row after the last, become one — a column of 3,000 converted CNAI formulas is one
 * range, not 3,000 (each a step of Excel's request and an object its client keeps). Writes that
 * differ in how they are written (`asValues`, `numberFormat`) or that hold no `before` where the
 * other does stay apart. The writes must not overlap (Snapshot's and Restore's do not: each is one
 * anchor's cell or spill range), so their order within a group is free: the groups keep the order
 * of their first writes (Snapshot's originals before its conversions), each group top to bottom.
 */
export function stacked<T extends RangeWrite>(writes: readonly T[]): T[] {
  const placed = writes.map((write) => {
    const [first, last = first] = write.address.split(":");
    const a = parseCell(first);
    const b = parseCell(last);
    const group = JSON.stringify([
      write.sheet,
      a.column,
      b.column,
      write.asValues === true,
      write.numberFormat ?? null,
      write.before !== undefined,
    ]);
    return { write, group, top: a.row, bottom: b.row };
  });
  const order = new Map<string, number>();
  for (const p of placed) if (!order.has(p.group)) order.set(p.group, order.size);
  const rank = (p: (typeof placed)[number]) => order.get(p.group) as number;
  placed.sort((x, y) => rank(x) - rank(y) || x.top - y.top);
  const out: T[] = [];
  for (let k = 0; k < placed.length;) {
    const start = placed[k];
    let end = k;
    while (
      end + 1 < placed.length &&
      placed[end + 1].group === start.group &&
      placed[end + 1].top === placed[end].bottom + 1
    )
      end++;
    if (end === k) out.push(start.write);
    else {
      const run = placed.slice(k, end + 1).map((p) => p.write);
      const [first, last = first] = start.write.address.split(":");
      const right = parseCell(last).column;
      out.push({
        ...start.write,
        address: `${first}:${cellAddress({ row: placed[end].bottom, column: right })}`,
        formulas: run.flatMap((w) => w.formulas),
        before: start.write.before && run.flatMap((w) => w.before ?? []),
      });
    }
    k = end + 1;
  }
  return out;
}
