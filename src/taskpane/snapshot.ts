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
 * whole spill range, found with `getSpillingToRangeOrNullObject` (ExcelApi 1.12), asked only of
 * formulas that may spill (src/plans/snapshot.ts's `showsOneValue` tells those that cannot: each
 * question costs a request's kilobyte and three objects the client tracks until the end of the
 * run); Restore writes the formula in the anchor and empties the rest of the range so it can
 * spill again. On a host without ExcelApi 1.12 each formula is taken as one cell, and the report
 * says so. A spill range whose anchor lies outside the selection is not converted: the formula
 * lives in the anchor.
 *
 * Office.js cannot list a workbook's sheets and read them in one round trip, nor say where a formula
 * spills before it knows which cells hold formulas: an action is one Excel.run whose syncs first
 * locate (sheets, names, selection), then find the used ranges and the snapshot sheet, read their
 * cells, then — Snapshot only — ask where the CNAI formulas spill, and write last. Nothing is
 * written before the writes. A big workbook's reads, spill questions and writes each take as many
 * syncs as Excel on the web's 5 MB payload limit needs (src/taskpane/chunked.ts); in the writes,
 * the originals are stored before any cell is converted, and a failure part-way writes back what
 * the cells held and removes a snapshot sheet made for this snapshot: the workbook is as before.
 *
 * What to convert and what to write back is computed as plain data from those reads in
 * src/plans/snapshot.ts; this file only reads, writes and reports.
 */
import { Lang, textsIn } from "../core";
import { area } from "../plans/a1";
import { PAYLOAD_BUDGET, packed } from "../plans/chunks";
import {
  Anchor,
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
  showsOneValue,
  storeName,
} from "../plans/snapshot";
import { ActionReport, describeError } from "./actions";
import { SNAPSHOT_TEXT, joinAll, listCells } from "./text";
import { ExcelRun, OWNER_PREFIX, sheetOfReference } from "./apply";
import { Area, Write, readAreas, writeAll } from "./chunked";

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

/** A used range's area, from its address. */
function areaOf(sheet: string, address: string): Area {
  const rect = rectOf(splitAddress(address).a1);
  return {
    sheet,
    top: rect.top,
    left: rect.left,
    rows: rect.bottom - rect.top + 1,
    columns: rect.right - rect.left + 1,
  };
}

/**
 * The scope's used ranges and the kept formulas: where they are (one sync), then their cells in
 * bands under the payload limit (src/taskpane/chunked.ts), the kept formulas with the last band.
 */
async function read(
  context: Excel.RequestContext,
  located: Located
): Promise<{ read: SnapshotRead; storedRows: number; storedCells: unknown[][] }> {
  const { worksheets } = context.workbook;
  const used = located.scopeSheets.map((sheet) => ({
    sheet,
    range: worksheets.getItem(sheet.name).getUsedRangeOrNullObject(true).load("address"),
  }));
  const store = located.store
    ? worksheets.getItem(located.store.name).getUsedRangeOrNullObject(true).load("address")
    : undefined;
  await context.sync();
  const found = used.filter(({ range }) => !range.isNullObject);
  const areas = found.map(({ sheet, range }) => areaOf(sheet.name, range.address));
  if (store && !store.isNullObject && located.store)
    areas.push(areaOf(located.store.name, store.address));
  const cells = await readAreas(context, areas, ["formulas", "values", "valueTypes"]);
  const grids: Grid[] = found.map(({ sheet }, k) => ({
    sheet: sheet.name,
    sheetId: sheet.id,
    origin: { row: areas[k].top, column: areas[k].left },
    formulas: cells[k].formulas,
    values: cells[k].values,
    types: cells[k].valueTypes as string[][],
  }));
  const stored = areas.length > found.length ? cells[found.length].values : [];
  return {
    read: { ...located, grids, kept: readKept(stored) },
    storedRows: Math.max(0, stored.length - 1),
    storedCells: stored.slice(1),
  };
}

/**
 * The kept rows, from row 2, as text, and — when there were more before — empty rows below them:
 * writes for `writeAll`, with the rows held before (`before`) for its undo.
 */
function keptWrites(
  store: string,
  rows: readonly Kept[],
  before: readonly (readonly unknown[])[],
  previous: number
): Write[] {
  const count = Math.max(rows.length, previous);
  if (count === 0) return [];
  const padded = (cells: readonly (readonly unknown[])[]) => {
    const out = cells.map((row) => SNAPSHOT_HEADER.map((_, j) => row[j] ?? ""));
    while (out.length < count) out.push(SNAPSHOT_HEADER.map(() => ""));
    return out;
  };
  return [
    {
      sheet: store,
      address: area("A2", count, STORE_COLUMNS),
      formulas: padded(keptRows(rows)),
      before: padded(before),
      asValues: true,
      numberFormat: "@",
    },
  ];
}

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

/**
 * What asking where a formula spills adds to a request and its answer: its sheet, cell and range
 * paths and the query (measured on the host: 946 bytes of request beside the names, 307 of answer).
 */
const spillQueryBytes = (anchor: { sheet: string; cell: string }) =>
  1_100 + 2 * (anchor.sheet.length + anchor.cell.length);

/**
 * Calculation suspended before each write sync; screen updating once, before the first (Microsoft:
 * suspending it again and again makes the window flicker).
 */
function suspend(context: Excel.RequestContext): () => void {
  let first = true;
  return () => {
    context.application.suspendApiCalculationUntilNextSync();
    if (first) context.application.suspendScreenUpdatingUntilNextSync();
    first = false;
  };
}

/** Removes a snapshot sheet made by a Snapshot that failed, and its marker, if they exist. */
async function dropSheet(context: Excel.RequestContext, name: string): Promise<void> {
  try {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name).load("name");
    const marker = context.workbook.names.getItemOrNullObject(SNAPSHOT_MARKER).load("name");
    await context.sync();
    if (!marker.isNullObject) marker.delete();
    if (!sheet.isNullObject) {
      // A very hidden sheet cannot be deleted as it is (office-js#365): hidden first.
      sheet.visibility = "Hidden";
      sheet.delete();
    }
    await context.sync();
  } catch {
    // The failure being reported says more than this one: the report names it.
  }
}

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
        const { read: state, storedRows, storedCells } = await read(context, located);
        const earlier = keptInScope(state).length;
        const details = earlier > 0 ? [t.alreadySnapshotted(earlier)] : [];
        const anchors = findAnchors(state);
        if (anchors.length === 0)
          return { ok: true, summary: t.nothingToSnapshot(located.where), details };

        // Where each formula that may spill spills, in syncs under the payload limit.
        const spills = knowsSpills();
        const spillAddresses = new Map<Anchor, string>();
        if (spills) {
          const asked = anchors.filter((anchor) => !showsOneValue(anchor.formula));
          for (const group of packed(asked, spillQueryBytes, PAYLOAD_BUDGET)) {
            const ranges = group.map((anchor) =>
              context.workbook.worksheets
                .getItem(anchor.sheet)
                .getRange(anchor.cell)
                .getSpillingToRangeOrNullObject()
                .load("address")
            );
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
            ranges.forEach((range, k) => {
              if (!range.isNullObject)
                spillAddresses.set(group[k], splitAddress(range.address).a1.replace(/\$/g, ""));
            });
          }
        } else details.push(t.noSpillApi);
        const plan = planSnapshot(
          state,
          anchors,
          anchors.map((anchor) => spillAddresses.get(anchor))
        );
        if (plan.busy.length > 0)
          return { ok: false, summary: t.stillComputing(listCells(plan.busy, lang)), details };

        // The write: originals first, then the cells, in syncs under the payload limit; a failure
        // part-way writes back what was there and removes a snapshot sheet made for this one.
        const { workbook } = context;
        let store: Excel.Worksheet;
        let made: string | undefined;
        if (located.store) store = workbook.worksheets.getItem(located.store.name);
        else {
          const name = storeName(located.sheets, SNAPSHOT_SHEET);
          made = name;
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
        const writes = [
          ...keptWrites(made ?? located.store?.name ?? "", plan.rows, storedCells, storedRows),
          ...plan.convert,
        ];
        try {
          await writeAll(context, writes, { each: suspend(context) });
        } catch (error) {
          if (made) await dropSheet(context, made);
          throw error;
        }

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
        const { read: state, storedRows, storedCells } = await read(context, located);
        const plan = planRestore(state, scope === "workbook");
        if (!plan.any) {
          const details = plan.gone.length ? [sheetsGone(plan.gone, lang)] : [];
          return { ok: true, summary: t.nothingToRestore(located.where), details };
        }

        // Formulas first, then the kept rows, in syncs under the payload limit; a failure
        // part-way writes back what was there.
        await writeAll(
          context,
          [...plan.write, ...keptWrites(located.store.name, plan.rows, storedCells, storedRows)],
          { each: suspend(context) }
        );

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
