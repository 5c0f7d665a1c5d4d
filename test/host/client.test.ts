/**
 * Microsoft's Excel client under Node on several hosts at once (src/host/client.ts, src/host/node.ts):
 * each workbook's `run` reaches its own host, a plain `Excel.run` the first one connected, a URL no
 * host serves an error in the client's words; the client is loaded once per realm, and this
 * realm's `Office` answers `isSetSupported` as the Excel the last workbook was hosted as.
 */
import { PANE_PROFILES, excelClient, hostWorkbook } from "../../src/host/node";

const readA1 = async (context: Excel.RequestContext) => {
  const cell = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
  cell.load("values");
  await context.sync();
  return cell.values[0][0];
};

const hostWriting = (text: string, profile = PANE_PROFILES[0]) => {
  const hosted = hostWorkbook(undefined, {}, profile);
  hosted.workbook.typeInto(hosted.workbook.sheet("Sheet1"), 0, 0, text);
  return hosted;
};

// First in the file: the test that loads the client into this realm is the one Stryker counts as
// covering node.ts's loading of it (docs/development.md, "What counts as a test's coverage").
describe("the realm's client and Office", () => {
  it("the client script is loaded once: every call hands back the same Excel", () => {
    const { Excel, OfficeExtension } = excelClient();
    expect(excelClient().Excel).toBe(Excel);
    expect(excelClient().OfficeExtension).toBe(OfficeExtension);
  });

  it("Office answers isSetSupported as the Excel the last workbook was hosted as, and records the question", () => {
    const office = () =>
      (globalThis as unknown as { Office: typeof Office }).Office.context.requirements;
    hostWriting("web", PANE_PROFILES[0]);
    expect(office().isSetSupported("ExcelApi", "1.12")).toBe(true);
    const oldest = hostWriting("oldest", PANE_PROFILES[1]);
    expect(office().isSetSupported("ExcelApi", "1.12")).toBe(false);
    expect(office().isSetSupported("ExcelApi", PANE_PROFILES[1].declared)).toBe(true);
    expect(oldest.host).toBeDefined();
  });
});

describe("one client, several hosts", () => {
  // Hosted inside the test, not in the file's body, so that the mutation run counts the routing
  // as this test's (docs/development.md, "What counts as a test's coverage").
  it("each workbook's run reaches its own host; a plain Excel.run the realm's first, not the latest", async () => {
    const first = hostWriting("first");
    const { Excel } = excelClient();
    // The realm's first host: this one, or one an earlier test of this file connected.
    const plain = await Excel.run(readA1);
    const second = hostWriting("second");
    await expect(first.run(readA1)).resolves.toBe("first");
    await expect(second.run(readA1)).resolves.toBe("second");
    await expect(Excel.run(readA1)).resolves.toBe(plain);
    hostWriting("third");
    await expect(Excel.run(readA1)).resolves.toBe(plain);
    expect(["second", "third"]).not.toContain(plain);
  });

  it("a request to a URL no host serves fails with InvalidRequest, naming the URL", async () => {
    const { Excel } = excelClient();
    const nowhere = new Excel.RequestContext("https://excel-host.cnai.invalid/99/");
    const error = await Excel.run(nowhere, readA1).then(
      () => undefined,
      (reason: OfficeExtension.Error) => reason
    );
    expect(error?.code).toBe("InvalidRequest");
    expect(error?.message).toContain(
      "No Excel host at https://excel-host.cnai.invalid/99/ProcessQuery"
    );
  });
});
