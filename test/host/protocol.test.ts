/**
 * The host's side of the protocol that the other host suites reach only in passing
 * (src/host/protocol.ts): the payload limit at its boundary and how a refusal is counted and
 * logged, fault injection by step, by matching step and by request, the log and kinds of steps
 * the fault-injection suites choose from, and the answers to requests Microsoft's client sends
 * only when something is wrong (an undefined object path, a released reference, an action or path
 * type Excel does not have). Requests the client never sends are made by hand, as JSON, and given
 * to `processQuery`, as the client's transport would.
 */
import { hostWorkbook } from "../../src/host/node";
import type { RequestBody } from "../../src/host/protocol";
import { failure } from "../helpers/failure";

const PAYLOAD_DOCS =
  '"https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".';

describe("the payload limit at its boundary", () => {
  /** Range A1 of Sheet1, loaded: the request and its answer the same bytes every time. */
  const LOAD_A1 = JSON.stringify({
    Actions: [
      { Id: 5, ActionType: 2, Name: "", ObjectPathId: 4, QueryInfo: { Select: ["values"] } },
    ],
    ObjectPaths: {
      "1": { Id: 1, ObjectPathType: 1, Name: "" },
      "2": { Id: 2, ObjectPathType: 4, Name: "Worksheets", ParentObjectPathId: 1 },
      "3": {
        Id: 3,
        ObjectPathType: 5,
        Name: "",
        ParentObjectPathId: 2,
        ArgumentInfo: { Arguments: ["Sheet1"] },
      },
      "4": {
        Id: 4,
        ObjectPathType: 3,
        Name: "GetRange",
        ParentObjectPathId: 3,
        ArgumentInfo: { Arguments: ["A1"] },
      },
    },
  });
  const refusal = (body: string) => JSON.parse(body).Error as { Code: string; Message: string };

  it("a request of exactly the limit is answered; one byte over is refused whole, counted as a sync and logged", async () => {
    const { host } = hostWorkbook();
    const size = Buffer.byteLength(LOAD_A1);
    host.payloadLimit = size;
    const answered = await host.send({ body: LOAD_A1 });
    expect(JSON.parse(answered.body)).toEqual({
      Results: [{ ActionId: 5, Value: { Values: [[""]] } }],
    });

    host.resetCounts();
    host.payloadLimit = size - 1;
    const refused = await host.send({ body: LOAD_A1 });
    expect({ ...refused, body: undefined }).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: undefined,
    });
    expect(refusal(refused.body)).toEqual({
      Code: "RequestPayloadSizeLimitExceeded",
      Message: `The request payload size has exceeded the limit. Please refer to the documentation: ${PAYLOAD_DOCS}`,
      HttpStatusCode: 400,
    });
    expect(JSON.parse(refused.body).Results).toEqual([]);
    expect([host.requests, host.syncs, host.steps]).toEqual([1, 1, 0]);
    expect(host.log).toEqual([`request of ${size} bytes refused`, "sync"]);
    expect(host.largestRequest).toBe(size);
  });

  it("an answer of exactly the limit is sent; one byte over is refused after the request ran, logged with its size", async () => {
    const { workbook, host } = hostWorkbook();
    workbook.setInput("Sheet1", "A1", "x".repeat(2_000));
    const size = Buffer.byteLength((await host.send({ body: LOAD_A1 })).body);
    expect(size).toBeGreaterThan(2_000);
    expect(host.largestResponse).toBe(size);

    host.payloadLimit = size;
    expect(JSON.parse((await host.send({ body: LOAD_A1 })).body).Results).toHaveLength(1);

    host.resetCounts();
    host.payloadLimit = size - 1;
    expect(refusal((await host.send({ body: LOAD_A1 })).body)).toEqual({
      Code: "ResponsePayloadSizeLimitExceeded",
      Message: `The response payload size has exceeded the limit. Please refer to the documentation: ${PAYLOAD_DOCS}`,
      HttpStatusCode: 400,
    });
    expect(host.log).toEqual([
      "load Range Sheet1!A1 values",
      "sync",
      `response of ${size} bytes refused`,
    ]);
  });

  it("an answer travels as JSON with status 200", async () => {
    const { host } = hostWorkbook();
    const answer = await host.send({ body: JSON.stringify({ Actions: [], ObjectPaths: {} }) });
    expect(answer).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: '{"Results":[]}',
    });
  });
});

describe("fault injection", () => {
  it("failOn fails the nth step whose log text matches (0-based), counting only the matching ones", async () => {
    const { workbook, host, run } = hostWorkbook();
    host.faults = { failOn: { match: /\.values = /, nth: 1 } };
    const error = await failure(run, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[1]];
      sheet.getRange("A2").formulas = [["=1+1"]];
      sheet.getRange("A3").values = [[3]];
      sheet.getRange("A4").values = [[4]];
      await context.sync();
    });
    expect(error).toEqual({
      code: "GeneralException",
      message: "Step 2 (Range Sheet1!A3.values = [1×1]) failed (fault injected).",
    });
    expect(workbook.value("Sheet1", "A2")).toBe(2);
    expect(workbook.value("Sheet1", "A3")).toBeNull();
  });

  it("failOn's first match is nth 0; the count starts again after resetCounts", async () => {
    const { host, run } = hostWorkbook();
    const twoWrites = async (context: Excel.RequestContext) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1").values = [["b"]];
      sheet.getRange("A1").values = [["a"]];
      await context.sync();
    };
    host.faults = { failOn: { match: /A1\.values/, nth: 0 } };
    expect((await failure(run, twoWrites)).message).toBe(
      "Step 1 (Range Sheet1!A1.values = [1×1]) failed (fault injected)."
    );
    host.resetCounts();
    expect((await failure(run, twoWrites)).message).toBe(
      "Step 1 (Range Sheet1!A1.values = [1×1]) failed (fault injected)."
    );
  });

  it("failStep's and failSync's code is GeneralException unless chosen, answered with HTTP 500; others 400", () => {
    const { host } = hostWorkbook();
    const request: RequestBody = {
      Actions: [{ Id: 2, ActionType: 2, Name: "", ObjectPathId: 1 }],
      ObjectPaths: { "1": { Id: 1, ObjectPathType: 1, Name: "" } },
    };
    host.faults = { failSync: 0 };
    expect(host.processQuery(request).Error).toEqual({
      Code: "GeneralException",
      Message: "Request 0 failed (fault injected).",
      Location: undefined,
      ActionIndex: 0,
      HttpStatusCode: 500,
    });
    host.faults = { failStep: 0 };
    expect(host.processQuery(request).Error).toMatchObject({
      Code: "GeneralException",
      Message: "Step 0 (load Workbook *) failed (fault injected).",
      HttpStatusCode: 500,
    });
    host.faults = { failSync: 2, failCode: "InvalidArgument" };
    expect(host.processQuery(request).Error).toMatchObject({
      Code: "InvalidArgument",
      Message: "Request 2 failed (fault injected).",
      HttpStatusCode: 400,
    });
  });

  it("the failing action's index: the second of three", () => {
    const { host } = hostWorkbook();
    const request: RequestBody = {
      Actions: [
        { Id: 1, ActionType: 1, Name: "", ObjectPathId: 1 },
        { Id: 2, ActionType: 2, Name: "", ObjectPathId: 9 },
        { Id: 3, ActionType: 2, Name: "", ObjectPathId: 1 },
      ],
      ObjectPaths: { "1": { Id: 1, ObjectPathType: 1, Name: "" } },
    };
    const answer = host.processQuery(request);
    expect(answer.Results).toHaveLength(1);
    expect(answer.Error).toMatchObject({
      Code: "InvalidObjectPath",
      Message: "The request names object path 9 without defining it.",
      ActionIndex: 1,
      HttpStatusCode: 400,
    });
  });
});

describe("what a request did, step by step", () => {
  it("logs each load, call and set with its object and arguments, and each step's kind", async () => {
    const { host, run } = hostWorkbook();
    expect(host.kinds).toEqual([]);
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const range = sheets.getItem("Sheet1").getRange("A1:B2");
      range.load(["values", "formulas"]);
      range.format.load();
      sheets.add("Inputs");
      context.workbook.names.add("Long", `=Sheet1!$A$1+${"1+".repeat(40)}1`);
      context.workbook.names.add("Eighty", `=Sheet1!$A$1${"+1".repeat(33)}`);
      sheets.getItem("Sheet1").getRange("C1").values = [[1]];
      sheets.getItem("Sheet1").activate();
      sheets.getItemOrNullObject("Nope").load();
      await context.sync();
    });
    expect(host.log).toEqual([
      "load WorksheetCollection name",
      "load Range Sheet1!A1:B2 values,formulas",
      "load RangeFormat Sheet1!A1:B2 *",
      'WorksheetCollection.add("Inputs")',
      // Each argument as JSON, cut at 80 characters: the formula's 77 and "…"; the comment null.
      `NamedItemCollection.add("Long", ${JSON.stringify(`=Sheet1!$A$1+${"1+".repeat(40)}1`).slice(0, 77)}…, null)`,
      // 80 characters as JSON: shown whole.
      `NamedItemCollection.add("Eighty", "=Sheet1!$A$1${"+1".repeat(33)}", null)`,
      "Range Sheet1!C1.values = [1×1]",
      "Worksheet Sheet1.activate()",
      "load null object *",
      "sync",
      // The client's release of the objects it tracked: a request, not a sync of the pane's.
      "sync",
    ]);
    expect(host.kinds).toEqual([
      "load WorksheetCollection",
      "load Range",
      "load RangeFormat",
      "WorksheetCollection.add()",
      "NamedItemCollection.add()",
      "NamedItemCollection.add()",
      "Range.values =",
      "Worksheet.activate()",
      "load null object",
    ]);
    expect(host.steps).toBe(9);
  });

  it("records the members a load names, not those a load of everything reads", async () => {
    const { host, run } = hostWorkbook();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.load("values, rowIndex");
      range.format.load();
      await context.sync();
    });
    expect(host.members).toContain("Range.values");
    expect(host.members).toContain("Range.rowIndex");
    expect([...host.members].filter((member) => member.startsWith("RangeFormat."))).toEqual([]);
  });

  it("a void method's result travels as null", () => {
    const { host } = hostWorkbook();
    const answer = host.processQuery({
      Actions: [
        {
          Id: 7,
          ActionType: 3,
          Name: "Calculate",
          ObjectPathId: 2,
          ArgumentInfo: { Arguments: ["Full"] },
        },
      ],
      ObjectPaths: {
        "1": { Id: 1, ObjectPathType: 1, Name: "" },
        "2": { Id: 2, ObjectPathType: 4, Name: "Application", ParentObjectPathId: 1 },
      },
    });
    expect(answer).toEqual({ Results: [{ ActionId: 7, Value: null }] });
  });

  it("a request without actions answers no results", () => {
    const { host } = hostWorkbook();
    expect(host.processQuery({ ObjectPaths: {} } as unknown as RequestBody)).toEqual({
      Results: [],
    });
  });

  it("screen updating suspended until the next sync resumes when the request ends", async () => {
    const { workbook, run } = hostWorkbook();
    let during: boolean | undefined;
    workbook.onChange(() => {
      during = during ?? workbook.screenUpdatingSuspended;
    });
    await run(async (context) => {
      context.application.suspendScreenUpdatingUntilNextSync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await context.sync();
    });
    expect(during).toBe(true);
    expect(workbook.screenUpdatingSuspended).toBe(false);
  });
});

describe("requests that name what Excel does not have", () => {
  const WORKBOOK = { Id: 1, ObjectPathType: 1, Name: "" };

  it("a reference released with _RemoveReference no longer resolves", () => {
    const { host } = hostWorkbook();
    const load = host.processQuery({
      Actions: [{ Id: 1, ActionType: 2, Name: "", ObjectPathId: 2 }],
      ObjectPaths: {
        "1": WORKBOOK,
        "2": { Id: 2, ObjectPathType: 4, Name: "Worksheets", ParentObjectPathId: 1 },
      },
    });
    const [sheet] = (load.Results[0].Value as { _Items: { _ReferenceId: string }[] })._Items;
    const byReference: RequestBody = {
      Actions: [{ Id: 1, ActionType: 2, Name: "", ObjectPathId: 5 }],
      ObjectPaths: { "5": { Id: 5, ObjectPathType: 6, Name: sheet._ReferenceId } },
    };
    expect(host.processQuery(byReference).Results[0].Value).toMatchObject({ Name: "Sheet1" });
    host.processQuery({
      Actions: [
        {
          Id: 1,
          ActionType: 3,
          Name: "_RemoveReference",
          ObjectPathId: 1,
          ArgumentInfo: { Arguments: [sheet._ReferenceId] },
        },
      ],
      ObjectPaths: { "1": WORKBOOK },
    });
    expect(host.processQuery(byReference).Error).toMatchObject({
      Code: "InvalidObjectPath",
      Message: `No object has the reference id "${sheet._ReferenceId}".`,
    });
  });

  it.each([
    [
      "an action type Excel does not have",
      { Actions: [{ Id: 1, ActionType: 9, Name: "Frobnicate", ObjectPathId: 1 }] },
      "Action type 9 (Frobnicate) is not implemented by CNAI's Excel host.",
    ],
    [
      "an object path type Excel does not have",
      {
        Actions: [{ Id: 1, ActionType: 2, Name: "", ObjectPathId: 2 }],
        ObjectPaths: {
          "1": WORKBOOK,
          "2": { Id: 2, ObjectPathType: 2, Name: "Worksheets", ParentObjectPathId: 1 },
        },
      },
      "Object path type 2 is not implemented by CNAI's Excel host.",
    ],
  ])("%s: ApiNotFound, in words", (_, request, message) => {
    const { host } = hostWorkbook();
    expect(
      host.processQuery({ ObjectPaths: { "1": WORKBOOK }, ...request } as RequestBody).Error
    ).toMatchObject({ Code: "ApiNotFound", Message: message, HttpStatusCode: 400 });
  });

  it("loading through a navigation property (format/font/name) is ApiNotFound, in words", async () => {
    const { run } = hostWorkbook();
    const error = await failure(run, async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("format/font/name");
      await context.sync();
    });
    expect(error).toEqual({
      code: "ApiNotFound",
      message:
        'Loading "format/font/name" through a navigation property is not implemented by CNAI\'s Excel host.',
    });
  });

  it("a call or a set on a null object is InvalidObjectPath, naming the member", async () => {
    const { run } = hostWorkbook();
    const missing = (context: Excel.RequestContext) =>
      context.workbook.worksheets.getItemOrNullObject("Nope");
    await expect(
      failure(run, async (context) => {
        missing(context).delete();
        await context.sync();
      })
    ).resolves.toEqual({
      code: "InvalidObjectPath",
      message: "Delete was called on a null object (an …OrNullObject that found nothing).",
    });
    await expect(
      failure(run, async (context) => {
        missing(context).name = "Other";
        await context.sync();
      })
    ).resolves.toMatchObject({
      code: "InvalidObjectPath",
      message: "Name was called on a null object (an …OrNullObject that found nothing).",
    });
  });
});
