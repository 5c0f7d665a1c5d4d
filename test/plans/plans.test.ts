/** The plans as data: the note's values, formats, names and every formula text. */
import { SOURCE, serialFromYmd } from "../../src/core";
import {
  ASSUMPTIONS,
  GRID_COST_DECLINES,
  GRID_START_MARGINS,
  LAYOUT,
  MODEL_CELLS,
  SCENARIOS,
  SCENARIO_COLUMNS,
  TIMELINE_PERIODS,
  builtValue,
  planBuildModel,
} from "../../src/plans/model";
import {
  Block,
  EMPTY_WORKBOOK,
  Plan,
  SheetPlan,
  WorkbookState,
  formatAt,
} from "../../src/plans/plan";
import { planLoadTables } from "../../src/plans/tables";
import { area, offset, parseCell } from "../../src/plans/a1";

/** Every cell a sheet plan writes, as "A1" → content, including the top-left of each spill. */
function cells(sheet: SheetPlan): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const put = (block: Pick<Block, "at" | "cells">) => {
    const start = parseCell(block.at);
    block.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        let column = "";
        for (let n = start.column + j + 1; n > 0; n = Math.floor((n - 1) / 26))
          column = String.fromCharCode(65 + ((n - 1) % 26)) + column;
        out.set(`${column}${start.row + i + 1}`, cell);
      })
    );
  };
  sheet.blocks.forEach(put);
  sheet.tables.forEach((t) => put({ at: t.at, cells: [t.columns, ...t.rows] }));
  return out;
}

/** The number format a sheet plan gives a cell: that of the block that writes it. */
function formatOf(sheet: SheetPlan, a1: string): string | undefined {
  const cell = parseCell(a1);
  for (const block of sheet.blocks) {
    const at = parseCell(block.at);
    const i = cell.row - at.row;
    const j = cell.column - at.column;
    if (i >= 0 && i < block.cells.length && j >= 0 && j < (block.cells[i]?.length ?? 0))
      return formatAt(block.numberFormat, i, j);
  }
  return undefined;
}

const sheetOf = (plan: Plan, role: SheetPlan["role"]) =>
  plan.sheets.find((s) => s.role === role) as SheetPlan;

describe("Load appendix tables", () => {
  // Planned anew for each test, inside it: `npm run mutate` counts as a test's only what runs
  // while it runs (docs/development.md).
  let plan: Plan;
  let chips: SheetPlan;
  let tokens: SheetPlan;
  beforeEach(() => {
    plan = planLoadTables(EMPTY_WORKBOOK);
    chips = sheetOf(plan, "chips");
    tokens = sheetOf(plan, "tokens");
  });

  it("makes two sheets with the tables ChipParity and TokenEconomics, header frozen", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual(["Chip Parity", "Token Economics"]);
    expect(chips.tables[0].name).toBe("ChipParity");
    expect(tokens.tables[0].name).toBe("TokenEconomics");
    expect(chips.freezeRows).toBe(4);
    expect(parseCell(chips.tables[0].at).row + 1).toBe(4);
    expect(plan.notes).toEqual([]);
  });

  it("holds Table 1 as numbers: parity low/high as fractions, 80%+ open-ended, node in nm, period label and date", () => {
    expect(chips.tables[0].columns).toEqual([
      "Generation",
      "Parity low",
      "Parity high",
      "Open-ended",
      "Architecture",
      "Node (nm)",
      "Volume production (label)",
      "Volume production (date)",
    ]);
    expect(chips.tables[0].rows).toEqual([
      ["2025 Leading", 0.6, 0.65, false, "7nm ASIC", 7, "2H25", serialFromYmd(2025, 10, 1)],
      ["2026 Next-Gen", 0.7, 0.75, false, "5nm AI GPU", 5, "1H27", serialFromYmd(2027, 4, 1)],
      ["2027 Target", 0.8, 0.8, true, "3nm Custom", 3, "Late 2027", serialFromYmd(2027, 11, 16)],
    ]);
    expect(chips.tables[0].numberFormats).toEqual([
      "",
      "0%",
      "0%",
      "",
      "",
      '0" nm"',
      "",
      "yyyy-mm-dd",
    ]);
  });

  it("holds Table 2 as printed, with each row's unit as its number format", () => {
    expect(tokens.tables[0].columns).toEqual(["Metric", "Unit", "Q1 2025", "Q1 2026", "2027E"]);
    expect(tokens.tables[0].rows).toEqual([
      ["AI Cloud Revenue", "$bn", 0.8, 1.6, 4.5],
      ["Inference Tokens", "T tokens", 15, 60, 250],
      ["Avg Token Price", "$/M tokens", 0.06, 0.03, 0.02],
    ]);
    const formats = tokens.tables[0].numberFormats as string[][];
    expect(formats.map((row) => row[2])).toEqual(['"$"0.0"bn"', '0" T"', '"$"0.00"/M"']);
    expect(formats.every((row) => row[0] === "" && row[1] === "")).toBe(true);
  });

  it("cites the note on both sheets", () => {
    for (const sheet of [chips, tokens]) expect(cells(sheet).get("A2")).toBe(`Source: ${SOURCE}.`);
  });

  it("heads each table with its title, the source and a note, and gives every column a width", () => {
    for (const [sheet, title] of [
      [chips, "Table 1: Domestic AI Chip vs. NVIDIA Performance (Inference, Key Workloads)"],
      [tokens, "Table 2: China AI Cloud Revenue & Token Volume Growth Estimates"],
    ] as const) {
      expect(sheet.blocks.map((b) => [b.at, b.style])).toEqual([
        ["A1", "title"],
        ["A2", "note"],
        ["A3", "note"],
      ]);
      expect(cells(sheet).get("A1")).toBe(title);
      expect(sheet.columnWidths).toHaveLength(sheet.tables[0].columns.length);
      // Wide enough for a number or a short label: Excel's default column is 8.43 characters.
      expect(Math.min(...sheet.columnWidths)).toBeGreaterThanOrEqual(10);
      expect(sheet.tabColor).toBe("#8A1C2B");
    }
    expect(cells(tokens).get("A3")).toBe("2027E is annualized. Values as printed in the note.");
    expect(cells(chips).get("A3")).toMatch(/^Parity is inference performance vs\. the H100/);
  });
});

describe("Build model sheet", () => {
  let plan: Plan;
  let model: SheetPlan;
  let at: Map<string, unknown>;
  beforeEach(() => {
    plan = planBuildModel(EMPTY_WORKBOOK);
    model = sheetOf(plan, "model");
    at = cells(model);
  });

  it("also lays the table sheets it stands on", () => {
    expect(plan.sheets.map((s) => s.role)).toEqual(["chips", "tokens", "model"]);
    expect(model.name).toBe("CNAI Model");
  });

  it("names every assumption and styles it as an input", () => {
    expect(model.names.map((n) => n.name)).toEqual(ASSUMPTIONS.map((a) => a.name));
    for (const name of model.names) {
      const assumption = ASSUMPTIONS.find((a) => a.name === name.name);
      // An input that follows the active scenario looks its value up in the Scenarios table.
      if (assumption?.scenario)
        expect(at.get(name.cell)).toBe(
          `=INDEX(Scenarios[${assumption.scenario}],MATCH(ActiveScenario,Scenarios[Scenario],0))`
        );
      else expect(at.get(name.cell)).toBe(assumption?.value);
      expect(name.comment).toMatch(/^CNAI assumption: /);
    }
    expect(at.get(model.names.find((n) => n.name === "VolumeGrowth")?.cell as string)).toBe(0.3);
    expect(at.get(model.names.find((n) => n.name === "Years")?.cell as string)).toBe(2);
    expect(at.get(model.names.find((n) => n.name === "ActiveScenario")?.cell as string)).toBe(
      "Base"
    );
    // The Base scenario's values, which the lookups give: the note's example.
    const base = (name: string) => builtValue(ASSUMPTIONS.find((a) => a.name === name)!);
    expect([base("UnitCostDecline"), base("StartMargin"), base("Utilization")]).toEqual([
      0.15, 0.64, 0.65,
    ]);
    expect(model.validations).toEqual([
      { range: MODEL_CELLS.activeScenario, source: '=INDIRECT("Scenarios[Scenario]")' },
    ]);
    const inputs = model.blocks.find((b) => Array.isArray(b.style) && b.style.includes("input"));
    expect(inputs?.style).toEqual(["label", "input", "note"]);
  });

  it("writes the outputs as CNAI formulas on the names", () => {
    const args = "VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare";
    expect(at.get(MODEL_CELLS.marginAfter)).toBe(`=CNAI.TOKEN_MARGIN(${args})`);
    expect(at.get(MODEL_CELLS.marginExpansion)).toBe(`=CNAI.MARGIN_EXPANSION(${args})`);
    expect(at.get(MODEL_CELLS.priceCompression)).toBe(
      "=CNAI.PRICE_COMPRESSION(Utilization,CompressionThreshold)"
    );
    expect(at.get(MODEL_CELLS.combinedFallLow)).toBe(
      `=1-(1-PriceFallLow)*(1-${MODEL_CELLS.priceCompression})`
    );
    expect(at.get(MODEL_CELLS.combinedFallHigh)).toBe(
      `=1-(1-PriceFallHigh)*(1-${MODEL_CELLS.priceCompression})`
    );
    expect(at.get(MODEL_CELLS.parityAtDate)).toBe(
      "=CNAI.PARITY_AT(ParityDate,ParityBound,,,ChipParity[#All])"
    );
    expect(at.get(MODEL_CELLS.costPerMtok)).toBe(
      `=CNAI.COST_PER_MTOK(HourlyCost,TokensPerSecond,${MODEL_CELLS.parityAtDate},Utilization)`
    );
    expect(at.get(MODEL_CELLS.integratedMultiple)).toBe(
      "=CNAI.STACK_MULTIPLE(BaseMultiple,LayersOwned,PremiumBound)"
    );
  });

  it("labels each output, shows it in its unit and notes where in the note it comes from", () => {
    const formats: Record<string, string> = {
      marginAfter: "0.0%",
      marginExpansion: "0.00%",
      priceCompression: "0.0%",
      combinedFallLow: "0.0%",
      combinedFallHigh: "0.0%",
      parityAtDate: "0.0%",
      costPerMtok: '"$"0.0000',
      integratedMultiple: '0.0"x"',
    };
    const labels = new Set<unknown>();
    for (const [key, format] of Object.entries(formats)) {
      const cell = MODEL_CELLS[key as keyof typeof MODEL_CELLS];
      expect([key, formatOf(model, cell)]).toEqual([key, format]);
      const label = at.get(offset(cell, 0, -1));
      const note = at.get(offset(cell, 0, 1));
      expect([key, typeof label, typeof note]).toEqual([key, "string", "string"]);
      expect((label as string).length * (note as string).length).toBeGreaterThan(0);
      labels.add(label);
    }
    expect(labels.size).toBe(Object.keys(formats).length);
    expect(at.get(offset(MODEL_CELLS.marginExpansion, 0, 1))).toBe(
      "The note: 8–12 percentage points over two years"
    );
    expect(at.get(offset(MODEL_CELLS.priceCompression, 0, 1))).toBe(
      "Risk 2: another 30% below 60% utilization"
    );
  });

  it("writes each assumption's label and note as text, its value in its own format", () => {
    for (const name of model.names) {
      const assumption = ASSUMPTIONS.find((a) => a.name === name.name);
      expect([name.name, formatOf(model, offset(name.cell, 0, -1))]).toEqual([name.name, "@"]);
      expect([name.name, formatOf(model, name.cell)]).toEqual([name.name, assumption?.format]);
      expect([name.name, formatOf(model, offset(name.cell, 0, 1))]).toEqual([name.name, "@"]);
    }
  });

  it("without an ActiveScenario input, every input holds its own value", () => {
    const own = ASSUMPTIONS.filter((a) => a.name !== "ActiveScenario");
    const sheet = sheetOf(planBuildModel(EMPTY_WORKBOOK, "en", own), "model");
    const written = cells(sheet);
    for (const name of sheet.names) {
      const assumption = own.find((a) => a.name === name.name);
      expect([name.name, written.get(name.cell)]).toEqual([name.name, assumption?.value]);
    }
    expect(sheet.validations ?? []).toEqual([]);
  });

  it("says which inputs follow the active scenario, in their notes", () => {
    const follows = " (from the active scenario; type a value to use your own)";
    for (const name of model.names) {
      const assumption = ASSUMPTIONS.find((a) => a.name === name.name);
      const note = at.get(offset(name.cell, 0, 1)) as string;
      expect([name.name, note.endsWith(follows)]).toEqual([
        name.name,
        Boolean(assumption?.scenario),
      ]);
    }
  });

  it("writes the parity timeline as one broadcast formula per column on ChipParity, 2H25 to Q4 2028", () => {
    const body = offset(LAYOUT.timelineAt, 2, 0);
    const n = TIMELINE_PERIODS.length;
    const cell = (i: number, j: number) => at.get(offset(body, i, j));
    expect(cell(0, 0)).toBe("2H25");
    expect(cell(n - 1, 0)).toBe("Q4 2028");
    const dates = area(offset(body, 0, 5), n, 1, true);
    expect(cell(0, 1)).toBe(`=CNAI.PARITY_AT(${dates},"low",,,ChipParity[#All])`);
    expect(cell(0, 2)).toBe(`=CNAI.PARITY_AT(${dates},"mid",,,ChipParity[#All])`);
    expect(cell(0, 3)).toBe(`=CNAI.PARITY_AT(${dates},"high",,,ChipParity[#All])`);
    expect(cell(0, 4)).toBe(`=CNAI.PARITY_AT(${dates},"mid","linear",StallDate,ChipParity[#All])`);
    expect(cell(0, 5)).toBe(`=CNAI.PERIOD_DATE(${area(body, n, 1, true)})`);
    const spills = model.blocks.filter((b) => b.spill && b.at.endsWith(body.slice(1)));
    expect(spills).toHaveLength(5);
    for (const block of spills) expect(block.spill).toEqual({ rows: n, columns: 1 });
    for (const [i, j] of [
      [1, 1],
      [n - 1, 2],
      [4, 5],
    ])
      expect(at.has(offset(body, i, j))).toBe(false);
  });

  it("writes the sensitivity grid as one spilled MARGIN_EXPANSION and highlights 8–12 pp", () => {
    const first = MODEL_CELLS.gridFirstCell;
    const declines = area(offset(first, -1, 0), 1, GRID_COST_DECLINES.length, true);
    const margins = area(offset(first, 0, -1), GRID_START_MARGINS.length, 1, true);
    expect(at.get(first)).toBe(
      `=CNAI.MARGIN_EXPANSION(VolumeGrowth,${declines},Years,${margins},PriceChange,FixedCostShare)`
    );
    expect(GRID_COST_DECLINES.map((_, j) => at.get(offset(first, -1, j)))).toEqual(
      GRID_COST_DECLINES
    );
    expect(GRID_START_MARGINS.map((_, i) => at.get(offset(first, i, -1)))).toEqual(
      GRID_START_MARGINS
    );
    expect(model.blocks.find((b) => b.at === first)?.spill).toEqual({ rows: 9, columns: 7 });
    // Cost declines to a tenth of a percent (12.5%), start margins whole, expansions in tenths.
    expect(
      [offset(first, -1, 2), offset(first, 0, -1), first].map((cell) => formatOf(model, cell))
    ).toEqual(["0.0%", "0%", "0.0%"]);
    // The grid's highlight, and the histogram's bins within the band in the Risk block.
    expect(model.conditionalFormats).toEqual([
      {
        range: area(MODEL_CELLS.histogramFirst, 20, 2),
        between: [0.08, 0.12],
        fill: "#DFF6DD",
        fontColor: "#0E700E",
      },
      { range: area(first, 9, 7), between: [0.08, 0.12], fill: "#DFF6DD", fontColor: "#0E700E" },
    ]);
  });

  it("reconciles Table 2 by structured references to the TokenEconomics table", () => {
    expect(at.get(LAYOUT.reconciliationAt)).toBe(
      "Table 2 reconciliation (from the TokenEconomics table)"
    );
    const body = offset(LAYOUT.reconciliationAt, 2, 1);
    expect(at.get(body)).toBe(
      '=INDEX(TokenEconomics[Q1 2025],MATCH("Inference Tokens",TokenEconomics[Metric],0))'
    );
    expect(at.get(offset(body, 1, 1))).toBe(
      '=INDEX(TokenEconomics[Q1 2026],MATCH("Avg Token Price",TokenEconomics[Metric],0))'
    );
    expect(at.get(offset(body, 2, 2))).toBe(
      '=INDEX(TokenEconomics[2027E],MATCH("AI Cloud Revenue",TokenEconomics[Metric],0))'
    );
    const yoy = offset(body, 3, 0);
    expect(at.get(yoy)).toBe(`=${offset(body, 1, 0)}/${body}-1`);
    expect(at.get(MODEL_CELLS.elasticity)).toBe(
      `=CNAI.DEMAND_ELASTICITY(${offset(yoy, 0, 1)},${yoy})`
    );
    expect(at.get(MODEL_CELLS.impliedRevenue)).toBe(
      `=CNAI.TOKEN_REVENUE(${offset(body, 1, 0)},${offset(body, 1, 1)})`
    );
    expect(at.get(MODEL_CELLS.reportedRevenue)).toBe(`=${offset(body, 1, 2)}*10^9`);
    const share = offset(MODEL_CELLS.reportedRevenue, 1, 0);
    expect(at.get(share)).toBe(`=${MODEL_CELLS.impliedRevenue}/${MODEL_CELLS.reportedRevenue}`);
    expect(String(at.get(offset(share, 1, -1)))).toMatch(/three orders of magnitude/);
  });

  it("lays the scenarios as a table, its outputs as one broadcast formula per column beside it", () => {
    const table = model.tables.find((t) => t.name === "Scenarios");
    expect(table?.columns).toEqual([...SCENARIO_COLUMNS]);
    expect(table?.rows.map((r) => r.slice(0, 6))).toEqual([
      ["Bear", "low", "low", 0.125, 0.66, 0.55],
      ["Base", "mid", "mid", 0.15, 0.64, 0.65],
      ["Bull", "high", "high", 0.175, 0.625, 0.65],
    ]);
    // Every scenario cites the note for its figures, or says they are illustrative.
    for (const row of table?.rows ?? []) expect(String(row[6])).toMatch(/Table 1|Valuation|Risk 2/);
    const out = offset(MODEL_CELLS.scenarioOutputs, 1, 0);
    expect([0, 1, 2, 3, 4].map((k) => at.get(offset(out, 0, k)))).toEqual([
      "=Scenarios[Scenario]",
      "=CNAI.MARGIN_EXPANSION(VolumeGrowth,Scenarios[Unit-cost decline],Years,Scenarios[Start margin],PriceChange,FixedCostShare)",
      "=CNAI.PRICE_COMPRESSION(Scenarios[Utilization],CompressionThreshold)",
      "=CNAI.PARITY_AT(ParityDate,Scenarios[Parity bound],,,ChipParity[#All])",
      "=CNAI.STACK_MULTIPLE(BaseMultiple,LayersOwned,Scenarios[Premium bound])",
    ]);
    for (let k = 0; k < 5; k++)
      expect(model.blocks.find((b) => b.at === offset(out, 0, k))?.spill).toEqual({
        rows: SCENARIOS.length,
        columns: 1,
      });
    // The outputs in their units: the scenario's name, a margin in basis points, two
    // percentages, a multiple.
    expect([0, 1, 2, 3, 4].map((k) => formatOf(model, offset(out, 0, k)))).toEqual([
      "General",
      "0.00%",
      "0.0%",
      "0.0%",
      '0.0"x"',
    ]);
    expect(
      [0, 1, 2].map((k) => model.blocks.find((b) => b.at === offset(out, 0, k))?.style)
    ).toEqual(["label", "output", "output"]);
    expect(table?.numberFormats).toEqual(["@", "@", "@", "0.0%", "0.0%", "0.0%", "@"]);
    // A refresh in either language still knows CNAI's own rows: the other language's sources.
    expect(table?.otherLanguages).toHaveLength(1);
    const zh = table?.otherLanguages?.[0] ?? [];
    expect(zh.map((r) => r.slice(0, 6))).toEqual(table?.rows.map((r) => r.slice(0, 6)));
    for (const row of zh) expect(String(row[6])).toMatch(/[\u4e00-\u9fff]/);
    // The chart stands to the right of the outputs, 16 rows tall and 8 columns wide.
    const chart = model.charts.find((c) => c.name === "CNAI scenarios");
    const header = parseCell(MODEL_CELLS.scenarioOutputs);
    const from = parseCell(chart?.from ?? "A1");
    const to = parseCell(chart?.to ?? "A1");
    expect([from.row - header.row, from.column - header.column]).toEqual([-1, 6]);
    expect([to.row - from.row, to.column - from.column]).toEqual([16, 7]);
    expect([chart?.type, chart?.secondaryLineSeries, chart?.valueAxisFormat]).toEqual([
      "columnClustered",
      [3],
      "0%",
    ]);
  });

  it("lays the Uncertainty table: a row per input, its figures in the input's format, its source, in both languages", () => {
    const table = model.tables.find((t) => t.name === "Uncertainty");
    expect(table?.columns).toEqual(["Input", "Distribution", "Low", "Mode", "High", "Source"]);
    const rows = table?.rows ?? [];
    const row = (input: string) => rows[rows.findIndex((r) => r[0] === input)];
    const formats = (input: string) =>
      (table?.numberFormats as string[][])[rows.findIndex((r) => r[0] === input)];
    // A Fixed input is the assumption itself; a ranged one gives its range around it.
    expect(row("CompressionThreshold")).toEqual([
      "CompressionThreshold",
      "Fixed",
      null,
      "=CompressionThreshold",
      null,
      "The assumption block",
    ]);
    expect(row("UnitCostDecline").slice(0, 5)).toEqual([
      "UnitCostDecline",
      "Triangular",
      0.1,
      "=UnitCostDecline",
      0.2,
    ]);
    expect(row("PriceFall")).toEqual([
      "PriceFall",
      "Uniform",
      "=PriceFallLow",
      "=(PriceFallLow+PriceFallHigh)/2",
      "=PriceFallHigh",
      "Evidence 2: unit token costs down 35–50% in 12 months",
    ]);
    // The premium's Mode follows the active scenario's bound: 15%, 20% or 25% (Valuation).
    expect(row("IntegrationPremium").slice(0, 5)).toEqual([
      "IntegrationPremium",
      "PERT",
      0.15,
      '=CHOOSE(MATCH(PremiumBound,{"low","mid","high"},0),0.15,0.2,0.25)',
      0.25,
    ]);
    expect(row("ParityPosition").slice(0, 5)).toEqual([
      "ParityPosition",
      "PERT",
      0,
      '=MATCH(ParityBound,{"low","mid","high"},0)/2-0.5',
      1,
    ]);
    // ParityPosition runs from 0 to 1; the others show as their assumption does.
    expect(formats("ParityPosition")).toEqual(["@", "@", "0.00", "0.00", "0.00", "@"]);
    const years = ASSUMPTIONS.find((a) => a.name === "Years")?.format as string;
    expect(formats("Years")).toEqual(["@", "@", years, years, years, "@"]);
    expect(formats("PriceFall")).toEqual(["@", "@", "0.0%", "0.0%", "0.0%", "@"]);
    for (const r of rows) expect([r[0], String(r[5]).length > 0]).toEqual([r[0], true]);
    // The Chinese rows differ in their sources only.
    expect(table?.otherLanguages).toHaveLength(1);
    const zh = table?.otherLanguages?.[0] ?? [];
    expect(zh.map((r) => r.slice(0, 5))).toEqual(rows.map((r) => r.slice(0, 5)));
    for (const r of zh) expect([r[0], /[\u4e00-\u9fff]/.test(String(r[5]))]).toEqual([r[0], true]);
  });

  it("asks the note's three claims of the Uncertainty table, each labelled, as a percentage, with its quote", () => {
    const claims = [
      [
        MODEL_CELLS.riskBandProbability,
        '=CNAI.PROBABILITY("margin_expansion",Uncertainty[#All],0.08,0.12)',
        "Margin expansion within 8–12 pp",
      ],
      [
        MODEL_CELLS.riskParityProbability,
        '=CNAI.PROBABILITY("parity_at",IF((Uncertainty[[#All],[Input]]="ParityDate")*(Uncertainty[#Headers]="Mode"),CNAI.PERIOD_DATE("Late 2027"),Uncertainty[#All]),0.8)',
        "Parity at least 80% at Late 2027",
      ],
      [
        MODEL_CELLS.riskRisk2Probability,
        '=CNAI.PROBABILITY("price_compression",Uncertainty[#All],0.000001)',
        "Risk 2 bites: utilization below the threshold",
      ],
    ];
    for (const [cell, formula, label] of claims) {
      expect(at.get(cell)).toBe(formula);
      expect(at.get(offset(cell, 0, -1))).toBe(label);
      expect(formatOf(model, cell)).toBe("0.0%");
      // Each note quotes the note's words.
      expect(String(at.get(offset(cell, 0, 1)))).toMatch(/^(Valuation|Evidence 1|Risk 2): "/);
    }
  });

  it("lays the Risk block's words as text and each spilled column in the format of what it shows", () => {
    /** The block anchored at a cell, and the format it gives row i, column j of its spill. */
    const block = (cell: string) => model.blocks.find((b) => b.at === cell) as Block;
    const spillFormat = (cell: string, i: number, j: number) =>
      formatAt(block(cell).numberFormat, i, j);
    // The claims: label and quote are text (a quote that starts with a digit stays as written).
    const band = MODEL_CELLS.riskBandProbability;
    expect(block(offset(band, 0, -1)).style).toEqual(["label", "output", "note"]);
    for (const cell of [band, MODEL_CELLS.riskParityProbability, MODEL_CELLS.riskRisk2Probability])
      expect([-1, 0, 1].map((k) => formatOf(model, offset(cell, 0, k)))).toEqual([
        "@",
        "0.0%",
        "@",
      ]);
    // The outputs above, as the claims: label and note as text, the value in its format.
    const outputs = model.blocks.find((b) =>
      b.cells.some((r) => r[1] === at.get(MODEL_CELLS.marginExpansion))
    );
    expect(outputs?.style).toEqual(["label", "output", "note"]);
    expect(
      [-1, 0, 1].map((k) => formatOf(model, offset(MODEL_CELLS.marginExpansion, 0, k)))
    ).toEqual(["@", "0.00%", "@"]);
    // The scenarios' outputs: the scenario's name, margin expansion, price compression, parity,
    // the integrated multiple (as "12.0x").
    const scenarioOutputs = offset(MODEL_CELLS.scenarioOutputs, 1, 0);
    expect([0, 1, 2, 3, 4].map((k) => spillFormat(offset(scenarioOutputs, 0, k), 2, 0))).toEqual([
      "General",
      "0.00%",
      "0.0%",
      "0.0%",
      '0.0"x"',
    ]);
    // The tornado: the input's name, then its ends and swing as percentages of margin.
    const tornado = MODEL_CELLS.tornadoFirst;
    expect([0, 1, 2, 3].map((j) => spillFormat(tornado, 2, j))).toEqual([
      "General",
      "0.00%",
      "0.00%",
      "0.00%",
    ]);
    // The histogram: bin edges as percentages, draws counted; beside them the middles and the
    // draws outside and inside the note's 8–12 pp, read from the bins with absolute references.
    const bins = MODEL_CELLS.histogramFirst;
    expect([0, 1, 2].map((j) => spillFormat(bins, 19, j))).toEqual(["0.00%", "0.00%", "#,##0"]);
    const edges = (k: number) => area(offset(bins, 0, k), 20, 1, true);
    const inBand = `(${edges(0)}>=0.08)*(${edges(1)}<=0.12)`;
    expect([4, 5, 6].map((k) => at.get(offset(bins, 0, k)))).toEqual([
      `=(${edges(0)}+${edges(1)})/2`,
      `=IF(${inBand},0,${edges(2)})`,
      `=IF(${inBand},${edges(2)},0)`,
    ]);
    expect([4, 5, 6].map((k) => spillFormat(offset(bins, 0, k), 19, 0))).toEqual([
      "0.0%",
      "#,##0",
      "#,##0",
    ]);
    // The parity fan: each period's P10, P50 and P90 at the date beside it.
    const fan = MODEL_CELLS.fanFirst;
    const date = area(offset(fan, 1, 4), 1, 1, true);
    expect(at.get(offset(fan, 1, 0))).toBe(
      `=CNAI.SIMULATE("parity_at",IF((Uncertainty[[#All],[Input]]="ParityDate")*(Uncertainty[#Headers]="Mode"),${date},Uncertainty[#All]),{0.1,0.5,0.9})`
    );
    expect([0, 1, 2].map((j) => spillFormat(offset(fan, 1, 0), 0, j))).toEqual([
      "0.0%",
      "0.0%",
      "0.0%",
    ]);
    expect(at.get(offset(fan, 0, -1))).toBe(TIMELINE_PERIODS[0]);
  });

  it("styles every column of a block, and keeps every label and note column as text", () => {
    for (const block of model.blocks) {
      const styles = block.style;
      if (!Array.isArray(styles)) continue;
      block.cells.forEach((row, i) => {
        expect([block.at, styles.length]).toEqual([block.at, row.length]);
        styles.forEach((style, j) => {
          if (style === "label" || style === "note")
            expect([block.at, i, j, formatAt(block.numberFormat, i, j)]).toEqual([
              block.at,
              i,
              j,
              "@",
            ]);
        });
      });
    }
  });

  it("lays no two blocks, tables or charts over one another, every chart below and right of its corner", () => {
    type Box = { what: string; top: number; left: number; bottom: number; right: number };
    const box = (what: string, at: string, rows: number, columns: number): Box => {
      const { row, column } = parseCell(at);
      return { what, top: row, left: column, bottom: row + rows - 1, right: column + columns - 1 };
    };
    const boxes: Box[] = [
      ...model.blocks.map((b) =>
        box(
          `block ${b.at}`,
          b.at,
          Math.max(b.cells.length, b.spill?.rows ?? 0),
          Math.max(...b.cells.map((r) => r.length), b.spill?.columns ?? 0)
        )
      ),
      ...model.tables.map((t) => box(`table ${t.name}`, t.at, t.rows.length + 1, t.columns.length)),
      ...model.charts.map((c) => {
        const from = parseCell(c.from);
        const to = parseCell(c.to);
        expect([c.name, to.row > from.row, to.column > from.column]).toEqual([c.name, true, true]);
        return box(`chart ${c.name}`, c.from, to.row - from.row + 1, to.column - from.column + 1);
      }),
    ];
    const overlaps = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right
        )
        .map((b) => `${a.what} × ${b.what}`)
    );
    expect(overlaps).toEqual([]);
  });

  it("gives the Risk block's percentiles their formula and formats, the fan's and timeline's periods their dates, and the charts of shares a percentage axis", () => {
    const percentiles = model.blocks.find((b) => b.at === MODEL_CELLS.riskPercentiles) as Block;
    const names = area(
      offset(MODEL_CELLS.riskPercentiles, 0, -1),
      percentiles.spill?.rows ?? 0,
      1,
      true
    );
    expect(percentiles.cells).toEqual([
      [`=CNAI.SIMULATE(${names},Uncertainty[#All],{0.05,0.1,0.5,0.9,0.95,"mean","se"})`],
    ]);
    // Each output's row in its own format, across the seven statistics.
    const margin = (percentiles.numberFormat as string[][])[0];
    expect(margin).toEqual(new Array(7).fill(margin[0]));
    expect(percentiles.spill?.columns).toBe(7);
    // The parity fan's and the timeline's periods as dates beside them, from the labels.
    for (const first of [offset(MODEL_CELLS.fanFirst, 0, 4), offset(LAYOUT.timelineAt, 2, 5)]) {
      const dates = model.blocks.find((b) => b.at === first) as Block;
      const labels = area(offset(first, 0, -5), TIMELINE_PERIODS.length, 1, true);
      expect([first, dates.cells, formatAt(dates.numberFormat, 3, 0)]).toEqual([
        first,
        [[`=CNAI.PERIOD_DATE(${labels})`]],
        "yyyy-mm-dd",
      ]);
    }
    // The charts of shares and margins read their value axis as percentages.
    expect(model.charts.map((c) => [c.name, c.valueAxisFormat])).toEqual([
      ["CNAI scenarios", "0%"],
      ["CNAI risk tornado", "0%"],
      ["CNAI risk histogram", undefined],
      ["CNAI parity fan", "0%"],
      ["CNAI parity timeline", "0%"],
      ["CNAI token volume vs price", undefined],
    ]);
  });

  it("reconciles Table 2: volumes, prices and revenue in their units, and the facts derived from them", () => {
    const holding = (label: string) =>
      model.blocks.find((b) => b.cells.some((r) => r[0] === label)) as Block;
    const tokens = holding("Q1 2025");
    expect([0, 1, 2, 3].map((j) => formatAt(tokens.numberFormat, 1, j))).toEqual([
      "@",
      "0",
      '"$"0.00',
      '"$"0.0',
    ]);
    const facts = holding("Demand elasticity (log-arc)");
    expect(facts.cells.map((r, i) => [r[0], formatAt(facts.numberFormat, i, 1), r[2]])).toEqual([
      ["Demand elasticity (log-arc)", "0.00", "Below −1: volume grows faster than price falls"],
      ["Implied token revenue, Q1 2026 (USD)", '"$"#,##0', "Tokens × price as printed"],
      ["Reported AI cloud revenue, Q1 2026 (USD)", '"$"#,##0', "Table 2, $bn"],
      ["Implied ÷ reported", "0.000%", "The gap, stated plainly"],
    ]);
    const yoy = model.blocks.find((b) => b.at === offset(tokens.at, tokens.cells.length, 0));
    expect([1, 2, 3].map((j) => formatAt(yoy?.numberFormat, 0, j))).toEqual(["0%", "0%", "0%"]);
  });

  it("charts the scenarios, the risk block, the parity timeline and token volume against price", () => {
    const timelineHeader = offset(LAYOUT.timelineAt, 1, 0);
    const recHeader = offset(LAYOUT.reconciliationAt, 1, 0);
    expect(model.charts.map((c) => [c.name, c.source])).toEqual([
      ["CNAI scenarios", area(MODEL_CELLS.scenarioOutputs, SCENARIOS.length + 1, 5)],
      // The tornado's four uncertain inputs of the margin expansion, with its header row.
      ["CNAI risk tornado", area(offset(MODEL_CELLS.tornadoFirst, -1, 0), 5, 3)],
      // The histogram's bin middles and draws outside and inside 8–12 pp, 20 bins.
      ["CNAI risk histogram", area(offset(MODEL_CELLS.histogramFirst, -1, 4), 21, 3)],
      [
        "CNAI parity fan",
        area(offset(MODEL_CELLS.fanFirst, -1, -1), TIMELINE_PERIODS.length + 1, 4),
      ],
      ["CNAI parity timeline", area(timelineHeader, TIMELINE_PERIODS.length + 1, 5)],
      ["CNAI token volume vs price", area(recHeader, 4, 3)],
    ]);
    expect(model.charts[5].secondaryLineSeries).toEqual([1]);
  });

  it("writes only formulas that call catalogued CNAI functions", () => {
    const called = [...at.values()].flatMap((v) => String(v).match(/CNAI\.[A-Z_]+/g) ?? []);
    expect(new Set(called)).toEqual(
      new Set([
        "CNAI.TOKEN_MARGIN",
        "CNAI.MARGIN_EXPANSION",
        "CNAI.PRICE_COMPRESSION",
        "CNAI.PARITY_AT",
        "CNAI.COST_PER_MTOK",
        "CNAI.STACK_MULTIPLE",
        "CNAI.PERIOD_DATE",
        "CNAI.DEMAND_ELASTICITY",
        "CNAI.TOKEN_REVENUE",
        "CNAI.SIMULATE",
        "CNAI.PROBABILITY",
        "CNAI.TORNADO",
        "CNAI.HISTOGRAM",
      ])
    );
  });
});

describe("re-runs and names CNAI did not make", () => {
  it("keeps its own sheets under the analyst's new names", () => {
    const state: WorkbookState = {
      sheets: [
        { name: "My parity", role: "chips" },
        { name: "Token Economics", role: "tokens" },
      ],
      tables: [
        { name: "ChipParity", sheet: "My parity" },
        { name: "TokenEconomics", sheet: "Token Economics" },
      ],
      names: [],
    };
    const plan = planLoadTables(state);
    expect(plan.sheets.map((s) => s.name)).toEqual(["My parity", "Token Economics"]);
    expect(plan.sheets.map((s) => s.tables[0].name)).toEqual(["ChipParity", "TokenEconomics"]);
    expect(plan.notes).toEqual([]);
  });

  it("never takes a sheet, table or name it did not make: it picks a free one and says so", () => {
    const state: WorkbookState = {
      sheets: [{ name: "Chip Parity" }, { name: "chip parity (2)" }, { name: "CNAI Model" }],
      tables: [{ name: "TokenEconomics", sheet: "" }],
      names: [
        { name: "VolumeGrowth", cnai: false },
        { name: "Years", cnai: true },
      ],
    };
    const plan = planBuildModel(state);
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "Chip Parity (3)",
      "Token Economics",
      "CNAI Model (2)",
    ]);
    expect(sheetOf(plan, "tokens").tables[0].name).toBe("TokenEconomics2");
    const model = sheetOf(plan, "model");
    expect(model.names.map((n) => n.name)).toContain("CNAI_VolumeGrowth");
    expect(model.names.map((n) => n.name)).toContain("Years");
    expect(cells(model).get(MODEL_CELLS.marginExpansion)).toBe(
      "=CNAI.MARGIN_EXPANSION(CNAI_VolumeGrowth,UnitCostDecline,Years,StartMargin,PriceChange,FixedCostShare)"
    );
    expect(cells(model).get(offset(LAYOUT.reconciliationAt, 2, 1))).toBe(
      '=INDEX(TokenEconomics2[Q1 2025],MATCH("Inference Tokens",TokenEconomics2[Metric],0))'
    );
    expect(cells(model).get(LAYOUT.reconciliationAt)).toBe(
      "Table 2 reconciliation (from the TokenEconomics2 table)"
    );
    expect(plan.notes).toEqual([
      'A sheet named "Chip Parity" that CNAI did not create exists; CNAI used "Chip Parity (3)" and left it untouched.',
      'A table or name "TokenEconomics" that CNAI did not create exists; CNAI named its table "TokenEconomics2".',
      'A sheet named "CNAI Model" that CNAI did not create exists; CNAI used "CNAI Model (2)" and left it untouched.',
      'The name "VolumeGrowth" is already used in this workbook; CNAI\'s assumption is named "CNAI_VolumeGrowth".',
    ]);
  });
});
