/**
 * Repair CNAI formulas (src/taskpane/repair.ts): the pure decision per cell and the grouping into
 * writes, then the action through Microsoft's Excel client on the Excel host, on formulas written
 * while CNAI's functions were not registered (Excel's stuck #NAME?) and on an .xlsx file holding
 * calls in the form Excel saves them in. The numbers expected are the note's, worked by hand:
 * PARITY_AT("2H25") is the middle of Table 1's 60–65% = 0.625, and MARGIN_EXPANSION(30%,15%,2) is
 * 0.36 × (1 − 0.85²) = 0.0999.
 */
import * as ExcelJS from "exceljs";
import { REPAIR_TEXT } from "../../src/taskpane/text";
import { awaitingRegistration } from "../../src/host/addin";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { hostedExisting as hostExisting, hosted as hostWorkbook } from "../helpers/host";
import { openWorkbook } from "../../src/host/open";
import { ReadCells, makeRepairActions, planRepair, repairOf } from "../../src/taskpane/repair";
import { SNAPSHOT_MARKER } from "../../src/taskpane/snapshot";
import { translationProblems } from "../helpers/chinese";

const PARITY = 0.625;
const EXPANSION = 0.0999;

describe("what becomes of one cell", () => {
  test.each([
    // Saved forms of CNAI's functions: rewritten, whatever their case.
    ['=_xldudf_CNAI_PARITY_AT("2H25")', "#NAME?", "rewrite", '=CNAI.PARITY_AT("2H25")'],
    ['=_XLDUDF_cnai_parity_at("2H25")', "#NAME?", "rewrite", '=CNAI.PARITY_AT("2H25")'],
    ['=[2]!_xldudf_CNAI_PARITY_AT("2H25")', "#NAME?", "rewrite", '=CNAI.PARITY_AT("2H25")'],
    [
      "=_xldudf_CNAI_MARGIN_EXPANSION(30%,15%,2)+[1]!_xldudf_CNAI_PARITY_AT(B1)",
      "#NAME?",
      "rewrite",
      "=CNAI.MARGIN_EXPANSION(30%,15%,2)+CNAI.PARITY_AT(B1)",
    ],
    // A saved call beside a proper one, and text that names a saved call: only the call changes.
    [
      '=CNAI.PARITY_AT("2H25")&_xldudf_CNAI_VERSION()&"_xldudf_CNAI_VERSION()"',
      "#NAME?",
      "rewrite",
      '=CNAI.PARITY_AT("2H25")&CNAI.VERSION()&"_xldudf_CNAI_VERSION()"',
    ],
    // A proper CNAI formula that shows #NAME?: entered again as it is.
    ['=CNAI.PARITY_AT("2H25")', "#NAME?", "reenter", '=CNAI.PARITY_AT("2H25")'],
    ["=cnai.margin_expansion(30%,15%,2)", "#NAME?", "reenter", "=cnai.margin_expansion(30%,15%,2)"],
    // Computing CNAI formulas, and an error that is not #NAME?.
    ['=CNAI.PARITY_AT("2H25")', PARITY, "computes", undefined],
    ['=CNAI.PARITY_AT("9H99")', "#VALUE!", "computes", undefined],
    // A CNAI name the catalogue does not have: left, and named.
    ["=CNAI.PARTY_AT(1)", "#NAME?", "unknown", undefined],
    ["=_xldudf_CNAI_PARTY_AT(1)", "#NAME?", "unknown", undefined],
    ['=CNAI.PARITY_AT("2H25")+CNAI.PARTY_AT(1)', "#NAME?", "unknown", undefined],
    // Not CNAI's: another add-in's saved function, an unknown function, text, constants.
    ["=_xldudf_OTHER_F(1)", "#NAME?", "none", undefined],
    ["=NOSUCH(1)", "#NAME?", "none", undefined],
    ['=CNAI.PARITY_AT("2H25")', '=CNAI.PARITY_AT("2H25")', "none", undefined],
    ['="CNAI.PARITY_AT("&1', "CNAI.PARITY_AT(1", "none", undefined],
    ["_xldudf_CNAI_PARITY_AT(1)", "_xldudf_CNAI_PARITY_AT(1)", "none", undefined],
    [0.5, 0.5, "none", undefined],
  ])("%s showing %s: %s", (formula, value, kind, repaired) => {
    const repair = repairOf(formula, value);
    expect(repair.kind).toBe(kind);
    if (repaired !== undefined) expect(repair).toMatchObject({ formula: repaired });
  });

  test("the unknown names are named as written", () => {
    expect(repairOf('=CNAI.PARITY_AT("2H25")+_xldudf_CNAI_PARTY_AT(1)', "#NAME?")).toEqual({
      kind: "unknown",
      names: ["PARTY_AT"],
    });
  });
});

describe("the plan: only the cells to repair, as few rectangles as they make", () => {
  const stuck = '=CNAI.PARITY_AT("2H25")';
  const saved = '=_xldudf_CNAI_PARITY_AT("2H25")';
  const read = (sheet: string, formulas: unknown[][], values: unknown[][]): ReadCells => ({
    sheet,
    top: 1,
    left: 1,
    rows: formulas.length,
    columns: formulas[0].length,
    formulas,
    values,
  });

  test("runs along a row, stacked where the rows below have the same columns", () => {
    const N = "#NAME?";
    const plan = planRepair([
      read(
        "Sheet1",
        [
          [stuck, saved, "=1+1", stuck],
          [stuck, saved, "x", "x"],
          [stuck, stuck, "", ""],
          ["", stuck, "", ""],
        ],
        [
          [N, N, 2, N],
          [N, N, "x", "x"],
          [N, N, "", ""],
          ["", N, "", ""],
        ]
      ),
    ]);
    const fixed = '=CNAI.PARITY_AT("2H25")';
    expect(plan.writes.map((w) => [w.top, w.left, w.rows, w.columns, w.formulas])).toEqual([
      [
        1,
        1,
        3,
        2,
        [
          [fixed, fixed],
          [fixed, fixed],
          [fixed, fixed],
        ],
      ],
      [1, 4, 1, 1, [[fixed]]],
      [4, 2, 1, 1, [[fixed]]],
    ]);
    expect(plan).toMatchObject({ rewritten: 2, reentered: 6, found: 8 });
    expect(plan.sheets).toEqual([{ sheet: "Sheet1", cells: 8 }]);
  });

  test("no rectangle holds more cells than a sync may carry", () => {
    const column = Array.from({ length: 25 }, () => [stuck, stuck]);
    const plan = planRepair(
      [
        read(
          "Sheet1",
          column,
          column.map(() => ["#NAME?", "#NAME?"])
        ),
      ],
      { cells: 10 }
    );
    expect(plan.writes.map((w) => [w.top, w.rows, w.columns])).toEqual([
      [1, 5, 2],
      [6, 5, 2],
      [11, 5, 2],
      [16, 5, 2],
      [21, 5, 2],
    ]);
  });
});

/** A workbook whose CNAI functions are not registered yet, as when it opens before CNAI starts. */
function beforeCnaiStarts() {
  const addin = awaitingRegistration(CORE_FUNCTIONS);
  return { ...hostWorkbook(addin.functions), register: addin.register };
}

/** The steps of the host's log that change the workbook: anything but loads and syncs. */
const writes = (log: readonly string[]) =>
  log.filter((step) => step !== "sync" && !step.startsWith("load "));

describe("on the Excel host: formulas written while CNAI's functions were not registered", () => {
  async function stuckWorkbook() {
    const hosted = beforeCnaiStarts();
    await hosted.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1:B2").numberFormat = [["@"], ["General"]];
      sheet.getRange("A1:A7").formulas = [
        ['=CNAI.PARITY_AT("2H25")'],
        ["=CNAI.MARGIN_EXPANSION(30%,15%,2)"],
        ["=CNAI.PARTY_AT(1)"],
        ["=_xldudf_OTHER_F(1)"],
        ["=NOSUCH(1)"],
        ["=1+1"],
        ['=_xldudf_CNAI_PARITY_AT("2H25")*2'],
      ];
      // Text that reads like a CNAI formula, in a text-formatted cell.
      sheet.getRange("B1").values = [['=CNAI.PARITY_AT("2H25")']];
      const hidden = context.workbook.worksheets.add("Hidden");
      hidden.getRange("C3:D3").formulas = [
        ["=CNAI.MARGIN_EXPANSION(30%,15%,2)", "=CNAI.VERSION()"],
      ];
      hidden.visibility = "VeryHidden";
      // CNAI's snapshot sheet: its formulas are never touched.
      const store = context.workbook.worksheets.add("CNAI Snapshot");
      store.getRange("A1").formulas = [['=CNAI.PARITY_AT("2H25")']];
      store.visibility = "VeryHidden";
      context.workbook.names.add(SNAPSHOT_MARKER, store.getRange("A1"), "CNAI's snapshot sheet");
      await context.sync();
    });
    return hosted;
  }

  test("stay #NAME? once the functions are registered, recalculation or not, as in Excel", async () => {
    const { workbook, run, register } = await stuckWorkbook();
    register();
    await run(async (context) => {
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
    });
    for (const a1 of ["A1", "A2", "A7"])
      expect(workbook.value("Sheet1", a1)).toMatchObject({ error: "#NAME?" });
    expect(workbook.value("Hidden", "C3")).toMatchObject({ error: "#NAME?" });
    // Entered again, one computes.
    workbook.setInput("Sheet1", "A1", '=CNAI.PARITY_AT("2H25")');
    expect(workbook.value("Sheet1", "A1")).toBe(PARITY);
  });

  test("are repaired with the right numbers; every other cell stays exactly as it was", async () => {
    const { workbook, host, run, register } = await stuckWorkbook();
    register();
    const untouched = ["A3", "A4", "A5", "A6", "B1"].map((a1) => [a1, workbook.cell("Sheet1", a1)]);
    const store = workbook.cell("CNAI Snapshot", "A1");
    host.resetCounts();
    const report = await makeRepairActions(run).repair();

    expect(workbook.value("Sheet1", "A1")).toBe(PARITY);
    expect(workbook.value("Sheet1", "A2")).toBeCloseTo(EXPANSION, 12);
    expect(workbook.value("Sheet1", "A7")).toBe(2 * PARITY);
    expect(workbook.cell("Sheet1", "A7").input).toBe('=CNAI.PARITY_AT("2H25")*2');
    expect(workbook.value("Hidden", "C3")).toBeCloseTo(EXPANSION, 12);
    expect(typeof workbook.value("Hidden", "D3")).toBe("string");
    expect(untouched.map(([a1]) => [a1, workbook.cell("Sheet1", a1 as string)])).toEqual(untouched);
    expect(workbook.cell("Sheet1", "A3").value).toMatchObject({ error: "#NAME?" });
    expect(workbook.cell("CNAI Snapshot", "A1")).toEqual(store);
    // Only the repaired cells were written: A1:A2 together, A7, and C3:D3 on the hidden sheet.
    expect(writes(host.log).filter((step) => step.includes(".formulas = "))).toEqual([
      "Range Sheet1!A1:A2.formulas = [2×1]",
      "Range Sheet1!A7.formulas = [1×1]",
      "Range Hidden!C3:D3.formulas = [1×2]",
    ]);

    expect(report).toMatchObject({ ok: true, found: 6, repaired: 5, needing: 0 });
    expect(report.summary).toBe(
      "Repaired 5 CNAI formulas: 3 cells on Sheet1 and 2 cells on Hidden. Excel computes them again."
    );
    expect(report.details).toEqual([
      "1 was in the form Excel saves while CNAI is not loaded, such as =_xldudf_CNAI_PARITY_AT(…), and calls CNAI again, as =CNAI.PARITY_AT(…).",
      "4 called CNAI as written but showed #NAME?, and were entered again unchanged.",
      "1 formula calls a CNAI function that does not exist (CNAI.PARTY_AT) and was left as it is: Sheet1!A3.",
    ]);
  });

  test("a second run writes nothing at all", async () => {
    const { host, run, register } = await stuckWorkbook();
    register();
    const repair = makeRepairActions(run);
    expect((await repair.repair()).repaired).toBe(5);
    host.resetCounts();
    const again = await repair.repair();
    expect(writes(host.log)).toEqual([]);
    expect(again).toMatchObject({ ok: true, repaired: 0, needing: 0, found: 6 });
    expect(again.summary).toBe("All 6 CNAI formulas in this workbook compute: nothing to repair.");
  });

  test("while the functions are still not registered, the report says the repair did not take", async () => {
    const { workbook, run } = await stuckWorkbook();
    const report = await makeRepairActions(run).repair("zh-CN");
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
    expect(report.ok).toBe(false);
    expect(report.summary).toBe(
      "已修复5个CNAI公式：Sheet1中3个单元格和Hidden中2个单元格。Excel将重新计算。"
    );
    expect(report.details[2]).toBe(
      "有5个已修复的公式仍显示#NAME?：其中另有Excel无法识别的名称，或CNAI的函数尚未注册（请等CNAI启动后再次修复）：Sheet1!A1、Sheet1!A2、Sheet1!A7、Hidden!C3和Hidden!D3。"
    );
  });

  test("looking only counts what needs repair and writes nothing", async () => {
    const { host, run, register } = await stuckWorkbook();
    register();
    host.resetCounts();
    const report = await makeRepairActions(run).repair("en", { write: false });
    expect(writes(host.log)).toEqual([]);
    expect(report).toMatchObject({ ok: true, found: 6, repaired: 0, needing: 5 });
    expect(report.summary).toBe(
      "5 CNAI formulas need repair: Repair CNAI formulas enters them again."
    );
  });
});

/**
 * The fixture: an .xlsx as Excel saves a CNAI workbook, CNAI's calls in their saved form
 * (`_xldudf_CNAI_…`) with their cached values — made here with exceljs, which writes formula text
 * as given — plus a call another add-in's start-up left as `[2]!_xldudf_…`, a saved typo, another
 * add-in's function and an unknown one.
 */
async function savedFile(): Promise<Uint8Array> {
  const file = new ExcelJS.Workbook();
  const model = file.addWorksheet("Model");
  const formula = (a1: string, text: string, result: ExcelJS.CellFormulaValue["result"]) =>
    (model.getCell(a1).value = { formula: text, result } as ExcelJS.CellFormulaValue);
  model.getCell("A1").value = "2H25";
  formula("B1", '_xldudf_CNAI_PARITY_AT("2H25")', PARITY);
  model.getCell("B1").numFmt = "0.0%";
  formula("B2", "_xldudf_CNAI_MARGIN_EXPANSION(0.3,0.15,2)", EXPANSION);
  formula("B3", "[2]!_xldudf_CNAI_PARITY_AT(A1)", PARITY);
  formula("B4", "B1*2", 2 * PARITY);
  formula("B5", "_xldudf_CNAI_PARTY_AT(1)", { error: "#NAME?" });
  formula("B6", "_xldudf_OTHER_F(1)", { error: "#NAME?" });
  formula("B7", "NOSUCH(1)", { error: "#NAME?" });
  const notes = file.addWorksheet("Notes", { state: "hidden" });
  notes.getCell("A1").value = { formula: "_xldudf_CNAI_VERSION()", result: "1.0.0" };
  return new Uint8Array(await file.xlsx.writeBuffer());
}

describe("on the Excel host: an .xlsx holding _xldudf_CNAI_… formulas", () => {
  const others = ["B5", "B6", "B7"];

  test("opened before CNAI starts: saved calls stay as saved and #NAME?; repaired once CNAI has started", async () => {
    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook } = await openWorkbook(await savedFile(), addin.functions);
    const { host, run } = hostExisting(workbook);
    expect(workbook.cell("Model", "B1")).toMatchObject({
      input: '=_xldudf_CNAI_PARITY_AT("2H25")',
      value: { error: "#NAME?" },
    });
    expect(workbook.value("Model", "B4")).toMatchObject({ error: "#NAME?" });
    addin.register();
    expect(workbook.value("Model", "B1")).toMatchObject({ error: "#NAME?" });
    const before = others.map((a1) => workbook.cell("Model", a1));

    const report = await makeRepairActions(run).repair();
    expect(workbook.cell("Model", "B1")).toMatchObject({
      input: '=CNAI.PARITY_AT("2H25")',
      value: PARITY,
      display: "62.5%",
    });
    expect(workbook.value("Model", "B2")).toBeCloseTo(EXPANSION, 12);
    expect(workbook.cell("Model", "B3")).toMatchObject({
      input: "=CNAI.PARITY_AT(A1)",
      value: PARITY,
    });
    // A formula that depends on a repaired one computes with it.
    expect(workbook.value("Model", "B4")).toBe(2 * PARITY);
    expect(workbook.value("Notes", "A1")).toBe(
      workbook.engine.calculateFormula("=CNAI.VERSION()", 0)
    );
    expect(others.map((a1) => workbook.cell("Model", a1))).toEqual(before);
    expect(workbook.cell("Model", "B5").input).toBe("=_xldudf_CNAI_PARTY_AT(1)");
    expect(report.summary).toBe(
      "Repaired 4 CNAI formulas: 3 cells on Model and 1 cell on Notes. Excel computes them again."
    );

    host.resetCounts();
    expect((await makeRepairActions(run).repair()).repaired).toBe(0);
    expect(writes(host.log)).toEqual([]);
  });

  test("opened with CNAI's functions registered: Excel reads the saved calls as CNAI's, all but the external form", async () => {
    const { workbook } = await openWorkbook(await savedFile(), CORE_FUNCTIONS);
    const { run } = hostExisting(workbook);
    expect(workbook.cell("Model", "B1")).toMatchObject({
      input: '=CNAI.PARITY_AT("2H25")',
      value: PARITY,
    });
    expect(workbook.cell("Model", "B3")).toMatchObject({
      input: "=[2]!_xldudf_CNAI_PARITY_AT(A1)",
      value: { error: "#NAME?" },
    });
    expect(workbook.cell("Model", "B5").input).toBe("=_xldudf_CNAI_PARTY_AT(1)");
    const report = await makeRepairActions(run).repair();
    expect(report.summary).toBe(
      "Repaired 1 CNAI formula: 1 cell on Model. Excel computes it again."
    );
    expect(workbook.cell("Model", "B3")).toMatchObject({
      input: "=CNAI.PARITY_AT(A1)",
      value: PARITY,
    });
  });
});

describe("the reports in Chinese", () => {
  /** Arguments for each text: counts, and names or cells as text. */
  const SAMPLES: Record<string, unknown[][]> = {
    repaired: [
      [1, "ARGAP"],
      [7, "ARGAQ"],
    ],
    onSheet: [
      ["Sheet1", 1],
      ["Sheet1", 12],
    ],
    rewritten: [[1], [3]],
    reentered: [[1], [4]],
    nothing: [[0], [1], [6]],
    toRepair: [[1], [5]],
    unknown: [
      [1, "CNAI.PARTY_AT", "ARGBP"],
      [2, "CNAI.PARTY_AT", "ARGBQ"],
    ],
    stillName: [
      [1, "ARGCP"],
      [5, "ARGCQ"],
    ],
    unreadable: [
      [1, "ARGCP"],
      [3, "ARGCQ"],
    ],
    refused: [
      [1, "ARGCP"],
      [2, "ARGCQ"],
    ],
    andMore: [["ARGDP", 3]],
    cnaiCouldNot: [["ARGEP"]],
    partial: [[]],
  };

  test.each(Object.keys(REPAIR_TEXT))("%s is translated, every figure and value kept", (key) => {
    expect(Object.keys(SAMPLES)).toContain(key);
    const { en, zh } = REPAIR_TEXT[key as keyof typeof REPAIR_TEXT];
    for (const args of SAMPLES[key]) {
      const render = (text: unknown) =>
        typeof text === "function" ? String(text(...args)) : String(text);
      const english = render(en);
      const chinese = render(zh);
      expect(
        translationProblems(english, chinese, [
          "ARGAP",
          "ARGAQ",
          "ARGBP",
          "ARGBQ",
          "ARGCP",
          "ARGCQ",
          "ARGDP",
          "ARGEP",
          "Sheet1",
          "PARTY_AT", // a name as written, the same in every language
        ])
      ).toEqual([]);
      for (const value of english.match(/ARG[A-E][PQ]|CNAI\.PARTY_AT/g) ?? [])
        expect(chinese).toContain(value);
    }
  });
});

describe("formulas read with CNAI's tokenizer: what is a call, what is written, one refused cell", () => {
  const N = "#NAME?";

  test("a repair that would not read back as a whole formula is left and named", () => {
    const plan = planRepair([
      {
        sheet: "Sheet1",
        top: 0,
        left: 0,
        rows: 1,
        columns: 3,
        formulas: [
          [
            '=_xldudf_CNAI_PARITY_AT(("2H25")',
            '=_xldudf_CNAI_PARITY_AT("2H25")',
            '=CNAI.PARITY_AT("2H25"))',
          ],
        ],
        values: [[N, N, N]],
      },
    ]);
    expect(plan.unreadable).toEqual(["Sheet1!A1", "Sheet1!C1"]);
    expect(plan.writes.map((w) => [w.left, w.columns, w.formulas])).toEqual([
      [1, 1, [['=CNAI.PARITY_AT("2H25")']]],
    ]);
    expect(plan).toMatchObject({ rewritten: 1, reentered: 0, found: 3 });
  });

  test("the issue's formulas on the host: table brackets and text kept, sheet-named lookalikes left", async () => {
    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook, run } = hostWorkbook(addin.functions);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B3").values = [
        ["#Qty", "#Cost"],
        [2, 3],
        [4, 5],
      ];
      sheet.tables.add("A1:B3", true).name = "Table1";
      context.workbook.worksheets.add("CNAI.PARITY_AT (v2)").getRange("A1").values = [[7]];
      await context.sync();
    });
    const saved = "=SUM(Table1['#Qty])+_xldudf_CNAI_PARITY_AT(\"2H25\")+SUM(Table1['#Cost])";
    const text = '="_xldudf_CNAI_PARITY_AT(1)"&_xldudf_CNAI_VERSION()';
    workbook.setInput("Sheet1", "D1", saved);
    workbook.setInput("Sheet1", "D2", text);
    workbook.setInput("Sheet1", "D3", "='CNAI.PARITY_AT (v2)'!A1*2");
    addin.register();
    const report = await makeRepairActions(run).repair();
    // 2 + 4 = 6, 0.625, 3 + 5 = 8: 14.625.
    expect(workbook.cell("Sheet1", "D1")).toMatchObject({
      input: "=SUM(Table1['#Qty])+CNAI.PARITY_AT(\"2H25\")+SUM(Table1['#Cost])",
      value: 14.625,
    });
    expect(workbook.cell("Sheet1", "D2").input).toBe('="_xldudf_CNAI_PARITY_AT(1)"&CNAI.VERSION()');
    expect(workbook.cell("Sheet1", "D3")).toMatchObject({
      input: "='CNAI.PARITY_AT (v2)'!A1*2",
      value: 14,
    });
    // The sheet named like a call is no CNAI formula: 2 found, both repaired.
    expect(report).toMatchObject({ ok: true, found: 2, repaired: 2 });
  });

  test("one cell Excel refuses does not sink its write: the others are repaired, it is named", async () => {
    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook, run } = hostWorkbook(addin.functions);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:A3").values = [["Cost"], [3], [5]];
      sheet.tables.add("A1:A3", true).name = "Costs";
      await context.sync();
    });
    // A row of six saved calls, written as one rectangle; the fourth refers to the table.
    const call = '_xldudf_CNAI_PARITY_AT("2H25")';
    const row = ["C", "D", "E", "F", "G", "H"];
    row.forEach((column) =>
      workbook.setInput(
        "Sheet1",
        `${column}1`,
        column === "F" ? `=${call}+SUM(Costs[Cost])` : `=${call}`
      )
    );
    // The table goes: the host keeps F1's text, and refuses it once it calls CNAI again.
    await run(async (context) => {
      context.workbook.tables.getItem("Costs").delete();
      await context.sync();
    });
    addin.register();
    const plan = planRepair([
      {
        sheet: "Sheet1",
        top: 0,
        left: 2,
        rows: 1,
        columns: 6,
        formulas: [row.map((column) => workbook.cell("Sheet1", `${column}1`).input)],
        values: [row.map(() => N)],
      },
    ]);
    expect(plan.writes).toHaveLength(1);

    const report = await makeRepairActions(run).repair();
    for (const column of row.filter((c) => c !== "F"))
      expect(workbook.cell("Sheet1", `${column}1`)).toMatchObject({
        input: '=CNAI.PARITY_AT("2H25")',
        value: PARITY,
      });
    expect(workbook.cell("Sheet1", "F1").input).toBe(`=${call}+SUM(Costs[Cost])`);
    expect(report.ok).toBe(false);
    expect(report.repaired).toBe(5);
    expect(report.summary).toBe(
      "Repaired 5 CNAI formulas: 5 cells on Sheet1. Excel computes them again."
    );
    expect(report.details).toContain(
      "Excel refused 1 repaired formula, left as it was (the others were written): Sheet1!F1."
    );
  });
});
