/**
 * The saved form of a custom function's call (src/plans/saved-form.ts) at its edges: which calls
 * are the namespace's, in which form, and what each rewrite leaves alone. Every expected formula is
 * written out by hand from Excel's forms: `CNAI.F(` as entered, `_xldudf_CNAI_F(` as saved,
 * `[2]!_xldudf_CNAI_F(` as another add-in's start-up leaves it.
 */
import {
  calledFunctions,
  callsNamespace,
  fromSavedForm,
  holdsSavedForm,
  renameSavedCalls,
  toSavedForm,
} from "../../src/plans/saved-form";

const IDS = ["PARITY_AT", "VERSION"];

describe("which calls are the namespace's", () => {
  test.each([
    // The namespace alone, or its saved prefix alone, names no function.
    ["=CNAI.(1)", []],
    ["=_xldudf_CNAI_(1)", []],
    ["=CNAI.V(1)+_xldudf_CNAI_W(2)", ["V", "W"]],
    // A name in another workbook, [1]!CNAI.PARITY_AT, is that workbook's, not the add-in's.
    ["=[1]!CNAI.PARITY_AT(1)", []],
    ["=[1]!_xldudf_CNAI_PARITY_AT(1)", ["PARITY_AT"]],
    // A formula that cannot be read (a text never closed) calls nothing CNAI can name.
    ['=CNAI.VERSION()&"open', []],
  ])("%s calls %j", (formula, ids) => {
    expect(calledFunctions(formula, "CNAI")).toEqual(ids);
  });

  test.each([
    ["=cnai.parity_at(1)", true, false],
    ["=_xldudf_CNAI_PARITY_AT(1)", false, true],
    ["=_XLDUDF_cnai_PARITY_AT(1)+CNAI.VERSION()", true, true],
    ["=SUM(1)", false, false],
  ])("%s: by name %s, saved %s", (formula, byName, saved) => {
    expect(callsNamespace(formula, "CNAI")).toBe(byName);
    expect(holdsSavedForm(formula, "CNAI")).toBe(saved);
  });
});

describe("toSavedForm rewrites known calls by name only", () => {
  test.each([
    ["=cnai.parity_at(1)", "=_xldudf_CNAI_PARITY_AT(1)"],
    // Already saved, in whatever case: left as it is.
    ["=_xldudf_cnai_parity_at(1)", "=_xldudf_cnai_parity_at(1)"],
    // A function the add-in does not have: left, so Excel shows #NAME? for the name as typed.
    ["=CNAI.NOPE(1)", "=CNAI.NOPE(1)"],
    ["=[1]!CNAI.PARITY_AT(1)", "=[1]!CNAI.PARITY_AT(1)"],
  ])("%s → %s", (formula, saved) => {
    expect(toSavedForm(formula, "CNAI", IDS)).toBe(saved);
  });
});

describe("fromSavedForm rewrites known saved calls only", () => {
  test.each([
    ["=_xldudf_cnai_parity_at(1)", "=CNAI.PARITY_AT(1)"],
    // A call by name is the analyst's as typed, case and all.
    ["=cnai.parity_at(1)", "=cnai.parity_at(1)"],
    ["=_xldudf_CNAI_NOPE(1)", "=_xldudf_CNAI_NOPE(1)"],
    // The external form only when asked for.
    ["=[2]!_xldudf_CNAI_VERSION()", "=[2]!_xldudf_CNAI_VERSION()"],
  ])("%s → %s", (formula, read) => {
    expect(fromSavedForm(formula, "CNAI", IDS)).toBe(read);
  });

  test("with external, [2]! goes and the call is the add-in's", () => {
    expect(fromSavedForm("=[2]!_xldudf_CNAI_VERSION()", "CNAI", IDS, { external: true })).toBe(
      "=CNAI.VERSION()"
    );
  });
});

describe("renameSavedCalls: every add-in's saved calls under the host's prefix", () => {
  test.each([
    ["=_xldudf_OTHER_F(1)", "=XLDUDF.OTHER_F(1)"],
    ["=_XLDUDF_cnai_parity_at(1)", "=XLDUDF.cnai_parity_at(1)"],
    ["=[2]!_xldudf_CNAI_VERSION()+1", "=XLDUDF.CNAI_VERSION()+1"],
    // Not saved calls: a plain call, a name that only ends in the prefix, a sheet's name.
    ["=SUM(1)", "=SUM(1)"],
    ["=my_xldudf_(1)", "=my_xldudf_(1)"],
    ["=Sheet1!_xldudf_CNAI_VERSION()", "=Sheet1!_xldudf_CNAI_VERSION()"],
  ])("%s → %s", (formula, renamed) => {
    expect(renameSavedCalls(formula, "XLDUDF.")).toBe(renamed);
  });
});
