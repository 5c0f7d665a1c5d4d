/**
 * An outside reader: Debian's LibreOffice (`libreoffice-calc`, which .ci/run installs) opens both
 * files `npm run workbook` writes (the pane's build on the Excel host, saved with exceljs) headless
 * and writes every sheet as CSV. LibreOffice has no CNAI functions, and the file writes CNAI's calls
 * in the form Excel saves an add-in's functions in (`_xldudf_CNAI_MARGIN_EXPANSION(…)`, which
 * LibreOffice does not know either); what it shows of such a formula is the value the file caches.
 * The numbers expected are the note's, worked by hand.
 *
 * LibreOffice recalculates array formulas when it loads a file, whatever it does with the others:
 * in the formula file the spilled CNAI results (timeline, grid) show #NAME? there. The --values
 * file is the one for readers without CNAI, and shows them all.
 */
import JSZip from "jszip";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { MODEL_CELLS, MODEL_SHEET } from "../../src/plans/model";
import { modelWorkbook } from "../../src/export/model";
import { writeWorkbook } from "../../src/export/xlsx";
import { SOFFICE_TIMEOUT_MS, at, convertToCsv, readCsv } from "../helpers/soffice";
import { GOOD, xmlCharsWorkbook } from "../helpers/xml-chars";

/** A number as shown: "9.99%" → 0.0999, "$1,800,000" → 1800000, "12.0x" → 12. */
const shownNumber = (text: string | undefined) => {
  const digits = Number(String(text).replace(/[$,x]/g, "").replace(/%$/, ""));
  return String(text).endsWith("%") ? digits / 100 : digits;
};

describe("LibreOffice opens the exported files", () => {
  const folder = mkdtempSync(join(tmpdir(), "cnai-soffice-"));
  let sheets: Record<"formulas" | "values", Record<string, string[][]>>;
  let odd: string[][];
  let formulaBytes = new Uint8Array();

  beforeAll(async () => {
    const book = await modelWorkbook();
    for (const valuesOnly of [false, true]) {
      const { bytes } = await writeWorkbook(book, { valuesOnly });
      if (!valuesOnly) formulaBytes = bytes;
      writeFileSync(join(folder, valuesOnly ? "values.xlsx" : "formulas.xlsx"), bytes);
    }
    writeFileSync(join(folder, "odd.xlsx"), (await xmlCharsWorkbook()).bytes);
    convertToCsv(folder, ["formulas", "values", "odd"]);
    odd = readCsv(join(folder, "odd-Sheet1.csv"));
    const read = (name: string) =>
      Object.fromEntries(
        ["Chip Parity", "Token Economics", MODEL_SHEET].map((sheet) => [
          sheet,
          readCsv(join(folder, `${name}-${sheet}.csv`)),
        ])
      );
    sheets = { formulas: read("formulas"), values: read("values") };
  }, SOFFICE_TIMEOUT_MS + 20_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test("the formulas file LibreOffice reads holds CNAI's calls as Excel saves them", async () => {
    const zip = await JSZip.loadAsync(formulaBytes);
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
        .map((name) => (zip.file(name) as JSZip.JSZipObject).async("string"))
    );
    const xml = parts.join("");
    expect(xml).toContain("<f>_xldudf_CNAI_MARGIN_EXPANSION(");
    expect(xml).not.toMatch(/<f>[^<]*(?<!_)CNAI\./);
  });

  test.each(["formulas", "values"] as const)(
    "the %s file shows the note's numbers: margin expansion 0.0999, parity 0.625",
    (file) => {
      const model = sheets[file][MODEL_SHEET];
      expect(at(model, "A1")).toBe("CNAI model: China's AI stack");
      // What the reader sees, under the model's number formats.
      expect(at(model, MODEL_CELLS.marginExpansion)).toBe("9.99%");
      expect(at(model, MODEL_CELLS.parityAtDate)).toBe("62.5%");
      expect(at(model, MODEL_CELLS.marginAfter)).toBe("74.0%");
      expect(at(model, MODEL_CELLS.integratedMultiple)).toBe("12.0x");
      // The numbers behind, as far as the formats show them: 0.36 × (1 − 0.85²) = 0.0999.
      expect(shownNumber(at(model, MODEL_CELLS.marginExpansion))).toBeCloseTo(0.0999, 12);
      expect(shownNumber(at(model, MODEL_CELLS.parityAtDate))).toBe(0.625);
      // The reconciliation's INDEX/MATCH on TokenEconomics[...] columns, cached too:
      // TOKEN_REVENUE(60, 0.03) = 60 trillion tokens × $0.03 per million.
      expect(at(model, MODEL_CELLS.impliedRevenue)).toBe("$1,800,000");
      expect(shownNumber(at(model, MODEL_CELLS.impliedRevenue))).toBe(1.8e6);
      // The tables, as the note prints them.
      const tokens = sheets[file]["Token Economics"];
      expect(tokens[3]).toEqual(["Metric", "Unit", "Q1 2025", "Q1 2026", "2027E"]);
      expect(tokens[4]).toEqual(["AI Cloud Revenue", "$bn", "$0.8bn", "$1.6bn", "$4.5bn"]);
      expect(sheets[file]["Chip Parity"][4].slice(0, 3)).toEqual(["2025 Leading", "60%", "65%"]);
    }
  );

  test("the values file shows the spilled results too: the timeline and the sensitivity grid", () => {
    const model = sheets.values[MODEL_SHEET];
    // PARITY_AT("2H25", "mid") = 62.5%; the grid's first cell: a 56% start margin and a 5% annual
    // unit-cost decline over two years, 0.44 × (1 − 0.95²) = 4.29%.
    expect(at(model, MODEL_CELLS.timelineFirstMid)).toBe("62.5%");
    expect(at(model, MODEL_CELLS.gridFirstCell)).toBe("4.3%");
    expect(model.flat().filter((v) => v.startsWith("#"))).toEqual([]);
  });

  test("it reads the file of characters XML forbids with the other text cells intact", () => {
    for (const [a1, text] of GOOD.filter(([a1]) => a1 !== "B8")) expect(at(odd, a1)).toBe(text);
    expect(at(odd, "A2")).toBe("before\uFFFDafter");
  });
});
