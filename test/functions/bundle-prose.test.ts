/**
 * dist/functions.js carries the catalogue's specs and math, not its prose (scripts/strip-prose.js):
 * the descriptions, results, sources, examples and Chinese texts are in functions.json, its Chinese
 * copy, the help pages and the pane. The error messages, made from the specs, are the core's own.
 */
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { CATALOG, CellError, FunctionDef, Param, evaluate } from "../../src/core";
import { DIST, ExcelRuntimeError, ROOT, loadAddin } from "../../scripts/excel-runtime";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PROSE_KEYS, transpileForRuntime } = require("../../scripts/strip-prose") as {
  PROSE_KEYS: readonly string[];
  transpileForRuntime: (fileName: string, source: string) => string;
};

/**
 * Issue 18's guard on the functions bundle's minified size (the bench reports the figure): the file
 * Excel loads with every workbook holds the twelve point functions; the Monte Carlo engine
 * (src/core/risk, SIMULATE and its three siblings) is risk.js, fetched on their first call.
 */
const BUNDLE_LIMIT_BYTES = 36 * 1024;

const main = readFileSync(join(DIST, "functions.js"), "utf8");
const riskChunk = readFileSync(join(DIST, "risk.js"), "utf8");
/** Everything Excel's runtime may load: the prose must be in neither file. */
const bundle = `${main}\n${riskChunk}`;

/**
 * Every text of a function written for people, in both languages; but those as short as "—" or
 * '"1.0.0"', which the bundle holds for other reasons.
 */
function prose(def: FunctionDef): string[] {
  return [
    def.description,
    def.returns,
    def.source,
    def.zh.description,
    def.zh.returns,
    def.zh.source,
    ...def.examples.flatMap((e) => [e.result, e.zh.result]),
    ...def.params.flatMap((p) => [p.description, p.zh.description]),
  ].filter((text) => text.length >= 12);
}

describe("the functions bundle without the catalogue's prose", () => {
  it(`dist/functions.js is at most ${BUNDLE_LIMIT_BYTES / 1024} KB minified`, () => {
    expect(Buffer.byteLength(main)).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
  });

  it("the Monte Carlo engine is in risk.js, not in functions.js: its messages are there only", () => {
    // Messages only src/core/risk makes (simulate.ts, uncertainty.ts, distributions.ts).
    const engineOnly = [
      "stat must be a percentile",
      "Rank correlation",
      "probability, from 0% to 100%",
    ];
    const inChunk = engineOnly.filter((text) => riskChunk.includes(text));
    expect(inChunk).toEqual(engineOnly);
    expect(engineOnly.filter((text) => main.includes(text))).toEqual([]);
    // functions.js names the chunk it fetches.
    expect(main).toContain("risk");
  });

  it.each(CATALOG.map((def) => [def.name, def] as const))(
    "%s: none of its descriptions, examples or Chinese texts is in dist/functions.js",
    (_, def) => {
      const texts = prose(def);
      expect(texts.length).toBeGreaterThan(3);
      expect(texts.filter((text) => bundle.includes(text))).toEqual([]);
    }
  );

  it("the texts are still where people read them: functions.json and the help pages", () => {
    const metadata = readFileSync(join(DIST, "functions.json"), "utf8");
    const zhMetadata = readFileSync(join(DIST, "functions.zh-CN.json"), "utf8");
    for (const def of CATALOG) {
      expect(metadata).toContain(JSON.stringify(def.description).slice(1, -1));
      expect(zhMetadata).toContain(JSON.stringify(def.zh.description).slice(1, -1));
      const page = readFileSync(
        join(DIST, "help", "zh-CN", `${def.name.toLowerCase()}.html`),
        "utf8"
      );
      for (const e of def.examples) expect(page).toContain(e.formula.replace(/"/g, "&quot;"));
    }
  });
});

describe("the bundle's error messages are the core's", () => {
  const addin = loadAddin();
  const single = (result: unknown) =>
    Array.isArray(result) ? (result as unknown[][])[0][0] : result;

  /** A value of the wrong type for the parameter, as Excel can pass one. */
  const wrong = (param: Param): unknown =>
    param.kind === "number" || param.kind === "date" || param.kind === "choice"
      ? true
      : param.kind === "boolean"
        ? "maybe"
        : param.kind === "table"
          ? [["junk", 1]]
          : true;

  /** The first literal example's arguments (numbers, text, TRUE/FALSE, empty), as Excel passes them. */
  function literalArguments(def: FunctionDef): unknown[] | undefined {
    for (const { formula } of def.examples) {
      const inner = formula.match(/^=CNAI\.[A-Z_]+\(([^(){}]*)\)$/)?.[1];
      if (inner === undefined) continue;
      const parts = inner === "" ? [] : inner.split(",");
      const args = parts.map((text): unknown => {
        const t = text.trim();
        if (t === "") return null;
        if (/^"[^"]*"$/.test(t)) return t.slice(1, -1);
        if (/^(TRUE|FALSE)$/.test(t)) return t === "TRUE";
        const number = t.match(/^(-?\d+(?:\.\d+)?)(%?)$/);
        return number ? Number(number[1]) / (number[2] ? 100 : 1) : undefined;
      });
      if (!args.includes(undefined)) return args;
    }
    return undefined;
  }

  const cases = CATALOG.flatMap((def) => {
    const base = literalArguments(def) ?? [];
    return def.params.map((param, k) => {
      const args = def.params.map((_, i) => (i < base.length ? base[i] : null));
      args[k] = wrong(param);
      return [`${def.name}(${param.name} wrong)`, def, args] as const;
    });
  });

  it("covers every parameter of every function", () => {
    expect(cases.length).toBe(CATALOG.reduce((n, def) => n + def.params.length, 0));
  });

  it.each(cases)(
    "%s: the same error and message from the bundle as from the core",
    async (_, def, args) => {
      const fromCore = evaluate(def, args);
      const core = Array.isArray(fromCore) ? fromCore[0][0] : fromCore;
      // A Monte Carlo function answers with a Promise.
      const fromBundle = single(await addin.invoke(def.name, ...args));
      expect(core).toBeInstanceOf(CellError);
      expect(fromBundle).toBeInstanceOf(ExcelRuntimeError);
      const { code, message } = core as CellError;
      const shown = code === "#VALUE!" || code === "#N/A" ? message : undefined;
      expect(fromBundle).toEqual(new ExcelRuntimeError(code, shown));
      if (shown) expect(shown).not.toMatch(/undefined/);
    }
  );
});

describe("scripts/strip-prose.js", () => {
  const FUNCTIONS_DIR = join(ROOT, "src", "core", "functions");
  const files = readdirSync(FUNCTIONS_DIR).filter((name) => name.endsWith(".ts"));

  it("drops the prose keys, and only them, from a catalogue file's object literals", () => {
    const source = `({
      name: "X", description: "d", returns: "r", source: "s", zh: { description: "z" },
      params: [{ name: "a", kind: "number", unit: "years", min: 0, accepts: "a", description: "p", zh: { description: "q" } }],
      examples: [{ formula: "=1", expected: 1, result: "one", zh: { result: "一" } }],
      broadcast: true,
    })`;
    // eslint-disable-next-line no-eval
    const stripped = (0, eval)(transpileForRuntime("/x/src/core/functions/x.ts", source));
    expect(stripped).toEqual({
      name: "X",
      params: [{ name: "a", kind: "number", unit: "years", min: 0, accepts: "a" }],
      broadcast: true,
    });
    // eslint-disable-next-line no-eval
    const untouched = (0, eval)(transpileForRuntime("/x/src/core/params.ts", source));
    expect(Object.keys(untouched)).toEqual(expect.arrayContaining([...PROSE_KEYS]));
  });

  it.each(files)(
    "src/core/functions/%s compiles for the runtime with no prose key left",
    (file) => {
      const path = join(FUNCTIONS_DIR, file);
      const output = transpileForRuntime(path, readFileSync(path, "utf8"));
      const left = PROSE_KEYS.filter((key) => new RegExp(`\\b${key}\\s*:`).test(output));
      expect(left).toEqual([]);
      expect(output).toMatch(/\bcompute\s*:|\bdefineFunction\b/);
    }
  );
});
