/**
 * "Load appendix tables": the note's Tables 1 and 2 as Excel tables, from the same normalized data
 * as CNAI.APPENDIX (src/core/appendix.ts).
 */
import {
  CHIP_COLUMNS,
  Lang,
  SOURCE,
  SOURCE_ZH,
  TOKEN_COLUMNS,
  TOKEN_METRICS,
  Texts,
  textsIn,
} from "../core";
import { appendixTable } from "../core/functions/data";
import { chooseSheetName, chooseTableName, ownSheet } from "./names";
import { Plan, SheetPlan, TablePlan, WorkbookState } from "./plan";

/**
 * The sheets' words in each language. Table names, column headers and the tables' contents are not
 * among them: structured references (`ChipParity[Parity low]`) and MATCH on `TokenEconomics[Metric]`
 * use them, so they are the same in every language and a workbook works wherever it is opened.
 */
export const TABLE_TEXT = {
  chipSheet: { en: "Chip Parity", zh: "芯片性能对标" },
  tokenSheet: { en: "Token Economics", zh: "Token经济" },
  source: { en: `Source: ${SOURCE}.`, zh: `资料来源：${SOURCE_ZH}。` },
  chipTitle: {
    en: "Table 1: Domestic AI Chip vs. NVIDIA Performance (Inference, Key Workloads)",
    zh: "表1：国产AI芯片与英伟达性能对比（推理，关键负载）",
  },
  chipNote: {
    en: 'Parity is inference performance vs. the H100 (est.); "80%+" is 80% with Open-ended TRUE. The date is the midpoint of the volume-production period.',
    zh: "性能比为相对H100的推理性能（估计值）；“80%+”记为80%，且Open-ended为TRUE。日期取量产期间的中点。",
  },
  tokenTitle: {
    en: "Table 2: China AI Cloud Revenue & Token Volume Growth Estimates",
    zh: "表2：中国AI云收入与Token调用量增长预测",
  },
  tokenNote: {
    en: "2027E is annualized. Values as printed in the note.",
    zh: "2027E为年化数据。数值与研报原文一致。",
  },
} satisfies Texts;

/** The sheets' preferred names in English; a sheet keeps whatever name it has once made. */
export const CHIP_SHEET = TABLE_TEXT.chipSheet.en;
export const TOKEN_SHEET = TABLE_TEXT.tokenSheet.en;
export const CHIP_TABLE = "ChipParity";
export const TOKEN_TABLE = "TokenEconomics";

/** Tables start below a title, the source line and a note; their header row is frozen. */
const TABLE_AT = "A4";
const HEADER_ROW = 4;

export const TAB_COLOR = "#8A1C2B";

/** Table 2's units, as Excel number formats: $bn, T tokens, $/M tokens. */
export const UNIT_FORMATS: Record<string, string> = {
  $bn: '"$"0.0"bn"',
  "T tokens": '0" T"',
  "$/M tokens": '"$"0.00"/M"',
};

const CHIP_FORMATS = ["", "0%", "0%", "", "", '0" nm"', "", "yyyy-mm-dd"];

export interface TableSheets {
  readonly sheets: readonly SheetPlan[];
  readonly chips: TablePlan & { readonly sheet: string };
  readonly tokens: TablePlan & { readonly sheet: string };
  readonly notes: readonly string[];
}

function tableSheet(
  role: "chips" | "tokens",
  name: string,
  title: string,
  source: string,
  note: string,
  table: TablePlan,
  columnWidths: number[]
): SheetPlan {
  return {
    role,
    name,
    blocks: [
      { at: "A1", cells: [[title]], style: "title" },
      { at: "A2", cells: [[source]], style: "note" },
      { at: "A3", cells: [[note]], style: "note" },
    ],
    tables: [table],
    names: [],
    charts: [],
    conditionalFormats: [],
    columnWidths,
    freezeRows: HEADER_ROW,
    tabColor: TAB_COLOR,
  };
}

/** Both table sheets, with the sheet and table names this workbook allows, in a language. */
export function planTableSheets(state: WorkbookState, lang: Lang = "en"): TableSheets {
  const t = textsIn(TABLE_TEXT, lang);
  const chipSheet = chooseSheetName(state, "chips", t.chipSheet, lang);
  const tokenSheet = chooseSheetName(state, "tokens", t.tokenSheet, lang);
  const chipTable = chooseTableName(state, ownSheet(state, "chips"), CHIP_TABLE, lang);
  const tokenTable = chooseTableName(state, ownSheet(state, "tokens"), TOKEN_TABLE, lang);

  const chips: TablePlan = {
    name: chipTable.name,
    at: TABLE_AT,
    columns: [...CHIP_COLUMNS],
    rows: appendixTable("chips", false),
    numberFormats: CHIP_FORMATS,
  };
  const tokens: TablePlan = {
    name: tokenTable.name,
    at: TABLE_AT,
    columns: [...TOKEN_COLUMNS],
    rows: appendixTable("tokens", false),
    numberFormats: TOKEN_METRICS.map((m) =>
      TOKEN_COLUMNS.map((_, k) => (k < 2 ? "" : UNIT_FORMATS[m.unit]))
    ),
  };
  const sheets = [
    tableSheet(
      "chips",
      chipSheet.name,
      t.chipTitle,
      t.source,
      t.chipNote,
      chips,
      [16, 11, 11, 11, 14, 10, 24, 24]
    ),
    tableSheet(
      "tokens",
      tokenSheet.name,
      t.tokenTitle,
      t.source,
      t.tokenNote,
      tokens,
      [20, 12, 12, 12, 12]
    ),
  ];
  return {
    sheets,
    chips: { ...chips, sheet: chipSheet.name },
    tokens: { ...tokens, sheet: tokenSheet.name },
    notes: [chipSheet, tokenSheet, chipTable, tokenTable].flatMap((c) => (c.note ? [c.note] : [])),
  };
}

export function planLoadTables(state: WorkbookState, lang: Lang = "en"): Plan {
  const { sheets, notes } = planTableSheets(state, lang);
  return { action: "load-tables", sheets, notes };
}
