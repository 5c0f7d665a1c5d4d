/**
 * An analyst's big workbook for the pane's actions (test/taskpane/big-workbook.test.ts and the
 * benchmark): 300,000 used cells over 5 sheets — text, numbers, formulas, error values, a CNAI
 * formula in every row, and spills, Excel's and CNAI's — written through the host directly.
 */
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import type { AddinFunction } from "../../src/host/contract";
import { HostedWorkbook, PANE_PROFILES, hostWorkbook } from "../../src/host/node";

export const SHEETS = ["Data1", "Data2", "Data3", "Data4", "Data5"];
export const ROWS = 3_000;
export const COLUMNS = 21;

/** One sheet's cells as the analyst typed them: row r (1-based) of columns A…U. */
function sheetCells(): string[][] {
  return Array.from({ length: ROWS }, (_, i) => {
    const r = i + 1;
    const row: string[] = [
      `Item ${r}`,
      String(r),
      `=B${r}*2`,
      r % 2 ? "=1/0" : "=NA()",
      "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
    ];
    for (let c = 5; c < 11; c++) row.push(`text ${r}-${c}`);
    for (let c = 11; c < 19; c++) row.push(String((r * c) / 8));
    // Column T: a spill every ten rows (Excel's SEQUENCE), a CNAI spill five rows later.
    row.push(
      r % 10 === 1 ? "=SEQUENCE(3)" : r % 10 === 5 ? "=CNAI.MARGIN_EXPANSION(30%,15%,{2;2;2})" : ""
    );
    // Column U: notes on two rows in five.
    row.push(r % 5 < 2 ? `note ${r}` : "");
    return row;
  });
}

/** The workbook, hosted as Excel on the web as the pane's suites run it. */
export function bigWorkbook(functions: readonly AddinFunction[] = CORE_FUNCTIONS): HostedWorkbook {
  const hosted = hostWorkbook(functions, { sheets: SHEETS }, PANE_PROFILES[0]);
  const cells = sheetCells();
  for (const name of SHEETS)
    hosted.workbook.write(
      hosted.workbook.sheet(name),
      { top: 0, left: 0, bottom: ROWS - 1, right: COLUMNS - 1 },
      cells,
      "formulas"
    );
  return hosted;
}
