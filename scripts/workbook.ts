/**
 * `npm run workbook -- <out.xlsx> [--values] [--force] [--lang zh-CN]`: the CNAI model as an .xlsx
 * file, for people without the add-in. The pane's own "Build model sheet" runs headless, through
 * Microsoft's Excel client, on the Excel host with the core's functions (src/export/model.ts); Excel's
 * initial "Sheet1", still empty, is deleted through the client; the host's workbook is then saved
 * with exceljs (src/export/xlsx.ts): the sheets, tables, named assumptions, CNAI's hidden sheet
 * markers, formats, and every formula with the value the core computed.
 *
 *   --values   values only, no formulas: for readers without CNAI (CNAI's formulas show #NAME?
 *              there once their program recalculates)
 *   --force    replace an existing file
 *   --lang     the sheets' words in English (en, the default) or Chinese (zh-CN)
 *
 * The file is written under a temporary name beside the target and renamed onto it, so an
 * interrupted export never leaves a partial file under the target's name. Exit status: 0 written,
 * 1 a usage error or an existing target without --force, 2 the target cannot be written.
 */
import * as fs from "fs";
import * as path from "path";
import { LANGS, Lang } from "../src/core";

export const USAGE = "usage: npm run workbook -- <out.xlsx> [--values] [--force] [--lang en|zh-CN]";

export interface Options {
  readonly target: string;
  readonly valuesOnly: boolean;
  readonly force: boolean;
  readonly lang: Lang;
}

/** A failure with the sentence to print and the exit status to leave with. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2
  ) {
    super(message);
  }
}

export function parseArguments(args: readonly string[]): Options {
  let target: string | undefined;
  let valuesOnly = false;
  let force = false;
  let lang: Lang = "en";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--values") valuesOnly = true;
    else if (arg === "--force") force = true;
    else if (arg === "--lang" || arg.startsWith("--lang=")) {
      const value = arg === "--lang" ? args[++i] : arg.slice("--lang=".length);
      if (!LANGS.includes(value as Lang))
        throw new ExportError(`--lang takes en or zh-CN, not "${value ?? ""}".\n${USAGE}`, 1);
      lang = value as Lang;
    } else if (arg.startsWith("-")) throw new ExportError(`Unknown option ${arg}.\n${USAGE}`, 1);
    else if (target === undefined) target = arg;
    else throw new ExportError(`One file at a time: got "${target}" and "${arg}".\n${USAGE}`, 1);
  }
  if (target === undefined) throw new ExportError(`Which file? ${USAGE}`, 1);
  if (!/\.xlsx$/i.test(target))
    throw new ExportError(
      `"${target}" does not end in .xlsx: Excel opens .xlsx files by that name.`,
      1
    );
  // npm runs scripts in the project's folder; INIT_CWD is where `npm run workbook` was typed.
  return { target: path.resolve(process.env.INIT_CWD ?? "", target), valuesOnly, force, lang };
}

/** The file-system calls the save makes; tests pass one that fails part-way. */
export type FileSystem = Pick<
  typeof fs,
  | "existsSync"
  | "statSync"
  | "accessSync"
  | "writeFileSync"
  | "renameSync"
  | "linkSync"
  | "unlinkSync"
>;

function cannotWrite(target: string, error: unknown): ExportError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const folder = path.dirname(target);
  const why: Record<string, string> = {
    ENOENT: `the folder ${folder} does not exist`,
    ENOTDIR: `${folder} is not a folder`,
    EACCES: `there is no permission to write in ${folder}`,
    EPERM: `there is no permission to write in ${folder}`,
    EROFS: `${folder} is on a read-only file system`,
    ENOSPC: "the disk is full",
    EISDIR: `${target} is a folder`,
  };
  const reason = why[code] ?? (error instanceof Error ? error.message : String(error));
  return new ExportError(`Cannot write ${target}: ${reason}. Nothing was written.`, 2);
}

/** An existing target: refused without --force, and always when it is a folder. */
function checkExisting(target: string, force: boolean, files: FileSystem): void {
  if (!files.existsSync(target)) return;
  if (files.statSync(target).isDirectory())
    throw new ExportError(`Cannot write ${target}: it is a folder.`, 2);
  if (!force)
    throw new ExportError(
      `${target} exists; CNAI leaves it as it is. Add --force to replace it.`,
      1
    );
}

/**
 * What can be known before the model is built, which takes seconds: an existing target, and a
 * folder that is missing, not a folder, or not writable. The save checks again as it writes (the
 * folder may change meanwhile, and a full disk shows only then).
 */
export function checkTarget(target: string, force: boolean, files: FileSystem = fs): void {
  checkExisting(target, force, files);
  const folder = path.dirname(target);
  try {
    if (files.statSync(folder).isDirectory()) return files.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    throw cannotWrite(target, error);
  }
  throw cannotWrite(target, { code: "ENOTDIR" });
}

/**
 * Writes `bytes` to `<target>.tmp-<pid>` and moves it onto the target in one step: a hard link,
 * which fails if the target appeared meanwhile, or a rename with --force. The temporary file is
 * removed whatever happens, so a failure leaves the target as it was.
 */
export function saveAtomically(
  target: string,
  bytes: Uint8Array,
  force: boolean,
  files: FileSystem = fs
): void {
  checkExisting(target, force, files);
  const temporary = `${target}.tmp-${process.pid}`;
  try {
    try {
      files.writeFileSync(temporary, bytes);
    } catch (error) {
      throw cannotWrite(target, error);
    }
    if (force) files.renameSync(temporary, target);
    else {
      try {
        files.linkSync(temporary, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST")
          throw new ExportError(
            `${target} appeared while CNAI was writing; it is left as it is.`,
            1
          );
        // File systems without hard links (FAT, some network shares): checked above, renamed now.
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw error;
        files.renameSync(temporary, target);
      }
    }
  } catch (error) {
    throw error instanceof ExportError ? error : cannotWrite(target, error);
  } finally {
    try {
      if (files.existsSync(temporary)) files.unlinkSync(temporary);
    } catch {
      // Left beside the target under its temporary name; the target itself is as it was.
    }
  }
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The script, for the command line and for tests: returns the exit status. */
export async function main(
  args: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
  files: FileSystem = fs
): Promise<number> {
  try {
    const options = parseArguments(args);
    checkTarget(options.target, options.force, files);
    // The build's modules (the host, HyperFormula, exceljs) load in seconds: not for a refusal.
    const { modelWorkbook } = await import("../src/export/model");
    const { replacedSentence, writeWorkbook } = await import("../src/export/xlsx");
    const book = await modelWorkbook(options.lang);
    const { bytes, summary } = await writeWorkbook(book, options);
    saveAtomically(options.target, bytes, options.force, files);
    const what = options.valuesOnly
      ? "values only, no formulas"
      : `${summary.formulas} formulas with their values`;
    out(`Wrote ${options.target} (${kilobytes(bytes.length)}):`);
    out(`  sheets: ${summary.sheets.map((s) => `"${s}"`).join(", ")}`);
    out(
      `  tables: ${summary.tables.join(", ")}; names: ${summary.names.length}, and ${summary.hiddenNames.length} hidden CNAI sheet markers`
    );
    out(`  ${summary.cells} cells, ${what}`);
    const replaced = replacedSentence(summary);
    if (replaced) out(`  ${replaced}`);
    return 0;
  } catch (error) {
    if (error instanceof ExportError) {
      err(error.message);
      return error.status;
    }
    err(`The export failed: ${error instanceof Error ? error.stack : String(error)}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
