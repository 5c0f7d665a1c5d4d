/**
 * The .xlsx export read back with exceljs (and its workbook part with xml2js, for what exceljs does
 * not read). The numbers expected are the note's, worked by hand: margin expansion
 * 0.36 × (1 − 0.85²) = 0.0999, parity at 2H25 (mid) 62.5%, TOKEN_REVENUE(60, 0.03) = $1.8M,
 * STACK_MULTIPLE(10, 3) = 12x. Every other cell is held against the host's workbook it was saved
 * from: the file must say what the workbook says.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { hostWorkbook } from "../../src/host/node";
import { HostSheet, HostWorkbook, rectAddress } from "../../src/host/workbook";
import { area, offset, parseCell } from "../../src/plans/a1";
import {
  ASSUMPTIONS,
  LAYOUT,
  MODEL_CELLS,
  MODEL_SHEET,
  TIMELINE_PERIODS,
} from "../../src/plans/model";
import { makeActions } from "../../src/taskpane/actions";
import { SNAPSHOT_SHEET, makeSnapshotActions } from "../../src/taskpane/snapshot";
import { modelWorkbook } from "../../src/export/model";
import {
  addDefinedNames,
  buildWorkbook,
  fileColumnWidth,
  replacedSentence,
  writeWorkbook,
} from "../../src/export/xlsx";
import { BAD, GOOD, REPLACED, xmlCharsWorkbook } from "../helpers/xml-chars";
import { workbookFile } from "../../src/workbench/ui/download";

// xml2js ships no type declarations; this is the part of its API the test uses.
interface Xml2js {
  parseStringPromise(xml: string): Promise<{
    workbook: {
      definedNames?: { definedName: { _: string; $: Record<string, string> }[] }[];
    };
  }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js: Xml2js = require("xml2js");

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The defined names as the file's workbook part holds them, attributes and all. */
async function definedNames(
  bytes: Uint8Array
): Promise<Map<string, { formula: string; hidden?: string; comment?: string }>> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await (zip.file("xl/workbook.xml") as JSZip.JSZipObject).async("string");
  const parsed = await xml2js.parseStringPromise(xml);
  const entries = parsed.workbook.definedNames?.[0].definedName ?? [];
  return new Map(
    entries.map((e) => [e.$.name, { formula: e._, hidden: e.$.hidden, comment: e.$.comment }])
  );
}

/** exceljs reads a number under a date format as a Date; the file holds the serial, as Excel does. */
const serial = (value: unknown) =>
  value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value;

const sheetOf = (workbook: ExcelJS.Workbook, name: string) =>
  workbook.getWorksheet(name) as ExcelJS.Worksheet;

type ArrayFormula = ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };

/** Every cell the host holds, with what the file must say of it: its own content or a spill's value. */
function hostCells(book: HostWorkbook, sheet: HostSheet) {
  const used = book.usedRange(sheet);
  const formulas = book.engine.getSheetFormulas(sheet.engineId);
  const out = [];
  for (let row = used?.top ?? 0; used && row <= used.bottom; row++)
    for (let column = used.left; column <= used.right; column++) {
      const value = book.valueAt(sheet, row, column);
      out.push({
        a1: rectAddress({ top: row, left: column, bottom: row, right: column }),
        formula:
          formulas[row]?.[column] !== undefined ? book.inputAt(sheet, row, column) : undefined,
        value: value !== null && typeof value === "object" ? { error: value.error } : value,
        numberFormat: book.numberFormatAt(sheet, row, column),
        look: book.lookAt(sheet, row, column),
      });
    }
  return out;
}

let book: HostWorkbook;
let formulaBytes: Uint8Array;
let formulas: ExcelJS.Workbook;
let values: ExcelJS.Workbook;
// Builds, .xlsx files and their reading back: longer than jest's 5 s on a shared machine since the
// model's Risk block draws its simulations (speed is npm run bench's, not a test's).
jest.setTimeout(60_000);

beforeAll(async () => {
  book = await modelWorkbook();
  formulaBytes = (await writeWorkbook(book, { valuesOnly: false })).bytes;
  formulas = await read(formulaBytes);
  values = await read((await writeWorkbook(book, { valuesOnly: true })).bytes);
}, 60_000);

describe("npm run workbook's file: the pane's build on the host, read back with exceljs", () => {
  it("has the pane's three sheets, without Excel's empty Sheet1, and opens on the model", () => {
    expect(formulas.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ["Chip Parity", "visible"],
      ["Token Economics", "visible"],
      [MODEL_SHEET, "visible"],
    ]);
    expect(formulas.views[0].activeTab).toBe(2);
  });

  it("keeps the table sheets frozen under their header row (row 4), and CNAI's tab colour", () => {
    for (const name of ["Chip Parity", "Token Economics"]) {
      const view = sheetOf(formulas, name).views[0] as ExcelJS.WorksheetViewFrozen;
      expect([name, view.state, view.ySplit, view.xSplit]).toEqual([name, "frozen", 4, 0]);
    }
    expect(sheetOf(formulas, MODEL_SHEET).views[0].state).toBe("normal");
    for (const ws of formulas.worksheets)
      expect(ws.properties.tabColor).toEqual({ argb: "FF8A1C2B" });
  });

  it("holds Table 1 and Table 2 as Excel tables with the note's columns and numbers", () => {
    const chips = sheetOf(formulas, "Chip Parity");
    const tokens = sheetOf(formulas, "Token Economics");
    const table = (ws: ExcelJS.Worksheet, name: string) =>
      (ws.getTable(name) as unknown as { table: ExcelJS.TableProperties & { tableRef: string } })
        .table;
    expect(table(chips, "ChipParity").tableRef).toBe("A4:H7");
    expect(table(tokens, "TokenEconomics").tableRef).toBe("A4:E7");
    expect(table(tokens, "TokenEconomics").columns.map((c) => c.name)).toEqual([
      "Metric",
      "Unit",
      "Q1 2025",
      "Q1 2026",
      "2027E",
    ]);
    expect(table(tokens, "TokenEconomics").style?.theme).toBe("TableStyleMedium2");
    const row = (ws: ExcelJS.Worksheet, n: number, columns: number) =>
      Array.from({ length: columns }, (_, j) => ws.getRow(n).getCell(j + 1).value);
    expect(row(tokens, 5, 5)).toEqual(["AI Cloud Revenue", "$bn", 0.8, 1.6, 4.5]);
    expect(tokens.getCell("D5").numFmt).toBe('"$"0.0"bn"');
    expect(row(chips, 5, 3)).toEqual(["2025 Leading", 0.6, 0.65]);
  });

  it("caches the note's numbers beside the CNAI formulas, written as Excel saves a custom function", () => {
    const model = sheetOf(formulas, MODEL_SHEET);
    const result = (a1: string) => model.getCell(a1).result as number;
    // OfficeDev/Excel-Custom-Functions#108: JavaScript custom functions are saved with "_xldudf".
    expect(model.getCell(MODEL_CELLS.marginExpansion).formula).toBe(
      "_xldudf_CNAI_MARGIN_EXPANSION(VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare)"
    );
    expect(result(MODEL_CELLS.marginExpansion)).toBeCloseTo(0.36 * (1 - 0.85 ** 2), 12);
    expect(result(MODEL_CELLS.marginExpansion)).toBeCloseTo(0.0999, 12);
    expect(result(MODEL_CELLS.marginAfter)).toBeCloseTo(0.64 + 0.0999, 12);
    expect(result(MODEL_CELLS.parityAtDate)).toBe(0.625);
    expect(model.getCell(MODEL_CELLS.integratedMultiple).formula).toBe(
      "_xldudf_CNAI_STACK_MULTIPLE(BaseMultiple,LayersOwned,PremiumBound)"
    );
    expect(result(MODEL_CELLS.integratedMultiple)).toBe(12);
    // 60 trillion tokens at $0.03 per million: $1.8M, against Table 2's $1.6bn.
    expect(result(MODEL_CELLS.impliedRevenue)).toBeCloseTo(1.8e6, 6);
    expect(result(MODEL_CELLS.reportedRevenue)).toBe(1.6e9);
  });

  it("writes a spilled CNAI formula as an array formula over its spill, every cell with its value", () => {
    const model = sheetOf(formulas, MODEL_SHEET);
    const mid = MODEL_CELLS.timelineFirstMid;
    const periods = TIMELINE_PERIODS.length;
    const timeline = model.getCell(mid).value as ArrayFormula;
    expect([timeline.formula, timeline.shareType, timeline.ref]).toEqual([
      `_xldudf_CNAI_PARITY_AT(${area(offset(mid, 0, 3), periods, 1, true)},"mid",,,ChipParity[#All])`,
      "array",
      area(mid, periods, 1),
    ]);
    expect(model.getCell(mid).result).toBe(0.625);
    // PERIOD_DATE("2H25"): the half's midpoint, 2025-10-01, as a serial.
    expect(serial(model.getCell(offset(mid, 0, 3)).result)).toBe(
      Date.UTC(2025, 9, 1) / 86_400_000 + 25_569
    );
    // The sensitivity grid: start margins down column A, unit-cost declines along the row above;
    // each cell is (1 − margin) × (1 − (1 − decline)²) over two years.
    const first = MODEL_CELLS.gridFirstCell;
    const grid = model.getCell(first).value as ArrayFormula;
    expect([grid.shareType, grid.ref]).toEqual(["array", area(first, 9, 7)]);
    expect(grid.result).toBeCloseTo(0.44 * (1 - 0.95 ** 2), 12);
    const top = parseCell(first).row + 1;
    let cells = 0;
    for (let row = top; row < top + 9; row++)
      for (let column = 2; column <= 8; column++) {
        const margin = model.getRow(row).getCell(1).value as number;
        const decline = model.getRow(top - 1).getCell(column).value as number;
        const cell = model.getRow(row).getCell(column);
        const value = (row === top && column === 2 ? cell.result : cell.value) as number;
        expect({ at: cell.address, value }).toEqual({
          at: cell.address,
          value: expect.closeTo((1 - margin) * (1 - (1 - decline) ** 2), 12),
        });
        cells++;
      }
    expect(cells).toBe(9 * 7);
  });

  it("says in every cell what the host's workbook says: formula, value, number format, font, fill", () => {
    let count = 0;
    let saved = 0;
    for (const sheet of book.worksheets()) {
      const ws = sheetOf(formulas, sheet.name);
      for (const cell of hostCells(book, sheet)) {
        const read = ws.getCell(cell.a1);
        // Every CNAI call in its saved form, which reads as the host's once the prefix goes.
        expect(read.formula ?? "").not.toMatch(/(^|[^_])CNAI\./);
        if (read.formula?.includes("_xldudf_CNAI_")) saved++;
        const formula = read.formula?.replace(/_xldudf_CNAI_/g, "CNAI.");
        expect({
          at: `${sheet.name}!${cell.a1}`,
          formula,
          value: serial(formula ? read.result : read.value),
        }).toEqual({
          at: `${sheet.name}!${cell.a1}`,
          formula: cell.formula?.slice(1),
          value: cell.value ?? (formula ? undefined : null),
        });
        expect({ at: cell.a1, numFmt: read.numFmt ?? "General" }).toEqual({
          at: cell.a1,
          numFmt: cell.numberFormat,
        });
        expect({ at: cell.a1, bold: read.font?.bold, color: read.font?.color?.argb }).toEqual({
          at: cell.a1,
          bold: cell.look.bold,
          color: cell.look.color && `FF${cell.look.color.slice(1)}`,
        });
        const fill = (read.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        expect({ at: cell.a1, fill }).toEqual({
          at: cell.a1,
          fill: cell.look.fill && `FF${cell.look.fill.slice(1)}`,
        });
        count++;
      }
    }
    expect(count).toBeGreaterThan(300);
    expect(saved).toBeGreaterThan(10);
  });

  it("carries the input style and the outputs' formats", () => {
    const model = sheetOf(formulas, MODEL_SHEET);
    const input = model.getCell(
      offset(LAYOUT.assumptionsAt, 1 + ASSUMPTIONS.findIndex((a) => a.name === "VolumeGrowth"), 1)
    );
    // Token volume growth: 30%, the Valuation paragraph's.
    expect([input.value, input.numFmt]).toEqual([0.3, "0.0%"]);
    // Unit-cost decline follows the active scenario: Base, the note's 15%.
    expect(model.getCell(MODEL_CELLS.unitCostDecline).result).toBe(0.15);
    expect(input.font?.color).toEqual({ argb: "FF0000FF" });
    expect((input.fill as ExcelJS.FillPattern).fgColor).toEqual({ argb: "FFEAF2FB" });
    expect([model.getCell("A1").font?.bold, model.getCell("A1").font?.size]).toEqual([true, 14]);
    expect(model.getCell(MODEL_CELLS.marginExpansion).numFmt).toBe("0.00%");
  });

  it("defines the named assumptions, and CNAI's sheet markers as hidden names with their comments", async () => {
    const names = await definedNames(formulaBytes);
    const volume = offset(
      LAYOUT.assumptionsAt,
      1 + ASSUMPTIONS.findIndex((a) => a.name === "VolumeGrowth"),
      1
    );
    expect(names.get("VolumeGrowth")).toEqual({
      formula: `'CNAI Model'!${area(volume, 1, 1, true)}`,
      comment: "CNAI assumption: Token volume growth (annual)",
      hidden: undefined,
    });
    expect(names.get("FixedCostShare")?.comment).toBe(
      "CNAI assumption: Fixed-cost share of today's cost"
    );
    expect(names.get("CNAI_Sheet_model")).toEqual({
      formula: "'CNAI Model'!$A$1",
      comment: "CNAI marks its model sheet; table: Scenarios; table: Uncertainty",
      hidden: "1",
    });
    expect(names.get("CNAI_Sheet_tokens")?.comment).toBe(
      "CNAI marks its tokens sheet; table: TokenEconomics"
    );
    const shown = [...names].filter(([, n]) => !n.hidden).map(([name]) => name);
    expect(shown).toHaveLength(ASSUMPTIONS.length);
    expect(shown.every((name) => names.get(name)?.comment?.startsWith("CNAI assumption: "))).toBe(
      true
    );
    // exceljs reads the same names back (without their comments and flags).
    const read = (formulas.definedNames as unknown as { model: { name: string }[] }).model;
    expect(read.map((n) => n.name).sort()).toEqual([...names.keys()].sort());
  });

  it("sets column widths from the host's points, as the file counts them", () => {
    const model = book.sheet(MODEL_SHEET);
    for (const [column, points] of model.columnWidths)
      expect(sheetOf(formulas, MODEL_SHEET).getColumn(column + 1).width).toBe(
        fileColumnWidth(points)
      );
    // Excel's default, 48 points (64 pixels), is 9.140625 digit widths in a file: 8.43 characters shown.
    expect(fileColumnWidth(48)).toBe(9.140625);
  });

  it("highlights the note's 8–12% band on the Risk block's histogram and the sensitivity grid", () => {
    const ws = sheetOf(formulas, MODEL_SHEET) as ExcelJS.Worksheet & {
      conditionalFormattings: {
        ref: string;
        rules: { type: string; operator: string; formulae: string[]; style: ExcelJS.Style }[];
      }[];
    };
    expect(ws.conditionalFormattings.map((c) => c.ref)).toEqual([
      area(MODEL_CELLS.histogramFirst, 20, 2),
      area(MODEL_CELLS.gridFirstCell, 9, 7),
    ]);
    for (const { rules } of ws.conditionalFormattings) {
      const [rule] = rules;
      expect([rule.type, rule.operator, rule.formulae]).toEqual([
        "cellIs",
        "between",
        ["0.08", "0.12"],
      ]);
      expect((rule.style.fill as ExcelJS.FillPattern).bgColor).toEqual({ argb: "FFDFF6DD" });
      expect(rule.style.font?.color).toEqual({ argb: "FF0E700E" });
    }
  });

  it("with valuesOnly, has no formula anywhere and every value the formula file caches", () => {
    let cells = 0;
    for (const ws of values.worksheets) {
      const withFormulas = sheetOf(formulas, ws.name);
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          cells++;
          const twin = withFormulas.getCell(cell.address);
          expect({ at: cell.address, formula: cell.formula, value: cell.value }).toEqual({
            at: cell.address,
            formula: undefined,
            value: twin.formula !== undefined ? twin.result : twin.value,
          });
          expect(cell.numFmt).toBe(twin.numFmt);
        })
      );
    }
    expect(cells).toBeGreaterThan(300);
    // Tables and names stay: they refer to cells, harmless without the add-in.
    expect(sheetOf(values, "Chip Parity").getTable("ChipParity")).toBeDefined();
    expect((values.definedNames as unknown as { model: unknown[] }).model).toHaveLength(
      ASSUMPTIONS.length + 3
    );
  });

  it("reports what the file holds", () => {
    const { summary } = buildWorkbook(book, { valuesOnly: false });
    let inFile = 0;
    formulas.eachSheet((ws) =>
      ws.eachRow((row) => row.eachCell((cell) => void (cell.formula && inFile++)))
    );
    expect(summary).toEqual({
      sheets: ["Chip Parity", "Token Economics", MODEL_SHEET],
      hiddenSheets: [],
      tables: ["ChipParity", "TokenEconomics", "Scenarios", "Uncertainty"],
      names: expect.arrayContaining(["VolumeGrowth", "UnitCostDecline", "StallDate"]),
      hiddenNames: ["CNAI_Sheet_chips", "CNAI_Sheet_tokens", "CNAI_Sheet_model"],
      cells: expect.any(Number),
      formulas: inFile,
      replaced: [],
    });
    expect(summary.names).toHaveLength(ASSUMPTIONS.length);
    expect(buildWorkbook(book, { valuesOnly: true }).summary.formulas).toBe(0);
  });

  it("in Chinese: the same formulas and values under Chinese words", async () => {
    const zh = await read(
      (await writeWorkbook(await modelWorkbook("zh-CN"), { valuesOnly: false })).bytes
    );
    const model = zh.worksheets[zh.worksheets.length - 1];
    expect(zh.worksheets).toHaveLength(3);
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBeCloseTo(0.0999, 12);
    expect(model.getCell(MODEL_CELLS.parityAtDate).result).toBe(0.625);
    expect(String(model.getCell("A1").value)).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the workbench's Download .xlsx: the host's workbook as the analyst has it", () => {
  it("writes the analyst's edits with the values they give, and their own sheet", async () => {
    const { workbook, run } = hostWorkbook();
    expect((await makeActions(run).buildModelSheet()).ok).toBe(true);
    workbook.setInput(MODEL_SHEET, MODEL_CELLS.unitCostDecline, "20%");
    workbook.setInput("Sheet1", "B2", '=CNAI.PARITY_AT("2H25")');
    const file = await workbookFile(workbook, false);
    expect(file.name).toBe("CNAI workbook.xlsx");
    expect(file.said).toMatch(
      /^Downloaded CNAI workbook\.xlsx: 4 sheets, \d+ formulas with their values \(\d+\.\d kB\)\.$/
    );
    const opened = await read(file.bytes);
    expect(opened.worksheets.map((ws) => ws.name)).toEqual([
      "Sheet1",
      "Chip Parity",
      "Token Economics",
      MODEL_SHEET,
    ]);
    const model = sheetOf(opened, MODEL_SHEET);
    expect(model.getCell(MODEL_CELLS.unitCostDecline).value).toBe(0.2);
    // 0.36 × (1 − 0.8²)
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBeCloseTo(0.1296, 12);
    const sheet1 = sheetOf(opened, "Sheet1");
    expect(sheet1.getCell("B2").formula).toBe('_xldudf_CNAI_PARITY_AT("2H25")');
    expect(sheet1.getCell("B2").result).toBe(0.625);
    expect(opened.views[0].activeTab).toBe(3);
    const values = await workbookFile(workbook, true);
    expect(values.name).toBe("CNAI workbook (values).xlsx");
    expect(values.said).toMatch(/4 sheets, values only/);
  });

  it("walks the cells the sheet stores, not its used range: A1 and XFD1048576 set, both written", async () => {
    const { workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "first");
    workbook.setInput("Sheet1", "XFD1048576", "=2*21");
    workbook.setInput("Sheet1", "C3", '=CNAI.APPENDIX("tokens",FALSE)');
    // The used range is 1,048,576 × 16,384 cells; the file holds the 1 + 1 + 15 the sheet has.
    const file = await workbookFile(workbook, false);
    const sheet1 = sheetOf(await read(file.bytes), "Sheet1");
    expect(sheet1.getCell("A1").value).toBe("first");
    expect(sheet1.getCell("XFD1048576").formula).toBe("2*21");
    expect(sheet1.getCell("XFD1048576").result).toBe(42);
    // Table 2 without its header, 3 rows × 5 columns from C3: its spill cells keep their values.
    expect(sheet1.getCell("C3").formula).toBe('_xldudf_CNAI_APPENDIX("tokens",FALSE)');
    expect(sheet1.getCell("D3").value).toBe("$bn");
    expect(sheet1.getCell("G5").value).toBe(workbook.value("Sheet1", "G5"));
    let held = 0;
    sheet1.eachRow((row) => row.eachCell(() => held++));
    expect(held).toBe(17);
  });

  it("after a snapshot: the model's values, and the very hidden CNAI Snapshot sheet with the formulas as text", async () => {
    const { workbook, run } = hostWorkbook();
    expect((await makeActions(run).buildModelSheet()).ok).toBe(true);
    const snapshot = await makeSnapshotActions(run, { knowsSpills: () => true }).snapshot(
      "workbook"
    );
    expect(snapshot.ok).toBe(true);
    const { bytes, summary } = await writeWorkbook(workbook, { valuesOnly: false });
    expect(summary.hiddenSheets).toEqual([SNAPSHOT_SHEET]);
    expect(summary.sheets).not.toContain(SNAPSHOT_SHEET);
    const opened = await read(bytes);
    expect(sheetOf(opened, SNAPSHOT_SHEET).state).toBe("veryHidden");
    const model = sheetOf(opened, MODEL_SHEET);
    expect(model.getCell(MODEL_CELLS.marginExpansion).formula).toBeUndefined();
    expect(model.getCell(MODEL_CELLS.marginExpansion).value).toBeCloseTo(0.0999, 12);
    // The kept formula is text in the snapshot sheet (formatted "@"), not a formula.
    const kept: unknown[] = [];
    sheetOf(opened, SNAPSHOT_SHEET).eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        kept.push(cell.value);
      })
    );
    expect(kept).toContain(
      "=CNAI.MARGIN_EXPANSION(VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare)"
    );
    const names = await definedNames(bytes);
    expect(names.get("CNAI_Sheet_snapshot")).toMatchObject({
      formula: `'${SNAPSHOT_SHEET}'!$A$1`,
      hidden: "1",
    });
    expect(opened.views[0].activeTab).toBe(3);
  });

  it("writes what an analyst set through Office.js: frozen panes, tabs, hidden sheets, styles, rules, names, errors, widths", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B3").values = [
        ["Name", "Rate"],
        ["x", 0.1],
        ["y", 0.2],
      ];
      const table = ws.tables.add("A1:B3", true);
      table.name = "Rates";
      table.style = "TableStyleLight9";
      ws.freezePanes.freezeAt(ws.getRange("A1:B1"));
      ws.tabColor = "#00FF00";
      ws.getRange("D1").formulas = [["=1/0"]];
      ws.getRange("D2").formulas = [["=SUM(Rates[Rate])"]];
      ws.getRange("C:C").format.columnWidth = 48;
      ws.getRange("E:E").format.columnWidth = 0;
      ws.getRange("B2:B3").format.font.italic = true;
      const format = ws.getRange("B2:B3").conditionalFormats.add("CellValue");
      format.cellValue.format.fill.color = "#FFFF00";
      format.cellValue.rule = { formula1: "0.15", operator: "GreaterThan" };
      ws.getRange("F1").dataValidation.rule = {
        list: { inCellDropDown: true, source: "low,mid,high" },
      };
      context.workbook.names.add("RateCell", ws.getRange("B2"), "A rate");
      const hidden = context.workbook.worksheets.add("Hidden");
      hidden.getRange("A1").values = [["kept"]];
      hidden.visibility = "Hidden";
      await context.sync();
    });
    const { bytes, summary } = await writeWorkbook(workbook, { valuesOnly: false });
    expect(summary).toMatchObject({
      sheets: ["Sheet1"],
      hiddenSheets: ["Hidden"],
      tables: ["Rates"],
    });
    const opened = await read(bytes);
    const ws = sheetOf(opened, "Sheet1");
    expect(sheetOf(opened, "Hidden").state).toBe("hidden");
    expect(sheetOf(opened, "Hidden").getCell("A1").value).toBe("kept");
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    expect([view.state, view.xSplit, view.ySplit, view.topLeftCell]).toEqual([
      "frozen",
      2,
      1,
      "C2",
    ]);
    expect(ws.properties.tabColor).toEqual({ argb: "FF00FF00" });
    const table = (
      ws.getTable("Rates") as unknown as { table: ExcelJS.TableProperties & { tableRef: string } }
    ).table;
    expect([table.tableRef, table.style?.theme]).toEqual(["A1:B3", "TableStyleLight9"]);
    expect(ws.getCell("D1").result).toEqual({ error: "#DIV/0!" });
    expect([ws.getCell("D2").formula, ws.getCell("D2").result]).toEqual([
      "SUM(Rates[Rate])",
      expect.closeTo(0.3, 12),
    ]);
    expect(ws.getColumn(3).width).toBe(9.140625);
    expect(ws.getColumn(5).hidden).toBe(true);
    expect(ws.getCell("B3").font?.italic).toBe(true);
    const formats = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: { operator: string; formulae: string[] }[];
        }[];
      }
    ).conditionalFormattings;
    expect(formats.map((f) => [f.ref, f.rules[0].operator, f.rules[0].formulae])).toEqual([
      ["B2:B3", "greaterThan", ["0.15"]],
    ]);
    expect(ws.getCell("F1").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"low,mid,high"'],
    });
    expect((await definedNames(bytes)).get("RateCell")).toEqual({
      formula: "Sheet1!$B$2",
      comment: "A rate",
      hidden: undefined,
    });
  });
});

test.each([
  ['=CNAI.PARITY_AT("2H25")*2', '_xldudf_CNAI_PARITY_AT("2H25")*2'],
  ['=cnai.parity_at("2H25")', '_xldudf_CNAI_PARITY_AT("2H25")'],
  ["=SUM(1,CNAI.TOKEN_REVENUE(60,0.03))", "SUM(1,_xldudf_CNAI_TOKEN_REVENUE(60,0.03))"],
  // Not CNAI's functions: a typo, text that names one, Excel's own.
  ["=CNAI.PARTY_AT(1)", "CNAI.PARTY_AT(1)"],
  ['="CNAI.PARITY_AT("&1', '"CNAI.PARITY_AT("&1'],
  ["=ROUND(1.25,1)", "ROUND(1.25,1)"],
])("%s is written as %s, its value cached", async (typed, inFile) => {
  const { workbook } = hostWorkbook();
  workbook.setInput("Sheet1", "A1", typed);
  const cell = sheetOf(
    await read((await writeWorkbook(workbook, { valuesOnly: false })).bytes),
    "Sheet1"
  ).getCell("A1");
  expect(cell.formula).toBe(inFile);
  const value = workbook.value("Sheet1", "A1");
  expect(cell.result).toEqual(
    value !== null && typeof value === "object" ? { error: value.error } : value
  );
});

test("defined names join any exceljs wrote (print areas), or come right after the sheets", () => {
  // "$&" and "$$" are replacement patterns of String.replace: they must arrive as written.
  const name = { name: "A", formula: "Sheet1!$A$1", comment: "R$&D <$$1>", hidden: true };
  expect(addDefinedNames("<sheets><sheet/></sheets><calcPr/>", [name])).toBe(
    '<sheets><sheet/></sheets><definedNames><definedName name="A" comment="R$&amp;D &lt;$$1&gt;" hidden="1">Sheet1!$A$1</definedName></definedNames><calcPr/>'
  );
  expect(addDefinedNames("<sheets/><definedNames><definedName/></definedNames>", [name])).toContain(
    '<definedNames><definedName name="A"'
  );
  expect(addDefinedNames("<sheets></sheets>", [])).toBe("<sheets></sheets>");
});

describe("characters XML 1.0 forbids: replaced, reported, and the file stays readable", () => {
  test("the summary names each place, the sentence says it; exceljs reads every cell back", async () => {
    const { bytes, summary } = await xmlCharsWorkbook();
    // In the order written: sheet by sheet, row by row, then the names.
    expect(summary.replaced).toEqual([
      "Sheet1!C1",
      "Sheet1!A2",
      "Sheet1!C2",
      "Sheet1!A3",
      "Sheet1!A4",
      "Sheet1!A5",
      "Sheet1!A6",
      "Sheet1!A7",
      "sheet name Odd\uFFFDsheet",
      "name Rate",
    ]);
    expect(replacedSentence(summary)).toBe(
      'Characters an .xlsx file cannot hold were replaced by "\uFFFD" in Sheet1!C1, Sheet1!A2, ' +
        "Sheet1!C2, Sheet1!A3, Sheet1!A4, Sheet1!A5, Sheet1!A6, Sheet1!A7, " +
        "sheet name Odd\uFFFDsheet, name Rate."
    );
    const opened = await read(bytes);
    const sheet1 = sheetOf(opened, "Sheet1");
    for (const [a1, text] of GOOD) expect(sheet1.getCell(a1).value).toBe(text);
    for (const [a1] of BAD) expect(sheet1.getCell(a1).value).toBe(REPLACED[a1]);
    expect(sheet1.getCell("C1").formula).toBe('"x"&"\uFFFD"');
    expect(sheet1.getCell("C1").result).toBe("x\uFFFD");
    expect(sheet1.getCell("C2").formula).toBe("'Odd\uFFFDsheet'!A1");
    expect(opened.worksheets.map((ws) => ws.name)).toEqual(["Sheet1", "Odd\uFFFDsheet"]);
    expect(sheetOf(opened, "Odd\uFFFDsheet").getCell("A1").value).toBe("on odd");
    expect((await definedNames(bytes)).get("Rate")).toMatchObject({
      formula: "Sheet1!$A$1",
      comment: "comment with \uFFFD inside",
    });
  });
});

describe("an export while an asynchronous function computes", () => {
  it("waits for its result, as Excel saves once calculation is done: never #BUSY!", async () => {
    // CNAI.LATER(x) = 2x, answered a microtask later, as the Monte Carlo functions answer.
    const later = {
      id: "LATER",
      parameters: [{ name: "x", dimensionality: "scalar" as const }],
      result: { dimensionality: "scalar" as const },
      invoke: (x: unknown) => Promise.resolve(2 * (x as number)),
    };
    const book = new HostWorkbook([later]);
    book.setInput("Sheet1", "A1", "=CNAI.LATER(21)");
    expect(book.value("Sheet1", "A1")).toEqual({ error: "#BUSY!", message: "" });
    const file = await read((await writeWorkbook(book, { valuesOnly: true })).bytes);
    expect(file.getWorksheet("Sheet1")?.getCell("A1").value).toBe(42);
  });
});
