/**
 * "Load appendix tables": the note's Tables 1 and 2 as Excel tables, from the same normalized data
 * as CNAI.APPENDIX (src/core/appendix.ts).
 */
import { CHIP_COLUMNS, SOURCE, TOKEN_COLUMNS, TOKEN_METRICS } from "../core";
import { appendixTable } from "../core/functions/data";
import { area, offset } from "./a1";
import { chooseSheetName, chooseTableName, ownSheet } from "./names";
import { Plan, SheetPlan, TablePlan, WorkbookState } from "./plan";

export const CHIP_SHEET = "Chip Parity";
export const TOKEN_SHEET = "Token Economics";
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
  note: string,
  table: TablePlan,
  columnWidths: number[]
): SheetPlan {
  return {
    role,
    name,
    blocks: [
      { at: "A1", cells: [[title]], style: "title" },
      { at: "A2", cells: [[`Source: ${SOURCE}.`]], style: "note" },
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

/** Both table sheets, with the sheet and table names this workbook allows. */
export function planTableSheets(state: WorkbookState): TableSheets {
  const chipSheet = chooseSheetName(state, "chips", CHIP_SHEET);
  const tokenSheet = chooseSheetName(state, "tokens", TOKEN_SHEET);
  const chipTable = chooseTableName(state, ownSheet(state, "chips"), CHIP_TABLE);
  const tokenTable = chooseTableName(state, ownSheet(state, "tokens"), TOKEN_TABLE);

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
      "Table 1: Domestic AI Chip vs. NVIDIA Performance (Inference, Key Workloads)",
      'Parity is inference performance vs. the H100 (est.); "80%+" is 80% with Open-ended TRUE. The date is the midpoint of the volume-production period.',
      chips,
      [16, 11, 11, 11, 14, 10, 24, 24]
    ),
    tableSheet(
      "tokens",
      tokenSheet.name,
      "Table 2: China AI Cloud Revenue & Token Volume Growth Estimates",
      "2027E is annualized. Values as printed in the note.",
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

/** The table's full address, header included: "A4:H7". */
export const tableArea = (table: TablePlan) =>
  area(table.at, table.rows.length + 1, table.columns.length);
/** The first data row's first cell. */
export const tableBodyStart = (table: TablePlan) => offset(table.at, 1, 0);

export function planLoadTables(state: WorkbookState): Plan {
  const { sheets, notes } = planTableSheets(state);
  return { action: "load-tables", sheets, notes };
}
