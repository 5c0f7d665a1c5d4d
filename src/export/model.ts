/**
 * What `npm run workbook` exports: the model as the pane's "Build model sheet" lays it in a new
 * workbook, built by the pane's own actions through Microsoft's Excel client on the Excel host
 * (src/host/node.ts), with the core's functions — so every formula's cached value is the core's.
 * Node only (the client is loaded from disk); the workbench's page saves its own host workbook
 * (src/workbench/ui/download.ts).
 */
import { Lang } from "../core";
import { CORE_FUNCTIONS } from "../host/core-functions";
import { ExcelRun, hostWorkbook } from "../host/node";
import type { HostWorkbook } from "../host/workbook";
import { makeActions } from "../taskpane/actions";

/** The sheet Excel's new workbook starts with. */
export const INITIAL_SHEET = "Sheet1";

/**
 * Deletes the initial sheet through the client if it is still empty, as an analyst would before
 * sending the file: the build leaves it in front of CNAI's sheets. Returns whether it went.
 */
export async function removeEmptySheet(
  run: ExcelRun,
  name: string = INITIAL_SHEET
): Promise<boolean> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    const used = sheet.getUsedRangeOrNullObject();
    await context.sync();
    if (sheet.isNullObject || !used.isNullObject) return false;
    sheet.delete();
    await context.sync();
    return true;
  });
}

/** A new workbook after "Build model sheet" in `lang`, without Excel's empty "Sheet1". */
export async function modelWorkbook(lang: Lang = "en"): Promise<HostWorkbook> {
  const { workbook, run } = hostWorkbook(CORE_FUNCTIONS);
  const report = await makeActions(run).buildModelSheet(lang);
  if (!report.ok) throw new Error([report.summary, ...report.details].join(" "));
  await removeEmptySheet(run);
  return workbook;
}
