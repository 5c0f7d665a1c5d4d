/**
 * The languages CNAI speaks, and the two shapes its texts take:
 * - an item with English fields carries a `zh` object with the same fields in Chinese
 *   (`{ description: "…", zh: { description: "…" } }`): functions, parameters, examples, assumptions;
 * - a standalone string is a pair `{ en: "…", zh: "…" }` in a table of pairs (the pane, the plans).
 * Either way the Chinese sits beside the English, and the types make a missing one a compile error.
 */

export type Lang = "en" | "zh-CN";
export const LANGS: readonly Lang[] = ["en", "zh-CN"];

/**
 * Office's display language ("zh-CN", "en-US", …) → CNAI's: Simplified Chinese locales (zh-CN, zh-SG,
 * zh-Hans…, plain zh) → "zh-CN"; everything else, Traditional Chinese included, → "en".
 */
export function langOf(locale: string | null | undefined): Lang {
  const tag = (locale ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (tag === "zh" || /^zh-(cn|sg|hans)\b/.test(tag)) return "zh-CN";
  return "en";
}

/** An item's texts in a language: its own (English) fields, overlaid in Chinese by its `zh` fields. */
export function inLanguage<T extends { readonly zh: object }>(item: T, lang: Lang): T {
  return lang === "en" ? item : { ...item, ...item.zh };
}

/** "a, b or c" in English, "a、b或c" in Chinese. */
export function listIn(items: readonly string[], lang: Lang): string {
  if (items.length < 2) return items[0] ?? "";
  const head = items.slice(0, -1).join(lang === "en" ? ", " : "、");
  return `${head}${lang === "en" ? " or " : "或"}${items[items.length - 1]}`;
}

/** One standalone text in both languages: a string, or a function of the values it mentions. */
export interface Pair<V> {
  readonly en: V;
  readonly zh: V;
}

export type Texts = Readonly<Record<string, Pair<unknown>>>;
/** A table of pairs read in one language: `{ title: Pair<string> }` → `{ title: string }`. */
export type TextsIn<T extends Texts> = { readonly [K in keyof T]: T[K]["en"] };

export function textsIn<T extends Texts>(texts: T, lang: Lang): TextsIn<T> {
  const out: Record<string, unknown> = {};
  for (const [key, pair] of Object.entries(texts)) out[key] = lang === "en" ? pair.en : pair.zh;
  return out as TextsIn<T>;
}
