/**
 * Opening a big .xlsx on the Excel host (a file of the "at scale" project, which `npm test` runs and
 * `npm run test:quick` leaves out, jest.config.js): thousands of array formulas side by side, each
 * spilling from its anchor while the cells beside keep their own values.
 */
import * as ExcelJS from "exceljs";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { openWorkbook } from "../../src/host/open";
import { xlsxFile } from "../helpers/xlsx-file";

describe("opening an .xlsx", () => {
  test("a file of thousands of array formulas side by side: each spills from its anchor, the cells beside keep theirs", async () => {
    // Each row: E:G and H:J are array formulas whose spill cells hold a stale cached 999, K a
    // value; M7 spills down M7:M9 across three of those rows, N8 beside it holds a value. A spill
    // cell read as a value would block its anchor's spill (#SPILL!) and keep the 999.
    const ROWS = 2000;
    const FIRST = 7;
    const arrayFormula = (formula: string, ref: string, result: number) =>
      ({ formula, result, shareType: "array", ref }) as unknown as ExcelJS.CellFormulaValue;
    const bytes = await xlsxFile((book) => {
      const sheet = book.addWorksheet("Sheet1");
      [1, 2, 3].forEach((v, j) => (sheet.getCell(1, j + 1).value = v));
      [10, 20, 30].forEach((v, i) => (sheet.getCell(3 + i, 1).value = v));
      for (let n = FIRST; n < FIRST + ROWS; n++) {
        const k = n - FIRST + 1;
        sheet.getCell(`E${n}`).value = arrayFormula(`$A$1:$C$1*${k}`, `E${n}:G${n}`, k);
        sheet.getCell(`H${n}`).value = arrayFormula(`$A$1:$C$1*-${k}`, `H${n}:J${n}`, -k);
        for (const column of ["F", "G", "I", "J"]) sheet.getCell(`${column}${n}`).value = 999;
        sheet.getCell(`K${n}`).value = k;
      }
      sheet.getCell("M7").value = arrayFormula("$A$3:$A$5*1", "M7:M9", 10);
      sheet.getCell("M8").value = 999;
      sheet.getCell("M9").value = 999;
      sheet.getCell("N8").value = 5;
    });
    const { workbook: opened } = await openWorkbook(bytes, CORE_FUNCTIONS);
    for (let n = FIRST; n < FIRST + ROWS; n++) {
      const k = n - FIRST + 1;
      const row = ["E", "F", "G", "H", "I", "J", "K"].map((c) =>
        opened.value("Sheet1", `${c}${n}`)
      );
      expect(row).toEqual([k, 2 * k, 3 * k, -k, -2 * k, -3 * k, k]);
    }
    expect(opened.cell("Sheet1", `G${FIRST + ROWS - 1}`).spilledFrom).toBe(`E${FIRST + ROWS - 1}`);
    expect(opened.cell("Sheet1", `I${FIRST}`).spilledFrom).toBe(`H${FIRST}`);
    expect(["M7", "M8", "M9", "N8"].map((a1) => opened.value("Sheet1", a1))).toEqual([
      10, 20, 30, 5,
    ]);
    expect(opened.cell("Sheet1", "M9").spilledFrom).toBe("M7");
  });
});
