import { CellError, CellValue, FunctionDef, Matrix, evaluate, findFunction } from "../../src/core";

/** The catalogue's function of that name; a test naming one that does not exist fails. */
export function definition(name: string): FunctionDef {
  const def = findFunction(name);
  if (!def) throw new Error(`no function ${name}`);
  return def;
}

/** Calls a CNAI function on Excel values through the one runner, as the Excel layer does. */
export function call(name: string, ...args: unknown[]): CellValue | Matrix {
  const def = definition(name);
  // Excel passes every declared parameter; omitted optional ones arrive as null.
  const padded = [...args, ...new Array(Math.max(0, def.params.length - args.length)).fill(null)];
  return evaluate(def, padded);
}

export type Expected = number | string | boolean | `#${string}`;

/** Error codes are written as "#NUM!"; numbers agree to 10 significant digits. */
export function expectCell(actual: unknown, expected: Expected): void {
  if (typeof expected === "string" && /^#(VALUE!|NUM!|DIV\/0!|N\/A)$/.test(expected)) {
    expect(actual).toBeInstanceOf(CellError);
    expect((actual as CellError).code).toBe(expected);
    expect((actual as CellError).message.length).toBeGreaterThan(10);
  } else if (typeof expected === "number") {
    expect(typeof actual).toBe("number");
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
      1e-10 * Math.max(1, Math.abs(expected))
    );
  } else {
    expect(actual).toBe(expected);
  }
}

/** An error cell's code and message, after checking that it is one. */
export function codeAndMessage(value: unknown): [string, string] {
  expect(value).toBeInstanceOf(CellError);
  const { code, message } = value as CellError;
  return [code, message];
}
