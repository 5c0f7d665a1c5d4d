/**
 * Tables, used ranges, spills and formats on the Excel host (src/host/workbook.ts), as Excel keeps
 * them: a table's default name and id, its style, name and size rules; a header row written in
 * part stays unique text, each header numbered from its table's first column; formulas over a
 * table follow it as it grows and show #REF! once it is gone; a used range from its cells and
 * spills; a format read over a range as one value or null. Refusals in Excel's codes and in words.
 */
import { hostWorkbook } from "../../src/host/node";
import { HostWorkbook } from "../../src/host/workbook";
import { answer } from "../helpers/failure";
import { rect } from "../helpers/host";

/** A table over `address`'s cells, which hold `headers` in its first row. */
function withTable(workbook: HostWorkbook, address: string, headers: string[]) {
  const [first] = address.split(":");
  const column = first.charCodeAt(0) - 65;
  const sheet = workbook.sheet("Sheet1");
  workbook.write(sheet, rect(0, column, 0, column + headers.length - 1), [headers], "values");
  const last = address.split(":")[1];
  return workbook.addTable(
    sheet,
    rect(0, column, Number(last.slice(1)) - 1, last.charCodeAt(0) - 65),
    true
  );
}

const headerRow = (workbook: HostWorkbook, cells: string[]) =>
  cells.map((a1) => workbook.value("Sheet1", a1));

describe("a table", () => {
  it("is named TableN after the tables there are, past a name taken, with ids 1, 2, …", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const first = workbook.addTable(sheet, rect(0, 0, 2, 0), true);
    const second = workbook.addTable(sheet, rect(0, 2, 2, 2), true);
    workbook.deleteTable(first);
    // One table left: Table2 is taken, so Table3.
    const third = workbook.addTable(sheet, rect(0, 4, 2, 4), true);
    expect([first, second, third].map((t) => [t.name, t.id])).toEqual([
      ["Table1", "1"],
      ["Table2", "2"],
      ["Table3", "3"],
    ]);
  });

  it("takes Excel's built-in styles, or none, and refuses any other in words", () => {
    const workbook = new HostWorkbook([]);
    const table = workbook.addTable(workbook.sheet("Sheet1"), rect(0, 0, 1, 0), true);
    const styled = (style: unknown) => answer(() => workbook.setTableStyle(table, style));
    expect(["TableStyleMedium15", "TableStyleLight1", "TableStyleDark11", ""].map(styled)).toEqual([
      "taken",
      "taken",
      "taken",
      "taken",
    ]);
    expect(table.style).toBe("");
    for (const style of ["Fancy", "xTableStyleLight1", "TableStyleLight1x", "TableStyleLight100"])
      expect(styled(style)).toBe(`InvalidArgument: "${style}" is not a table style.`);
  });

  it("may be renamed in another case, not to a name taken or too long, in words", () => {
    const workbook = new HostWorkbook([]);
    const table = workbook.addTable(workbook.sheet("Sheet1"), rect(0, 0, 1, 0), true);
    workbook.addName("Sales", "=1", "");
    const renamed = (name: string) => answer(() => workbook.renameTable(table, name));
    expect(renamed("TABLE1")).toBe("taken");
    expect(table.name).toBe("TABLE1");
    expect(renamed("sales")).toBe(
      'ItemAlreadyExists: The name "sales" is already used in this workbook.'
    );
    expect(renamed(`T${"x".repeat(254)}`)).toBe("taken");
    const long = `T${"x".repeat(255)}`;
    expect(renamed(long)).toBe(
      `InvalidArgument: "${long}" is not a valid name: it starts with a letter, _ or \\ and has no spaces or symbols.`
    );
  });

  it("spans at most half the sheet's rows here, and says so", async () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    expect(answer(() => workbook.addTable(sheet, rect(0, 0, 524_287, 0), true))).toBe("taken");
    expect(answer(() => workbook.addTable(sheet, rect(0, 2, 524_288, 2), true))).toBe(
      "InvalidArgument: A table cannot span whole columns here."
    );
    const { run } = hostWorkbook();
    await expect(
      run(async (context) => {
        context.workbook.tables.add("Sheet1!D:E", true);
        await context.sync();
      })
    ).rejects.toMatchObject({
      code: "InvalidArgument",
      message: "A table cannot span whole columns here.",
    });
  });

  describe("without headers", () => {
    it("is refused on the sheet's last row, its data having nowhere to shift", () => {
      const workbook = new HostWorkbook([]);
      expect(
        answer(() =>
          workbook.addTable(workbook.sheet("Sheet1"), rect(1_048_574, 0, 1_048_575, 0), false)
        )
      ).toBe(
        "InvalidArgument: The table's data cannot shift down: it ends on the sheet's last row."
      );
    });

    it("is refused over a row below that a spill reaches, naming the cell", () => {
      const workbook = new HostWorkbook([]);
      workbook.setInput("Sheet1", "C1", "=SEQUENCE(3)");
      expect(
        answer(() => workbook.addTable(workbook.sheet("Sheet1"), rect(0, 0, 1, 2), false))
      ).toBe(
        "InvalidOperation: A table without headers shifts its data down one row, and Sheet1!C3 below it is not empty; the host does not insert cells as Excel would, and will not overwrite them."
      );
    });

    it("shifts its data down under ColumnN headers when the row below is empty", () => {
      const workbook = new HostWorkbook([]);
      workbook.write(workbook.sheet("Sheet1"), rect(0, 0, 0, 1), [[1, 2]], "values");
      const table = workbook.addTable(workbook.sheet("Sheet1"), rect(0, 0, 0, 1), false);
      expect(headerRow(workbook, ["A1", "B1", "A2", "B2"])).toEqual(["Column1", "Column2", 1, 2]);
      expect(table.rect).toEqual(rect(0, 0, 1, 1));
    });
  });
});

describe("a header row written in part", () => {
  it("stays unique text: a name kept to the right is taken, one written beside it is not", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    withTable(workbook, "A1:D3", ["a", "b", "c", "d"]);
    workbook.write(sheet, rect(0, 1, 0, 2), [["c", "z"]], "values");
    expect(headerRow(workbook, ["A1", "B1", "C1", "D1"])).toEqual(["a", "c", "z", "d"]);
    workbook.write(sheet, rect(0, 0, 0, 0), [["d"]], "values");
    expect(headerRow(workbook, ["A1", "B1", "C1", "D1"])).toEqual(["d2", "c", "z", "d"]);
  });

  it("counts from the table's first column, wherever the table starts", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    withTable(workbook, "C1:F3", ["c", "d", "d2", "f"]);
    workbook.write(sheet, rect(0, 2, 0, 2), [["d"]], "values");
    workbook.write(sheet, rect(0, 3, 0, 3), [[""]], "values");
    expect(headerRow(workbook, ["C1", "D1", "E1", "F1"])).toEqual(["d3", "Column2", "d2", "f"]);
  });

  it("writes only its own cells", () => {
    const workbook = new HostWorkbook([]);
    withTable(workbook, "A1:D3", ["a", "b", "c", "d"]);
    const writes = jest.spyOn(workbook.engine, "setCellContents");
    workbook.write(workbook.sheet("Sheet1"), rect(0, 1, 0, 1), [["x"]], "values");
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it("takes a formula's value as text: its value, its first value, its error, ColumnN for an empty text", () => {
    const workbook = new HostWorkbook([]);
    withTable(workbook, "A1:D3", ["a", "b", "c", "d"]);
    workbook.write(
      workbook.sheet("Sheet1"),
      rect(0, 0, 0, 3),
      [["=1+1", "=SEQUENCE(2)", "=1/0", '=""']],
      "formulas"
    );
    expect(headerRow(workbook, ["A1", "B1", "C1", "D1"])).toEqual(["2", "1", "#DIV/0!", "Column4"]);
  });
});

describe("formulas over a table", () => {
  it("follow it as typing below grows it, and show #REF! once it is deleted", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.write(sheet, rect(0, 0, 2, 0), [["Amount"], [1], [2]], "values");
    const table = workbook.addTable(sheet, rect(0, 0, 2, 0), true);
    workbook.setInput("Sheet1", "D1", "=SUM(Table1[Amount])");
    workbook.setInput("Sheet1", "D2", "=ROWS(Table1[Amount])");
    expect(workbook.value("Sheet1", "D2")).toBe(2);
    workbook.setInput("Sheet1", "A4", "3");
    expect(workbook.value("Sheet1", "D1")).toBe(6);
    expect(workbook.value("Sheet1", "D2")).toBe(3);
    workbook.deleteTable(table);
    expect(workbook.value("Sheet1", "D1")).toMatchObject({ error: "#REF!" });
    expect(workbook.cell("Sheet1", "D1").input).toBe("=SUM(Table1[Amount])");
  });

  it("on another sheet a table's cells do not stop a spill", () => {
    const workbook = new HostWorkbook([], { sheets: ["Sheet1", "Sheet2"] });
    workbook.addTable(workbook.sheet("Sheet1"), rect(0, 0, 4, 2), true);
    workbook.setInput("Sheet2", "B2", "=SEQUENCE(2)");
    expect(workbook.value("Sheet2", "B3")).toBe(2);
  });
});

describe("the used range", () => {
  const used = async (build: (sheet: Excel.Worksheet) => void) => {
    const { run } = hostWorkbook();
    return run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      build(sheet);
      const range = sheet.getUsedRange().load("address");
      await context.sync();
      return range.address;
    });
  };

  it.each([
    ["A1 alone", ["A1"], "Sheet1!A1"],
    ["A5 written before A1", ["A5", "A1"], "Sheet1!A1:A5"],
    ["E1 written before A1", ["E1", "A1"], "Sheet1!A1:E1"],
    ["B2 and C3", ["B2", "C3"], "Sheet1!B2:C3"],
  ])("of %s", async (_, cells, address) => {
    expect(
      await used((sheet) => {
        for (const cell of cells) sheet.getRange(cell).values = [[1]];
      })
    ).toBe(address);
  });

  it("reaches as far as a spill", async () => {
    expect(
      await used((sheet) => {
        sheet.getRange("B2").formulas = [["=SEQUENCE(3,2)"]];
      })
    ).toBe("Sheet1!B2:C4");
  });

  it("with formats, as the workbench sizes its grid, reaches a formatted cell", () => {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A1", "1");
    workbook.setNumberFormat(workbook.sheet("Sheet1"), rect(9, 3, 9, 3), "0.00");
    expect(workbook.size("Sheet1")).toEqual({ rows: 10, columns: 4 });
  });
});

describe("a spill", () => {
  it("is the cells its formula fills, not the one below", () => {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A1", "=SEQUENCE(2)");
    const sheet = workbook.sheet("Sheet1");
    expect([1, 2].map((row) => workbook.spilledFrom(sheet, row, 0))).toEqual(["A1", undefined]);
  });

  it("is its own formula's: a formula above a spilled cell spills nothing", () => {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A2", "=SEQUENCE(1,2)");
    workbook.setInput("Sheet1", "B1", "=1+1");
    expect(workbook.spill("Sheet1", "B1")).toEqual({ rows: 1, columns: 1 });
    expect(workbook.spilledFrom(workbook.sheet("Sheet1"), 1, 1)).toBe("A2");
  });
});

describe("formats read over a range", () => {
  it("are one value where every cell agrees, null where the last row differs", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.setLook(sheet, rect(0, 0, 0, 1), "bold", true);
    expect(workbook.lookOf(sheet, rect(0, 0, 0, 1), "bold")).toBe(true);
    expect(workbook.lookOf(sheet, rect(0, 0, 1, 1), "bold")).toBeNull();
    expect(workbook.lookOf(sheet, rect(0, 0, 0, 2), "bold")).toBeNull();
  });
});

describe("column widths", () => {
  it("are from 0 to 1,912.5 points; any other is refused in words", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const width = (points: unknown) =>
      answer(() => workbook.setColumnWidth(sheet, rect(0, 0, 0, 0), points));
    expect([0, 1912.5].map(width)).toEqual(["taken", "taken"]);
    expect(workbook.columnWidthAt(sheet, 0)).toBe(1912.5);
    for (const points of [-0.5, 1913, "20"])
      expect(width(points)).toBe("InvalidArgument: A column width is from 0 to 1,912.5 points.");
  });
});
