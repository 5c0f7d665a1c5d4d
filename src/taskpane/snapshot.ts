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
import { Lang, Texts, textsIn } from "../core";
import { area, cellAddress, parseCell, quoteSheet } from "../plans/a1";
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
/** Cells named in a report before "and N more". */
const LISTED = 5;

/** Every word of the Snapshot section and its reports, in English and Chinese. */
export const SNAPSHOT_TEXT = {
  title: { en: "Share without CNAI", zh: "分享给未安装CNAI的用户" },
  text: {
    en: "Snapshot turns CNAI's formulas into the values they show now, so the workbook reads the same on machines without CNAI, where CNAI's formulas show #NAME?. Formats stay. The formulas are kept in a hidden sheet, and Restore formulas brings them back.",
    zh: "快照把CNAI公式转换为当前显示的值，使工作簿在未安装CNAI的电脑上显示相同的数字（在那里CNAI公式会显示#NAME?）。格式保持不变。原公式保存在一个隐藏工作表中，可用“恢复公式”还原。",
  },
  scopeLegend: { en: "Where", zh: "范围" },
  scopeSelection: { en: "Selection", zh: "所选区域" },
  scopeSheet: { en: "This sheet", zh: "当前工作表" },
  scopeWorkbook: { en: "Whole workbook", zh: "整个工作簿" },
  snapshotButton: { en: "Snapshot to values", zh: "快照为值" },
  restoreButton: { en: "Restore formulas", zh: "恢复公式" },
  snapshotDoing: { en: "Turning CNAI formulas into values", zh: "正在把CNAI公式转换为值" },
  restoreDoing: { en: "Restoring CNAI formulas", zh: "正在恢复CNAI公式" },
  snapshotCouldNot: { en: "Could not take the snapshot", zh: "未能完成快照" },
  restoreCouldNot: { en: "Could not restore the formulas", zh: "未能恢复公式" },

  // Where, in a report.
  inSelection: { en: "the selection", zh: "所选区域" },
  inSheet: {
    en: (sheet: string) => quoteSheet(String(sheet)),
    zh: (sheet: string) => quoteSheet(String(sheet)),
  },
  inWorkbook: { en: "the workbook", zh: "工作簿" },

  // Reports.
  snapshotDone: {
    en: (formulas: number, cells: number, where: string) =>
      `Snapshot: ${formulas} CNAI ${formulas === 1 ? "formula" : "formulas"} in ${where} turned into ${formulas === 1 && cells === 1 ? "its value" : `their values (${cells} ${cells === 1 ? "cell" : "cells"})`}. Restore formulas brings them back.`,
    zh: (formulas: number, cells: number, where: string) =>
      `快照：${where}中的${formulas}个CNAI公式已转换为值（${cells}个单元格）。“恢复公式”可将其还原。`,
  },
  nothingToSnapshot: {
    en: (where: string) => `No CNAI formulas in ${where}: nothing to snapshot.`,
    zh: (where: string) => `${where}中没有CNAI公式，无需快照。`,
  },
  alreadySnapshotted: {
    en: (count: number) =>
      `${count} ${count === 1 ? "cell holds the value" : "cells hold the values"} of an earlier snapshot here; left as ${count === 1 ? "it is" : "they are"}.`,
    zh: (count: number) => `此范围内有${count}处是之前快照的值，保持不变。`,
  },
  storeMade: {
    en: (sheet: string) => `The original formulas are kept in the hidden sheet "${sheet}".`,
    zh: (sheet: string) => `原公式保存在隐藏工作表“${sheet}”中。`,
  },
  storeNameTaken: {
    en: (preferred: string, used: string) =>
      `A sheet named "${preferred}" that CNAI did not create exists; CNAI keeps the formulas in "${used}" instead.`,
    zh: (preferred: string, used: string) =>
      `工作簿中已有一个并非CNAI创建的工作表“${preferred}”；CNAI改用“${used}”保存公式。`,
  },
  noSpillApi: {
    en: "This version of Excel cannot say where a formula spills (ExcelApi 1.12): each CNAI formula was turned into the value of its own cell.",
    zh: "此版本的Excel无法报告公式的溢出范围（ExcelApi 1.12）：每个CNAI公式仅转换其所在单元格的值。",
  },
  restoreDone: {
    en: (formulas: number, where: string) =>
      `Restored ${formulas} CNAI ${formulas === 1 ? "formula" : "formulas"} in ${where}; Excel calculates ${formulas === 1 ? "it" : "them"} again.`,
    zh: (formulas: number, where: string) =>
      `已在${where}中恢复${formulas}个CNAI公式，Excel将重新计算。`,
  },
  nothingRestored: {
    en: (where: string) =>
      `Nothing restored in ${where}: every kept formula's cells were changed after the snapshot.`,
    zh: (where: string) => `${where}中未恢复任何公式：所有保存公式对应的单元格在快照后都被修改过。`,
  },
  nothingToRestore: {
    en: (where: string) => `No snapshot to restore in ${where}.`,
    zh: (where: string) => `${where}中没有可恢复的快照。`,
  },
  changedSince: {
    en: (count: number, cells: string) =>
      `${count} ${count === 1 ? "cell was" : "cells were"} changed after the snapshot and ${count === 1 ? "was" : "were"} left as ${count === 1 ? "it is" : "they are"}: ${cells}. ${count === 1 ? "Its formula is" : "Their formulas are"} still kept; undo the change, or clear the cells, and restore again.`,
    zh: (count: number, cells: string) =>
      `有${count}处在快照后被修改，保持不变：${cells}。其公式仍然保留；撤销修改或清除这些单元格后可再次恢复。`,
  },
  sheetGone: {
    en: (count: number, sheets: string) =>
      `${count} kept ${count === 1 ? "formula belongs" : "formulas belong"} to sheets that no longer exist (${sheets}); kept.`,
    zh: (count: number, sheets: string) =>
      `有${count}个保存的公式所属的工作表已不存在（${sheets}），继续保留。`,
  },
  andMore: {
    en: (listed: string, more: number) => `${listed} and ${more} more`,
    zh: (listed: string, more: number) => `${listed}等另外${more}处`,
  },
  cnaiCouldNot: {
    en: (what: string, message: string) => `CNAI could not ${what}: ${message}`,
    zh: (what: string, message: string) => `CNAI未能${what}：${message}`,
  },
  snapshotWhat: { en: "take the snapshot", zh: "完成快照" },
  restoreWhat: { en: "restore the formulas", zh: "恢复公式" },
  partial: {
    en: "If some cells were turned into values before the failure, their formulas are kept: Restore formulas brings them back.",
    zh: "如果失败前已有单元格被转换为值，其公式已保存：“恢复公式”可将其还原。",
  },
  restorePartial: {
    en: "Formulas written back before the failure stay; run Restore formulas again for the rest.",
    zh: "失败前已写回的公式保持不变；再次运行“恢复公式”即可恢复其余公式。",
  },
} satisfies Texts;

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

/** "'A', 'B' and 'C'" in English, "'A'、'B'和'C'" in Chinese. */
function joinAll(items: readonly string[], lang: Lang): string {
  if (items.length < 2) return items.join("");
  const head = items.slice(0, -1).join(lang === "en" ? ", " : "、");
  return `${head}${lang === "en" ? " and " : "和"}${items[items.length - 1]}`;
}

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

/** Cells for a report: the first few, then how many more. */
function listCells(cells: readonly string[], lang: Lang): string {
  const t = textsIn(SNAPSHOT_TEXT, lang);
  if (cells.length <= LISTED) return joinAll(cells, lang);
  return t.andMore(cells.slice(0, LISTED).join(lang === "en" ? ", " : "、"), cells.length - LISTED);
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
