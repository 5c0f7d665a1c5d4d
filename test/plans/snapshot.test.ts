/**
 * Which CNAI formulas Snapshot asks Excel about (src/plans/snapshot.ts's `showsOneValue`): a
 * formula that can show only one value is not asked where it spills. Each row's answer worked out
 * from Excel's rules by hand; then the same formulas in a workbook, asked of Excel through
 * Microsoft's client: none of those said to show one value spills.
 */
import {
  Grid,
  Kept,
  SNAPSHOT_HEADER,
  SheetInfo,
  SnapshotRead,
  findAnchors,
  fingerprint,
  keptRows,
  planRestore,
  planSnapshot,
  readKept,
  rectOf,
  sheetOfKept,
  showsOneValue,
  storeName,
} from "../../src/plans/snapshot";
import { hostWorkbook } from "../../src/host/node";

const ONE_VALUE = [
  "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
  "=cnai.token_margin(A1, 'My sheet'!A2, Sheet2!$A$3)",
  "=1-(1-CNAI.PRICE_COMPRESSION(A1,A2))",
  '=CNAI.PARITY_AT("2H26")&" of the H100"',
  "=-CNAI.TOKEN_MARGIN(1E-1,0.15,2)^2>=0",
  "= CNAI.TOKEN_MARGIN( 30% , 15% , 2 )",
  '=CNAI.METRIC("AI cloud revenue","2025")',
  "=CNAI.VERSION()",
  "=CNAI.TOKEN_MARGIN(TRUE,FALSE,#N/A)",
  "=CNAI.TOKEN_MARGIN((A1+A2)*2,(15%),2)",
  "=CNAI.TOKEN_MARGIN(XFD1048576,$A1,A$2)",
  "=2*A1",
];

const MAY_SPILL: [string, string][] = [
  ["=CNAI.MARGIN_EXPANSION(30%,15%,{2;2;2})", "an array constant"],
  ["=CNAI.TOKEN_MARGIN(A1:A3,15%,2)", "a range"],
  ["=CNAI.TOKEN_MARGIN(A:A,15%,2)", "a whole column"],
  ["=CNAI.TOKEN_MARGIN(1:1,15%,2)", "a whole row"],
  ["=CNAI.TOKEN_MARGIN(Sheet1:Sheet3!A1,15%,2)", "sheets' range"],
  ["=CNAI.TOKEN_MARGIN(A1#,15%,2)", "a spill reference"],
  ["=CNAI.TOKEN_MARGIN(@A1:A3,15%,2)", "an intersection"],
  ["=CNAI.TOKEN_MARGIN(Margins,15%,2)", "a defined name"],
  ["=CNAI.TOKEN_MARGIN(XTRUE,FALSEY,2)", "names that only contain TRUE and FALSE"],
  ["=CNAI.TOKEN_MARGIN(XFE1,15%,2)", "a name beyond the last column"],
  ["=CNAI.TOKEN_MARGIN(A1048577,15%,2)", "a name beyond the last row"],
  ["=CNAI.TOKEN_MARGIN(A0,15%,2)", "row 0, no cell"],
  ["=CNAI.TOKEN_MARGIN(Table1[Margin],15%,2)", "a table's column"],
  ["=CNAI.TOKEN_MARGIN([Book2.xlsx]Sheet1!A1,15%,2)", "another workbook"],
  ["=CNAI.TOKEN_MARGIN((A1,A2),15%,2)", "a union"],
  ["=CNAI.TOKEN_MARGIN(1;2)", "a row separator"],
  ["=SUM(CNAI.TOKEN_MARGIN(1,2,3))", "another function"],
  ["=CNAI.TOKEN_MARGIN(SEQUENCE(3),15%,2)", "Excel's array function"],
  ['=CNAI.TORNADO("margin")', "a table function"],
  ['=CNAI.APPENDIX("chips")', "the appendix"],
  ["=CNAI.HISTOGRAM(A1)", "a histogram"],
  ["=_xldudf_CNAI_TOKEN_MARGIN(1,2,3)", "the saved form"],
  ["=CNAI.NO_SUCH(1)", "no such function"],
  ["=CNAI.TOKEN_MARGIN(1,2,3))", "a parenthesis closing nothing"],
  ["='My sheet'", "a sheet's name alone"],
  ['=CNAI.PARITY_AT("2H26', "an unclosed text"],
];

describe("fingerprint", () => {
  // FNV-1a, 32 bits, over the UTF-16 code units of the values' JSON, written out with BigInt.
  const fnv1a = (text: string, seed: number) => {
    let h = BigInt(seed);
    for (let i = 0; i < text.length; i++) {
      h ^= BigInt(text.charCodeAt(i));
      h = (h * BigInt(0x01000193)) & BigInt(0xffffffff);
    }
    return h.toString(16).padStart(8, "0");
  };

  test("is FNV-1a of the values' JSON from two seeds: a snapshot sheet saved by any version still matches", () => {
    // The published FNV-1a test vectors, from its standard offset basis (the first seed).
    expect(fnv1a("a", 0x811c9dc5)).toBe("e40c292c");
    expect(fnv1a("foobar", 0x811c9dc5)).toBe("bf9cf968");
    for (const values of [[[0.5, "2H25", ""]], [[1], [2]], [["年"]], []]) {
      const json = JSON.stringify(values);
      expect(fingerprint(values)).toBe(fnv1a(json, 0x811c9dc5) + fnv1a(json, 0x050c5d1f));
    }
  });
});

describe("showsOneValue", () => {
  test.each(ONE_VALUE)("%s shows one value", (formula) => {
    expect(showsOneValue(formula)).toBe(true);
  });

  test.each(MAY_SPILL)("%s may spill: %s", (formula) => {
    expect(showsOneValue(formula)).toBe(false);
  });

  test("a formula's text without its = is read the same", () => {
    expect(showsOneValue("(1+2)*A1")).toBe(true);
    expect(showsOneValue("(1+2)*A1:A3")).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The plans, on reads made by hand: two sheets, Model (id m) and Data (id d).

const MODEL: SheetInfo = { name: "Model", id: "m" };
const DATA: SheetInfo = { name: "Data", id: "d" };

/** Model's used range B2:D3: a CNAI formula showing 0.5 in B2 spilling into B3, text, empties. */
const modelGrid: Grid = {
  sheet: "Model",
  sheetId: "m",
  origin: { row: 1, column: 1 },
  formulas: [
    ["=CNAI.TOKEN_MARGIN(A1:A2,0.15,2)", "2H25", ""],
    [0.25, "=CNAI.VERSION()", "=CNAI.PARITY_AT(1)"],
  ],
  values: [
    [0.5, "2H25", ""],
    [0.25, "1.0.0", "=CNAI.PARITY_AT(1)"],
  ],
  types: [
    ["Double", "String", "Empty"],
    ["Double", "String", "String"],
  ],
};

const read = (over: Partial<SnapshotRead> = {}): SnapshotRead => ({
  sheets: [MODEL, DATA],
  scopeSheets: [MODEL],
  grids: [modelGrid],
  kept: [],
  ...over,
});

describe("the snapshot sheet's rows", () => {
  test("readKept skips the header, rows without an address or a formula, and reads gaps as empty", () => {
    const rows = [
      [...SNAPSHOT_HEADER],
      ["Model", "B2", "=CNAI.VERSION()", "f1", "m"],
      ["Model", "B3"],
      ["Model", "", "=CNAI.VERSION()"],
      ["Model", "B4", ""],
      [null, "B5", "=CNAI.VERSION()", null, null],
      ["Data", "C1", "=CNAI.VERSION()"],
    ];
    expect(readKept(rows)).toEqual([
      { sheet: "Model", address: "B2", formula: "=CNAI.VERSION()", values: "f1", sheetId: "m" },
      { sheet: "", address: "B5", formula: "=CNAI.VERSION()", values: "", sheetId: "" },
      { sheet: "Data", address: "C1", formula: "=CNAI.VERSION()", values: "", sheetId: "" },
    ]);
    expect(readKept(undefined)).toEqual([]);
    expect(readKept([[...SNAPSHOT_HEADER]])).toEqual([]);
  });

  test("keptRows writes them back in the same columns", () => {
    const kept: Kept = {
      sheet: "Model",
      address: "B2",
      formula: "=X()",
      values: "f",
      sheetId: "m",
    };
    expect(readKept([[...SNAPSHOT_HEADER], ...keptRows([kept])])).toEqual([kept]);
  });

  test("a kept formula belongs to its sheet by id (renames keep it), else by name in any case", () => {
    const renamed: SheetInfo = { name: "Renamed", id: "m" };
    const byId: Kept = { sheet: "Model", address: "B2", formula: "=X()", values: "", sheetId: "m" };
    expect(sheetOfKept(byId, [DATA, renamed])).toBe(renamed);
    const byName: Kept = { ...byId, sheet: "DATA", sheetId: "" };
    expect(sheetOfKept(byName, [{ name: "Other", id: "" }, MODEL, DATA])).toBe(DATA);
    expect(sheetOfKept({ ...byName, sheet: "data" }, [MODEL, DATA])).toBe(DATA);
    expect(sheetOfKept({ ...byId, sheetId: "gone", sheet: "Gone" }, [MODEL, DATA])).toBe(undefined);
  });

  test("a new snapshot sheet takes the first free name, ignoring case", () => {
    const sheets = [
      { name: "cnai snapshot", id: "1" },
      { name: "CNAI Snapshot (2)", id: "2" },
    ];
    expect(storeName(sheets, "CNAI Snapshot")).toBe("CNAI Snapshot (3)");
    expect(storeName([MODEL], "CNAI Snapshot")).toBe("CNAI Snapshot");
  });
});

describe("planSnapshot and planRestore", () => {
  test("the anchors are the CNAI formulas of the scope, not text that reads like one", () => {
    expect(findAnchors(read()).map((a) => a.cell)).toEqual(["B2", "C3"]);
    // The selection C2:D3 holds C3 only; B2 is left of it.
    expect(findAnchors(read({ selection: rectOf("C2:D3") })).map((a) => a.cell)).toEqual(["C3"]);
  });

  test("each anchor's cells become their values as written back: text kept as text, empties empty", () => {
    const r = read();
    const anchors = findAnchors(r);
    // B2 spills into B2:B3 and beyond the used range, to B4; C3 is one cell.
    const plan = planSnapshot(r, anchors, ["B2:B4", undefined]);
    expect(plan.convert).toEqual([
      {
        sheet: "Model",
        address: "B2:B4",
        formulas: [[0.5], [0.25], [""]],
        before: [["=CNAI.TOKEN_MARGIN(A1:A2,0.15,2)"], [""], [""]],
      },
      { sheet: "Model", address: "C3", formulas: [["'1.0.0"]], before: [["=CNAI.VERSION()"]] },
    ]);
    expect(plan.cells).toBe(4);
    expect(plan.sheets).toEqual(["Model", "Model"]);
    expect(plan.rows.map((k) => [k.address, k.values])).toEqual([
      ["B2:B4", fingerprint([[0.5], [0.25], [""]])],
      ["C3", fingerprint([["1.0.0"]])],
    ]);
  });

  test("a cell snapshotted before keeps the newer original; other sheets' rows and cells stay", () => {
    const older = (over: Partial<Kept>): Kept => ({
      sheet: "Model",
      address: "B2",
      formula: "=CNAI.OLD()",
      values: "old",
      sheetId: "m",
      ...over,
    });
    const kept = [
      older({}),
      // The same sheet by its id, under the name it had before a rename: replaced too.
      older({ sheet: "Renamed since" }),
      older({ sheetId: "d", sheet: "Data" }),
      older({ address: "C3", sheetId: "", sheet: "MODEL" }),
      older({ address: "D9" }),
    ];
    const r = read({ kept });
    const plan = planSnapshot(r, findAnchors(r), [undefined, undefined]);
    expect(plan.rows.map((k) => `${k.sheet}!${k.address} ${k.formula}`)).toEqual([
      "Data!B2 =CNAI.OLD()",
      "MODEL!C3 =CNAI.OLD()",
      "Model!D9 =CNAI.OLD()",
      "Model!B2 =CNAI.TOKEN_MARGIN(A1:A2,0.15,2)",
      "Model!C3 =CNAI.VERSION()",
    ]);
  });

  test("Restore writes back what still shows the snapshot, leaves what changed, drops what is back", () => {
    const keep = (address: string, formula: string, values: unknown[][]): Kept => ({
      sheet: "Model",
      address,
      formula,
      values: fingerprint(values),
      sheetId: "m",
    });
    const snapshotted: Grid = {
      ...modelGrid,
      formulas: [
        [0.5, "2H25", ""],
        [0.25, "=CNAI.VERSION()", "7"],
      ],
      values: [
        [0.5, "2H25", ""],
        [0.25, "1.0.0", 7],
      ],
      types: [
        ["Double", "String", "Empty"],
        ["Double", "String", "Double"],
      ],
    };
    const kept = [
      // Still the snapshot's values: written back, the text below as text.
      keep("B2:C2", "=CNAI.A()", [[0.5, "2H25"]]),
      // The formula again, showing a newer value (a restore that failed after its write): done.
      keep("C3", "=CNAI.VERSION()", [["0.9.0"]]),
      // The analyst typed 7 over the snapshot's 0.9: left, and named.
      keep("D3", "=CNAI.B()", [[0.9]]),
      // A sheet that is gone.
      { ...keep("A1", "=CNAI.C()", [[1]]), sheet: "Gone", sheetId: "g" },
    ];
    const plan = planRestore(read({ grids: [snapshotted], kept }), true);
    expect(plan.write).toEqual([
      {
        sheet: "Model",
        address: "B2:C2",
        formulas: [["=CNAI.A()", ""]],
        before: [[0.5, "'2H25"]],
      },
    ]);
    expect(plan.changed).toEqual(["Model!D3"]);
    expect(plan.rows.map((k) => k.address)).toEqual(["D3", "A1"]);
    expect(plan.gone.map((k) => k.sheet)).toEqual(["Gone"]);
    expect(plan.any).toBe(true);
    // Only the whole workbook looks for sheets that are gone.
    expect(planRestore(read({ grids: [snapshotted], kept }), false).gone).toEqual([]);
  });

  test("Restore of a kept formula on a sheet now empty compares with an empty cell", () => {
    const kept: Kept[] = [
      {
        sheet: "Model",
        address: "E5",
        formula: "=CNAI.A()",
        values: fingerprint([[""]]),
        sheetId: "m",
      },
      {
        sheet: "Model",
        address: "E6",
        formula: "=CNAI.B()",
        values: fingerprint([[1]]),
        sheetId: "m",
      },
    ];
    const plan = planRestore(read({ grids: [], kept }), false);
    expect(plan.write).toEqual([
      { sheet: "Model", address: "E5", formulas: [["=CNAI.A()"]], before: [[""]] },
    ]);
    expect(plan.changed).toEqual(["Model!E6"]);
    expect(planRestore(read({ grids: [], kept: [] }), false).any).toBe(false);
  });
});

describe("on the host, through Microsoft's client", () => {
  test("no formula said to show one value spills; those given arrays do", async () => {
    const { workbook, run } = hostWorkbook(undefined, { sheets: ["Sheet1", "Sheet2", "My sheet"] });
    const sheet = workbook.sheet("Sheet1");
    workbook.write(
      sheet,
      { top: 0, left: 0, bottom: 2, right: 0 },
      [["0.3"], ["0.15"], ["2"]],
      "formulas"
    );
    const spilling = ["=CNAI.MARGIN_EXPANSION(30%,15%,{2;2;2})", "=CNAI.TOKEN_MARGIN(A1:A3,15%,2)"];
    const formulas = [...ONE_VALUE, ...spilling];
    // Column C, every fifth row: room below and to the right for any spill.
    formulas.forEach((formula, k) =>
      workbook.write(
        sheet,
        { top: 5 * k, left: 2, bottom: 5 * k, right: 2 },
        [[formula]],
        "formulas"
      )
    );
    const spills = await run(async (context) => {
      const ranges = formulas.map((_, k) =>
        context.workbook.worksheets
          .getItem("Sheet1")
          .getRange(`C${5 * k + 1}`)
          .getSpillingToRangeOrNullObject()
          .load("address")
      );
      await context.sync();
      return ranges.map((range) => (range.isNullObject ? null : range.address));
    });
    expect(spills).toEqual([
      ...ONE_VALUE.map(() => null),
      `Sheet1!C${5 * ONE_VALUE.length + 1}:C${5 * ONE_VALUE.length + 3}`,
      `Sheet1!C${5 * ONE_VALUE.length + 6}:C${5 * ONE_VALUE.length + 8}`,
    ]);
  });
});
