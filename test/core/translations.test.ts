/**
 * Every English text has its Chinese counterpart. The types already make a missing `zh` or a
 * missing half of a pair a compile error (which fails `npm run build`); these tests hold each
 * translation to being Chinese, keeping the English's figures and placeholders, and leaving no
 * English words but the names that are the same in every language.
 */
import {
  CATALOG,
  Lang,
  Texts,
  acceptsText,
  defaultText,
  inLanguage,
  langOf,
  limitsText,
  listIn,
  textsIn,
} from "../../src/core";
import { ASSUMPTIONS, MODEL_TEXT } from "../../src/plans/model";
import { NAME_NOTES } from "../../src/plans/names";
import { TABLE_TEXT } from "../../src/plans/tables";
import { PANE_TEXT } from "../../src/taskpane/text";
import { REPAIR_TEXT, SNAPSHOT_TEXT } from "../../src/taskpane/text";
import { EDIT_TEXT } from "../../src/plans/edits";
import { HELP_TEXT, paramDescription } from "../../scripts/reference";
import { translationProblems } from "../helpers/chinese";

describe("the catalogue in Chinese", () => {
  describe.each(CATALOG.map((def) => [def.name, def] as const))("%s", (_, def) => {
    it("has its description, result and source in Chinese", () => {
      const problems = (["description", "returns", "source"] as const).flatMap((key) =>
        translationProblems(def[key], def.zh[key])
      );
      expect(problems).toEqual([]);
    });

    it("has every argument's description in Chinese, with its unit or accepted text", () => {
      const problems = def.params.flatMap((param) => {
        const own = translationProblems(param.description, param.zh.description);
        if (param.kind === "number" && param.unit !== "fraction") {
          const unit = param.zh.unit;
          own.push(
            ...(unit === undefined
              ? [`${param.name}: no Chinese unit for "${param.unit}"`]
              : translationProblems(param.unit, unit))
          );
        }
        if (param.kind === "text")
          own.push(...translationProblems(param.accepts, param.zh.accepts));
        return own.map((problem) => `${param.name}: ${problem}`);
      });
      expect(problems).toEqual([]);
    });

    it("says in Chinese what each argument accepts, and its default as Excel's tooltip shows it", () => {
      for (const param of def.params) {
        const accepts = acceptsText(param, "zh-CN");
        expect(translationProblems(acceptsText(param), accepts)).toEqual([]);
        expect(paramDescription(param, "zh-CN").startsWith(param.zh.description)).toBe(true);
        const fallback = defaultText(param);
        if (fallback !== undefined)
          expect(paramDescription(param, "zh-CN")).toBe(
            `${param.zh.description}默认为${fallback}。`
          );
      }
    });

    it("explains each example's result in Chinese; the formula is the same", () => {
      const problems = def.examples.flatMap((example) =>
        translationProblems(example.result, example.zh.result)
      );
      expect(problems).toEqual([]);
      for (const example of def.examples)
        expect(inLanguage(example, "zh-CN").formula).toBe(example.formula);
    });

    it("keeps its name and its arguments' names in every language", () => {
      const zh = inLanguage(def, "zh-CN");
      expect(zh.name).toBe(def.name);
      expect(zh.params.map((p) => inLanguage(p, "zh-CN").name)).toEqual(
        def.params.map((p) => p.name)
      );
    });
  });
});

describe("the help texts of arguments", () => {
  it.each([
    [{ min: -1, minExclusive: true }, "大于−100%"],
    [{ min: 0, max: 1, maxExclusive: true }, "0%至100%（不含）"],
    [{ min: 0, max: 1 }, "0%至100%"],
    [{ max: 1, maxExclusive: true }, "小于100%"],
    [{ min: 0 }, "不小于0%"],
  ])("limits %j read %s", (limits, text) => {
    const param = {
      name: "x",
      kind: "number",
      unit: "fraction",
      description: "",
      zh: { description: "" },
      ...limits,
    } as const;
    expect(limitsText(param, "zh-CN")).toBe(text);
  });

  it("a whole number's limits read as Chinese does: 0至3的整数", () => {
    const param = {
      name: "layers",
      kind: "number",
      unit: "layers",
      min: 0,
      max: 3,
      integer: true,
      description: "",
      zh: { description: "", unit: "层" },
    } as const;
    expect(limitsText(param)).toBe("a whole number from 0 to 3");
    expect(limitsText(param, "zh-CN")).toBe("0至3的整数");
    expect(acceptsText(param, "zh-CN")).toBe("数值（层），0至3的整数");
  });

  it("lists read as each language does", () => {
    expect(listIn(['"low"', '"mid"', '"high"'], "en")).toBe('"low", "mid" or "high"');
    expect(listIn(['"low"', '"mid"', '"high"'], "zh-CN")).toBe('"low"、"mid"或"high"');
    expect(listIn(["TRUE"], "zh-CN")).toBe("TRUE");
    expect(listIn(["a", "b"], "en")).toBe("a or b");
    expect(listIn([], "en")).toBe("");
  });

  it.each([
    [{ unit: "fraction", min: -1, minExclusive: true }, "greater than −100%", "大于−100%"],
    [{ unit: "x", min: 0 }, "at least 0", "不小于0"],
    [{ unit: "fraction", max: 1, maxExclusive: true }, "below 100%", "小于100%"],
    [{ unit: "x", max: 3 }, "at most 3", "不大于3"],
    [
      { unit: "fraction", min: 0, max: 1, maxExclusive: true },
      "from 0% to 100% (exclusive)",
      "0%至100%（不含）",
    ],
    [{ unit: "x", min: 0, minExclusive: true, max: 2 }, "from 0 (exclusive) to 2", "0（不含）至2"],
    // A whole number without limits is just that.
    [{ unit: "x", integer: true }, "a whole number", "整数"],
  ] as const)("limits %j read %p, in Chinese %p", (limits, en, zh) => {
    const param = {
      name: "p",
      kind: "number",
      description: "",
      zh: { description: "", unit: "x" },
      ...limits,
    } as const;
    expect(limitsText(param)).toBe(en);
    expect(limitsText(param, "zh-CN")).toBe(zh);
  });

  it("what an argument accepts reads as a message says it", () => {
    const param = (fn: string, name: string) => {
      const found = CATALOG.find((def) => def.name === fn)?.params.find((p) => p.name === name);
      if (!found) throw new Error(`${fn} has no ${name}`);
      return found;
    };
    expect(acceptsText(param("TOKEN_REVENUE", "tokens_trillions"))).toBe(
      "a number (trillion tokens), at least 0"
    );
    expect(acceptsText(param("TOKEN_REVENUE", "tokens_trillions"), "zh-CN")).toBe(
      "数值（万亿Token），不小于0"
    );
    expect(acceptsText(param("SIMULATE", "output"))).toBe(
      "an output of the model (margin_expansion, token_margin, price_compression, combined_price_fall, parity_at, integrated_multiple, cost_per_mtok) or an unambiguous part of its name"
    );
    expect(defaultText(param("PARITY_AT", "bound"))).toBe('"mid"');
    expect(defaultText(param("APPENDIX", "headers"))).toBe("TRUE");
  });

  it("a boolean's default reads as Excel shows it", () => {
    const flag = (value: boolean) =>
      ({
        name: "flag",
        kind: "boolean",
        optional: true,
        default: value,
        description: "",
        zh: { description: "" },
      }) as const;
    expect(defaultText(flag(false))).toBe("FALSE");
    expect(defaultText(flag(true))).toBe("TRUE");
  });

  it("English is an item's own texts; Chinese overlays its zh texts", () => {
    const item = { name: "x", description: "English", zh: { description: "中文" } };
    expect(inLanguage(item, "en").description).toBe("English");
    expect(inLanguage(item, "zh-CN").description).toBe("中文");
    expect(inLanguage(item, "zh-CN").name).toBe("x");
  });
});

describe("the tables of texts", () => {
  const TABLES: [string, Texts][] = [
    ["the pane (src/taskpane/text.ts)", PANE_TEXT],
    ["the pane's Snapshot section (src/taskpane/text.ts)", SNAPSHOT_TEXT],
    ["the repair's reports (src/taskpane/text.ts)", REPAIR_TEXT],
    ["the edits a refresh keeps (src/plans/edits.ts)", EDIT_TEXT],
    ["the table sheets (src/plans/tables.ts)", TABLE_TEXT],
    ["the model sheet (src/plans/model.ts)", MODEL_TEXT],
    ["name clashes (src/plans/names.ts)", NAME_NOTES],
    ["the help pages (scripts/reference.ts)", HELP_TEXT],
  ];
  /** Distinct sample values per argument position, so a translation that drops one shows. */
  const sample = (k: number) => [`ARG${"ABCDEFGH"[k]}P`, `ARG${"ABCDEFGH"[k]}Q`];
  const placeholders = (text: string) => (text.match(/ARG[A-H][PQ]/g) ?? []).sort();
  const ARGUMENTS = ["ABCDE"].flatMap((letters) =>
    [...letters].flatMap((x) => [`ARG${x}P`, `ARG${x}Q`])
  );

  /** A pair's texts, with each function called on the sample values. */
  function rendered(value: unknown, arity: number): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === "function")
      return [String(value(...Array.from({ length: arity }, (_, k) => sample(k))))];
    throw new Error(`not a text: ${String(value)}`);
  }

  describe.each(TABLES)("%s", (_, table) => {
    it.each(Object.keys(table))("%s has the same shape in Chinese, translated", (key) => {
      const { en, zh } = table[key];
      expect(typeof zh).toBe(typeof en);
      if (Array.isArray(en)) expect((zh as unknown[]).length).toBe(en.length);
      const arity = typeof en === "function" ? en.length : 0;
      if (typeof en === "function") expect((zh as (...a: unknown[]) => string).length).toBe(arity);
      const english = rendered(en, arity);
      const chinese = rendered(zh, arity);
      english.forEach((text, k) => {
        expect(translationProblems(text, chinese[k], ARGUMENTS)).toEqual([]);
        // Every value the English shows, the Chinese shows too.
        expect(placeholders(chinese[k])).toEqual(expect.arrayContaining(placeholders(text)));
      });
    });
  });

  it("a table read in one language has every key, in that language", () => {
    for (const lang of ["en", "zh-CN"] as Lang[]) {
      const texts = textsIn(TABLE_TEXT, lang);
      expect(Object.keys(texts)).toEqual(Object.keys(TABLE_TEXT));
      expect(texts.chipSheet).toBe(lang === "en" ? "Chip Parity" : "芯片性能对标");
    }
  });
});

describe("the model's rows", () => {
  /** The options typed into an input ("low", "mid", "high") are the same in every language. */
  const OPTIONS = CATALOG.flatMap((def) =>
    def.params.flatMap((p) => (p.kind === "choice" ? p.options : []))
  );
  it.each(ASSUMPTIONS.map((a) => [a.name, a] as const))(
    "%s has its label and note in Chinese; its defined name stays",
    (_, assumption) => {
      expect(translationProblems(assumption.label, assumption.zh.label, OPTIONS)).toEqual([]);
      expect(translationProblems(assumption.note, assumption.zh.note, OPTIONS)).toEqual([]);
      expect(inLanguage(assumption, "zh-CN").name).toBe(assumption.name);
    }
  );
});

describe("Office's display language → CNAI's", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh-cn", "zh-CN"],
    ["zh-SG", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh_CN", "zh-CN"],
    [" zh-CN ", "zh-CN"],
    // Chinese Sign Language: a tag that only contains zh-CN is not Chinese text.
    ["sgn-ZH-CN", "en"],
    ["zh-TW", "en"],
    ["zh-HK", "en"],
    ["zh-Hant", "en"],
    ["en-US", "en"],
    ["ja-JP", "en"],
    ["", "en"],
    [undefined, "en"],
  ])("%s → %s", (locale, lang) => {
    expect(langOf(locale)).toBe(lang);
  });
});
