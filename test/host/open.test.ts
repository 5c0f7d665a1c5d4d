/**
 * Opening an .xlsx into a host workbook (src/host/open.ts), and the host's Excel behaviour with an
 * add-in's functions that are not registered: stuck formulas, and calls in the form Excel saves
 * them in (src/plans/saved-form.ts, src/host/engine.ts).
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { awaitingRegistration } from "../../src/host/addin";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { exportChangesLinearly } from "../../src/host/engine";
import { hostWorkbook } from "../../src/host/node";
import { openWorkbook } from "../../src/host/open";
import { altered, openFailure, xlsxFile } from "../helpers/xlsx-file";
import {
  calledFunctions,
  fromSavedForm,
  holdsSavedForm,
  toSavedForm,
} from "../../src/plans/saved-form";
import { writeWorkbook } from "../../src/export/xlsx";

const IDS = ["PARITY_AT", "MARGIN_EXPANSION", "VERSION"];

describe("the saved form of CNAI's calls", () => {
  test.each([
    ['=CNAI.PARITY_AT("2H25")', '=_xldudf_CNAI_PARITY_AT("2H25")'],
    ["=cnai.Parity_At(A1)*CNAI.VERSION()", "=_xldudf_CNAI_PARITY_AT(A1)*_xldudf_CNAI_VERSION()"],
    ["=CNAI.PARITY_AT (A1)", "=_xldudf_CNAI_PARITY_AT (A1)"],
    // Left as written: a name the add-in does not have, text, a quoted sheet name, a longer name.
    ["=CNAI.PARTY_AT(1)", "=CNAI.PARTY_AT(1)"],
    ['="CNAI.PARITY_AT(1)"&1', '="CNAI.PARITY_AT(1)"&1'],
    ["='CNAI.PARITY_AT('!A1", "='CNAI.PARITY_AT('!A1"],
    ["=XCNAI.PARITY_AT(1)", "=XCNAI.PARITY_AT(1)"],
    ["=CNAI.PARITY_AT", "=CNAI.PARITY_AT"],
  ])("%s is saved as %s", (formula, saved) => {
    expect(toSavedForm(formula, "CNAI", IDS)).toBe(saved);
  });

  test.each([
    ['=_xldudf_CNAI_PARITY_AT("2H25")', '=CNAI.PARITY_AT("2H25")', '=CNAI.PARITY_AT("2H25")'],
    ["=_XLDUDF_cnai_parity_at(1)", "=CNAI.PARITY_AT(1)", "=CNAI.PARITY_AT(1)"],
    ["=[2]!_xldudf_CNAI_PARITY_AT(1)", "=[2]!_xldudf_CNAI_PARITY_AT(1)", "=CNAI.PARITY_AT(1)"],
    ["=_xldudf_CNAI_PARTY_AT(1)", "=_xldudf_CNAI_PARTY_AT(1)", "=_xldudf_CNAI_PARTY_AT(1)"],
    ["=_xldudf_OTHER_F(1)", "=_xldudf_OTHER_F(1)", "=_xldudf_OTHER_F(1)"],
    ['="_xldudf_CNAI_VERSION()"', '="_xldudf_CNAI_VERSION()"', '="_xldudf_CNAI_VERSION()"'],
  ])("%s reads back as %s, with the external form %s", (saved, read, external) => {
    expect(fromSavedForm(saved, "CNAI", IDS)).toBe(read);
    expect(fromSavedForm(saved, "CNAI", IDS, { external: true })).toBe(external);
  });

  test("which CNAI names a formula calls, in either form; whether it holds a saved call", () => {
    expect(
      calledFunctions('=CNAI.PARITY_AT(1)+[1]!_xldudf_CNAI_PARTY_AT(2)&"CNAI.X("', "CNAI")
    ).toEqual(["PARITY_AT", "PARTY_AT"]);
    expect(holdsSavedForm("=_xldudf_cnai_anything(1)", "CNAI")).toBe(true);
    expect(holdsSavedForm('="_xldudf_CNAI_X(1)"', "CNAI")).toBe(false);
    expect(holdsSavedForm("=_xldudf_OTHER_F(1)", "CNAI")).toBe(false);
  });
});

describe("the host with functions Excel does not know yet", () => {
  test("a formula entered before registration stays #NAME? after it, until entered again", () => {
    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook } = hostWorkbook(addin.functions);
    workbook.setInput("Sheet1", "A1", '=CNAI.PARITY_AT("2H25")');
    workbook.setInput("Sheet1", "A2", "=A1*2");
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
    addin.register();
    workbook.calculate();
    expect(workbook.value("Sheet1", "A1")).toMatchObject({
      error: "#NAME?",
      message:
        "CNAI.PARITY_AT was not registered when this formula was entered; once it is, enter it again.",
    });
    // Entered after registration, the same formula computes; so does the stuck one, entered again.
    workbook.setInput("Sheet1", "B1", '=CNAI.PARITY_AT("2H25")');
    expect(workbook.value("Sheet1", "B1")).toBe(0.625);
    workbook.setInput("Sheet1", "A1", '=CNAI.PARITY_AT("2H25")');
    expect(workbook.value("Sheet1", "A1")).toBe(0.625);
    expect(workbook.value("Sheet1", "A2")).toBe(1.25);
  });

  test("a stuck formula stays #NAME? when a cell it reads changes after registration", () => {
    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook } = hostWorkbook(addin.functions);
    workbook.setInput("Sheet1", "B1", "2H25");
    workbook.setInput("Sheet1", "A1", "=CNAI.PARITY_AT(B1)");
    addin.register();
    // Recalculated, not entered again: still the function Excel did not know when it was entered.
    workbook.setInput("Sheet1", "B1", "1H27");
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
    workbook.setInput("Sheet1", "A1", "=CNAI.PARITY_AT(B1)");
    // 1H27: the 2026 Next-Gen generation's volume production, the middle of its 70–75%.
    expect(workbook.value("Sheet1", "A1")).toBe(0.725);
  });

  test("a stuck formula that would spill is one #NAME? cell; entered again, it spills", () => {
    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook } = hostWorkbook(addin.functions);
    workbook.setInput("Sheet1", "A1", '=CNAI.APPENDIX("tokens",FALSE)');
    addin.register();
    workbook.calculate();
    expect(workbook.spill("Sheet1", "A1")).toEqual({ rows: 1, columns: 1 });
    workbook.setInput("Sheet1", "A1", '=CNAI.APPENDIX("tokens",FALSE)');
    expect(workbook.spill("Sheet1", "A1")).toEqual({ rows: 3, columns: 5 });
  });

  test("functions that are always registered (the core's) never stick", () => {
    const { workbook } = hostWorkbook(CORE_FUNCTIONS);
    workbook.setInput("Sheet1", "A1", '=CNAI.PARITY_AT("2H25")');
    expect(workbook.value("Sheet1", "A1")).toBe(0.625);
  });

  test.each([
    '=_xldudf_CNAI_PARITY_AT("2H25")',
    '=[2]!_xldudf_CNAI_PARITY_AT("2H25")',
    "=_XLDUDF_OTHER_F(1)+1",
  ])("%s is a call of a function Excel does not know: #NAME?, the text as written", (formula) => {
    const { workbook } = hostWorkbook(CORE_FUNCTIONS);
    workbook.setInput("Sheet1", "A1", formula);
    expect(workbook.cell("Sheet1", "A1")).toMatchObject({
      input: formula,
      value: { error: "#NAME?" },
    });
  });
});

describe("opening an .xlsx", () => {
  test("sheets in order with their visibility; cells as their types; number formats", async () => {
    const bytes = await xlsxFile((book) => {
      const first = book.addWorksheet("First");
      first.getCell("A1").value = "2027"; // text that reads like a number stays text
      first.getCell("B1").value = 0.3;
      first.getCell("B1").numFmt = "0%";
      first.getCell("C1").value = true;
      first.getCell("D1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      first.getCell("E1").value = new Date(Date.UTC(2025, 9, 1));
      first.getCell("E1").numFmt = "yyyy-mm-dd";
      first.getCell("A2").value = { formula: "B1*2", result: 0.6 } as ExcelJS.CellFormulaValue;
      book.addWorksheet("Hidden", { state: "hidden" }).getCell("A1").value = 1;
      book.addWorksheet("Very", { state: "veryHidden" }).getCell("A1").value = 2;
    });
    const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(workbook.worksheets().map((s) => [s.name, s.visibility])).toEqual([
      ["First", "Visible"],
      ["Hidden", "Hidden"],
      ["Very", "VeryHidden"],
    ]);
    expect(workbook.value("First", "A1")).toBe("2027");
    expect(workbook.cell("First", "B1")).toMatchObject({ value: 0.3, display: "30%" });
    expect(workbook.value("First", "C1")).toBe(true);
    expect(workbook.value("First", "D1")).toMatchObject({ error: "#N/A" });
    expect(workbook.cell("First", "E1")).toMatchObject({ value: 45931, display: "2025-10-01" });
    expect(workbook.cell("First", "A2")).toMatchObject({ input: "=B1*2", value: 0.6 });
  });

  test("CNAI's own export reads back: saved calls as CNAI's when registered, spills from their anchors", async () => {
    const { workbook: made } = hostWorkbook(CORE_FUNCTIONS);
    made.setInput("Sheet1", "A1", '=CNAI.PARITY_AT("2H25")');
    made.setInput("Sheet1", "A3", '=CNAI.APPENDIX("tokens",FALSE)');
    const { bytes } = await writeWorkbook(made, { valuesOnly: false });

    const { workbook: opened } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(opened.cell("Sheet1", "A1")).toMatchObject({
      input: '=CNAI.PARITY_AT("2H25")',
      value: 0.625,
    });
    expect(opened.spill("Sheet1", "A3")).toEqual({ rows: 3, columns: 5 });
    expect(opened.cell("Sheet1", "B4").spilledFrom).toBe("A3");

    const addin = awaitingRegistration(CORE_FUNCTIONS);
    const { workbook: early } = await openWorkbook(bytes, addin.functions);
    expect(early.cell("Sheet1", "A1")).toMatchObject({
      input: '=_xldudf_CNAI_PARITY_AT("2H25")',
      value: { error: "#NAME?" },
    });
  });

  test("the linear listing patches a change list once, and leaves an engine without one as it is", () => {
    // A change list of the shape HyperFormula 3.5 has: its own class, so its prototype is fresh.
    class Changes {
      readonly changes = new Map<string, unknown>([
        ["a", [1, 2]],
        ["b", 3],
      ]);
      // Unpatched, each change's cells stay a list of their own.
      exportChanges(exporter: { exportChange(change: unknown): unknown }): unknown[] {
        return [...this.changes.values()].map((change) => exporter.exportChange(change));
      }
    }
    const list = new Changes();
    const exporter = { exportChange: (change: unknown) => change };
    expect(list.exportChanges(exporter)).toEqual([[1, 2], 3]);
    const engine = { _crudOperations: { operations: { changes: list } } };
    expect(exportChangesLinearly(engine)).toBe(true);
    expect(list.exportChanges(exporter)).toEqual([1, 2, 3]);
    expect(exportChangesLinearly(engine)).toBe(true);
    expect(exportChangesLinearly({})).toBe(false);
    expect(exportChangesLinearly({ _crudOperations: { operations: { changes: {} } } })).toBe(false);
  });

  test("the engine lists a recalculation's changes in linear time, as HyperFormula lists them", () => {
    const { workbook } = hostWorkbook(CORE_FUNCTIONS);
    // Patched when the workbook was made: a HyperFormula whose internals moved fails here.
    expect(exportChangesLinearly(workbook.engine)).toBe(true);
    const sheet = workbook.engine.getSheetId("Sheet1") as number;
    const changes = workbook.engine.batch(() => {
      workbook.engine.setCellContents({ sheet, row: 0, col: 0 }, [[1, "={10,20}"]]);
      workbook.engine.setCellContents({ sheet, row: 1, col: 0 }, "=A1*2");
    });
    // A1, then the array's cells B1:C1 (one change each), then A2: every cell once, in order.
    expect(
      changes.map((c) => [(c as { address: { row: number; col: number } }).address, c.newValue])
    ).toEqual([
      [{ sheet, row: 0, col: 0 }, 1],
      [{ sheet, row: 0, col: 1 }, 10],
      [{ sheet, row: 0, col: 2 }, 20],
      [{ sheet, row: 1, col: 0 }, 2],
    ]);
  });
});

describe("opening a damaged .xlsx: errors that name the part, the other formulas kept", () => {
  /** A small file as exceljs writes it: text (a shared string), a number, formulas. */
  const sample = () =>
    xlsxFile((workbook) => {
      const sheet = workbook.addWorksheet("Data");
      sheet.getCell("A1").value = "Revenue";
      sheet.getCell("B1").value = 3;
      sheet.getCell("B2").value = { formula: "B1*2", result: 6 } as ExcelJS.CellFormulaValue;
    });

  test.each([
    [
      "[Content_Types].xml",
      "The file has no [Content_Types].xml part, which holds the types of the package's parts.",
    ],
    ["_rels/.rels", "The file has no _rels/.rels part, which holds the package's relationships."],
    [
      "xl/workbook.xml",
      "The file has no xl/workbook.xml part, which holds the workbook: its sheets.",
    ],
    [
      "xl/_rels/workbook.xml.rels",
      "The file has no xl/_rels/workbook.xml.rels part, which holds where the workbook's sheets and strings are.",
    ],
    [
      "xl/worksheets/sheet1.xml",
      'The file has no xl/worksheets/sheet1.xml part, which holds the sheet "Data".',
    ],
    [
      "xl/sharedStrings.xml",
      "The file has no xl/sharedStrings.xml part, which holds the text of the text cells.",
    ],
    ["xl/styles.xml", "The file has no xl/styles.xml part, which holds the cells' number formats."],
  ])("without %s: an OpenError naming it", async (part, message) => {
    const bytes = await altered(await sample(), (zip) => void zip.remove(part));
    const error = await openFailure(bytes);
    expect(error.message).toBe(message);
    expect(error.part).toBe(part);
  });

  test("attributes in single quotes, with white space around =, read as XML allows", async () => {
    const bytes = await altered(await sample(), async (zip) => {
      for (const part of ["xl/workbook.xml", "xl/worksheets/sheet1.xml"]) {
        const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
        const quoted = xml.replace(/([\w:]+)="([^"']*)"/g, "$1 = '$2'");
        expect(quoted).not.toBe(xml);
        zip.file(part, quoted);
      }
    });
    const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(workbook.sheets()).toEqual(["Data"]);
    expect([workbook.value("Data", "A1"), workbook.value("Data", "B2")]).toEqual(["Revenue", 6]);
  });

  test("shared strings neither there nor listed: text cells are an error, never 0", async () => {
    const bytes = await altered(await sample(), async (zip) => {
      zip.remove("xl/sharedStrings.xml");
      const rels = zip.file("xl/_rels/workbook.xml.rels") as JSZip.JSZipObject;
      const xml = await rels.async("string");
      const without = xml.replace(/<Relationship\b[^>]*sharedStrings[^>]*\/>/, "");
      expect(without).not.toBe(xml);
      zip.file("xl/_rels/workbook.xml.rels", without);
    });
    const error = await openFailure(bytes);
    expect(error.message).toBe(
      'The sheet "Data" has text in A1, but the file has no shared strings part (xl/sharedStrings.xml) to hold it.'
    );
    expect(error.part).toBe("xl/sharedStrings.xml");
  });

  test("a sheet whose relationship is gone names the relationships part", async () => {
    const bytes = await altered(await sample(), async (zip) => {
      const rels = zip.file("xl/_rels/workbook.xml.rels") as JSZip.JSZipObject;
      const xml = await rels.async("string");
      zip.file(
        "xl/_rels/workbook.xml.rels",
        xml.replace(/<Relationship\b[^>]*worksheet[^>]*\/>/, "")
      );
    });
    const error = await openFailure(bytes);
    expect(error.message).toMatch(
      /^The sheet "Data" has no relationship rId\d+ in xl\/_rels\/workbook\.xml\.rels: /
    );
    expect(error.part).toBe("xl/_rels/workbook.xml.rels");
  });

  test.each(["sheet&#49;.xml", "sheet&#x31;.xml"])(
    "character references in the file's attributes read as XML reads them: %s",
    async (target) => {
      const bytes = await altered(await sample(), async (zip) => {
        const rels = zip.file("xl/_rels/workbook.xml.rels") as JSZip.JSZipObject;
        const xml = await rels.async("string");
        const referenced = xml.replace(
          'Target="worksheets/sheet1.xml"',
          `Target="worksheets/${target}"`
        );
        expect(referenced).not.toBe(xml);
        zip.file("xl/_rels/workbook.xml.rels", referenced);
      });
      const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
      expect([workbook.value("Data", "A1"), workbook.value("Data", "B2")]).toEqual(["Revenue", 6]);
    }
  );

  test("a workbook part that is not XML: an OpenError saying the file could not be read", async () => {
    const bytes = await altered(await sample(), async (zip) => {
      const part = zip.file("xl/workbook.xml") as JSZip.JSZipObject;
      const xml = await part.async("string");
      zip.file("xl/workbook.xml", xml.replace("</workbook>", "</workbook"));
    });
    const error = await openFailure(bytes);
    expect(error.message).toMatch(/^The file could not be read as an \.xlsx workbook: ./);
  });

  test("bytes that are not a zip: an OpenError, not a reader's exception", async () => {
    const error = await openFailure(new TextEncoder().encode("Revenue,3\n"));
    expect(error.message).toMatch(
      /^The file is not an \.xlsx workbook: it is not a zip package \(/
    );
  });

  test("one formula Excel cannot parse: the others are kept, the cell keeps its saved value and is named", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("My data");
    sheet.getCell("A1").value = 4;
    sheet.getCell("A2").value = { formula: "SUM(1,", result: 1 } as ExcelJS.CellFormulaValue;
    sheet.getCell("A3").value = { formula: "A1+1", result: 5 } as ExcelJS.CellFormulaValue;
    sheet.getCell("A4").value = { formula: "A3*2", result: 10 } as ExcelJS.CellFormulaValue;
    sheet.getCell("A5").value = { formula: "1+*2" } as ExcelJS.CellFormulaValue;
    sheet.getCell("A6").value = { formula: '"open', result: "open" } as ExcelJS.CellFormulaValue;
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const opened = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(opened.problems).toEqual([
      "'My data'!A2: Excel cannot parse the formula =SUM(1, (kept its saved value, 1).",
      "'My data'!A5: Excel cannot parse the formula =1+*2 (left empty: the file saved no value with it).",
      `'My data'!A6: Excel cannot parse the formula ="open (kept its saved value, "open").`,
    ]);
    const book = opened.workbook;
    // 4 + 1 = 5, 5 × 2 = 10: computed again, not just cached.
    book.setInput("My data", "A1", "6");
    expect(book.cell("My data", "A3")).toMatchObject({ input: "=A1+1", value: 7 });
    expect(book.cell("My data", "A4")).toMatchObject({ input: "=A3*2", value: 14 });
    expect(book.cell("My data", "A2")).toMatchObject({ input: "1", value: 1 });
    expect(book.cell("My data", "A5")).toMatchObject({ input: "", value: null });
    expect(book.value("My data", "A6")).toBe("open");
  });

  test("an intact file opens with no problems", async () => {
    const opened = await openWorkbook(await sample(), CORE_FUNCTIONS);
    expect(opened.problems).toEqual([]);
    expect(opened.workbook.value("Data", "A1")).toBe("Revenue");
    expect(opened.workbook.value("Data", "B2")).toBe(6);
  });
});
