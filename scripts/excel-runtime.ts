/**
 * Loads the shipped add-in the way Excel's runtime does: the script manifest.xml names, run in a
 * fresh context whose `CustomFunctions.associate` captures each function, beside dist/functions.json.
 */
import { readFileSync } from "fs";
import { join } from "path";

/** ECMAScript's intrinsics that jest hands every test module as locals (jest.config.js). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const INTRINSICS: readonly string[] = require("../test/sandbox-globals");

export const ROOT = join(__dirname, "..");
export const DIST = join(ROOT, "dist");

/** Maps a manifest URL on the dev origin to the file the build emitted. */
export function distPath(url: string): string {
  const match = url.match(/^https:\/\/localhost:3000\/(.+)$/);
  if (!match) throw new Error(`not a dev-origin URL: ${url}`);
  return join(DIST, match[1]);
}

export function manifestUrl(resid: string): string {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  const match = manifest.match(
    new RegExp(`<bt:Url id="${resid.replace(/\./g, "\\.")}" DefaultValue="([^"]+)"`)
  );
  if (!match) throw new Error(`manifest.xml defines no bt:Url ${resid}`);
  return match[1];
}

/** The chunks functions.js fetches on demand, beside it: the Monte Carlo engine (src/functions/excel.ts). */
const ON_DEMAND_CHUNKS: readonly string[] = ["risk.js"];

/**
 * The add-in's runtime script as the tests run it: the file manifest.xml names (dist/functions.js)
 * with its on-demand chunks run first, as a page has them once fetched — a Monte Carlo function
 * then finds its engine without a <script> element, which node has not. The browser tests
 * (test/e2e) fetch the chunk as Excel does, on a Monte Carlo function's first call.
 */
export function addinScript(): string {
  const main = distPath(manifestUrl("Functions.Script.Url"));
  const chunks = ON_DEMAND_CHUNKS.map((name) => join(main, "..", name));
  return [...chunks, main].map((file) => readFileSync(file, "utf8")).join("\n;\n");
}

/** Excel's runtime error type, as office.js defines it: a code and an optional message. */
export class ExcelRuntimeError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {
    if (message !== undefined && code !== "#VALUE!" && code !== "#N/A")
      throw new Error(`Excel rejects a message on ${code}`);
  }
}

/**
 * Runs functions.js as a browser runs a classic script: in this realm, with `CustomFunctions` as
 * the runtime provides it. Under jest this realm is a vm context, where each read of a global costs
 * about a microsecond (test/sandbox-globals.js): ECMAScript's intrinsics are handed to the script
 * as locals — the same objects — so the Monte Carlo generator's `Math.imul` runs at its speed in
 * Excel rather than spending seconds of a suite on the lookup.
 */
export function runClassicScript(script: string, customFunctions: unknown): void {
  const intrinsics = INTRINSICS.filter((name) => name in globalThis);
  new Function("CustomFunctions", ...intrinsics, `${script}\n//# sourceURL=functions.js`)(
    customFunctions,
    ...intrinsics.map((name) => (globalThis as Record<string, unknown>)[name])
  );
}

export interface LoadedAddin {
  metadata: {
    functions: {
      id: string;
      name: string;
      parameters: { name: string; optional?: boolean; dimensionality?: string }[];
      result: { dimensionality?: string };
    }[];
  };
  functions: Map<string, (...args: unknown[]) => unknown>;
  /**
   * Calls a function as Excel does: every declared parameter passed, omitted ones as null, matrices
   * wrapped. A Monte Carlo function answers with a Promise (await it).
   */
  invoke(id: string, ...args: unknown[]): unknown;
}

export function loadAddin(): LoadedAddin {
  const metadata = JSON.parse(
    readFileSync(distPath(manifestUrl("Functions.Metadata.Url")), "utf8")
  );
  const script = addinScript();
  const functions = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = {
    associate: (id: string, fn: (...args: unknown[]) => unknown) => functions.set(id, fn),
    Error: ExcelRuntimeError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    },
  };
  runClassicScript(script, CustomFunctions);

  function invoke(id: string, ...args: unknown[]): unknown {
    const meta = metadata.functions.find((f: { id: string }) => f.id === id);
    const fn = functions.get(id);
    if (!meta || !fn) throw new Error(`${id} is not registered`);
    const passed = meta.parameters.map((p: { dimensionality?: string }, k: number) => {
      const value = k < args.length ? args[k] : null;
      if (p.dimensionality !== "matrix") return value;
      return Array.isArray(value) ? value : value === null ? null : [[value]];
    });
    try {
      return fn(...passed);
    } catch (error) {
      return error; // Excel shows a thrown CustomFunctions.Error in the cell
    }
  }
  return { metadata, functions, invoke };
}
