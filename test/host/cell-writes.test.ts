/**
 * What the Excel host (src/host/workbook.ts) does with a write, a clear, a number format and a
 * colour, cell by cell, through Microsoft's client where the pane would go that way: each cell read
 * by its own format, formulas entered after the cells the same write empties, a blocked spill
 * entered again only when a cell is emptied, `clear`'s four kinds, a table's cleared headers named
 * again, Excel's colour names, and every refusal's words. Engine writes are counted where the
 * count is the behaviour: a formula entered twice is a custom function called twice.
 */
import type { AddinFunction } from "../../src/host/contract";
import { hostWorkbook } from "../../src/host/node";
import { HostWorkbook } from "../../src/host/workbook";
import { rect } from "../helpers/host";

/** How many cells the engine is given from now on. */
const engineWrites = (workbook: HostWorkbook) => jest.spyOn(workbook.engine, "setCellContents");

const values = (workbook: HostWorkbook, sheet: string, cells: string[]) =>
  cells.map((a1) => workbook.value(sheet, a1));

describe("a write", () => {
  it("reads each cell by its own number format: a text-formatted cell keeps what it is given as text", async () => {
    const { run, workbook } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A2").numberFormat = [["@"]];
      sheet.getRange("A1:A2").values = [["1"], ["2"]];
      await context.sync();
    });
    expect(values(workbook, "Sheet1", ["A1", "A2"])).toEqual([1, "2"]);
  });

  it("of undefined, as JavaScript may pass it, writes nothing and recalculates nothing", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.setInput("Sheet1", "B1", "kept");
    const changes = jest.fn();
    workbook.onChange(changes);
    workbook.write(sheet, rect(0, 0, 0, 1), undefined, "values");
    expect(changes).not.toHaveBeenCalled();
    workbook.write(sheet, rect(0, 0, 0, 1), [[1, undefined]], "values");
    expect(values(workbook, "Sheet1", ["A1", "B1"])).toEqual([1, "kept"]);
  });

  it("that Excel refuses names the cell it refuses, row by row", () => {
    const workbook = new HostWorkbook([]);
    expect(() =>
      workbook.write(workbook.sheet("Sheet1"), rect(0, 0, 1, 0), [["=1"], ["=SUM("]], "formulas")
    ).toThrow("Excel cannot parse the formula =SUM( in Sheet1!A2.");
  });

  it("enters its formulas after the cells it empties: a formula that spills over them is entered once", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A2", "5");
    const writes = engineWrites(workbook);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").formulas = [
        ["=SEQUENCE(2)"],
        [""],
      ];
      await context.sync();
    });
    expect(values(workbook, "Sheet1", ["A1", "A2"])).toEqual([1, 2]);
    // A2 emptied, A1 entered: two. Entered first, A1 would be #SPILL! and entered again.
    expect(writes).toHaveBeenCalledTimes(2);
  });
});

describe("a spill that is blocked", () => {
  /** A1's SEQUENCE(2) blocked by A2; B1 a formula, B2 an error formula, B3 #SPILL! typed. */
  function blocked() {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A1", "=SEQUENCE(2)");
    workbook.setInput("Sheet1", "A2", "x");
    workbook.setInput("Sheet1", "B1", "=1+1");
    workbook.setInput("Sheet1", "B2", "=1/0");
    workbook.setInput("Sheet1", "B3", "#SPILL!");
    workbook.setInput("Sheet1", "D1", "to clear");
    workbook.setInput("Sheet1", "D2", "to clear");
    return workbook;
  }

  it("is not entered again by a write that empties nothing", () => {
    const workbook = blocked();
    const writes = engineWrites(workbook);
    workbook.setInput("Sheet1", "C1", "5");
    expect(writes).toHaveBeenCalledTimes(1);
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#SPILL!" });
  });

  it("is entered again when a cell is emptied, and only it: formulas with other values or errors, and #SPILL! typed, are left alone", () => {
    const workbook = blocked();
    const writes = engineWrites(workbook);
    workbook.clear(workbook.sheet("Sheet1"), rect(0, 3, 0, 3), "Contents");
    // D1 emptied, A1 entered again (emptied, then its formula): three.
    expect(writes).toHaveBeenCalledTimes(3);
    expect(values(workbook, "Sheet1", ["A1", "B1", "B2", "B3"])).toEqual([
      { error: "#SPILL!", message: expect.any(String) },
      2,
      { error: "#DIV/0!", message: "" },
      { error: "#SPILL!", message: "" },
    ]);
    // Once the emptied cells are seen to, a write that empties nothing enters nothing more.
    writes.mockClear();
    workbook.setInput("Sheet1", "C1", "5");
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it("spills once the cell in its way is emptied", () => {
    const workbook = blocked();
    workbook.setInput("Sheet1", "A2", "");
    expect(values(workbook, "Sheet1", ["A1", "A2"])).toEqual([1, 2]);
  });
});

describe("functions Excel does not know yet", () => {
  it("a formula entered calling one is #NAME? naming it, though it calls a registered one first; entered again once it is registered, it computes", () => {
    let late = false;
    const fn = (id: string, result: number, registered: () => boolean): AddinFunction => ({
      id,
      parameters: [],
      result: {},
      invoke: () => result,
      registered,
    });
    const workbook = new HostWorkbook([fn("LATE", 1, () => late), fn("READY", 2, () => true)]);
    workbook.setInput("Sheet1", "A1", "=CNAI.READY()");
    workbook.setInput("Sheet1", "A2", "=CNAI.LATE()");
    workbook.setInput("Sheet1", "A3", "=CNAI.READY()+CNAI.LATE()+B1");
    const stuck = {
      error: "#NAME?",
      message:
        "CNAI.LATE was not registered when this formula was entered; once it is, enter it again.",
    };
    expect(values(workbook, "Sheet1", ["A1", "A2", "A3"])).toEqual([2, stuck, stuck]);
    // Registered now, and B1 changed: A3 computes again, and is still #NAME?, as in Excel.
    late = true;
    workbook.setInput("Sheet1", "B1", "10");
    expect(workbook.value("Sheet1", "A3")).toEqual(stuck);
    workbook.setInput("Sheet1", "A3", "=CNAI.READY()+CNAI.LATE()+B1");
    expect(workbook.value("Sheet1", "A3")).toBe(13);
  });
});

describe("typing", () => {
  it("text after + or - that Excel could not enter as a formula (nested 100 deep) stays text", () => {
    const workbook = new HostWorkbook([]);
    const deep = `-${"(".repeat(100)}1${")".repeat(100)}`;
    workbook.setInput("Sheet1", "A1", deep);
    expect(workbook.value("Sheet1", "A1")).toBe(deep);
    expect(workbook.hasFormula(workbook.sheet("Sheet1"), 0, 0)).toBe(false);
  });

  it("right of the second of two tables names the new column by that table's headers", async () => {
    const { run, workbook } = hostWorkbook();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B1").values = [["Column3", "b"]];
      sheet.getRange("D1:E1").values = [["p", "q"]];
      context.workbook.tables.add("Sheet1!A1:B3", true).name = "First";
      context.workbook.tables.add("Sheet1!D1:E3", true).name = "Second";
      await context.sync();
    });
    workbook.setInput("Sheet1", "F2", "7");
    // Second's third column: "Column3", free in Second whatever First holds.
    expect(workbook.value("Sheet1", "F1")).toBe("Column3");
    expect(workbook.tables().map((t) => t.name)).toEqual(["First", "Second"]);
  });
});

describe("number formats", () => {
  it('"" and "General" are no format: General read back, the used range as it was', async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[5]];
      sheet.getRange("B1").numberFormat = [["0.00"]];
      sheet.getRange("B1").numberFormat = [[""]];
      sheet.getRange("Z100").numberFormat = [["General"]];
      const b1 = sheet.getRange("B1").load("numberFormat");
      const used = sheet.getUsedRange().load("address");
      await context.sync();
      return { b1: b1.numberFormat, used: used.address };
    });
    expect(read).toEqual({ b1: [["General"]], used: "Sheet1!A1" });
  });

  it("refuses a code that is not text, an array of another size and a range too large, in words", async () => {
    const { run } = hostWorkbook();
    const refusal = (set: (sheet: Excel.Worksheet) => void) =>
      run(async (context) => {
        set(context.workbook.worksheets.getItem("Sheet1"));
        await context.sync();
      }).then(
        () => "taken",
        (error: OfficeExtension.Error) => `${error.code}: ${error.message}`
      );
    expect(
      await refusal((sheet) => {
        sheet.getRange("A1").numberFormat = [[5 as unknown as string]];
      })
    ).toBe("InvalidArgument: A number format is text.");
    expect(
      await refusal((sheet) => {
        sheet.getRange("A1:C1").numberFormat = [["0", "0"]];
      })
    ).toBe("InvalidArgument: The numberFormat array is 1×2; the range A1:C1 is 1×3.");
    const workbook = new HostWorkbook([]);
    expect(() =>
      workbook.setNumberFormat(workbook.sheet("Sheet1"), rect(0, 0, 1_048_575, 4), "0.00")
    ).toThrow("Setting numberFormat on A:E at once is more than Excel's request can carry.");
  });

  it("leaves a cell given undefined as it is", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.setNumberFormat(sheet, rect(0, 0, 0, 1), [["0.00", undefined]]);
    expect([0, 1].map((column) => workbook.numberFormatAt(sheet, 0, column))).toEqual([
      "0.00",
      "General",
    ]);
  });
});

describe("clear", () => {
  /** A1 5 in bold as 0.00, B1 text; then `clear(applyTo)` over A1:B1 through the client. */
  async function cleared(applyTo?: string) {
    const { run } = hostWorkbook();
    return run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const range = sheet.getRange("A1:B1");
      range.values = [[5, "text"]];
      sheet.getRange("A1").numberFormat = [["0.00"]];
      sheet.getRange("A1").format.font.bold = true;
      range.clear(applyTo as Excel.ClearApplyTo);
      const a1 = sheet.getRange("A1").load(["values", "numberFormat"]);
      const font = a1.format.font.load("bold");
      await context.sync();
      return { values: a1.values[0][0], format: a1.numberFormat[0][0], bold: font.bold };
    });
  }

  it.each([
    [undefined, { values: "", format: "General", bold: false }],
    ["All", { values: "", format: "General", bold: false }],
    ["Contents", { values: "", format: "0.00", bold: true }],
    ["Formats", { values: 5, format: "General", bold: false }],
    // Hyperlinks are not modelled: nothing here for either to clear.
    ["Hyperlinks", { values: 5, format: "0.00", bold: true }],
    ["RemoveHyperlinks", { values: 5, format: "0.00", bold: true }],
  ])("applying to %s", async (applyTo, left) => {
    expect(await cleared(applyTo)).toEqual(left);
  });

  it("applying to something Excel does not know is refused in words", async () => {
    await expect(cleared("Everything")).rejects.toMatchObject({
      code: "InvalidArgument",
      message: '"Everything" is not something clear applies to.',
    });
  });

  /** Table A1:D3 with headers a…d on Sheet1, B1:C1 on Sheet2 holding "p", "q"; then `clear(address)`. */
  async function headersAfter(address: string) {
    const { run, workbook } = hostWorkbook(undefined, { sheets: ["Sheet1", "Sheet2"] });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:D1").values = [["a", "b", "c", "d"]];
      context.workbook.tables.add("Sheet1!A1:D3", true);
      context.workbook.worksheets.getItem("Sheet2").getRange("B1:C1").values = [["p", "q"]];
      context.workbook.worksheets
        .getItem(address.split("!")[0])
        .getRange(address.split("!")[1])
        .clear();
      await context.sync();
    });
    return {
      headers: values(workbook, "Sheet1", ["A1", "B1", "C1", "D1", "E1"]),
      other: values(workbook, "Sheet2", ["A1", "B1", "C1"]),
    };
  }

  it.each([
    ["Sheet1!A1:B1", ["Column1", "Column2", "c", "d", null]],
    ["Sheet1!C1:E1", ["a", "b", "Column3", "Column4", null]],
  ])(
    "of a table's header cells (%s) names them ColumnN again, and no other",
    async (address, headers) => {
      expect((await headersAfter(address)).headers).toEqual(headers);
    }
  );

  it("on another sheet leaves the table's headers alone, and writes no header there", async () => {
    expect(await headersAfter("Sheet2!A1:C1")).toEqual({
      headers: ["a", "b", "c", "d", null],
      other: [null, null, null],
    });
  });

  it("empties only the cells that hold something", () => {
    const workbook = new HostWorkbook([], { sheets: ["Sheet1", "Sheet2"] });
    workbook.setInput("Sheet1", "A1", "a");
    workbook.addTable(workbook.sheet("Sheet1"), rect(0, 0, 2, 1), true);
    workbook.setInput("Sheet2", "B1", "p");
    const writes = engineWrites(workbook);
    // Sheet2!A1:C1 over the coordinates of Sheet1's table header: one cell holds something.
    workbook.clear(workbook.sheet("Sheet2"), rect(0, 0, 0, 2), "Contents");
    expect(writes).toHaveBeenCalledTimes(1);
  });
});

describe("colours", () => {
  /** `fill.color` set to each of `colors` on A1, as read back; a refusal as its code and words. */
  const filled = (...colors: (string | null)[]) => {
    const { run } = hostWorkbook();
    return run(async (context) => {
      const fill = context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill;
      const read: string[] = [];
      for (const color of colors) {
        fill.color = color as string;
        fill.load("color");
        await context.sync();
        read.push(fill.color);
      }
      return read;
    }).catch((error: OfficeExtension.Error) => `${error.code}: ${error.message}`);
  };

  it("Excel's names in any case, and #RRGGBB in either case, read back as #RRGGBB", async () => {
    expect(
      await filled(
        "Black",
        "WHITE",
        "red",
        "Green",
        "blue",
        "Yellow",
        "orange",
        "Gray",
        "grey",
        "#12ab56"
      )
    ).toEqual([
      "#000000",
      "#FFFFFF",
      "#FF0000",
      "#008000",
      "#0000FF",
      "#FFFF00",
      "#FFA500",
      "#808080",
      "#808080",
      "#12AB56",
    ]);
  });

  it('"" and null clear a colour: the default white reads back', async () => {
    expect(await filled("red", "", "blue", null)).toEqual([
      "#FF0000",
      "#FFFFFF",
      "#0000FF",
      "#FFFFFF",
    ]);
  });

  it.each(["purple", "x#12AB56", "#12AB567", "#12AB5"])("%s is refused in words", async (color) => {
    expect(await filled(color)).toBe(
      `InvalidArgument: "${color}" is not a colour Excel knows (#RRGGBB or a name).`
    );
  });
});
