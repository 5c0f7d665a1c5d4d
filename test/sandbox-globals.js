/* eslint-disable no-undef */
/**
 * Jest runs each test file in a `vm` context, where every read of a global (`Math`, `Number`,
 * `Float64Array`, …) goes through the context's interceptors and jest 30's global proxy: about a
 * microsecond each, 25–100× a read in plain node. Code with such reads in its inner loops — the
 * Monte Carlo generator's `Math.imul`, HyperFormula's evaluator — spent most of its test time on
 * them (2 M draws of the generator: 3.0 s under jest, 25 ms with `Math` injected). Jest's
 * `sandboxInjectedGlobals` passes these to every module as parameters of its wrapper, so they are
 * local variables: the same objects (the test context's own), read at local speed. Only
 * ECMAScript's intrinsics that no test replaces; not `Date` or timers, which fake timers would swap.
 */
module.exports = [
  "Math",
  "Number",
  "Infinity",
  "isNaN",
  "isFinite",
  "parseInt",
  "parseFloat",
  "String",
  "Boolean",
  "Symbol",
  "Object",
  "Array",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "JSON",
  "Reflect",
  "Promise",
  "RegExp",
  "Error",
  "TypeError",
  "RangeError",
  "ArrayBuffer",
  "Float64Array",
  "Float32Array",
  "Int32Array",
  "Uint32Array",
  "Uint16Array",
  "Uint8Array",
];
