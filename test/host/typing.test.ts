/**
 * What the workbench's grid does as Excel's does, on the host's workbook directly: a typed entry's
 * implied number format, a table growing by the row below or the column to its right, Excel's
 * names for empty and repeated headers, the active sheet after it is deleted, and the words for a
 * write of the wrong shape or of an object.
 */
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { hostWorkbook } from "../../src/host/node";
import { refusal } from "../helpers/failure";

const rect = (top: number, left: number, bottom = top, right = left) => ({
  top,
  left,
  bottom,
  right,
});

describe("typing into cells", () => {
  it("a typed percentage formats a General cell as 0%, and leaves a cell's own format alone", () => {
    const { workbook } = hostWorkbook();
    const sheet = workbook.sheet("Sheet1");
    workbook.typeInto(sheet, 0, 0, "5%");
    workbook.setNumberFormat(sheet, rect(1, 0), [["0.00"]]);
    workbook.typeInto(sheet, 1, 0, "5%");
    expect([workbook.numberFormatAt(sheet, 0, 0), workbook.numberFormatAt(sheet, 1, 0)]).toEqual([
      "0%",
      "0.00",
    ]);
    expect(workbook.valueAt(sheet, 1, 0)).toBe(0.05);
  });

  describe("a table grows as the analyst types beside it", () => {
    /** Sales at C1:D3: Item, Amount; a, 1; b, 2 — the amounts formatted 0.0%. */
    function sales(headers = ["Item", "Amount"]) {
      const { workbook } = hostWorkbook();
      const sheet = workbook.sheet("Sheet1");
      workbook.write(sheet, rect(0, 2, 2, 3), [headers, ["a", 1], ["b", 2]], "values");
      const table = workbook.addTable(sheet, rect(0, 2, 2, 3), true);
      workbook.setNumberFormat(sheet, rect(2, 3), [["0.0%"]]);
      return { workbook, sheet, table };
    }

    it("by the row below, the row above's formats carried down", () => {
      const { workbook, sheet, table } = sales();
      workbook.typeInto(sheet, 3, 2, "c");
      expect(table.rect).toEqual(rect(0, 2, 3, 3));
      expect(workbook.numberFormatAt(sheet, 3, 3)).toBe("0.0%");
    });

    it("by the column to the right, named ColumnN after its place when its header is empty", () => {
      const { workbook, sheet, table } = sales();
      workbook.typeInto(sheet, 1, 4, "x");
      expect(table.rect).toEqual(rect(0, 2, 2, 4));
      expect(workbook.inputAt(sheet, 0, 4)).toBe("Column3");
    });

    it("a ColumnN the table already has is skipped", () => {
      const { workbook, sheet } = sales(["Column3", "Amount"]);
      workbook.typeInto(sheet, 2, 4, "x");
      expect(workbook.inputAt(sheet, 0, 4)).toBe("Column4");
    });

    it("typing below the row under the table, or beside it past its rows, leaves it", () => {
      const { workbook, sheet, table } = sales();
      workbook.typeInto(sheet, 4, 2, "far below");
      workbook.typeInto(sheet, 3, 4, "diagonal");
      workbook.typeInto(sheet, 1, 1, "left");
      expect(table.rect).toEqual(rect(0, 2, 2, 3));
    });
  });
});

describe("what a typed entry is", () => {
  it.each([
    ["-5+1", "=-5+1", -4],
    ["-abc", "=-abc", { error: "#NAME?", message: "Named expression abc not recognized." }],
    ["-)(", "-)(", "-)("],
    ["+", "+", "+"],
  ])("%s: a leading sign makes a formula when one parses", (typed, input, value) => {
    const { workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", typed);
    expect(workbook.cell("Sheet1", "A1")).toMatchObject({ input, value });
  });

  it("a CNAI call with too many arguments is #VALUE!, in words", () => {
    const { workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "=CNAI.TOKEN_REVENUE(1,2,3)");
    expect(workbook.value("Sheet1", "A1")).toEqual({
      error: "#VALUE!",
      message: "TOKEN_REVENUE takes at most 2 arguments; got 3.",
    });
  });

  it("a call of a function not yet registered is #NAME?, saying to enter it again", () => {
    const functions = CORE_FUNCTIONS.map((f) =>
      f.id === "TOKEN_REVENUE" ? { ...f, registered: () => false } : f
    );
    const { workbook } = hostWorkbook(functions);
    workbook.setInput("Sheet1", "A1", "=CNAI.TOKEN_REVENUE(1,2)");
    workbook.setInput("Sheet1", "A2", "=CNAI.TOKEN_MARGIN(30%,15%,2)");
    expect(workbook.value("Sheet1", "A1")).toEqual({
      error: "#NAME?",
      message:
        "CNAI.TOKEN_REVENUE was not registered when this formula was entered; once it is, enter it again.",
    });
    expect(typeof workbook.value("Sheet1", "A2")).toBe("number");
  });

  it("a function that stops being registered is #NAME? when its cell next computes", () => {
    let registered = true;
    const functions = CORE_FUNCTIONS.map((f) =>
      f.id === "TOKEN_REVENUE" ? { ...f, registered: () => registered } : f
    );
    const { workbook } = hostWorkbook(functions);
    workbook.setInput("Sheet1", "B1", "1");
    workbook.setInput("Sheet1", "A1", "=CNAI.TOKEN_REVENUE(B1,2)");
    expect(typeof workbook.value("Sheet1", "A1")).toBe("number");
    registered = false;
    workbook.setInput("Sheet1", "B1", "3");
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
  });
});

it("a table's empty headers are ColumnN by place, a repeated one takes a number, case aside", () => {
  const { workbook } = hostWorkbook();
  const sheet = workbook.sheet("Sheet1");
  workbook.write(
    sheet,
    rect(0, 0, 1, 3),
    [
      ["", "Amount", "amount", ""],
      [1, 2, 3, 4],
    ],
    "values"
  );
  workbook.addTable(sheet, rect(0, 0, 1, 3), true);
  expect([0, 1, 2, 3].map((column) => workbook.inputAt(sheet, 0, column))).toEqual([
    "Column1",
    "Amount",
    "amount2",
    "Column4",
  ]);
  // An empty header whose ColumnN is taken counts on from there.
  workbook.write(
    sheet,
    rect(3, 0, 4, 1),
    [
      ["Column2", ""],
      [1, 2],
    ],
    "values"
  );
  workbook.addTable(sheet, rect(3, 0, 4, 1), true);
  expect([workbook.inputAt(sheet, 3, 0), workbook.inputAt(sheet, 3, 1)]).toEqual([
    "Column2",
    "Column3",
  ]);
});

it("deleting the active sheet activates the first visible one", () => {
  const { workbook } = hostWorkbook();
  const data = workbook.addSheet("Data");
  workbook.addSheet("Model");
  workbook.setVisibility(workbook.sheet("Sheet1"), "Hidden");
  workbook.activate(data);
  workbook.deleteSheet(data);
  expect(workbook.activeSheet().name).toBe("Model");
});

it("a number that is no number cannot be written: Infinity, in words", () => {
  const { workbook } = hostWorkbook();
  expect(() =>
    workbook.write(workbook.sheet("Sheet1"), rect(0, 0), [[Infinity]], "values")
  ).toThrow("A cell of values cannot hold Infinity.");
});

describe("writes Excel refuses, in words", () => {
  it.each([
    [[[{ a: 1 }]], "A1", "A cell of values cannot hold an object."],
    [[[1], [2]], "A1:B1", "The values array is 2×1; the range A1:B1 is 1×2."],
    [[], "A1:B1", "The values array is empty; the range A1:B1 is 1×2."],
  ])("%j into %s", async (values, address, message) => {
    const error = await refusal((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(address).values = values as never;
    });
    expect(error).toEqual({ code: "InvalidArgument", message });
  });
});
