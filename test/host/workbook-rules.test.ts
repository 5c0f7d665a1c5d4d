/**
 * Rules of Excel's workbook the host keeps, each through Microsoft's client: what renaming,
 * showing and deleting sheets may do, a table's defaults, clearing contents or formats, font sizes,
 * the names Excel refuses and the calculation modes it knows. Expected values are Excel's.
 */
import { hostWorkbook } from "../../src/host/node";
import { Run, failure, refusal } from "../helpers/failure";

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

  it("a sheet renamed to its own name in another case takes that case", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").name = "SHEET1";
      await context.sync();
    });
    expect(workbook.sheets()).toEqual(["SHEET1"]);
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

describe("a table's headers as writes reach them", () => {
  async function items(run: Run) {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B2").values = [
        ["Item", "Amount"],
        ["a", 1],
      ];
      sheet.tables.add("A1:B2", true);
      await context.sync();
    });
  }

  it("a header written beside one left as it is gets a number when it takes its name", async () => {
    const { workbook, run } = hostWorkbook();
    await items(run);
    await run(async (context) => {
      // null leaves B1 as it is: "Amount" stays taken.
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [
        ["Amount", null],
      ] as unknown as string[][];
      await context.sync();
    });
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "B1")]).toEqual([
      "Amount2",
      "Amount",
    ]);
  });

  it("formulas written on another sheet at a table's header cells, or above or below them, stay formulas", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A3:B4").values = [
        ["Item", "Amount"],
        ["a", 1],
      ];
      sheet.tables.add("A3:B4", true);
      context.workbook.worksheets.add("Other").getRange("A3:B3").formulas = [["=1+1", "=2+2"]];
      sheet.getRange("A1:B1").formulas = [["=3+3", "=4+4"]];
      sheet.getRange("A6:B6").formulas = [["=5+5", "=6+6"]];
      await context.sync();
    });
    expect(workbook.cell("Other", "A3")).toMatchObject({ input: "=1+1", value: 2 });
    expect(workbook.cell("Sheet1", "B1")).toMatchObject({ input: "=4+4", value: 8 });
    expect(workbook.cell("Sheet1", "A6")).toMatchObject({ input: "=5+5", value: 10 });
    expect([workbook.value("Sheet1", "A3"), workbook.value("Sheet1", "B3")]).toEqual([
      "Item",
      "Amount",
    ]);
  });
});

describe("names", () => {
  it("a name whose formula reads a sheet's cell computes, and follows the sheet's rename with a formula name beside it", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[3]];
      context.workbook.names.add("Doubled", "=Sheet1!$A$1*2");
      context.workbook.names.add("Rate", sheet.getRange("A1"));
      context.workbook.names.add("Label", '="Base"');
      sheet.getRange("B1:D1").formulas = [["=Doubled", "=Rate*10", "=Label"]];
      await context.sync();
    });
    expect(["B1", "C1", "D1"].map((a) => workbook.value("Sheet1", a))).toEqual([6, 30, "Base"]);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.name = "Inputs";
      sheet.getRange("A1").values = [[4]];
      await context.sync();
    });
    expect(["B1", "C1", "D1"].map((a) => workbook.value("Inputs", a))).toEqual([8, 40, "Base"]);
    const types = await run(async (context) => {
      const label = context.workbook.names.getItem("Label").load("type");
      const rate = context.workbook.names.getItem("Rate").load("type");
      await context.sync();
      return [label.type, rate.type];
    });
    expect(types).toEqual(["String", "Range"]);
  });
});

it("a name whose sheet is deleted is an Error, its formula #REF!", async () => {
  const { run } = hostWorkbook();
  const read = await run(async (context) => {
    const other = context.workbook.worksheets.add("Other");
    context.workbook.names.add("Gone", other.getRange("B2"));
    await context.sync();
    other.delete();
    const name = context.workbook.names.getItem("Gone").load("type,formula");
    await context.sync();
    return [name.type, name.formula];
  });
  expect(read).toEqual(["Error", "=#REF!$B$2"]);
});

describe("charts", () => {
  it.each(["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter", "Area"])(
    "a %s chart is drawn, named Chart 1, then Chart 2",
    async (type) => {
      const { workbook, run } = hostWorkbook();
      const names = await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:B2").values = [
          ["Year", "Parity"],
          [2026, 0.7],
        ];
        const source = sheet.getRange("A1:B2");
        const first = sheet.charts.add(type as Excel.ChartType, source, "Columns").load("name");
        const second = sheet.charts.add(type as Excel.ChartType, source, "Columns").load("name");
        await context.sync();
        return [first.name, second.name];
      });
      expect(names).toEqual(["Chart 1", "Chart 2"]);
      expect(workbook.charts("Sheet1").map((c) => c.type)).toEqual([type, type]);
    }
  );

  it("a series set to the secondary axis and to a line is the one drawn so", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:C2").values = [
        ["Year", "Revenue", "Parity"],
        [2026, 4.5, 0.7],
      ];
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A1:C2"), "Columns");
      const parity = chart.series.getItemAt(1);
      parity.axisGroup = "Secondary";
      parity.chartType = "Line";
      await context.sync();
    });
    expect(workbook.charts("Sheet1")[0].series.map((s) => [s.name, s.secondary, s.line])).toEqual([
      ["Revenue", false, false],
      ["Parity", true, true],
    ]);
  });
});

describe("data validation", () => {
  it.each([
    [
      { list: { inCellDropDown: true, source: "   " } },
      "A list rule has a source: items or a reference.",
    ],
    [5, "A data validation rule is an object such as {list: {source}}."],
  ])("a rule Excel refuses is InvalidArgument in words (%#)", async (rule, message) => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation.rule =
        rule as Excel.DataValidationRule;
    });
    expect(error).toEqual({ code: "InvalidArgument", message });
  });
});
