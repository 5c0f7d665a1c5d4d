/**
 * Snapshot and Restore as plain data: from a read of the workbook — its sheets, the cells of the
 * scope, the formulas kept on CNAI's snapshot sheet — what to turn into values, what to write back,
 * and what to keep. src/taskpane/snapshot.ts only reads the workbook and writes these plans.
 *
 * A kept formula is a row of the snapshot sheet: [sheet, address, formula, fingerprint of the
 * values, sheet id]. Snapshot keeps each original before it converts the cell; Restore writes a
 * formula back only where the cell still shows the values of the snapshot (its fingerprint), so
 * nothing an analyst typed over is lost.
 */
import { BUSY, CATALOG, NAMESPACE } from "../core";
import { CellRef, cellAddress, isCellAddress, parseCell, quoteSheet } from "./a1";
import { Token, solidTokens } from "./formula-tokens";
import { callsNamespace } from "./saved-form";

/** The snapshot sheet's columns. */
export const SNAPSHOT_HEADER = ["Sheet", "Address", "Formula", "Values", "Sheet id"] as const;

/**
 * A formula that calls a CNAI function by its name, `CNAI.PARITY_AT(` — read with the formula
 * tokenizer (src/plans/saved-form.ts): not text, not a sheet named like one (`'CNAI.F (v2)'!A1`).
 */
export function callsCnai(formula: unknown): boolean {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  return callsNamespace(formula, NAMESPACE);
}

/**
 * A short fingerprint of values as Office.js reads them (FNV-1a, two seeds): Restore compares it
 * with the cells' values now, to tell a snapshot left alone from one the analyst changed.
 */
export function fingerprint(values: readonly (readonly unknown[])[]): string {
  const text = JSON.stringify(values);
  const hash = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
  };
  return `${hash(0x811c9dc5)}${hash(0x050c5d1f)}`;
}

/**
 * A value as `formulas` writes it back unchanged: text with a leading apostrophe, so that "2H25",
 * "30%" or "=x" stay text; an error as its code, which Excel reads as that error.
 */
function asWritten(value: unknown, type: string): unknown {
  return type === "String" ? `'${String(value)}` : value;
}

/** A used range as read: its top-left cell and what each cell holds. */
export interface Grid {
  readonly sheet: string;
  readonly sheetId: string;
  readonly origin: CellRef;
  readonly formulas: readonly (readonly unknown[])[];
  readonly values: readonly (readonly unknown[])[];
  readonly types: readonly (readonly string[])[];
}

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function rectOf(a1Range: string): Rect {
  const [first, last = first] = a1Range.split(":");
  const a = parseCell(first);
  const b = parseCell(last);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

const inside = (rect: Rect, ref: CellRef) =>
  ref.row >= rect.top &&
  ref.row <= rect.bottom &&
  ref.column >= rect.left &&
  ref.column <= rect.right;

/** A rectangle of a grid, row by row; cells beyond the used range are empty. */
function slice(
  grid: Grid,
  rect: Rect
): { values: unknown[][]; types: string[][]; formulas: unknown[][] } {
  const pick = <T>(matrix: readonly (readonly T[])[], empty: T) =>
    Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) =>
      Array.from({ length: rect.right - rect.left + 1 }, (__, j) => {
        const row = matrix[rect.top + i - grid.origin.row];
        const cell = row?.[rect.left + j - grid.origin.column];
        return cell === undefined ? empty : cell;
      })
    );
  return {
    values: pick<unknown>(grid.values, ""),
    types: pick<string>(grid.types, "Empty"),
    formulas: pick<unknown>(grid.formulas, ""),
  };
}

/** One kept formula: a row of the snapshot sheet. */
export interface Kept {
  readonly sheet: string;
  /** The cell, or the whole spill range with the formula in its top-left cell: "B36:B48". */
  readonly address: string;
  readonly formula: string;
  readonly values: string;
  readonly sheetId: string;
}

/** A kept formula's cell as the reports name it: "'CNAI Model'!B36" for "B36:B48". */
const anchorCell = (sheet: string, address: string) =>
  `${quoteSheet(sheet)}!${address.split(":")[0]}`;

const keyOf = (kept: Pick<Kept, "sheetId" | "sheet" | "address">) =>
  `${kept.sheetId || kept.sheet.toLowerCase()}!${kept.address.split(":")[0]}`;

/** The snapshot sheet's rows as read (`values` of its used range, header first). */
export function readKept(values: readonly (readonly unknown[])[] | undefined): Kept[] {
  return (values?.slice(1) ?? [])
    .filter((row) => String(row[1] ?? "") !== "" && String(row[2] ?? "") !== "")
    .map((row) => ({
      sheet: String(row[0] ?? ""),
      address: String(row[1]),
      formula: String(row[2]),
      values: String(row[3] ?? ""),
      sheetId: String(row[4] ?? ""),
    }));
}

/** Kept formulas as the snapshot sheet's rows, from row 2. */
export const keptRows = (kept: readonly Kept[]): string[][] =>
  kept.map((k) => [k.sheet, k.address, k.formula, k.values, k.sheetId]);

export interface SheetInfo {
  readonly name: string;
  readonly id: string;
}

/** What an action reads before it plans: the sheets, the scope, its cells, the kept formulas. */
export interface SnapshotRead {
  readonly sheets: readonly SheetInfo[];
  /** CNAI's snapshot sheet, if it has made one. */
  readonly store?: SheetInfo;
  /** The sheets the action looks at, and the selected rectangle on the first of them. */
  readonly scopeSheets: readonly SheetInfo[];
  readonly selection?: Rect;
  /** The used ranges of the scope's sheets. */
  readonly grids: readonly Grid[];
  readonly kept: readonly Kept[];
}

/** The sheet a kept formula belongs to: by its id, which renames keep, else by its name. */
export function sheetOfKept(kept: Kept, sheets: readonly SheetInfo[]): SheetInfo | undefined {
  return (
    sheets.find((s) => kept.sheetId !== "" && s.id === kept.sheetId) ??
    sheets.find((s) => s.name.toLowerCase() === kept.sheet.toLowerCase())
  );
}

/** Kept formulas that belong to the scope: its sheets, and the selection's cells. */
export function keptInScope(read: SnapshotRead): Kept[] {
  return read.kept.filter((k) => {
    if (!sheetOfKept(k, read.scopeSheets)) return false;
    return !read.selection || inside(read.selection, parseCell(k.address.split(":")[0]));
  });
}

/** The name for a new snapshot sheet: the preferred one, or a free one beside a sheet not CNAI's. */
export function storeName(sheets: readonly SheetInfo[], preferred: string): string {
  const taken = (name: string) => sheets.some((s) => s.name.toLowerCase() === name.toLowerCase());
  let name = preferred;
  for (let n = 2; taken(name); n++) name = `${preferred} (${n})`;
  return name;
}

/** A CNAI formula the scope holds: where it is, what it says. */
export interface Anchor {
  readonly sheet: string;
  readonly sheetId: string;
  readonly cell: string;
  readonly formula: string;
}

/**
 * The CNAI formulas of the scope (a text constant that reads like one shows itself as its value,
 * and is not one); Snapshot then asks where each spills.
 */
export function findAnchors(read: SnapshotRead): Anchor[] {
  const anchors: Anchor[] = [];
  for (const grid of read.grids)
    grid.formulas.forEach((row, i) =>
      row.forEach((formula, j) => {
        const ref = { row: grid.origin.row + i, column: grid.origin.column + j };
        if (!callsCnai(formula) || formula === grid.values[i][j]) return;
        if (read.selection && !inside(read.selection, ref)) return;
        anchors.push({
          sheet: grid.sheet,
          sheetId: grid.sheetId,
          cell: cellAddress(ref),
          formula: formula as string,
        });
      })
    );
  return anchors;
}

/**
 * CNAI's functions that give one value per cell of their arguments (not APPENDIX, TORNADO,
 * HISTOGRAM, which give a whole table): given one value in every argument, they give one value.
 */
const ONE_VALUE_FUNCTIONS = new Set(
  CATALOG.filter((def) => !def.table).map((def) => `${NAMESPACE}.${def.name}`.toUpperCase())
);

/** Operators that make a range, a spill's range or an implicit intersection: not one value. */
const RANGE_OPERATORS = new Set([":", "#", "@"]);

/**
 * Whether a formula can show only one value, so that Snapshot need not ask Excel where it spills
 * (one question, with its ranges, per formula: 16,500 on the big workbook of the pane's suites).
 * Only what is sure: numbers, text, errors, TRUE and FALSE, single cells (on any sheet), arithmetic
 * and comparison operators, parentheses, and calls of CNAI's one-value functions, each argument
 * made of the same. Anything else — a range (`A1:A3`, `A:A`, `Sheet1:Sheet3!A1`), an array
 * constant, a spill reference (`A1#`), a defined name (it may be a range), a table's column, another
 * workbook, a union (`(A1,B1)`), any other function (Excel's own return arrays: SEQUENCE, FILTER) —
 * may spill, and Excel is asked. A formula that cannot be read is asked about too.
 */
export function showsOneValue(formula: string): boolean {
  const tokens = solidTokens(formula);
  if (!tokens) return false;
  /** For each open parenthesis, whether it opens a call's arguments (where `,` separates them). */
  const calls: boolean[] = [];
  const isCall = (i: number) => tokens[i + 1]?.kind === "open";
  return tokens.every((token: Token, i) => {
    switch (token.kind) {
      case "number":
      case "string":
      case "error":
        return true;
      case "operator":
        return !RANGE_OPERATORS.has(token.text);
      case "open":
        calls.push(tokens[i - 1]?.kind === "name");
        return true;
      case "close":
        return calls.pop() !== undefined;
      case "separator":
        return token.text === "," && calls[calls.length - 1] === true;
      case "quoted":
        return tokens[i + 1]?.kind === "bang";
      case "bang":
        return true;
      case "name":
        if (isCall(i)) return ONE_VALUE_FUNCTIONS.has(token.text.toUpperCase());
        // A sheet before "!", one cell, or a logical constant.
        return (
          tokens[i + 1]?.kind === "bang" ||
          isCellAddress(token.text) ||
          /^(TRUE|FALSE)$/i.test(token.text)
        );
      default:
        return false;
    }
  });
}

/**
 * Cells to write as `formulas`, and what they held before (`before`, written back if the action
 * fails part-way, so that nothing is left half-written).
 */
export interface CellsWrite {
  readonly sheet: string;
  readonly address: string;
  readonly formulas: readonly (readonly unknown[])[];
  readonly before: readonly (readonly unknown[])[];
}

/** The formula in a range's top-left cell, the rest empty: how a spilling formula is written. */
function anchored(rect: Rect, formula: string): string[][] {
  return Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) =>
    Array.from({ length: rect.right - rect.left + 1 }, (__, j) =>
      i === 0 && j === 0 ? formula : ""
    )
  );
}

/** What Snapshot writes: every kept row, then each converted cell's values as `formulas`. */
export interface SnapshotPlan {
  readonly rows: readonly Kept[];
  readonly convert: readonly CellsWrite[];
  /** Cells turned into values. */
  readonly cells: number;
  readonly sheets: readonly string[];
  /**
   * Formulas whose cells show #BUSY!: an asynchronous function (the Monte Carlo four) still
   * computing. Their value is not known yet, so Snapshot writes nothing while there are any.
   */
  readonly busy: readonly string[];
}

/**
 * Turns each anchor into the values it shows: the whole spill range (`spills[k]`, "B36:B48", when
 * the host can say where it spills) or its own cell. The originals go to the kept rows; a cell
 * snapshotted before, given a CNAI formula again and snapshotted now, keeps the newer.
 */
export function planSnapshot(
  read: SnapshotRead,
  anchors: readonly Anchor[],
  spills: readonly (string | undefined)[]
): SnapshotPlan {
  const converted = anchors.map((anchor, k) => {
    const address = spills[k] ?? anchor.cell;
    const grid = read.grids.find((g) => g.sheet === anchor.sheet) as Grid;
    const { values, types } = slice(grid, rectOf(address));
    const kept: Kept = {
      sheet: anchor.sheet,
      sheetId: anchor.sheetId,
      address,
      formula: anchor.formula,
      values: fingerprint(values),
    };
    const formulas = values.map((row, i) => row.map((value, j) => asWritten(value, types[i][j])));
    const busy = values.some((row, i) =>
      row.some((value, j) => types[i][j] === "Error" && value === BUSY)
    );
    return { kept, formulas, busy };
  });
  const fresh = new Set(converted.map((c) => keyOf(c.kept)));
  return {
    rows: [...read.kept.filter((k) => !fresh.has(keyOf(k))), ...converted.map((c) => c.kept)],
    convert: converted.map(({ kept, formulas }) => ({
      sheet: kept.sheet,
      address: kept.address,
      formulas,
      before: anchored(rectOf(kept.address), kept.formula),
    })),
    cells: converted.reduce((n, c) => n + c.formulas.length * c.formulas[0].length, 0),
    sheets: converted.map((c) => c.kept.sheet),
    busy: converted.filter((c) => c.busy).map((c) => anchorCell(c.kept.sheet, c.kept.address)),
  };
}

/** What Restore writes, and what it leaves and says. */
export interface RestorePlan {
  /** Formulas written back: the formula in the anchor, the rest of a spill range emptied. */
  readonly write: readonly CellsWrite[];
  /** The kept rows left once those are written back. */
  readonly rows: readonly Kept[];
  /** Cells the analyst changed after the snapshot: "'CNAI Model'!B24". */
  readonly changed: readonly string[];
  /** Kept formulas of sheets that no longer exist (looked for in the whole workbook only). */
  readonly gone: readonly Kept[];
  /** Whether anything of the scope was kept at all. */
  readonly any: boolean;
}

/**
 * Writes back each kept formula of the scope whose cells still show the snapshot's values; one
 * already written back (by hand, or by a restore that failed after its write) is done; any other
 * was changed since and is left, its row kept.
 */
export function planRestore(read: SnapshotRead, wholeWorkbook: boolean): RestorePlan {
  const candidates = keptInScope(read);
  const gone = wholeWorkbook ? read.kept.filter((k) => !sheetOfKept(k, read.sheets)) : [];
  const write: CellsWrite[] = [];
  const changed: string[] = [];
  const settled = new Set<Kept>();
  for (const k of candidates) {
    const sheet = sheetOfKept(k, read.scopeSheets) as SheetInfo;
    const grid = read.grids.find((g) => g.sheetId === sheet.id);
    const rect = rectOf(k.address);
    const now = grid ? slice(grid, rect) : { values: [[""]], formulas: [[""]], types: [["Empty"]] };
    if (fingerprint(now.values) === k.values) {
      settled.add(k);
      write.push({
        sheet: sheet.name,
        address: k.address,
        formulas: anchored(rect, k.formula),
        before: now.values.map((row, i) =>
          row.map((value, j) => asWritten(value, now.types[i][j]))
        ),
      });
    } else if (now.formulas[0][0] === k.formula) settled.add(k);
    else changed.push(anchorCell(sheet.name, k.address));
  }
  return {
    write,
    rows: read.kept.filter((k) => !settled.has(k)),
    changed,
    gone,
    any: candidates.length > 0,
  };
}
