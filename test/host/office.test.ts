/**
 * `Office` as the host gives it to the pane (src/host/office.ts), and the requirement-set gate it
 * feeds (src/host/requirements.ts): what onReady reports, the display language, isSetSupported's
 * answers and the record of its questions, the startup behaviour, and which questions let a member
 * above the manifest's ExcelApi through. Expected values are Office.js's documented ones.
 */
import { officeAsExcel } from "../../src/host/office";
import { HOST_SETS, manifestProfiles, refusal, versionAtLeast } from "../../src/host/requirements";

describe("Office as Excel initializes it", () => {
  test("onReady reports Excel on the web, to a callback and as a promise", async () => {
    const { office } = officeAsExcel(undefined);
    const onReady = office.onReady as (callback?: (info: unknown) => void) => Promise<unknown>;
    const reported = new Promise((resolve) => void onReady(resolve));
    const expected = { host: "Excel", platform: "OfficeOnline" };
    await expect(onReady()).resolves.toEqual(expected);
    await expect(reported).resolves.toEqual(expected);
    expect(office.HostType).toEqual({ Excel: "Excel" });
    expect(office.PlatformType).toEqual({ OfficeOnline: "OfficeOnline" });
    expect(office.StartupBehavior).toEqual({ none: "None", load: "Load" });
  });

  test("the display language: en-US unless the host is told otherwise", () => {
    const language = (options = {}) =>
      (officeAsExcel(undefined, options).office.context as { displayLanguage: string })
        .displayLanguage;
    expect(language()).toBe("en-US");
    expect(language({ displayLanguage: "zh-CN" })).toBe("zh-CN");
  });

  test("isSetSupported answers from the host's sets and records each question", () => {
    const { office, requirements } = officeAsExcel(undefined);
    const { isSetSupported } = (
      office.context as {
        requirements: { isSetSupported(name: string, version?: string | number): boolean };
      }
    ).requirements;
    expect(requirements.sets).toBe(HOST_SETS);
    expect(isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(isSetSupported("ExcelApi", "1.13")).toBe(false);
    expect(isSetSupported("ExcelApi")).toBe(true);
    expect(isSetSupported("WordApi", 1.1)).toBe(false);
    expect(requirements.asked).toEqual([
      { name: "ExcelApi", version: "1.12", answer: true },
      { name: "ExcelApi", version: "1.13", answer: false },
      // No version asked: Office.js reads it as 1.1.
      { name: "ExcelApi", version: "1.1", answer: true },
      { name: "WordApi", version: "1.1", answer: false },
    ]);
  });

  test("the startup behaviour: None at first, set to Load and back, anything else refused", async () => {
    const { office, startup } = officeAsExcel(undefined);
    const addin = office.addin as {
      setStartupBehavior(behavior: string): Promise<void>;
      getStartupBehavior(): Promise<string>;
    };
    await expect(addin.getStartupBehavior()).resolves.toBe("None");
    await addin.setStartupBehavior("Load");
    await expect(addin.getStartupBehavior()).resolves.toBe("Load");
    await expect(addin.setStartupBehavior("Always")).rejects.toMatchObject({
      message: '"Always" is not a startup behavior.',
      code: "InvalidArgument",
    });
    await addin.setStartupBehavior("None");
    expect(startup).toEqual({ calls: ["Load", "None"], current: "None" });
  });

  test("its members stand over the client's namespace, whose context is read-only, and stay replaceable", () => {
    const base = Object.defineProperty({ fromClient: 1 }, "context", {
      value: "the client's",
      writable: false,
    });
    const { office } = officeAsExcel(base);
    expect(typeof office.context).toBe("object");
    expect(office.fromClient).toBe(1);
    // As office.js's own members: listed, writable and deletable, so code can wrap onReady.
    expect(Object.keys(office).sort()).toEqual(
      ["PlatformType", "HostType", "StartupBehavior", "addin", "context", "onReady"].sort()
    );
    const wrapped = () => Promise.resolve("wrapped");
    office.onReady = wrapped;
    expect(office.onReady).toBe(wrapped);
    expect(delete office.onReady).toBe(true);
  });
});

describe("versions and the member gate", () => {
  test.each([
    ["1.12", "1.9", true],
    ["1.9", "1.12", false],
    ["1.12", "1.12", true],
    ["1.12", "1.12.1", false],
    ["1.12.1", "1.12", true],
    ["2", "1.20", true],
  ])("%s is at least %s: %s", (have, want, atLeast) => {
    expect(versionAtLeast(have, want)).toBe(atLeast);
  });

  // Range.getSpillingToRangeOrNullObject is ExcelApi 1.12; the manifest declares 1.9.
  const [web] = manifestProfiles("1.9");
  const MEMBER = "Range.getSpillingToRangeOrNullObject";
  test.each([
    ["nothing asked", [], false],
    [
      "ExcelApi 1.12 asked, answered yes",
      [{ name: "ExcelApi", version: "1.12", answer: true }],
      true,
    ],
    [
      "ExcelApi 1.12 asked, answered no",
      [{ name: "ExcelApi", version: "1.12", answer: false }],
      false,
    ],
    ["only ExcelApi 1.10 asked", [{ name: "ExcelApi", version: "1.10", answer: true }], false],
    ["another set asked", [{ name: "WordApi", version: "1.12", answer: true }], false],
  ])("%s: the member answers %s", (_, asked, answers) => {
    const refused = refusal(web, asked, MEMBER);
    if (answers) expect(refused).toBeUndefined();
    else
      expect(refused).toBe(
        "The method or property Range.getSpillingToRangeOrNullObject is part of the ExcelApi 1.12 requirement set, which is not available in your version of Excel."
      );
  });
});
