/**
 * The CustomFunctions shim and the capture of the add-in's functions, on a toy script (the real
 * bundle's capture: test/workbench/addin.test.ts, which reads dist/).
 */
import { AddinError, captureAddin, createCustomFunctionsShim } from "../../src/host/addin";

describe("the CustomFunctions shim", () => {
  test("associate takes an id and a function, or an object of them; ids match case-insensitively", () => {
    const shim = createCustomFunctionsShim();
    const one = () => 1;
    const two = () => 2;
    shim.associate("one", one);
    shim.associate({ Two: two });
    expect([...shim.associated]).toEqual([
      ["ONE", one],
      ["TWO", two],
    ]);
    expect(() => shim.associate("three")).toThrow(/needs a function/);
  });

  test("Error and ErrorCode are office.js's; a message is refused where Excel refuses it", () => {
    const shim = createCustomFunctionsShim();
    expect(new shim.Error(shim.ErrorCode.invalidValue, "why")).toMatchObject({
      code: "#VALUE!",
      message: "why",
    });
    expect(new shim.Error(shim.ErrorCode.notAvailable, "why").message).toBe("why");
    expect(new shim.Error(shim.ErrorCode.invalidNumber).code).toBe("#NUM!");
    expect(() => new shim.Error(shim.ErrorCode.divisionByZero, "why")).toThrow(/rejects a message/);
    expect(shim.ErrorCode).toEqual({
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    });
  });
});

describe("captureAddin", () => {
  const toyMetadata = {
    functions: [
      {
        id: "DOUBLE",
        parameters: [{ name: "x", dimensionality: "matrix" }],
        result: { dimensionality: "matrix" },
      },
      { id: "HALF", parameters: [{ name: "x", optional: true }], result: {} },
      { id: "MISSING", parameters: [], result: {} },
      // A catalogue function's own id: the catalogue says which of its ranges are tables.
      {
        id: "PARITY_AT",
        parameters: [
          { name: "when" },
          { name: "bound" },
          { name: "method" },
          { name: "stall_from" },
          { name: "chips", dimensionality: "matrix" },
        ],
        result: {},
      },
    ],
  };
  const toy = `
    CustomFunctions.associate("DOUBLE", (x) => x.map((row) => row.map((v) => v * 2)));
    CustomFunctions.associate("HALF", (x) => {
      if (typeof x !== "number") throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "x is not a number");
      return x / 2;
    });`;
  // Captured in each test, not in the describe body: work done outside a test is no test's cover
  // for the mutation run (docs/development.md, "What counts as a test's coverage").
  let functions: ReturnType<typeof captureAddin>;
  beforeEach(() => {
    functions = captureAddin((shim) => new Function("CustomFunctions", toy)(shim), toyMetadata);
  });

  test("declares what functions.json declares and calls what the script associated", () => {
    expect(functions.map((f) => f.id)).toEqual(["DOUBLE", "HALF", "MISSING", "PARITY_AT"]);
    expect(functions[0].parameters).toEqual([
      { name: "x", dimensionality: "matrix", optional: false, table: false },
    ]);
    expect(functions[3].parameters.map((p) => [p.name, p.table])).toEqual([
      ["when", false],
      ["bound", false],
      ["method", false],
      ["stall_from", false],
      ["chips", true],
    ]);
    expect(functions[0].result).toEqual({ dimensionality: "matrix" });
    expect(functions[1].parameters).toMatchObject([
      { name: "x", dimensionality: "scalar", optional: true },
    ]);
    expect(functions[1].result).toEqual({ dimensionality: "scalar" });
    expect(functions[0].invoke([[1, 2]])).toEqual([[2, 4]]);
    expect(functions[1].invoke(3)).toBe(1.5);
    expect(() => functions[1].invoke(null)).toThrow(AddinError);
  });

  test("a declared function the script never associated is #NAME?", () => {
    expect(functions[2].invoke()).toEqual({
      code: "#NAME?",
      message: "functions.js did not associate MISSING.",
    });
  });
});
