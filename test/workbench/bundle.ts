/**
 * The built add-in (dist/functions.js and functions.json, the files manifest.xml names, and the
 * Monte Carlo chunk functions.js fetches on demand) captured
 * through the host's CustomFunctions shim, as the workbench's pane registers it.
 */
import { readFileSync } from "fs";
import { addinScript, distPath, manifestUrl, runClassicScript } from "../../scripts/excel-runtime";
import { FunctionsMetadata, captureAddin } from "../../src/host/addin";
import type { AddinFunction } from "../../src/host/contract";

export const metadata: FunctionsMetadata = JSON.parse(
  readFileSync(distPath(manifestUrl("Functions.Metadata.Url")), "utf8")
);
/** dist/functions.js, its Monte Carlo chunk run first (scripts/excel-runtime.ts). */
export const script = addinScript();

/** Runs functions.js as a browser runs a classic script, with the shim as its CustomFunctions. */
export function bundleFunctions(): AddinFunction[] {
  return captureAddin((shim) => runClassicScript(script, shim), metadata);
}
