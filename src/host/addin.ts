/**
 * The add-in's functions as the workbench runs them: the built functions.js, loaded beside a
 * stand-in for Excel's custom-functions runtime, registers each function through
 * `CustomFunctions.associate`; functions.json says how Excel passes the arguments.
 * Browser-safe: the page installs the shim as `window.CustomFunctions` before functions.js loads;
 * node tests run the bundle's text with the shim as its `CustomFunctions`.
 */
import { findFunction } from "../core";
import type { AddinFunction } from "./contract";

type Associated = (...args: unknown[]) => unknown;

/** Excel's runtime error (`CustomFunctions.Error`): a code and, on #VALUE! and #N/A only, a message. */
export class AddinError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {
    // Excel rejects a message on any other code; so does the shim, so the workbench shows that bug.
    if (message !== undefined && code !== "#VALUE!" && code !== "#N/A")
      throw new Error(`Excel rejects a message on ${code}`);
  }
}

/** `CustomFunctions.ErrorCode`, as office.js defines it. */
export const ERROR_CODE = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
} as const;

/** What functions.js sees as `CustomFunctions`, plus the functions it associated. */
export interface CustomFunctionsShim {
  associate(id: string | Record<string, Associated>, fn?: Associated): void;
  readonly Error: typeof AddinError;
  readonly ErrorCode: typeof ERROR_CODE;
  /** By upper-case id, as associated. */
  readonly associated: ReadonlyMap<string, Associated>;
}

export function createCustomFunctionsShim(): CustomFunctionsShim {
  const associated = new Map<string, Associated>();
  return {
    associate(id, fn) {
      // Excel takes one id and its function, or an object of them.
      const pairs = typeof id === "string" ? [[id, fn] as const] : Object.entries(id);
      for (const [key, value] of pairs) {
        if (typeof value !== "function") throw new Error(`associate("${key}") needs a function`);
        associated.set(key.toUpperCase(), value);
      }
    },
    Error: AddinError,
    ErrorCode: ERROR_CODE,
    associated,
  };
}

/** functions.json, as much of it as the workbench reads. */
export interface FunctionsMetadata {
  readonly functions: readonly {
    readonly id: string;
    readonly parameters: readonly {
      readonly name: string;
      readonly dimensionality?: string;
      readonly optional?: boolean;
    }[];
    readonly result?: { readonly dimensionality?: string };
  }[];
}

const dimensionality = (value: string | undefined) =>
  value === "matrix" ? ("matrix" as const) : ("scalar" as const);

/**
 * Every function functions.json declares, calling what the shim has associated under its id. A
 * declared function the bundle never associated is #NAME? when called, as in Excel.
 */
export function addinFunctions(
  metadata: FunctionsMetadata,
  shim: Pick<CustomFunctionsShim, "associated">
): AddinFunction[] {
  return metadata.functions.map((declared) => ({
    id: declared.id,
    parameters: declared.parameters.map((p, k) => ({
      name: p.name,
      dimensionality: dimensionality(p.dimensionality),
      optional: p.optional === true,
      // Where Excel learns a spill's size from the result, the engine sizes it before: it needs
      // to know which ranges are tables rather than broadcast arguments, which the catalogue says.
      table: findFunction(declared.id)?.params[k]?.kind === "table",
    })),
    result: { dimensionality: dimensionality(declared.result?.dimensionality) },
    invoke: (...args: unknown[]) => {
      const fn = shim.associated.get(declared.id.toUpperCase());
      if (!fn) return { code: "#NAME?", message: `functions.js did not associate ${declared.id}.` };
      return fn(...args);
    },
  }));
}

/**
 * Runs the bundle with a fresh shim as its `CustomFunctions` and returns its functions:
 * `captureAddin((cf) => new Function("CustomFunctions", text)(cf), metadata)` in node.
 */
export function captureAddin(
  runScript: (shim: CustomFunctionsShim) => void,
  metadata: FunctionsMetadata
): AddinFunction[] {
  const shim = createCustomFunctionsShim();
  runScript(shim);
  return addinFunctions(metadata, shim);
}

/**
 * These functions as Excel knows an add-in's before the add-in is installed or loaded for a
 * workbook: not registered, so #NAME?, until `register()` — when the add-in starts. Formulas
 * entered meanwhile stay #NAME? after it, until entered again (src/host/engine.ts): the stuck
 * formulas CNAI's repair (src/taskpane/repair.ts) enters again.
 */
export function awaitingRegistration(functions: readonly AddinFunction[]): {
  readonly functions: AddinFunction[];
  register(): void;
} {
  let registered = false;
  return {
    functions: functions.map((fn) => ({ ...fn, registered: () => registered })),
    register: () => {
      registered = true;
    },
  };
}
