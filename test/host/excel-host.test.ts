/**
 * The Excel host answering Microsoft's own Excel JavaScript client: Excel's documented rules, its
 * error codes, the order of actions within a sync, null objects, spills, and members the host does
 * not implement. Each test is code as an add-in writes it, run by the real client.
 */
import { hostWorkbook } from "../../src/host/node";
import { failure, refusal } from "../helpers/failure";

describe("one sync is one request; actions run in order", () => {
  it("counts each sync as one request, and the client's release of references apart", async () => {
    const { host, run } = hostWorkbook();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      range.values = [
        [1, 2],
        [3, 4],
      ];
      await context.sync();
      range.load("address");
      await context.sync();
      expect(range.address).toBe("Sheet1!A1:B2");
    });
    expect(host.syncs).toBe(2);
    // The range was kept across syncs: the client releases it in a request of its own.
    expect(host.requests).toBe(3);
  });

  it("a load queued before a write reads the value before it; one queued after reads the new one", async () => {
    const { run } = hostWorkbook();
    const [before, after] = await run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      cell.values = [[1]];
      await context.sync();
      const first = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      cell.values = [[2]];
      const second = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      await context.sync();
      return [first.values, second.values];
    });
    expect(before).toEqual([[1]]);
    expect(after).toEqual([[2]]);
  });

  it("reading a property that was not loaded throws PropertyNotLoaded in the client, before any request", async () => {
    const { host, run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      return sheet.name;
    });
    expect(error.code).toBe("PropertyNotLoaded");
    expect(host.requests).toBe(0);
  });

  it("a failing action rejects the sync with Excel's code; the actions before it stay applied", async () => {
    const { workbook, run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["kept"]];
      sheet.getRange("A2:B2").values = [[1, 2, 3]];
      sheet.getRange("A3").values = [["never written"]];
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toBe("The values array is 1×3; the range A2:B2 is 1×2.");
    expect(workbook.value("Sheet1", "A1")).toBe("kept");
    expect(workbook.value("Sheet1", "A2")).toBeNull();
    expect(workbook.value("Sheet1", "A3")).toBeNull();
  });
});

describe("cells", () => {
  it.each([
    ["values", [[1], [2]]],
    ["formulas", [["=1"]]],
    ["numberFormat", [["0%", "0%", "0%"]]],
  ])("%s must match the range's size", async (property, array) => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      (range as unknown as Record<string, unknown>)[property] = array;
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("refuses a ragged array", async () => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2], [3]];
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("takes TRUE and FALSE typed as text in any case, white space around them, as booleans", async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A4");
      range.values = [["true"], [" FALSE "], ["True"], ["truth"]];
      range.load("values,valueTypes");
      await context.sync();
      return range.toJSON();
    });
    expect(read.values).toEqual([[true], [false], [true], ["truth"]]);
    expect(read.valueTypes).toEqual([["Boolean"], ["Boolean"], ["Boolean"], ["String"]]);
  });

  it("reads values, formulas, types and text as Excel gives them", async () => {
    const { run } = hostWorkbook();
    const range = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:D1").numberFormat = [["0.0%", "General", "General", "General"]];
      sheet.getRange("A1:D1").formulas = [['=CNAI.PARITY_AT("2H25")', "'2027", "=1/0", ""]];
      const read = sheet.getRange("A1:D1").load("values,formulas,valueTypes,text");
      await context.sync();
      return read.toJSON();
    });
    // Table 1: 60–65% at 2H25, its middle by default.
    expect(range.values).toEqual([[0.625, "2027", "#DIV/0!", ""]]);
    expect(range.formulas).toEqual([['=CNAI.PARITY_AT("2H25")', "2027", "=1/0", ""]]);
    expect(range.valueTypes).toEqual([["Double", "String", "Error", "Empty"]]);
    expect(range.text).toEqual([["62.5%", "2027", "#DIV/0!", ""]]);
  });

  it("a broadcasting formula spills, and getSpillingToRangeOrNullObject says where", async () => {
    const { run } = hostWorkbook();
    const [spill, none] = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").formulas = [['=CNAI.PARITY_AT({"2H25";"1H27"},{"low","high"})']];
      sheet.getRange("D1").values = [[5]];
      const spilling = sheet.getRange("A1").getSpillingToRangeOrNullObject().load("address,values");
      const single = sheet.getRange("D1").getSpillingToRangeOrNullObject();
      await context.sync();
      return [spilling.toJSON(), single.isNullObject];
    });
    expect(spill.address).toBe("Sheet1!A1:B2");
    // Table 1: 60–65% at 2H25, 70–75% at 1H27.
    expect(spill.values).toEqual([
      [0.6, 0.65],
      [0.7, 0.75],
    ]);
    expect(none).toBe(true);
  });

  it("a CNAI spill follows the value it reads: APPENDIX's table named in a cell", async () => {
    // Parsed, the formula's size is unknown (B1 has no value yet); the result sizes it, as in Excel.
    const { workbook, run } = hostWorkbook();
    const shown = async (table: string) => {
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("B1").values = [[table]];
        sheet.getRange("D1").formulas = [["=CNAI.APPENDIX(B1)"]];
        await context.sync();
      });
      return [workbook.spill("Sheet1", "D1"), workbook.value("Sheet1", "D1")];
    };
    // Table 2: a header row and three metrics by Metric, Unit and three periods.
    expect(await shown("tokens")).toEqual([{ rows: 4, columns: 5 }, "Metric"]);
    // Table 1: a header row and three generations by eight columns.
    expect(await shown("chips")).toEqual([{ rows: 4, columns: 8 }, "Generation"]);
  });

  it("a CNAI spill not entered again resizes when only what it reads changes: wider, then shorter", async () => {
    const { workbook, run } = hostWorkbook();
    const write = (address: string, value: string | boolean) =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange(address).values = [[value]];
        await context.sync();
      });
    await write("B1", "tokens");
    await write("B2", true);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("D1").formulas = [
        ["=CNAI.APPENDIX(B1,B2)"],
      ];
      await context.sync();
    });
    expect(workbook.spill("Sheet1", "D1")).toEqual({ rows: 4, columns: 5 });
    // Table 1 has as many rows as Table 2 (a header and three) and eight columns: only wider.
    await write("B1", "chips");
    expect(workbook.spill("Sheet1", "D1")).toEqual({ rows: 4, columns: 8 });
    expect(workbook.value("Sheet1", "J4")).toBe("Late 2027");
    // Without its header row: only shorter.
    await write("B2", false);
    expect(workbook.spill("Sheet1", "D1")).toEqual({ rows: 3, columns: 8 });
    expect(workbook.value("Sheet1", "D1")).toBe("2025 Leading");
    expect(workbook.value("Sheet1", "D4")).toBeNull();
  });

  it("a CNAI function's arguments are read as arrays, as Excel 365 reads them: A1:A3*2 is a column", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:A3").values = [[1], [2], [3]];
      // TOKEN_REVENUE = trillions of tokens × USD per million tokens × 10⁶.
      sheet.getRange("B1").formulas = [["=CNAI.TOKEN_REVENUE(A1:A3*2,1)"]];
      await context.sync();
    });
    expect(workbook.spill("Sheet1", "B1")).toEqual({ rows: 3, columns: 1 });
    expect(["B1", "B2", "B3"].map((a) => workbook.value("Sheet1", a))).toEqual([
      2_000_000, 4_000_000, 6_000_000,
    ]);
  });

  it("a blocked spill is #SPILL!, and spills once the cell in its way is emptied", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A2").values = [["in the way"]];
      sheet.getRange("A1").formulas = [["=CNAI.PARITY_AT({2026;2027})"]];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#SPILL!" });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").clear("Contents");
      await context.sync();
    });
    expect(typeof workbook.value("Sheet1", "A2")).toBe("number");
  });
});

describe("sheets", () => {
  it.each([
    ["x".repeat(32), "InvalidArgument"],
    ["a/b", "InvalidArgument"],
    ["[a]", "InvalidArgument"],
    ["what?", "InvalidArgument"],
    ["'quoted'", "InvalidArgument"],
    ["History", "InvalidArgument"],
    ["sheet1", "ItemAlreadyExists"],
  ])("refuses the name %p with %s", async (name, code) => {
    const error = await refusal((context) => {
      context.workbook.worksheets.add(name);
    });
    expect(error.code).toBe(code);
  });

  it("getItem of a missing sheet is ItemNotFound; getItemOrNullObject a null object", async () => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Nope").load("name");
    });
    expect(error.code).toBe("ItemNotFound");
    const { run } = hostWorkbook();
    const isNull = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Nope");
      await context.sync();
      return sheet.isNullObject;
    });
    expect(isNull).toBe(true);
  });

  it("keeps the last visible sheet: it can be neither deleted nor hidden", async () => {
    const { workbook, run } = hostWorkbook();
    for (const batch of [
      (context: Excel.RequestContext) => context.workbook.worksheets.getItem("Sheet1").delete(),
      (context: Excel.RequestContext) => {
        context.workbook.worksheets.getItem("Sheet1").visibility = "Hidden";
      },
    ]) {
      const error = await failure(run, async (context) => {
        batch(context);
        await context.sync();
      });
      expect(error.code).toBe("InvalidOperation");
    }
    expect(workbook.sheets()).toEqual(["Sheet1"]);
  });

  it("refuses to delete a very hidden sheet until it is made visible or hidden, as Excel does", async () => {
    const { workbook, run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      context.workbook.worksheets.add("Kept").visibility = "VeryHidden";
      await context.sync();
      context.workbook.worksheets.getItem("Kept").delete();
      await context.sync();
    });
    expect(error.code).toBe("GeneralException");
    expect(workbook.findSheet("Kept")?.visibility).toBe("VeryHidden");
    await run(async (context) => {
      const kept = context.workbook.worksheets.getItem("Kept");
      kept.visibility = "Hidden";
      kept.delete();
      await context.sync();
    });
    expect(workbook.findSheet("Kept")).toBeUndefined();
  });

  it("lists hidden sheets too, with their ids, which survive a rename", async () => {
    const { run } = hostWorkbook();
    const sheets = await run(async (context) => {
      const added = context.workbook.worksheets.add("Kept");
      added.visibility = "VeryHidden";
      added.load("id");
      await context.sync();
      added.name = "Renamed";
      const all = context.workbook.worksheets.load("items/name,items/id,items/visibility");
      await context.sync();
      return { id: added.id, all: all.items.map((s) => [s.name, s.id === added.id, s.visibility]) };
    });
    expect(sheets.id).toMatch(/^\{[0-9A-F-]+\}$/);
    expect(sheets.all).toEqual([
      ["Sheet1", false, "Visible"],
      ["Renamed", true, "VeryHidden"],
    ]);
  });
});

describe("tables and names", () => {
  it("a table's name and a defined name share one namespace", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B2").values = [
        ["Metric", "Value"],
        ["Tokens", 60],
      ];
      sheet.tables.add("A1:B2", true).name = "Data";
      context.workbook.names.add("Data", sheet.getRange("D1"));
      await context.sync();
    });
    expect(error.code).toBe("ItemAlreadyExists");
  });

  it.each(["My name", "A1", "R1C1", "1st", "TRUE"])("refuses %p as a name", async (name) => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      context.workbook.names.add(
        name,
        context.workbook.worksheets.getItem("Sheet1").getRange("A1")
      );
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("refuses a table over another table", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.tables.add("A1:B3", true);
      sheet.tables.add("B2:C4", true);
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it.each(["D3:E5", "B2:C4"])(
    "tables may sit side by side, but not share a cell, even a corner: %s",
    async (overlapping) => {
      const { run } = hostWorkbook();
      const error = await failure(run, async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.tables.add("A1:B3", true);
        sheet.tables.add("C1:D3", true);
        sheet.tables.add("A4:B5", true);
        await context.sync();
        // D3 is C1:D3's last cell; B4 is A4:B5's first row.
        sheet.tables.add(overlapping, true);
        await context.sync();
      });
      expect(error.code).toBe("InvalidArgument");
    }
  );

  it("tables side by side are taken", async () => {
    const { run } = hostWorkbook();
    const count = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.tables.add("A1:B3", true);
      sheet.tables.add("C1:D3", true);
      sheet.tables.add("A4:B5", true);
      const tables = sheet.tables.getCount();
      await context.sync();
      return tables.value;
    });
    expect(count).toBe(3);
  });

  it("a name's formula follows its sheet through a rename; an unquoted sheet with a space is refused", async () => {
    const { run } = hostWorkbook();
    const formula = await run(async (context) => {
      const sheet = context.workbook.worksheets.add("Model");
      const name = context.workbook.names.add("Growth", sheet.getRange("B5"), "an input");
      sheet.name = "My model";
      name.load("formula,comment,visible");
      await context.sync();
      return [name.formula, name.comment, name.visible];
    });
    expect(formula).toEqual(["='My model'!$B$5", "an input", true]);
    const error = await failure(run, async (context) => {
      context.workbook.names.getItem("Growth").formula = "=My model!$B$6";
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("formulas use names and structured references, and follow the table's data", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B3").values = [
        ["Metric", "Q1 2026"],
        ["Tokens", 60],
        ["Price", 0.03],
      ];
      sheet.tables.add("A1:B3", true).name = "Tokens";
      sheet.getRange("D1").formulas = [
        ["=CNAI.TOKEN_REVENUE(INDEX(Tokens[Q1 2026],1),INDEX(Tokens[Q1 2026],2))"],
      ];
      await context.sync();
    });
    // Table 2: 60 T tokens at $0.03 per million = $1.8M.
    expect(workbook.value("Sheet1", "D1")).toBeCloseTo(1.8e6, 6);
    workbook.setInput("Sheet1", "B2", "120");
    expect(workbook.value("Sheet1", "D1")).toBeCloseTo(3.6e6, 6);
  });
});

describe("loads and addresses", () => {
  it("load() with nothing named loads every scalar property; items/ names a collection's", async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("B2:C3");
      range.load();
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return [range.address, range.rowCount, sheets.items.map((sheet) => sheet.name)];
    });
    expect(read).toEqual(["Sheet1!B2:C3", 2, ["Sheet1"]]);
  });

  it("whole columns and rows are addressed as Excel writes them", async () => {
    const { run } = hostWorkbook();
    const addresses = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const ranges = ["B:C", "2:3", "A1:XFD1048575"].map((a) => sheet.getRange(a).load("address"));
      await context.sync();
      return ranges.map((range) => range.address);
    });
    // A1:XFD1048575 stops a row short of the grid's last: it is no whole column.
    expect(addresses).toEqual(["Sheet1!B:C", "Sheet1!2:3", "Sheet1!1:1048575"]);
  });

  it("a cell's data validation is the rule of the range it lies in; elsewhere none", async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("D1:D3").dataValidation.rule = {
        list: { inCellDropDown: true, source: "Bear,Base,Bull" },
      };
      const inside = sheet.getRange("D2").dataValidation.load("rule,type");
      const outside = sheet.getRange("E1").dataValidation.load("rule,type");
      await context.sync();
      return [inside.rule, inside.type, outside.rule, outside.type];
    });
    expect(read).toEqual([
      { list: { inCellDropDown: true, source: "Bear,Base,Bull" } },
      "List",
      {},
      "None",
    ]);
  });

  it.each(["A0", "A0:B2"])("row 0 is no row: %s is InvalidArgument", async (address) => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(address).load("address");
    });
    expect(error).toEqual({
      code: "InvalidArgument",
      message: `"${address}" is not an address on a sheet.`,
    });
  });
});

describe("what the host does not implement fails loudly", () => {
  it("answers ApiNotFound with the member's name for a property", async () => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.rowHeight = 30;
    });
    expect(error).toEqual({
      code: "ApiNotFound",
      message: "RangeFormat.rowHeight is not implemented by CNAI's Excel host.",
    });
  });

  it("and for a method", async () => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").merge(false);
    });
    expect(error).toEqual({
      code: "ApiNotFound",
      message: "Range.merge is not implemented by CNAI's Excel host.",
    });
  });
});

describe("formatting, charts, validation, panes, calculation", () => {
  it("keeps what the pane sets, readable back through the client", async () => {
    const { workbook, run } = hostWorkbook();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const range = sheet.getRange("A1:B2");
      range.values = [
        ["Year", "Parity"],
        [2026, 0.7],
      ];
      range.format.font.bold = true;
      range.format.fill.color = "#EAF2FB";
      sheet.getRange("B:B").format.columnWidth = 70;
      const rule = sheet.getRange("B2").conditionalFormats.add("CellValue");
      rule.cellValue.format.fill.color = "#C6EFCE";
      rule.cellValue.rule = { formula1: "0.6", formula2: "0.7", operator: "Between" };
      sheet.getRange("D1").dataValidation.rule = {
        list: { inCellDropDown: true, source: "Bear,Base,Bull" },
      };
      sheet.freezePanes.freezeRows(1);
      const chart = sheet.charts.add("LineMarkers", range, "Columns");
      chart.title.text = "Parity";
      chart.setPosition("D3", "J15");
      context.application.calculationMode = "Manual";
      const font = range.format.font.load("bold");
      const app = context.application.load("calculationMode");
      const count = sheet.charts.getCount();
      await context.sync();
      return { bold: font.bold, mode: app.calculationMode, charts: count.value };
    });
    expect(read).toEqual({ bold: true, mode: "Manual", charts: 1 });
    expect(workbook.cell("Sheet1", "A1").look).toEqual({ bold: true, fill: "#EAF2FB" });
    expect(workbook.columnWidthAt(workbook.sheet("Sheet1"), 1)).toBe(70);
    expect(workbook.highlight("Sheet1", "B2")).toEqual({ fill: "#C6EFCE", fontColor: "" });
    expect(workbook.validationChoices("Sheet1", "D1")).toEqual(["Bear", "Base", "Bull"]);
    expect(workbook.sheet("Sheet1").frozenRows).toBe(1);
    expect(workbook.charts("Sheet1")).toEqual([
      expect.objectContaining({
        title: "Parity",
        type: "LineMarkers",
        from: "D3",
        to: "J15",
        categories: ["2026"],
        series: [{ name: "Parity", values: [0.7], secondary: false, line: false }],
      }),
    ]);
  });
});

describe("panes, conditional formats and chart series, read back", () => {
  it("freezePanes says where it froze: at a cell, whole rows, whole columns, or nowhere", async () => {
    const { run } = hostWorkbook();
    const [at, rows, columns, none] = await run(async (context) => {
      const panes = context.workbook.worksheets.getItem("Sheet1").freezePanes;
      const where = async () => {
        const location = panes.getLocationOrNullObject().load("address");
        await context.sync();
        return location.isNullObject ? null : location.address;
      };
      panes.freezeAt(context.workbook.worksheets.getItem("Sheet1").getRange("B3"));
      const cell = await where();
      panes.freezeRows(2);
      const twoRows = await where();
      panes.freezeColumns(1);
      const oneColumn = await where();
      panes.unfreeze();
      return [cell, twoRows, oneColumn, await where()];
    });
    expect([at, rows, columns, none]).toEqual(["Sheet1!A1:B3", "Sheet1!1:2", "Sheet1!A:A", null]);
  });

  it("a range's conditional formats are those that overlap it", async () => {
    const { run } = hostWorkbook();
    const counts = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const rule = sheet.getRange("B2:B5").conditionalFormats.add("CellValue");
      rule.cellValue.format.fill.color = "#C6EFCE";
      rule.cellValue.rule = { formula1: "1", operator: "GreaterThan" };
      const count = ["B5:C6", "A1:B2", "A1:A10", "A1:B1", "B6", "C2:C5"].map((address) =>
        sheet.getRange(address).conditionalFormats.getCount()
      );
      await context.sync();
      return count.map((c) => c.value);
    });
    // B5:C6 and A1:B2 share a cell with B2:B5 (B5, B2); the others only touch its sides.
    expect(counts).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it("a chart's series is on the primary axis until set to the secondary", async () => {
    const { run } = hostWorkbook();
    const groups = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B3").values = [
        ["Year", "Parity"],
        [2026, 0.7],
        [2027, 0.8],
      ];
      const series = sheet.charts
        .add("LineMarkers", sheet.getRange("A1:B3"), "Columns")
        .series.getItemAt(0)
        .load("axisGroup");
      await context.sync();
      const before = series.axisGroup;
      series.axisGroup = "Secondary";
      series.load("axisGroup");
      await context.sync();
      return [before, series.axisGroup];
    });
    expect(groups).toEqual(["Primary", "Secondary"]);
  });

  it.each([
    [
      (c: Excel.RequestContext) => c.workbook.worksheets.getItem("Nope").load("name"),
      'There is no sheet named "Nope".',
    ],
    [
      (c: Excel.RequestContext) =>
        c.workbook.worksheets.getItem("Sheet1").charts.getItem("Nope").load("name"),
      'There is no chart named "Nope".',
    ],
    [
      (c: Excel.RequestContext) =>
        c.workbook.worksheets.getItem("Sheet1").charts.getItemAt(5).load("name"),
      "There is no chart at 5.",
    ],
  ])("a missing item is ItemNotFound, named in words (%#)", async (load, message) => {
    const error = await refusal(load);
    expect(error).toEqual({ code: "ItemNotFound", message });
  });

  it("a sheet's tables are its own; the workbook's are all of them", async () => {
    const { run } = hostWorkbook();
    const counts = await run(async (context) => {
      const other = context.workbook.worksheets.add("Other");
      other.getRange("A1:B2").values = [
        ["Item", "Amount"],
        ["a", 1],
      ];
      other.tables.add("Other!A1:B2", true);
      const mine = context.workbook.worksheets.getItem("Sheet1").tables.getCount();
      const theirs = other.tables.getCount();
      const all = context.workbook.tables.getCount();
      await context.sync();
      return [mine.value, theirs.value, all.value];
    });
    expect(counts).toEqual([0, 1, 1]);
  });

  it("a name's value is its formula without =, and its type says what it refers to", async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      context.workbook.names.add("Top", sheet.getRange("A1"));
      const name = context.workbook.names.getItem("Top").load("value,type");
      await context.sync();
      return [name.value, name.type];
    });
    expect(read).toEqual(["Sheet1!$A$1", "Range"]);
  });

  it("a chart's series are its source's rows or columns after the first, as it was added", async () => {
    const { workbook, run } = hostWorkbook();
    const counts = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const source = sheet.getRange("A1:C2");
      source.values = [
        ["Year", "Low", "High"],
        [2026, 0.6, 0.7],
      ];
      const byRows = sheet.charts.add("Line", source, "Rows").series.getCount();
      const byColumns = sheet.charts.add("Line", source, "Columns");
      byColumns.setPosition("E1");
      const columns = byColumns.series.getCount();
      await context.sync();
      return [byRows.value, columns.value];
    });
    expect(counts).toEqual([1, 2]);
    // Placed by its top-left cell only, it starts and ends there.
    expect(workbook.charts("Sheet1")[1]).toMatchObject({ from: "E1", to: "E1" });
  });

  it("a conditional format's range is where it was added", async () => {
    const { run } = hostWorkbook();
    const address = await run(async (context) => {
      const format = context.workbook.worksheets
        .getItem("Sheet1")
        .getRange("B2:C3")
        .conditionalFormats.add("CellValue");
      format.cellValue.rule = { formula1: "0.65", operator: "GreaterThan" };
      const range = format.getRange().load("address");
      await context.sync();
      return range.address;
    });
    expect(address).toBe("Sheet1!B2:C3");
  });

  it.each([
    [(r: Excel.Range) => r.getResizedRange(0, -2), "The resized range would have no cells."],
    [(r: Excel.Range) => r.getResizedRange(-2, 0), "The resized range would have no cells."],
    [(r: Excel.Range) => r.getRow(-1), "The row is a whole number from 0."],
    [(r: Excel.Range) => r.getColumn(-1), "The column is a whole number from 0."],
  ])("a range's neighbours refused in words (%#)", async (derive, message) => {
    const error = await refusal((context) =>
      derive(context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2")).load("address")
    );
    expect(error).toEqual({ code: "InvalidArgument", message });
  });

  it("a range resized down to one row and one column is its first cell", async () => {
    const { run } = hostWorkbook();
    const addresses = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      const ranges = [range.getResizedRange(-1, -1), range.getResizedRange(0, -1)];
      ranges.forEach((r) => r.load("address"));
      await context.sync();
      return ranges.map((r) => r.address);
    });
    expect(addresses).toEqual(["Sheet1!A1", "Sheet1!A1:A2"]);
  });

  it("getRangeByIndexes needs a cell at least", async () => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 1, 0).load("address");
    });
    expect(error).toEqual({
      code: "InvalidArgument",
      message: "The column count is a whole number from 1.",
    });
  });

  it("clearing formats removes the conditional formats the range touches, and its cells' formats only", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B5").numberFormat = Array.from({ length: 5 }, () => ["0.0%", "0.0%"]);
      for (const address of ["B2:B5", "D1:D2", "F3:F4"]) {
        const format = sheet.getRange(address).conditionalFormats.add("CellValue");
        format.cellValue.format.fill.color = "#C6EFCE";
        format.cellValue.rule = { formula1: "1", operator: "GreaterThan" };
      }
      // B5:C6 takes B2:B5's last row, E2:F3 F3:F4's first.
      sheet.getRange("B5:C6").clear("Formats");
      sheet.getRange("E2:F3").clear("Formats");
      await context.sync();
    });
    const sheet = workbook.sheet("Sheet1");
    expect(sheet.conditionalFormats.map((f) => f.range)).toEqual([
      { top: 0, left: 3, bottom: 1, right: 3 },
    ]);
    expect([workbook.numberFormatAt(sheet, 4, 1), workbook.numberFormatAt(sheet, 3, 1)]).toEqual([
      "General",
      "0.0%",
    ]);
  });

  it("a chart reads its series by columns, rows or itself; nothing else", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.charts.add("Line", sheet.getRange("A1:B2"), "Diagonal" as Excel.ChartSeriesBy);
      await context.sync();
    });
    expect(error).toEqual({
      code: "InvalidArgument",
      message: '"Diagonal" is not a way to read series.',
    });
  });

  it("a request that fails is logged to the step that failed, then its sync", async () => {
    const { host, run } = hostWorkbook();
    await failure(run, async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      context.workbook.worksheets.getItem("Nope").getRange("A1").values = [[2]];
      await context.sync();
    });
    // The write before the sheet Excel does not have, then the failed request's sync.
    expect(host.log.slice(0, 2)).toEqual(["Range Sheet1!A1.values = [1×1]", "sync"]);
  });

  it("load with an empty list loads every property, as load() does", async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1").load([]);
      await context.sync();
      return [sheet.name, sheet.visibility];
    });
    expect(read).toEqual(["Sheet1", "Visible"]);
  });

  it("a collection's items load by the path the client sends, items/name", async () => {
    const { run } = hostWorkbook(undefined, { sheets: ["Chip Parity", "Model"] });
    const names = await run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
    expect(names).toEqual(["Chip Parity", "Model"]);
  });

  it("a name of a constant is a String, its value the constant; the host logs each step and sync", async () => {
    const { host, run } = hostWorkbook();
    const read = await run(async (context) => {
      context.workbook.names.add("Rate", "=0.15");
      const name = context.workbook.names.getItem("Rate").load("type,value");
      await context.sync();
      return [name.type, name.value];
    });
    expect(read).toEqual(["String", "0.15"]);
    expect(host.log).toEqual([
      'NamedItemCollection.add("Rate", "=0.15", null)',
      "load NamedItem Rate type,value",
      "sync",
    ]);
  });

  it.each([
    [
      (c: Excel.RequestContext) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:B2").values = [
          ["a", 1],
          ["b", 2],
        ];
        sheet.charts.add("Line", sheet.getRange("A1:B2"), "Columns").setPosition("nonsense");
      },
      '"nonsense" is not a cell.',
    ],
    [
      (c: Excel.RequestContext) => {
        const format = c.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .conditionalFormats.add("CellValue");
        format.cellValue.rule = null as unknown as Excel.ConditionalCellValueRule;
      },
      "A cell-value rule has formula1 (text) and an operator.",
    ],
    [
      (c: Excel.RequestContext) => {
        const format = c.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .conditionalFormats.add("CellValue");
        format.cellValue.rule = {
          formula1: "1",
          operator: "Roughly" as Excel.ConditionalCellValueOperator,
        };
      },
      'The operator is one of Between, NotBetween, EqualTo, NotEqualTo, GreaterThan, LessThan, GreaterThanOrEqual, LessThanOrEqual; got "Roughly".',
    ],
  ])("a chart's place and a rule refused in words (%#)", async (batch, message) => {
    const error = await refusal(batch);
    expect(error).toEqual({ code: "InvalidArgument", message });
  });

  it("calculate takes Excel's calculation types only", async () => {
    const error = await refusal((context) => {
      context.workbook.application.calculate("Sometimes" as Excel.CalculationType);
    });
    expect(error).toEqual({
      code: "InvalidArgument",
      message: 'The calculation type is one of Recalculate, Full, FullRebuild; got "Sometimes".',
    });
  });
});

describe("fault injection", () => {
  it("fails the Nth step with the chosen code, the steps before it applied", async () => {
    const { workbook, host, run } = hostWorkbook();
    host.faults = { failStep: 1, failCode: "ItemNotFound" };
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[1]];
      sheet.getRange("A2").values = [[2]];
      await context.sync();
    });
    expect(error.code).toBe("ItemNotFound");
    expect(error.message).toBe("Step 1 (Range Sheet1!A2.values = [1×1]) failed (fault injected).");
    expect(workbook.value("Sheet1", "A1")).toBe(1);
    expect(workbook.value("Sheet1", "A2")).toBeNull();
  });

  it("fails the Nth sync before it does anything", async () => {
    const { workbook, host, run } = hostWorkbook();
    host.faults = { failSync: 1, failCode: "GeneralException" };
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[1]];
      await context.sync();
      sheet.getRange("A2").values = [[2]];
      await context.sync();
    });
    expect(error.code).toBe("GeneralException");
    expect(workbook.value("Sheet1", "A1")).toBe(1);
    expect(workbook.value("Sheet1", "A2")).toBeNull();
  });
});
