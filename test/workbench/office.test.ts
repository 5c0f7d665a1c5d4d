/**
 * The workbench's office.js (src/workbench/office.ts) and the workbook behind it
 * (src/workbench/workbench.ts): what the add-in's pane and functions.js get where Excel would give
 * them Office and CustomFunctions. The browser test (test/e2e/workbench.test.ts) runs them in the
 * page; these check each promise without one.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { ROOT, runClassicScript } from "../../scripts/excel-runtime";
import type { WorkbenchBridge } from "../../src/workbench/bridge";
import { officeFor, standInCustomFunctions } from "../../src/workbench/office";
import { createWorkbench } from "../../src/workbench/workbench";
import { call } from "../helpers/call";
import { metadata, script } from "./bundle";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs functions.js as the pane's page does, with this CustomFunctions. */
const runFunctionsJs = (customFunctions: unknown) => runClassicScript(script, customFunctions);

function workbench(displayLanguage = "zh-CN") {
  let rounds = 0;
  const made = createWorkbench(metadata, { displayLanguage, onAssociated: () => rounds++ });
  return { ...made, rounds: () => rounds };
}

/** The members of Office the pane and these tests use. */
interface PaneOffice {
  onReady(callback?: (info: unknown) => void): Promise<unknown>;
  context?: {
    displayLanguage: string;
    requirements: { isSetSupported(name: string, version?: string): boolean };
  };
  addin: {
    setStartupBehavior(behavior: string): Promise<void>;
    getStartupBehavior(): Promise<string>;
  };
  /** A member of the client script's namespace, behind the stand-in's. */
  fromClient?: string;
}

describe("Office in the workbench's pane", () => {
  const { bridge } = workbench();
  const office = officeFor({ fromClient: "kept" }, bridge) as PaneOffice;

  test("onReady reports Excel, to a callback and as a promise", async () => {
    const seen: unknown[] = [];
    const promised = await office.onReady((info) => seen.push(info));
    await settle();
    expect(seen).toEqual([promised]);
    expect(promised).toMatchObject({ host: "Excel" });
  });

  test("the display language is the workbench's; the client's namespace stays behind", () => {
    expect(office.context?.displayLanguage).toBe("zh-CN");
    expect(office.fromClient).toBe("kept");
  });

  test("the workbench's Excel has every set manifest.xml declares, so Excel would load CNAI in it", () => {
    // What the pane may call within those sets is checked against Microsoft's reference, not the
    // host's answers, in test/taskpane/requirements.test.ts.
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const fallback = manifest.match(/<Sets DefaultMinVersion="([\d.]+)"/)?.[1] ?? "1.1";
    const sets = [...manifest.matchAll(/<Set Name="(\w+)"(?: MinVersion="([\d.]+)")?/g)];
    expect(sets.map(([, name]) => name)).toEqual(
      expect.arrayContaining(["SharedRuntime", "CustomFunctionsRuntime", "ExcelApi"])
    );
    const supported = (name: string, version?: string) =>
      office.context?.requirements.isSetSupported(name, version ?? fallback);
    for (const [, name, version] of sets)
      expect([name, supported(name, version)]).toEqual([name, true]);
    // A set the workbench's Excel does not have is answered no, as Excel answers it.
    expect(supported("ExcelApi", "99.0")).toBe(false);
    expect(supported("NoSuchApi", "1.1")).toBe(false);
  });

  test("the startup behaviour is kept with the workbook: a reloaded pane finds what it set", async () => {
    await expect(office.addin.getStartupBehavior()).resolves.toBe("None");
    await office.addin.setStartupBehavior("Load");
    expect(bridge.startup).toMatchObject({ calls: ["Load"], current: "Load" });
    const reloaded = officeFor(undefined, bridge) as PaneOffice;
    await expect(reloaded.addin.getStartupBehavior()).resolves.toBe("Load");
  });

  test("outside the workbench there is no host, as office.js says in a plain browser", async () => {
    const alone = officeFor({ fromClient: "kept" }, undefined) as PaneOffice;
    const seen: unknown[] = [];
    await expect(alone.onReady((info) => seen.push(info))).resolves.toEqual({
      host: null,
      platform: null,
    });
    expect(seen).toEqual([{ host: null, platform: null }]);
    expect(alone.fromClient).toBe("kept");
  });
});

describe("CustomFunctions in the workbench", () => {
  test("functions.js registers its functions in the workbook, which then computes what waited for them", async () => {
    const made = workbench();
    const { workbook } = made;
    // Typed before the pane's frame loaded functions.js: #NAME?, as in Excel.
    workbook.setInput("Sheet1", "A1", "=CNAI.MARGIN_EXPANSION(30%,15%,2)");
    workbook.setInput("Sheet1", "A2", '=CNAI.APPENDIX("tokens",FALSE)');
    expect(workbook.value("Sheet1", "A1")).toMatchObject({ error: "#NAME?" });
    expect(made.associated()).toBe(0);
    let redrawn = 0;
    workbook.onChange(() => redrawn++);

    runFunctionsJs(standInCustomFunctions(made.bridge as WorkbenchBridge));
    expect(made.associated()).toBe(metadata.functions.length);
    await settle();
    // One recalculation for the whole bundle, not one per function.
    expect(made.rounds()).toBe(1);
    expect(redrawn).toBe(1);
    expect(workbook.value("Sheet1", "A1")).toBeCloseTo(
      call("MARGIN_EXPANSION", 0.3, 0.15, 2) as number,
      14
    );
    // A spill sized while its function was unknown takes its real size.
    expect(workbook.spill("Sheet1", "A2")).toEqual({ rows: 3, columns: 5 });
  });

  test("Error and ErrorCode are the workbench runtime's, so thrown errors show as Excel shows them", () => {
    const made = workbench();
    const customFunctions = standInCustomFunctions(made.bridge) as {
      Error: unknown;
      ErrorCode: unknown;
    };
    expect(customFunctions.Error).toBe(made.bridge.customFunctions.Error);
    expect(customFunctions.ErrorCode).toBe(made.bridge.customFunctions.ErrorCode);
    runFunctionsJs(customFunctions);
    made.workbook.setInput("Sheet1", "A1", "=CNAI.PRICE_COMPRESSION(150%)");
    expect(made.workbook.value("Sheet1", "A1")).toEqual({ error: "#NUM!", message: "" });
  });
});
