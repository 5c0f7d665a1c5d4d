/**
 * Which CNAI formulas Snapshot asks Excel about (src/plans/snapshot.ts's `showsOneValue`): a
 * formula that can show only one value is not asked where it spills. Each row's answer worked out
 * from Excel's rules by hand; then the same formulas in a workbook, asked of Excel through
 * Microsoft's client: none of those said to show one value spills.
 */
import { showsOneValue } from "../../src/plans/snapshot";
import { hostWorkbook } from "../../src/host/node";

const ONE_VALUE = [
  "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
  "=cnai.token_margin(A1, 'My sheet'!A2, Sheet2!$A$3)",
  "=1-(1-CNAI.PRICE_COMPRESSION(A1,A2))",
  '=CNAI.PARITY_AT("2H26")&" of the H100"',
  "=-CNAI.TOKEN_MARGIN(1E-1,0.15,2)^2>=0",
  "= CNAI.TOKEN_MARGIN( 30% , 15% , 2 )",
  '=CNAI.METRIC("AI cloud revenue","2025")',
  "=CNAI.VERSION()",
  "=CNAI.TOKEN_MARGIN(TRUE,FALSE,#N/A)",
  "=CNAI.TOKEN_MARGIN((A1+A2)*2,(15%),2)",
  "=CNAI.TOKEN_MARGIN(XFD1048576,$A1,A$2)",
];

const MAY_SPILL: [string, string][] = [
  ["=CNAI.MARGIN_EXPANSION(30%,15%,{2;2;2})", "an array constant"],
  ["=CNAI.TOKEN_MARGIN(A1:A3,15%,2)", "a range"],
  ["=CNAI.TOKEN_MARGIN(A:A,15%,2)", "a whole column"],
  ["=CNAI.TOKEN_MARGIN(1:1,15%,2)", "a whole row"],
  ["=CNAI.TOKEN_MARGIN(Sheet1:Sheet3!A1,15%,2)", "sheets' range"],
  ["=CNAI.TOKEN_MARGIN(A1#,15%,2)", "a spill reference"],
  ["=CNAI.TOKEN_MARGIN(@A1:A3,15%,2)", "an intersection"],
  ["=CNAI.TOKEN_MARGIN(Margins,15%,2)", "a defined name"],
  ["=CNAI.TOKEN_MARGIN(XFE1,15%,2)", "a name beyond the last column"],
  ["=CNAI.TOKEN_MARGIN(A1048577,15%,2)", "a name beyond the last row"],
  ["=CNAI.TOKEN_MARGIN(A0,15%,2)", "row 0, no cell"],
  ["=CNAI.TOKEN_MARGIN(Table1[Margin],15%,2)", "a table's column"],
  ["=CNAI.TOKEN_MARGIN([Book2.xlsx]Sheet1!A1,15%,2)", "another workbook"],
  ["=CNAI.TOKEN_MARGIN((A1,A2),15%,2)", "a union"],
  ["=CNAI.TOKEN_MARGIN(1;2)", "a row separator"],
  ["=SUM(CNAI.TOKEN_MARGIN(1,2,3))", "another function"],
  ["=CNAI.TOKEN_MARGIN(SEQUENCE(3),15%,2)", "Excel's array function"],
  ['=CNAI.TORNADO("margin")', "a table function"],
  ['=CNAI.APPENDIX("chips")', "the appendix"],
  ["=CNAI.HISTOGRAM(A1)", "a histogram"],
  ["=_xldudf_CNAI_TOKEN_MARGIN(1,2,3)", "the saved form"],
  ["=CNAI.NO_SUCH(1)", "no such function"],
  ["=CNAI.TOKEN_MARGIN(1,2,3))", "a parenthesis closing nothing"],
  ["='My sheet'", "a sheet's name alone"],
  ['=CNAI.PARITY_AT("2H26', "an unclosed text"],
];

describe("showsOneValue", () => {
  test.each(ONE_VALUE)("%s shows one value", (formula) => {
    expect(showsOneValue(formula)).toBe(true);
  });

  test.each(MAY_SPILL)("%s may spill: %s", (formula) => {
    expect(showsOneValue(formula)).toBe(false);
  });
});

describe("on the host, through Microsoft's client", () => {
  test("no formula said to show one value spills; those given arrays do", async () => {
    const { workbook, run } = hostWorkbook(undefined, { sheets: ["Sheet1", "Sheet2", "My sheet"] });
    const sheet = workbook.sheet("Sheet1");
    workbook.write(
      sheet,
      { top: 0, left: 0, bottom: 2, right: 0 },
      [["0.3"], ["0.15"], ["2"]],
      "formulas"
    );
    const spilling = ["=CNAI.MARGIN_EXPANSION(30%,15%,{2;2;2})", "=CNAI.TOKEN_MARGIN(A1:A3,15%,2)"];
    const formulas = [...ONE_VALUE, ...spilling];
    // Column C, every fifth row: room below and to the right for any spill.
    formulas.forEach((formula, k) =>
      workbook.write(
        sheet,
        { top: 5 * k, left: 2, bottom: 5 * k, right: 2 },
        [[formula]],
        "formulas"
      )
    );
    const spills = await run(async (context) => {
      const ranges = formulas.map((_, k) =>
        context.workbook.worksheets
          .getItem("Sheet1")
          .getRange(`C${5 * k + 1}`)
          .getSpillingToRangeOrNullObject()
          .load("address")
      );
      await context.sync();
      return ranges.map((range) => (range.isNullObject ? null : range.address));
    });
    expect(spills).toEqual([
      ...ONE_VALUE.map(() => null),
      `Sheet1!C${5 * ONE_VALUE.length + 1}:C${5 * ONE_VALUE.length + 3}`,
      `Sheet1!C${5 * ONE_VALUE.length + 6}:C${5 * ONE_VALUE.length + 8}`,
    ]);
  });
});
