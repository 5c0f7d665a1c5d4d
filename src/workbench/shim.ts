/* global window */
/**
 * Runs before the add-in's functions.js, as Excel's custom-functions runtime does: installs
 * `CustomFunctions`, whose `associate` captures each function the bundle registers. main.ts then
 * reads them back, with functions.json, into the workbench's functions.
 */
import { createCustomFunctionsShim } from "./addin";

(window as unknown as { CustomFunctions: unknown }).CustomFunctions = createCustomFunctionsShim();
