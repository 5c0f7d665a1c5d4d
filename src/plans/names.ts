/**
 * Choosing names that are free: CNAI never takes over a sheet, table or defined name it did not
 * create. Excel compares all three case-insensitively.
 */
import { Lang, Texts, textsIn } from "../core";
import { SheetPlan, WorkbookState } from "./plan";

/** What the pane says when a preferred name is taken: the names themselves are never translated. */
export const NAME_NOTES = {
  sheetTaken: {
    en: (preferred: string, used: string) =>
      `A sheet named "${preferred}" that CNAI did not create exists; CNAI used "${used}" and left it untouched.`,
    zh: (preferred: string, used: string) =>
      `工作簿中已有一个并非CNAI创建的工作表“${preferred}”；CNAI改用“${used}”，未改动原表。`,
  },
  tableTaken: {
    en: (preferred: string, used: string) =>
      `A table or name "${preferred}" that CNAI did not create exists; CNAI named its table "${used}".`,
    zh: (preferred: string, used: string) =>
      `工作簿中已有一个并非CNAI创建的表格或名称“${preferred}”；CNAI将其表格命名为“${used}”。`,
  },
  nameTaken: {
    en: (preferred: string, used: string) =>
      `The name "${preferred}" is already used in this workbook; CNAI's assumption is named "${used}".`,
    zh: (preferred: string, used: string) =>
      `名称“${preferred}”在本工作簿中已被占用；CNAI的这项假设改名为“${used}”。`,
  },
} satisfies Texts;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The sheet CNAI made for a role, under whatever name the analyst has since given it. */
export function ownSheet(state: WorkbookState, role: SheetPlan["role"]): string | undefined {
  return state.sheets.find((s) => s.role === role)?.name;
}

/** Excel allows 31 characters in a sheet name. */
const MAX_SHEET_NAME = 31;

export interface Choice {
  readonly name: string;
  /** Set when the preferred name was taken by something CNAI did not create. */
  readonly note?: string;
}

/** The role's own sheet, else the preferred name if free, else "Name (2)", "Name (3)", … */
export function chooseSheetName(
  state: WorkbookState,
  role: SheetPlan["role"],
  preferred: string,
  lang: Lang = "en"
): Choice {
  const own = ownSheet(state, role);
  if (own) return { name: own };
  const taken = (name: string) => state.sheets.some((s) => same(s.name, name));
  if (!taken(preferred)) return { name: preferred };
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = preferred.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken(name)) {
      return { name, note: textsIn(NAME_NOTES, lang).sheetTaken(preferred, name) };
    }
  }
}

/** The table on the role's own sheet keeps its name; a new one gets the preferred name or "Name2", … */
export function chooseTableName(
  state: WorkbookState,
  ownSheetName: string | undefined,
  preferred: string,
  lang: Lang = "en"
): Choice {
  const mine = state.tables.find(
    (t) => ownSheetName !== undefined && same(t.sheet, ownSheetName) && same(t.name, preferred)
  );
  if (mine) return { name: mine.name };
  // Tables and defined names share one namespace in Excel.
  const taken = (name: string) =>
    state.tables.some((t) => same(t.name, name)) || state.names.some((n) => same(n.name, name));
  if (!taken(preferred)) return { name: preferred };
  for (let n = 2; ; n++) {
    const name = `${preferred}${n}`;
    if (!taken(name)) {
      return { name, note: textsIn(NAME_NOTES, lang).tableTaken(preferred, name) };
    }
  }
}

/** A defined name CNAI made keeps its name; one taken by the analyst makes CNAI use "CNAI_Name". */
export function chooseDefinedName(
  state: WorkbookState,
  preferred: string,
  lang: Lang = "en"
): Choice {
  const existing = state.names.find((n) => same(n.name, preferred));
  const tableClash = state.tables.some((t) => same(t.name, preferred));
  if ((!existing || existing.cnai) && !tableClash) return { name: preferred };
  for (let n = 1; ; n++) {
    const name = n === 1 ? `CNAI_${preferred}` : `CNAI_${preferred}${n}`;
    const clash = state.names.find((x) => same(x.name, name));
    if ((!clash || clash.cnai) && !state.tables.some((t) => same(t.name, name))) {
      return { name, note: textsIn(NAME_NOTES, lang).nameTaken(preferred, name) };
    }
  }
}
