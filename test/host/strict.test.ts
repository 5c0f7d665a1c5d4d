/**
 * The host is as strict as Excel: each of Excel's documented limits and rules (docs/excel-host.md,
 * "Excel's limits the host enforces"), tried through Microsoft's own client as an add-in would, with
 * the code Excel answers. Expected values are worked by hand from Excel's documentation.
 */
import { hostWorkbook } from "../../src/host/node";
import { Run, failure } from "../helpers/failure";

const sheet1 = (context: Excel.RequestContext) => context.workbook.worksheets.getItem("Sheet1");

describe("Excel's grid: 1,048,576 rows by 16,384 columns", () => {
  it.each([
    ["getCell(0, 16384)", (s: Excel.Worksheet) => s.getCell(0, 16384)],
    ["getCell(1048576, 0)", (s: Excel.Worksheet) => s.getCell(1_048_576, 0)],
    [
      "getRangeByIndexes(1048575, 0, 2, 1)",
      (s: Excel.Worksheet) => s.getRangeByIndexes(1_048_575, 0, 2, 1),
    ],
    [
      'getRange("A1").getOffsetRange(2000000, 0)',
      (s: Excel.Worksheet) => s.getRange("A1").getOffsetRange(2_000_000, 0),
    ],
    [
      'getRange("XFD1").getOffsetRange(0, 1)',
      (s: Excel.Worksheet) => s.getRange("XFD1").getOffsetRange(0, 1),
    ],
    [
      'getRange("A1048576").getResizedRange(1, 0)',
      (s: Excel.Worksheet) => s.getRange("A1048576").getResizedRange(1, 0),
    ],
    [
      'getRange("XFC1").getResizedRange(0, 2)',
      (s: Excel.Worksheet) => s.getRange("XFC1").getResizedRange(0, 2),
    ],
    ['getRange("XFE1")', (s: Excel.Worksheet) => s.getRange("XFE1")],
    ['getRange("A1048577")', (s: Excel.Worksheet) => s.getRange("A1048577")],
  ])("%s answers InvalidArgument", async (_, make) => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      make(sheet1(context)).load("address");
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("the grid's last cells are reachable: XFD1048576 by getCell, offset and resize", async () => {
    const { run } = hostWorkbook();
    const addresses = await run(async (context) => {
      const s = sheet1(context);
      const ranges = [
        s.getCell(1_048_575, 16_383),
        s.getRange("A1").getOffsetRange(1_048_575, 16_383),
        s.getRange("XFC1048575").getResizedRange(1, 1),
      ].map((r) => r.load("address"));
      await context.sync();
      return ranges.map((r) => r.address);
    });
    expect(addresses).toEqual([
      "Sheet1!XFD1048576",
      "Sheet1!XFD1048576",
      "Sheet1!XFC1048575:XFD1048576",
    ]);
  });
});

describe("error values and a leading + or - typed as input", () => {
  it.each([
    ["#N/A"],
    ["#DIV/0!"],
    ["#VALUE!"],
    ["#REF!"],
    ["#NAME?"],
    ["#NUM!"],
    ["#NULL!"],
    ["#SPILL!"],
    ["#CALC!"],
  ])("%s written as formulas and as values is that error value", async (code) => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1").formulas = [[code]];
      s.getRange("B1").values = [[code.toLowerCase()]];
      s.getRange("C1").numberFormat = [["@"]];
      s.getRange("C1").values = [[code]];
      const range = s.getRange("A1:C1").load("values,valueTypes,formulas");
      await context.sync();
      return range.toJSON();
    });
    // A cell formatted as text keeps what is written as text, as Excel does.
    expect(read.values).toEqual([[code, code, code]]);
    expect(read.valueTypes).toEqual([["Error", "Error", "String"]]);
    expect(read.formulas).toEqual([[code, code, code]]);
  });

  it("a formula over an error constant sees the error", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1:B1").formulas = [["#N/A", "=ISNA(A1)"]];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "B1")).toBe(true);
  });

  it.each([
    ["-5+1", "=-5+1", -4, "Double"],
    ["+2*3", "=+2*3", 6, "Double"],
    ["+A1", "=+A1", 7, "Double"],
    ["-A1", "=-A1", -7, "Double"],
    ["-5", -5, -5, "Double"],
    ["+5", 5, 5, "Double"],
    ["-", "-", "-", "String"],
  ])("%s written as a value is what Excel makes of it", async (input, formula, value, type) => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1").values = [[7]];
      s.getRange("B1").values = [[input]];
      const cell = s.getRange("B1").load("values,formulas,valueTypes");
      await context.sync();
      return cell.toJSON();
    });
    expect(read.formulas).toEqual([[formula]]);
    expect(read.values).toEqual([[value]]);
    expect(read.valueTypes).toEqual([[type]]);
  });
});

describe("formulas Excel refuses", () => {
  const nested = (levels: number) => `=${"ABS(".repeat(levels)}1${")".repeat(levels)}`;
  // 1 + 8 × 1,023 + 7 = 8,191 + 1: "=" and 1,024 terms of 1234567, 1,023 operators.
  const longest = `=${"1234567+".repeat(1023)}1234567`;
  it.each([
    ["=ROUND(1)", "=ROUND(1)", "ROUND takes 2 arguments; the formula gives it 1"],
    ["=ROUND(1,2,3)", "=ROUND(1,2,3)", "ROUND takes 2 arguments; the formula gives it 3"],
    ["=SUM()", "=SUM()", "SUM takes 1 to 255 arguments; the formula gives it 0"],
    ["=IF(TRUE)", "=IF(TRUE)", "IF takes 2 to 3 arguments; the formula gives it 1"],
    ["=PI(1)", "=PI(1)", "PI takes 0 arguments; the formula gives it 1"],
    ["a ragged array constant ={1,2;3}", "={1,2;3}", "rows have 2, 1 values"],
    ["256 arguments", `=SUM(${Array(256).fill(1).join(",")})`, "SUM has 256 arguments"],
    ["65 nested functions", nested(65), "more than 64 levels"],
    ["a 256-character text", `="${"x".repeat(256)}"`, "256 characters; Excel's limit is 255"],
    ["8,193 characters", `${longest}8`, "8,193 characters; Excel's limit is 8,192"],
    [
      "10,002 characters of parentheses",
      `=${"(".repeat(5000)}1${")".repeat(5000)}`,
      "10,002 characters",
    ],
    ["1,025 operators", `=1${"+1".repeat(1025)}`, "more than 1,024 operators"],
  ])("%s is refused with InvalidArgument", async (_, formula, why) => {
    const { workbook, run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("A1").formulas = [[formula]];
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain(why);
    expect(workbook.cell("Sheet1", "A1").input).toBe("");
  });

  it("a formula nested 4,000 parentheses deep is refused, not a crash of the parser", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("A1").formulas = [[`=${"(".repeat(4000)}1${")".repeat(4000)}`]];
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("more than 64 levels");
  });

  it("the limits' own edges are accepted: 64 levels, 255 arguments, 255-character text, 8,192 characters, 1,024 operators", async () => {
    const { workbook, run } = hostWorkbook();
    expect(longest.length).toBe(8_192);
    await run(async (context) => {
      sheet1(context).getRange("A1:E1").formulas = [
        [
          nested(64),
          `=SUM(${Array(255).fill(1).join(",")})`,
          `=LEN("${"x".repeat(255)}")`,
          longest,
          "={1,2;3,4}",
        ],
      ];
      sheet1(context).getRange("A3:C3").formulas = [
        ["=ROUND(1.25,1)", "=SUM(1)", `=1${"+1".repeat(1024)}`],
      ];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "A1")).toBe(1);
    expect(workbook.value("Sheet1", "B1")).toBe(255);
    expect(workbook.value("Sheet1", "C1")).toBe(255);
    expect(workbook.value("Sheet1", "D1")).toBe(1234567 * 1024);
    expect(workbook.spill("Sheet1", "E1")).toEqual({ rows: 2, columns: 2 });
    expect(workbook.value("Sheet1", "A3")).toBe(1.3);
    expect(workbook.value("Sheet1", "B3")).toBe(1);
    expect(workbook.value("Sheet1", "C3")).toBe(1025);
  });

  it("a cell holds 32,767 characters of text, not 32,768", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1").values = [["y".repeat(32_767)]];
      await context.sync();
    });
    expect(String(workbook.value("Sheet1", "A1")).length).toBe(32_767);
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("A2").values = [["y".repeat(32_768)]];
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("32,768 characters; Excel's limit is 32,767");
  });

  it("strings, quoted sheet names and structured references do not count as calls or nesting", async () => {
    const { workbook, run } = hostWorkbook(undefined, { sheets: ["Sheet1", "It's (here)"] });
    await run(async (context) => {
      context.workbook.worksheets.getItem("It's (here)").getRange("A1").values = [[4]];
      sheet1(context).getRange("A1:B1").formulas = [
        ['="ROUND(1) {1,2;3} ((("', "='It''s (here)'!A1*2"],
      ];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "A1")).toBe("ROUND(1) {1,2;3} (((");
    expect(workbook.value("Sheet1", "B1")).toBe(8);
  });

  it("a formula that is only a range spills it; a name refers to a quoted sheet's cells", async () => {
    const { workbook, run } = hostWorkbook(undefined, { sheets: ["Sheet1", "It's here"] });
    await run(async (context) => {
      context.workbook.worksheets.getItem("It's here").getRange("A1:B2").values = [
        [1, 2],
        [3, 4],
      ];
      sheet1(context).getRange("A1").formulas = [["='It''s here'!A1:B2"]];
      sheet1(context).getRange("D3").formulas = [["= $a$1 : $a$2 "]];
      context.workbook.names.add("Corner", "='It''s here'!$B$2");
      sheet1(context).getRange("F1").formulas = [["=Corner*10"]];
      await context.sync();
    });
    // A1:B2 of the other sheet spills 2 × 2 from A1: 1, 2; 3, 4. D3 spills A1:A2 of its own sheet
    // (what A1 spilled there: 1, 3) into D3:D4. The name is the cell holding 4.
    expect(workbook.spill("Sheet1", "A1")).toEqual({ rows: 2, columns: 2 });
    expect(workbook.value("Sheet1", "B2")).toBe(4);
    expect(workbook.spill("Sheet1", "D3")).toEqual({ rows: 2, columns: 1 });
    expect(workbook.value("Sheet1", "D4")).toBe(3);
    expect(workbook.value("Sheet1", "F1")).toBe(40);
    expect(workbook.names().map((n) => workbook.nameFormula(n))).toEqual(["='It''s here'!$B$2"]);
  });

  it("a list validation's =INDIRECT(\"Table[Column]\") follows the table's column", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1:A3").values = [["Scenario"], ["Bear"], ["Bull"]];
      sheet1(context).tables.add("A1:A3", true).name = "Cases";
      sheet1(context).getRange("C1").dataValidation.rule = {
        list: { inCellDropDown: true, source: '=INDIRECT("Cases[Scenario]")' },
      };
      await context.sync();
    });
    expect(workbook.validationChoices("Sheet1", "C1")).toEqual(["Bear", "Bull"]);
    workbook.setInput("Sheet1", "A4", "Base");
    expect(workbook.validationChoices("Sheet1", "C1")).toEqual(["Bear", "Bull", "Base"]);
  });

  it("a number's exponent in capitals, as Excel writes it, is taken; a text keeps its case", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1:D1").formulas = [
        ["=1.5E-3*2", "=1E+2+1.E1", '="1E5"&"x"', "=2"],
      ];
      sheet1(context).getRange("E1").formulas = [["=D1*1E1"]];
      await context.sync();
    });
    // 1.5 × 10⁻³ × 2 = 0.003; 10² + 1 × 10¹ = 110; D1 × 10¹ = 20; the text stays "1E5".
    expect(workbook.value("Sheet1", "A1")).toBeCloseTo(0.003, 15);
    expect(workbook.value("Sheet1", "B1")).toBe(110);
    expect(workbook.value("Sheet1", "C1")).toBe("1E5x");
    expect(workbook.value("Sheet1", "E1")).toBe(20);
    expect(workbook.cell("Sheet1", "A1").input).toBe("=1.5E-3*2");
  });
});

describe("number formats are parsed as Excel parses them", () => {
  it.each([
    ["an unclosed quote", '0.0"bn', "quote that is not closed"],
    ["an unclosed bracket", "[Red0.0", "bracket that is not closed"],
    ["a ] without [", "0.0]", "] without its ["],
    ["five sections", "0;-0;0;@;0", "more than four sections"],
    ["a letter that is no code", "0.0 bn", '"b" outside quotes'],
    ["an unknown bracket", "[Purple]0", "[Purple]"],
    ["a condition without a number", "[>=]0", "[>=]"],
    ["Color57", "[Color57]0", "[Color57]"],
    ["a trailing backslash", "0\\", "ends with \\"],
    ["a trailing *", "0*", "ends with *"],
    ["a symbol Excel does not show bare", "0|0", '"|" outside quotes'],
    ["256 characters", `0${'"x"'.repeat(85)}`, "256 characters; Excel's limit is 255"],
  ])(
    "%s is refused with InvalidArgument, and no cell of the range changes",
    async (_, code, why) => {
      const { workbook, run } = hostWorkbook();
      const error = await failure(run, async (context) => {
        sheet1(context).getRange("A1:B1").numberFormat = [["0.00", code]];
        await context.sync();
      });
      expect(error.code).toBe("InvalidArgument");
      expect(error.message).toContain(why);
      expect(workbook.cell("Sheet1", "A1").numberFormat).toBe("General");
    }
  );

  it("255 characters, Excel's limit, are taken", async () => {
    const { workbook, run } = hostWorkbook();
    const code = `0"${"x".repeat(252)}"`;
    expect(code).toHaveLength(255);
    await run(async (context) => {
      sheet1(context).getRange("A1").numberFormat = [[code]];
      await context.sync();
    });
    expect(workbook.cell("Sheet1", "A1").numberFormat).toBe(code);
  });

  it("a chart's axis refuses the same codes", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const s = sheet1(context);
      s.getRange("A1:B3").values = [
        ["x", "y"],
        ["a", 1],
        ["b", 2],
      ];
      const chart = s.charts.add(Excel.ChartType.line, s.getRange("A1:B3"));
      chart.axes.valueAxis.numberFormat = '0"%';
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  // Every format CNAI's plans write (src/plans/model.ts, tables.ts), and Excel's common codes.
  it.each([
    ["General"],
    ["0.0%"],
    ["0.00%"],
    ["0%"],
    ["0.0"],
    ["0"],
    ["#,##0"],
    ['"$"0.00'],
    ['"$"0.0"bn"'],
    ['0" T"'],
    ['"$"0.00"/M"'],
    ['0" nm"'],
    ['0.0"x"'],
    ["yyyy-mm-dd"],
    ["@"],
    ["0.00E+00"],
    ["#,##0.00;[Red]-#,##0.00"],
    ['[>=1000]#,##0,"K";0'],
    ["[$€-407] #,##0.00"],
    ["[h]:mm:ss"],
    ["h:mm AM/PM"],
    ["0.0\\x"],
    ['_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)'],
    ["# ?/4"],
    ["[Color10]0;[Blue]-0;0;@"],
    ["0.00元"],
  ])("%s is accepted", async (code) => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1").numberFormat = [[code]];
      await context.sync();
    });
    expect(workbook.cell("Sheet1", "A1").numberFormat).toBe(code);
  });
});

describe("tables", () => {
  /** A table "Sales" over A1:B3 with headers Item, Amount and data rows a 1, b 2. */
  async function sales(run: Run) {
    await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1:B3").values = [
        ["Item", "Amount"],
        ["a", 1],
        ["b", 2],
      ];
      s.tables.add("A1:B3", true).name = "Sales";
      await context.sync();
    });
  }

  it("a header written anew is the name structured references find, after the table moves too", async () => {
    const { workbook, run } = hostWorkbook();
    await sales(run);
    await run(async (context) => {
      sheet1(context).getRange("D1").formulas = [["=SUM(Sales[Amount])"]];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "D1")).toBe(3);
    await run(async (context) => {
      sheet1(context).getRange("B1").values = [["Total"]];
      // A rename re-reads every table's place and columns.
      context.workbook.tables.getItem("Sales").name = "Orders";
      sheet1(context).getRange("E1").formulas = [["=SUM(Orders[Total])*10"]];
      await context.sync();
    });
    // 1 + 2 = 3, ten times: the column is found under the name its header has now.
    expect(workbook.value("Sheet1", "E1")).toBe(30);
  });

  it("a formula that would spill inside a table's body is #SPILL!; outside it spills", async () => {
    const { workbook, run } = hostWorkbook();
    await sales(run);
    const read = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("B2").formulas = [['=A2:A3&"!"']];
      s.getRange("D2").formulas = [['=A2:A3&"!"']];
      s.getRange("B3").formulas = [["=LEN(A3)*10"]];
      const body = s.getRange("B2:B3").load("values,valueTypes,formulas");
      await context.sync();
      return body.toJSON();
    });
    expect(read.values).toEqual([["#SPILL!"], [10]]);
    expect(workbook.value("Sheet1", "B2")).toEqual({
      error: "#SPILL!",
      message: "Excel does not spill a formula inside a table.",
    });
    expect(read.valueTypes).toEqual([["Error"], ["Double"]]);
    // The formula bar keeps the formula as written.
    expect(read.formulas).toEqual([['=A2:A3&"!"'], ["=LEN(A3)*10"]]);
    expect(workbook.value("Sheet1", "D3")).toBe("b!");
    expect(workbook.spill("Sheet1", "D2")).toEqual({ rows: 2, columns: 1 });
  });

  it("a one-row array of two cells inside a table's body is #SPILL! too", async () => {
    const { workbook, run } = hostWorkbook();
    await sales(run);
    await run(async (context) => {
      const s = sheet1(context);
      s.getRange("D1:E1").values = [[7, 8]];
      s.getRange("B3").formulas = [["=D1:E1"]];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "B3")).toEqual({
      error: "#SPILL!",
      message: "Excel does not spill a formula inside a table.",
    });
  });

  it("a one-cell array inside a table's body is its value, not a spill", async () => {
    const { run } = hostWorkbook();
    await sales(run);
    const values = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("B2").formulas = [['=A2:A2&"!"']];
      s.getRange("B3").formulas = [["=A3:A3"]];
      const body = s.getRange("B2:B3").load("values");
      await context.sync();
      return body.values;
    });
    expect(values).toEqual([["a!"], ["b"]]);
  });

  it("a table made over a spilling formula makes it #SPILL! and empties the cells it spilled into", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1:B2").values = [
        ["Item", "Amount"],
        [5, null],
      ];
      s.getRange("B2").formulas = [["={1;2}*A2"]];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "B3")).toBe(10);
    await run(async (context) => {
      sheet1(context).tables.add("A1:B2", true);
      sheet1(context).getRange("A3").formulas = [["=SUM(5,2)"]];
      await context.sync();
    });
    expect(workbook.value("Sheet1", "B2")).toEqual(expect.objectContaining({ error: "#SPILL!" }));
    expect(workbook.value("Sheet1", "B3")).toBeNull();
    expect(workbook.value("Sheet1", "A3")).toBe(7);
  });

  it.each([
    ["emptied", "", ["Item", "Column2"]],
    ["given another header's name", "item", ["Item", "item2"]],
    ["given a formula", "=1+1", ["Item", "2"]],
    ["given a number", 2027, ["Item", "2027"]],
  ])("a header cell %s stays unique, non-empty text", async (_, input, headers) => {
    const { run } = hostWorkbook();
    await sales(run);
    const read = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("B1").values = [[input]];
      const header = s.getRange("A1:B1").load("values,formulas,valueTypes");
      const table = s.tables.getItem("Sales").getHeaderRowRange().load("values");
      await context.sync();
      return { header: header.toJSON(), table: table.values };
    });
    expect(read.header.values).toEqual([headers]);
    expect(read.header.formulas).toEqual([headers]);
    expect(read.header.valueTypes).toEqual([["String", "String"]]);
    expect(read.table).toEqual([headers]);
  });

  it("a header cell cleared is ColumnN again; deleting the table clears it for good", async () => {
    const { workbook, run } = hostWorkbook();
    await sales(run);
    await run(async (context) => {
      sheet1(context).getRange("B1:B2").clear(Excel.ClearApplyTo.contents);
      await context.sync();
    });
    expect(workbook.value("Sheet1", "B1")).toBe("Column2");
    expect(workbook.value("Sheet1", "B2")).toBeNull();
    await run(async (context) => {
      context.workbook.tables.getItem("Sales").delete();
      await context.sync();
    });
    expect(workbook.value("Sheet1", "A1")).toBeNull();
    expect(workbook.value("Sheet1", "B1")).toBeNull();
  });

  it("a header row written whole is settled left to right: swapped names stay, a repeat gets 2", async () => {
    const { workbook, run } = hostWorkbook();
    await sales(run);
    await run(async (context) => {
      sheet1(context).getRange("A1:B1").values = [["Amount", "Item"]];
      await context.sync();
    });
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "B1")]).toEqual([
      "Amount",
      "Item",
    ]);
    await run(async (context) => {
      sheet1(context).getRange("A1:B1").values = [["Cost", "Cost"]];
      await context.sync();
    });
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "B1")]).toEqual([
      "Cost",
      "Cost2",
    ]);
  });

  it("tables.add(range, false) makes a header row and shifts the data down into an empty row", async () => {
    const { workbook, run } = hostWorkbook();
    const address = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1:B2").values = [
        ["a", 1],
        ["b", 2],
      ];
      const table = s.tables.add("A1:B2", false);
      const range = table.getRange().load("address");
      await context.sync();
      return range.address;
    });
    expect(address).toBe("Sheet1!A1:B3");
    expect(workbook.value("Sheet1", "A1")).toBe("Column1");
    expect(workbook.value("Sheet1", "B1")).toBe("Column2");
    expect(workbook.value("Sheet1", "A2")).toBe("a");
    expect(workbook.value("Sheet1", "B3")).toBe(2);
  });

  it("tables.add(range, false) refuses rather than overwrite the analyst's row below", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1:B3").values = [
        ["a", 1],
        ["b", 2],
        [null, "analyst's note"],
      ];
      await context.sync();
    });
    const error = await failure(run, async (context) => {
      sheet1(context).tables.add("A1:B2", false);
      await context.sync();
    });
    expect(error.code).toBe("InvalidOperation");
    expect(workbook.value("Sheet1", "A1")).toBe("a");
    expect(workbook.value("Sheet1", "B3")).toBe("analyst's note");
    expect(workbook.tables()).toHaveLength(0);
  });
});

describe("names, data validation and conditional formats", () => {
  it.each([
    ["an unparsable formula", "=1+", undefined, "cannot parse"],
    [
      "a sheet with a space, unquoted",
      "=My sheet!$A$1",
      undefined,
      "names a sheet with a space without quotes",
    ],
    ["a formula over Excel's limits", "=ROUND(1)", undefined, "ROUND takes 2 arguments"],
    [
      "a comment of 256 characters",
      "=0.2",
      "c".repeat(256),
      "256 characters; Excel's limit is 255",
    ],
  ])("names.add with %s is refused with InvalidArgument", async (_, formula, comment, why) => {
    const { workbook, run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      context.workbook.names.add("Rate", formula, comment);
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain(why);
    expect(workbook.names()).toHaveLength(0);
  });

  it("a name takes a 255-character comment and a formula Excel parses; refuses both past the limits later", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      context.workbook.names.add("Rate", "=0.2*2", "c".repeat(255));
      await context.sync();
    });
    expect(workbook.findName("Rate")?.comment).toHaveLength(255);
    const comment = await failure(run, async (context) => {
      context.workbook.names.getItem("Rate").comment = "c".repeat(256);
      await context.sync();
    });
    expect(comment.code).toBe("InvalidArgument");
    const formula = await failure(run, async (context) => {
      context.workbook.names.getItem("Rate").formula = "=0.2*";
      await context.sync();
    });
    expect(formula.code).toBe("InvalidArgument");
    expect(workbook.nameFormula(workbook.findName("Rate")!)).toBe("=0.2*2");
    expect(workbook.findName("Rate")?.comment).toHaveLength(255);
  });

  it("a list validation's source is at most 255 characters", async () => {
    const { workbook, run } = hostWorkbook();
    // 51 items "ab,"… : 51 × 3 − 1 = 152 characters; 86 items: 86 × 3 − 1 = 257.
    const items = (n: number) => Array.from({ length: n }, () => "ab").join(",");
    await run(async (context) => {
      sheet1(context).getRange("A1").dataValidation.rule = {
        list: { inCellDropDown: true, source: items(51) },
      };
      await context.sync();
    });
    expect(workbook.validationChoices("Sheet1", "A1")).toHaveLength(51);
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("B1").dataValidation.rule = {
        list: { inCellDropDown: true, source: items(86) },
      };
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("257 characters; Excel's limit is 255");
    expect(workbook.validationChoices("Sheet1", "B1")).toBeUndefined();
  });

  it.each([
    ["no operator", { formula1: "1" }],
    ["an unknown operator", { formula1: "1", operator: "Around" }],
    ["no formula1", { operator: "GreaterThan" }],
    ["an empty formula1", { formula1: " ", operator: "GreaterThan" }],
    ["Between without formula2", { formula1: "1", operator: "Between" }],
    ["NotBetween without formula2", { formula1: "1", operator: "NotBetween" }],
  ])("a CellValue rule with %s is refused with InvalidArgument", async (_, rule) => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      const format = sheet1(context)
        .getRange("A1:A3")
        .conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      format.cellValue.rule = rule as Excel.ConditionalCellValueRule;
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
  });

  it("a CellValue rule with its operator and formulas is kept and drawn", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const range = sheet1(context).getRange("A1:A3");
      range.values = [[1], [5], [9]];
      const format = range.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      format.cellValue.rule = { formula1: "4", formula2: "6", operator: "Between" };
      format.cellValue.format.fill.color = "#FFC7CE";
      await context.sync();
    });
    expect(workbook.highlight("Sheet1", "A1")).toBeUndefined();
    expect(workbook.highlight("Sheet1", "A2")).toEqual({ fill: "#FFC7CE", fontColor: "" });
  });
});

describe("rules the host already had, pinned", () => {
  it("a sheet name has at most 31 characters, when added and when renamed", async () => {
    const { workbook, run } = hostWorkbook();
    const name31 = "N".repeat(31);
    await run(async (context) => {
      context.workbook.worksheets.add(name31);
      await context.sync();
    });
    expect(workbook.findSheet(name31)?.name).toBe(name31);
    const added = await failure(run, async (context) => {
      context.workbook.worksheets.add("M".repeat(32));
      await context.sync();
    });
    expect(added.code).toBe("InvalidArgument");
    const renamed = await failure(run, async (context) => {
      context.workbook.worksheets.getItem(name31).name = "R".repeat(32);
      await context.sync();
    });
    expect(renamed.code).toBe("InvalidArgument");
    expect(workbook.worksheets().map((s) => s.name)).toEqual(["Sheet1", name31]);
  });

  it("one write reaches at most 5,000,000 cells: A1:E1000000 is taken, A1:E1000001 refused", async () => {
    const { run } = hostWorkbook();
    // null leaves every cell as it is: the limit is on the range a write names.
    await run(async (context) => {
      sheet1(context).getRange("A1:E1000000").values = null as unknown as unknown[][];
      await context.sync();
    });
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("A1:E1000001").values = null as unknown as unknown[][];
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("A1:E1000001");
  });

  it("tables.add makes the header row unique text: a repeat gets 2, an empty cell ColumnN", async () => {
    const { run } = hostWorkbook();
    const headers = await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1:D2").values = [
        ["Year", "year", "", 2027],
        [1, 2, 3, 4],
      ];
      const table = s.tables.add("A1:D2", true);
      const header = table.getHeaderRowRange().load("values,valueTypes");
      await context.sync();
      return header.toJSON();
    });
    expect(headers.values).toEqual([["Year", "year2", "Column3", "2027"]]);
    expect(headers.valueTypes).toEqual([["String", "String", "String", "String"]]);
  });

  it("a row typed just below a table joins it and takes the number formats of the row above", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      const s = sheet1(context);
      s.getRange("A1:B2").values = [
        ["Year", "Share"],
        [2026, 0.6],
      ];
      s.getRange("B2").numberFormat = [["0.0%"]];
      s.tables.add("A1:B2", true).name = "Shares";
      await context.sync();
    });
    workbook.setInput("Sheet1", "A3", "2027");
    workbook.setInput("Sheet1", "B3", "0.65");
    const read = await run(async (context) => {
      const table = context.workbook.tables.getItem("Shares").getRange().load("address");
      const row = sheet1(context).getRange("A3:B3").load("numberFormat,text");
      await context.sync();
      return { address: table.address, numberFormat: row.numberFormat, text: row.text };
    });
    expect(read.address).toBe("Sheet1!A1:B3");
    expect(read.numberFormat).toEqual([["General", "0.0%"]]);
    expect(read.text).toEqual([["2027", "65.0%"]]);
  });

  it("a validation rule over part of another is refused until it is cleared; the same range is replaced", async () => {
    const { workbook, run } = hostWorkbook();
    await run(async (context) => {
      sheet1(context).getRange("A1:A3").dataValidation.rule = {
        list: { inCellDropDown: true, source: "a,b" },
      };
      await context.sync();
    });
    const error = await failure(run, async (context) => {
      sheet1(context).getRange("A3:A4").dataValidation.rule = {
        list: { inCellDropDown: true, source: "c" },
      };
      await context.sync();
    });
    expect(error.code).toBe("InvalidOperation");
    expect(workbook.validationChoices("Sheet1", "A3")).toEqual(["a", "b"]);
    expect(workbook.validationChoices("Sheet1", "A4")).toBeUndefined();
    await run(async (context) => {
      sheet1(context).getRange("A1:A3").dataValidation.rule = {
        list: { inCellDropDown: true, source: "x,y,z" },
      };
      sheet1(context).getRange("A4").dataValidation.clear();
      await context.sync();
    });
    expect(workbook.validationChoices("Sheet1", "A2")).toEqual(["x", "y", "z"]);
    await run(async (context) => {
      sheet1(context).getRange("A1:A3").dataValidation.clear();
      sheet1(context).getRange("A3:A4").dataValidation.rule = {
        list: { inCellDropDown: true, source: "c" },
      };
      await context.sync();
    });
    expect(workbook.validationChoices("Sheet1", "A1")).toBeUndefined();
    expect(workbook.validationChoices("Sheet1", "A4")).toEqual(["c"]);
  });

  it("a new workbook's font is Excel's default, 11 points, black, not bold; a mixed range reads null", async () => {
    const { run } = hostWorkbook();
    const read = await run(async (context) => {
      const s = sheet1(context);
      const before = s.getRange("A1:B2").format.font.load("size,color,bold,italic");
      await context.sync();
      const first = before.toJSON();
      s.getRange("A1").format.font.size = 14;
      const mixed = s.getRange("A1:B2").format.font.load("size");
      const one = s.getRange("A1").format.font.load("size");
      await context.sync();
      return { first, mixed: mixed.size, one: one.size };
    });
    expect(read.first).toEqual({ size: 11, color: "#000000", bold: false, italic: false });
    expect(read.mixed).toBeNull();
    expect(read.one).toBe(14);
  });
});
