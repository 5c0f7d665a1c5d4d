/** What the suites that open .xlsx files share: a file exceljs writes, one altered part by part, and why one will not open. */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { OpenError, openWorkbook } from "../../src/host/open";

/** The bytes of the workbook `build` makes, as exceljs writes them. */
export async function xlsxFile(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** `bytes` with the parts `change` removed or rewritten. */
export async function altered(
  bytes: Uint8Array,
  change: (zip: JSZip) => Promise<void> | void
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await change(zip);
  return zip.generateAsync({ type: "uint8array" });
}

/** The `OpenError` opening `bytes` fails with; anything else, or opening, fails the test. */
export async function openFailure(bytes: Uint8Array): Promise<OpenError> {
  try {
    await openWorkbook(bytes, CORE_FUNCTIONS);
  } catch (error) {
    if (error instanceof OpenError) return error;
    throw new Error(`Not an OpenError: ${String(error)}`);
  }
  throw new Error("The file opened.");
}
