/**
 * @jest-environment jsdom
 */
/*
 * When a workbook opens (issue 13), in the pane: Excel is asked to start CNAI with a workbook once it
 * holds CNAI content, through `Office.addin` as the Office stand-in (src/host/office.ts) records it;
 * the pane says so once; settings turn it and the repair at start off; the Repair button. The
 * actions are fakes, as in pane.test.ts; the repair itself is tested on the host (repair.test.ts).
 */
import { officeAsExcel } from "../../src/host/office";
import type { ActionReport } from "../../src/taskpane/actions";
import type { RepairActions, RepairReport } from "../../src/taskpane/repair";
import { officeStartup } from "../../src/taskpane/startup";
import { PANE_TEXT } from "../../src/taskpane/text";
import {
  HostInfo,
  PaneOptions,
  REPAIR_KEY,
  START_KEY,
  STARTUP_NOTICE_KEY,
  renderPane,
} from "../../src/taskpane/ui/pane";
import { CHINESE, englishWords } from "../helpers/chinese";
import { memoryStorage } from "./storage";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const report = (summary: string, ok = true): ActionReport => ({ ok, summary, details: [] });

const repairReport = (overrides: Partial<RepairReport> = {}): RepairReport => ({
  ok: true,
  summary: "All 3 CNAI formulas in this workbook compute: nothing to repair.",
  details: [],
  found: 3,
  repaired: 0,
  needing: 0,
  ...overrides,
});

/** The pane in Excel, with the Office stand-in's startup behaviour and a repair that finds `found`. */
function render(
  options: { storage?: ReturnType<typeof memoryStorage>; repair?: Partial<RepairReport> } = {},
  host: { startup?: boolean; displayLanguage?: string } = {}
) {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const excel = officeAsExcel(undefined);
  const actions = {
    loadAppendixTables: jest.fn(async () => report("Loaded.")),
    buildModelSheet: jest.fn(async () => report("Built.")),
    insertFormula: jest.fn(async (formula: string) => report(`Inserted ${formula}.`)),
  };
  const repair: RepairActions = {
    repair: jest.fn(async () => repairReport(options.repair)),
  };
  const storage = options.storage ?? memoryStorage();
  const paneOptions: PaneOptions = { storage, repair };
  const pane = renderPane(root, actions, paneOptions);
  const info: HostInfo = {
    host: "Excel",
    displayLanguage: host.displayLanguage,
    startup: host.startup === false ? undefined : officeStartup(excel.office),
  };
  pane.setHost(info);
  return { root, pane, actions, repair, storage, calls: excel.startup.calls };
}

const button = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll<HTMLElement>("button.button")].find(
    (b) => b.textContent === text
  ) as HTMLElement;
const checkbox = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLInputElement>(`#cnai-open-${id}`) as HTMLInputElement;
const status = (root: HTMLElement, section: string) =>
  root.querySelector<HTMLElement>(`#cnai-${section}-status`) as HTMLElement;
const details = (root: HTMLElement, section: string) =>
  [...status(root, section).querySelectorAll("li")].map((li) => li.textContent);

function toggle(input: HTMLInputElement): void {
  input.checked = !input.checked;
  input.dispatchEvent(new Event("change"));
}

describe("Excel starts CNAI with a workbook that holds CNAI content", () => {
  test("after Load and Build: Load, said once in the report, remembered in the pane's storage", async () => {
    const { root, calls, storage } = render();
    expect(calls).toEqual([]);
    button(root, "Load appendix tables").click();
    await settle();
    expect(calls).toEqual(["Load"]);
    expect(status(root, "data").querySelector("p")?.textContent).toBe("Loaded.");
    expect(details(root, "data")).toEqual([PANE_TEXT.startupNotice.en]);
    expect(storage.items.get(STARTUP_NOTICE_KEY)).toBe("shown");

    button(root, "Build model sheet").click();
    await settle();
    expect(calls).toEqual(["Load", "Load"]);
    expect(details(root, "model")).toEqual([]);
  });

  test("the notice is not said again in a later session", async () => {
    const { root, calls } = render({ storage: memoryStorage({ [STARTUP_NOTICE_KEY]: "shown" }) });
    button(root, "Build model sheet").click();
    await settle();
    expect(calls).toEqual(["Load"]);
    expect(details(root, "model")).toEqual([]);
  });

  test("an action that failed leaves the startup behaviour alone", async () => {
    const { root, actions, calls } = render();
    actions.buildModelSheet.mockResolvedValueOnce(report("Could not.", false));
    button(root, "Build model sheet").click();
    await settle();
    expect(calls).toEqual([]);
  });

  test("an inserted CNAI formula is CNAI content too", async () => {
    const { root, calls } = render();
    (root.querySelector('li[data-name="VERSION"] button.button') as HTMLElement).click();
    await settle();
    expect(calls).toEqual(["Load"]);
  });

  test("the setting turns it off: None at once, and nothing after Load or Build", async () => {
    const { root, calls, storage } = render();
    const start = checkbox(root, "start");
    expect(start.checked).toBe(true);
    expect(start.closest("label")?.textContent?.trim()).toBe(
      "Start CNAI with workbooks that hold CNAI formulas"
    );
    toggle(start);
    await settle();
    expect(calls).toEqual(["None"]);
    expect(storage.items.get(START_KEY)).toBe("off");
    expect(status(root, "open").textContent).toBe(PANE_TEXT.startupOff.en);
    button(root, "Build model sheet").click();
    await settle();
    expect(calls).toEqual(["None"]);
    expect(details(root, "model")).toEqual([]);

    // Turned on again in a workbook that holds CNAI content: Load at once.
    toggle(start);
    await settle();
    expect(calls).toEqual(["None", "Load"]);
    expect(storage.items.has(START_KEY)).toBe(false);
    expect(status(root, "open").textContent).toBe(PANE_TEXT.startupOn.en);
  });

  test("the setting is remembered: a later pane starts with it off", async () => {
    const { root, calls } = render({ storage: memoryStorage({ [START_KEY]: "off" }) });
    expect(checkbox(root, "start").checked).toBe(false);
    button(root, "Load appendix tables").click();
    await settle();
    expect(calls).toEqual([]);
  });

  test("where Excel cannot set it (no Office.addin, no SharedRuntime 1.1), nothing is done nor said", async () => {
    expect(officeStartup(undefined)).toBeUndefined();
    expect(officeStartup({})).toBeUndefined();
    const older = officeAsExcel(undefined).office as Record<string, unknown>;
    older.context = { requirements: { isSetSupported: () => false } };
    expect(officeStartup(older)).toBeUndefined();

    const { root, storage } = render({}, { startup: false });
    expect(checkbox(root, "start").closest(".setting")?.hasAttribute("hidden")).toBe(true);
    button(root, "Build model sheet").click();
    await settle();
    expect(details(root, "model")).toEqual([]);
    expect(storage.items.has(STARTUP_NOTICE_KEY)).toBe(false);
  });

  test("a host that refuses says so in the report", async () => {
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const failing = {
      set: () =>
        Promise.reject(Object.assign(new Error("Access denied"), { code: "AccessDenied" })),
    };
    const pane = renderPane(root, {
      loadAppendixTables: async () => report("Loaded."),
      buildModelSheet: async () => report("Built."),
      insertFormula: async () => report("Inserted."),
    });
    pane.setHost({ host: "Excel", startup: failing });
    button(root, "Build model sheet").click();
    await settle();
    expect(details(root, "model")).toEqual([
      "CNAI could not set whether Excel starts it with this workbook: Access denied",
    ]);
  });
});

describe("when CNAI starts in a workbook", () => {
  test("it repairs, and a workbook with CNAI formulas gets Load; nothing to repair says nothing", async () => {
    const { pane, repair, calls, root } = render();
    await pane.start();
    expect(repair.repair).toHaveBeenCalledWith("en", { write: true });
    expect(calls).toEqual(["Load"]);
    // The once-only notice is the one thing to say.
    expect(status(root, "open").querySelector("p")?.textContent).toBe(
      "All 3 CNAI formulas in this workbook compute: nothing to repair."
    );
    expect(details(root, "open")).toEqual([PANE_TEXT.startupNotice.en]);

    const later = render({ storage: memoryStorage({ [STARTUP_NOTICE_KEY]: "shown" }) });
    await later.pane.start();
    expect(later.calls).toEqual(["Load"]);
    expect(status(later.root, "open").textContent).toBe("");
    expect(status(later.root, "open").dataset.state).toBeUndefined();
  });

  test("what it repaired is reported; a workbook without CNAI formulas is left as it is", async () => {
    const repaired = render({
      storage: memoryStorage({ [STARTUP_NOTICE_KEY]: "shown" }),
      repair: { summary: "Repaired 2 CNAI formulas: 2 cells on Sheet1.", repaired: 2 },
    });
    await repaired.pane.start();
    expect(status(repaired.root, "open").textContent).toBe(
      "Repaired 2 CNAI formulas: 2 cells on Sheet1."
    );

    const empty = render({
      repair: { found: 0, summary: "This workbook holds no CNAI formulas." },
    });
    await empty.pane.start();
    expect(empty.calls).toEqual([]);
    expect(status(empty.root, "open").textContent).toBe("");
  });

  test("with repair at start turned off it only looks, to start CNAI with the workbook", async () => {
    const { root, pane, repair, calls, storage } = render();
    const setting = checkbox(root, "repair");
    expect(setting.closest("label")?.textContent?.trim()).toBe(
      "Repair stuck CNAI formulas when CNAI starts"
    );
    toggle(setting);
    expect(storage.items.get(REPAIR_KEY)).toBe("off");
    await pane.start();
    expect(repair.repair).toHaveBeenCalledWith("en", { write: false });
    expect(calls).toEqual(["Load"]);
  });

  test("with both settings off it does nothing at all", async () => {
    const { pane, repair, calls } = render({
      storage: memoryStorage({ [START_KEY]: "off", [REPAIR_KEY]: "off" }),
    });
    await pane.start();
    expect(repair.repair).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  test("outside Excel it does nothing", async () => {
    const root = document.createElement("div");
    const repair = { repair: jest.fn(async () => repairReport()) };
    const pane = renderPane(
      root,
      {
        loadAppendixTables: async () => report(""),
        buildModelSheet: async () => report(""),
        insertFormula: async () => report(""),
      },
      { repair }
    );
    pane.setHost({ host: null });
    await pane.start();
    expect(repair.repair).not.toHaveBeenCalled();
  });
});

describe("the Repair CNAI formulas button", () => {
  test("in its own section, it repairs on demand and shows the report, whatever it says", async () => {
    const { root, repair } = render({
      storage: memoryStorage({ [STARTUP_NOTICE_KEY]: "shown" }),
    });
    const repairButton = button(root, "Repair CNAI formulas");
    expect(repairButton.closest("section")?.querySelector("h2")?.textContent).toBe(
      "When a workbook opens"
    );
    repairButton.click();
    expect(status(root, "open").textContent).toBe("Repairing CNAI formulas…");
    await settle();
    expect(repair.repair).toHaveBeenCalledWith("en");
    expect(status(root, "open").textContent).toBe(
      "All 3 CNAI formulas in this workbook compute: nothing to repair."
    );
  });

  test("in Chinese: every word of the section is Chinese", () => {
    const { root } = render({}, { displayLanguage: "zh-CN" });
    const section = root.querySelector("#cnai-open") as HTMLElement;
    expect(section.querySelector("h2")?.textContent).toBe("打开工作簿时");
    expect(button(root, "修复CNAI公式")).toBeDefined();
    const texts = [...section.querySelectorAll("h2, p, legend, label")].map(
      (e) => e.textContent?.trim() ?? ""
    );
    expect(texts.filter((text) => !CHINESE.test(text) || englishWords(text).length > 0)).toEqual(
      []
    );
  });
});
