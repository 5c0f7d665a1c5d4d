/* global Blob, HTMLElement, HTMLInputElement, URL, setTimeout */
/**
 * "Download .xlsx": the page's workbook as the analyst has it — the Excel host's workbook, with
 * what the pane's actions laid out and every edit since, each cell as written and as computed by the
 * add-in's own functions — saved by the same export as `npm run workbook` (src/export/xlsx.ts).
 * exceljs loads on the first click, in its own chunk.
 */
import type { HostWorkbook } from "../../host/workbook";
import type { Builder } from "../../taskpane/ui/dom";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file's bytes and a sentence on what it holds; what the button does, for tests too. */
export async function workbookFile(
  workbook: HostWorkbook,
  valuesOnly: boolean
): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer>; said: string }> {
  const { replacedSentence, writeWorkbook } = await import("../../export/xlsx");
  const { bytes, summary } = await writeWorkbook(workbook, { valuesOnly });
  const name = valuesOnly ? "CNAI workbook (values).xlsx" : "CNAI workbook.xlsx";
  const what = valuesOnly ? "values only" : `${summary.formulas} formulas with their values`;
  const sheets = summary.sheets.length;
  return {
    name,
    bytes,
    said: [
      `Downloaded ${name}: ${sheets} ${sheets === 1 ? "sheet" : "sheets"}, ${what} (${(bytes.length / 1024).toFixed(1)} kB).`,
      replacedSentence(summary),
    ]
      .filter(Boolean)
      .join(" "),
  };
}

/** The button, the "values only" choice and a status line, for the app bar. */
export function renderDownload(h: Builder, workbook: HostWorkbook): HTMLElement {
  const valuesOnly = h("input", {
    type: "checkbox",
    id: "wb-download-values",
    class: "wb-download-values",
  }) as HTMLInputElement;
  const button = h(
    "button",
    {
      type: "button",
      id: "wb-download",
      class: "wb-download",
      title:
        "This workbook as an .xlsx file, written with exceljs: CNAI's formulas with their values, or values only",
    },
    "Download .xlsx"
  );
  const status = h("span", {
    class: "wb-download-status",
    id: "wb-download-status",
    role: "status",
  });
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    status.textContent = "Writing the .xlsx…";
    try {
      const { name, bytes, said } = await workbookFile(workbook, valuesOnly.checked);
      const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
      const link = h("a", { href: url, download: name, hidden: true });
      h.document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = said;
    } catch (error) {
      status.textContent = `The .xlsx could not be written: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.removeAttribute("disabled");
    }
  });
  return h(
    "span",
    { class: "wb-download-controls" },
    button,
    h("label", { for: "wb-download-values" }, valuesOnly, " values only"),
    status
  );
}
