/* global CustomFunctions, globalThis */
/**
 * The bridge between Excel's custom-functions runtime and the core: Excel's own errors in ranges
 * come in as `CellError`s, core errors go out as `CustomFunctions.Error`. No math here.
 *
 * The Monte Carlo functions (`onDemand` in the catalogue) are asynchronous: their engine,
 * src/core/risk, is a chunk of its own (risk.js) that the runtime loads on their first call, so
 * that functions.js, which Excel loads with every workbook, holds only what the point functions
 * need. The imports below name the core's modules one by one for the same reason: src/core/index.ts
 * re-exports the whole catalogue, the Monte Carlo four included.
 */
import { FunctionDef, evaluate } from "../core/runner";
import { POINT_FUNCTIONS } from "../core/point-functions";
import { CellError, CellValue, ErrorCode, Matrix, isMatrix } from "../core/values";

// Opened outside Excel (the pane page in a plain browser), office.js defines no CustomFunctions; the
// registrations appended to the functions bundle then become no-ops instead of a page error.
if (typeof CustomFunctions === "undefined") {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    associate: () => undefined,
  };
}

/** The core's codes are the runtime's ErrorCode values ("#VALUE!" is ErrorCode.invalidValue, …). */
const excelCode = (code: ErrorCode) => code as CustomFunctions.ErrorCode;

/** Excel shows a custom message only with #VALUE! and #N/A; it rejects one on the other codes. */
function toExcelError(error: CellError): CustomFunctions.Error {
  const withMessage = error.code === "#VALUE!" || error.code === "#N/A";
  return withMessage
    ? new CustomFunctions.Error(excelCode(error.code), error.message)
    : new CustomFunctions.Error(excelCode(error.code));
}

/** An Excel error inside a range (e.g. #REF! in a referenced cell) becomes a value the core propagates. */
function fromExcelCell(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const code = (value as { code?: unknown }).code;
  if (code === "#VALUE!" || code === "#NUM!" || code === "#DIV/0!" || code === "#N/A") {
    return new CellError(code, `A referenced cell holds ${code}.`);
  }
  return new CellError(
    "#VALUE!",
    `A referenced cell holds ${typeof code === "string" ? code : "an error"}.`
  );
}

function fromExcel(arg: unknown): unknown {
  if (!isMatrix(arg)) return fromExcelCell(arg);
  const hasObjects = arg.some((row) =>
    row.some((cell) => cell !== null && typeof cell === "object")
  );
  return hasObjects ? arg.map((row) => row.map(fromExcelCell)) : arg;
}

/** Core results to Excel, in place: the matrix is the runner's own. */
function toExcelMatrix(result: CellValue | Matrix): unknown[][] {
  const matrix: unknown[][] = isMatrix(result) ? result : [[result]];
  for (const row of matrix) {
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (cell !== null && typeof cell === "object") row[j] = toExcelError(cell as CellError);
    }
  }
  return matrix;
}

const byName = (defs: readonly FunctionDef[]) => new Map(defs.map((def) => [def.name, def]));
const POINT = byName(POINT_FUNCTIONS);

/** `def` run on Excel's arguments. Never throws: every failure is an error value in the result. */
function run(def: FunctionDef | undefined, name: string, args: readonly unknown[]): unknown[][] {
  try {
    if (!def) throw new Error("no such function");
    return toExcelMatrix(evaluate(def, args.map(fromExcel)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [[new CustomFunctions.Error(excelCode("#VALUE!"), `CNAI.${name} failed: ${message}`)]];
  }
}

/** A function that returns a range: broadcasting model functions and APPENDIX. */
export function callMatrix(name: string, args: readonly unknown[]): unknown[][] {
  return run(POINT.get(name), name, args);
}

let onDemand: Promise<ReadonlyMap<string, FunctionDef>> | undefined;

/** The Monte Carlo functions, their engine loaded at the first call; a failed load is tried again. */
function onDemandFunctions(): Promise<ReadonlyMap<string, FunctionDef>> {
  if (!onDemand) {
    onDemand = import(/* webpackChunkName: "risk" */ "../core/functions/risk").then((risk) =>
      byName(risk.RISK_FUNCTIONS)
    );
    onDemand.catch(() => (onDemand = undefined));
  }
  return onDemand;
}

/**
 * A Monte Carlo function (SIMULATE, PROBABILITY, TORNADO, HISTOGRAM): asynchronous, as Excel
 * allows a custom function to be (the cell shows #BUSY! until it resolves). Never rejects: an
 * engine that cannot be loaded is the cell's #VALUE!, saying so.
 */
export async function callOnDemand(name: string, args: readonly unknown[]): Promise<unknown[][]> {
  let defs: ReadonlyMap<string, FunctionDef>;
  try {
    defs = await onDemandFunctions();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [
      [
        new CustomFunctions.Error(
          excelCode("#VALUE!"),
          `CNAI.${name} could not load its Monte Carlo engine (risk.js): ${message}`
        ),
      ],
    ];
  }
  return run(defs.get(name), name, args);
}

/** A function that returns one value (METRIC, VERSION): errors are thrown, as Excel expects. */
export function callScalar(name: string, args: readonly unknown[]): number | string | boolean {
  const [[value]] = callMatrix(name, args);
  if (value instanceof CustomFunctions.Error) throw value;
  return value as number | string | boolean;
}
