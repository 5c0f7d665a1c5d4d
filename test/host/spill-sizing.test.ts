/**
 * A CNAI spill is sized when its formula is entered (src/host/engine.ts, `resultSize`): from the
 * literal arguments for a function that takes no range, from the arguments' shapes for one that
 * broadcasts. Sized right, the formula is entered once; sized wrong, the workbook learns the size
 * and enters it a second time (`Workbook.settle`), which the count of the engine's writes shows.
 * The literal arguments in every form Excel writes them: FALSE, FALSE(), (FALSE), 0, -0, 50%.
 * Sizes by hand: Table 2 (APPENDIX "tokens") is 3 rows of 5 columns under a header row; Table 1
 * ("chips") 3 rows of 8.
 */
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { HostWorkbook } from "../../src/host/workbook";

/** The spill of `formula` entered into A1 (Z1 holds "tokens"), and the engine writes it took. */
function entered(formula: string) {
  const workbook = new HostWorkbook(CORE_FUNCTIONS);
  workbook.setInput("Sheet1", "Z1", "tokens");
  const writes = jest.spyOn(workbook.engine, "setCellContents");
  workbook.setInput("Sheet1", "A1", formula);
  return { spill: workbook.spill("Sheet1", "A1"), writes: writes.mock.calls.length };
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
  ])("%s: %d×%d, entered once", (formula, rows, columns) => {
    expect(entered(formula)).toEqual({ spill: { rows, columns }, writes: 1 });
  });

  it("a computed argument cannot be sized at entry: the size is learnt and the formula entered again", () => {
    expect(entered("=CNAI.APPENDIX(Z1,FALSE)")).toEqual({
      spill: { rows: 3, columns: 5 },
      writes: 3,
    });
  });
});
