/* global Excel, Office */
/**
 * Snapshot and Restore: sharing a CNAI workbook with people who do not have the add-in, on whose
 * machines every `=CNAI.…` formula shows #NAME?.
 *
 * Snapshot turns the CNAI formulas of the selection, the active sheet or the workbook into the
 * values they show now, writing only the cells' contents (`formulas`), so formats stay. Each
 * original is kept in a hidden sheet CNAI owns, "CNAI Snapshot", as a row [sheet, address, formula,
 * fingerprint of the values, sheet id]; the sheet is marked like CNAI's other sheets, by a hidden
 * name (`CNAI_Sheet_snapshot`) that follows it through renames, and a sheet of that name that CNAI
 * did not make is never used. A second snapshot finds no CNAI formula where the first left values,
 * so it leaves them alone and adds the rows of what it converts.
 *
 * Restore writes each stored formula back where the cell still shows the values of the snapshot,
 * and removes its row. A cell changed since (the analyst typed over a value) is left as it is and
 * named in the report; its row stays, so nothing the analyst wrote is lost and the formula is not
 * lost either. A formula written back is calculated by Excel again.
 *
 * Spills: a CNAI formula that spills (broadcasting over a range) is turned into the values of its
 * whole spill range, found with `getSpillingToRangeOrNullObject` (ExcelApi 1.12); Restore writes the
 * formula in the anchor and empties the rest of the range so it can spill again. On a host without
 * ExcelApi 1.12 each formula is taken as one cell, and the report says so. A spill range whose
 * anchor lies outside the selection is not converted: the formula lives in the anchor.
 *
 * Office.js cannot list a workbook's sheets and read them in one round trip, nor say where a formula
 * spills before it knows which cells hold formulas: an action is one Excel.run whose syncs first
 * locate (sheets, names, selection), then read (used ranges, the snapshot sheet), then — Snapshot
 * only — ask where the CNAI formulas spill, and write everything in the last sync. Nothing is
 * written before it. In the write, the originals are stored before any cell is converted, so a
 * failure part-way never loses a formula: Restore brings back what was converted.
 *
 * What to convert and what to write back is computed as plain data from those reads in
 * src/plans/snapshot.ts; this file only reads, writes and reports.
 */
import { Lang, textsIn } from "../core";
import { area, cellAddress, parseCell } from "../plans/a1";
import {
  Grid,
  Kept,
  SNAPSHOT_HEADER,
  SheetInfo,
  SnapshotRead,
  findAnchors,
  keptInScope,
  keptRows,
  planRestore,
  planSnapshot,
  readKept,
  rectOf,
  storeName,
} from "../plans/snapshot";
import { ActionReport, describeError } from "./actions";
import { SNAPSHOT_TEXT, joinAll, listCells } from "./text";
import { ExcelRun, OWNER_PREFIX, sheetOfReference } from "./apply";

export { callsCnai, fingerprint } from "../plans/snapshot";

export type SnapshotScope = "selection" | "sheet" | "workbook";

export interface SnapshotActions {
  /** Turns the CNAI formulas of the scope into their values, keeping the originals. */
  snapshot(scope: SnapshotScope, lang?: Lang): Promise<ActionReport>;
  /** Writes the kept formulas back in the scope (the whole workbook by default). */
  restore(scope?: SnapshotScope, lang?: Lang): Promise<ActionReport>;
}

/** The hidden sheet's preferred name, and its marker. */
export const SNAPSHOT_SHEET = "CNAI Snapshot";
export const SNAPSHOT_MARKER = `${OWNER_PREFIX}snapshot`;
const MARKER_COMMENT = "CNAI keeps the formulas of its snapshots on this sheet";
const STORE_COLUMNS = SNAPSHOT_HEADER.length;

// ---------------------------------------------------------------------------------------------
// Office.js: read, then write what src/plans/snapshot.ts planned

/** "'CNAI Model'!B4:C9" → the sheet and "B4:C9". */
function splitAddress(address: string): { sheet: string; a1: string } {
  const bang = address.lastIndexOf("!");
  return { sheet: sheetOfReference(address) ?? "", a1: address.slice(bang + 1) };
}

/** What the first sync finds: the sheets, CNAI's snapshot sheet, and where the analyst is. */
interface Located {
  readonly sheets: readonly SheetInfo[];
  readonly store?: SheetInfo;
  /** Whether the marker exists (it may point at a deleted sheet: #REF!). */
  readonly marker: boolean;
  readonly scopeSheets: readonly SheetInfo[];
  readonly selection?: SnapshotRead["selection"];
  readonly where: string;
}

async function locate(
  context: Excel.RequestContext,
  scope: SnapshotScope,
  lang: Lang
): Promise<Located> {
  const t = textsIn(SNAPSHOT_TEXT, lang);
  const { workbook } = context;
  const worksheets = workbook.worksheets.load("items");
  const names = workbook.names.load("items");
  const active =
    scope === "sheet" ? workbook.worksheets.getActiveWorksheet().load("name") : undefined;
  const selected = scope === "selection" ? workbook.getSelectedRange().load("address") : undefined;
  await context.sync();

  const sheets = worksheets.items.map((ws) => ({ name: ws.name, id: ws.id }));
  const byName = (name: string | undefined) =>
    sheets.find((s) => name !== undefined && s.name.toLowerCase() === name.toLowerCase());
  const markerItem = names.items.find(
    (n) => n.name.toLowerCase() === SNAPSHOT_MARKER.toLowerCase()
  );
  const store = byName(markerItem ? sheetOfReference(String(markerItem.formula)) : undefined);
  const located = { sheets, store, marker: !!markerItem };
  if (scope === "workbook")
    return { ...located, scopeSheets: sheets.filter((s) => s !== store), where: t.inWorkbook };
  if (scope === "sheet") {
    const sheet = byName(active?.name);
    return {
      ...located,
      scopeSheets: sheet && sheet !== store ? [sheet] : [],
      where: t.inSheet(active?.name ?? ""),
    };
  }
  const { sheet: selectedSheet, a1 } = splitAddress(String(selected?.address ?? ""));
  const sheet = byName(selectedSheet);
  return {
    ...located,
    scopeSheets: sheet && sheet !== store ? [sheet] : [],
    selection: a1 ? rectOf(a1) : undefined,
    where: t.inSelection,
  };
}

/** The second sync: the scope's used ranges and the kept formulas. */
async function read(
  context: Excel.RequestContext,
  located: Located
): Promise<{ read: SnapshotRead; storedRows: number }> {
  const { worksheets } = context.workbook;
  const used = located.scopeSheets.map((sheet) => ({
    sheet,
    range: worksheets
      .getItem(sheet.name)
      .getUsedRangeOrNullObject(true)
      .load("address,formulas,values,valueTypes"),
  }));
  const store = located.store
    ? worksheets.getItem(located.store.name).getUsedRangeOrNullObject(true).load("values")
    : undefined;
  await context.sync();
  const grids: Grid[] = used
    .filter(({ range }) => !range.isNullObject)
    .map(({ sheet, range }) => ({
      sheet: sheet.name,
      sheetId: sheet.id,
      origin: parseCell(splitAddress(range.address).a1.split(":")[0]),
      formulas: range.formulas,
      values: range.values,
      types: range.valueTypes as unknown as string[][],
    }));
  const stored = store && !store.isNullObject ? store.values : [];
  return {
    read: { ...located, grids, kept: readKept(stored) },
    storedRows: Math.max(0, stored.length - 1),
  };
}

/** Writes the kept rows, from row 2, as text; clears rows that held more before. */
function writeKept(sheet: Excel.Worksheet, rows: readonly Kept[], previous: number): void {
  if (rows.length > 0) {
    const range = sheet.getRange(area("A2", rows.length, STORE_COLUMNS));
    range.numberFormat = rows.map(() => SNAPSHOT_HEADER.map(() => "@"));
    range.values = keptRows(rows);
  }
  if (previous > rows.length)
    sheet
      .getRange(
        area(
          cellAddress({ row: 1 + rows.length, column: 0 }),
          previous - rows.length,
          STORE_COLUMNS
        )
      )
      .clear("Contents");
}

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

/** ExcelApi 1.12 brings getSpillingToRange; outside Office (tests) the fake says for itself. */
function hostKnowsSpills(): boolean {
  try {
    if (typeof Office === "undefined") return true;
    return Office.context.requirements.isSetSupported("ExcelApi", "1.12");
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Reports

/** Where an action acted, for its report: the selection, or the sheets it changed. */
function whereIn(scope: SnapshotScope, sheets: readonly string[], lang: Lang): string {
  const t = textsIn(SNAPSHOT_TEXT, lang);
  if (scope === "selection") return t.inSelection;
  return joinAll(
    [...new Set(sheets)].map((sheet) => t.inSheet(sheet)),
    lang
  );
}

/** Kept formulas of sheets that no longer exist, for a report. */
function sheetsGone(gone: readonly Kept[], lang: Lang): string {
  const t = textsIn(SNAPSHOT_TEXT, lang);
  return t.sheetGone(gone.length, joinAll([...new Set(gone.map((k) => `"${k.sheet}"`))], lang));
}

export interface SnapshotOptions {
  /** Whether the host has ExcelApi 1.12 (spills); Office's requirement sets by default. */
  readonly knowsSpills?: () => boolean;
}

/** Snapshot and Restore on a given Excel.run: Office's in the pane, the host's in tests. */
export function makeSnapshotActions(
  run: ExcelRun = defaultRun,
  options: SnapshotOptions = {}
): SnapshotActions {
  const knowsSpills = options.knowsSpills ?? hostKnowsSpills;

  async function snapshot(scope: SnapshotScope, lang: Lang = "en"): Promise<ActionReport> {
    const t = textsIn(SNAPSHOT_TEXT, lang);
    try {
      return await run(async (context) => {
        const located = await locate(context, scope, lang);
        const { read: state, storedRows } = await read(context, located);
        const earlier = keptInScope(state).length;
        const details = earlier > 0 ? [t.alreadySnapshotted(earlier)] : [];
        const anchors = findAnchors(state);
        if (anchors.length === 0)
          return { ok: true, summary: t.nothingToSnapshot(located.where), details };

        // Third sync: where each formula spills.
        const spills = knowsSpills();
        const spillRanges = spills
          ? anchors.map((anchor) =>
              context.workbook.worksheets
                .getItem(anchor.sheet)
                .getRange(anchor.cell)
                .getSpillingToRangeOrNullObject()
                .load("address")
            )
          : [];
        if (spills) await context.sync();
        else details.push(t.noSpillApi);
        const plan = planSnapshot(
          state,
          anchors,
          spillRanges.map((range) =>
            range.isNullObject ? undefined : splitAddress(range.address).a1.replace(/\$/g, "")
          )
        );

        // The write: originals first, then the cells.
        context.application.suspendApiCalculationUntilNextSync();
        context.application.suspendScreenUpdatingUntilNextSync();
        const { workbook } = context;
        let store: Excel.Worksheet;
        if (located.store) store = workbook.worksheets.getItem(located.store.name);
        else {
          const name = storeName(located.sheets, SNAPSHOT_SHEET);
          store = workbook.worksheets.add(name);
          // Very hidden: out of the Unhide list, so the originals are not edited by mistake.
          store.visibility = "VeryHidden";
          const header = store.getRange(area("A1", 1, STORE_COLUMNS));
          header.numberFormat = [SNAPSHOT_HEADER.map(() => "@")];
          header.values = [[...SNAPSHOT_HEADER]];
          // A marker left by a deleted snapshot sheet refers to #REF!: replace it.
          if (located.marker) workbook.names.getItem(SNAPSHOT_MARKER).delete();
          const marker = workbook.names.add(SNAPSHOT_MARKER, store.getRange("A1"), MARKER_COMMENT);
          marker.visible = false;
          details.push(t.storeMade(name));
          if (name !== SNAPSHOT_SHEET) details.push(t.storeNameTaken(SNAPSHOT_SHEET, name));
        }
        writeKept(store, plan.rows, storedRows);
        for (const cells of plan.convert)
          workbook.worksheets.getItem(cells.sheet).getRange(cells.address).formulas =
            cells.formulas as unknown as string[][];
        await context.sync();

        const where = whereIn(scope, plan.sheets, lang);
        const summary = t.snapshotDone(plan.convert.length, plan.cells, where);
        return { ok: true, summary, details };
      });
    } catch (error) {
      return {
        ok: false,
        summary: t.cnaiCouldNot(t.snapshotWhat, describeError(error)),
        details: [t.partial],
      };
    }
  }

  async function restore(
    scope: SnapshotScope = "workbook",
    lang: Lang = "en"
  ): Promise<ActionReport> {
    const t = textsIn(SNAPSHOT_TEXT, lang);
    try {
      return await run(async (context) => {
        const located = await locate(context, scope, lang);
        if (!located.store)
          return { ok: true, summary: t.nothingToRestore(located.where), details: [] };
        const { read: state, storedRows } = await read(context, located);
        const plan = planRestore(state, scope === "workbook");
        if (!plan.any) {
          const details = plan.gone.length ? [sheetsGone(plan.gone, lang)] : [];
          return { ok: true, summary: t.nothingToRestore(located.where), details };
        }

        context.application.suspendApiCalculationUntilNextSync();
        context.application.suspendScreenUpdatingUntilNextSync();
        const { worksheets } = context.workbook;
        // Formulas first: a failure before the rows are removed leaves rows Restore then drops.
        for (const cells of plan.write)
          worksheets.getItem(cells.sheet).getRange(cells.address).formulas =
            cells.formulas as string[][];
        writeKept(worksheets.getItem(located.store.name), plan.rows, storedRows);
        await context.sync();

        const details: string[] = [];
        if (plan.changed.length)
          details.push(t.changedSince(plan.changed.length, listCells(plan.changed, lang)));
        if (plan.gone.length) details.push(sheetsGone(plan.gone, lang));
        if (plan.write.length === 0 && plan.changed.length > 0)
          return { ok: false, summary: t.nothingRestored(located.where), details };
        if (plan.write.length === 0)
          return { ok: true, summary: t.nothingToRestore(located.where), details };
        const where = whereIn(
          scope,
          plan.write.map((w) => w.sheet),
          lang
        );
        return { ok: true, summary: t.restoreDone(plan.write.length, where), details };
      });
    } catch (error) {
      return {
        ok: false,
        summary: t.cnaiCouldNot(t.restoreWhat, describeError(error)),
        details: [t.restorePartial],
      };
    }
  }

  return { snapshot, restore };
}
