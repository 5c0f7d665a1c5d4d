/**
 * @jest-environment jsdom
 */
/*
 * The pane rendered with fake actions and fake host info. Its controls are native <button> and
 * <input> elements (ui/controls.ts), the same here in jsdom as in Excel's webview; only their
 * look, taskpane.css, is the browser tests' to see.
 */
import { CATALOG, acceptsText } from "../../src/core";
import type { ActionReport } from "../../src/taskpane/actions";
import { HostInfo, PaneActions, renderPane } from "../../src/taskpane/ui/pane";

const IN_EXCEL: HostInfo = { host: "Excel" };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const report = (summary: string, details: string[] = [], ok = true): ActionReport => ({
  ok,
  summary,
  details,
});

function render(host: HostInfo | "not yet", overrides: Partial<PaneActions> = {}) {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const actions = {
    loadAppendixTables: jest.fn(async () => report("Loaded.")),
    buildModelSheet: jest.fn(async () => report("Built.")),
    insertFormula: jest.fn(async (formula: string) => report(`Inserted ${formula}.`)),
    ...overrides,
  };
  const pane = renderPane(root, actions);
  if (host !== "not yet") pane.setHost(host);
  return { root, actions, pane };
}

/** Name from aria-label, aria-labelledby, a <label for> or the text content, as browsers compute it. */
function accessibleName(element: Element): string {
  const label = element.getAttribute("aria-label");
  if (label) return label.trim();
  const labelledBy = element.getAttribute("aria-labelledby");
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ")
      .trim();
  }
  const forLabel = element.id && document.querySelector(`label[for="${element.id}"]`);
  if (forLabel) return (forLabel.textContent ?? "").trim();
  return (element.textContent ?? "").trim();
}

const CONTROLS = "button, input, select, textarea, a, summary";

function control(root: HTMLElement, name: string): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>(CONTROLS)].filter(
    (element) => accessibleName(element) === name
  );
  expect(found).toHaveLength(1);
  return found[0];
}

const actionButtons = (root: HTMLElement) => [
  ...root.querySelectorAll<HTMLElement>("button.button"),
];
const isDisabled = (element: HTMLElement) => element.hasAttribute("disabled");
const statusOf = (root: HTMLElement, section: string) =>
  root.querySelector<HTMLElement>(`#cnai-${section} [role="status"]`) as HTMLElement;
const shownFunctions = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>("li.fn")]
    .filter((li) => !li.hidden)
    .map((li) => li.dataset.name);

function search(root: HTMLElement, text: string): void {
  const box = control(root, "Search functions") as HTMLElement & { value?: string };
  box.value = text; // typing sets `value` before the input event reaches the page
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("layout and labels", () => {
  test("three sections, Data, Model and Functions, each named by its heading", () => {
    const { root } = render(IN_EXCEL);
    const sections = [...root.querySelectorAll("section")].filter(
      (s) => !(s as HTMLElement).hidden
    );
    expect(sections.map(accessibleName)).toEqual(["Data", "Model", "Functions"]);
    expect(sections.map((s) => s.querySelector("h2")?.textContent)).toEqual([
      "Data",
      "Model",
      "Functions",
    ]);
  });

  test("every button, input, link and summary has an accessible name", () => {
    const { root } = render(IN_EXCEL);
    const controls = [...root.querySelectorAll(CONTROLS)];
    expect(controls.length).toBeGreaterThan(2 * CATALOG.length);
    for (const element of controls)
      expect(`${element.tagName}: ${accessibleName(element)}`).toMatch(/: \S/);
  });

  test("the action buttons read exactly as the issue says; one Insert per function", () => {
    const { root } = render(IN_EXCEL);
    expect(control(root, "Load appendix tables").closest("section")?.id).toBe("cnai-data");
    expect(control(root, "Build model sheet").closest("section")?.id).toBe("cnai-model");
    const search = control(root, "Search functions") as HTMLInputElement;
    expect([search.tagName, search.type]).toEqual(["INPUT", "search"]);
    const inserts = actionButtons(root).filter((b) => b.textContent === "Insert");
    expect(inserts).toHaveLength(CATALOG.length);
  });

  test("every function with its description and arguments, from the catalogue", () => {
    const { root } = render(IN_EXCEL);
    expect(shownFunctions(root)).toEqual(CATALOG.map((def) => def.name));
    for (const def of CATALOG) {
      const item = root.querySelector(`li[data-name="${def.name}"]`) as HTMLElement;
      const text = item.textContent ?? "";
      expect(item.querySelector("h3")?.textContent).toBe(`CNAI.${def.name}`);
      expect(text).toContain(def.description);
      for (const param of def.params) {
        expect(text).toContain(param.name);
        expect(text).toContain(param.description);
        expect(text).toContain(acceptsText(param));
      }
      expect(item.querySelector("a")?.getAttribute("href")).toBe(
        `help/${def.name.toLowerCase()}.html`
      );
      expect(item.querySelector("code.formula")?.textContent).toBe(def.examples[0].formula);
    }
  });
});

describe("running an action", () => {
  test("busy while the action runs, then its summary and details in the section", async () => {
    const pending = deferred<ActionReport>();
    const { root, actions } = render(IN_EXCEL, {
      loadAppendixTables: jest.fn(() => pending.promise),
    });
    const load = control(root, "Load appendix tables");
    expect(isDisabled(load)).toBe(false);
    load.click();

    expect(actions.loadAppendixTables).toHaveBeenCalledTimes(1);
    expect(isDisabled(load)).toBe(true);
    expect(load.getAttribute("aria-busy")).toBe("true");
    expect(load.querySelector(".spinner")).not.toBeNull();
    expect(accessibleName(load)).toBe("Load appendix tables");
    for (const button of actionButtons(root)) expect(isDisabled(button)).toBe(true);
    expect(statusOf(root, "data").textContent).toBe("Loading the appendix tables…");
    load.click();
    control(root, "Build model sheet").click();
    expect(actions.loadAppendixTables).toHaveBeenCalledTimes(1);
    expect(actions.buildModelSheet).not.toHaveBeenCalled();

    pending.resolve(
      report("Loaded the appendix tables.", [
        "ChipParity: 3 generations.",
        "TokenEconomics: 3 metrics.",
      ])
    );
    await settle();
    expect(isDisabled(load)).toBe(false);
    expect(load.hasAttribute("aria-busy")).toBe(false);
    expect(load.querySelector(".spinner")).toBeNull();
    for (const button of actionButtons(root)) expect(isDisabled(button)).toBe(false);
    const status = statusOf(root, "data");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.dataset.state).toBe("ok");
    expect(status.querySelector("p")?.textContent).toBe("Loaded the appendix tables.");
    expect([...status.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "ChipParity: 3 generations.",
      "TokenEconomics: 3 metrics.",
    ]);
    expect(statusOf(root, "model").textContent).toBe("");
  });

  test("an action that rejects shows its error in words and frees the buttons", async () => {
    const { root } = render(IN_EXCEL, {
      buildModelSheet: jest.fn(async () => {
        throw new Error("The sheet Model is protected");
      }),
    });
    const build = control(root, "Build model sheet");
    build.click();
    await settle();
    const status = statusOf(root, "model");
    expect(status.dataset.state).toBe("error");
    expect(status.textContent).toBe(
      "Could not build the model sheet: The sheet Model is protected."
    );
    expect(isDisabled(build)).toBe(false);
    expect(build.hasAttribute("aria-busy")).toBe(false);
  });

  test("an action that throws before it returns a promise, with a non-Error, is shown in words", async () => {
    const { root } = render(IN_EXCEL, {
      insertFormula: jest.fn(() => {
        throw "Excel is not available";
      }),
    });
    (root.querySelector('li[data-name="VERSION"] button.button') as HTMLElement).click();
    await settle();
    expect(statusOf(root, "functions").textContent).toBe(
      "Could not insert =CNAI.VERSION(): Excel is not available."
    );
  });

  test("a report of failure is shown as an error with its details", async () => {
    const { root } = render(IN_EXCEL, {
      loadAppendixTables: jest.fn(async () =>
        report(
          "A sheet named ChipParity exists and was not made by CNAI.",
          ["Rename it and retry."],
          false
        )
      ),
    });
    control(root, "Load appendix tables").click();
    await settle();
    const status = statusOf(root, "data");
    expect(status.dataset.state).toBe("error");
    expect(status.textContent).toBe(
      "A sheet named ChipParity exists and was not made by CNAI.Rename it and retry."
    );
  });

  test("Insert passes the function's first example to insertFormula", async () => {
    const { root, actions } = render(IN_EXCEL);
    const item = root.querySelector('li[data-name="MARGIN_EXPANSION"]') as HTMLElement;
    const insert = item.querySelector("button.button") as HTMLElement;
    expect(accessibleName(insert)).toBe(
      "Insert =CNAI.MARGIN_EXPANSION(30%,15%,2) into the active cell"
    );
    expect(item.querySelector("code.formula")?.textContent).toBe(
      "=CNAI.MARGIN_EXPANSION(30%,15%,2)"
    );
    insert.click();
    expect(actions.insertFormula).toHaveBeenCalledWith("=CNAI.MARGIN_EXPANSION(30%,15%,2)", "en");
    expect(actions.insertFormula).toHaveBeenCalledTimes(1);
    await settle();
    expect(statusOf(root, "functions").textContent).toBe(
      "Inserted =CNAI.MARGIN_EXPANSION(30%,15%,2)."
    );
  });
});

describe("searching the reference", () => {
  test("filters by name, case-insensitively", () => {
    const { root } = render(IN_EXCEL);
    search(root, "margin");
    expect(shownFunctions(root)).toEqual(["TOKEN_MARGIN", "MARGIN_EXPANSION"]);
    search(root, "MARGIN");
    expect(shownFunctions(root)).toEqual(["TOKEN_MARGIN", "MARGIN_EXPANSION"]);
    expect(root.querySelector(".search-result")?.textContent).toBe(
      `2 of ${CATALOG.length} functions match “MARGIN”.`
    );
  });

  test("filters by description and by argument name", () => {
    const { root } = render(IN_EXCEL);
    search(root, "elasticity");
    expect(shownFunctions(root)).toEqual(["DEMAND_ELASTICITY"]);
    search(root, "PRICE ELASTICITY"); // "Price elasticity of token demand"
    expect(shownFunctions(root)).toEqual(["DEMAND_ELASTICITY"]);
    search(root, "stall_from");
    expect(shownFunctions(root)).toEqual(["PARITY_AT"]);
    expect(root.querySelector<HTMLDetailsElement>('li[data-name="PARITY_AT"] details')?.open).toBe(
      true
    );
  });

  test("says so when nothing matches, and shows all again when cleared", () => {
    const { root } = render(IN_EXCEL);
    search(root, "zzz");
    expect(shownFunctions(root)).toEqual([]);
    expect(root.querySelector(".search-result")?.textContent).toBe("No function matches “zzz”.");
    search(root, "");
    expect(shownFunctions(root)).toHaveLength(CATALOG.length);
    search(root, "zzz");
    const box = control(root, "Search functions");
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(shownFunctions(root)).toHaveLength(CATALOG.length);
  });
});

describe("outside Excel", () => {
  test("in a plain browser (no host) the pane explains CNAI and sideloading; actions are off", async () => {
    const { root, actions } = render({ host: null });
    const notice = root.querySelector("#cnai-outside") as HTMLElement;
    expect(notice.hidden).toBe(false);
    const text = notice.textContent ?? "";
    expect(text).toContain("custom functions in the CNAI namespace");
    expect(text).toContain("not in Excel");
    expect(text).toContain("npm start");
    expect(text).toContain("Home › Add-ins › More Add-ins › Upload My Add-in");
    expect(text).toContain("manifest.xml");

    const buttons = actionButtons(root);
    expect(buttons).toHaveLength(2 + CATALOG.length);
    for (const button of buttons) {
      expect(isDisabled(button)).toBe(true);
      const hints = (button.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id) as HTMLElement)
        .filter((hint) => hint?.classList.contains("hint"));
      expect(hints).toHaveLength(1);
      expect(hints[0].hidden).toBe(false);
      expect(hints[0].textContent).toContain("inside Excel");
    }
    control(root, "Load appendix tables").click();
    buttons[buttons.length - 1].click();
    await settle();
    expect(actions.loadAppendixTables).not.toHaveBeenCalled();
    expect(actions.insertFormula).not.toHaveBeenCalled();

    search(root, "margin"); // the reference stays browsable
    expect(shownFunctions(root)).toEqual(["TOKEN_MARGIN", "MARGIN_EXPANSION"]);
  });

  test("without office.js the notice says it did not load", () => {
    const { root } = render(undefined);
    const notice = root.querySelector("#cnai-outside") as HTMLElement;
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toContain("office.js");
    expect(control(root, "Build model sheet").hasAttribute("disabled")).toBe(true);
  });

  test("in Excel the notice and hints are hidden; before Office answers, actions wait", () => {
    const { root, pane } = render("not yet");
    expect(isDisabled(control(root, "Load appendix tables"))).toBe(true);
    expect((root.querySelector("#cnai-outside") as HTMLElement).hidden).toBe(true);
    pane.setHost(IN_EXCEL);
    expect(isDisabled(control(root, "Load appendix tables"))).toBe(false);
    expect((root.querySelector("#cnai-outside") as HTMLElement).hidden).toBe(true);
    expect([...root.querySelectorAll<HTMLElement>(".hint")].every((hint) => hint.hidden)).toBe(
      true
    );
  });
});
