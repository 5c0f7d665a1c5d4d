/**
 * Opening an .xlsx (src/host/open.ts) as the Open Packaging Conventions write it, beyond what
 * exceljs itself writes: relationship targets relative with "." and "..", from the root, or
 * external; relationships listed in another order or without a type; the relationships
 * namespace under another prefix; escaped names; and what the opened workbook holds — rich text as
 * its text, number formats only where the file sets one, array formulas beside plain cells.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { CORE_FUNCTIONS } from "../../src/host/core-functions";
import { openWorkbook } from "../../src/host/open";
import { altered, openFailure, xlsxFile } from "../helpers/xlsx-file";

const RELS = "xl/_rels/workbook.xml.rels";
const TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A sheet "Data": A1 "Revenue" (a shared string), B1 3. */
const sample = () =>
  xlsxFile((book) => {
    const sheet = book.addWorksheet("Data");
    sheet.getCell("A1").value = "Revenue";
    sheet.getCell("B1").value = 3;
  });

/** `bytes` with each named part's text rewritten by `edit`, which must change it. */
const rewritten = (bytes: Uint8Array, edits: Record<string, (xml: string) => string>) =>
  altered(bytes, async (zip) => {
    for (const [part, edit] of Object.entries(edits)) {
      const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
      const changed = edit(xml);
      expect(changed).not.toBe(xml);
      zip.file(part, changed);
    }
  });

const opensAsSample = async (bytes: Uint8Array) => {
  const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
  expect(workbook.sheets()).toEqual(["Data"]);
  expect([workbook.value("Data", "A1"), workbook.value("Data", "B1")]).toEqual(["Revenue", 3]);
};

describe("relationship targets, as the packaging conventions allow them", () => {
  test('"..", "." and doubled slashes resolve against the workbook\'s folder, "/" from the root: a sheet so named is refused in words, not lost', async () => {
    // Every part is found where the targets point; exceljs follows only the form Excel writes, and
    // would leave the sheet out without a word.
    const bytes = await rewritten(await sample(), {
      [RELS]: (xml) =>
        xml
          .replace('Target="worksheets/sheet1.xml"', 'Target="../xl/./worksheets//sheet1.xml"')
          .replace('Target="styles.xml"', 'Target="/xl/styles.xml"')
          .replace('Target="sharedStrings.xml"', 'Target="./sharedStrings.xml"'),
    });
    const error = await openFailure(bytes);
    expect(error.message).toBe(
      'The sheet "Data" (xl/worksheets/sheet1.xml) could not be read: the workbook names its part in a form Excel accepts and this host\'s reader does not follow (relationship rId4, target "../xl/./worksheets//sheet1.xml").'
    );
    expect(error.part).toBe("xl/worksheets/sheet1.xml");
  });

  test("a sheet so named beside one named as Excel writes it: that one is refused, not the file opened without it", async () => {
    const bytes = await rewritten(
      await xlsxFile((book) => {
        book.addWorksheet("Data").getCell("A1").value = 1;
        book.addWorksheet("Other").getCell("A1").value = 2;
      }),
      {
        [RELS]: (xml) =>
          xml.replace('Target="worksheets/sheet2.xml"', 'Target="../xl/worksheets/sheet2.xml"'),
      }
    );
    const error = await openFailure(bytes);
    expect(error.message).toMatch(
      /^The sheet "Other" \(xl\/worksheets\/sheet2\.xml\) could not be read/
    );
  });

  test('styles and strings named from the root ("/xl/styles.xml") or through "./" open', async () => {
    const bytes = await rewritten(await sample(), {
      [RELS]: (xml) =>
        xml
          .replace('Target="styles.xml"', 'Target="/xl/styles.xml"')
          .replace('Target="sharedStrings.xml"', 'Target="./sharedStrings.xml"'),
    });
    await opensAsSample(bytes);
  });

  test("the workbook is the package's officeDocument relationship, wherever it is listed", async () => {
    const bytes = await rewritten(await sample(), {
      "_rels/.rels": (xml) => {
        const document = /<Relationship [^>]*officeDocument[^>]*\/>/.exec(xml)?.[0] as string;
        return xml.replace(document, "").replace("</Relationships>", `${document}</Relationships>`);
      },
    });
    await opensAsSample(bytes);
  });

  test("a package that names no officeDocument is read from xl/workbook.xml", async () => {
    const bytes = await rewritten(await sample(), {
      "_rels/.rels": (xml) => xml.replace(/<Relationship [^>]*officeDocument[^>]*\/>/, ""),
    });
    await opensAsSample(bytes);
  });

  test("an external target is not a part; a relationship without a type is passed over", async () => {
    const bytes = await rewritten(await sample(), {
      [RELS]: (xml) =>
        xml.replace(
          "</Relationships>",
          `<Relationship Id="rId8" Type="${TYPE}/styles" Target="https://example.invalid/styles.xml" TargetMode="External"/>` +
            `<Relationship Id="rId9" Target="custom.xml"/></Relationships>`
        ),
    });
    await opensAsSample(bytes);
  });

  test("the relationships namespace under another prefix: the sheet is found, and refused in words; the sheet's id missing", async () => {
    const prefixed = await rewritten(await sample(), {
      "xl/workbook.xml": (xml) =>
        xml.replace("xmlns:r=", "xmlns:rel=").replace(" r:id=", " rel:id="),
    });
    expect((await openFailure(prefixed)).message).toBe(
      'The sheet "Data" (xl/worksheets/sheet1.xml) could not be read: the workbook names its part in a form Excel accepts and this host\'s reader does not follow (relationship rId4, target "worksheets/sheet1.xml").'
    );

    const missing = await rewritten(await sample(), {
      "xl/workbook.xml": (xml) => xml.replace(/ r:id="rId\d+"/, ""),
    });
    expect((await openFailure(missing)).message).toBe(
      `The sheet "Data" has no relationship (no r:id) in ${RELS}: the file does not say which part holds it.`
    );
  });

  test("an OpenError says it is one by name", async () => {
    const error = await openFailure(new Uint8Array([1, 2, 3]));
    expect(error.name).toBe("OpenError");
    expect(error.message).toMatch(/^The file is not an \.xlsx workbook: it is not a zip package/);
  });
});

describe("what an opened file holds", () => {
  test("a sheet named with an escaped character (R&D) opens under its name", async () => {
    const bytes = await xlsxFile((book) => {
      book.addWorksheet("R&D").getCell("A1").value = "Revenue";
    });
    const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(workbook.sheets()).toEqual(["R&D"]);
    expect(workbook.value("R&D", "A1")).toBe("Revenue");
  });

  test("rich text is its text, the runs joined", async () => {
    const bytes = await xlsxFile((book) => {
      book.addWorksheet("Data").getCell("A1").value = {
        richText: [{ text: "Reve" }, { font: { bold: true }, text: "nue" }],
      };
    });
    const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(workbook.value("Data", "A1")).toBe("Revenue");
  });

  test("a number format is set only where the file sets one other than General", async () => {
    const bytes = await xlsxFile((book) => {
      const sheet = book.addWorksheet("Data");
      sheet.getCell("A1").value = 0.3;
      sheet.getCell("A1").numFmt = "0%";
      sheet.getCell("B1").value = 2;
      sheet.getCell("C1").value = 4;
      sheet.getCell("C1").numFmt = "General";
    });
    const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect([...workbook.sheet("Data").formats.values()]).toEqual(["0%"]);
    expect(workbook.cell("Data", "C1")).toMatchObject({ value: 4, display: "4" });
  });

  test("a plain cell left of an array formula on the same row is itself, not part of the spill", async () => {
    const bytes = await xlsxFile((book) => {
      const sheet = book.addWorksheet("Data");
      [1, 2].forEach((v, j) => (sheet.getCell(1, j + 1).value = v));
      sheet.getCell("A3").value = "before";
      sheet.getCell("C3").value = {
        formula: "$A$1:$B$1*10",
        result: 10,
        shareType: "array",
        ref: "C3:D3",
      } as unknown as ExcelJS.CellFormulaValue;
      sheet.getCell("D3").value = 999;
    });
    const { workbook } = await openWorkbook(bytes, CORE_FUNCTIONS);
    expect(["A3", "C3", "D3"].map((a1) => workbook.value("Data", a1))).toEqual(["before", 10, 20]);
  });
});
