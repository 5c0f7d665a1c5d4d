/**
 * The HyperFormula harness tested on small hand-made plans: CNAI functions on a real engine, spills,
 * errors, named inputs, tables with structured references.
 */
import { HyperFormula } from "hyperformula";
import { CATALOG, CHIP_COLUMNS, TOKEN_COLUMNS, TOKEN_METRICS } from "../../src/core";
import { Block, Plan, SheetPlan, TablePlan } from "../../src/plans/plan";
import { evaluatePlan, registerCnai, sheetWith } from "./hyperformula";
import { version } from "../../package.json";

function sheet(name: string, parts: Partial<SheetPlan>): SheetPlan {
  return {
    role: "model",
    name,
    blocks: [],
    tables: [],
    names: [],
    charts: [],
    conditionalFormats: [],
    columnWidths: [],
    freezeRows: 0,
    tabColor: "#000000",
    ...parts,
  };
}

const plan = (...sheets: SheetPlan[]): Plan => ({ action: "build-model", sheets, notes: [] });

/** One sheet "Model" holding the blocks. */
const model = (...blocks: Block[]) => sheetWith(...blocks);

/** The value of one formula written in A1 of an otherwise empty sheet. */
const valueOf = (formula: string) => model({ at: "A1", cells: [[formula]] }).value("Model", "A1");

/** Numbers agree to 12 significant digits. */
function expectNear(actual: unknown, expected: number): void {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected))
  );
}

const isError = (value: unknown): value is { error: string; message: string } =>
  typeof value === "object" && value !== null && "error" in value;

describe("CNAI functions on HyperFormula", () => {
  test("are registered under CNAI.<NAME>, dots included, for the whole catalogue", () => {
    registerCnai();
    const names = HyperFormula.getRegisteredFunctionNames("enGB");
    for (const def of CATALOG) expect(names).toContain(`CNAI.${def.name}`);
  });

  // Worked by hand. With the defaults (start margin 64%, no price change, no fixed cost) the
  // cost-to-revenue multiplier after t years is ((1+g)(1−d))^t / (1+g)^t = (1−d)^t, so
  // MARGIN_EXPANSION = 0.36 (1 − 0.85²) = 0.36 × 0.2775 = 0.0999 and TOKEN_MARGIN = 1 − 0.36 × 0.7225 = 0.7399.
  test.each([
    ["=CNAI.MARGIN_EXPANSION(30%,15%,2)", 0.0999],
    ['=CNAI.PARITY_AT("2H25")', 0.625],
    ['=cnai.parity_at("2H25","low")', 0.6],
    ['=CNAI.PARITY_AT("2H25",,"step")', 0.625],
    ["=CNAI.TOKEN_MARGIN(0.3,0.15,2)", 0.7399],
    ["=CNAI.TOKEN_REVENUE(60,0.03)", 1.8e6],
    ['=CNAI.METRIC("revenue","Q1 2026")', 1.6],
    ["=CNAI.VERSION()", version],
    // Excel's bare TRUE/FALSE, which HyperFormula alone reads as unknown names.
    ['=INDEX(CNAI.APPENDIX("tokens",FALSE),2,1)', "Inference Tokens"],
    ['=CNAI.PERIOD_DATE("2H25")=DATE(2025,10,1)', true],
    // Excel's 1900 date system and empty cells, which HyperFormula's defaults read differently.
    ["=DATE(1900,1,1)", 1],
    ["=Z99", 0],
    // A spilled result used inside another formula.
    ['=SUM(CNAI.PARITY_AT({"2H25";"1H27"}))', 0.625 + 0.725],
  ])("%s", (formula, expected) => {
    const actual = valueOf(formula);
    if (typeof expected === "number") expectNear(actual, expected);
    else expect(actual).toEqual(expected);
  });

  test("30% is parsed as 0.3: the typed percentage and the number give the same double", () => {
    const typed = valueOf("=CNAI.MARGIN_EXPANSION(30%,15%,2)");
    expect(typed).toBeCloseTo(0.0999, 12);
    expect(typed).toBe(valueOf("=CNAI.MARGIN_EXPANSION(0.3,0.15,2)"));
  });

  // The message names the argument at fault and what it got, as the function's help states its limits.
  test.each([
    ["=CNAI.PRICE_COMPRESSION(150%)", "#NUM!", /^utilization must be from 0% to 100%; got 150%\.$/],
    [
      '=CNAI.METRIC("token","Q1 2026")',
      "#N/A",
      /^"token" matches Inference Tokens, Avg Token Price; /,
    ],
    ["=CNAI.TOKEN_REVENUE(,0.03)", "#VALUE!", /^tokens_trillions is empty; it needs a number/],
    ["=CNAI.COST_PER_MTOK(2,1000,0,0.6)", "#DIV/0!", /^parity is zero and divides the result\.$/],
    [
      '=CNAI.PERIOD_DATE("someday")',
      "#VALUE!",
      /^label must be a period label .*; got "someday"\.$/,
    ],
    // Omitted arguments arrive as null, as Excel passes them: "… is empty", not "needs 2 arguments".
    ["=CNAI.TOKEN_REVENUE(60)", "#VALUE!", /^price_per_million is empty; it needs a number/],
  ])("%s is %s with a message naming the argument", (formula, code, message) => {
    expect(valueOf(formula)).toEqual({ error: code, message: expect.stringMatching(message) });
  });

  test("=CNAI.TOKEN_REVENUE(1,2,3) is refused on entry, as Excel refuses too many arguments", () => {
    expect(() => valueOf("=CNAI.TOKEN_REVENUE(1,2,3)")).toThrow(
      /CNAI\.TOKEN_REVENUE takes 0 to 2 arguments; the formula gives it 3/
    );
  });

  test("an engine error in an argument arrives in the core with its code", () => {
    const wb = model({ at: "A1", cells: [["=1/0", "=NA()", "=NOSUCHFUNCTION()"]] });
    const calc = (formula: string) => wb.calculate(formula, "Model");
    expect(calc("=CNAI.PARITY_AT(A1)")).toMatchObject({ error: "#DIV/0!" });
    expect(calc("=CNAI.PARITY_AT(B1)")).toMatchObject({ error: "#N/A" });
    // #NAME? has no core code: it becomes #VALUE!, as in the Excel layer.
    expect(calc("=CNAI.PARITY_AT(C1)")).toMatchObject({ error: "#VALUE!" });
    // Inside a range, only that element fails.
    expect(calc('=CNAI.PARITY_AT(A1:C1,"low")')).toEqual([
      [
        expect.objectContaining({ error: "#DIV/0!" }),
        expect.objectContaining({ error: "#N/A" }),
        expect.objectContaining({ error: "#VALUE!" }),
      ],
    ]);
  });

  test("a column against a row spills the grid of the scalar values", () => {
    const wb = model({
      at: "A1",
      cells: [
        [null, 0.1, 0.15, 0.2],
        [0.5, "=CNAI.MARGIN_EXPANSION(0.3, B1:D1, 2, A2:A4)", null, null],
        [0.64, null, null, null],
        [0.7, null, null, null],
      ],
    });
    expect(wb.spill("Model", "B2")).toEqual({ rows: 3, columns: 3 });
    // By hand: (1 − m)(1 − (1 − d)²); 1 − (1 − d)² is 0.19, 0.2775 and 0.36 for d = 10%, 15%, 20%.
    const expected = [
      [0.5 * 0.19, 0.5 * 0.2775, 0.5 * 0.36],
      [0.36 * 0.19, 0.36 * 0.2775, 0.36 * 0.36],
      [0.3 * 0.19, 0.3 * 0.2775, 0.3 * 0.36],
    ];
    const grid = wb.range("Model", "B2:D4");
    expect(grid.map((row) => row.length)).toEqual([3, 3, 3]);
    expected.forEach((row, r) => row.forEach((value, c) => expectNear(grid[r][c], value)));
    // Beyond the spill the sheet stays empty.
    expect(wb.range("Model", "E2:E4")).toEqual([[null], [null], [null]]);
    expect(wb.range("Model", "B5:D5")).toEqual([[null, null, null]]);
  });

  test("a bad element is an error in its own cell only", () => {
    const wb = model({
      at: "A1",
      cells: [[0.55, "=CNAI.PRICE_COMPRESSION(A1:A3)"], [1.5], [0.75]],
    });
    expect(wb.spill("Model", "B1")).toEqual({ rows: 3, columns: 1 });
    expect(wb.range("Model", "B1:B3")).toEqual([
      [0.3],
      [expect.objectContaining({ error: "#NUM!" })],
      [0],
    ]);
  });

  test("arguments are read in array mode: an expression over a range broadcasts", () => {
    const wb = model({ at: "A1", cells: [[55, "=CNAI.PRICE_COMPRESSION(A1:A2/100)"], [75]] });
    expect(wb.range("Model", "B1:B2")).toEqual([[0.3], [0]]);
    // Also on an engine built without array arithmetic: the CNAI functions turn it on for their arguments.
    registerCnai();
    const plain = HyperFormula.buildFromArray([[55, "=CNAI.PRICE_COMPRESSION(A1:A2/100)"], [75]], {
      licenseKey: "gpl-v3",
    });
    expect(
      plain.getRangeValues({
        start: { sheet: 0, row: 0, col: 1 },
        end: { sheet: 0, row: 1, col: 1 },
      })
    ).toEqual([[0.3], [0]]);
  });

  test("typed percentages and dates reach the core as plain numbers", () => {
    const wb = model({
      at: "A1",
      cells: [["30%", "=CNAI.PRICE_COMPRESSION(A1)", "=CNAI.PARITY_AT(DATE(2025,10,1))"]],
    });
    expect(wb.range("Model", "B1:C1")).toEqual([[0.3, 0.625]]);
  });

  test("APPENDIX spills the whole table, sized before it is computed", () => {
    const wb = model(
      { at: "A1", cells: [['=CNAI.APPENDIX("tokens")']] },
      { at: "A10", cells: [['=CNAI.APPENDIX("chips",FALSE)']] }
    );
    expect(wb.spill("Model", "A1")).toEqual({ rows: 4, columns: 5 });
    expect(wb.range("Model", "A1:E1")).toEqual([[...TOKEN_COLUMNS]]);
    expect(wb.range("Model", "A2:E2")).toEqual([
      [TOKEN_METRICS[0].metric, TOKEN_METRICS[0].unit, ...TOKEN_METRICS[0].values],
    ]);
    expect(wb.spill("Model", "A10")).toEqual({ rows: 3, columns: 8 });
    expect(wb.value("Model", "A10")).toBe("2025 Leading");
  });

  test("APPENDIX with a computed argument spills as its result does, and follows it", () => {
    const wb = model({ at: "A1", cells: [["tokens", "=CNAI.APPENDIX(A1)"]] });
    // Unknown when the formula is parsed: the size is learnt from the result (Table 2, 4 × 5).
    expect(wb.spill("Model", "B1")).toEqual({ rows: 4, columns: 5 });
    expect(wb.value("Model", "B2")).toBe("AI Cloud Revenue");
    expect(wb.value("Model", "G2")).toBeNull();
    // Table 1 with headers is 4 × 8: the spill grows when the argument changes, as in Excel.
    wb.workbook.setInput("Model", "A1", "chips");
    expect(wb.spill("Model", "B1")).toEqual({ rows: 4, columns: 8 });
    expect(wb.range("Model", "B1:I1")).toEqual([[...CHIP_COLUMNS]]);
  });

  test("a named range as an argument, which HyperFormula cannot size, is a #VALUE! that says so", () => {
    const wb = model({
      at: "A1",
      cells: [[0.1, 0.15, 0.2], ["=CNAI.MARGIN_EXPANSION(0.3, Declines, 2)"]],
    });
    wb.engine.addNamedExpression("Declines", "=Model!$A$1:$C$1");
    expect(wb.value("Model", "A2")).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/sized CNAI.MARGIN_EXPANSION's spill as 1×1.*1×3/),
    });
  });

  test("a spill onto a filled cell is #SPILL!, as in Excel", () => {
    const wb = model({ at: "A1", cells: [["=CNAI.PARITY_AT({2026;2027})"], ["in the way"]] });
    expect(wb.value("Model", "A1")).toMatchObject({ error: "#SPILL!" });
  });

  // Examples whose worked result is an error (TORNADO without a table) are held to that error by
  // test/functions/examples.test.ts; here every other example must compute, typed into a cell.
  test.each(
    CATALOG.flatMap((def) =>
      def.examples
        .filter(
          (example) => !(typeof example.expected === "string" && example.expected.startsWith("#"))
        )
        .map((example) => [def.name, example.formula])
    )
  )("%s's help example %s computes without an error", (_name, formula) => {
    const wb = model({ at: "A1", cells: [[formula]] });
    const spill = wb
      .range("Model", "A1:D20")
      .map((row) => row.filter((v) => v !== null && v !== ""));
    const result = spill.filter((row) => row.length > 0);
    const cells = Array.isArray(result) ? result.flat() : [result];
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(isError(cell) ? cell : "ok").toBe("ok");
  });
});

describe("evaluatePlan: plans through the applier and Microsoft's client", () => {
  // Each sheet of a plan has its own role: the applier marks one sheet per role.
  const inputs = sheet("Model Inputs", {
    role: "chips",
    blocks: [
      {
        at: "B5",
        cells: [
          ["Volume growth", 0.3],
          ["Unit cost decline", 0.15],
          ["Years", 2],
        ],
      },
    ],
    names: [
      { name: "VolumeGrowth", cell: "C5", comment: "" },
      { name: "UnitCostDecline", cell: "C6", comment: "" },
      { name: "Years", cell: "C7", comment: "" },
    ],
  });

  const tokenTable: TablePlan = {
    name: "TokenEconomics",
    at: "A4",
    columns: [...TOKEN_COLUMNS],
    rows: TOKEN_METRICS.map((m) => [m.metric, m.unit, ...m.values]),
    numberFormats: ["", "", "0.00", "0.00", "0.00"],
  };
  const tokens = sheet("Token Economics", {
    role: "tokens",
    blocks: [{ at: "A1", cells: [["Table 2"]], style: "title" }],
    tables: [tokenTable],
  });

  test("names are workbook-level and absolute: formulas use them by name", async () => {
    const modelSheet = sheet("Model", {
      blocks: [{ at: "A1", cells: [["=CNAI.TOKEN_MARGIN(VolumeGrowth, UnitCostDecline, Years)"]] }],
    });
    const wb = await evaluatePlan(plan(inputs, modelSheet));
    expectNear(wb.value("Model", "A1"), 0.7399);
    expect(wb.engine.getNamedExpressionFormula("Years")).toBe("='Model Inputs'!$C$7");
    // An input changed in the engine flows through the name.
    wb.engine.setCellContents(
      { sheet: wb.engine.getSheetId("Model Inputs") ?? -1, row: 6, col: 2 },
      1
    );
    // One year: 1 − 0.36 × 0.85 = 0.694.
    expectNear(wb.value("Model", "A1"), 0.694);
  });

  test("a table and structured references to it, from plans applied in order", async () => {
    const modelSheet = sheet("Model", {
      blocks: [
        {
          at: "B2",
          cells: [
            [
              '=INDEX(TokenEconomics[Q1 2026], MATCH("Inference Tokens", TokenEconomics[Metric], 0))',
              "=CNAI.TOKEN_REVENUE(INDEX(TokenEconomics[Q1 2026],2), INDEX(TokenEconomics[Q1 2026],3))",
              '="TokenEconomics[Metric]"',
            ],
          ],
        },
      ],
    });
    const wb = await evaluatePlan([
      { action: "load-tables", sheets: [tokens], notes: [] },
      plan(modelSheet),
    ]);
    expect(wb.value("Model", "B2")).toBe(60);
    expectNear(wb.value("Model", "C2"), 1.8e6);
    expect(wb.value("Model", "D2")).toBe("TokenEconomics[Metric]");
    expect(wb.formula("Model", "B2")).toBe(
      "=INDEX('Token Economics'!$D$5:$D$7, MATCH(\"Inference Tokens\", 'Token Economics'!$A$5:$A$7, 0))"
    );
    expect(wb.tables).toEqual([
      {
        name: "TokenEconomics",
        sheet: "Token Economics",
        at: "A4",
        columns: tokenTable.columns,
        rowCount: 3,
      },
    ]);
    // The header row holds the column names as text, the rows below the data.
    expect(wb.range("Token Economics", "A4:E5")).toEqual([
      [...TOKEN_COLUMNS],
      ["AI Cloud Revenue", "$bn", 0.8, 1.6, 4.5],
    ]);
    expect(wb.value("Token Economics", "A1")).toBe("Table 2");
    expect(wb.calculate("=SUM(TokenEconomics[2027E])")).toBeCloseTo(4.5 + 250 + 0.02, 12);
  });

  test("constants are stored as Excel stores typed values, except text-formatted ones", () => {
    const wb = model({
      at: "A1",
      cells: [["30%", "2027", "2027", "2H25", true, null]],
      numberFormat: ["0%", "General", "@", "", "", ""],
    });
    expect(wb.range("Model", "A1:F1")).toEqual([[0.3, 2027, "2027", "2H25", true, null]]);
  });

  test("an empty plan gives an empty sheet; unknown sheets and bad addresses throw", () => {
    const wb = model();
    expect(wb.value("Model", "A1")).toBeNull();
    expect(wb.spill("Model", "A1")).toEqual({ rows: 1, columns: 1 });
    expect(() => wb.value("Nowhere", "A1")).toThrow(/no sheet named "Nowhere"/);
    expect(() => wb.value("Model", "not a cell")).toThrow(/not a cell address/);
  });
});
