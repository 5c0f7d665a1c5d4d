/* global document, HTMLElement, Office */
/** The task pane. It shares its runtime with the custom functions (manifest: lifetime="long"). */
import { CATALOG, NAMESPACE, VERSION } from "../core";

function listFunctions(list: HTMLElement): void {
  for (const def of CATALOG) {
    const item = document.createElement("li");
    const name = document.createElement("code");
    name.textContent = `${NAMESPACE}.${def.name}`;
    item.append(name, ` — ${def.description}`);
    list.append(item);
  }
}

function show(status: string): void {
  const element = document.getElementById("status");
  if (element) element.textContent = status;
}

listFunctions(document.getElementById("function-list") as HTMLElement);

if (typeof Office === "undefined") {
  show(
    `CNAI ${VERSION}: this page runs inside Excel. Sideload manifest.xml (see the README) to use it.`
  );
} else {
  Office.onReady((info) => {
    show(
      info.host === Office.HostType.Excel
        ? `CNAI ${VERSION} is ready: ${CATALOG.length} functions in the ${NAMESPACE} namespace.`
        : `CNAI ${VERSION}: this page runs inside Excel. Sideload manifest.xml (see the README) to use it.`
    );
  });
}
