/**
 * "Build model sheet": an analyst model on the note's tables. Inputs are named cells; every output
 * is a CNAI formula on those names; the timeline, the sensitivity grid and the reconciliation are
 * broadcast formulas, one per block, spilling over their cells.
 */
import { SOURCE, TOKEN_METRICS, TOKEN_PERIODS, periodMidpoint, parsePeriod } from "../core";
import { area, offset } from "./a1";
import { Choice, chooseDefinedName, chooseSheetName } from "./names";
import { Block, CellInput, Plan, SheetPlan, WorkbookState } from "./plan";
import { TAB_COLOR, planTableSheets } from "./tables";

export const MODEL_SHEET = "CNAI Model";

const labelDate = (label: string) => {
  const period = parsePeriod(label);
  if (!period) throw new Error(`model period "${label}" does not parse`);
  return periodMidpoint(period);
};

interface Assumption {
  readonly name: string;
  readonly label: string;
  readonly value: number;
  readonly format: string;
  readonly note: string;
}

/** The inputs, with the note's figures where it gives them and illustrative values where it does not. */
export const ASSUMPTIONS: readonly Assumption[] = [
  {
    name: "VolumeGrowth",
    label: "Token volume growth (annual)",
    value: 0.3,
    format: "0.0%",
    note: "Valuation paragraph: 30% annual token volume growth",
  },
  {
    name: "UnitCostDecline",
    label: "Unit-cost decline (annual)",
    value: 0.15,
    format: "0.0%",
    note: "Valuation paragraph: 15% per-unit cost decline",
  },
  { name: "Years", label: "Horizon (years)", value: 2, format: "0.0", note: '"over two years"' },
  {
    name: "StartMargin",
    label: "Gross margin today",
    value: 0.64,
    format: "0.0%",
    note: "Lands the note's example on the middle of its 8–12 pp",
  },
  {
    name: "PriceChange",
    label: "Token price change (annual)",
    value: 0,
    format: "0.0%",
    note: "For the margin; 0 = prices hold",
  },
  {
    name: "FixedCostShare",
    label: "Fixed-cost share of today's cost",
    value: 0,
    format: "0.0%",
    note: "Cost that does not scale with volume (operating leverage)",
  },
  {
    name: "Utilization",
    label: "Cloud utilization",
    value: 0.55,
    format: "0.0%",
    note: "Risk 2: prices compress below the threshold",
  },
  {
    name: "CompressionThreshold",
    label: "Compression threshold",
    value: 0.6,
    format: "0.0%",
    note: 'Risk 2: "if utilization drops below 60%"',
  },
  {
    name: "PriceFallLow",
    label: "Token price fall so far, low",
    value: 0.35,
    format: "0.0%",
    note: "Evidence 2: unit token costs down 35–50% in 12 months",
  },
  {
    name: "PriceFallHigh",
    label: "Token price fall so far, high",
    value: 0.5,
    format: "0.0%",
    note: "Evidence 2",
  },
  {
    name: "HourlyCost",
    label: "Chip cost per hour (USD)",
    value: 2,
    format: '"$"0.00',
    note: "Illustrative: not in the note",
  },
  {
    name: "TokensPerSecond",
    label: "H100 tokens per second",
    value: 1000,
    format: "#,##0",
    note: "Illustrative: not in the note",
  },
  {
    name: "ParityDate",
    label: "Parity date",
    value: labelDate("2H25"),
    format: "yyyy-mm-dd",
    note: "2H25: the first domestic generation in volume production",
  },
  {
    name: "BaseMultiple",
    label: "Base EV/EBITDA multiple",
    value: 10,
    format: '0.0"x"',
    note: "Illustrative: a non-integrated peer",
  },
  {
    name: "LayersOwned",
    label: "Layers owned (chips, cloud, token pricing)",
    value: 3,
    format: "0",
    note: "0 to 3",
  },
  {
    name: "StallDate",
    label: "Stall date (export controls)",
    value: labelDate("2H26"),
    format: "yyyy-mm-dd",
    note: "Risk 1: parity freezes from this date",
  },
];

/** The timeline: 2H25, where Table 1 places the first generation, then every quarter to 2028. */
export const TIMELINE_PERIODS = [
  "2H25",
  ...[2026, 2027, 2028].flatMap((y) => [1, 2, 3, 4].map((q) => `Q${q} ${y}`)),
];

/** Sensitivity grid: start margins down the side, unit-cost declines across. */
export const GRID_START_MARGINS = [0.56, 0.58, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.72];
export const GRID_COST_DECLINES = [0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25];
/** The note's "8–12 percentage points over two years". */
export const NOTE_BAND: readonly [number, number] = [0.08, 0.12];

const LABEL_COLUMN_WIDTH = 40;

interface Layout {
  readonly assumptionsAt: string;
  readonly outputsAt: string;
  readonly timelineAt: string;
  readonly gridAt: string;
  readonly reconciliationAt: string;
}

export const LAYOUT: Layout = {
  assumptionsAt: "A4",
  outputsAt: "A22",
  timelineAt: "A34",
  gridAt: "A51",
  reconciliationAt: "A64",
};

export function planBuildModel(state: WorkbookState): Plan {
  const tables = planTableSheets(state);
  const sheet = chooseSheetName(state, "model", MODEL_SHEET);
  const names = new Map<string, Choice>(
    ASSUMPTIONS.map((a) => [a.name, chooseDefinedName(state, a.name)])
  );
  const n = (name: string) => (names.get(name) as Choice).name;
  const tokensRef = tables.tokens.name;

  const blocks: Block[] = [];
  const L = LAYOUT;

  blocks.push(
    { at: "A1", cells: [["CNAI model: China's AI stack"]], style: "title" },
    {
      at: "A2",
      cells: [
        [
          `Built by CNAI from ${SOURCE}. Blue cells are inputs; every other number is a CNAI formula on them.`,
        ],
      ],
      style: "note",
    }
  );

  // Assumptions: label, named input, where the figure comes from.
  blocks.push({
    at: L.assumptionsAt,
    cells: [["Assumptions", "Value", "Source or note"]],
    style: "header",
  });
  const firstInput = offset(L.assumptionsAt, 1, 0);
  blocks.push({
    at: firstInput,
    cells: ASSUMPTIONS.map((a) => [a.label, a.value, a.note]),
    style: ["label", "input", "note"],
    numberFormat: ASSUMPTIONS.map((a) => ["@", a.format, "@"]),
  });
  const inputCell = (name: string) =>
    offset(
      firstInput,
      ASSUMPTIONS.findIndex((a) => a.name === name),
      1
    );

  // Outputs: each a CNAI formula on the named inputs.
  const marginArgs = [
    "VolumeGrowth",
    "UnitCostDecline",
    "Years",
    "StartMargin",
    "PriceChange",
    "FixedCostShare",
  ]
    .map(n)
    .join(",");
  const firstOutput = offset(L.outputsAt, 1, 0);
  const outputCell = (row: number) => offset(firstOutput, row, 1);
  const outputs: [string, string, string, string][] = [
    ["Gross margin after the horizon", `=CNAI.TOKEN_MARGIN(${marginArgs})`, "0.0%", "TOKEN_MARGIN"],
    [
      "Margin expansion",
      `=CNAI.MARGIN_EXPANSION(${marginArgs})`,
      "0.00%",
      "The note: 8–12 percentage points over two years",
    ],
    [
      "Price compression at this utilization",
      `=CNAI.PRICE_COMPRESSION(${n("Utilization")},${n("CompressionThreshold")})`,
      "0.0%",
      "Risk 2: another 30% below 60% utilization",
    ],
    [
      "Combined price fall from last year, low",
      `=1-(1-${n("PriceFallLow")})*(1-${outputCell(2)})`,
      "0.0%",
      "1 − (1 − fall so far)(1 − compression)",
    ],
    [
      "Combined price fall from last year, high",
      `=1-(1-${n("PriceFallHigh")})*(1-${outputCell(2)})`,
      "0.0%",
      "Risk 2: 54.5% to 65% with the note's figures",
    ],
    [
      "Parity with the H100 at the parity date",
      `=CNAI.PARITY_AT(${n("ParityDate")})`,
      "0.0%",
      "Table 1, mid of the range",
    ],
    [
      "Cost per million tokens",
      `=CNAI.COST_PER_MTOK(${n("HourlyCost")},${n("TokensPerSecond")},${outputCell(5)},${n("Utilization")})`,
      '"$"0.0000',
      "Evidence 1: cost per token falls as parity rises",
    ],
    [
      "Integrated EV/EBITDA multiple",
      `=CNAI.STACK_MULTIPLE(${n("BaseMultiple")},${n("LayersOwned")})`,
      '0.0"x"',
      "Valuation: 15–25% premium for the full stack",
    ],
  ];
  blocks.push({ at: L.outputsAt, cells: [["Outputs", "Value", "Note"]], style: "header" });
  blocks.push({
    at: firstOutput,
    cells: outputs.map(([label, formula, , note]) => [label, formula, note]),
    style: ["label", "output", "note"],
    numberFormat: outputs.map(([, , format]) => ["@", format, "@"]),
  });

  // Parity timeline: one broadcast formula per column over the period dates.
  const periods = TIMELINE_PERIODS.length;
  blocks.push({
    at: L.timelineAt,
    cells: [["Parity timeline (Table 1, Risk 1)"]],
    style: "header",
  });
  const timelineHeader = offset(L.timelineAt, 1, 0);
  const timelineBody = offset(timelineHeader, 1, 0);
  const dates = area(offset(timelineBody, 0, 5), periods, 1, true);
  blocks.push({
    at: timelineHeader,
    cells: [["Period", "Low", "Mid", "High", "Stalled (mid)", "Date"]],
    style: "header",
  });
  blocks.push({ at: timelineBody, cells: TIMELINE_PERIODS.map((p) => [p]), style: "label" });
  const parityColumn = (column: number, formula: string): Block => ({
    at: offset(timelineBody, 0, column),
    cells: [[formula]],
    style: "output",
    numberFormat: "0.0%",
    spill: { rows: periods, columns: 1 },
  });
  blocks.push(
    parityColumn(1, `=CNAI.PARITY_AT(${dates},"low")`),
    parityColumn(2, `=CNAI.PARITY_AT(${dates},"mid")`),
    parityColumn(3, `=CNAI.PARITY_AT(${dates},"high")`),
    parityColumn(4, `=CNAI.PARITY_AT(${dates},"mid","linear",${n("StallDate")})`),
    {
      at: offset(timelineBody, 0, 5),
      cells: [[`=CNAI.PERIOD_DATE(${area(timelineBody, periods, 1, true)})`]],
      style: "output",
      numberFormat: "yyyy-mm-dd",
      spill: { rows: periods, columns: 1 },
    }
  );

  // Sensitivity: one spilled MARGIN_EXPANSION, start margins (column) × unit-cost declines (row).
  blocks.push({
    at: L.gridAt,
    cells: [
      [
        "Margin expansion: start margin (down) × unit-cost decline (across); the note's 8–12 pp highlighted",
      ],
    ],
    style: "header",
  });
  const gridCorner = offset(L.gridAt, 1, 0);
  const gridBody = offset(gridCorner, 1, 1);
  const declinesRow = area(offset(gridCorner, 0, 1), 1, GRID_COST_DECLINES.length, true);
  const marginsColumn = area(offset(gridCorner, 1, 0), GRID_START_MARGINS.length, 1, true);
  blocks.push(
    { at: gridCorner, cells: [["Start margin \\ decline"]], style: "header" },
    {
      at: offset(gridCorner, 0, 1),
      cells: [GRID_COST_DECLINES],
      style: "input",
      numberFormat: "0.0%",
    },
    {
      at: offset(gridCorner, 1, 0),
      cells: GRID_START_MARGINS.map((m) => [m]),
      style: "input",
      numberFormat: "0%",
    },
    {
      at: gridBody,
      cells: [
        [
          `=CNAI.MARGIN_EXPANSION(${n("VolumeGrowth")},${declinesRow},${n("Years")},${marginsColumn},${n("PriceChange")},${n("FixedCostShare")})`,
        ],
      ],
      style: "output",
      numberFormat: "0.0%",
      spill: { rows: GRID_START_MARGINS.length, columns: GRID_COST_DECLINES.length },
    }
  );

  // Table 2 reconciliation, from the TokenEconomics table by structured reference.
  const metric = (unit: string) =>
    (TOKEN_METRICS.find((m) => m.unit === unit) as { metric: string }).metric;
  const lookup = (period: string, unit: string) =>
    `=INDEX(${tokensRef}[${period}],MATCH("${metric(unit)}",${tokensRef}[Metric],0))`;
  const recHeader = offset(L.reconciliationAt, 1, 0);
  const recBody = offset(recHeader, 1, 0);
  blocks.push(
    {
      at: L.reconciliationAt,
      cells: [[`Table 2 reconciliation (from the ${tokensRef} table)`]],
      style: "header",
    },
    {
      at: recHeader,
      cells: [
        ["Period", "Inference tokens (T)", "Avg token price ($/M)", "AI cloud revenue ($bn)"],
      ],
      style: "header",
    }
  );
  blocks.push({
    at: recBody,
    cells: TOKEN_PERIODS.map((p): CellInput[] => [
      p.label,
      lookup(p.label, "T tokens"),
      lookup(p.label, "$/M tokens"),
      lookup(p.label, "$bn"),
    ]),
    style: ["label", "output", "output", "output"],
    numberFormat: ["@", "0", '"$"0.00', '"$"0.0'],
  });
  const q1a = (column: number) => offset(recBody, 0, column);
  const q1b = (column: number) => offset(recBody, 1, column);
  const yoyRow = offset(recBody, TOKEN_PERIODS.length, 0);
  const tokensYoy = offset(yoyRow, 0, 1);
  const priceYoy = offset(yoyRow, 0, 2);
  blocks.push({
    at: yoyRow,
    cells: [["YoY change, Q1 2025 → Q1 2026", ...[1, 2, 3].map((c) => `=${q1b(c)}/${q1a(c)}-1`)]],
    style: ["label", "output", "output", "output"],
    numberFormat: ["@", "0%", "0%", "0%"],
  });
  const facts: [string, string, string, string][] = [
    [
      "Demand elasticity (log-arc)",
      `=CNAI.DEMAND_ELASTICITY(${priceYoy},${tokensYoy})`,
      "0.00",
      "Below −1: volume grows faster than price falls",
    ],
    [
      "Implied token revenue, Q1 2026 (USD)",
      `=CNAI.TOKEN_REVENUE(${q1b(1)},${q1b(2)})`,
      '"$"#,##0',
      "Tokens × price as printed",
    ],
    ["Reported AI cloud revenue, Q1 2026 (USD)", `=${q1b(3)}*10^9`, '"$"#,##0', "Table 2, $bn"],
  ];
  const firstFact = offset(yoyRow, 1, 0);
  blocks.push({
    at: firstFact,
    cells: facts.map(([label, formula, , note]) => [label, formula, note]),
    style: ["label", "output", "note"],
    numberFormat: facts.map(([, , format]) => ["@", format, "@"]),
  });
  const implied = offset(firstFact, 1, 1);
  const reported = offset(firstFact, 2, 1);
  const shareRow = offset(firstFact, facts.length, 0);
  blocks.push(
    {
      at: shareRow,
      cells: [["Implied ÷ reported", `=${implied}/${reported}`, "The gap, stated plainly"]],
      style: ["label", "output", "note"],
      numberFormat: ["@", "0.000%", "@"],
    },
    {
      at: offset(shareRow, 1, 0),
      cells: [
        [
          "Table 2's tokens × price explain about 0.1% of the AI cloud revenue it reports: the rows differ by three orders of magnitude. CNAI reproduces the table as printed and shows the gap rather than hide it.",
        ],
      ],
      style: "note",
    }
  );

  const model: SheetPlan = {
    role: "model",
    name: sheet.name,
    blocks,
    tables: [],
    names: ASSUMPTIONS.map((a) => ({
      name: n(a.name),
      cell: inputCell(a.name),
      comment: `CNAI assumption: ${a.label}`,
    })),
    charts: [
      {
        name: "CNAI parity timeline",
        type: "line",
        title: "Domestic chip parity with the H100",
        source: area(timelineHeader, periods + 1, 5),
        valueAxisFormat: "0%",
        from: offset(L.timelineAt, 0, 7),
        to: offset(L.timelineAt, 16, 14),
      },
      {
        name: "CNAI token volume vs price",
        type: "columnClustered",
        title: "Token volume (T) vs token price ($/M), Table 2",
        source: area(recHeader, TOKEN_PERIODS.length + 1, 3),
        secondaryLineSeries: [1],
        from: offset(L.reconciliationAt, 0, 5),
        to: offset(L.reconciliationAt, 16, 11),
      },
    ],
    conditionalFormats: [
      {
        range: area(gridBody, GRID_START_MARGINS.length, GRID_COST_DECLINES.length),
        between: NOTE_BAND,
        fill: "#DFF6DD",
        fontColor: "#0E700E",
      },
    ],
    columnWidths: [LABEL_COLUMN_WIDTH, 14, 14, 14, 16, 14, 12],
    freezeRows: 0,
    tabColor: TAB_COLOR,
  };

  const notes = [...tables.notes, sheet.note, ...[...names.values()].map((c) => c.note)].filter(
    (x): x is string => Boolean(x)
  );
  return { action: "build-model", sheets: [...tables.sheets, model], notes };
}

/** Where the checks of the note land on the model sheet, for tests and the workbench. */
export const MODEL_CELLS = {
  marginAfter: offset(LAYOUT.outputsAt, 1, 1),
  marginExpansion: offset(LAYOUT.outputsAt, 2, 1),
  priceCompression: offset(LAYOUT.outputsAt, 3, 1),
  combinedFallLow: offset(LAYOUT.outputsAt, 4, 1),
  combinedFallHigh: offset(LAYOUT.outputsAt, 5, 1),
  parityAtDate: offset(LAYOUT.outputsAt, 6, 1),
  costPerMtok: offset(LAYOUT.outputsAt, 7, 1),
  integratedMultiple: offset(LAYOUT.outputsAt, 8, 1),
  timelineFirstMid: offset(LAYOUT.timelineAt, 2, 2),
  gridFirstCell: offset(LAYOUT.gridAt, 2, 1),
  elasticity: offset(LAYOUT.reconciliationAt, 6, 1),
  impliedRevenue: offset(LAYOUT.reconciliationAt, 7, 1),
  reportedRevenue: offset(LAYOUT.reconciliationAt, 8, 1),
  unitCostDecline: offset(LAYOUT.assumptionsAt, 2, 1),
} as const;
