/**
 * Free names for CNAI's sheets, tables and defined names: never one the analyst made, compared
 * case-insensitively as Excel does, within Excel's 31-character limit for sheet names.
 */
import { WorkbookState } from "../../src/plans/plan";
import {
  chooseDefinedName,
  chooseSheetName,
  chooseTableName,
  ownSheet,
} from "../../src/plans/names";

const state = (parts: Partial<WorkbookState>): WorkbookState => ({
  sheets: [],
  tables: [],
  names: [],
  ...parts,
});

describe("sheet names", () => {
  test("the role's own sheet, under whatever name the analyst gave it", () => {
    const wb = state({ sheets: [{ name: "Mine" }, { name: "Renamed", role: "model" }] });
    expect(ownSheet(wb, "model")).toBe("Renamed");
    expect(ownSheet(wb, "chips")).toBeUndefined();
    expect(chooseSheetName(wb, "model", "CNAI Model")).toEqual({ name: "Renamed" });
  });

  test("a free preferred name is used as it is, without a note", () => {
    const wb = state({ sheets: [{ name: "Other" }] });
    expect(chooseSheetName(wb, "model", "CNAI Model")).toEqual({ name: "CNAI Model" });
  });

  test('a taken name, in any case, gives "Name (2)", then "(3)", with a note naming both', () => {
    const wb = state({ sheets: [{ name: "cnai model" }] });
    expect(chooseSheetName(wb, "model", "CNAI Model")).toEqual({
      name: "CNAI Model (2)",
      note: 'A sheet named "CNAI Model" that CNAI did not create exists; CNAI used "CNAI Model (2)" and left it untouched.',
    });
    const both = state({ sheets: [{ name: "CNAI Model" }, { name: "CNAI MODEL (2)" }] });
    expect(chooseSheetName(both, "model", "CNAI Model").name).toBe("CNAI Model (3)");
  });

  test("the note is in the pane's language", () => {
    const wb = state({ sheets: [{ name: "CNAI Model" }] });
    expect(chooseSheetName(wb, "model", "CNAI Model", "zh-CN").note).toBe(
      "工作簿中已有一个并非CNAI创建的工作表“CNAI Model”；CNAI改用“CNAI Model (2)”，未改动原表。"
    );
  });

  test("a long name is cut so that name and suffix fit Excel's 31 characters", () => {
    // 31 characters: the longest sheet name Excel accepts.
    const long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
    expect(long).toHaveLength(31);
    const wb = state({ sheets: [{ name: long }] });
    // " (2)" is 4 characters: 27 of the name are kept.
    expect(chooseSheetName(wb, "model", long).name).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ0 (2)");
    const wb10 = state({
      sheets: [
        long,
        ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `ABCDEFGHIJKLMNOPQRSTUVWXYZ0 (${n})`),
      ].map((name) => ({ name })),
    });
    // " (10)" is 5 characters: 26 kept.
    const tenth = chooseSheetName(wb10, "model", long).name;
    expect(tenth).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ (10)");
    expect(tenth).toHaveLength(31);
  });
});

describe("table names", () => {
  test("the table on the role's own sheet keeps its name, in its own case", () => {
    const wb = state({ tables: [{ name: "tokeneconomics", sheet: "Token Economics" }] });
    expect(chooseTableName(wb, "token economics", "TokenEconomics")).toEqual({
      name: "tokeneconomics",
    });
  });

  test("a table of that name on another sheet is not CNAI's", () => {
    const wb = state({ tables: [{ name: "TokenEconomics", sheet: "Analyst" }] });
    expect(chooseTableName(wb, "Token Economics", "TokenEconomics")).toEqual({
      name: "TokenEconomics2",
      note: 'A table or name "TokenEconomics" that CNAI did not create exists; CNAI named its table "TokenEconomics2".',
    });
    // Without an own sheet, nothing is CNAI's.
    expect(chooseTableName(wb, undefined, "TokenEconomics").name).toBe("TokenEconomics2");
  });

  test("a free name is used; a defined name of that name takes it, as tables and names share one namespace", () => {
    expect(chooseTableName(state({}), undefined, "ChipParity")).toEqual({ name: "ChipParity" });
    const wb = state({
      names: [{ name: "CHIPPARITY", cnai: false }],
      tables: [{ name: "ChipParity2", sheet: "X" }],
    });
    expect(chooseTableName(wb, undefined, "ChipParity").name).toBe("ChipParity3");
  });
});

describe("defined names", () => {
  test("a free name, or one CNAI made, is used as it is", () => {
    expect(chooseDefinedName(state({}), "Years")).toEqual({ name: "Years" });
    expect(chooseDefinedName(state({ names: [{ name: "years", cnai: true }] }), "Years")).toEqual({
      name: "Years",
    });
  });

  test('an analyst\'s name or table of that name makes it "CNAI_Name", with a note', () => {
    expect(chooseDefinedName(state({ names: [{ name: "YEARS", cnai: false }] }), "Years")).toEqual({
      name: "CNAI_Years",
      note: 'The name "Years" is already used in this workbook; CNAI\'s assumption is named "CNAI_Years".',
    });
    expect(
      chooseDefinedName(state({ tables: [{ name: "years", sheet: "S" }] }), "Years").name
    ).toBe("CNAI_Years");
    // Even when the clashing table's name is also a CNAI-made defined name.
    expect(
      chooseDefinedName(
        state({ names: [{ name: "Years", cnai: true }], tables: [{ name: "Years", sheet: "S" }] }),
        "Years"
      ).name
    ).toBe("CNAI_Years");
  });

  test('"CNAI_Name" taken by the analyst goes on to "CNAI_Name2"; one CNAI made is reused', () => {
    const analyst = state({
      names: [
        { name: "Years", cnai: false },
        { name: "cnai_years", cnai: false },
      ],
    });
    expect(chooseDefinedName(analyst, "Years").name).toBe("CNAI_Years2");
    const ours = state({
      names: [
        { name: "Years", cnai: false },
        { name: "CNAI_Years", cnai: true },
      ],
    });
    expect(chooseDefinedName(ours, "Years").name).toBe("CNAI_Years");
    const table = state({
      names: [{ name: "Years", cnai: false }],
      tables: [{ name: "CNAI_YEARS", sheet: "S" }],
    });
    expect(chooseDefinedName(table, "Years").name).toBe("CNAI_Years2");
  });
});
