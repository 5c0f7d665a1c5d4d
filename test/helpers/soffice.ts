/**
 * Debian's LibreOffice (`libreoffice-calc`, which .ci/run installs) as an outside reader of the
 * export's files: it opens them headless and writes every sheet as CSV, cells as shown.
 */
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import { pathToFileURL } from "url";
import { parseCell } from "../../src/plans/a1";

export const SOFFICE = process.env.SOFFICE ?? "soffice";
/** LibreOffice's start-up dominates: about 5 s here, more on a cold CI machine. */
export const SOFFICE_TIMEOUT_MS = 170_000;
/**
 * Comma, double quote, UTF-8, from line 1; cells as shown under their number formats (token 9), so
 * the CSV holds what a reader sees; every sheet to its own file (token 12: -1, LibreOffice 7.2+).
 */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/** One CSV line into fields: quoted fields may hold commas and doubled quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') field += line[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

export function readCsv(file: string): string[][] {
  return readFileSync(file, "utf8").replace(/\r/g, "").split("\n").map(fields);
}

/** A cell of a CSV as read, by its A1 address. */
export const at = (csv: string[][], a1: string) => {
  const { row, column } = parseCell(a1);
  return csv[row]?.[column];
};

/**
 * Converts the .xlsx files of `folder` named `files` (without ".xlsx") to CSV there, one per sheet
 * (`<file>-<sheet>.csv`), in a fresh LibreOffice profile: no first-start dialogs, no lock on the
 * user's own, nothing left behind. Throws with LibreOffice's words when it is missing or fails.
 */
export function convertToCsv(folder: string, files: readonly string[]): void {
  const version = spawnSync(SOFFICE, ["--version"], { encoding: "utf8" });
  if (version.error || version.status !== 0)
    throw new Error(
      `LibreOffice's soffice is not on this machine (${version.error?.message ?? version.stderr}). ` +
        "Install it with: apt-get install libreoffice-calc (.ci/run does on CI)."
    );
  const run = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(join(folder, "profile")).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      CSV_FILTER,
      "--outdir",
      folder,
      ...files.map((file) => join(folder, `${file}.xlsx`)),
    ],
    { encoding: "utf8", timeout: SOFFICE_TIMEOUT_MS }
  );
  // The time limit is the check on LibreOffice's speed: past it, spawnSync stops soffice.
  if (run.error)
    throw new Error(
      `soffice did not finish within ${SOFFICE_TIMEOUT_MS / 1000} s: ${run.error.message}`
    );
  if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
}
