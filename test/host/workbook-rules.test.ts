/**
 * Rules of Excel's workbook the host keeps, each through Microsoft's client: what renaming,
 * showing and deleting sheets may do, a table's defaults, clearing contents or formats, font sizes,
 * the names Excel refuses and the calculation modes it knows. Expected values are Excel's.
 */
import { hostWorkbook } from "../../src/host/node";
import { failure, refusal } from "../helpers/failure";

describe("sheets", () => {
  it("a sheet renamed to its own name, or shown when it is the only one, stays as it was", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.name = "Sheet1";
      sheet.visibility = "Visible";
      await context.sync();
    });
    expect(workbook.worksheets().map((s) => [s.name, s.visibility])).toEqual([
      ["Sheet1", "Visible"],
    ]);
  });

  it("another sheet's name, in any case, is ItemAlreadyExists", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      context.workbook.worksheets.add("Two");
      await context.sync();
      context.workbook.worksheets.getItem("Two").name = "sheet1";
      await context.sync();
    });
    expect(error).toEqual({
      code: "ItemAlreadyExists",
      message: 'A sheet named "sheet1" already exists.',
    });
  });

  it("deleting a sheet deletes its tables, and only its", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const mine = context.workbook.worksheets.getItem("Sheet1");
      mine.getRange("A1:B2").values = [
        ["Item", "Amount"],
        ["a", 1],
      ];
      mine.tables.add("A1:B2", true).name = "Kept";
      const other = context.workbook.worksheets.add("Other");
      other.getRange("A1:B2").values = [
        ["Item", "Amount"],
        ["b", 2],
      ];
      other.tables.add("Other!A1:B2", true).name = "Gone";
      await context.sync();
      other.delete();
      await context.sync();
    });
    expect(workbook.tables().map((t) => t.name)).toEqual(["Kept"]);
  });
});

it("a table starts in TableStyleMedium2; an empty header away from column A is Column1", async () => {
  const { run } = hostWorkbook();
  const [style, header] = await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("C1:D2").values = [
      ["", "Amount"],
      [1, 2],
    ];
    const table = sheet.tables.add("C1:D2", true).load("style");
    const first = sheet.getRange("C1").load("values");
    await context.sync();
    return [table.style, first.values];
  });
  expect([style, header]).toEqual(["TableStyleMedium2", [["Column1"]]]);
});

it("clearing contents keeps a cell's format; clearing all takes it too", async () => {
  const { workbook, run } = hostWorkbook();
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1:B1").numberFormat = [["0.0%", "0.0%"]];
    sheet.getRange("A1:B1").values = [[0.5, 0.5]];
    sheet.getRange("A1").clear("Contents");
    sheet.getRange("B1").clear();
    await context.sync();
  });
  const sheet = workbook.sheet("Sheet1");
  expect([workbook.inputAt(sheet, 0, 0), workbook.numberFormatAt(sheet, 0, 0)]).toEqual([
    "",
    "0.0%",
  ]);
  expect([workbook.inputAt(sheet, 0, 1), workbook.numberFormatAt(sheet, 0, 1)]).toEqual([
    "",
    "General",
  ]);
});

it("a cell formatted as text keeps what is written as text; a General one reads a number", async () => {
  const { workbook, run } = hostWorkbook();
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A2").numberFormat = [["@"]];
    sheet.getRange("A1:A2").values = [["0012"], ["0012"]];
    await context.sync();
  });
  expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "A2")]).toEqual([12, "0012"]);
});

it("a formula Excel cannot parse is InvalidArgument naming it and its cell, the range unchanged", async () => {
  const { workbook, run } = hostWorkbook();
  const error = await failure(run, async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").formulas = [
      ["=1+1", "=SUM(1,"],
    ];
    await context.sync();
  });
  expect(error).toEqual({
    code: "InvalidArgument",
    message: "Excel cannot parse the formula =SUM(1, in Sheet1!B1.",
  });
  expect(workbook.inputAt(workbook.sheet("Sheet1"), 0, 0)).toBe("");
});

it("a font size from 1 to 409 points is taken", async () => {
  const { workbook, run } = hostWorkbook();
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRange("A1").format.font.size = 1;
    sheet.getRange("A2").format.font.size = 409;
    await context.sync();
  });
  expect([workbook.cell("Sheet1", "A1").look, workbook.cell("Sheet1", "A2").look]).toEqual([
    { size: 1 },
    { size: 409 },
  ]);
});

it.each([
  [
    (c: Excel.RequestContext) => {
      c.workbook.worksheets.getItem("Sheet1").getRange("A1").format.font.size = 410;
    },
    "InvalidArgument",
    "A font size is from 1 to 409 points.",
  ],
  [
    (c: Excel.RequestContext) => {
      c.workbook.worksheets.getItem("Sheet1").getRange("A1").format.font.size = 0.5;
    },
    "InvalidArgument",
    "A font size is from 1 to 409 points.",
  ],
  [
    (c: Excel.RequestContext) => void c.workbook.names.add("TRUE", "=1"),
    "InvalidArgument",
    '"TRUE" reads as a cell reference or a value.',
  ],
  [
    (c: Excel.RequestContext) => void c.workbook.names.add("A1", "=1"),
    "InvalidArgument",
    '"A1" reads as a cell reference or a value.',
  ],
  [
    (c: Excel.RequestContext) => {
      c.workbook.application.calculationMode = "Sometimes" as Excel.CalculationMode;
    },
    "InvalidArgument",
    '"Sometimes" is not a calculation mode.',
  ],
])("refused as Excel refuses it, in words (%#)", async (batch, code, message) => {
  expect(await refusal(batch)).toEqual({ code, message });
});
