/* global HTMLElement, HTMLInputElement, KeyboardEvent */
/**
 * The function reference: every function of the catalogue, from the same descriptions that Excel's
 * metadata, the help pages and the README are generated from, in the pane's language. Names,
 * arguments and formulas are the same in every language.
 */
import {
  CATALOG,
  FunctionDef,
  Lang,
  NAMESPACE,
  Param,
  acceptsText,
  defaultText,
  inLanguage,
  textsIn,
} from "../../core";
import { PANE_TEXT } from "../text";
import { searchField } from "./controls";
import { Builder } from "./dom";

/** The terms of a search, so that "=CNAI.token_margin(", "token margin" and "TOKEN_MARGIN" agree. */
function searchTerms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(new RegExp(`^\\s*=?\\s*${NAMESPACE.toLowerCase()}\\.`), "")
    .replace(/[_()]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** What a search looks in: the name, the description in the pane's language, argument names. */
const searchable = (def: FunctionDef, lang: Lang) =>
  searchTerms(
    [def.name, inLanguage(def, lang).description, ...def.params.map((p) => p.name)].join(" ")
  ).join(" ");

/** Case-insensitive: every term of the query appears in the name, description or argument names. */
export function matchesQuery(def: FunctionDef, query: string, lang: Lang = "en"): boolean {
  const text = searchable(def, lang);
  return searchTerms(query).every((term) => text.includes(term));
}

/** The help page in the pane's language (scripts/reference.ts writes them: help/, help/zh-CN/). */
export const helpHref = (def: FunctionDef, lang: Lang = "en") =>
  `help/${lang === "en" ? "" : `${lang}/`}${def.name.toLowerCase()}.html`;

function argumentEntry(h: Builder, param: Param, lang: Lang): HTMLElement[] {
  const t = textsIn(PANE_TEXT, lang);
  const fallback = defaultText(param);
  const need =
    fallback !== undefined ? t.optionalDefault(fallback) : param.optional ? t.optional : t.required;
  return [
    h("dt", {}, h("code", {}, param.name), " ", h("span", { class: "need" }, need)),
    h(
      "dd",
      {},
      inLanguage(param, lang).description,
      h("span", { class: "accepts" }, t.accepts(acceptsText(param, lang)))
    ),
  ];
}

function functionEntry(
  h: Builder,
  def: FunctionDef,
  lang: Lang,
  insertButton: (def: FunctionDef) => HTMLElement
): HTMLElement {
  const t = textsIn(PANE_TEXT, lang);
  const qualified = `${NAMESPACE}.${def.name}`;
  const example = def.examples[0];
  const headingId = `cnai-fn-${def.name.toLowerCase()}`;
  const args =
    def.params.length === 0
      ? h("p", { class: "fn-args" }, t.noArguments)
      : h(
          "details",
          { class: "fn-args" },
          h(
            "summary",
            {},
            t.argumentCount(
              def.params.length,
              def.params.map((p) => p.name)
            )
          ),
          h("dl", {}, ...def.params.flatMap((param) => argumentEntry(h, param, lang)))
        );
  return h(
    "li",
    { class: "fn", "data-name": def.name, "aria-labelledby": headingId },
    h("h3", { class: "fn-name", id: headingId }, qualified),
    h("p", { class: "fn-description" }, inLanguage(def, lang).description),
    example &&
      h(
        "div",
        { class: "fn-example" },
        h("code", { class: "formula" }, example.formula),
        h("p", { class: "fn-result" }, `→ ${inLanguage(example, lang).result}`)
      ),
    h(
      "div",
      { class: "fn-actions" },
      example && insertButton(def),
      h(
        "a",
        {
          class: "link",
          href: helpHref(def, lang),
          target: "_blank",
          rel: "noopener",
          "aria-label": t.helpLabel(qualified),
        },
        t.help
      )
    ),
    args
  );
}

/** Fluent's Search 20 Regular icon. */
const SEARCH_ICON =
  "M8.5 3a5.5 5.5 0 0 1 4.23 9.02l4.12 4.13a.5.5 0 0 1-.63.76l-.07-.06-4.13-4.12A5.5 5.5 0 1 1 8.5 3Zm0 1a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9Z";

export interface Reference {
  /** The search box with its label, for the layout. */
  readonly searchField: HTMLElement;
  /** The <input> that holds the query. */
  readonly search: HTMLInputElement;
  readonly result: HTMLElement;
  readonly list: HTMLElement;
  /** Filters the list again after the search box's value was set from code. */
  readonly refresh: () => void;
}

/** The search box, its result line and the list; `insertButton` makes each function's Insert. */
export function renderReference(
  h: Builder,
  lang: Lang,
  insertButton: (def: FunctionDef) => HTMLElement
): Reference {
  const t = textsIn(PANE_TEXT, lang);
  const listId = "cnai-function-list";
  const { field, input: search } = searchField(h, {
    id: "cnai-search",
    label: t.searchLabel,
    placeholder: t.searchPlaceholder,
    controls: listId,
    iconPath: SEARCH_ICON,
  });
  const result = h("p", { class: "search-result", role: "status", "aria-live": "polite" });
  const entries = CATALOG.map((def) => ({
    def,
    element: functionEntry(h, def, lang, insertButton),
  }));
  const list = h(
    "ul",
    { id: listId, class: "functions", "aria-label": t.listLabel(NAMESPACE) },
    ...entries.map((entry) => entry.element)
  );

  const filter = () => {
    const query = search.value;
    let shown = 0;
    for (const { def, element } of entries) {
      const match = matchesQuery(def, query, lang);
      element.hidden = !match;
      if (match) shown++;
      // A match on an argument's name is inside the folded argument list: unfold it.
      const details = element.querySelector("details");
      if (
        match &&
        details &&
        searchTerms(query).some((term) => def.params.some((p) => p.name.includes(term)))
      )
        details.open = true;
    }
    const shownText = query.trim();
    result.textContent =
      shown === 0
        ? t.noMatch(shownText)
        : shownText
          ? t.someMatch(shown, entries.length, shownText)
          : t.allFunctions(entries.length);
  };
  search.addEventListener("input", filter);
  search.addEventListener("keydown", (event) => {
    if ((event as KeyboardEvent).key !== "Escape") return;
    search.value = "";
    filter();
  });
  filter();
  return { searchField: field, search, result, list, refresh: filter };
}
