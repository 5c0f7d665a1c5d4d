/* global Excel */
/**
 * The one Office.js applier of plans. An action is one `Excel.run`: the first sync reads what the
 * workbook holds (sheets, tables, names, and which of them CNAI made) and the plan is computed from
 * that; on a refresh of CNAI's tables a second sync reads what they hold, so that the analyst's
 * edits are kept (src/plans/edits.ts); the last sync writes the whole plan with calculation and
 * screen updating suspended. A first run takes two syncs, a refresh three.
 *
 * CNAI marks the sheets it makes with hidden workbook names (`CNAI_Sheet_model`, …) that refer to the
 * sheet's A1: Excel keeps such a reference pointing at the sheet through renames, so a re-run finds
 * its sheet whatever the analyst called it, and never mistakes a sheet of theirs for its own.
 * New sheets are built under a temporary name and renamed last; if the write fails part-way, a
 * clean-up removes them, so the workbook is either as before or complete.
 */
import { area, columnLetters, offset, parseCell, quoteSheet } from "../plans/a1";
import { leadingSheet } from "../plans/formula-tokens";
import { Edit, TableContents, keepAnalystEdits } from "../plans/edits";
import {
  Block,
  CellStyle,
  ChartPlan,
  Plan,
  SheetPlan,
  STYLE_LOOKS,
  TablePlan,
  WorkbookState,
  formatAt,
} from "../plans/plan";

export const OWNER_PREFIX = "CNAI_Sheet_";
const STAGING_PREFIX = "CNAI building ";
/**
 * A width in characters as Excel's `columnWidth` takes it, in points: Excel draws a column of n
 * characters of its default font (Calibri 11, 7-pixel digits, 5 pixels of padding) as
 * trunc(7n + 5) pixels, and a pixel is 3/4 of a point.
 */
const columnPoints = (characters: number) => (Math.trunc(characters * 7 + 5) * 3) / 4;

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

interface Snapshot {
  readonly state: WorkbookState;
  /** Role → the table its sheet holds, from the marker's comment. */
  /** The tables CNAI made, by the role of the sheet they are on (the model sheet has two). */
  readonly ownTables: ReadonlyMap<string, readonly string[]>;
  /** Workbook names by lower-case name, with their reference. */
  readonly names: ReadonlyMap<string, { name: string; formula: string; cnai: boolean }>;
}

const ROLES: readonly SheetPlan["role"][] = ["chips", "tokens", "model"];

/** `='CNAI Model'!$A$1` → CNAI Model; `=#REF!$A$1` (the sheet was deleted) → undefined. */
export function sheetOfReference(formula: string): string | undefined {
  return leadingSheet(String(formula));
}

function markerComment(role: string, tables: readonly string[]): string {
  return `CNAI marks its ${role} sheet${tables.map((table) => `; table: ${table}`).join("")}`;
}

/** Whether a table of the plan is one CNAI made on the role's sheet and still there. */
function ownTable(read: Snapshot, role: SheetPlan["role"], name: string): boolean {
  const same = (other: string) => other.toLowerCase() === name.toLowerCase();
  return (read.ownTables.get(role) ?? []).some(same) && read.state.tables.some((t) => same(t.name));
}

/** Queues the reads of the first sync; returns how to turn them into a snapshot afterwards. */
function queueReads(context: Excel.RequestContext): () => Snapshot {
  const worksheets = context.workbook.worksheets.load("items");
  const tables = context.workbook.tables.load("items");
  const names = context.workbook.names.load("items");
  return () => {
    const roleOfSheet = new Map<string, SheetPlan["role"]>();
    const ownTables = new Map<string, string[]>();
    const tableSheets = new Map<string, string>();
    for (const item of names.items) {
      const role = item.name.startsWith(OWNER_PREFIX) ? item.name.slice(OWNER_PREFIX.length) : "";
      const sheet = sheetOfReference(item.formula);
      if (!ROLES.includes(role as SheetPlan["role"]) || !sheet) continue;
      roleOfSheet.set(sheet.toLowerCase(), role as SheetPlan["role"]);
      for (const [, table] of (item.comment || "").matchAll(/; table: ([^;\s]+)/g)) {
        ownTables.set(role, [...(ownTables.get(role) ?? []), table]);
        tableSheets.set(table.toLowerCase(), sheet);
      }
    }
    const state: WorkbookState = {
      sheets: worksheets.items.map((ws) => ({
        name: ws.name,
        role: roleOfSheet.get(ws.name.toLowerCase()),
      })),
      tables: tables.items.map((t) => ({
        name: t.name,
        sheet: tableSheets.get(t.name.toLowerCase()) ?? "",
      })),
      names: names.items
        .filter((n) => !n.name.startsWith(OWNER_PREFIX))
        .map((n) => ({ name: n.name, cnai: (n.comment || "").startsWith("CNAI") })),
    };
    const byName = new Map(
      names.items.map((n) => [
        n.name.toLowerCase(),
        { name: n.name, formula: String(n.formula), cnai: (n.comment || "").startsWith("CNAI") },
      ])
    );
    return { state, ownTables, names: byName };
  };
}

/** A block's number formats as the 2-D array Excel takes. */
export function formatMatrix(
  format: Block["numberFormat"],
  rows: number,
  columns: number
): string[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (__, j) => formatAt(format, i, j))
  );
}

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const look = STYLE_LOOKS[style];
  const { font, fill } = range.format;
  if (look.bold) font.bold = true;
  if (look.italic) font.italic = true;
  if (look.size) font.size = look.size;
  if (look.color) font.color = look.color;
  if (look.fill) fill.color = look.fill;
}

function writeBlock(sheet: Excel.Worksheet, block: Block): void {
  const rows = block.cells.length;
  const columns = Math.max(...block.cells.map((r) => r.length));
  const formatted = block.spill ? block.spill : { rows, columns };
  // The spill area must be empty for the formula to spill; its anchor is overwritten just below,
  // so only the rest is cleared (and a failure between the two leaves the formula in place).
  if (block.spill) {
    const { rows: spillRows, columns: spillColumns } = block.spill;
    if (spillColumns > 1)
      sheet.getRange(area(offset(block.at, 0, 1), 1, spillColumns - 1)).clear("Contents");
    if (spillRows > 1)
      sheet.getRange(area(offset(block.at, 1, 0), spillRows - 1, spillColumns)).clear("Contents");
  }
  // Formats first: Excel reads what `formulas` writes by the cell's format, so "2027" stays text
  // under "@" only if the cell is text-formatted when it is written.
  sheet.getRange(area(block.at, formatted.rows, formatted.columns)).numberFormat = formatMatrix(
    block.numberFormat,
    formatted.rows,
    formatted.columns
  );
  sheet.getRange(area(block.at, rows, columns)).formulas = block.cells.map((row) =>
    row.map((cell) => (cell === null ? "" : cell))
  ) as unknown as string[][];
  if (block.style === undefined) return;
  const styles = typeof block.style === "string" ? [block.style] : block.style;
  if (styles.length === 1)
    applyStyle(sheet.getRange(area(block.at, formatted.rows, formatted.columns)), styles[0]);
  else {
    const start = parseCell(block.at);
    styles.forEach((style, j) => {
      const column = `${columnLetters(start.column + j)}${start.row + 1}`;
      applyStyle(sheet.getRange(area(column, formatted.rows, 1)), style);
    });
  }
}

function writeTable(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  table: TablePlan,
  existing: boolean
): void {
  const full = area(table.at, table.rows.length + 1, table.columns.length);
  const bodyStart = `${columnLetters(parseCell(table.at).column)}${parseCell(table.at).row + 2}`;
  sheet.getRange(area(bodyStart, table.rows.length, table.columns.length)).numberFormat =
    table.rows.map((row, i) =>
      table.columns.map((__, j) =>
        // A cell the plan leaves to the analyst keeps its format too (null leaves it as it is).
        row[j] === null ? null : formatAt(table.numberFormats, i, j)
      )
    ) as string[][];
  // Writing over the same cells keeps the table, its name and its columns: formulas such as
  // =ChipParity[Parity low] elsewhere in the workbook go on working. Formats first, as for blocks.
  sheet.getRange(full).values = [table.columns, ...table.rows] as unknown as string[][];
  if (!existing) {
    const created = sheet.tables.add(full, true);
    created.name = table.name;
    created.style = "TableStyleMedium2";
  } else {
    context.workbook.tables.getItem(table.name).style = "TableStyleMedium2";
  }
}

function writeChart(sheet: Excel.Worksheet, chart: ChartPlan): void {
  const created = sheet.charts.add(
    chart.type === "lineMarkers"
      ? "LineMarkers"
      : chart.type === "line"
        ? "Line"
        : "ColumnClustered",
    sheet.getRange(chart.source),
    "Columns"
  );
  created.name = chart.name;
  created.title.text = chart.title;
  created.setPosition(chart.from, chart.to);
  if (chart.valueAxisFormat) created.axes.valueAxis.numberFormat = chart.valueAxisFormat;
  for (const index of chart.secondaryLineSeries ?? []) {
    const series = created.series.getItemAt(index);
    series.axisGroup = "Secondary";
    series.chartType = "LineMarkers";
  }
}

interface Written {
  /**
   * Sheets this action adds, under their temporary and final names (both were free before it):
   * the clean-up removes them after a failure, renamed or not.
   */
  readonly newSheets: { readonly staging: string; readonly final: string }[];
  /** Names this action adds. */
  readonly addedNames: string[];
}

function writePlan(
  context: Excel.RequestContext,
  plan: Plan,
  snapshot: Snapshot,
  written: Written
): void {
  const { workbook } = context;
  const renames: [Excel.Worksheet, string][] = [];
  let last: Excel.Worksheet | undefined;
  const taken = new Set(snapshot.state.sheets.map((s) => s.name.toLowerCase()));
  for (const sheetPlan of plan.sheets) {
    const ownName = snapshot.state.sheets.find((s) => s.role === sheetPlan.role)?.name;
    let sheet: Excel.Worksheet;
    if (ownName) sheet = workbook.worksheets.getItem(ownName);
    else {
      let staging = `${STAGING_PREFIX}${sheetPlan.role}`;
      for (let n = 2; taken.has(staging.toLowerCase()); n++)
        staging = `${STAGING_PREFIX}${sheetPlan.role} ${n}`;
      taken.add(staging.toLowerCase());
      sheet = workbook.worksheets.add(staging);
      written.newSheets.push({ staging, final: sheetPlan.name });
      renames.push([sheet, sheetPlan.name]);
    }
    last = sheet;
    sheet.tabColor = sheetPlan.tabColor;
    sheetPlan.columnWidths.forEach((width, i) => {
      const letter = columnLetters(i);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnPoints(width);
    });
    // Tables first: Excel refuses a formula that refers to a table that does not exist yet, and
    // the model's formulas refer to its Scenarios table.
    for (const table of sheetPlan.tables) {
      const existing = ownName !== undefined && ownTable(snapshot, sheetPlan.role, table.name);
      writeTable(context, sheet, table, existing);
    }
    for (const block of sheetPlan.blocks) writeBlock(sheet, block);
    for (const validation of sheetPlan.validations ?? []) {
      const range = sheet.getRange(validation.range);
      range.dataValidation.clear();
      range.dataValidation.rule = { list: { inCellDropDown: true, source: validation.source } };
    }
    // A sheet CNAI already made keeps its highlights and charts: they read the same cells, so they
    // follow the refresh, and a refresh only ever rewrites cells with what they held.
    const fresh = ownName === undefined;
    for (const format of fresh ? sheetPlan.conditionalFormats : []) {
      const range = sheet.getRange(format.range);
      range.conditionalFormats.clearAll();
      const rule = range.conditionalFormats.add("CellValue");
      rule.cellValue.format.fill.color = format.fill;
      rule.cellValue.format.font.color = format.fontColor;
      rule.cellValue.rule = {
        formula1: String(format.between[0]),
        formula2: String(format.between[1]),
        operator: "Between",
      };
    }
    if (fresh) for (const chart of sheetPlan.charts) writeChart(sheet, chart);
    if (sheetPlan.freezeRows > 0) sheet.freezePanes.freezeRows(sheetPlan.freezeRows);

    for (const name of sheetPlan.names) {
      const existing = snapshot.names.get(name.name.toLowerCase());
      const reference = `=${quoteSheet(ownName ?? sheetPlan.name)}!${area(name.cell, 1, 1, true)}`;
      if (existing && ownName) workbook.names.getItem(existing.name).formula = reference;
      else {
        if (existing) workbook.names.getItem(existing.name).delete();
        workbook.names.add(name.name, sheet.getRange(name.cell), name.comment);
        written.addedNames.push(name.name);
      }
    }
    const markerName = `${OWNER_PREFIX}${sheetPlan.role}`;
    const comment = markerComment(
      sheetPlan.role,
      sheetPlan.tables.map((t) => t.name)
    );
    const marker = snapshot.names.get(markerName.toLowerCase());
    if (marker && !fresh) workbook.names.getItem(marker.name).comment = comment;
    else {
      // A marker left by a deleted sheet refers to #REF!: replace it.
      if (marker) workbook.names.getItem(marker.name).delete();
      const added = workbook.names.add(markerName, sheet.getRange("A1"), comment);
      added.visible = false;
      written.addedNames.push(markerName);
    }
  }
  // Renamed last, so a half-built sheet never carries its final name for long; the clean-up removes
  // this action's sheets under either name.
  for (const [sheet, name] of renames) sheet.name = name;
  last?.activate();
}

/** After a failed write: removes the sheets and names the action added. Best effort, its own run. */
async function cleanUp(run: ExcelRun, written: Written): Promise<boolean> {
  if (written.newSheets.length === 0 && written.addedNames.length === 0) return true;
  try {
    await run(async (context) => {
      const sheets = written.newSheets
        .flatMap((s) => [s.staging, s.final])
        .map((name) => context.workbook.worksheets.getItemOrNullObject(name));
      const names = written.addedNames.map((name) =>
        context.workbook.names.getItemOrNullObject(name)
      );
      await context.sync();
      for (const sheet of sheets) if (!sheet.isNullObject) sheet.delete();
      for (const name of names) if (!name.isNullObject) name.delete();
      await context.sync();
    });
    return true;
  } catch {
    return false;
  }
}

export interface ApplyResult {
  readonly plan: Plan;
  /** The sheets CNAI refreshed in place rather than created. */
  readonly refreshed: readonly string[];
  /** The analyst's edits to CNAI's tables that the refresh kept (or, with `overwrite`, replaced). */
  readonly edits: readonly Edit[];
}

export interface ApplyOptions {
  /** Overwrite the analyst's edits to CNAI's tables with the note's values ("Reset tables"). */
  readonly overwrite?: boolean;
  /** Read and plan only: report the edits a reset would overwrite, write nothing. */
  readonly dryRun?: boolean;
}

/**
 * CNAI's own tables that the plan refreshes in place, with a read of what they hold now: the
 * second sync of a refresh. None on a first run.
 */
function queueTableReads(
  context: Excel.RequestContext,
  plan: Plan,
  read: Snapshot
): () => TableContents {
  const reads = plan.sheets.flatMap((sheetPlan) => {
    const own = read.state.sheets.some((s) => s.role === sheetPlan.role);
    return sheetPlan.tables
      .filter((table) => own && ownTable(read, sheetPlan.role, table.name))
      .map((table) => ({
        name: table.name,
        range: context.workbook.tables.getItem(table.name).getRange().load("formulas"),
      }));
  });
  return () => new Map(reads.map(({ name, range }) => [name.toLowerCase(), range.formulas]));
}

/**
 * Reads the workbook, computes the plan from what it holds, writes it: one Excel.run, two syncs.
 * On failure the error propagates after the clean-up, with `cleanedUp` telling whether it worked.
 */
export async function applyPlan(
  run: ExcelRun,
  makePlan: (state: WorkbookState) => Plan,
  options: ApplyOptions = {}
): Promise<ApplyResult> {
  const written: Written = { newSheets: [], addedNames: [] };
  try {
    return await run(async (context) => {
      const snapshot = queueReads(context);
      await context.sync();
      const read = snapshot();
      let plan = makePlan(read.state);
      let edits: readonly Edit[] = [];
      if (plan.sheets.some((s) => s.tables.length > 0 && read.ownTables.has(s.role))) {
        const contents = queueTableReads(context, plan, read);
        await context.sync();
        const kept = keepAnalystEdits(plan, contents());
        edits = kept.edits;
        if (!options.overwrite) plan = kept.plan;
      }
      if (options.dryRun) return { plan, refreshed: [], edits };
      context.application.suspendApiCalculationUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
      writePlan(context, plan, read, written);
      await context.sync();
      const refreshed = plan.sheets
        .filter((s) => read.state.sheets.some((x) => x.role === s.role))
        .map((s) => s.name);
      return { plan, refreshed, edits };
    });
  } catch (error) {
    const cleanedUp = await cleanUp(run, written);
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { cleanedUp });
  }
}
