/**
 * Excel on the web's 5 MB limit on a request and on a response ("Resource limits and performance
 * optimization for Office Add-ins", Excel add-ins), through Microsoft's client: the codes and
 * messages the client knows, measured on the JSON as it travels.
 */
import { hostWorkbook } from "../../src/host/node";
import { failure } from "../helpers/failure";
import { PAYLOAD_LIMIT, utf8Bytes } from "../../src/host/protocol";

/** A column of `rows` texts of `width` ASCII letters: each travels as width + 2 quotes + 1 comma. */
const column = (rows: number, width: number) =>
  Array.from({ length: rows }, (_, i) => [`${"x".repeat(width - 6)}${String(i).padStart(6, "0")}`]);

describe("payload size, as Excel on the web limits it", () => {
  test("UTF-8 bytes: ASCII 1, é 2, 中 3, an emoji (a surrogate pair) 4", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("é")).toBe(2);
    expect(utf8Bytes("中文")).toBe(6);
    expect(utf8Bytes("😀")).toBe(4);
    expect(PAYLOAD_LIMIT).toBe(5_000_000);
  });

  test("a request over 5 MB is refused whole: RequestPayloadSizeLimitExceeded, nothing written", async () => {
    const { workbook, host, run } = hostWorkbook();
    // 50,000 cells × (100 letters + 2 quotes + 2 brackets + 1 comma) ≈ 5.25 MB in one sync.
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("C1").values = [["before the big write"]];
      sheet.getRange("A1:A50000").values = column(50_000, 100);
      await context.sync();
    });
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(error.message).toMatch(/^The request payload size has exceeded the limit\./);
    expect(workbook.value("Sheet1", "C1")).toBeNull();
    expect(workbook.value("Sheet1", "A1")).toBeNull();
    expect(host.largestRequest).toBeGreaterThan(5_000_000);
  });

  test("the same cells in two syncs pass, each under the limit", async () => {
    const { workbook, host, run } = hostWorkbook();
    const cells = column(50_000, 100);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:A25000").values = cells.slice(0, 25_000);
      await context.sync();
      sheet.getRange("A25001:A50000").values = cells.slice(25_000);
      await context.sync();
    });
    expect(workbook.value("Sheet1", "A50000")).toBe(cells[49_999][0]);
    expect(host.largestRequest).toBeLessThan(5_000_000);
    expect(host.largestRequest).toBeGreaterThan(2_500_000);
  });

  test("a response over 5 MB is refused after the request ran: what it wrote stays written", async () => {
    const { workbook, host, run } = hostWorkbook();
    const sheet = workbook.sheet("Sheet1");
    workbook.write(
      sheet,
      { top: 0, left: 0, bottom: 49_999, right: 0 },
      column(50_000, 100),
      "values"
    );
    const error = await failure(run, async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.getRange("C1").values = [["written before the read"]];
      ws.getRange("A1:A50000").load("values");
      await context.sync();
    });
    expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(error.message).toMatch(/^The response payload size has exceeded the limit\./);
    expect(workbook.value("Sheet1", "C1")).toBe("written before the read");
    expect(host.largestResponse).toBeGreaterThan(5_000_000);
    // Half of it is well under the limit.
    const half = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A25000");
      range.load("values");
      await context.sync();
      return range.values;
    });
    expect(half[24_999][0]).toBe(column(25_000, 100)[24_999][0]);
  });

  test("without a limit (Excel on the desktop) the same request passes", async () => {
    const { workbook, host, run } = hostWorkbook();
    host.payloadLimit = undefined;
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:A50000").values = column(
        50_000,
        100
      );
      await context.sync();
    });
    expect(workbook.value("Sheet1", "A50000")).toBe(column(50_000, 100)[49_999][0]);
  });
});
