/* global HTMLElement, KeyboardEvent */
/**
 * The function reference: every function of the catalogue, from the same descriptions that Excel's
 * metadata, the help pages and the README are generated from.
 */
import { CATALOG, FunctionDef, NAMESPACE, Param, acceptsText, defaultText } from "../../core";
import { Builder, icon } from "./dom";

/** The terms of a search, so that "=CNAI.token_margin(", "token margin" and "TOKEN_MARGIN" agree. */
function searchTerms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(new RegExp(`^\\s*=?\\s*${NAMESPACE.toLowerCase()}\\.`), "")
    .replace(/[_()]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

const searchable = (def: FunctionDef) =>
  searchTerms([def.name, def.description, ...def.params.map((p) => p.name)].join(" ")).join(" ");

/** Case-insensitive: every term of the query appears in the name, description or argument names. */
export function matchesQuery(def: FunctionDef, query: string): boolean {
  const text = searchable(def);
  return searchTerms(query).every((term) => text.includes(term));
}

export const helpHref = (def: FunctionDef) => `help/${def.name.toLowerCase()}.html`;

function argumentEntry(h: Builder, param: Param): HTMLElement[] {
  const fallback = defaultText(param);
  const need =
    fallback !== undefined
      ? `optional, default ${fallback}`
      : param.optional
        ? "optional"
        : "required";
  return [
    h("dt", {}, h("code", {}, param.name), " ", h("span", { class: "need" }, need)),
    h(
      "dd",
      {},
      param.description,
      h("span", { class: "accepts" }, `Accepts ${acceptsText(param)}.`)
    ),
  ];
}

function functionEntry(
  h: Builder,
  def: FunctionDef,
  insertButton: (def: FunctionDef) => HTMLElement
): HTMLElement {
  const qualified = `${NAMESPACE}.${def.name}`;
  const example = def.examples[0];
  const headingId = `cnai-fn-${def.name.toLowerCase()}`;
  const args =
    def.params.length === 0
      ? h("p", { class: "fn-args" }, "No arguments.")
      : h(
          "details",
          { class: "fn-args" },
          h(
            "summary",
            {},
            `${def.params.length} argument${def.params.length === 1 ? "" : "s"}: ${def.params.map((p) => p.name).join(", ")}`
          ),
          h("dl", {}, ...def.params.flatMap((param) => argumentEntry(h, param)))
        );
  return h(
    "li",
    { class: "fn", "data-name": def.name, "aria-labelledby": headingId },
    h("h3", { class: "fn-name", id: headingId }, qualified),
    h("p", { class: "fn-description" }, def.description),
    example &&
      h(
        "div",
        { class: "fn-example" },
        h("code", { class: "formula" }, example.formula),
        h("p", { class: "fn-result" }, `→ ${example.result}`)
      ),
    h(
      "div",
      { class: "fn-actions" },
      example && insertButton(def),
      h(
        "a",
        {
          class: "link",
          href: helpHref(def),
          target: "_blank",
          rel: "noopener",
          "aria-label": `Help for ${qualified} (opens in a new window)`,
        },
        "Help"
      )
    ),
    args
  );
}

/** Fluent's Search 20 Regular icon. */
const SEARCH_ICON =
  "M8.5 3a5.5 5.5 0 0 1 4.23 9.02l4.12 4.13a.5.5 0 0 1-.63.76l-.07-.06-4.13-4.12A5.5 5.5 0 1 1 8.5 3Zm0 1a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9Z";

export interface Reference {
  readonly search: HTMLElement;
  readonly result: HTMLElement;
  readonly list: HTMLElement;
}

/** The search box, its result line and the list; `insertButton` makes each function's Insert. */
export function renderReference(
  h: Builder,
  insertButton: (def: FunctionDef) => HTMLElement
): Reference {
  const listId = "cnai-function-list";
  // Fluent's text input takes its label as content and labels its inner <input> with it.
  const search = h(
    "fluent-text-input",
    {
      id: "cnai-search",
      class: "search",
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "Name, description or argument",
      "aria-controls": listId,
    },
    icon(h, SEARCH_ICON, { slot: "start", class: "search-icon" }),
    "Search functions"
  );
  const result = h("p", { class: "search-result", role: "status", "aria-live": "polite" });
  const entries = CATALOG.map((def) => ({ def, element: functionEntry(h, def, insertButton) }));
  const list = h(
    "ul",
    { id: listId, class: "functions", "aria-label": `${NAMESPACE} functions` },
    ...entries.map((entry) => entry.element)
  );

  const filter = () => {
    const query = (search as HTMLElement & { value?: string }).value ?? "";
    let shown = 0;
    for (const { def, element } of entries) {
      const match = matchesQuery(def, query);
      element.hidden = !match;
      if (match) shown++;
      // A match on an argument's name is inside the folded argument list: unfold it.
      const details = element.querySelector("details");
      if (
        match &&
        details &&
        searchTerms(query).some((t) => def.params.some((p) => p.name.includes(t)))
      )
        details.open = true;
    }
    const shownText = query.trim();
    result.textContent =
      shown === 0
        ? `No function matches “${shownText}”.`
        : shownText
          ? `${shown} of ${entries.length} functions match “${shownText}”.`
          : `${entries.length} functions.`;
  };
  search.addEventListener("input", filter);
  search.addEventListener("keydown", (event) => {
    if ((event as KeyboardEvent).key !== "Escape") return;
    (search as HTMLElement & { value?: string }).value = "";
    filter();
  });
  filter();
  return { search, result, list };
}
