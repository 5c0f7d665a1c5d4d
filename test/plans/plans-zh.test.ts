/**
 * The sheets in Chinese: labels, notes, titles and the source line in Chinese; everything a formula
 * or a re-run depends on — table names, column headers, the tables' contents, defined names,
 * formulas, number formats, chart names — the same as in English, so a workbook keeps working when
 * it changes hands between an English and a Chinese Excel.
 */
import { CellInput, EMPTY_WORKBOOK, Plan, SheetPlan, WorkbookState } from "../../src/plans/plan";
import { MODEL_CELLS, SCENARIOS, planBuildModel } from "../../src/plans/model";
import { planLoadTables } from "../../src/plans/tables";
import { SOURCE_ZH } from "../../src/core";
import { makeActions } from "../../src/taskpane/actions";
import type { ExcelRun } from "../../src/taskpane/apply";
import { evaluatePlan } from "../helpers/hyperformula";
import { CHINESE, englishWords, translationProblems } from "../helpers/chinese";

const isText = (cell: CellInput): cell is string =>
  typeof cell === "string" && !cell.startsWith("=");

/**
 * A table as formulas depend on it: names, headers and contents, the prose of the Scenarios'
 * Source column apart (translated, like any note), with the other languages' rows CNAI keeps.
 */
function identifiers(table: SheetPlan["tables"][number]): unknown {
  const source = table.columns.indexOf("Source");
  return {
    ...table,
    rows: table.rows.map((row) => row.map((cell, j) => (j === source ? "<text>" : cell))),
    otherLanguages: undefined,
  };
}

/** The plan with every text cell, sheet name, title and comment taken out: what must not vary. */
function skeleton(plan: Plan): unknown {
  return plan.sheets.map((sheet) => ({
    ...sheet,
    name: undefined,
    blocks: sheet.blocks.map((b) => ({
      ...b,
      cells: b.cells.map((row) => row.map((cell) => (isText(cell) ? "<text>" : cell))),
    })),
    names: sheet.names.map((n) => ({ ...n, comment: undefined })),
    charts: sheet.charts.map((c) => ({ ...c, title: undefined })),
    tables: sheet.tables.map(identifiers),
  }));
}

/** Every text a sheet shows that is not a table's: block cells, chart titles, name comments. */
function texts(sheet: SheetPlan): string[] {
  return [
    sheet.name,
    ...sheet.blocks.flatMap((b) => b.cells.flat().filter(isText)),
    ...sheet.charts.map((c) => c.title),
    ...sheet.names.map((n) => n.comment),
  ];
}

describe.each([
  ["Load appendix tables", planLoadTables],
  ["Build model sheet", planBuildModel],
] as const)("%s in Chinese", (_, makePlan) => {
  // Planned inside each test: `npm run mutate` counts only that as a test's (docs/development.md).
  let en: Plan;
  let zh: Plan;
  beforeEach(() => {
    en = makePlan(EMPTY_WORKBOOK);
    zh = makePlan(EMPTY_WORKBOOK, "zh-CN");
  });

  it("writes the same tables, formulas, names, formats, charts and layout as in English", () => {
    expect(skeleton(zh)).toEqual(skeleton(en));
    for (const [k, sheet] of zh.sheets.entries()) {
      // Structured references use the table names and column headers: never translated.
      expect(sheet.tables.map(identifiers)).toEqual(en.sheets[k].tables.map(identifiers));
      expect(sheet.names.map((n) => n.name)).toEqual(en.sheets[k].names.map((n) => n.name));
    }
  });

  it("translates every label, note, title, sheet name and comment", () => {
    const problems = zh.sheets.flatMap((sheet, k) => {
      const english = texts(en.sheets[k]);
      return texts(sheet).flatMap((text, i) =>
        text === english[i] && englishWords(text).length === 0
          ? [] // a period label, a function name: the same in every language
          : translationProblems(english[i], text, [
              en.sheets[k].tables[0]?.name ?? "",
              // Scenario names and Table 1's bounds are what formulas match and analysts type.
              ...SCENARIOS.map((x) => x.name),
              "low",
              "mid",
              "high",
            ])
      );
    });
    expect(problems).toEqual([]);
  });

  it("cites the note in Chinese, by its title as published", () => {
    for (const sheet of zh.sheets.filter((s) => s.role !== "model"))
      expect(sheet.blocks[1].cells[0][0]).toBe(`资料来源：${SOURCE_ZH}。`);
    expect(SOURCE_ZH).toContain("《China's AI Stack Competition");
  });
});

describe("the Chinese model sheet, calculated", () => {
  let plan: Plan;
  let model: SheetPlan;
  beforeEach(() => {
    plan = planBuildModel(EMPTY_WORKBOOK, "zh-CN");
    model = plan.sheets.find((s) => s.role === "model") as SheetPlan;
  });

  it("cites each scenario's source in Chinese", () => {
    const scenarios = model.tables.find((t) => t.name === "Scenarios");
    const sources = (scenarios?.rows ?? []).map((row) => String(row[6]));
    expect(sources).toHaveLength(3);
    for (const source of sources) expect(source).toMatch(/[\u4e00-\u9fff]/);
  });

  it("has Chinese sheet names, while the tables keep theirs", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual(["芯片性能对标", "Token经济", "CNAI模型"]);
    expect(plan.sheets.slice(0, 2).map((s) => s.tables[0].name)).toEqual([
      "ChipParity",
      "TokenEconomics",
    ]);
  });

  it("gives the note's numbers, as the English one does", async () => {
    const book = await evaluatePlan(plan);
    const at = (cell: string) => book.value(model.name, cell) as number;
    expect(at(MODEL_CELLS.marginExpansion)).toBeCloseTo(0.0999, 12);
    // The Base scenario: 65% utilization, above Risk 2's 60%.
    expect(at(MODEL_CELLS.priceCompression)).toBe(0);
    expect(at(MODEL_CELLS.parityAtDate)).toBe(0.625);
    expect(at(MODEL_CELLS.integratedMultiple)).toBeCloseTo(12, 12);
    expect(at(MODEL_CELLS.elasticity)).toBeCloseTo(-2, 12);
    expect(at(MODEL_CELLS.impliedRevenue)).toBeCloseTo(1.8e6, 6);
  });
});

describe("a workbook that changes hands", () => {
  // Built in English by one analyst, refreshed in Chinese by another (and the other way round).
  const builtInEnglish: WorkbookState = {
    sheets: [
      { name: "Chip Parity", role: "chips" },
      { name: "Token Economics", role: "tokens" },
      { name: "CNAI Model", role: "model" },
    ],
    tables: [
      { name: "ChipParity", sheet: "Chip Parity" },
      { name: "TokenEconomics", sheet: "Token Economics" },
    ],
    names: planBuildModel(EMPTY_WORKBOOK).sheets[2].names.map((n) => ({
      name: n.name,
      cnai: true,
    })),
  };

  it("refreshes the same sheets, tables and names in place; only the words change", () => {
    const plan = planBuildModel(builtInEnglish, "zh-CN");
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "Chip Parity",
      "Token Economics",
      "CNAI Model",
    ]);
    expect(plan.sheets.slice(0, 2).map((s) => s.tables[0].name)).toEqual([
      "ChipParity",
      "TokenEconomics",
    ]);
    expect(plan.notes).toEqual([]);
    expect(skeleton(plan)).toEqual(skeleton(planBuildModel(builtInEnglish)));
    expect(plan.sheets[2].blocks[0].cells[0][0]).toBe("CNAI模型：中国AI技术栈");
  });

  it("says in Chinese when a name is taken by something CNAI did not make", () => {
    const state: WorkbookState = {
      sheets: [{ name: "芯片性能对标" }],
      tables: [{ name: "TokenEconomics", sheet: "" }],
      names: [{ name: "VolumeGrowth", cnai: false }],
    };
    const plan = planBuildModel(state, "zh-CN");
    expect(plan.sheets[0].name).toBe("芯片性能对标 (2)");
    expect(plan.notes).toEqual([
      "工作簿中已有一个并非CNAI创建的工作表“芯片性能对标”；CNAI改用“芯片性能对标 (2)”，未改动原表。",
      "工作簿中已有一个并非CNAI创建的表格或名称“TokenEconomics”；CNAI将其表格命名为“TokenEconomics2”。",
      "名称“VolumeGrowth”在本工作簿中已被占用；CNAI的这项假设改名为“CNAI_VolumeGrowth”。",
    ]);
  });
});

describe("the pane's actions report in the pane's language", () => {
  const failing: ExcelRun = async () => {
    throw Object.assign(new Error("The workbook is protected."), { code: "AccessDenied" });
  };
  const inserting: ExcelRun = async <T>() => "Sheet1!B2" as unknown as T;

  it("a failed action: what failed, in Chinese, with Excel's own message", async () => {
    const report = await makeActions(failing).buildModelSheet("zh-CN");
    expect(report.ok).toBe(false);
    expect(report.summary).toBe(
      "CNAI未能搭建模型工作表：The workbook is protected. (AccessDenied)"
    );
    expect(report.details).toHaveLength(1);
    expect(report.details[0]).toMatch(CHINESE);
  });

  it("an inserted formula, in Chinese and in English", async () => {
    const formula = "=CNAI.VERSION()";
    expect((await makeActions(inserting).insertFormula(formula, "zh-CN")).summary).toBe(
      "已在Sheet1!B2插入=CNAI.VERSION()。"
    );
    expect((await makeActions(inserting).insertFormula(formula)).summary).toBe(
      "Inserted =CNAI.VERSION() in Sheet1!B2."
    );
  });
});
