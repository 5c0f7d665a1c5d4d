/** The calculation core: no Office here. */
export * from "./values";
export * from "./dates";
export * from "./appendix";
export * from "./params";
export * from "./lang";
export * from "./tables";
export {
  evaluate,
  defineFunction,
  dimensionality,
  MAX_ROWS,
  MAX_COLUMNS,
  MAX_RESULT_CELLS,
} from "./runner";
export type { Example, ExampleCell, FunctionDef, Result, TableResult } from "./runner";
export { CATALOG, NAMESPACE, findFunction } from "./catalog";
export { POINT_FUNCTIONS } from "./point-functions";
export { VERSION } from "./version";
