/**
 * The form in which Excel saves a call to an add-in's custom function: `CNAI.PARITY_AT(` is
 * `_xldudf_CNAI_PARITY_AT(` in the file. Microsoft's keyur32 (OfficeDev/Excel-Custom-Functions#108):
 * "For Javascript Custom Functions, we by default save out with a different prefix "_xldudf"".
 * Excel turns it back into the function's name once it knows the add-in's functions
 * (OfficeDev/office-js#3558: "Excel start to know these CFs and change the xldudf things to their
 * real name"); a workbook opened before then shows `_xldudf_…` and #NAME?. A file that another
 * add-in's start-up touched can hold the external-reference form `[2]!_xldudf_…`
 * (OfficeDev/office-js#2568), which Excel never turns back.
 *
 * Pure text, no Office and no HyperFormula: the .xlsx export writes this form, the host reads it when
 * it opens a file, the pane's repair rewrites it. Formulas are read with src/plans/formula-tokens.ts:
 * a call is a name followed by "(" — never text in a string, a quoted sheet name or a table's
 * brackets, never a name qualified by a sheet (`Sheet1!_xldudf_…(`, `[Book2.xlsx]Sheet1!…`), never
 * part of a longer name (`利润_xldudf_CNAI_F(`). A formula that cannot be read is left as it is.
 */
import { Call, Token, callsIn, joinTokens, readFormula } from "./formula-tokens";

/** The prefix, as Excel writes it; it reads it in any case. */
export const SAVED_PREFIX = "_xldudf_";

/** A call of one of the namespace's functions: its form, and the function's name as written. */
interface NamespaceCall extends Call {
  readonly form: "named" | "saved";
  readonly id: string;
}

/** The namespace's calls among tokens read, in either form: `NS.NAME(`, `_xldudf_NS_NAME(`. */
function namespaceCalls(tokens: readonly Token[], namespace: string): NamespaceCall[] {
  const named = `${namespace}.`.toUpperCase();
  const saved = `${SAVED_PREFIX}${namespace}_`.toUpperCase();
  const found: NamespaceCall[] = [];
  for (const call of callsIn(tokens)) {
    const upper = call.name.toUpperCase();
    if (call.external === undefined && upper.startsWith(named) && upper.length > named.length)
      found.push({ ...call, form: "named", id: call.name.slice(named.length) });
    else if (upper.startsWith(saved) && upper.length > saved.length)
      found.push({ ...call, form: "saved", id: call.name.slice(saved.length) });
  }
  return found;
}

/** Upper-case id → the id as declared. */
const byUpperCase = (ids: readonly string[]) => new Map(ids.map((id) => [id.toUpperCase(), id]));

/** The formula with some tokens' texts replaced (by index); unchanged when it cannot be read. */
function rewritten(
  formula: string,
  replace: (tokens: readonly Token[]) => ReadonlyMap<number, string>
): string {
  const reading = readFormula(formula);
  if (!reading.ok) return formula;
  const replacements = replace(reading.tokens);
  if (replacements.size === 0) return formula;
  return joinTokens(
    reading.tokens.map((token, i) => ({ text: replacements.get(i) ?? token.text }))
  );
}

/** `=CNAI.PARITY_AT(A1)` → `=_xldudf_CNAI_PARITY_AT(A1)`, for calls of the functions `ids` names. */
export function toSavedForm(formula: string, namespace: string, ids: readonly string[]): string {
  const known = byUpperCase(ids);
  return rewritten(formula, (tokens) => {
    const out = new Map<number, string>();
    for (const call of namespaceCalls(tokens, namespace)) {
      const id = known.get(call.id.toUpperCase());
      if (call.form === "named" && id !== undefined)
        out.set(call.index, `${SAVED_PREFIX}${namespace}_${id}`);
    }
    return out;
  });
}

/**
 * `=_xldudf_CNAI_PARITY_AT(A1)` → `=CNAI.PARITY_AT(A1)`, for the functions `ids` names (the rest of
 * the name after the namespace's "_" is the function's, underscores and all). With `external`, the
 * `[2]!_xldudf_…` form too.
 */
export function fromSavedForm(
  formula: string,
  namespace: string,
  ids: readonly string[],
  options: { readonly external?: boolean } = {}
): string {
  const known = byUpperCase(ids);
  return rewritten(formula, (tokens) => {
    const out = new Map<number, string>();
    for (const call of namespaceCalls(tokens, namespace)) {
      const id = known.get(call.id.toUpperCase());
      if (call.form !== "saved" || id === undefined) continue;
      if (call.external !== undefined) {
        if (!options.external) continue;
        // `[2]` and `!` go: the call is the add-in's own.
        out.set(call.external, "");
        out.set(call.external + 1, "");
      }
      out.set(call.index, `${namespace}.${id}`);
    }
    return out;
  });
}

/** The namespace's functions a formula calls, in either form, as written: ["PARITY_AT", "PARTY_AT"]. */
export function calledFunctions(formula: string, namespace: string): string[] {
  const reading = readFormula(formula);
  return reading.ok ? namespaceCalls(reading.tokens, namespace).map((call) => call.id) : [];
}

/** Whether a formula holds a call in the saved form `_xldudf_NS_…(`, whatever function it names. */
export function holdsSavedForm(formula: string, namespace: string): boolean {
  const reading = readFormula(formula);
  return reading.ok && namespaceCalls(reading.tokens, namespace).some((c) => c.form === "saved");
}

/** Whether a formula calls one of the namespace's functions by its name, `NS.NAME(`. */
export function callsNamespace(formula: string, namespace: string): boolean {
  const reading = readFormula(formula);
  return reading.ok && namespaceCalls(reading.tokens, namespace).some((c) => c.form === "named");
}

/**
 * Every call in the saved form, of any add-in, `_xldudf_X_F(` or `[2]!_xldudf_X_F(`, under `prefix`
 * in place of `_xldudf_` (and of `[2]!`): how the host's engine gets a call Excel does not know.
 */
export function renameSavedCalls(formula: string, prefix: string): string {
  return rewritten(formula, (tokens) => {
    const out = new Map<number, string>();
    for (const call of callsIn(tokens)) {
      if (!call.name.toLowerCase().startsWith(SAVED_PREFIX)) continue;
      if (call.external !== undefined) {
        out.set(call.external, "");
        out.set(call.external + 1, "");
      }
      out.set(call.index, `${prefix}${call.name.slice(SAVED_PREFIX.length)}`);
    }
    return out;
  });
}
