/**
 * The Chinese metadata Excel loads in zh-CN (dist/functions.zh-CN.json) and the Chinese help pages:
 * generated at build from functions.json and the catalogue, never by hand; the same functions,
 * parameters and order as functions.json; only descriptions and help links in Chinese.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { CATALOG, inLanguage } from "../../src/core";
import {
  LOCALIZED_METADATA,
  helpFiles,
  helpPath,
  localizedMetadata,
  paramDescription,
} from "../../scripts/reference";
import { DIST, ROOT, distPath } from "../../scripts/excel-runtime";
import { CHINESE } from "../helpers/chinese";

const FILE = LOCALIZED_METADATA["zh-CN"];
const englishJson = readFileSync(join(DIST, "functions.json"), "utf8");
const english = JSON.parse(englishJson);
const chinese = JSON.parse(readFileSync(join(DIST, FILE), "utf8"));

/** A metadata file without what is translated: descriptions and help URLs. */
function untranslated(metadata: {
  functions: { description?: string; helpUrl?: string; parameters: { description?: string }[] }[];
}): unknown {
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => ({
      ...fn,
      description: undefined,
      helpUrl: undefined,
      parameters: fn.parameters.map((p) => ({ ...p, description: undefined })),
    })),
  };
}

describe(`dist/${FILE}, Excel's metadata in Chinese`, () => {
  it("is what the build makes from dist/functions.json and the catalogue: not edited by hand", () => {
    expect(readFileSync(join(DIST, FILE), "utf8")).toBe(localizedMetadata(englishJson, "zh-CN"));
  });

  it("has the same ids, names, parameters, types, dimensionality and order as functions.json", () => {
    expect(chinese.functions.map((f: { id: string }) => f.id)).toEqual(
      english.functions.map((f: { id: string }) => f.id)
    );
    expect(untranslated(chinese)).toEqual(untranslated(english));
  });

  describe.each(CATALOG.map((def, k) => [def.name, def, k] as const))("%s", (_, def, k) => {
    const fn = chinese.functions[k];
    it("keeps its English name: formulas read the same in every language", () => {
      expect(fn.id).toBe(def.name);
      expect(fn.name).toBe(def.name);
      expect(fn.parameters.map((p: { name: string }) => p.name)).toEqual(
        def.params.map((p) => p.name)
      );
    });
    it("has the catalogue's Chinese description and argument descriptions", () => {
      expect(fn.description).toBe(def.zh.description);
      expect(fn.description).toMatch(CHINESE);
      def.params.forEach((param, i) => {
        expect(fn.parameters[i].description).toBe(paramDescription(param, "zh-CN"));
        expect(fn.parameters[i].description).toMatch(CHINESE);
      });
    });
    it("links to its Chinese help page, which the build emitted", () => {
      expect(fn.helpUrl).toBe(`https://localhost:3000/help/zh-CN/${def.name.toLowerCase()}.html`);
      expect(existsSync(distPath(fn.helpUrl))).toBe(true);
    });
  });

  it("the manifest's zh-CN override of the metadata URL names this file", () => {
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const metadataUrl = manifest.match(
      /<bt:Url id="Functions\.Metadata\.Url"[^>]*>\s*<bt:Override Locale="zh-CN" Value="([^"]+)"/
    );
    expect(metadataUrl?.[1]).toBe(`https://localhost:3000/${FILE}`);
    expect(distPath(metadataUrl?.[1] as string)).toBe(join(DIST, FILE));
  });

  it("the build fails when functions.json and the catalogue disagree", () => {
    const changed = (edit: (m: typeof english) => void) => {
      const copy = JSON.parse(englishJson);
      edit(copy);
      return JSON.stringify(copy);
    };
    expect(() =>
      localizedMetadata(
        changed((m) => m.functions.reverse()),
        "zh-CN"
      )
    ).toThrow(/functions\.json lists/);
    expect(() =>
      localizedMetadata(
        changed((m) => m.functions[1].parameters.pop()),
        "zh-CN"
      )
    ).toThrow(/TOKEN_MARGIN: functions\.json's parameters/);
    expect(() =>
      localizedMetadata(
        changed((m) => (m.functions[0].helpUrl = "https://example.com/help")),
        "zh-CN"
      )
    ).toThrow(/PARITY_AT: functions\.json's help URL/);
  });
});

describe("the Chinese help pages", () => {
  const files = helpFiles();

  it.each(CATALOG.map((def) => [def.name, def] as const))(
    "%s: in Chinese, every argument, example and the source, linked to the English page",
    (_, def) => {
      const page = files[helpPath(def, "zh-CN")];
      expect(helpPath(def, "zh-CN")).toBe(`help/zh-CN/${def.name.toLowerCase()}.html`);
      expect(page).toContain('<html lang="zh-CN">');
      expect(page).toContain('<link rel="stylesheet" href="../help.css">');
      expect(page).toContain(`href="../${def.name.toLowerCase()}.html" lang="en">English</a>`);
      const escape = (text: string) =>
        text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
      const zh = inLanguage(def, "zh-CN");
      expect(page).toContain(escape(zh.description));
      expect(page).toContain(escape(zh.source));
      for (const param of def.params) {
        expect(page).toContain(`<code>${param.name}</code>`);
        expect(page).toContain(escape(param.zh.description));
      }
      for (const example of def.examples) {
        expect(page).toContain(escape(example.formula));
        expect(page).toContain(escape(example.zh.result));
      }
      // The English page links to this one.
      expect(files[helpPath(def)]).toContain(
        `href="zh-CN/${def.name.toLowerCase()}.html" lang="zh-CN">中文</a>`
      );
    }
  );

  it("an index of every function in Chinese", () => {
    const index = files["help/zh-CN/index.html"];
    expect(index).toContain("<h1>CNAI函数</h1>");
    for (const def of CATALOG) expect(index).toContain(`href="${def.name.toLowerCase()}.html"`);
  });
});
