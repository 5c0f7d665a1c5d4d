/** The real bundle's functions captured as the workbench captures them (the shim: test/host/addin.test.ts). */
import { AddinError } from "../../src/host/addin";
import { CATALOG } from "../../src/core";
import { bundleFunctions, metadata } from "./bundle";

describe("captureAddin on dist/", () => {
  test("the real bundle associates every function of dist/functions.json", () => {
    const addin = bundleFunctions();
    expect(addin.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    expect(addin).toHaveLength(CATALOG.length);
    const margin = addin.find((f) => f.id === "MARGIN_EXPANSION");
    const result = margin?.invoke([[0.3]], [[0.15]], [[2]], null, null, null) as number[][];
    expect(result[0][0]).toBeCloseTo(0.0999, 12);
    const compression = addin.find((f) => f.id === "PRICE_COMPRESSION");
    expect((compression?.invoke([[1.5]], null, null, null) as unknown[][])[0][0]).toEqual(
      new AddinError("#NUM!")
    );
  });
});
