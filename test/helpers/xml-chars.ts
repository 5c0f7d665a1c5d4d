/**
 * Characters XML 1.0 forbids, in a workbook the export must still write as a readable file: read
 * back with exceljs in test/export/xlsx.test.ts, and by LibreOffice in
 * test/export/libreoffice.test.ts (one LibreOffice start converts every file the export tests hand it).
 */
import { hostWorkbook } from "../../src/host/node";
import { writeWorkbook } from "../../src/export/xlsx";

// U+FFFE and U+FFFF, C0 controls other than tab, line feed and carriage return, lone surrogates.
export const BAD: readonly [string, string][] = [
  ["A2", "before\uFFFEafter"],
  ["A3", "\uFFFF"],
  ["A4", "lone \uD800 high"],
  ["A5", "lone \uDC00 low"],
  ["A6", "bell\u0007 and \u000B\u000C\u001F"],
  ["A7", "nul\u0000"],
];
// Worked by hand: each forbidden code unit becomes one "�".
export const REPLACED: Record<string, string> = {
  A2: "before\uFFFDafter",
  A3: "\uFFFD",
  A4: "lone \uFFFD high",
  A5: "lone \uFFFD low",
  A6: "bell\uFFFD and \uFFFD\uFFFD\uFFFD",
  A7: "nul\uFFFD",
};
// Allowed: tab, line feed, a surrogate pair (😀), CJK, U+FFFD itself, U+FFFD's neighbours.
export const GOOD: readonly [string, string][] = [
  ["A1", "plain text"],
  ["B1", "利润 and 😀"],
  ["B2", "tab\there"],
  ["B3", "\uFFFC\uFFFD"],
  ["B4", "R&D <tag> \"quoted\" 'single'"],
  // Last: a line feed inside a cell splits LibreOffice's CSV line, and would shift the rows below.
  ["B8", "line\nfeed"],
];

/** A workbook with each of them, in cells, a formula, a sheet name and a name's comment, exported. */
export async function xmlCharsWorkbook() {
  const { workbook, run } = hostWorkbook();
  for (const [a1, text] of [...GOOD, ...BAD]) workbook.setInput("Sheet1", a1, text);
  // A formula whose string literal and cached result hold U+FFFF.
  workbook.setInput("Sheet1", "C1", '="x"&"\uFFFF"');
  await run(async (context) => {
    context.workbook.worksheets.add("Odd\uFFFEsheet").getRange("A1").values = [["on odd"]];
    context.workbook.names.add("Rate", "=Sheet1!$A$1", "comment with \u0001 inside");
    await context.sync();
  });
  // A formula pointing at the sheet: its name changes the same way as the sheet's.
  workbook.setInput("Sheet1", "C2", "='Odd\uFFFEsheet'!A1");
  return writeWorkbook(workbook, { valuesOnly: false });
}
