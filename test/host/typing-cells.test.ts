/**
 * Cells written and typed on the Excel host (src/host/workbook.ts): what a write leaves, what
 * typing next to a table does to it, and the words of each refusal. As Excel does it: typing just
 * below a table or just right of it extends it (AutoCorrect's table expansion), nowhere else.
 */
import { hostWorkbook } from "../../src/host/node";
import { HostWorkbook } from "../../src/host/workbook";
import { rect } from "../helpers/host";

describe("writes", () => {
  it("null cells in an array leave their cells as they are", async () => {
    const { run, workbook } = hostWorkbook();
    workbook.setInput("Sheet1", "B1", "kept");
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [
        [1, null as unknown as number],
      ];
      await context.sync();
    });
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "B1")]).toEqual([1, "kept"]);
  });

  it("a value no cell can hold, and an array that is not rows, are refused in words", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    expect(() => workbook.write(sheet, rect(0, 0, 0, 0), [[Infinity]], "values")).toThrow(
      expect.objectContaining({
        code: "InvalidArgument",
        message: "A cell of values cannot hold Infinity.",
      })
    );
    expect(() => workbook.write(sheet, rect(0, 0, 0, 0), [5], "values")).toThrow(
      "The values array is 1×?; the range A1 is 1×1."
    );
  });

  it("error values read as their code with an empty message where none was given", () => {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A1", "=1/0");
    workbook.setInput("Sheet1", "A2", "=NA()");
    // #NULL! typed: a constant HyperFormula has no code for; the cell still answers its own.
    workbook.setInput("Sheet1", "A3", "#NULL!");
    expect(["A1", "A2", "A3"].map((a1) => workbook.value("Sheet1", a1))).toEqual([
      { error: "#DIV/0!", message: "" },
      { error: "#N/A", message: "" },
      { error: "#NULL!", message: "" },
    ]);
  });

  it("hasFormula tells a formula from a constant, and from text that reads like one", () => {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A1", "=1+1");
    workbook.setInput("Sheet1", "A2", "2");
    workbook.setInput("Sheet1", "A3", "'=1+1");
    const sheet = workbook.sheet("Sheet1");
    expect([0, 1, 2].map((row) => workbook.hasFormula(sheet, row, 0))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("typed text that starts with - and does not parse stays text", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.typeInto(sheet, 0, 0, "-abc+");
    workbook.typeInto(sheet, 1, 0, "-5+1");
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "A2")]).toEqual(["-abc+", -4]);
  });
});

describe("typing next to a table extends it as Excel does, and only there", () => {
  /** A table B2:C3 (headers Year, Parity) on Sheet1, and Other; what typing leaves it as. */
  function typed(where: { sheet?: string; row: number; column: number; text: string }) {
    const workbook = new HostWorkbook([], { sheets: ["Sheet1", "Other"] });
    const sheet = workbook.sheet("Sheet1");
    workbook.setInput("Sheet1", "B2", "Year");
    workbook.setInput("Sheet1", "C2", "Parity");
    workbook.setInput("Sheet1", "B3", "2025");
    workbook.setInput("Sheet1", "C3", "0.6");
    workbook.addTable(sheet, rect(1, 1, 2, 2), true);
    workbook.typeInto(workbook.sheet(where.sheet ?? "Sheet1"), where.row, where.column, where.text);
    const [table] = workbook.tables();
    return { address: table.rect, header: workbook.value("Sheet1", "D2") };
  }

  it.each([
    ["just below it", { row: 3, column: 1, text: "2026" }, rect(1, 1, 3, 2)],
    ["below it, left of its first column", { row: 3, column: 0, text: "2026" }, rect(1, 1, 2, 2)],
    ["just below it, an empty entry", { row: 3, column: 1, text: "" }, rect(1, 1, 2, 2)],
    [
      "just below it on another sheet",
      { sheet: "Other", row: 3, column: 1, text: "x" },
      rect(1, 1, 2, 2),
    ],
    ["just right of its body", { row: 2, column: 3, text: "1" }, rect(1, 1, 2, 3)],
    ["right of it, above its header", { row: 0, column: 3, text: "1" }, rect(1, 1, 2, 2)],
  ])("typing %s", (_, where, expected) => {
    expect(typed(where).address).toEqual(expected);
  });

  it("a new column right of it is named Column3 unless its header cell was typed", () => {
    expect(typed({ row: 2, column: 3, text: "1" }).header).toBe("Column3");
    expect(typed({ row: 1, column: 3, text: "Share" })).toEqual({
      address: rect(1, 1, 2, 3),
      header: "Share",
    });
  });
});
