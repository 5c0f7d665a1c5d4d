/**
 * The core's catalogue as the host's add-in functions (src/host/core-functions.ts): an Excel error
 * in an argument reaches the core as its own error — with the referenced cell's message when it has
 * one — and the core's errors come out with their code and message.
 */
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { HostWorkbook } from "../../src/host/workbook";

const workbook = new HostWorkbook(CORE_FUNCTIONS);
const sheet = workbook.sheet("Sheet1");
/** Types `input` into A1 and `=CNAI.PRICE_COMPRESSION(A1)` into B1; B1's value. */
const compressionOf = (input: string) => {
  workbook.typeInto(sheet, 0, 0, input);
  workbook.typeInto(sheet, 0, 1, "=CNAI.PRICE_COMPRESSION(A1)");
  return workbook.valueAt(sheet, 0, 1);
};

describe("errors into and out of the core's functions on the host", () => {
  it("a core error comes out with its code and the core's message", () => {
    expect(compressionOf("2")).toEqual({
      error: "#NUM!",
      message: "utilization must be from 0% to 100%; got 200%.",
    });
  });

  it.each([
    ["=1/0", "#DIV/0!"],
    ["=NA()", "#N/A"],
  ])("%s in the argument: %s, saying the referenced cell holds it", (input, code) => {
    expect(compressionOf(input)).toEqual({
      error: code,
      message: `A referenced cell holds ${code}.`,
    });
  });

  it("an error the core does not know (#REF!) becomes #VALUE!, naming it", () => {
    expect(compressionOf("=#REF!")).toEqual({
      error: "#VALUE!",
      message: "A referenced cell holds an error (#REF!).",
    });
  });

  it("a referenced CNAI error keeps its own message", () => {
    expect(compressionOf("=CNAI.PRICE_COMPRESSION(2)")).toEqual({
      error: "#NUM!",
      message: "utilization must be from 0% to 100%; got 200%.",
    });
  });

  it("numbers pass through to the core: the note's Risk 2, 30% more off below 60% utilization", () => {
    expect(compressionOf("55%")).toBeCloseTo(0.3, 12);
    expect(compressionOf("=0.6")).toBe(0);
  });
});
