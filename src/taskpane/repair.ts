/* global Excel */
/**
 * Repair CNAI formulas: a workbook opened before CNAI started shows #NAME? in every CNAI formula,
 * and Excel does not look again when CNAI starts — recalculating does not help, entering each
 * formula again does (OfficeDev/office-js#4185, #6611). Two kinds, on every sheet, hidden ones too:
 *
 * - formulas holding a call in the form Excel saves an add-in's functions in while it does not
 *   know them, `_xldudf_CNAI_PARITY_AT(` (any case), or `[2]!_xldudf_CNAI_PARITY_AT(` after another
 *   add-in's start-up (src/plans/saved-form.ts): rewritten to `CNAI.PARITY_AT(`;
 * - formulas that call CNAI correctly but show #NAME?: entered again, unchanged.
 *
 * Only CNAI's own functions (the catalogue): a formula calling a CNAI name that does not exist (a
 * typo) is left as it is and named in the report, as is any formula that is not CNAI's. Formulas
 * are read with CNAI's formula tokenizer (src/plans/formula-tokens.ts): a call is never text in a
 * string or a table's brackets, nor a name on another sheet or workbook (`Sheet1!_xldudf_…(`,
 * `[Book2.xlsx]Sheet1!…`), nor part of a longer name. A repair never writes a formula it cannot
 * read back — the rewrite must read as a whole formula calling the same functions — and one cell
 * Excel refuses does not sink the others written with it: the write is split until the refused
 * cells stand alone, and they are named in the report. CNAI's
 * snapshot sheet is left alone (its cells hold formulas as text), and so is any text that reads
 * like a formula. Running it again changes nothing: a repaired formula computes.
 *
 * Plan as data, thin Office.js part, as apply.ts: `planRepair` decides from what was read which
 * cells to write; one Excel.run reads the sheets and writes only those cells, as rectangles of cells
 * each to be repaired (runs along a row, stacked when the runs below are the same). Reads and
 * writes go in syncs sized by their bytes under Excel on the web's payload limit
 * (src/taskpane/chunked.ts); a write that fails part-way puts back the formulas it replaced.
 */
import { CATALOG, Lang, NAMESPACE, textsIn } from "../core";
import { cellAddress, quoteSheet } from "../plans/a1";
import { readsBack } from "../plans/formula-tokens";
import { calledFunctions, fromSavedForm, holdsSavedForm } from "../plans/saved-form";
import { ActionReport, describeError } from "./actions";
import { REPAIR_TEXT, joinAll, listCells } from "./text";
import { ExcelRun, sheetOfReference } from "./apply";
import { Area, readAreas, writeAll } from "./chunked";
import { RANGE_OVERHEAD, packed, rowBytes } from "../plans/chunks";
import { SNAPSHOT_MARKER, callsCnai } from "./snapshot";

/** The largest rectangle of cells one repair write names (the write itself is sized by bytes). */
export const REPAIR_LIMITS = { cells: 10_000 } as const;

export interface Limits {
  readonly cells: number;
}

// ---------------------------------------------------------------------------------------------
// The plan, from what was read

export type { Area };

/** Cells as read: an area, and what each cell holds as Office.js gives it. */
export interface ReadCells extends Area {
  readonly formulas: readonly (readonly unknown[])[];
  readonly values: readonly (readonly unknown[])[];
}

/** An area to write, every cell of it repaired. */
export interface RepairWrite extends Area {
  readonly formulas: string[][];
}

export interface RepairPlan {
  readonly writes: readonly RepairWrite[];
  /** Cells repaired per sheet, in the order the sheets were read. */
  readonly sheets: readonly { readonly sheet: string; readonly cells: number }[];
  /** Of them: rewritten from the saved form, and entered again unchanged. */
  readonly rewritten: number;
  readonly reentered: number;
  /** Formulas that call CNAI in either form, repaired or not: the workbook holds CNAI content. */
  readonly found: number;
  /** Formulas that call a CNAI name the catalogue does not have: left as they are. */
  readonly unknown: readonly { readonly cell: string; readonly names: readonly string[] }[];
  /** Formulas whose repair would not read back as a whole formula: left as they are. */
  readonly unreadable: readonly string[];
}

/** What becomes of one cell. */
type Repair =
  | { readonly kind: "none" }
  | { readonly kind: "computes" }
  | { readonly kind: "rewrite" | "reenter"; readonly formula: string }
  | { readonly kind: "unknown"; readonly names: readonly string[] }
  | { readonly kind: "unreadable" };

const CNAI_IDS = CATALOG.map((def) => def.name);
const KNOWN = new Set(CNAI_IDS.map((id) => id.toUpperCase()));

/** One cell's repair, from its formula and its value as Office.js reads them. */
export function repairOf(formula: unknown, value: unknown): Repair {
  // Text that reads like a formula shows itself as its value.
  if (typeof formula !== "string" || !formula.startsWith("=") || formula === value)
    return { kind: "none" };
  // Most formulas are not CNAI's: no need to read them.
  if (!formula.toUpperCase().includes(NAMESPACE)) return { kind: "none" };
  const saved = holdsSavedForm(formula, NAMESPACE);
  if (!saved && !callsCnai(formula)) return { kind: "none" };
  const stuck = saved || value === "#NAME?";
  if (!stuck) return { kind: "computes" };
  const names = calledFunctions(formula, NAMESPACE);
  const unknown = names.filter((name) => !KNOWN.has(name.toUpperCase()));
  if (unknown.length > 0) return { kind: "unknown", names: unknown };
  const repaired = saved
    ? fromSavedForm(formula, NAMESPACE, CNAI_IDS, { external: true })
    : formula;
  // Read back: a whole formula, calling the same functions, none left in the saved form.
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((name, i) => name.toUpperCase() === b[i].toUpperCase());
  if (
    !readsBack(repaired) ||
    holdsSavedForm(repaired, NAMESPACE) ||
    !same(calledFunctions(repaired, NAMESPACE), names)
  )
    return { kind: "unreadable" };
  return { kind: saved ? "rewrite" : "reenter", formula: repaired };
}

const cellName = (sheet: string, row: number, column: number) =>
  `${quoteSheet(sheet)}!${cellAddress({ row, column })}`;

/**
 * Which cells to write, from what was read: the formulas to repair, grouped into rectangles of at
 * most `limits.cells` cells — runs along a row, stacked where the runs of the rows below them
 * have the same columns.
 */
export function planRepair(read: readonly ReadCells[], limits: Limits = REPAIR_LIMITS): RepairPlan {
  const order = [...new Set(read.map((area) => area.sheet))];
  const cells: Cell[] = [];
  const perSheet = new Map<string, number>();
  const unknown: { cell: string; names: readonly string[] }[] = [];
  const unreadable: string[] = [];
  let found = 0;
  let rewritten = 0;
  let reentered = 0;
  for (const area of read)
    area.formulas.forEach((row, i) =>
      row.forEach((formula, j) => {
        const at = { row: area.top + i, column: area.left + j };
        const repair = repairOf(formula, area.values[i]?.[j]);
        if (repair.kind === "none") return;
        found++;
        if (repair.kind === "computes") return;
        if (repair.kind === "unknown") {
          unknown.push({ cell: cellName(area.sheet, at.row, at.column), names: repair.names });
          return;
        }
        if (repair.kind === "unreadable") {
          unreadable.push(cellName(area.sheet, at.row, at.column));
          return;
        }
        if (repair.kind === "rewrite") rewritten++;
        else reentered++;
        perSheet.set(area.sheet, (perSheet.get(area.sheet) ?? 0) + 1);
        const rank = order.indexOf(area.sheet);
        cells.push({ sheet: area.sheet, rank, ...at, formula: repair.formula });
      })
    );
  // Tiles come in this order already; areas given otherwise are put in it.
  cells.sort((a, b) => a.rank - b.rank || a.row - b.row || a.column - b.column);
  return {
    writes: rectangles(cells, limits.cells),
    sheets: order
      .filter((sheet) => perSheet.has(sheet))
      .map((sheet) => ({ sheet, cells: perSheet.get(sheet) as number })),
    rewritten,
    reentered,
    found,
    unknown,
    unreadable,
  };
}

/** A cell to write; `rank` is its sheet's place in the order read. */
interface Cell {
  readonly sheet: string;
  readonly rank: number;
  readonly row: number;
  readonly column: number;
  readonly formula: string;
}

/** Cells in sheet, row and column order → rectangles of at most `limit` cells, each cell one of them. */
function rectangles(cells: readonly Cell[], limit: number): RepairWrite[] {
  type Building = { -readonly [K in keyof RepairWrite]: RepairWrite[K] };
  // Runs along a row, at most `limit` long.
  const runs: Building[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (
      last &&
      last.sheet === cell.sheet &&
      last.top === cell.row &&
      last.left + last.columns === cell.column &&
      last.columns < limit
    ) {
      last.columns++;
      last.formulas[0].push(cell.formula);
    } else
      runs.push({
        sheet: cell.sheet,
        top: cell.row,
        left: cell.column,
        rows: 1,
        columns: 1,
        formulas: [[cell.formula]],
      });
  }
  // A run continues the rectangle that ends on the row above it over the same columns.
  const open = new Map<string, Building>();
  const stacked: Building[] = [];
  for (const run of runs) {
    const key = `${run.sheet}\n${run.left}\n${run.columns}`;
    const above = open.get(key);
    if (above && above.top + above.rows === run.top && (above.rows + 1) * above.columns <= limit) {
      above.rows++;
      above.formulas.push(run.formulas[0]);
    } else {
      stacked.push(run);
      open.set(key, run);
    }
  }
  return stacked;
}

// ---------------------------------------------------------------------------------------------
// The report

/** What the repair did, or would do, in words. */
export interface RepairReport extends ActionReport {
  /** Formulas that call CNAI, repaired or not: the workbook holds CNAI content. */
  readonly found: number;
  /** Formulas written (0 when only looking). */
  readonly repaired: number;
  /** Formulas that need repair and were not written (when only looking). */
  readonly needing: number;
}

/** What writing did beyond the plan: cells still #NAME? after it, cells Excel refused. */
export interface WriteOutcome {
  readonly stillName: readonly string[];
  /** Cells Excel refused, as `'Sheet'!A1`, with their sheet. */
  readonly refused: readonly { readonly sheet: string; readonly cell: string }[];
}

const NOTHING_WRITTEN: WriteOutcome = { stillName: [], refused: [] };

export function describeRepair(
  plan: RepairPlan,
  written: boolean,
  outcome: WriteOutcome,
  lang: Lang
): RepairReport {
  const t = textsIn(REPAIR_TEXT, lang);
  const { stillName, refused } = outcome;
  const details: string[] = [];
  if (written && plan.rewritten > 0) details.push(t.rewritten(plan.rewritten));
  if (written && plan.reentered > 0) details.push(t.reentered(plan.reentered));
  if (stillName.length > 0) details.push(t.stillName(stillName.length, listCells(stillName, lang)));
  if (refused.length > 0)
    details.push(
      t.refused(
        refused.length,
        listCells(
          refused.map((r) => r.cell),
          lang
        )
      )
    );
  if (plan.unreadable.length > 0)
    details.push(t.unreadable(plan.unreadable.length, listCells(plan.unreadable, lang)));
  if (plan.unknown.length > 0) {
    const names = [...new Set(plan.unknown.flatMap((u) => u.names))].map(
      (name) => `${NAMESPACE}.${name}`
    );
    details.push(
      t.unknown(
        plan.unknown.length,
        joinAll(names, lang),
        listCells(
          plan.unknown.map((u) => u.cell),
          lang
        )
      )
    );
  }
  const count = plan.rewritten + plan.reentered - refused.length;
  const where = joinAll(
    plan.sheets
      .map((s) => ({ ...s, cells: s.cells - refused.filter((r) => r.sheet === s.sheet).length }))
      .filter((s) => s.cells > 0)
      .map((s) => t.onSheet(s.sheet, s.cells)),
    lang
  );
  const summary =
    count === 0 ? t.nothing(plan.found) : written ? t.repaired(count, where) : t.toRepair(count);
  return {
    ok: stillName.length === 0 && refused.length === 0,
    summary,
    details,
    found: plan.found,
    repaired: written ? count : 0,
    needing: written ? 0 : count,
  };
}

// ---------------------------------------------------------------------------------------------
// Office.js

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

/** "B4:C9" of an area. */
const addressOf = (area: Area) =>
  `${cellAddress({ row: area.top, column: area.left })}:${cellAddress({
    row: area.top + area.rows - 1,
    column: area.left + area.columns - 1,
  })}`;

/** The formulas an area held as read: what a failed write puts back. */
function formulasBefore(read: readonly ReadCells[], area: Area): unknown[][] {
  const from = read.find(
    (r) =>
      r.sheet === area.sheet &&
      area.top >= r.top &&
      area.left >= r.left &&
      area.top + area.rows <= r.top + r.rows &&
      area.left + area.columns <= r.left + r.columns
  ) as ReadCells;
  return from.formulas
    .slice(area.top - from.top, area.top - from.top + area.rows)
    .map((row) => row.slice(area.left - from.left, area.left - from.left + area.columns));
}

/** The sheets to look at, and where each is used: every sheet but CNAI's snapshot sheet. */
async function usedAreas(context: Excel.RequestContext): Promise<Area[]> {
  const { workbook } = context;
  const sheets = workbook.worksheets.load("items/name");
  const marker = workbook.names.getItemOrNullObject(SNAPSHOT_MARKER).load("formula");
  await context.sync();
  const store = marker.isNullObject ? undefined : sheetOfReference(String(marker.formula));
  const used = sheets.items
    .map((sheet) => sheet.name)
    .filter((name) => name.toLowerCase() !== store?.toLowerCase())
    .map((sheet) => ({
      sheet,
      range: workbook.worksheets
        .getItem(sheet)
        .getUsedRangeOrNullObject(true)
        .load("rowIndex,columnIndex,rowCount,columnCount"),
    }));
  await context.sync();
  return used
    .filter(({ range }) => !range.isNullObject)
    .map(({ sheet, range }) => ({
      sheet,
      top: range.rowIndex,
      left: range.columnIndex,
      rows: range.rowCount,
      columns: range.columnCount,
    }));
}

/** Halves of a write: the areas split in two, or one area's rows, or its columns. */
function halves(areas: readonly RepairWrite[]): RepairWrite[][] {
  if (areas.length > 1) {
    const middle = Math.ceil(areas.length / 2);
    return [areas.slice(0, middle), areas.slice(middle)];
  }
  const [area] = areas;
  if (area.rows > 1) {
    const rows = Math.ceil(area.rows / 2);
    return [
      [{ ...area, rows, formulas: area.formulas.slice(0, rows) }],
      [
        {
          ...area,
          top: area.top + rows,
          rows: area.rows - rows,
          formulas: area.formulas.slice(rows),
        },
      ],
    ];
  }
  const columns = Math.ceil(area.columns / 2);
  return [
    [{ ...area, columns, formulas: [area.formulas[0].slice(0, columns)] }],
    [
      {
        ...area,
        left: area.left + columns,
        columns: area.columns - columns,
        formulas: [area.formulas[0].slice(columns)],
      },
    ],
  ];
}

const rangeOf = (context: Excel.RequestContext, area: Area) =>
  context.workbook.worksheets
    .getItem(area.sheet)
    .getRangeByIndexes(area.top, area.left, area.rows, area.columns);

/** A write's estimated bytes in a request: its formulas and the range's own path. */
const bytesOfWrite = (area: RepairWrite) =>
  RANGE_OVERHEAD + area.formulas.reduce((n, row) => n + rowBytes(row), 0);

type Outcome = { -readonly [K in keyof WriteOutcome]: WriteOutcome[K][number][] };

/** Excel's code when it refuses what a range is set to: a formula it will not take. */
const REFUSED = "InvalidArgument";

/**
 * Writes areas in one sync and notes the cells that still show #NAME?. When Excel refuses the
 * write, each half is written again, down to single cells: a refused cell is noted and the rest
 * are written. Cells written before the refusal (a batch is not a transaction) are written again
 * with the same formula, which changes nothing.
 */
async function writeAreas(
  context: Excel.RequestContext,
  areas: readonly RepairWrite[],
  outcome: Outcome
): Promise<void> {
  context.application.suspendScreenUpdatingUntilNextSync();
  const ranges = areas.map((area) => {
    const range = rangeOf(context, area);
    range.formulas = area.formulas;
    return { area, range: range.load("values") };
  });
  try {
    await context.sync();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== REFUSED) throw error;
    if (areas.length === 1 && areas[0].rows * areas[0].columns === 1) {
      const [cell] = areas;
      outcome.refused.push({ sheet: cell.sheet, cell: cellName(cell.sheet, cell.top, cell.left) });
      return;
    }
    // One sync per half is the point: the refused cell is found by writing less each time.
    for (const half of halves(areas)) await writeAreas(context, half, outcome);
    return;
  }
  for (const { area, range } of ranges)
    range.values.forEach((row, i) =>
      row.forEach((value, j) => {
        if (value === "#NAME?")
          outcome.stillName.push(cellName(area.sheet, area.top + i, area.left + j));
      })
    );
}

export interface RepairOptions {
  /** Look only: count what needs repair, write nothing. Repairs by default. */
  readonly write?: boolean;
}

export interface RepairActions {
  repair(lang?: Lang, options?: RepairOptions): Promise<RepairReport>;
}

/** Repair on a given Excel.run: Office's in the pane, the host's in tests and the workbench. */
export function makeRepairActions(
  run: ExcelRun = defaultRun,
  limits: Limits = REPAIR_LIMITS
): RepairActions {
  return {
    async repair(lang = "en", options = {}) {
      const write = options.write !== false;
      try {
        return await run(async (context) => {
          const areas = await usedAreas(context);
          const cells = await readAreas(context, areas, ["formulas", "values"]);
          const read: ReadCells[] = areas.map((area, k) => ({
            ...area,
            formulas: cells[k].formulas,
            values: cells[k].values,
          }));
          const plan = planRepair(read, limits);
          if (!write || plan.writes.length === 0)
            return describeRepair(plan, false, NOTHING_WRITTEN, lang);

          const outcome: Outcome = { stillName: [], refused: [] };
          const sent: RepairWrite[] = [];
          try {
            // One sync per pack is the point: no request carries more than the payload budget.
            for (const sync of packed(plan.writes, bytesOfWrite)) {
              sent.push(...sync);
              await writeAreas(context, sync, outcome);
            }
          } catch (error) {
            // Not a refused cell (those are set aside by writeAreas) but a failed sync: the
            // formulas replaced so far go back, and the first failure is the one reported.
            await writeAll(
              context,
              sent.map((area) => ({
                sheet: area.sheet,
                address: addressOf(area),
                formulas: formulasBefore(read, area),
              }))
            ).catch(() => undefined);
            throw error;
          }
          return describeRepair(plan, true, outcome, lang);
        });
      } catch (error) {
        const t = textsIn(REPAIR_TEXT, lang);
        return {
          ok: false,
          summary: t.cnaiCouldNot(describeError(error)),
          details: write ? [t.partial] : [],
          found: 0,
          repaired: 0,
          needing: 0,
        };
      }
    },
  };
}
