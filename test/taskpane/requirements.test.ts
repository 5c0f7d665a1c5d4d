/**
 * Requirement sets: the manifest declares the ExcelApi version CNAI needs, and the pane must call
 * nothing above it without asking `Office.context.requirements.isSetSupported` first — an Excel
 * with only the declared set would answer ApiNotFound. Checked against Microsoft's reference as
 * @types/office-js carries it (test/helpers/office-types.ts), not against the host's own table:
 * every member the pane's actions dispatch is looked up there, and the host's table
 * (src/host/requirements.ts) is held to it entry by entry.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { hostWorkbook, PANE_PROFILES } from "../../src/host/node";
import { EXCEL_API_MEMBERS, ExcelProfile, versionAtLeast } from "../../src/host/requirements";
import { makeActions } from "../../src/taskpane/actions";
import { makeRepairActions } from "../../src/taskpane/repair";
import { makeSnapshotActions } from "../../src/taskpane/snapshot";
import { SNAPSHOT_TEXT } from "../../src/taskpane/text";
import { excelApiReference } from "../helpers/office-types";

const manifest = readFileSync(join(__dirname, "..", "..", "manifest.xml"), "utf8");
const declared = manifest.match(/<Set Name="ExcelApi" MinVersion="([\d.]+)"\s*\/>/)?.[1] as string;
const [web, oldest] = PANE_PROFILES;

/** Every action of the pane, in an order that gives each something to do; the reports. */
async function everyAction(profile: ExcelProfile) {
  const { workbook, host, run } = hostWorkbook(undefined, undefined, profile);
  const actions = makeActions(run);
  const snapshots = makeSnapshotActions(run);
  const reports = [
    await actions.loadAppendixTables(),
    await actions.buildModelSheet(),
    await actions.loadAppendixTables(),
    await actions.buildModelSheet(),
    await actions.insertFormula("=CNAI.VERSION()"),
    await actions.resetTables!(),
  ];
  // A call stuck in the form Excel saves it in, for Repair.
  workbook.setInput("Sheet1", "A1", '=_xldudf_CNAI_PARITY_AT("2H25")');
  reports.push(await makeRepairActions(run).repair());
  for (const scope of ["workbook", "sheet", "selection"] as const)
    reports.push(await snapshots.snapshot(scope), await snapshots.restore(scope));
  return { reports, members: [...host.members].sort(), workbook };
}

describe("the members the pane calls, against the manifest's ExcelApi", () => {
  let onWeb: Awaited<ReturnType<typeof everyAction>>;
  beforeAll(async () => {
    onWeb = await everyAction(web);
  });

  test(
    "the profiles are the manifest's: Excel on the web, and an Excel with only ExcelApi " +
      declared,
    () => {
      expect(declared).toMatch(/^1\.\d+$/);
      expect(web.declared).toBe(declared);
      expect(oldest.declared).toBe(declared);
      expect(oldest.sets.ExcelApi).toBe(declared);
      expect(web.payloadLimit).toBe(5_000_000);
    }
  );

  test("every action succeeds where members above the manifest's set need a yes from isSetSupported", () => {
    expect(onWeb.reports.filter((r) => !r.ok)).toEqual([]);
    expect(onWeb.reports).toHaveLength(13);
  });

  test("every member the pane dispatched is in Microsoft's reference, and in the host's table with the same set", () => {
    const reference = excelApiReference();
    expect(onWeb.members.length).toBeGreaterThan(40);
    const unknown = onWeb.members.filter((m) => !reference.has(m));
    expect(unknown).toEqual([]);
    const differ = onWeb.members.filter((m) => EXCEL_API_MEMBERS[m] !== reference.get(m));
    expect(differ).toEqual([]);
  });

  test("the host's table holds no entry the reference disagrees with, and none the pane does not call", () => {
    const reference = excelApiReference();
    for (const [member, set] of Object.entries(EXCEL_API_MEMBERS))
      expect([member, set]).toEqual([member, reference.get(member)]);
    expect(Object.keys(EXCEL_API_MEMBERS).sort()).toEqual(onWeb.members);
  });

  test("above the manifest's set the pane calls only spill ranges (ExcelApi 1.12), which Snapshot asks about first", () => {
    const reference = excelApiReference();
    const above = onWeb.members.filter(
      (m) => !versionAtLeast(declared, reference.get(m) as string)
    );
    expect(above).toEqual(["Range.getSpillingToRangeOrNullObject"]);
    expect(reference.get("Range.getSpillingToRangeOrNullObject")).toBe("1.12");
  });

  test("on the oldest Excel the manifest admits every action succeeds, nothing above its set is called, and Snapshot says it took each formula as one cell", async () => {
    const onOldest = await everyAction(oldest);
    expect(onOldest.reports.filter((r) => !r.ok)).toEqual([]);
    const reference = excelApiReference();
    expect(
      onOldest.members.filter((m) => !versionAtLeast(declared, reference.get(m) as string))
    ).toEqual([]);
    const snapshot = onOldest.reports[7];
    expect(snapshot.details).toContain(SNAPSHOT_TEXT.noSpillApi.en);
  });
});

describe("the host's member gate, through the client", () => {
  const spillOf = (run: ReturnType<typeof hostWorkbook>["run"]) =>
    run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").formulas = [["=SEQUENCE(3)"]];
      const spill = sheet.getRange("A1").getSpillingToRangeOrNullObject().load("address");
      await context.sync();
      return spill.address;
    });

  test.each([
    ["Excel on the web", web],
    ["the oldest Excel", oldest],
  ])(
    "on %s a member above the manifest's set, unasked, answers ApiNotFound with Excel's message",
    async (_, profile) => {
      const { run } = hostWorkbook(undefined, undefined, profile);
      await expect(spillOf(run)).rejects.toMatchObject({
        code: "ApiNotFound",
        message:
          "The method or property Range.getSpillingToRangeOrNullObject is part of the ExcelApi 1.12 requirement set, which is not available in your version of Excel.",
      });
    }
  );

  test("on Excel on the web, asked first and answered yes, it answers", async () => {
    const { run } = hostWorkbook(undefined, undefined, web);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(true);
    await expect(spillOf(run)).resolves.toBe("Sheet1!A1:A3");
  });

  test("on the oldest Excel the answer is no, and the member still answers ApiNotFound", async () => {
    const { run } = hostWorkbook(undefined, undefined, oldest);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(false);
    expect(Office.context.requirements.isSetSupported("ExcelApi", declared)).toBe(true);
    await expect(spillOf(run)).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("asking for a lower set does not open a higher one", async () => {
    const { run } = hostWorkbook(undefined, undefined, web);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.11")).toBe(true);
    await expect(spillOf(run)).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});
