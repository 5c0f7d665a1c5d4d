/**
 * A CNAI spill is sized when its formula is entered (src/host/engine.ts, `resultSize`): from the
 * literal arguments for a function that takes no range, from the arguments' shapes for one that
 * broadcasts. Sized right, the formula is entered once; sized wrong, the workbook learns the size
 * and enters it a second time (`Workbook.settle`), which the count of the engine's writes shows.
 * The literal arguments in every form Excel writes them: FALSE, FALSE(), (FALSE), 0, -0, 50%.
 * Sizes by hand: Table 2 (APPENDIX "tokens") is 3 rows of 5 columns under a header row; Table 1
 * ("chips") 3 rows of 8.
 */
import { HyperFormula } from "hyperformula";
import type { AddinFunction } from "../../src/host/contract";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { EXCEL_CONFIG, LICENSE_KEY, functionNames, functionPlugin } from "../../src/host/engine";
import { HostWorkbook } from "../../src/host/workbook";

/**
 * The spill of `formula` entered into A1 (Z1 holds "tokens", Z2 "chips", C10:C12 1, 2 and 3; the
 * names FALSEHOOD and NOTFALSE hold 1), and the engine writes it took.
 */
function entered(formula: string, functions: readonly AddinFunction[] = CORE_FUNCTIONS) {
  const workbook = new HostWorkbook(functions);
  workbook.setInput("Sheet1", "Z1", "tokens");
  workbook.setInput("Sheet1", "Z2", "chips");
  ["1", "2", "3"].forEach((n, k) => workbook.setInput("Sheet1", `C${10 + k}`, n));
  workbook.addName("FALSEHOOD", "=1", "");
  workbook.addName("NOTFALSE", "=1", "");
  const writes = jest.spyOn(workbook.engine, "setCellContents");
  workbook.setInput("Sheet1", "A1", formula);
  return {
    spill: workbook.spill("Sheet1", "A1"),
    writes: writes.mock.calls.length,
    value: workbook.value("Sheet1", "A1"),
  };
}

describe("a CNAI spill sized as its formula is entered", () => {
  it.each([
    ['=CNAI.APPENDIX("tokens",FALSE)', 3, 5],
    ['=CNAI.APPENDIX("tokens",FALSE())', 3, 5],
    ['=CNAI.APPENDIX("tokens",(FALSE))', 3, 5],
    ['=CNAI.APPENDIX("tokens",TRUE())', 4, 5],
    ['=CNAI.APPENDIX("tokens",TRUE)', 4, 5],
    ['=CNAI.APPENDIX("tokens")', 4, 5],
    ['=CNAI.APPENDIX("tokens",0)', 3, 5],
    ['=CNAI.APPENDIX("chips",-0)', 3, 8],
    ['=CNAI.APPENDIX("chips",-1)', 4, 8],
    ['=CNAI.APPENDIX("chips",50%)', 4, 8],
    ["=CNAI.TOKEN_MARGIN({0.3,0.4},15%,2)", 1, 2],
    ["=CNAI.TOKEN_MARGIN(C10:C12,D10:F10,2)", 3, 3],
    // Arithmetic on a range is an array (Excel 365's reading), sized as one.
    ["=CNAI.TOKEN_MARGIN(C10:C12*1,15%,2)", 3, 1],
    // Computed, so not known at entry: the header row is APPENDIX's default until a value says.
    // PI() and the names are 1 or more, TRUE: the default guessed right.
    ['=CNAI.APPENDIX("tokens",PI())', 4, 5],
    ['=CNAI.APPENDIX("tokens",FALSEHOOD)', 4, 5],
    ['=CNAI.APPENDIX("tokens",NOTFALSE)', 4, 5],
  ])("%s: %d×%d, entered once", (formula, rows, columns) => {
    expect(entered(formula)).toMatchObject({ spill: { rows, columns }, writes: 1 });
  });

  it("a computed argument cannot be sized at entry: the size is learnt and the formula entered again", () => {
    expect(entered("=CNAI.APPENDIX(Z1,FALSE)")).toMatchObject({
      spill: { rows: 3, columns: 5 },
      writes: 3,
    });
  });

  it("each call in a formula learns its own size", () => {
    // Table 2 without its header (3 rows) and Table 1 with it (4 rows).
    expect(entered("=ROWS(CNAI.APPENDIX(Z1,FALSE))+ROWS(CNAI.APPENDIX(Z2,TRUE))").value).toBe(7);
  });
});

describe("functions of other shapes", () => {
  const COUNT: AddinFunction = {
    id: "COUNT",
    parameters: [{ name: "values", dimensionality: "matrix" }],
    result: { dimensionality: "scalar" },
    invoke: (values) => (values as unknown[][]).length,
  };
  const ECHO: AddinFunction = {
    id: "ECHO",
    parameters: [
      { name: "values", dimensionality: "matrix" },
      { name: "times", dimensionality: "scalar" },
    ],
    result: { dimensionality: "matrix" },
    invoke: (values, times) =>
      (values as number[][]).map((row) => row.map((v) => v * (times as number))),
  };

  it("a function that returns one value is one cell, whatever its arguments' size", () => {
    expect(entered("=CNAI.COUNT(C10:C12)", [COUNT])).toEqual({
      spill: { rows: 1, columns: 1 },
      writes: 1,
      value: 3,
    });
  });

  it("a function with one range parameter among others is sized by its arguments' shapes", () => {
    expect(entered("=CNAI.ECHO(C10:C12,2)", [ECHO])).toEqual({
      spill: { rows: 3, columns: 1 },
      writes: 1,
      value: 2,
    });
  });

  it("a function not registered is one #NAME? cell, sized as one when entered", () => {
    const appendix = CORE_FUNCTIONS.find((f) => f.id === "APPENDIX") as AddinFunction;
    expect(
      entered('=CNAI.APPENDIX("tokens")', [{ ...appendix, registered: () => false }])
    ).toMatchObject({
      spill: { rows: 1, columns: 1 },
      writes: 1,
      value: { error: "#NAME?" },
    });
  });

  it("a result sized anew spills at its size on any sheet, not only the first", () => {
    const workbook = new HostWorkbook(CORE_FUNCTIONS, { sheets: ["Sheet1", "Data"] });
    workbook.setInput("Data", "A1", "tokens");
    workbook.setInput("Data", "B1", "=CNAI.APPENDIX(A1)");
    // Table 2 with its header row: three metrics (cloud revenue, tokens, price) by Metric, Unit
    // and three periods.
    expect(workbook.spill("Data", "B1")).toEqual({ rows: 4, columns: 5 });
  });

  it("a workbook has only its own functions, not a set registered in HyperFormula for all engines", () => {
    const plugin = functionPlugin(CORE_FUNCTIONS, "FITS");
    HyperFormula.registerFunctionPlugin(plugin, { enGB: functionNames(CORE_FUNCTIONS, "FITS") });
    try {
      const workbook = new HostWorkbook(CORE_FUNCTIONS);
      workbook.setInput("Sheet1", "A1", "=FITS.MARGIN_EXPANSION(30%,15%,2)");
      workbook.setInput("Sheet1", "A2", "=CNAI.MARGIN_EXPANSION(30%,15%,2)");
      expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
      // The note's 0.36 × (1 − 0.85²).
      expect(workbook.value("Sheet1", "A2")).toBeCloseTo(0.0999, 12);
    } finally {
      HyperFormula.unregisterFunctionPlugin(plugin);
    }
  });

  it("an engine that does not learn (HyperFormula alone) says why a result does not fit", () => {
    const plugin = functionPlugin(CORE_FUNCTIONS, "FITS");
    HyperFormula.registerFunctionPlugin(plugin, { enGB: functionNames(CORE_FUNCTIONS, "FITS") });
    try {
      const engine = HyperFormula.buildFromArray([["tokens", "=FITS.APPENDIX(A1,FALSE())"]], {
        ...EXCEL_CONFIG,
        licenseKey: LICENSE_KEY,
      });
      expect(engine.getCellValue({ sheet: 0, row: 0, col: 1 })).toMatchObject({
        value: "#VALUE!",
        message:
          "HyperFormula sized FITS.APPENDIX's spill as 1×1 when parsing; the result is 3×5 (a named range as an argument?).",
      });
    } finally {
      HyperFormula.unregisterFunctionPlugin(plugin);
    }
  });
});
