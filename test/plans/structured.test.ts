/**
 * Structured references resolved to the ranges they stand for (src/plans/structured.ts), for
 * engines that know no tables: the host's HyperFormula, the workbench. Each expected range worked
 * by hand from the table's place and size.
 */
import { TableLocation, resolveStructuredReferences } from "../../src/plans/structured";

describe("resolveStructuredReferences", () => {
  const tables: TableLocation[] = [
    {
      name: "TokenEconomics",
      sheet: "Token Economics",
      at: "A4",
      columns: ["Metric", "Unit", "Q1 2025", "Q1 2026", "2027E"],
      rowCount: 3,
    },
    {
      name: "ChipParity",
      sheet: "Chip Parity",
      at: "A4",
      columns: [
        "Generation",
        "Parity low",
        "Parity high",
        "Open-ended",
        "Architecture",
        "Node (nm)",
        "Volume production (label)",
        "Volume production (date)",
      ],
      rowCount: 3,
    },
    { name: "Odd", sheet: "Data", at: "C10", columns: ["#Units", "Rate [%]", "It's"], rowCount: 2 },
    { name: "Empty", sheet: "Data", at: "A1", columns: ["Only"], rowCount: 0 },
    { name: "利润表", sheet: "数据", at: "B2", columns: ["收入"], rowCount: 2 },
  ];
  const te = "'Token Economics'!";

  test.each([
    // The forms the model sheet uses.
    ["=TokenEconomics[Q1 2026]", `=${te}$D$5:$D$7`],
    ["=SUM(TokenEconomics[[Q1 2026]])", `=SUM(${te}$D$5:$D$7)`],
    ["=ChipParity[Parity low]", "='Chip Parity'!$B$5:$B$7"],
    ["=ChipParity[Volume production (date)]", "='Chip Parity'!$H$5:$H$7"],
    [
      '=INDEX(TokenEconomics[Q1 2026], MATCH("Inference Tokens", TokenEconomics[Metric], 0))',
      `=INDEX(${te}$D$5:$D$7, MATCH("Inference Tokens", ${te}$A$5:$A$7, 0))`,
    ],
    // Case-insensitive, as in Excel.
    ["=tokeneconomics[q1 2026]", `=${te}$D$5:$D$7`],
    ["=TOKENECONOMICS[METRIC]", `=${te}$A$5:$A$7`],
    // Text in quotes and quoted sheet names are never rewritten.
    ['="TokenEconomics[Metric]"', '="TokenEconomics[Metric]"'],
    [
      '=CONCAT("say ""TokenEconomics[Metric]""", TokenEconomics[Unit])',
      `=CONCAT("say ""TokenEconomics[Metric]""", ${te}$B$5:$B$7)`,
    ],
    [
      "='It''s TokenEconomics'!A1+TokenEconomics[Unit]",
      `='It''s TokenEconomics'!A1+${te}$B$5:$B$7`,
    ],
    [`='5" disks'!A1+TokenEconomics[Unit]`, `='5" disks'!A1+${te}$B$5:$B$7`],
    // Unknown tables and columns stay as written.
    ["=Nope[Metric]", "=Nope[Metric]"],
    ["=TokenEconomics[Q2 2026]+TokenEconomics[Unit]", `=TokenEconomics[Q2 2026]+${te}$B$5:$B$7`],
    ["=XTokenEconomics[Metric]", "=XTokenEconomics[Metric]"],
    // Spans, specifiers, the whole table.
    ["=TokenEconomics[[Q1 2025]:[2027E]]", `=${te}$C$5:$E$7`],
    // A span written last column first is the same columns.
    ["=TokenEconomics[[2027E]:[Q1 2025]]", `=${te}$C$5:$E$7`],
    // A span's end must be in brackets too.
    ["=TokenEconomics[[Metric]:XUnit]", "=TokenEconomics[[Metric]:XUnit]"],
    ["=TokenEconomics[]", `=${te}$A$5:$E$7`],
    ["=TokenEconomics[#Headers]", `=${te}$A$4:$E$4`],
    ["=TokenEconomics[[#Headers], [Metric]]", `=${te}$A$4:$A$4`],
    ["=TokenEconomics[[#All],[Unit]]", `=${te}$B$4:$B$7`],
    ["=TokenEconomics[[#Data],[Unit]]", `=${te}$B$5:$B$7`],
    // What depends on the formula's row, or is not there, stays as written.
    ["=TokenEconomics[@Metric]", "=TokenEconomics[@Metric]"],
    ["=TokenEconomics[[#This Row],[Metric]]", "=TokenEconomics[[#This Row],[Metric]]"],
    ["=TokenEconomics[#Totals]", "=TokenEconomics[#Totals]"],
    ["=TokenEconomics[@[Q1 2026]]", "=TokenEconomics[@[Q1 2026]]"],
    // Two separate columns are not one range.
    ["=TokenEconomics[[Metric],[Unit]]", "=TokenEconomics[[Metric],[Unit]]"],
    // Excel's ' escapes in column names; a sheet name that needs no quotes.
    ["=Odd[['#Units]]", "=Data!$C$11:$C$12"],
    ["=Odd[Rate '[%']]", "=Data!$D$11:$D$12"],
    ["=Odd[It''s]", "=Data!$E$11:$E$12"],
    // Excel keeps one data row in an empty table.
    ["=Empty[Only]", "=Data!$A$2:$A$2"],
    // Formulas without structured references are untouched.
    [
      '=CNAI.PARITY_AT(A2:A20,{"low","mid","high"})',
      '=CNAI.PARITY_AT(A2:A20,{"low","mid","high"})',
    ],
    ["=SUM(TokenEconomics[Metric", "=SUM(TokenEconomics[Metric"],
    // A formula the tokenizer cannot read is left whole, references and all.
    ['="open text & TokenEconomics[Metric]', '="open text & TokenEconomics[Metric]'],
    // A table's name is a name of any script, as in Excel.
    ["=SUM(利润表[收入])", "=SUM('数据'!$B$3:$B$4)"],
    // A name, then white space, then brackets: no reference to resolve (Excel reads an intersection).
    ["=TokenEconomics [Metric]", "=TokenEconomics [Metric]"],
    // Brackets before "!" are a workbook, not a table's column.
    ["=[Book2.xlsx]Sheet1!A1+TokenEconomics[Unit]", `=[Book2.xlsx]Sheet1!A1+${te}$B$5:$B$7`],
    // After the first resolved reference, the next is read at once after it.
    ["=TokenEconomics[Unit]&TokenEconomics[Metric]", `=${te}$B$5:$B$7&${te}$A$5:$A$7`],
  ])("%s → %s", (formula, expected) => {
    expect(resolveStructuredReferences(formula, tables)).toBe(expected);
  });

  test("with no tables, nothing changes", () => {
    expect(resolveStructuredReferences("=TokenEconomics[Metric]", [])).toBe(
      "=TokenEconomics[Metric]"
    );
  });
});
