/**
 * The analyst's edits to CNAI's tables on a refresh (src/plans/edits.ts): which cells are still
 * CNAI's, which are the analyst's and kept, and how each kept edit reads in the pane's report.
 * Tables and contents are written by hand; each expected edit is worked from them.
 */
import { Edit, TableContents, describeEdits, keepAnalystEdits, shown } from "../../src/plans/edits";
import { Plan, TablePlan, formatAt } from "../../src/plans/plan";

/** A small Scenarios-like table: a label column, a percentage, a text, a date. */
const SCENARIOS: TablePlan = {
  name: "Scenarios",
  at: "A4",
  columns: ["Scenario", "Growth", "Label", "From"],
  rows: [
    ["Bear", 0.1, "low", 46113],
    ["Base", 0.3, "mid", 46113],
  ],
  numberFormats: ["", "0%", "", "yyyy-mm-dd"],
  // The same rows as CNAI writes them in Chinese: only the label differs.
  otherLanguages: [
    [
      ["Bear", 0.1, "低", 46113],
      ["Base", 0.3, "中", 46113],
    ],
  ],
};

const planOf = (...tables: TablePlan[]): Plan => ({
  action: "load-tables",
  notes: [],
  sheets: [
    {
      role: "tokens",
      name: "Sheet",
      blocks: [],
      tables,
      names: [],
      charts: [],
      conditionalFormats: [],
      columnWidths: [],
      freezeRows: 0,
      tabColor: "",
    },
  ],
});

/** What the table holds now: CNAI's own header and rows unless `change` alters them. */
function now(change: (rows: unknown[][]) => void = () => undefined): TableContents {
  const rows: unknown[][] = [[...SCENARIOS.columns], ...SCENARIOS.rows.map((row) => [...row])];
  change(rows);
  return new Map([["scenarios", rows]]);
}

function refresh(contents: TableContents, table: TablePlan = SCENARIOS) {
  const { plan, edits } = keepAnalystEdits(planOf(table), contents);
  return { table: plan.sheets[0].tables[0], edits };
}

describe("keepAnalystEdits", () => {
  test("a table that still holds what CNAI wrote is written whole, with no edits", () => {
    const { table, edits } = refresh(now());
    expect(edits).toEqual([]);
    expect(table.columns).toEqual(SCENARIOS.columns);
    expect(table.rows).toEqual(SCENARIOS.rows);
  });

  test("a table the workbook does not hold yet (a new one) is planned as it is", () => {
    const { plan, edits } = keepAnalystEdits(planOf(SCENARIOS), new Map());
    expect(plan.sheets[0].tables[0]).toBe(SCENARIOS);
    expect(edits).toEqual([]);
  });

  test("tables are found by name in any case", () => {
    const rows = [
      ["Scenario", "Growth", "Label", "From"],
      ["Bear", 0.25, "low", 46113],
    ];
    const { edits } = refresh(new Map([["scenarios", rows]]), { ...SCENARIOS, name: "SCENARIOS" });
    expect(edits.map((e) => e.now)).toEqual([0.25]);
  });

  test("a changed number is the analyst's: left out (null), and reported with its row, column and format", () => {
    const { table, edits } = refresh(now((rows) => (rows[2][1] = 0.35)));
    expect(table.rows).toEqual([
      ["Bear", 0.1, "low", 46113],
      ["Base", null, "mid", 46113],
    ]);
    expect(table.columns).toEqual(SCENARIOS.columns);
    expect(edits).toEqual<Edit[]>([
      { table: "Scenarios", row: "Base", column: "Growth", note: 0.3, now: 0.35, format: "0%" },
    ]);
  });

  test("numbers equal to 12 significant digits are CNAI's; a relative difference above 1e-12 is an edit", () => {
    // 1000 + 1e-10: within 1e-12 of 1000 relative (1e-9 absolute), so still CNAI's.
    const big = { ...SCENARIOS, rows: [["Bear", 1000, "low", 46113]] };
    const close = refresh(
      new Map([["scenarios", [big.columns, ["Bear", 1000 + 1e-10, "low", 46113]]]]),
      big
    );
    expect(close.edits).toEqual([]);
    const far = refresh(
      new Map([["scenarios", [big.columns, ["Bear", 1000 + 1e-8, "low", 46113]]]]),
      big
    );
    expect(far.edits.map((e) => e.column)).toEqual(["Growth"]);
    // Below 1 the tolerance is 1e-12 absolute, inclusive: 1e-12 where CNAI wrote 0 holds.
    const zero = { ...SCENARIOS, rows: [["Bear", 0, "low", 46113]] };
    const read = (value: number) =>
      new Map([["scenarios", [zero.columns, ["Bear", value, "low", 46113]]]]);
    expect(refresh(read(1e-12), zero).edits).toEqual([]);
    expect(refresh(read(-1e-12), zero).edits).toEqual([]);
    expect(refresh(read(1.5e-12), zero).edits).toHaveLength(1);
    // 0.3 + 1e-13 holds, 0.3 + 1e-11 does not.
    expect(refresh(now((rows) => (rows[2][1] = 0.3 + 1e-13))).edits).toEqual([]);
    expect(refresh(now((rows) => (rows[2][1] = 0.3 + 1e-11))).edits).toHaveLength(1);
    // A number read back as text is an edit: Excel keeps it as text.
    expect(refresh(now((rows) => (rows[2][1] = "0.3"))).edits).toHaveLength(1);
  });

  test("texts compare without case; a text in another of CNAI's languages is CNAI's", () => {
    expect(refresh(now((rows) => (rows[1][2] = "LOW"))).edits).toEqual([]);
    expect(refresh(now((rows) => (rows[1][2] = "低"))).edits).toEqual([]);
    const { table, edits } = refresh(now((rows) => (rows[1][2] = "bearish")));
    expect(table.rows[0]).toEqual(["Bear", 0.1, null, 46113]);
    expect(edits).toEqual<Edit[]>([
      {
        table: "Scenarios",
        row: "Bear",
        column: "Label",
        note: "low",
        now: "bearish",
        format: "General",
      },
    ]);
  });

  test("a header renamed by the analyst is kept, and reported as the header row's, as text", () => {
    const { table, edits } = refresh(now((rows) => (rows[0][1] = "Volume growth")));
    expect(table.columns).toEqual(["Scenario", null, "Label", "From"]);
    expect(table.rows).toEqual(SCENARIOS.rows);
    expect(edits).toEqual<Edit[]>([
      {
        table: "Scenarios",
        row: "header",
        column: "Growth",
        note: "Growth",
        now: "Volume growth",
        format: "@",
      },
    ]);
  });

  test("a header holding the Chinese of a row's text is still an edit: other languages are rows only", () => {
    const { edits } = refresh(now((rows) => (rows[0][2] = "低")));
    expect(edits.map((e) => [e.row, e.column])).toEqual([["header", "Label"]]);
  });

  test("a row is named by what its first cell holds now; by CNAI's name when the analyst emptied it", () => {
    const renamed = refresh(now((rows) => ((rows[1][0] = "Bearish"), (rows[1][1] = 0.05))));
    expect(renamed.edits.map((e) => [e.row, e.column])).toEqual([
      ["Bearish", "Scenario"],
      ["Bearish", "Growth"],
    ]);
    const emptied = refresh(now((rows) => ((rows[1][0] = ""), (rows[1][1] = 0.05))));
    expect(emptied.edits.map((e) => [e.row, e.column, e.now])).toEqual([
      ["Bear", "Scenario", ""],
      ["Bear", "Growth", 0.05],
    ]);
  });

  test("a row with no name, in CNAI's table and now, is reported as an empty name", () => {
    const unnamed: TablePlan = {
      ...SCENARIOS,
      rows: [[null, 0.1, "low", 46113]],
      otherLanguages: undefined,
    };
    const contents = new Map([["scenarios", [unnamed.columns, ["", 0.2, "low", 46113]]]]);
    expect(refresh(contents, unnamed).edits.map((e) => [e.row, e.column, e.now])).toEqual([
      ["", "Growth", 0.2],
    ]);
    const zero = new Map([["scenarios", [unnamed.columns, [0, 0.1, "low", 46113]]]]);
    expect(refresh(zero, unnamed).edits.map((e) => [e.row, e.column])).toEqual([["0", "Scenario"]]);
  });

  test("an emptied cell is an edit; a cell CNAI leaves empty holds when empty, in any form", () => {
    const { edits } = refresh(now((rows) => (rows[2][2] = null)));
    expect(edits).toEqual<Edit[]>([
      {
        table: "Scenarios",
        row: "Base",
        column: "Label",
        note: "mid",
        now: null,
        format: "General",
      },
    ]);
    const withEmpty: TablePlan = {
      ...SCENARIOS,
      rows: [["Bear", null, "", 46113]],
      otherLanguages: undefined,
    };
    for (const empty of [null, ""]) {
      const contents = new Map([["scenarios", [withEmpty.columns, ["Bear", empty, empty, 46113]]]]);
      expect(refresh(contents, withEmpty).edits).toEqual([]);
    }
    const filled = new Map([["scenarios", [withEmpty.columns, ["Bear", 0, "x", 46113]]]]);
    expect(refresh(filled, withEmpty).edits.map((e) => e.now)).toEqual([0, "x"]);
  });

  test("booleans hold only as the same boolean", () => {
    const flags: TablePlan = {
      name: "Scenarios",
      at: "A4",
      columns: ["Scenario", "Open"],
      rows: [["Bear", true]],
      numberFormats: ["", ""],
    };
    const read = (value: unknown) => new Map([["scenarios", [flags.columns, ["Bear", value]]]]);
    expect(refresh(read(true), flags).edits).toEqual([]);
    expect(refresh(read("TRUE"), flags).edits.map((e) => e.now)).toEqual(["TRUE"]);
    expect(refresh(read(false), flags).edits.map((e) => e.now)).toEqual([false]);
    // Without other languages, a cell is compared with the English only.
    const renamed = new Map([["scenarios", [flags.columns, ["S", true]]]]);
    expect(refresh(renamed, flags).edits.map((e) => [e.row, e.now])).toEqual([["S", "S"]]);
  });

  test("cells beyond what the table holds now (rows the analyst deleted) are written, not reported", () => {
    const { table, edits } = refresh(now((rows) => rows.splice(2, 1)));
    expect(edits).toEqual([]);
    expect(table.rows).toEqual(SCENARIOS.rows);
    const short = refresh(now((rows) => rows[1].splice(2)));
    expect(short.edits).toEqual([]);
    expect(short.table.rows).toEqual(SCENARIOS.rows);
  });

  test("rows without a translation (an analyst's row CNAI writes in English only) compare with English", () => {
    const longer: TablePlan = {
      ...SCENARIOS,
      rows: [...SCENARIOS.rows, ["Bull", 0.5, "high", 46113]],
    };
    const contents = now((rows) => rows.push(["Bull", 0.5, "hausse", 46113]));
    expect(refresh(contents, longer).edits.map((e) => [e.row, e.now])).toEqual([
      ["Bull", "hausse"],
    ]);
  });
});

describe("shown: a value as the analyst reads it in the report", () => {
  test.each([
    [null, "0%", "en", "(empty)"],
    [undefined, "", "en", "(empty)"],
    ["", "", "en", "(empty)"],
    ["", "", "zh-CN", "（空）"],
    [0.7, "0%", "en", "70%"],
    [0.123456789012345, "0.00%", "en", "12.3456789%"],
    [46113, "yyyy-mm-dd", "en", "2026-04-01"],
    [46113, "YYYY", "en", "2026-04-01"],
    [46113, "General", "en", "46113"],
    [0.1 + 0.2, "General", "en", "0.3"],
    [true, "", "en", "TRUE"],
    [false, "", "en", "FALSE"],
    ["2H26", "@", "en", "2H26"],
    [0, "0%", "en", "0%"],
  ] as const)("%p in %p (%s) reads %p", (value, format, lang, expected) => {
    expect(shown(value, format, lang)).toBe(expected);
  });

  test("the language defaults to English", () => {
    expect(shown(null, "")).toBe("(empty)");
  });
});

describe("describeEdits", () => {
  const edits: Edit[] = [
    { table: "Scenarios", row: "Base", column: "Growth", note: 0.3, now: 0.35, format: "0%" },
    {
      table: "ChipParity",
      row: "header",
      column: "Parity low",
      note: "Parity low",
      now: null,
      format: "@",
    },
  ];

  test("one sentence per edit, values as formatted, in English", () => {
    expect(describeEdits(edits, "en")).toEqual([
      "Kept your 30% → 35% in Scenarios, Base, Growth.",
      "Kept your Parity low → (empty) in ChipParity, header, Parity low.",
    ]);
  });

  test("and in Chinese", () => {
    expect(describeEdits(edits, "zh-CN")).toEqual([
      "已保留您的修改：Scenarios表“Base”行“Growth”列，30% → 35%。",
      "已保留您的修改：ChipParity表“header”行“Parity low”列，Parity low → （空）。",
    ]);
  });
});

describe("formatAt: a block's or table's number format at row i, column j", () => {
  test.each([
    [undefined, 0, 0, "General"],
    ["", 3, 2, "General"],
    ["0%", 3, 2, "0%"],
    [["", "0%", "yyyy"], 5, 1, "0%"],
    [["", "0%", "yyyy"], 0, 0, "General"],
    [["", "0%", "yyyy"], 0, 7, "General"],
    [
      [
        ["a", "b"],
        ["c", "d"],
      ],
      0,
      1,
      "b",
    ],
    [
      [
        ["a", "b"],
        ["c", "d"],
      ],
      1,
      0,
      "c",
    ],
    // Rows below the last repeat the last row's formats.
    [
      [
        ["a", "b"],
        ["c", "d"],
      ],
      5,
      1,
      "d",
    ],
    [
      [
        ["a", "b"],
        ["c", ""],
      ],
      9,
      1,
      "General",
    ],
    [[["a"], ["c"]], 0, 3, "General"],
  ] as const)("%p at (%i, %i) is %p", (format, i, j, expected) => {
    expect(formatAt(format, i, j)).toBe(expected);
  });
});
