/**
 * The host's text of formulas and constants (src/host/engine.ts): a formula as the engine takes
 * it — a bare range under a unary plus so that it spills, a capital exponent made small, a call in
 * Excel's saved form renamed to no function's name — a constant as a plan writes it, and a table
 * body's formula wrapped and unwrapped.
 */
import { engineFormula, inTable, outOfTable, written } from "../../src/host/engine";

describe("a formula as the engine takes it", () => {
  it.each([
    ["=B2:D4", "=+B2:D4"],
    ["=A1:B2 ", "=+A1:B2"],
    ["=Sheet1!A1:B2", "=+Sheet1!A1:B2"],
    ["='CNAI Model'!$A$37:$A$39", "=+'CNAI Model'!$A$37:$A$39"],
    ["=1.5E-3", "=1.5e-3"],
    ["=_xldudf_CNAI_PARITY_AT(1)", "=XLDUDF.CNAI_PARITY_AT(1)"],
  ])("%s → %s", (formula, engine) => {
    expect(engineFormula(formula)).toBe(engine);
  });

  it.each([
    "=A1",
    "=Sheet1!A1",
    "=A1:B2+1",
    "=SUM(A1:B2)",
    "=A1:B2:C3",
    "=Sheet1!A1:B2:C3",
    "=foo:bar",
    "=A1:foo",
    "=1!A1:B2",
    '="unclosed',
    "=E1",
    '="1E5"',
    "B2:D4",
  ])("%s stays as it is: not a bare range of cells, nor a number's exponent", (formula) => {
    expect(engineFormula(formula)).toBe(formula);
  });
});

describe("a constant as a plan writes it", () => {
  it.each([
    [true, "General", { content: true, input: "TRUE" }],
    [false, "General", { content: false, input: "FALSE" }],
    [null, "General", { content: null, input: "" }],
    [0.3, "0%", { content: 0.3, input: "30%" }],
    // 15 significant digits, as the formula bar shows them: 12.3456789012345678% → 12.3456789012346%.
    [0.123456789012345678, "0%", { content: 0.123456789012345678, input: "12.3456789012346%" }],
    [0.1 + 0.2, "General", { content: 0.1 + 0.2, input: "0.3" }],
    [45931, "yyyy-mm-dd", { content: 45931, input: "2025-10-01" }],
    ["5%", "General", { content: 0.05, input: "5%" }],
    ["5%", "@", { content: "'5%", input: "5%" }],
  ])("%j under %s", (cell, format, entry) => {
    expect(written(cell, format, [])).toEqual(entry);
  });

  it("text asked for as text stays text", () => {
    expect(written("5%", "General", [], true)).toEqual({ content: "'5%", input: "5%" });
  });
});

describe("a formula in a table's body", () => {
  it("is wrapped for the engine and unwrapped for the formula bar; others pass as they are", () => {
    expect(inTable("=A1+1")).toBe("=XLHOST.INTABLE(A1+1)");
    expect(outOfTable("=XLHOST.INTABLE(A1+1)")).toBe("=A1+1");
    expect(outOfTable("=A1")).toBe("=A1");
  });
});
