/**
 * The Excel host's sheet features beyond cells (src/host/workbook.ts): conditional formats' value
 * rules as Excel applies them, data validation's one kind per rule, frozen panes, default chart
 * names, and defined names' formulas — each with Excel's codes and words where it refuses.
 * Expected highlights worked by hand from each operator's meaning, for the value 5.
 */
import { HostWorkbook } from "../../src/host/workbook";
import { answer } from "../helpers/failure";
import { rect } from "../helpers/host";

describe("a CellValue conditional format", () => {
  /** What A1, holding `value`, shows under the rule with these colours: undefined for nothing. */
  function highlightOf(
    rule: { formula1?: string; formula2?: string; operator?: string },
    value = "5",
    colours: { fill?: string; fontColor?: string } = { fill: "#FFC7CE" }
  ) {
    const workbook = new HostWorkbook([]);
    workbook.setInput("Sheet1", "A1", value);
    const format = workbook.addConditionalFormat(
      workbook.sheet("Sheet1"),
      rect(0, 0, 0, 0),
      "CellValue"
    );
    Object.assign(format, { rule, ...colours });
    return workbook.highlight("Sheet1", "A1");
  }

  it.each([
    ["Between", "1", "5", true],
    ["Between", "5", "1", true],
    ["Between", "5", "9", true],
    ["Between", "6", "9", false],
    ["Between", "1", "4", false],
    [undefined, "1", "5", true],
    ["NotBetween", "1", "4", true],
    ["NotBetween", "6", "9", true],
    ["NotBetween", "9", "6", true],
    ["NotBetween", "1", "5", false],
    ["NotBetween", "5", "9", false],
    ["NotBetween", "9", "1", false],
    ["EqualTo", "5", undefined, true],
    ["EqualTo", "4", undefined, false],
    ["GreaterThan", "4", undefined, true],
    ["GreaterThan", "5", undefined, false],
    ["LessThan", "6", undefined, true],
    ["LessThan", "5", undefined, false],
    ["GreaterThanOrEqual", "5", undefined, true],
    ["GreaterThanOrEqual", "6", undefined, false],
    ["LessThanOrEqual", "5", undefined, true],
    ["LessThanOrEqual", "4", undefined, false],
    // An operator this host does not apply highlights nothing.
    ["NotEqualTo", "4", undefined, false],
    ["NotEqualTo", "9", undefined, false],
  ])("%s %s %s over 5: %s", (operator, formula1, formula2, hit) => {
    expect(highlightOf({ operator, formula1, formula2 }) !== undefined).toBe(hit);
  });

  it("highlights no text, and has its fill and font colour", () => {
    expect(highlightOf({ operator: "GreaterThan", formula1: "0" }, "five")).toBeUndefined();
    expect(
      highlightOf({ operator: "EqualTo", formula1: "5" }, "5", { fontColor: "#9C0006" })
    ).toEqual({ fill: "", fontColor: "#9C0006" });
  });

  it("of another type is not implemented here, in words; clearing a range drops only the formats over it", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    expect(answer(() => workbook.addConditionalFormat(sheet, rect(0, 0, 0, 0), "ColorScale"))).toBe(
      'ApiNotFound: Conditional formats of type "ColorScale" are not implemented by this host.'
    );
    workbook.addConditionalFormat(sheet, rect(0, 0, 4, 0), "CellValue");
    workbook.addConditionalFormat(sheet, rect(0, 2, 4, 2), "CellValue");
    workbook.clearConditionalFormats(sheet, rect(0, 2, 0, 2));
    expect(sheet.conditionalFormats.map((f) => f.range)).toEqual([rect(0, 0, 4, 0)]);
  });
});

describe("data validation", () => {
  it("takes a rule of exactly one known kind, a kind left null not counted", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const rule = (r: unknown, column = 0) =>
      answer(() => workbook.setValidation(sheet, rect(0, column, 0, column), r));
    const kinds = ["wholeNumber", "decimal", "textLength", "date", "time", "custom"];
    expect(kinds.map((kind, column) => rule({ [kind]: { formula1: "1" } }, column))).toEqual(
      kinds.map(() => "taken")
    );
    expect(rule({ list: { source: "a,b" }, decimal: null }, 7)).toBe("taken");
    for (const bad of [{}, { list: { source: "a" }, decimal: { formula1: "1" } }, { bogus: {} }])
      expect(rule(bad, 8)).toBe(
        "InvalidArgument: A data validation rule has exactly one kind (list, decimal, …)."
      );
  });

  it("takes a list source of up to 255 characters", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const source = (length: number) =>
      answer(() =>
        workbook.setValidation(sheet, rect(0, 0, 0, 0), { list: { source: "a".repeat(length) } })
      );
    expect(source(255)).toBe("taken");
    expect(source(256)).toBe(
      "InvalidArgument: The list's source has 256 characters; Excel's limit is 255."
    );
  });

  it("cleared over one range leaves the others", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.setValidation(sheet, rect(0, 0, 4, 0), { list: { source: "a,b" } });
    workbook.setValidation(sheet, rect(0, 2, 4, 2), { list: { source: "c,d" } });
    workbook.clearValidation(sheet, rect(0, 2, 4, 2));
    expect(sheet.validations.map((v) => v.range)).toEqual([rect(0, 0, 4, 0)]);
  });
});

describe("a list's choices", () => {
  /** The choices of a list rule over A1 with `source`; Table1 is Scenario: Base, "", Bull in D1:D4. */
  function choices(source: string) {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    workbook.write(sheet, rect(0, 3, 3, 3), [["Scenario"], ["Base"], [""], ["Bull"]], "values");
    workbook.addTable(sheet, rect(0, 3, 3, 3), true);
    workbook.write(sheet, rect(0, 5, 1, 5), [["x"], ['say "hi"']], "values");
    workbook.addName("Picks", "=Sheet1!$F$1:$F$2", "");
    workbook.setValidation(sheet, rect(0, 0, 0, 0), { list: { source } });
    return workbook.validationChoices("Sheet1", "A1");
  }

  it.each([
    [" a, b ,c", ["a", "b", "c"]],
    ['=INDIRECT("Table1[Scenario]")', ["Base", "Bull"]],
    ['=indirect("Table1[Scenario]")', ["Base", "Bull"]],
    ["=Table1[Scenario]", ["Base", "Bull"]],
    ["=Sheet1!F1:F2", ["x", 'say "hi"']],
    ["=F1:F2", ["x", 'say "hi"']],
    ["=Picks", ["x", 'say "hi"']],
  ])("of %s are %j", (source, expected) => {
    expect(choices(source)).toEqual(expected);
  });

  it.each([
    '=NOTINDIRECT("Table1[Scenario]")',
    '=INDIRECTLY("Table1[Scenario]")',
    "=INDIRECT(Table1[Scenario])",
    '=INDIRECT("Table1[Scenario]",TRUE)',
    "=Nobody",
  ])("of %s are none this host reads", (source) => {
    expect(choices(source)).toBeUndefined();
  });
});

describe("frozen panes", () => {
  it("freeze whole, non-negative numbers of rows and columns; anything else is refused in words", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const frozen = (rows: number, columns: number) =>
      answer(() => workbook.freeze(sheet, rows, columns));
    expect(frozen(2, 0)).toBe("taken");
    expect([sheet.frozenRows, sheet.frozenColumns]).toEqual([2, 0]);
    for (const [rows, columns] of [
      [1.5, 0],
      [0, 1.5],
      [-1, 0],
      [0, -1],
    ])
      expect(frozen(rows, columns)).toBe(
        "InvalidArgument: Freeze a whole number of rows or columns."
      );
  });
});

describe("charts", () => {
  it("are named Chart N past the names taken, read series by Auto, and refuse a type not drawn, listing those drawn", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const source = rect(0, 0, 2, 1);
    const first = workbook.addChart(sheet, "Line", source, undefined);
    workbook.addChart(sheet, "Line", source, "Columns");
    workbook.deleteChart(sheet, first);
    const third = workbook.addChart(sheet, "Pie", source, null);
    expect(sheet.charts.map((c) => [c.name, c.seriesBy])).toEqual([
      ["Chart 2", "Columns"],
      ["Chart 3", "Auto"],
    ]);
    expect(third.type).toBe("Pie");
    // Series as set, counted from the source's first column of values wherever it starts.
    const chart = workbook.addChart(sheet, "ColumnClustered", rect(0, 1, 2, 3), undefined);
    chart.series.set(1, { axisGroup: "Secondary", chartType: "LineMarkers" });
    const drawn = workbook.charts("Sheet1").find((c) => c.name === chart.name);
    expect(drawn?.series.map((s) => [s.secondary, s.line])).toEqual([
      [false, false],
      [true, true],
    ]);
    // A chart not yet titled or placed: the workbench draws it untitled at its default place.
    expect(workbook.charts("Sheet1").find((c) => c.name === third.name)).toMatchObject({
      title: "",
      from: "",
      to: "",
    });
    expect(answer(() => workbook.addChart(sheet, "Radar", source, undefined))).toMatch(
      /^InvalidArgument: "Radar" is not a chart type this host draws \((\w+, )+Area\)\.$/
    );
  });
});

describe("defined names", () => {
  it("take a formula with or without its =, and read it with one", () => {
    const workbook = new HostWorkbook([]);
    const name = workbook.addName("Growth", "0.3", "");
    expect(workbook.nameFormula(name)).toBe("=0.3");
    workbook.setNameFormula(name, "1+1");
    expect(workbook.nameFormula(name)).toBe("=1+1");
    workbook.setNameFormula(name, "=2*3");
    expect(workbook.nameFormula(name)).toBe("=2*3");
    workbook.setNameFormula(name, "Sheet1!B2");
    expect(workbook.nameFormula(name)).toBe("=Sheet1!$B$2");
  });

  it("read whole rows as a reference, and an empty comment for none", () => {
    const workbook = new HostWorkbook([]);
    const rows = workbook.addName("Rows", "=Sheet1!1:3", undefined);
    expect([workbook.nameFormula(rows), rows.comment]).toEqual(["=Sheet1!$1:$3", ""]);
    expect(workbook.addName("Other", "=1", null).comment).toBe("");
  });

  it("refuse a sheet without its cells, or an unquoted name that is not one sheet's, as formulas Excel cannot parse", () => {
    const workbook = new HostWorkbook([]);
    for (const formula of ["=Sheet1!", "=Sheet1 2!A1"])
      expect(answer(() => workbook.addName("X", formula, ""))).toBe(
        `InvalidArgument: Excel cannot define a name as ${formula}: it cannot parse the formula.`
      );
  });

  it("refuse a reference to no sheet of the workbook, and a name the engine cannot hold, in words", () => {
    const workbook = new HostWorkbook([]);
    expect(answer(() => workbook.addName("Lost", "=Nowhere!A1", ""))).toBe(
      'InvalidArgument: The reference "=Nowhere!A1" does not name cells of this workbook.'
    );
    expect(answer(() => workbook.addName("Sales1", "=1", ""))).toMatch(
      /^InvalidArgument: Excel cannot define Sales1 as =1: .+/
    );
  });
});
