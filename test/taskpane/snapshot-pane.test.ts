/**
 * @jest-environment jsdom
 */
/* The Snapshot section rendered with fake actions, as test/taskpane/pane.test.ts renders the pane. */
import type { ActionReport } from "../../src/taskpane/actions";
import type { SnapshotActions } from "../../src/taskpane/snapshot";
import { SNAPSHOT_TEXT } from "../../src/taskpane/text";
import { builder } from "../../src/taskpane/ui/dom";
import { SectionHooks, renderSnapshotSection } from "../../src/taskpane/ui/snapshot";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const report = (summary: string, ok = true): ActionReport => ({ ok, summary, details: [] });

function render(overrides: Partial<SnapshotActions> = {}, options = {}) {
  const actions = {
    snapshot: jest.fn(async () => report("Snapshot: done.")),
    restore: jest.fn(async () => report("Restored.")),
    ...overrides,
  };
  const section = renderSnapshotSection(builder(document), actions, options);
  document.body.replaceChildren(section);
  const button = (label: string) =>
    [...section.querySelectorAll<HTMLElement>("button.button")].find(
      (b) => b.textContent === label
    ) as HTMLElement;
  const radio = (value: string) =>
    section.querySelector<HTMLInputElement>(
      `input[type=radio][value=${value}]`
    ) as HTMLInputElement;
  const status = section.querySelector("#cnai-snapshot-status") as HTMLElement;
  return { section, actions, button, radio, status };
}

test("a heading, a text, a choice of where, two buttons and a polite status region", () => {
  const { section, button, radio, status } = render();
  expect(section.querySelector("h2")?.textContent).toBe("Share without CNAI");
  expect(section.querySelector("legend")?.textContent).toBe("Where");
  const labels = [...section.querySelectorAll("label")].map((l) => l.textContent?.trim());
  expect(labels).toEqual(["Selection", "This sheet", "Whole workbook"]);
  expect(radio("sheet").checked).toBe(true);
  expect(button("Snapshot to values")).toBeDefined();
  expect(button("Restore formulas")).toBeDefined();
  expect(status.getAttribute("role")).toBe("status");
  expect(status.getAttribute("aria-live")).toBe("polite");
});

test("the buttons act on the scope chosen, and the status line shows the report", async () => {
  const { actions, button, radio, status } = render();
  radio("workbook").click();
  button("Snapshot to values").click();
  expect(status.textContent).toBe("Turning CNAI formulas into values…");
  await settle();
  expect(actions.snapshot).toHaveBeenCalledWith("workbook", "en");
  expect(status.textContent).toBe("Snapshot: done.");
  radio("selection").click();
  button("Restore formulas").click();
  await settle();
  expect(actions.restore).toHaveBeenCalledWith("selection", "en");
  expect(status.textContent).toBe("Restored.");
});

test("one action at a time: both buttons are off while one runs", async () => {
  let finish: (r: ActionReport) => void = () => undefined;
  const { actions, button } = render({
    snapshot: jest.fn(() => new Promise<ActionReport>((resolve) => (finish = resolve))),
  });
  button("Snapshot to values").click();
  expect(button("Restore formulas").hasAttribute("disabled")).toBe(true);
  button("Restore formulas").click();
  expect(actions.restore).not.toHaveBeenCalled();
  finish(report("Snapshot: done."));
  await settle();
  expect(button("Restore formulas").hasAttribute("disabled")).toBe(false);
});

test("a thrown error is shown in words", async () => {
  const { button, status } = render({
    restore: jest.fn(async () => {
      throw new Error("Excel is busy");
    }),
  });
  button("Restore formulas").click();
  await settle();
  expect(status.dataset.state).toBe("error");
  expect(status.textContent).toContain("Excel is busy");
});

test("in Chinese, every word is the Chinese of SNAPSHOT_TEXT", () => {
  const { section } = render({}, { lang: "zh-CN", scope: "workbook" });
  expect(section.querySelector("h2")?.textContent).toBe(SNAPSHOT_TEXT.title.zh);
  expect(section.textContent).toContain(SNAPSHOT_TEXT.snapshotButton.zh);
  expect(section.textContent).toContain(SNAPSHOT_TEXT.scopeWorkbook.zh);
  expect(section.querySelector<HTMLInputElement>("input[value=workbook]")?.checked).toBe(true);
});

test("the pane can lend its own buttons and hints", () => {
  const made: string[] = [];
  const hooks: SectionHooks = {
    button: (label) => {
      made.push(label);
      return document.createElement("button.button");
    },
    hint: (id) => Object.assign(document.createElement("p"), { id }),
  };
  const { section } = render({}, { hooks });
  expect(made).toEqual(["Snapshot to values", "Restore formulas"]);
  expect(section.querySelector("#cnai-snapshot-hint")).not.toBeNull();
});
