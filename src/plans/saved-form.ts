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
 * it opens a file, the pane's repair rewrites it. String literals and quoted sheet names are left
 * as they are.
 */

/** The prefix, as Excel writes it; it reads it in any case. */
export const SAVED_PREFIX = "_xldudf_";

/** `rewrite` applied to the formula's code only: not to "text" literals nor to 'quoted' sheet names. */
export function rewriteCode(formula: string, rewrite: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join("");
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What may not come right before a name: `XCNAI.F(` does not call CNAI.F. */
const BEFORE = "(^|[^A-Za-z0-9_.])";

/** A namespace's expressions, made once: they run over every formula of a workbook. */
const patterns = new Map<string, { named: RegExp; saved: RegExp }>();

function patternsOf(namespace: string): { named: RegExp; saved: RegExp } {
  let found = patterns.get(namespace);
  if (!found) {
    const name = escaped(namespace);
    found = {
      // Calls `NS.NAME(`: what came before in group 1, NAME in group 2.
      named: new RegExp(`${BEFORE}${name}\\.([A-Za-z_][A-Za-z0-9_.]*)(?=\\s*\\()`, "gi"),
      // Saved calls `_xldudf_NS_NAME(`: what came before in group 1, `[n]!` in 2, NAME in 3.
      saved: new RegExp(
        `${BEFORE}(\\[\\d+\\]!)?${SAVED_PREFIX}${name}_([A-Za-z0-9_]+)(?=\\s*\\()`,
        "gi"
      ),
    };
    patterns.set(namespace, found);
  }
  return found;
}

const namedCalls = (namespace: string) => patternsOf(namespace).named;
const savedCalls = (namespace: string) => patternsOf(namespace).saved;

/** Upper-case id → the id as declared. */
const byUpperCase = (ids: readonly string[]) => new Map(ids.map((id) => [id.toUpperCase(), id]));

/** Every match of a global expression in `text`. */
function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match);
  return found;
}

/** `=CNAI.PARITY_AT(A1)` → `=_xldudf_CNAI_PARITY_AT(A1)`, for calls of the functions `ids` names. */
export function toSavedForm(formula: string, namespace: string, ids: readonly string[]): string {
  const known = byUpperCase(ids);
  return rewriteCode(formula, (code) =>
    code.replace(namedCalls(namespace), (call, before: string, name: string) => {
      const id = known.get(name.toUpperCase());
      return id === undefined ? call : `${before}${SAVED_PREFIX}${namespace}_${id}`;
    })
  );
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
  return rewriteCode(formula, (code) =>
    code.replace(
      savedCalls(namespace),
      (call, before: string, external: string | undefined, name: string) => {
        const id = known.get(name.toUpperCase());
        if (id === undefined || (external && !options.external)) return call;
        return `${before}${namespace}.${id}`;
      }
    )
  );
}

/** The namespace's functions a formula calls, in either form, as written: ["PARITY_AT", "PARTY_AT"]. */
export function calledFunctions(formula: string, namespace: string): string[] {
  const names: string[] = [];
  rewriteCode(formula, (code) => {
    for (const match of matches(namedCalls(namespace), code)) names.push(match[2]);
    for (const match of matches(savedCalls(namespace), code)) names.push(match[3]);
    return code;
  });
  return names;
}

/** Whether a formula holds a call in the saved form `_xldudf_NS_…(`, whatever function it names. */
export function holdsSavedForm(formula: string, namespace: string): boolean {
  let found = false;
  rewriteCode(formula, (code) => {
    found = found || matches(savedCalls(namespace), code).length > 0;
    return code;
  });
  return found;
}
