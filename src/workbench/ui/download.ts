/* global Blob, HTMLElement, HTMLInputElement, URL, setTimeout */
/**
 * "Download .xlsx": the workbook as the analyst has it here — the pane's plans for what CNAI laid
 * out, every cell as written and computed by the add-in's own functions — written by the same
 * export as `npm run workbook` (src/export/). exceljs loads on the first click, in its own chunk.
 */
import type { WorkbookState } from "../../plans/plan";
import type { ExportBook } from "../../export/xlsx";
import type { Builder } from "../../taskpane/ui/dom";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The workbook the page shows: the workbench's engine. */
export type DownloadBook = ExportBook & { state(): WorkbookState };

/** The file's bytes and a sentence on what it holds; what the button does, for tests too. */
export async function workbookFile(
  book: DownloadBook,
  valuesOnly: boolean
): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer>; said: string }> {
  const [{ writeWorkbook }, { currentPlans }] = await Promise.all([
    import("../../export/xlsx"),
    import("../../export/plans"),
  ]);
  const { bytes, summary } = await writeWorkbook(currentPlans(book.state()), book, { valuesOnly });
  const name = valuesOnly ? "CNAI workbook (values).xlsx" : "CNAI workbook.xlsx";
  const what = valuesOnly ? "values only" : `${summary.formulas} formulas with their values`;
  const sheets = summary.sheets.length;
  return {
    name,
    bytes,
    said: `Downloaded ${name}: ${sheets} ${sheets === 1 ? "sheet" : "sheets"}, ${what} (${(bytes.length / 1024).toFixed(1)} kB).`,
  };
}

/** The button, the "values only" choice and a status line, for the app bar. */
export function renderDownload(h: Builder, book: DownloadBook): HTMLElement {
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
      const { name, bytes, said } = await workbookFile(book, valuesOnly.checked);
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
