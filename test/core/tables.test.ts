/**
 * Table arguments — PARITY_AT's chips and METRIC's tokens — table-driven: the note's own tables,
 * however laid out, reproduce every case; edited and extended tables change exactly the values they
 * should; malformed ones are errors that name the row and the column.
 */
import {
  CATALOG,
  CHIP_COLUMNS,
  CellError,
  PERIOD_FORMS,
  TOKEN_COLUMNS,
  findFunction,
  serialFromDecimalYear,
  serialFromYmd,
} from "../../src/core";
import { parityCurve } from "../../src/core/functions/parity";
import { Expected, call, expectCell } from "../helpers/call";
import { cases } from "./cases";

type Table = unknown[][];
type ChipColumn = (typeof CHIP_COLUMNS)[number];

/** The tables as APPENDIX gives them, and as the pane loads them into ChipParity and TokenEconomics. */
const CHIPS = call("APPENDIX", "chips") as Table;
const TOKENS = call("APPENDIX", "tokens") as Table;

const H2_24 = serialFromYmd(2024, 10, 1);
const H2_25 = serialFromYmd(2025, 10, 1);
const H1_25 = serialFromYmd(2025, 4, 1);
const H2_26 = serialFromYmd(2026, 10, 1);
const H1_27 = serialFromYmd(2027, 4, 1);
const LATE_27 = serialFromYmd(2027, 11, 16);
const H1_28 = serialFromYmd(2028, 4, 1);
const H2_28 = serialFromYmd(2028, 10, 1);

/** SPEC's linear interpolation, written out: from `a` at `from` to `b` at `to`, read at `at`. */
const between = (a: number, b: number, from: number, to: number, at: number) =>
  a + ((b - a) * (at - from)) / (to - from);

/** A copy of a table with header row, one cell changed: `row` counts data rows from 1. */
function edited(table: Table, row: number, column: string, value: unknown): Table {
  const k = (table[0] as string[]).indexOf(column);
  if (k < 0) throw new Error(`no column ${column}`);
  return table.map((cells, i) => (i === row ? cells.map((c, j) => (j === k ? value : c)) : cells));
}

/** A chip row in APPENDIX's column order from the cells it names. */
const chipRow = (cells: Partial<Record<ChipColumn, unknown>>) =>
  CHIP_COLUMNS.map((column) => (column in cells ? cells[column] : null));

/** The same table with its columns in another order (by header name). */
const reordered = (table: Table, order: readonly string[]) =>
  table.map((row) => order.map((name) => row[(table[0] as string[]).indexOf(name)]));

const without = (table: Table, column: string) =>
  reordered(
    table,
    (table[0] as string[]).filter((name) => name !== column)
  );

const blankRow = (width: number) => new Array(width).fill(null);

const parity = (table: Table, ...args: unknown[]) =>
  call("PARITY_AT", ...args, ...new Array(4 - args.length).fill(null), table);
const metric = (table: Table, name: unknown, period: unknown) =>
  call("METRIC", name, period, table);

describe("the note's own tables as arguments reproduce every case", () => {
  const withoutDates = CHIPS.map((row, i) =>
    i === 0 ? row : row.map((c, j) => (j === 7 ? null : c))
  );
  const CHIP_LAYOUTS: [string, Table][] = [
    ['APPENDIX("chips"), with its header row', CHIPS],
    ['APPENDIX("chips",FALSE): columns by position', call("APPENDIX", "chips", false) as Table],
    [
      "rows reversed, with blank rows before, between and after",
      [blankRow(8), CHIPS[0], CHIPS[3], blankRow(8), CHIPS[2], CHIPS[1], blankRow(8)],
    ],
    [
      "columns in another order, an extra column, headers in other cases",
      reordered(CHIPS, [...CHIP_COLUMNS].reverse()).map((row, i) => [
        i === 0 ? "Analyst note" : "mine",
        ...row.map((cell) => (i === 0 ? String(cell).toUpperCase().replace(" ", "  ") : cell)),
      ]),
    ],
    ["volume-production dates left empty: the labels place the generations", withoutDates],
    [
      "no label column: the dates place the generations",
      without(CHIPS, "Volume production (label)"),
    ],
    [
      'parities typed as the note prints them ("60–65%", "80%+"), Parity high and Open-ended empty',
      CHIPS.map((row, i) =>
        i === 0
          ? row
          : row.map((c, j) =>
              j === 1 ? ["60–65%", "70–75%", "80%+"][i - 1] : j === 2 || j === 3 ? null : c
            )
      ),
    ],
    [
      "only the columns PARITY_AT needs",
      reordered(CHIPS, ["Parity low", "Parity high", "Open-ended", "Volume production (label)"]),
    ],
  ];

  describe.each(CHIP_LAYOUTS)("PARITY_AT with %s", (_, table) => {
    it.each(
      cases.PARITY_AT.map(([args, expected]) => [JSON.stringify(args), args, expected] as const)
    )("(%s) → %p", (_name, args, expected) =>
      expectCell(parity(table, ...args), expected as Expected)
    );

    it("2026-03-11 falls inside the 60–70% the note reports on that date", () => {
      for (const bound of ["low", "high"]) {
        const value = parity(table, serialFromYmd(2026, 3, 11), bound) as number;
        expect(value).toBeGreaterThanOrEqual(0.6);
        expect(value).toBeLessThanOrEqual(0.7);
      }
    });
  });

  const TOKEN_LAYOUTS: [string, Table][] = [
    ['APPENDIX("tokens"), with its header row', TOKENS],
    ['APPENDIX("tokens",FALSE): columns by position', call("APPENDIX", "tokens", false) as Table],
    [
      "rows reversed, with blank rows",
      [TOKENS[0], blankRow(5), TOKENS[3], TOKENS[2], blankRow(5), TOKENS[1]],
    ],
    [
      "columns in another order",
      reordered(TOKENS, ["2027E", "Q1 2025", "Metric", "Q1 2026", "Unit"]),
    ],
    ["an added column Q1 2027", TOKENS.map((row, i) => [...row, ["Q1 2027", 2.4, 120, 0.015][i]])],
  ];

  describe.each(TOKEN_LAYOUTS)("METRIC with %s", (_, table) => {
    it.each(
      cases.METRIC.map(([args, expected]) => [JSON.stringify(args), args, expected] as const)
    )("(%s) → %p", (_name, args, expected) =>
      expectCell(metric(table, args[0], args[1]), expected as Expected)
    );
  });

  it.each([[[[null]]], [[[""]]], [null], [""]])(
    "a single empty cell (%j) is an omitted table: the note's",
    (empty) => {
      expectCell(call("PARITY_AT", "1H27", null, null, null, empty), 0.725);
      expectCell(call("METRIC", "revenue", "Q1 2026", empty), 1.6);
    }
  );
});

const UNCERTAINTY_HEADER = ["Input", "Distribution", "Low", "Mode", "High"];
const UTILIZATION =
  '{"Input","Distribution","Low","Mode","High";"Utilization","Uniform",0.5,0.6,0.7}';
const UNIFORM_UTILIZATION = [UNCERTAINTY_HEADER, ["Utilization", "Uniform", 0.5, 0.6, 0.7]];

describe("the catalogue's examples with a table argument", () => {
  /** Each example formula, computed through the runner, and the result its help text states. */
  const EXAMPLES: Record<string, [() => unknown, number]> = {
    '=CNAI.PARITY_AT("2H25",,,,CNAI.APPENDIX("chips"))': [() => parity(CHIPS, "2H25"), 0.625],
    '=CNAI.PARITY_AT("2H28",,,,{"Parity low","Parity high","Volume production (label)";0.6,0.65,"2H25";0.88,0.92,"2H28"})':
      [
        () =>
          parity(
            [
              ["Parity low", "Parity high", "Volume production (label)"],
              [0.6, 0.65, "2H25"],
              [0.88, 0.92, "2H28"],
            ],
            "2H28"
          ),
        0.9,
      ],
    '=CNAI.METRIC("revenue","Q1 2026",CNAI.APPENDIX("tokens"))': [
      () => metric(TOKENS, "revenue", "Q1 2026"),
      1.6,
    ],
    '=CNAI.METRIC("revenue","Q1 2027",{"Metric","Q1 2026","Q1 2027";"AI Cloud Revenue",1.6,2.4})': [
      () =>
        metric(
          [
            ["Metric", "Q1 2026", "Q1 2027"],
            ["AI Cloud Revenue", 1.6, 2.4],
          ],
          "revenue",
          "Q1 2027"
        ),
      2.4,
    ],
    // The risk functions' Uncertainty tables: utilization uniform on 50–70% is below 60% in half
    // the draws; a Fixed decline of 15% is the point model; the stall happens in 25% of the draws.
    [`=CNAI.SIMULATE("price_compression",${UTILIZATION},"mean",1000)`]: [
      () => call("SIMULATE", "price_compression", UNIFORM_UTILIZATION, "mean", 1000),
      0.15,
    ],
    [`=CNAI.PROBABILITY("price_compression",${UTILIZATION},30%)`]: [
      () => call("PROBABILITY", "price_compression", UNIFORM_UTILIZATION, 0.3),
      0.5,
    ],
    [`=CNAI.HISTOGRAM("price_compression",${UTILIZATION},2,1000)`]: [
      () =>
        (call("HISTOGRAM", "price_compression", UNIFORM_UTILIZATION, 2, 1000) as number[][])[1][2],
      500,
    ],
    '=CNAI.SIMULATE("margin_expansion",{"Input","Distribution","Low","Mode","High";"UnitCostDecline","Fixed",0.15,0.15,0.15},{0.05,0.5,0.95})':
      [
        () =>
          (
            call(
              "SIMULATE",
              "margin_expansion",
              [UNCERTAINTY_HEADER, ["UnitCostDecline", "Fixed", 0.15, 0.15, 0.15]],
              [[0.05, 0.5, 0.95]]
            ) as number[][]
          )[0][2],
        0.36 * (1 - 0.85 ** 2),
      ],
    '=CNAI.PROBABILITY("parity_at",{"Input","Distribution","Low","Mode","High";"ParityDate","Fixed",2028,2028,2028;"StallProbability","Bernoulli",0,0.25,1},80%)':
      [
        () =>
          call(
            "PROBABILITY",
            "parity_at",
            [
              UNCERTAINTY_HEADER,
              ["ParityDate", "Fixed", 2028, 2028, 2028],
              ["StallProbability", "Bernoulli", 0, 0.25, 1],
            ],
            0.8
          ),
        0.75,
      ],
    '=CNAI.TORNADO("margin_expansion",{"Input","Distribution","Low","Mode","High";"StartMargin","Uniform",0.57,0.64,0.71;"UnitCostDecline","Uniform",0.1,0.15,0.2})':
      [
        () =>
          (
            call("TORNADO", "margin_expansion", [
              UNCERTAINTY_HEADER,
              ["StartMargin", "Uniform", 0.57, 0.64, 0.71],
              ["UnitCostDecline", "Uniform", 0.1, 0.15, 0.2],
            ]) as number[][]
          )[0][3],
        0.36 * (0.9 ** 2 - 0.8 ** 2), // the unit-cost decline's swing, the largest
      ],
  };

  /** A formula's top-level arguments: `=CNAI.F(a,{b,c},"d,e")` → ["a", "{b,c}", '"d,e"']. */
  function argumentsOf(formula: string): string[] {
    const inner = formula.slice(formula.indexOf("(") + 1, -1);
    const args = [""];
    let depth = 0;
    let quoted = false;
    for (const ch of inner) {
      if (ch === '"') quoted = !quoted;
      if (!quoted && "({".includes(ch)) depth++;
      if (!quoted && ")}".includes(ch)) depth--;
      if (ch === "," && depth === 0 && !quoted) args.push("");
      else args[args.length - 1] += ch;
    }
    return args;
  }

  it("every example that passes a table is checked here", () => {
    const withTable = CATALOG.flatMap((def) => {
      const at = def.params.findIndex((p) => p.kind === "table");
      return at < 0
        ? []
        : def.examples.map((e) => e.formula).filter((f) => (argumentsOf(f)[at] ?? "") !== "");
    });
    expect(withTable.sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(Object.entries(EXAMPLES))("%s → %p", (_, [compute, expected]) =>
    expectCell(compute(), expected)
  );

  it('SPEC\'s: PARITY_AT("Late 2027","mid",,,APPENDIX("chips",FALSE)) = 80%', () =>
    expectCell(
      call("PARITY_AT", "Late 2027", "mid", null, null, call("APPENDIX", "chips", false)),
      0.8
    ));
});

describe("an edited or extended table changes exactly what it should", () => {
  const LOWER = edited(CHIPS, 2, "Parity low", 0.65); // 2026 Next-Gen: 70% → 65%
  const NEXT = { Generation: "2028 Next", "Parity low": 0.88, "Parity high": 0.92 };
  const EXTENDED = [
    ...CHIPS,
    chipRow({
      ...NEXT,
      "Open-ended": false,
      Architecture: "2nm",
      "Volume production (label)": "2H28",
    }),
  ];
  const rows = (...extra: Partial<Record<ChipColumn, unknown>>[]) => [
    ...CHIPS,
    ...extra.map(chipRow),
  ];

  type Case = [string, Table, unknown[], number | string];
  const CASES: Case[] = [
    ["2026 Next-Gen low 65%: at 1H27", LOWER, ["1H27", "low"], 0.65],
    [
      "… linear from 2H25's 60% to it",
      LOWER,
      ["2H26", "low"],
      between(0.6, 0.65, H2_25, H1_27, H2_26),
    ],
    ["… its mid is 70%", LOWER, ["1H27"], 0.7],
    ["… its high is unchanged", LOWER, ["1H27", "high"], 0.75],
    [
      "… the high curve is unchanged",
      LOWER,
      ["2H26", "high"],
      between(0.65, 0.75, H2_25, H1_27, H2_26),
    ],
    ["… 2H25 is unchanged", LOWER, ["2H25", "low"], 0.6],
    ["… Late 2027 is unchanged", LOWER, ["Late 2027", "low"], 0.8],
    ["… step holds 60% until 1H27", LOWER, ["2H26", "low", "step"], 0.6],
    ["2028 Next at 2H28, 88–92%: its mid", EXTENDED, ["2H28"], 0.9],
    ["… its low", EXTENDED, ["2H28", "low"], 0.88],
    ["… its high", EXTENDED, ["2H28", "high"], 0.92],
    ["… holds after 2H28", EXTENDED, [2030], 0.9],
    ["… linear from Late 2027's 80%", EXTENDED, ["1H28"], between(0.8, 0.9, LATE_27, H2_28, H1_28)],
    ["… step: 80% until 2H28", EXTENDED, ["1H28", "mid", "step"], 0.8],
    ["… step at 2H28", EXTENDED, ["2H28", "mid", "step"], 0.9],
    ["… Late 2027 is unchanged", EXTENDED, ["Late 2027"], 0.8],
    ["… a stall in 2H28 freezes at 90%", EXTENDED, [2031, "mid", "linear", "2H28"], 0.9],
    [
      "2028 Next dated 2028-07-01 inside its label 2H28: the date places it",
      rows({
        ...NEXT,
        "Volume production (label)": "2H28",
        "Volume production (date)": serialFromYmd(2028, 7, 1),
      }),
      [serialFromYmd(2028, 7, 1)],
      0.9,
    ],
    [
      "2028 Next dated by a decimal year, no label",
      rows({ ...NEXT, "Volume production (date)": 2028.5 }),
      ["1H28"],
      between(0.8, 0.9, LATE_27, serialFromDecimalYear(2028.5), H1_28),
    ],
    [
      'a date typed as text ("2028-10-01")',
      rows({ ...NEXT, "Volume production (date)": "2028-10-01" }),
      ["2H28"],
      0.9,
    ],
    [
      '"88–92%" in Parity low',
      rows({ "Parity low": "88–92%", "Volume production (label)": "2H28" }),
      ["2H28"],
      0.9,
    ],
    [
      '"0.88 - 0.92" in Parity low',
      rows({ "Parity low": "0.88 - 0.92", "Volume production (label)": "2H28" }),
      ["2H28", "high"],
      0.92,
    ],
    [
      '"88% to 92%" in Parity low',
      rows({ "Parity low": "88% to 92%", "Volume production (label)": "2H28" }),
      ["2H28", "low"],
      0.88,
    ],
    [
      '"88%" and "92%" as text',
      rows({ "Parity low": "88%", "Parity high": "92%", "Volume production (label)": "2H28" }),
      ["2H28"],
      0.9,
    ],
    [
      '"88%+": open-ended, every bound 88%',
      rows({ "Parity low": "88%+", "Volume production (label)": "2H28" }),
      ["2H28", "high"],
      0.88,
    ],
    [
      "Open-ended TRUE, Parity high empty: high = low",
      rows({ "Parity low": 0.88, "Open-ended": true, "Volume production (label)": "2H28" }),
      ["2H28", "high"],
      0.88,
    ],
    [
      'Open-ended as text "TRUE"',
      rows({ "Parity low": 0.88, "Open-ended": "TRUE", "Volume production (label)": "2H28" }),
      ["2H28"],
      0.88,
    ],
    [
      "2027 Target (open-ended) low raised to 85%, high left at 80%: 85% at every bound",
      edited(CHIPS, 3, "Parity low", 0.85),
      ["Late 2027", "high"],
      0.85,
    ],
    [
      "2027 Target (open-ended) given a high of 90%: mid 85%",
      edited(CHIPS, 3, "Parity high", 0.9),
      ["Late 2027"],
      0.85,
    ],
    [
      "2027 Target's Open-ended cell emptied: 80–80% still a range",
      edited(CHIPS, 3, "Open-ended", null),
      ["Late 2027"],
      0.8,
    ],
    [
      "two generations at 1H27: the best low",
      rows({ "Parity low": 0.72, "Parity high": 0.74, "Volume production (label)": "1H27" }),
      ["1H27", "low"],
      0.72,
    ],
    [
      "… the best mid",
      rows({ "Parity low": 0.72, "Parity high": 0.74, "Volume production (label)": "1H27" }),
      ["1H27"],
      0.73,
    ],
    [
      "… the best high",
      rows({ "Parity low": 0.72, "Parity high": 0.74, "Volume production (label)": "1H27" }),
      ["1H27", "high"],
      0.75,
    ],
    [
      "a weaker generation later does not lower the best chip's parity",
      rows({ "Parity low": 0.5, "Parity high": 0.55, "Volume production (label)": "2H28" }),
      [2030, "low"],
      0.8,
    ],
    [
      "a generation named but not yet estimated or dated is skipped",
      rows({ Generation: "2029 Plan", Architecture: "1nm", "Node (nm)": 1 }),
      [2030],
      0.8,
    ],
    [
      "an error in a column PARITY_AT does not read is ignored",
      edited(CHIPS, 1, "Architecture", new CellError("#N/A", "A referenced cell holds #N/A.")),
      ["2H25"],
      0.625,
    ],
    [
      "an earlier generation moves the start",
      rows({ "Parity low": 0.5, "Parity high": 0.55, "Volume production (label)": "2H24" }),
      ["1H25"],
      between(0.525, 0.625, H2_24, H2_25, H1_25),
    ],
    [
      "… and the message before it",
      rows({ "Parity low": 0.5, "Parity high": 0.55, "Volume production (label)": "2H24" }),
      ["1H24"],
      "#N/A",
    ],
  ];

  it.each(
    CASES.map(
      ([what, table, args, expected]) =>
        [what, JSON.stringify(args), table, args, expected] as const
    )
  )("%s: PARITY_AT(%s)", (_what, _args, table, args, expected) =>
    expectCell(parity(table, ...args), expected as Expected)
  );

  it("the message before the first generation names the table's first", () => {
    const table = rows({
      "Parity low": 0.5,
      "Parity high": 0.55,
      "Volume production (label)": "2H24",
    });
    expect((parity(table, "1H24") as CellError).message).toBe(
      "No domestic generation is in volume production before 2H24 (2024-10-01); the date is earlier."
    );
    const dated = without(CHIPS, "Volume production (label)");
    expect((parity(dated, "1H24") as CellError).message).toBe(
      "No domestic generation is in volume production before 2025-10-01; the date is earlier."
    );
  });

  const Q1_27 = TOKENS.map((row, i) => [...row, ["Q1 2027", 2.4, 120, 0.015][i]]);
  const TOKEN_CASES: [string, Table, [unknown, unknown], number | string][] = [
    ["an added column Q1 2027 is a period", Q1_27, ["revenue", "Q1 2027"], 2.4],
    ["… found as 1Q27 too", Q1_27, ["tokens", "1Q27"], 120],
    ["… and the note's columns are unchanged", Q1_27, ["price", "Q1 2026"], 0.03],
    ["… a period the table lacks is still #N/A", Q1_27, ["revenue", "Q2 2027"], "#N/A"],
    ["an edited value", edited(TOKENS, 1, "Q1 2026", 1.7), ["revenue", "Q1 2026"], 1.7],
    ["a value typed as text", edited(TOKENS, 1, "Q1 2026", "1.7"), ["revenue", "Q1 2026"], 1.7],
    ["an added metric", [...TOKENS, ["GPU Hours", "M hours", 1, 2, 3]], ["gpu", "2027E"], 3],
    [
      "… and parts of names are matched among the table's metrics",
      [...TOKENS, ["GPU Hours", "M hours", 1, 2, 3]],
      ["hours", "Q1 2025"],
      1,
    ],
    [
      "an empty value is no data",
      edited(TOKENS, 1, "Q1 2026", null),
      ["revenue", "Q1 2026"],
      "#N/A",
    ],
    [
      "an error in the value keeps its code",
      edited(TOKENS, 1, "Q1 2026", new CellError("#N/A", "x")),
      ["revenue", "Q1 2026"],
      "#N/A",
    ],
    [
      "text in the value is #VALUE!",
      edited(TOKENS, 1, "Q1 2026", "n/a"),
      ["revenue", "Q1 2026"],
      "#VALUE!",
    ],
  ];

  it.each(
    TOKEN_CASES.map(
      ([what, table, args, expected]) =>
        [what, JSON.stringify(args), table, args, expected] as const
    )
  )("%s: METRIC(%s)", (_what, _args, table, [name, period], expected) =>
    expectCell(metric(table, name, period), expected as Expected)
  );
});

describe("a malformed table is an error that names the row and the column", () => {
  const NA = new CellError("#N/A", "A referenced cell holds #N/A.");
  const extra = (cells: Partial<Record<ChipColumn, unknown>>) => [
    ...CHIPS,
    chipRow({ Generation: "2028 Next", ...cells }),
  ];
  const CHIP_ERRORS: [string, Table, string, string][] = [
    [
      "a dated row without a parity",
      edited(CHIPS, 2, "Parity low", null),
      "#VALUE!",
      "chips row 2 (2026 Next-Gen): Parity low is empty; a generation in volume production needs a parity.",
    ],
    [
      "a parity above 200%",
      edited(CHIPS, 2, "Parity low", 2.5),
      "#VALUE!",
      "chips row 2 (2026 Next-Gen): Parity low must be from 0% to 200% (60% = 0.6); got 250%.",
    ],
    [
      "a percentage typed as a whole number",
      edited(CHIPS, 2, "Parity high", 75),
      "#VALUE!",
      "chips row 2 (2026 Next-Gen): Parity high must be from 0% to 200% (60% = 0.6); got 7500%.",
    ],
    [
      "a negative parity",
      edited(CHIPS, 1, "Parity low", -0.1),
      "#VALUE!",
      "chips row 1 (2025 Leading): Parity low must be from 0% to 200% (60% = 0.6); got −10%.",
    ],
    [
      "a parity in text beyond 200%",
      edited(CHIPS, 1, "Parity low", "60–250%"),
      "#VALUE!",
      "chips row 1 (2025 Leading): Parity low must be from 0% to 200% (60% = 0.6); got 250%.",
    ],
    [
      "text that is not a parity",
      edited(CHIPS, 2, "Parity low", "abc"),
      "#VALUE!",
      'chips row 2 (2026 Next-Gen): Parity low must be a fraction (60% = 0.6) or a range such as "60–65%" or "80%+"; got "abc".',
    ],
    [
      "a boolean parity",
      edited(CHIPS, 2, "Parity high", true),
      "#VALUE!",
      'chips row 2 (2026 Next-Gen): Parity high must be a fraction (60% = 0.6) or a range such as "60–65%" or "80%+"; got TRUE.',
    ],
    [
      "a range without its upper end",
      extra({ "Parity low": 0.88, "Volume production (label)": "2H28" }),
      "#VALUE!",
      "chips row 4 (2028 Next): Parity high is empty; give the range's upper end, or set Open-ended to TRUE.",
    ],
    [
      "high below low",
      edited(CHIPS, 1, "Parity high", 0.55),
      "#VALUE!",
      "chips row 1 (2025 Leading): Parity high (55%) is below Parity low (60%).",
    ],
    [
      "a range typed backwards",
      edited(edited(CHIPS, 1, "Parity low", "65–60%"), 1, "Parity high", null),
      "#VALUE!",
      'chips row 1 (2025 Leading): Parity low "65–60%" has its upper end below its lower end.',
    ],
    [
      "Open-ended neither TRUE nor FALSE",
      edited(CHIPS, 3, "Open-ended", "maybe"),
      "#VALUE!",
      'chips row 3 (2027 Target): Open-ended must be TRUE or FALSE; got "maybe".',
    ],
    [
      "a date that is not one",
      edited(CHIPS, 2, "Volume production (date)", "soon"),
      "#VALUE!",
      `chips row 2 (2026 Next-Gen): Volume production (date) must be a date, a decimal year such as 2026.5, or a period label (${PERIOD_FORMS}); got "soon".`,
    ],
    [
      "a date outside its label's period",
      edited(CHIPS, 2, "Volume production (label)", "2H27"),
      "#VALUE!",
      'chips row 2 (2026 Next-Gen): Volume production (date) 2027-04-01 is not in Volume production (label) "2H27"; change one of them.',
    ],
    [
      "a label that is no period, and no date",
      extra({ "Parity low": 0.88, "Parity high": 0.92, "Volume production (label)": "TBD" }),
      "#VALUE!",
      `chips row 4 (2028 Next): Volume production (label) "TBD" is not a period label (${PERIOD_FORMS}), and Volume production (date) is empty.`,
    ],
    [
      "a parity without label or date",
      extra({ "Parity low": 0.88, "Parity high": 0.92 }),
      "#VALUE!",
      "chips row 4 (2028 Next): Volume production (date) and Volume production (label) are empty; a generation needs one to be placed in time.",
    ],
    [
      "a row without a name is named by its number",
      [...CHIPS, chipRow({ "Parity low": 0.88, "Parity high": 0.92 })],
      "#VALUE!",
      "chips row 4: Volume production (date) and Volume production (label) are empty; a generation needs one to be placed in time.",
    ],
    [
      "rows count from the first under the header, blank ones included",
      [CHIPS[0], blankRow(8), CHIPS[1], edited(CHIPS, 2, "Parity low", null)[2]],
      "#VALUE!",
      "chips row 3 (2026 Next-Gen): Parity low is empty; a generation in volume production needs a parity.",
    ],
    [
      "an Excel error in a parity keeps its code",
      edited(CHIPS, 2, "Parity low", NA),
      "#N/A",
      "chips row 2 (2026 Next-Gen), Parity low: A referenced cell holds #N/A.",
    ],
    [
      "an Excel error in a date it needs",
      edited(CHIPS, 2, "Volume production (date)", NA),
      "#N/A",
      "chips row 2 (2026 Next-Gen), Volume production (date): A referenced cell holds #N/A.",
    ],
    [
      "a second Parity low column to the left (the left one was read, with no error)",
      CHIPS.map((row, i) => [i === 0 ? "Parity low" : 0.3, ...row]),
      "#VALUE!",
      'chips has two columns "Parity low" (columns 1 and 3 of the range): keep one, or rename the other.',
    ],
    [
      "a label column twice, in another case",
      CHIPS.map((row, i) => [...row, i === 0 ? "VOLUME PRODUCTION (LABEL)" : "2H28"]),
      "#VALUE!",
      'chips has two columns "VOLUME PRODUCTION (LABEL)" (columns 7 and 9 of the range): keep one, or rename the other.',
    ],
    [
      "no Parity low column",
      without(CHIPS, "Parity low"),
      "#VALUE!",
      'chips has no column "Parity low".',
    ],
    [
      "neither a date nor a label column",
      without(without(CHIPS, "Volume production (label)"), "Volume production (date)"),
      "#VALUE!",
      'chips has no column "Volume production (date)" or "Volume production (label)": a generation needs a date.',
    ],
    [
      "without a header row, too few columns for Parity low",
      [["2025 Leading"], ["2026 Next-Gen"]],
      "#VALUE!",
      'chips has no column "Parity low" (without a header row, APPENDIX("chips")\'s 2nd column).',
    ],
    [
      "without a header row, too few columns for a date",
      (call("APPENDIX", "chips", false) as Table).map((row) => row.slice(0, 6)),
      "#VALUE!",
      'chips has no column "Volume production (date)" or "Volume production (label)" (without a header row, APPENDIX("chips")\'s 7th column): a generation needs a date.',
    ],
    [
      "a header and blank rows only",
      [CHIPS[0], blankRow(8), blankRow(8)],
      "#VALUE!",
      "chips holds no generation with a parity and a volume-production date.",
    ],
  ];

  it.each(CHIP_ERRORS)("PARITY_AT, %s", (_, table, code, message) => {
    const result = parity(table, "2H25") as CellError;
    expect(result).toBeInstanceOf(CellError);
    expect([result.code, result.message]).toEqual([code, message]);
  });

  it("the error fills the broadcast shape: each element is computed on the one table", () => {
    const result = parity(
      edited(CHIPS, 2, "Parity low", 2.5),
      [["2H25"], ["1H27"]],
      [["low", "high"]]
    ) as CellError[][];
    expect(result.map((row) => row.map((cell) => cell.code))).toEqual([
      ["#VALUE!", "#VALUE!"],
      ["#VALUE!", "#VALUE!"],
    ]);
    expect(result[1][1].message).toMatch(/^chips row 2 \(2026 Next-Gen\): Parity low must be/);
  });

  const TOKEN_ERRORS: [string, Table, [unknown, unknown], string, string][] = [
    [
      "a header row without Metric",
      [
        ["Name", "Unit", "Q1 2025"],
        ["AI Cloud Revenue", "$bn", 0.8],
      ],
      ["revenue", "Q1 2025"],
      "#VALUE!",
      'tokens has no column "Metric".',
    ],
    [
      "a header row without periods",
      [
        ["Metric", "Unit"],
        ["AI Cloud Revenue", "$bn"],
      ],
      ["revenue", "Q1 2025"],
      "#VALUE!",
      "tokens has no period column: its header row names none besides Metric and Unit.",
    ],
    [
      "no header row and two columns",
      [["AI Cloud Revenue", "$bn"]],
      ["revenue", "Q1 2025"],
      "#VALUE!",
      "tokens has no period column: without a header row, Q1 2025, Q1 2026, 2027E are its 3rd to 5th columns.",
    ],
    [
      "two columns with one label",
      TOKENS.map((row, i) => [...row, i === 0 ? "q1  2026" : 1]),
      ["revenue", "Q1 2026"],
      "#VALUE!",
      'tokens has two columns "q1  2026" (columns 4 and 6 of the range): keep one, or rename the other.',
    ],
    [
      "a second Metric column",
      TOKENS.map((row, i) => [...row, i === 0 ? "metric" : "other"]),
      ["revenue", "Q1 2026"],
      "#VALUE!",
      'tokens has two columns "metric" (columns 1 and 6 of the range): keep one, or rename the other.',
    ],
    [
      "a second Unit column to the left",
      TOKENS.map((row, i) => [i === 0 ? "Unit" : "bn", ...row]),
      ["revenue", "Q1 2026"],
      "#VALUE!",
      'tokens has two columns "Unit" (columns 1 and 3 of the range): keep one, or rename the other.',
    ],
    [
      "a row without its metric",
      edited(TOKENS, 2, "Metric", null),
      ["revenue", "Q1 2026"],
      "#VALUE!",
      "tokens row 2: Metric is empty; every row needs its metric's name.",
    ],
    [
      "a metric twice",
      [...TOKENS, ["ai cloud revenue", "$bn", 1, 2, 3]],
      ["revenue", "Q1 2026"],
      "#VALUE!",
      'tokens rows 1 and 4 both hold the metric "ai cloud revenue".',
    ],
    [
      "an Excel error in a metric's name",
      edited(TOKENS, 1, "Metric", NA),
      ["revenue", "Q1 2026"],
      "#N/A",
      "tokens row 1, Metric: A referenced cell holds #N/A.",
    ],
    [
      "a header and blank rows only",
      [TOKENS[0], blankRow(5)],
      ["revenue", "Q1 2026"],
      "#VALUE!",
      "tokens holds no metric: every row is blank.",
    ],
    [
      "text where the value is",
      edited(TOKENS, 1, "Q1 2026", "n/a"),
      ["revenue", "Q1 2026"],
      "#VALUE!",
      'tokens, AI Cloud Revenue, Q1 2026 holds "n/a", not a number.',
    ],
    [
      "no value",
      edited(TOKENS, 1, "Q1 2026", null),
      ["revenue", "Q1 2026"],
      "#N/A",
      "tokens, AI Cloud Revenue, Q1 2026 is empty: the table has no value there.",
    ],
    [
      "an Excel error where the value is",
      edited(TOKENS, 1, "Q1 2026", NA),
      ["revenue", "Q1 2026"],
      "#N/A",
      "tokens, AI Cloud Revenue, Q1 2026: A referenced cell holds #N/A.",
    ],
    [
      "an unknown metric",
      TOKENS,
      ["margin", "Q1 2026"],
      "#N/A",
      'tokens has no metric "margin"; its metrics are AI Cloud Revenue, Inference Tokens, Avg Token Price.',
    ],
    [
      "an unknown column",
      TOKENS.map((row, i) => [...row, i === 0 ? "Q1 2027" : 1]),
      ["revenue", "Q3 2027"],
      "#N/A",
      'tokens has no column "Q3 2027"; its columns are Q1 2025, Q1 2026, 2027E, Q1 2027.',
    ],
  ];

  it.each(TOKEN_ERRORS)("METRIC, %s", (_, table, [name, period], code, message) => {
    const result = metric(table, name, period) as CellError;
    expect(result).toBeInstanceOf(CellError);
    expect([result.code, result.message]).toEqual([code, message]);
  });

  it("the other arguments are checked as before", () => {
    expect((metric(TOKENS, [["revenue"]], "Q1 2026") as CellError).message).toBe(
      "metric takes a single value, not a range."
    );
  });
});

describe("a table argument is one table for the whole call", () => {
  it("does not shape the result: single values give a single value", () => {
    expect(parity(CHIPS, "2H25")).toBe(0.625);
    expect(parity(CHIPS, [["2H25"], ["1H27"]], [["low", "high"]])).toEqual([
      [0.6, 0.65],
      [0.7, 0.75],
    ]);
  });

  it("is read once per call, not once per element", () => {
    const chips = findFunction("PARITY_AT")!.params.find((p) => p.kind === "table")!;
    const read = jest.spyOn(chips as { read: (...a: unknown[]) => unknown }, "read");
    try {
      const dates = Array.from({ length: 19 }, (_, i) => [2025.75 + i / 8]);
      const block = parity(CHIPS, dates, [["low", "mid", "high"]]) as number[][];
      expect(block).toHaveLength(19);
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
  });

  it("without a header row, METRIC's periods are the note's three columns; further ones are ignored", () => {
    expect(TOKEN_COLUMNS.slice(2)).toEqual(["Q1 2025", "Q1 2026", "2027E"]);
    const row = [["AI Cloud Revenue", "$bn", 0.8, 1.6, 4.5, 9]];
    expectCell(metric(row, "revenue", "2027E"), 4.5);
    expect((metric(row, "revenue", "Q1 2027") as CellError).message).toBe(
      'tokens has no column "Q1 2027"; its columns are Q1 2025, Q1 2026, 2027E.'
    );
  });

  it("a table without a Unit column matches metrics by name", () =>
    expectCell(metric(without(TOKENS, "Unit"), "tokens", "Q1 2026"), 60));

  it("a metric named in full is found even when its name is part of another's", () => {
    const table = [
      TOKENS[0],
      ["Tokens", "T tokens", 1, 2, 3],
      ["Inference Tokens", "T tokens", 4, 5, 6],
    ];
    expectCell(metric(table, "tokens", "Q1 2026"), 2);
    expectCell(metric(table, "Tokens (T tokens)", "Q1 2026"), 2);
    expectCell(metric(table, "inference", "Q1 2026"), 5);
    expectCell(metric(table, "oken", "Q1 2026"), "#N/A");
  });
});

describe("METRIC's period: a column by its label first, then by the period it names", () => {
  const table = [
    ["Metric", "Unit", "Street  est.", "2027E", "FY2027"],
    ["AI Cloud Revenue", "$bn", 5, 4.5, 4.2],
  ];

  it("a column named as asked wins over an earlier one of the same period", () => {
    expectCell(metric(table, "revenue", "FY2027"), 4.2);
    expectCell(metric(table, "revenue", "fy 2027"), 4.2);
    expectCell(metric(table, "revenue", "2027"), 4.5);
  });

  it("a period is the same only from start to end: Q4 2027 ends with 2027E but is not it", () => {
    expectCell(metric(TOKENS, "revenue", "Q4 2027"), "#N/A");
    expectCell(metric(TOKENS, "revenue", "FY2027"), 4.5);
  });

  it("a label that names no period is found by its letters, without case or spaces", () => {
    expectCell(metric(table, "revenue", "street est."), 5);
    expectCell(metric(table, "revenue", " STREET EST. "), 5);
  });

  it("a label found neither way is #N/A listing the columns", () => {
    const result = metric(table, "revenue", "someday") as CellError;
    expectCell(result, "#N/A");
    expect(result.message).toBe(
      'tokens has no column "someday"; its columns are Street  est., 2027E, FY2027.'
    );
  });
});

describe("rows are numbered from the table's header, or from its first row without one", () => {
  const below = (table: Table) => [blankRow(table[0].length), blankRow(table[0].length), ...table];

  it("blank rows above the header are not rows of the table", () => {
    const result = metric(
      below([...TOKENS, ["ai cloud revenue", "$bn", 1, 2, 3]]),
      "revenue",
      "Q1 2026"
    ) as CellError;
    expect(result.message).toBe('tokens rows 1 and 4 both hold the metric "ai cloud revenue".');
    const chips = parity(below(edited(CHIPS, 2, "Parity low", null)), "2H26") as CellError;
    expect(chips.message).toBe(
      "chips row 2 (2026 Next-Gen): Parity low is empty; a generation in volume production needs a parity."
    );
  });

  it("a row's own message counts the same way", () => {
    const table = below([...TOKENS.slice(0, 2), [null, "$bn", 1, 2, 3]]);
    expect((metric(table, "revenue", "Q1 2026") as CellError).message).toBe(
      "tokens row 2: Metric is empty; every row needs its metric's name."
    );
  });

  it("without a header row the first row is row 1", () => {
    const result = metric(
      [TOKENS[1], ["ai cloud revenue", "$bn", 1, 2, 3]],
      "revenue",
      "Q1 2026"
    ) as CellError;
    expect(result.message).toBe('tokens rows 1 and 2 both hold the metric "ai cloud revenue".');
    const chips = parity(edited(CHIPS, 2, "Parity low", null).slice(1), "2H26") as CellError;
    expect(chips.message).toBe(
      "chips row 2 (2026 Next-Gen): Parity low is empty; a generation in volume production needs a parity."
    );
  });
});

describe("which row of a token table is its header", () => {
  it("Metric and Unit with no period make a header without periods; a blank cell beside them does not stop it", () => {
    expect(
      (
        metric(
          [
            ["Metric", "Unit", null],
            ["AI Cloud Revenue", "$bn", 1],
          ],
          "revenue",
          "Q1 2026"
        ) as CellError
      ).message
    ).toBe("tokens has no period column: its header row names none besides Metric and Unit.");
  });

  it("a metric named like a period is data, not a header", () => {
    expectCell(metric([["2025", "$bn", 1, 2, 3]], "2025", "Q1 2026"), 2);
  });

  it("two period columns that differ only in spaces are one column twice", () => {
    const table = [
      ["Metric", "Unit", "Q1 2026", "Q12026"],
      ["AI Cloud Revenue", "$bn", 1, 2],
    ];
    expect((metric(table, "revenue", "Q1 2026") as CellError).message).toBe(
      'tokens has two columns "Q12026" (columns 3 and 4 of the range): keep one, or rename the other.'
    );
  });

  it("a row with period labels after its first two cells is the header, Metric column or not", () => {
    const table = [
      ["", "", "Q1 2025", "Q1 2026"],
      ["AI Cloud Revenue", "$bn", 0.8, 1.6],
    ];
    const result = metric(table, "revenue", "Q1 2026") as CellError;
    expectCell(result, "#VALUE!");
    expect(result.message).toBe('tokens has no column "Metric".');
  });

  it("a row whose text in those columns names no period is data: its value is read, its text refused", () => {
    const table = [["AI Cloud Revenue", "$bn", "n/a", 1.6, 4.5]];
    expectCell(metric(table, "revenue", "Q1 2026"), 1.6);
    expect((metric(table, "revenue", "Q1 2025") as CellError).message).toBe(
      'tokens, AI Cloud Revenue, Q1 2025 holds "n/a", not a number.'
    );
  });

  it("a range of blank cells has no header and no period column", () => {
    const blank = [
      [null, null],
      [null, null],
    ];
    expect((metric(blank, "revenue", "Q1 2026") as CellError).message).toBe(
      "tokens has no period column: without a header row, Q1 2025, Q1 2026, 2027E are its 3rd to 5th columns."
    );
  });

  it("a table of one column has no period column", () => {
    expect((metric([["AI Cloud Revenue"]], "revenue", "Q1 2026") as CellError).message).toBe(
      "tokens has no period column: without a header row, Q1 2025, Q1 2026, 2027E are its 3rd to 5th columns."
    );
  });
});

describe("a chip table's edges", () => {
  const [LABEL, DATE] = ["Volume production (label)", "Volume production (date)"];
  const others = (table: Table, first: string) => [
    first,
    ...(table[0] as string[]).filter((name) => name !== first),
  ];

  it("a label or a date column first, the other missing, still places each generation", () => {
    const byLabel = without(CHIPS, DATE);
    const byDate = without(CHIPS, LABEL);
    expectCell(
      parity(reordered(byLabel, others(byLabel, LABEL)), "2H26"),
      parity(CHIPS, "2H26") as number
    );
    expectCell(
      parity(reordered(byDate, others(byDate, DATE)), "2H26"),
      parity(CHIPS, "2H26") as number
    );
  });

  it("parities of exactly 0% and 200% are within the table's limits", () => {
    expect(
      parity(edited(edited(CHIPS, 1, "Parity low", 0), 1, "Parity high", 2), "2H26")
    ).not.toBeInstanceOf(CellError);
  });
});

describe("a parity typed as plain text", () => {
  it("is one figure, not open-ended: without Parity high it needs Open-ended", () => {
    const row = (low: unknown, open: unknown) => [
      ...[CHIPS[0]],
      ["A", low, null, open, "x", 7, "2H25", null],
    ];
    for (const low of ["0.6", "60%", " 60 % "]) {
      const result = call("PARITY_AT", "2H26", null, null, null, row(low, null)) as CellError;
      expectCell(result, "#VALUE!");
      expect(result.message).toBe(
        "chips row 1 (A): Parity high is empty; give the range's upper end, or set Open-ended to TRUE."
      );
      expectCell(call("PARITY_AT", "2H26", "high", null, null, row(low, true)), 0.6);
    }
  });
});

describe("parityCurve: the best chip's parity over time", () => {
  it("generations sharing a date make one point, each bound their best", () => {
    const curve = parityCurve([
      { date: 100, label: "A", low: 0.5, high: 0.6 },
      { date: 100, label: "B", low: 0.55, high: 0.58 },
      { date: 200, label: "C", low: 0.7, high: 0.8 },
    ]);
    // mid: A's (0.5 + 0.6) / 2 = 0.55, B's (0.55 + 0.58) / 2 = 0.565.
    expect(curve.points).toEqual([
      { date: 100, low: 0.55, mid: 0.565, high: 0.6 },
      { date: 200, low: 0.7, mid: 0.75, high: 0.8 },
    ]);
    expect(curve.first).toBe("A (1900-04-09)");
  });

  it("a stall before the first generation has no parity to freeze, and says which came first", () => {
    const result = call("PARITY_AT", "2028", "mid", "linear", "1H25") as CellError;
    expectCell(result, "#N/A");
    expect(result.message).toBe(
      "No domestic generation is in volume production before 2H25 (2025-10-01); the stall date is earlier, so there is no parity to freeze."
    );
  });
});
