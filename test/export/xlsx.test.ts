/**
 * The .xlsx export read back with exceljs: the pane's plans — tables, names, formulas, formats,
 * widths — with every formula's value cached as the core computes it.
 */
import * as ExcelJS from "exceljs";
import { area, offset, parseCell, quoteSheet } from "../../src/plans/a1";
import { ASSUMPTIONS, MODEL_CELLS, MODEL_SHEET, planBuildModel } from "../../src/plans/model";
import { Block, EMPTY_WORKBOOK, Plan } from "../../src/plans/plan";
import { CHIP_TABLE, TOKEN_TABLE, planLoadTables } from "../../src/plans/tables";
import { modelWorkbook } from "../../src/export/model";
import { currentPlans } from "../../src/export/plans";
import { ExportBook, buildWorkbook, writeWorkbook } from "../../src/export/xlsx";
import { CORE_FUNCTIONS } from "../../src/workbench/core-functions";
import { createWorkbench } from "../../src/workbench/engine";
import { evaluatePlan } from "../helpers/hyperformula";

const plan = planBuildModel(EMPTY_WORKBOOK);
/** The core's values for the same plan, computed on their own. */
const core = evaluatePlan(plan);

async function exported(
  plans: readonly Plan[],
  book: ExportBook,
  valuesOnly: boolean
): Promise<ExcelJS.Workbook> {
  const { bytes } = await writeWorkbook(plans, book, { valuesOnly });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

let formulas: ExcelJS.Workbook;
let values: ExcelJS.Workbook;
beforeAll(async () => {
  const { plans, book } = modelWorkbook();
  formulas = await exported(plans, book, false);
  values = await exported(plans, book, true);
});

/** exceljs reads a number under a date format as a Date; the file holds the serial, as Excel does. */
const serial = (value: unknown) =>
  value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value;

const sheetOf = (workbook: ExcelJS.Workbook, name: string) =>
  workbook.getWorksheet(name) as ExcelJS.Worksheet;

/** A cell's value as the core gives it, in the form exceljs reads back. */
function expected(sheet: string, a1: string): unknown {
  const value = core.value(sheet, a1);
  if (value !== null && typeof value === "object") return { error: value.error };
  return value;
}

/** Each cell of a plan's blocks, with its planned content and number format. */
function plannedCells(block: Block): { a1: string; input: unknown; format: string }[] {
  const out: { a1: string; input: unknown; format: string }[] = [];
  block.cells.forEach((row, i) =>
    row.forEach((input, j) => {
      const format = block.numberFormat;
      const cellFormat =
        format === undefined
          ? "General"
          : typeof format === "string"
            ? format
            : (() => {
                const r = format[Math.min(i, format.length - 1)];
                return (Array.isArray(r) ? r[j] : (format as readonly string[])[j]) || "General";
              })();
      out.push({ a1: offset(block.at, i, j), input, format: cellFormat || "General" });
    })
  );
  return out;
}

describe("npm run workbook's file, read back with exceljs", () => {
  it("has the plan's sheets in the pane's order, the table sheets frozen under their header", () => {
    expect(formulas.worksheets.map((ws) => ws.name)).toEqual(plan.sheets.map((s) => s.name));
    for (const sheetPlan of plan.sheets) {
      const ws = sheetOf(formulas, sheetPlan.name);
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      if (sheetPlan.freezeRows)
        expect([view.state, view.ySplit]).toEqual(["frozen", sheetPlan.freezeRows]);
      else expect(view.state).toBe("normal");
      expect(ws.properties.tabColor).toEqual({ argb: `FF${sheetPlan.tabColor.slice(1)}` });
      sheetPlan.columnWidths.forEach((width, i) => expect(ws.getColumn(i + 1).width).toBe(width));
    }
  });

  it("holds both appendix tables as Excel tables, with the planned names, columns and rows", () => {
    const tables = plan.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, table: t })));
    expect(tables.map((t) => t.table.name)).toEqual([CHIP_TABLE, TOKEN_TABLE]);
    for (const { sheet, table } of tables) {
      const ws = sheetOf(formulas, sheet);
      const read = (
        ws.getTable(table.name) as unknown as {
          table: ExcelJS.TableProperties & { tableRef: string };
        }
      ).table;
      expect(read.tableRef).toBe(area(table.at, table.rows.length + 1, table.columns.length));
      expect(read.columns.map((c) => c.name)).toEqual(table.columns);
      expect(read.headerRow).toBe(true);
      table.columns.forEach((column, j) =>
        expect(ws.getCell(offset(table.at, 0, j)).value).toBe(column)
      );
      table.rows.forEach((row, i) =>
        row.forEach((value, j) => {
          const cell = ws.getCell(offset(table.at, 1 + i, j));
          expect({ at: cell.address, value: serial(cell.value) }).toEqual({
            at: cell.address,
            value,
          });
          const formats = table.numberFormats;
          const planned = Array.isArray(formats[i])
            ? (formats[i] as string[])[j]
            : (formats as string[])[j];
          if (planned)
            expect({ at: cell.address, format: cell.numFmt }).toEqual({
              at: cell.address,
              format: planned,
            });
        })
      );
    }
    // Table 2's units as number formats, per cell.
    const tokens = sheetOf(formulas, "Token Economics");
    expect(tokens.getCell("D5").numFmt).toBe('"$"0.0"bn"');
  });

  it("defines every named assumption on its input cell", () => {
    const model = plan.sheets[plan.sheets.length - 1];
    const names = (
      formulas.definedNames as unknown as { model: { name: string; ranges: string[] }[] }
    ).model;
    expect(names.map((n) => n.name).sort()).toEqual(ASSUMPTIONS.map((a) => a.name).sort());
    for (const name of model.names) {
      const entry = names.find((n) => n.name === name.name);
      expect(entry?.ranges).toEqual([`${quoteSheet(MODEL_SHEET)}!${area(name.cell, 1, 1, true)}`]);
    }
    expect(names.find((n) => n.name === "VolumeGrowth")?.ranges).toEqual(["'CNAI Model'!$B$5"]);
  });

  it("writes each planned formula without its '=' and caches the value the core computes", () => {
    let count = 0;
    for (const sheetPlan of plan.sheets) {
      const ws = sheetOf(formulas, sheetPlan.name);
      for (const block of sheetPlan.blocks)
        for (const { a1, input } of plannedCells(block)) {
          if (typeof input !== "string" || !input.startsWith("=")) continue;
          count++;
          const cell = ws.getCell(a1);
          expect({ a1, formula: cell.formula }).toEqual({ a1, formula: input.slice(1) });
          expect({ a1, result: serial(cell.result) }).toEqual({
            a1,
            result: expected(sheetPlan.name, a1),
          });
          const value = cell.value as ExcelJS.CellFormulaValue & {
            shareType?: string;
            ref?: string;
          };
          if (block.spill) {
            expect(value.shareType).toBe("array");
            expect(value.ref).toBe(area(a1, block.spill.rows, block.spill.columns));
          } else expect(value.shareType).toBeUndefined();
        }
    }
    expect(count).toBe(30);
    const model = sheetOf(formulas, MODEL_SHEET);
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBeCloseTo(0.0999, 12);
    expect(model.getCell(MODEL_CELLS.parityAtDate).result).toBe(0.625);
    expect(model.getCell(MODEL_CELLS.marginExpansion).formula).toBe(
      "CNAI.MARGIN_EXPANSION(VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare)"
    );
  });

  it("gives every cell a spill covers its cached value", () => {
    const model = plan.sheets[plan.sheets.length - 1];
    const ws = sheetOf(formulas, MODEL_SHEET);
    let spilled = 0;
    for (const block of model.blocks.filter((b) => b.spill)) {
      const { rows, columns } = block.spill as { rows: number; columns: number };
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < columns; j++) {
          if (i === 0 && j === 0) continue;
          const a1 = offset(block.at, i, j);
          expect({ a1, value: serial(ws.getCell(a1).value) }).toEqual({
            a1,
            value: expected(MODEL_SHEET, a1),
          });
          spilled++;
        }
    }
    expect(spilled).toBe(5 * 12 + (9 * 7 - 1));
    expect(ws.getCell(offset(MODEL_CELLS.timelineFirstMid, 0, 0)).result).toBe(0.625);
  });

  it("carries the planned number formats, and the input style", () => {
    for (const sheetPlan of plan.sheets) {
      const ws = sheetOf(formulas, sheetPlan.name);
      for (const block of sheetPlan.blocks)
        for (const { a1, format } of plannedCells(block)) {
          const numFmt = ws.getCell(a1).numFmt;
          expect({ a1, format: numFmt ?? "General" }).toEqual({ a1, format });
        }
    }
    const model = sheetOf(formulas, MODEL_SHEET);
    const input = model.getCell(MODEL_CELLS.unitCostDecline);
    expect(input.font?.color).toEqual({ argb: "FF0000FF" });
    expect((input.fill as ExcelJS.FillPattern).fgColor).toEqual({ argb: "FFEAF2FB" });
    expect(model.getCell("A1").font?.bold).toBe(true);
    expect(model.getCell(MODEL_CELLS.marginExpansion).numFmt).toBe("0.00%");
  });

  it("highlights the note's band on the sensitivity grid", () => {
    const model = plan.sheets[plan.sheets.length - 1];
    const ws = sheetOf(formulas, MODEL_SHEET) as ExcelJS.Worksheet & {
      conditionalFormattings: { ref: string; rules: { operator: string; formulae: string[] }[] }[];
    };
    expect(ws.conditionalFormattings.map((c) => c.ref)).toEqual(
      model.conditionalFormats.map((c) => c.range)
    );
    expect(ws.conditionalFormattings[0].rules[0].formulae).toEqual(["0.08", "0.12"]);
  });

  it("with --values, has no formula anywhere, and every value the formula file caches", () => {
    let cells = 0;
    for (const ws of values.worksheets) {
      const withFormulas = sheetOf(formulas, ws.name);
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          cells++;
          expect({ at: cell.address, formula: cell.formula }).toEqual({
            at: cell.address,
            formula: undefined,
          });
          const twin = withFormulas.getCell(cell.address);
          const value = twin.formula !== undefined ? twin.result : twin.value;
          expect({ at: cell.address, value: cell.value }).toEqual({ at: cell.address, value });
          expect(cell.numFmt).toBe(twin.numFmt);
        })
      );
    }
    expect(cells).toBeGreaterThan(300);
    // Tables and names stay: they refer to cells, harmless without the add-in.
    expect(sheetOf(values, "Chip Parity").getTable(CHIP_TABLE)).toBeDefined();
    expect((values.definedNames as unknown as { model: unknown[] }).model).toHaveLength(
      ASSUMPTIONS.length
    );
  });

  it("reports what the file holds", () => {
    const { plans, book } = modelWorkbook();
    const { summary } = buildWorkbook(plans, book, { valuesOnly: false });
    expect(summary).toEqual({
      sheets: ["Chip Parity", "Token Economics", MODEL_SHEET],
      tables: [CHIP_TABLE, TOKEN_TABLE],
      names: ASSUMPTIONS.map((a) => a.name),
      cells: expect.any(Number),
      formulas: 30,
    });
    expect(buildWorkbook(plans, book, { valuesOnly: true }).summary.formulas).toBe(0);
  });

  it("in Chinese, the same formulas and values under Chinese words", async () => {
    const { plans, book } = modelWorkbook("zh-CN");
    const zh = await exported(plans, book, false);
    const model = zh.worksheets[zh.worksheets.length - 1];
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBeCloseTo(0.0999, 12);
    expect(String(model.getCell("A1").value)).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the workbench's Download .xlsx: the workbook as the analyst has it", () => {
  it("writes the analyst's edits with the values they give, and cells outside the plans", async () => {
    const book = createWorkbench(CORE_FUNCTIONS);
    book.applyPlan(planBuildModel(book.state()));
    book.setInput(MODEL_SHEET, MODEL_CELLS.unitCostDecline, "20%");
    book.setInput("Sheet1", "B2", '=CNAI.PARITY_AT("2H25")');
    const plans = currentPlans(book.state());
    expect(plans.map((p) => p.action)).toEqual(["build-model"]);
    const workbook = await exported(plans, book, false);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      "Sheet1",
      "Chip Parity",
      "Token Economics",
      MODEL_SHEET,
    ]);
    const model = sheetOf(workbook, MODEL_SHEET);
    expect(model.getCell(MODEL_CELLS.unitCostDecline).value).toBe(0.2);
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).toBe(
      book.value(MODEL_SHEET, MODEL_CELLS.marginExpansion)
    );
    expect(model.getCell(MODEL_CELLS.marginExpansion).result).not.toBeCloseTo(0.0999, 4);
    const sheet1 = sheetOf(workbook, "Sheet1");
    expect(sheet1.getCell("B2").formula).toBe('CNAI.PARITY_AT("2H25")');
    expect(sheet1.getCell("B2").result).toBe(0.625);
    expect(workbook.views[0].activeTab).toBe(3);
  });

  it("finds the plans of what CNAI laid out: none, the tables, or the model", () => {
    const book = createWorkbench(CORE_FUNCTIONS);
    expect(currentPlans(book.state())).toEqual([]);
    book.applyPlan(planLoadTables(book.state()));
    expect(currentPlans(book.state()).map((p) => p.action)).toEqual(["load-tables"]);
    book.applyPlan(planBuildModel(book.state()));
    expect(currentPlans(book.state()).map((p) => p.action)).toEqual(["build-model"]);
  });
});

test("MODEL_CELLS places the checks where the plan writes them", () => {
  expect(parseCell(MODEL_CELLS.marginExpansion).column).toBe(1);
});
