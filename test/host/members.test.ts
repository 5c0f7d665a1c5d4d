/**
 * The Office.js members the host answers beyond those the pane calls today, each tried through
 * Microsoft's own client as an add-in would write it: navigation (getCell, getColumn,
 * getBoundingRect, getUsedRange…), collections (getCount, getItemOrNullObject, getItemAt), and the
 * words of each refusal. Expected addresses and counts are worked by hand from Excel's reference
 * (learn.microsoft.com/javascript/api/excel): e.g. `getRange("B2:D5").getCell(1, 1)` is the cell
 * one row and one column into B2, C3.
 */
import { hostWorkbook } from "../../src/host/node";
import { failure, refusal } from "../helpers/failure";

const sheet1 = (context: Excel.RequestContext) => context.workbook.worksheets.getItem("Sheet1");

/** Addresses of the ranges a batch makes on a new workbook (with `prepare` run first). */
async function addresses(
  make: (context: Excel.RequestContext) => Excel.Range[],
  prepare?: (workbook: ReturnType<typeof hostWorkbook>["workbook"]) => void
): Promise<string[]> {
  const { run, workbook } = hostWorkbook();
  prepare?.(workbook);
  return run(async (context) => {
    const ranges = make(context).map((r) => r.load("address"));
    await context.sync();
    return ranges.map((r) => r.address);
  });
}

describe("a range's navigation, as Excel's reference defines it", () => {
  it("getCell, getRow and getColumn count from the range's first cell", async () => {
    expect(
      await addresses((context) => {
        const range = sheet1(context).getRange("B2:D5");
        return [range.getCell(1, 1), range.getCell(3, 2), range.getRow(2), range.getColumn(1)];
      })
    ).toEqual(["Sheet1!C3", "Sheet1!D5", "Sheet1!B4:D4", "Sheet1!C2:C5"]);
  });

  it("getOffsetRange moves back as well as forward; getResizedRange shrinks as well as grows", async () => {
    expect(
      await addresses((context) => {
        const range = sheet1(context).getRange("C3:D4");
        return [
          range.getOffsetRange(-2, -1),
          range.getOffsetRange(0, -2),
          range.getResizedRange(-1, 0),
          range.getResizedRange(0, -1),
        ];
      })
    ).toEqual(["Sheet1!B1:C2", "Sheet1!A3:B4", "Sheet1!C3:D3", "Sheet1!C3:C4"]);
  });

  it("getBoundingRect is the smallest range holding both, whichever side the other lies", async () => {
    expect(
      await addresses((context) => {
        const range = sheet1(context).getRange("B2:C3");
        return [
          range.getBoundingRect("D5"),
          range.getBoundingRect("A1"),
          range.getBoundingRect(sheet1(context).getRange("A4:A4")),
        ];
      })
    ).toEqual(["Sheet1!B2:D5", "Sheet1!A1:C3", "Sheet1!A2:C4"]);
  });

  it("getBoundingRect with a range of another sheet is refused", async () => {
    const error = await refusal((context) => {
      context.workbook.worksheets.add("Other");
      const other = context.workbook.worksheets.getItem("Other").getRange("A1");
      sheet1(context).getRange("B2").getBoundingRect(other).load("address");
    });
    expect(error).toEqual({
      code: "InvalidArgument",
      message: "The ranges are on different sheets.",
    });
  });

  it("getSpillingToRange gives the spill of an anchor, and ItemNotFound where nothing spills", async () => {
    const prepare = (workbook: ReturnType<typeof hostWorkbook>["workbook"]) => {
      workbook.setInput("Sheet1", "A1", "=SEQUENCE(3)");
      workbook.setInput("Sheet1", "B1", "7");
    };
    expect(
      await addresses((context) => [sheet1(context).getRange("A1").getSpillingToRange()], prepare)
    ).toEqual(["Sheet1!A1:A3"]);
    const { run, workbook } = hostWorkbook();
    prepare(workbook);
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("B1").getSpillingToRange().load("address");
      await context.sync();
    });
    expect(error).toEqual({ code: "ItemNotFound", message: "Sheet1!B1 does not spill." });
  });

  it("hasSpill is true on a spilling anchor only; cellCount is rows × columns", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "=SEQUENCE(3)");
    workbook.setInput("Sheet1", "B1", "7");
    const found = await run(async (context) => {
      const anchor = sheet1(context).getRange("A1").load("hasSpill");
      const plain = sheet1(context).getRange("B1").load("hasSpill");
      const block = sheet1(context).getRange("B2:D5").load("cellCount");
      await context.sync();
      return [anchor.hasSpill, plain.hasSpill, block.cellCount];
    });
    expect(found).toEqual([true, false, 12]);
  });

  it("a range's getUsedRangeOrNullObject is the used cells inside it, or a null object", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "1");
    workbook.setInput("Sheet1", "C5", "2");
    const found = await run(async (context) => {
      const s = sheet1(context);
      // A number format alone: used, unless valuesOnly.
      s.getRange("E7").numberFormat = [["0.00"]];
      const ranges = (
        [
          ["B2:D10", true],
          ["B2:D10", false],
          ["A1:F9", true],
          ["A7:B9", true],
          ["A5:B9", true],
          ["C1:F2", true],
          ["F1:G2", false],
        ] as const
      ).map(([address, valuesOnly]) =>
        s.getRange(address).getUsedRangeOrNullObject(valuesOnly).load("address")
      );
      await context.sync();
      return ranges.map((r) => (r.isNullObject ? null : r.address));
    });
    // Used: A1:C5 by values, A1:E7 with the format. Each range's share of it, or none.
    expect(found).toEqual([
      "Sheet1!B2:C5",
      "Sheet1!B2:D7",
      "Sheet1!A1:C5",
      null,
      "Sheet1!A5:B5",
      "Sheet1!C1:C2",
      null,
    ]);
  });

  it("a worksheet's getUsedRange counts formatted cells unless valuesOnly; an empty sheet's is A1", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "B2", "1");
    const found = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("D6").numberFormat = [["0.00"]];
      context.workbook.worksheets.add("Empty");
      const empty = context.workbook.worksheets.getItem("Empty");
      const ranges = [
        s.getUsedRange(),
        s.getUsedRange(true),
        s.getUsedRangeOrNullObject(true),
        s.getUsedRangeOrNullObject(),
        empty.getUsedRange(),
      ];
      ranges.forEach((r) => r.load("address"));
      const nothing = empty.getUsedRangeOrNullObject();
      await context.sync();
      return [...ranges.map((r) => r.address), nothing.isNullObject];
    });
    expect(found).toEqual([
      "Sheet1!B2:D6",
      "Sheet1!B2",
      "Sheet1!B2",
      "Sheet1!B2:D6",
      "Empty!A1",
      true,
    ]);
  });

  it("getRange() without an address is the whole sheet", async () => {
    const { run } = hostWorkbook();
    const size = await run(async (context) => {
      const range = sheet1(context).getRange().load("rowCount,columnCount,rowIndex,columnIndex");
      await context.sync();
      return [range.rowCount, range.columnCount, range.rowIndex, range.columnIndex];
    });
    expect(size).toEqual([1_048_576, 16_384, 0, 0]);
  });

  it('getRange("") is the whole sheet too, as getRange() (the host\'s reading: the reference is silent on an empty address)', async () => {
    const { run } = hostWorkbook();
    const size = await run(async (context) => {
      const range = sheet1(context).getRange("").load("rowCount,columnCount");
      await context.sync();
      return [range.rowCount, range.columnCount];
    });
    expect(size).toEqual([1_048_576, 16_384]);
  });

  it("reading more than 5,000,000 cells at once is refused as too large a response", async () => {
    // A:E is 5 × 1,048,576 = 5,242,880 cells.
    const error = await refusal((context) => {
      sheet1(context).getRange("A:E").load("values");
    });
    expect(error).toEqual({
      code: "ResponsePayloadSizeLimitExceeded",
      message: "Reading Sheet1!A:E at once is more than Excel's response can carry.",
    });
  });

  it("the client's _ValidateArraySize refuses an array of another size before any slice is written", async () => {
    const { run, workbook } = hostWorkbook();
    const error = await failure(run, async (context) => {
      // 2,000 cells: the client checks the size, then writes in slices of rows.
      sheet1(context).getRange("A1:B1000").values = Array.from({ length: 1000 }, () => [1, 2, 3]);
      await context.sync();
    });
    expect(error).toEqual({
      code: "InvalidArgument",
      message: "The array is 1000×3; the range A1:B1000 is 1000×2.",
    });
    expect(workbook.inputAt(workbook.sheet("Sheet1"), 0, 0)).toBe("");
    const rows = await failure(run, async (context) => {
      sheet1(context).getRange("A1:B1000").values = Array.from({ length: 999 }, () => [1, 2]);
      await context.sync();
    });
    expect(rows.message).toBe("The array is 999×2; the range A1:B1000 is 1000×2.");
  });

  it("select makes the range the selection; the range knows its worksheet", async () => {
    const { run } = hostWorkbook();
    const [selected, sheetName] = await run(async (context) => {
      const range = sheet1(context).getRange("C3:D4");
      range.select();
      const worksheet = range.worksheet.load("name");
      const selection = context.workbook.getSelectedRange().load("address");
      await context.sync();
      return [selection.address, worksheet.name];
    });
    expect([selected, sheetName]).toEqual(["Sheet1!C3:D4", "Sheet1"]);
  });

  it("a column's width reads back as set; a fill's clear removes its colour", async () => {
    const { run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("B2").format.columnWidth = 120;
      await context.sync();
    });
    // Read in a batch of its own: the client keeps a value it set itself if the answer lacks it.
    const [width, fill] = await run(async (context) => {
      const range = sheet1(context).getRange("B2");
      range.format.fill.color = "#FF0000";
      range.format.fill.clear();
      const format = range.format.load("columnWidth");
      const colour = range.format.fill.load("color");
      await context.sync();
      return [format.columnWidth, colour.color];
    });
    expect(width).toBe(120);
    expect(fill).not.toBe("#FF0000");
  });
});

describe("refusals in words", () => {
  it("a member the host does not implement is ApiNotFound, located at that member", async () => {
    const { run } = hostWorkbook();
    const error = await run(async (context) => {
      sheet1(context).getRange("A1:B2").getIntersection("B2").load("address");
      return context.sync().then(
        () => undefined,
        (e: OfficeExtension.Error) => e
      );
    });
    expect([error?.code, error?.debugInfo.errorLocation]).toEqual([
      "ApiNotFound",
      "Range.getIntersection",
    ]);
  });

  it("an address of another sheet is taken where an add-in names its sheet", async () => {
    const { run } = hostWorkbook();
    const where = await run(async (context) => {
      context.workbook.worksheets.add("Other");
      const table = context.workbook.tables.add("Other!A1:B3", true);
      const range = table.getRange().load("address");
      await context.sync();
      return range.address;
    });
    expect(where).toBe("Other!A1:B3");
  });

  it.each([
    [
      "getItem(5)",
      (c: Excel.RequestContext) => c.workbook.worksheets.getItem(5 as unknown as string),
      "A sheet name is text; got 5.",
    ],
    [
      "getRange(7)",
      (c: Excel.RequestContext) => sheet1(c).getRange(7 as unknown as string),
      "The address is text; got 7.",
    ],
    [
      "getRangeByIndexes(-1, 0, 1, 1)",
      (c: Excel.RequestContext) => sheet1(c).getRangeByIndexes(-1, 0, 1, 1),
      "The start row is a whole number from 0.",
    ],
    [
      "getRangeByIndexes(0, 0.5, 1, 1)",
      (c: Excel.RequestContext) => sheet1(c).getRangeByIndexes(0, 0.5, 1, 1),
      "The start column is a whole number from 0.",
    ],
    [
      "getRangeByIndexes(0, 0, 0, 1)",
      (c: Excel.RequestContext) => sheet1(c).getRangeByIndexes(0, 0, 0, 1),
      "The row count is a whole number from 1.",
    ],
    [
      "getRangeByIndexes(0, 0, 1, 0)",
      (c: Excel.RequestContext) => sheet1(c).getRangeByIndexes(0, 0, 1, 0),
      "The column count is a whole number from 1.",
    ],
    [
      "worksheet getCell(-1, 0)",
      (c: Excel.RequestContext) => sheet1(c).getCell(-1, 0),
      "The row is a whole number from 0.",
    ],
    [
      "worksheet getCell(0, 1.5)",
      (c: Excel.RequestContext) => sheet1(c).getCell(0, 1.5),
      "The column is a whole number from 0.",
    ],
    [
      "range getCell(-1, 0)",
      (c: Excel.RequestContext) => sheet1(c).getRange("B2:C3").getCell(-1, 0),
      "The row is a whole number from 0.",
    ],
    [
      "range getCell(0, -1)",
      (c: Excel.RequestContext) => sheet1(c).getRange("B2:C3").getCell(0, -1),
      "The column is a whole number from 0.",
    ],
    [
      "range getColumn(-1)",
      (c: Excel.RequestContext) => sheet1(c).getRange("B2:C3").getColumn(-1),
      "The column is a whole number from 0.",
    ],
    [
      'getOffsetRange("1", 0)',
      (c: Excel.RequestContext) =>
        sheet1(c)
          .getRange("B2")
          .getOffsetRange("1" as unknown as number, 0),
      "An offset is a number of rows and columns.",
    ],
    [
      'getResizedRange(0, "1")',
      (c: Excel.RequestContext) =>
        sheet1(c)
          .getRange("B2")
          .getResizedRange(0, "1" as unknown as number),
      "A resize is a number of rows and columns.",
    ],
    [
      "getOffsetRange(-2, 0) from B2",
      (c: Excel.RequestContext) => sheet1(c).getRange("B2").getOffsetRange(-2, 0),
      "The range would leave the sheet: Excel's grid is 1,048,576 rows by 16,384 columns (A1:XFD1048576).",
    ],
    [
      "getOffsetRange(0, -2) from B2",
      (c: Excel.RequestContext) => sheet1(c).getRange("B2").getOffsetRange(0, -2),
      "The range would leave the sheet: Excel's grid is 1,048,576 rows by 16,384 columns (A1:XFD1048576).",
    ],
    [
      "tables.getItem(5)",
      (c: Excel.RequestContext) => c.workbook.tables.getItem(5 as unknown as string).getRange(),
      "A table name is text; got 5.",
    ],
    [
      "names.getItem(5)",
      (c: Excel.RequestContext) => c.workbook.names.getItem(5 as unknown as string).getRange(),
      "A name is text; got 5.",
    ],
    [
      "getItemOrNullObject(5)",
      (c: Excel.RequestContext) =>
        c.workbook.worksheets.getItemOrNullObject(5 as unknown as string),
      "A sheet name is text; got 5.",
    ],
    [
      "getBoundingRect(5)",
      (c: Excel.RequestContext) =>
        sheet1(c)
          .getRange("B2")
          .getBoundingRect(5 as unknown as string),
      "The range is text; got 5.",
    ],
    [
      "worksheets.add(5)",
      (c: Excel.RequestContext) => c.workbook.worksheets.add(5 as unknown as string),
      "A sheet name is text; got 5.",
    ],
    [
      'tables.add("Sheet1!!")',
      (c: Excel.RequestContext) => c.workbook.tables.add("Sheet1!!", true).getRange(),
      '"Sheet1!!" is not a range address.',
    ],
  ])("%s", async (_, make, message) => {
    const error = await refusal((context) => make(context).load("address"));
    expect(error).toEqual({ code: "InvalidArgument", message });
  });

  it("a deleted sheet, table or name answers ItemNotFound with its name", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "Head");
    workbook.setInput("Sheet1", "A2", "1");
    const deleted = async (
      batch: (context: Excel.RequestContext) => (() => void) | void
    ): Promise<{ code: string; message: string }> =>
      failure(run, async (context) => {
        const after = batch(context);
        await context.sync();
        after?.();
        await context.sync();
      });
    expect(
      await deleted((context) => {
        const sheet = context.workbook.worksheets.add("Gone");
        sheet.delete();
        return () => (sheet.tabColor = "#FF0000");
      })
    ).toEqual({ code: "ItemNotFound", message: 'The sheet "Gone" was deleted.' });
    expect(
      await deleted((context) => {
        const table = sheet1(context).tables.add("A1:A2", true);
        table.name = "Old";
        table.delete();
        return () => (table.style = "TableStyleLight1");
      })
    ).toEqual({ code: "ItemNotFound", message: 'The table "Old" was deleted.' });
    expect(
      await deleted((context) => {
        const name = context.workbook.names.add("Rate", "=0.3");
        name.delete();
        return () => (name.comment = "gone");
      })
    ).toEqual({ code: "ItemNotFound", message: 'The name "Rate" was deleted.' });
  });
});

describe("collections: counts, lookups by name or id, null objects", () => {
  it("worksheets: add() names the next SheetN; getCount(true) skips hidden sheets; getItemOrNullObject takes an id", async () => {
    const { run } = hostWorkbook();
    const found = await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add().load("name,id");
      sheets.add("Hidden").visibility = "Hidden";
      await context.sync();
      const all = sheets.getCount();
      const visible = sheets.getCount(true);
      const byId = sheets.getItemOrNullObject(added.id).load("name");
      const missing = sheets.getItemOrNullObject("Nowhere");
      await context.sync();
      return [added.name, all.value, visible.value, byId.name, missing.isNullObject];
    });
    expect(found).toEqual(["Sheet2", 3, 2, "Sheet2", true]);
  });

  it("a worksheet's position is its place in the tab order, counted from 0, after adds and a delete", async () => {
    const { run } = hostWorkbook();
    const positions = await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.add("Second");
      sheets.add("Third");
      await context.sync();
      const before = ["Sheet1", "Second", "Third"].map((name) =>
        sheets.getItem(name).load("position")
      );
      await context.sync();
      sheets.getItem("Second").delete();
      const after = sheets.getItem("Third").load("position");
      await context.sync();
      return [...before.map((sheet) => sheet.position), after.position];
    });
    expect(positions).toEqual([0, 1, 2, 1]);
  });

  it("a worksheet's tab colour reads back as set", async () => {
    const { run } = hostWorkbook();
    const colour = await run(async (context) => {
      sheet1(context).tabColor = "#00FF00";
      const sheet = sheet1(context).load("tabColor");
      await context.sync();
      return sheet.tabColor;
    });
    expect(colour).toBe("#00FF00");
  });

  it("tables: by name or id, a null object for neither; headers shown, no totals; the data body below the header", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "Input");
    workbook.setInput("Sheet1", "A2", "1");
    workbook.setInput("Sheet1", "A3", "2");
    const found = await run(async (context) => {
      const made = context.workbook.tables.add("Sheet1!A1:A3", true);
      made.name = "Inputs";
      made.load("id");
      await context.sync();
      const byId = context.workbook.tables.getItem(made.id).load("name,showHeaders,showTotals");
      const missing = context.workbook.tables.getItemOrNullObject("Nothing");
      const body = byId.getDataBodyRange().load("address");
      const sheet = byId.worksheet.load("name");
      await context.sync();
      return [
        byId.name,
        byId.showHeaders,
        byId.showTotals,
        missing.isNullObject,
        body.address,
        sheet.name,
      ];
    });
    expect(found).toEqual(["Inputs", true, false, true, "Sheet1!A2:A3", "Sheet1"]);
  });

  it("tables side by side do not overlap, on either side; one over another is refused", async () => {
    const { run } = hostWorkbook();
    const made = await run(async (context) => {
      const tables = sheet1(context).tables;
      // Each new table beside one already there: below it, above, right of it, left of it.
      const below = tables.add("D5:E6", true).load("name");
      const middle = tables.add("D1:E3", true).load("name");
      const right = tables.add("G1:H3", true).load("name");
      const left = tables.add("A1:B3", true).load("name");
      await context.sync();
      return [middle, right, left, below].map((t) => t.name);
    });
    expect(made).toHaveLength(4);
    const clash = await failure(run, async (context) => {
      sheet1(context).tables.add("E3:F4", true);
      await context.sync();
    });
    expect(clash.message).toMatch(/^A table cannot overlap another table \(".+" at D1:E3\)\.$/);
  });

  it("worksheet ids are GUIDs in braces, as Excel gives them, each its own", async () => {
    const { run } = hostWorkbook();
    const ids = await run(async (context) => {
      const sheets = [sheet1(context), context.workbook.worksheets.add("Two")].map((s) =>
        s.load("id")
      );
      await context.sync();
      return sheets.map((s) => s.id);
    });
    for (const id of ids)
      expect(id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("tables: getItem says which name it did not find; a sheet's tables.add refuses another sheet's range", async () => {
    expect(
      await refusal((context) => context.workbook.tables.getItem("Nothing").load("name"))
    ).toEqual({ code: "ItemNotFound", message: 'There is no table named "Nothing".' });
    expect(
      await refusal((context) => {
        context.workbook.worksheets.add("Other");
        sheet1(context).tables.add("Other!A1:B2", true).load("name");
      })
    ).toEqual({
      code: "InvalidArgument",
      message: "A sheet's tables.add takes a range on that sheet.",
    });
  });

  it("names: count, value, visibility, the range of a range name and a null range for a constant", async () => {
    const { run } = hostWorkbook();
    const found = await run(async (context) => {
      const names = context.workbook.names;
      names.add("Rate", "=0.3");
      const area = names.add("Area", sheet1(context).getRange("A1:B2"));
      area.visible = false;
      const count = names.getCount();
      const loaded = area.load("value,visible");
      const range = area.getRange().load("address");
      const none = names.getItem("Rate").getRangeOrNullObject();
      names.getItem("Rate").visible = true;
      const rate = names.getItem("Rate").load("value,visible");
      await context.sync();
      return [
        count.value,
        loaded.value,
        loaded.visible,
        range.address,
        none.isNullObject,
        rate.value,
        rate.visible,
      ];
    });
    expect(found).toEqual([2, "Sheet1!$A$1:$B$2", false, "Sheet1!A1:B2", true, "0.3", true]);
  });

  it("names: getItem and getRange refuse in words", async () => {
    expect(
      await refusal((context) => context.workbook.names.getItem("Nothing").load("name"))
    ).toEqual({
      code: "ItemNotFound",
      message: 'There is no name "Nothing" in the workbook.',
    });
    expect(
      await refusal((context) => {
        context.workbook.names.add("Rate", "=0.3");
        context.workbook.names.getItem("Rate").getRange().load("address");
      })
    ).toEqual({ code: "InvalidOperation", message: 'The name "Rate" does not refer to cells.' });
    expect(
      await refusal((context) => context.workbook.names.add("Rate", 5 as unknown as string))
    ).toEqual({ code: "InvalidArgument", message: "A name's reference is text; got 5." });
    expect(
      await refusal((context) => context.workbook.names.add("Rate", "=0.3", 5 as unknown as string))
    ).toEqual({ code: "InvalidArgument", message: "A name's comment is text; got 5." });
  });

  it("charts: by name, at an index, a null object for neither; series, axes, title and position read back", async () => {
    const { run, workbook } = hostWorkbook();
    for (const [a1, v] of [
      ["A1", "Year"],
      ["B1", "Low"],
      ["C1", "High"],
      ["A2", "2025"],
      ["B2", "1"],
      ["C2", "2"],
    ])
      workbook.setInput("Sheet1", a1, v);
    const found = await run(async (context) => {
      const charts = sheet1(context).charts;
      const chart = charts.add("Line", sheet1(context).getRange("A1:C2"), "Columns");
      chart.name = "Fan";
      chart.title.text = "Parity";
      chart.axes.valueAxis.numberFormat = "0%";
      const second = chart.series.getItemAt(1);
      second.axisGroup = "Secondary";
      second.chartType = "ColumnClustered";
      chart.setPosition("E2");
      await context.sync();
      const byName = charts.getItem("Fan").load("name,chartType");
      const at = charts.getItemAt(0).load("name");
      const missing = charts.getItemOrNullObject("Nothing");
      const title = byName.title.load("text");
      const axis = byName.axes.valueAxis.load("numberFormat");
      const categories = byName.axes.categoryAxis.load("numberFormat");
      const first = byName.series.getItemAt(0).load("axisGroup,chartType");
      const other = byName.series.getItemAt(1).load("axisGroup,chartType");
      const sheet = byName.worksheet.load("name");
      await context.sync();
      return {
        names: [byName.name, at.name, missing.isNullObject, sheet.name],
        type: byName.chartType,
        title: title.text,
        formats: [axis.numberFormat, categories.numberFormat],
        series: [first.axisGroup, first.chartType, other.axisGroup, other.chartType],
      };
    });
    expect(found).toEqual({
      names: ["Fan", "Fan", true, "Sheet1"],
      type: "Line",
      title: "Parity",
      // The host keeps one number format for both axes.
      formats: ["0%", "0%"],
      series: ["Primary", "Line", "Secondary", "ColumnClustered"],
    });
    const chart = workbook.sheet("Sheet1").charts[0];
    // setPosition with a start cell only: the chart's corners are both that cell.
    expect([chart.from, chart.to]).toEqual(["E2", "E2"]);
  });

  it("charts: refusals name what is missing", async () => {
    const { run, workbook } = hostWorkbook();
    for (const [a1, v] of [
      ["A1", "Year"],
      ["B1", "Low"],
      ["A2", "2025"],
      ["B2", "1"],
    ])
      workbook.setInput("Sheet1", a1, v);
    const add = (context: Excel.RequestContext) =>
      sheet1(context).charts.add("Line", sheet1(context).getRange("A1:B2"), "Columns");
    const errors = [];
    for (const batch of [
      (c: Excel.RequestContext) => sheet1(c).charts.getItem("Nothing").load("name"),
      (c: Excel.RequestContext) => sheet1(c).charts.getItemAt(0).load("name"),
      (c: Excel.RequestContext) => add(c).series.getItemAt(1).load("axisGroup"),
      (c: Excel.RequestContext) => {
        c.workbook.worksheets.add("Other");
        sheet1(c).charts.add(
          "Line",
          c.workbook.worksheets.getItem("Other").getRange("A1:B2"),
          "Columns"
        );
      },
    ])
      errors.push(
        await failure(run, async (context) => {
          batch(context);
          await context.sync();
        })
      );
    expect(errors).toEqual([
      { code: "ItemNotFound", message: 'There is no chart named "Nothing".' },
      { code: "ItemNotFound", message: "There is no chart at 0." },
      { code: "ItemNotFound", message: "The chart has 1 series; there is none at 1." },
      { code: "InvalidArgument", message: "The chart's data must be on the chart's sheet here." },
    ]);
  });

  it("charts: each setter says in words what it takes", async () => {
    const { run, workbook } = hostWorkbook();
    for (const [a1, v] of [
      ["A1", "Year"],
      ["B1", "Low"],
      ["A2", "2025"],
      ["B2", "1"],
    ])
      workbook.setInput("Sheet1", a1, v);
    await run(async (context) => {
      sheet1(context).charts.add("Line", sheet1(context).getRange("A1:B2"), "Columns").name = "Fan";
      await context.sync();
    });
    const chart = (c: Excel.RequestContext) => sheet1(c).charts.getItem("Fan");
    const wrong = 5 as unknown as string;
    const errors = [];
    for (const batch of [
      (c: Excel.RequestContext) => sheet1(c).charts.getItemAt(-1).load("name"),
      (c: Excel.RequestContext) => chart(c).setPosition(wrong),
      (c: Excel.RequestContext) => (chart(c).axes.valueAxis.numberFormat = wrong),
      (c: Excel.RequestContext) =>
        (chart(c).series.getItemAt(0).axisGroup = "Tertiary" as Excel.ChartAxisGroup),
      (c: Excel.RequestContext) =>
        (chart(c).series.getItemAt(0).chartType = "Pie" as Excel.ChartType),
      (c: Excel.RequestContext) => (chart(c).name = wrong),
      (c: Excel.RequestContext) => (chart(c).title.text = wrong),
      (c: Excel.RequestContext) => chart(c).series.getItemAt(-1).load("axisGroup"),
      (c: Excel.RequestContext) =>
        sheet1(c).getRange("A1").conditionalFormats.getItemAt(-1).load("type"),
    ])
      errors.push(
        await failure(run, async (context) => {
          batch(context);
          await context.sync();
        })
      );
    expect(errors.map((e) => e.message)).toEqual([
      "The index is a whole number from 0.",
      "A chart position is text; got 5.",
      "A number format is text; got 5.",
      'The axis group is one of Primary, Secondary; got "Tertiary".',
      'The series chart type is one of Line, LineMarkers, ColumnClustered; got "Pie".',
      "A chart name is text; got 5.",
      "A chart title is text; got 5.",
      "The series index is a whole number from 0.",
      "The index is a whole number from 0.",
    ]);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(["InvalidArgument"]));
  });

  it("charts: a new chart's axis format is General; setPosition takes a range's first cell; delete removes it; each change redraws", async () => {
    const { run, workbook } = hostWorkbook();
    for (const [a1, v] of [
      ["A1", "Year"],
      ["B1", "Low"],
      ["A2", "2025"],
      ["B2", "1"],
    ])
      workbook.setInput("Sheet1", a1, v);
    let redraws = 0;
    workbook.onChange(() => redraws++);
    const format = await run(async (context) => {
      const chart = sheet1(context).charts.add(
        "Line",
        sheet1(context).getRange("A1:B2"),
        "Columns"
      );
      const axis = chart.axes.valueAxis.load("numberFormat");
      await context.sync();
      const before = redraws;
      chart.title.text = "Parity";
      await context.sync();
      expect(redraws).toBeGreaterThan(before);
      chart.setPosition(sheet1(context).getRange("E2:F3"), sheet1(context).getRange("K20"));
      await context.sync();
      return axis.numberFormat;
    });
    expect(format).toBe("General");
    expect([
      workbook.sheet("Sheet1").charts[0].from,
      workbook.sheet("Sheet1").charts[0].to,
    ]).toEqual(["E2", "K20"]);
    const left = await run(async (context) => {
      sheet1(context).charts.getItemAt(0).delete();
      const count = sheet1(context).charts.getCount();
      await context.sync();
      return count.value;
    });
    expect(left).toBe(0);
  });

  it("conditional formats: counted where they overlap the range, read at an index, deleted, cleared", async () => {
    const { run, workbook } = hostWorkbook();
    const found = await run(async (context) => {
      const s = sheet1(context);
      const first = s.getRange("B2:B5").conditionalFormats.add("CellValue");
      first.cellValue.rule = { formula1: "0", operator: "GreaterThan" };
      first.cellValue.format.fill.color = "#C6EFCE";
      s.getRange("D2").conditionalFormats.add("CellValue").cellValue.rule = {
        formula1: "1",
        operator: "LessThan",
      };
      await context.sync();
      const onB = s.getRange("B4").conditionalFormats.getCount();
      const onBD = s.getRange("B2:D2").conditionalFormats.getCount();
      const atOne = s.getRange("B2:D2").conditionalFormats.getItemAt(1).load("type");
      const rule = atOne.cellValue.load("rule");
      const fill = s
        .getRange("B2")
        .conditionalFormats.getItemAt(0)
        .cellValue.format.fill.load("color");
      const where = s.getRange("B2").conditionalFormats.getItemAt(0).getRange().load("address");
      await context.sync();
      const found = [
        onB.value,
        onBD.value,
        atOne.type,
        rule.rule.operator,
        fill.color,
        where.address,
      ];
      s.getRange("D2").conditionalFormats.getItemAt(0).delete();
      await context.sync();
      const afterDelete = s.getRange("A1:D5").conditionalFormats.getCount();
      s.getRange("B3").conditionalFormats.clearAll();
      await context.sync();
      const afterClear = s.getRange("A1:D5").conditionalFormats.getCount();
      await context.sync();
      return [...found, afterDelete.value, afterClear.value];
    });
    expect(found).toEqual([1, 2, "CellValue", "LessThan", "#C6EFCE", "Sheet1!B2:B5", 1, 0]);
    expect(workbook.sheet("Sheet1").conditionalFormats).toEqual([]);
  });

  it("conditional formats: an id of its own, a colour as text, each change redraws", async () => {
    const { run, workbook } = hostWorkbook();
    let redraws = 0;
    workbook.onChange(() => redraws++);
    const ids = await run(async (context) => {
      const formats = sheet1(context).getRange("B2").conditionalFormats;
      const first = formats.add("CellValue").load("id");
      const second = formats.add("CellValue").load("id");
      await context.sync();
      const before = redraws;
      first.cellValue.rule = { formula1: "0", operator: "GreaterThan" };
      await context.sync();
      expect(redraws).toBeGreaterThan(before);
      return [first.id, second.id];
    });
    expect(ids.map((id) => typeof id)).toEqual(["string", "string"]);
    expect(ids[0]).not.toBe(ids[1]);
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("B2").conditionalFormats.getItemAt(0).cellValue.format.fill.color =
        5 as unknown as string;
      await context.sync();
    });
    expect(error).toEqual({ code: "InvalidArgument", message: "A colour is text; got 5." });
  });

  it("conditional formats: getItemAt past the end is ItemNotFound; Between needs formula2", async () => {
    expect(
      await refusal((context) =>
        sheet1(context).getRange("A1").conditionalFormats.getItemAt(0).load("type")
      )
    ).toEqual({ code: "ItemNotFound", message: "There is no conditional format at 0." });
    expect(
      await refusal((context) => {
        sheet1(context).getRange("A1").conditionalFormats.add("CellValue").cellValue.rule = {
          formula1: "1",
          formula2: " ",
          operator: "Between",
        };
      })
    ).toEqual({
      code: "InvalidArgument",
      message: 'A "Between" rule has formula2 as well as formula1.',
    });
  });

  it("freezeRows() and freezeColumns() without a count are refused: Excel's reference gives no default", async () => {
    expect(await refusal((context) => sheet1(context).freezePanes.freezeRows())).toEqual({
      code: "InvalidArgument",
      message: "The rows is a whole number from 0.",
    });
    expect(await refusal((context) => sheet1(context).freezePanes.freezeColumns())).toEqual({
      code: "InvalidArgument",
      message: "The columns is a whole number from 0.",
    });
  });
});
