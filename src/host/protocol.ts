/**
 * The Excel host: answers the requests of Microsoft's own Excel JavaScript client
 * (`@microsoft/office-js`, dist/excel-web-16.00.js) with the host's workbook, as Excel does.
 *
 * One `context.sync()` is one request, `{Actions, ObjectPaths}`. Object paths form a tree from the
 * workbook — 1 the workbook, 3 a method's result, 4 a property, 5 an indexer (`getItem`), 6 an
 * object named by the reference id an earlier answer gave it. Actions run in order — 1 instantiate
 * a path, 2 query (`load`), 3 call a method, 4 set a property — and each gets a result. The first
 * failing action stops the request: the actions before it stay applied (a batch is not a
 * transaction), and the answer carries Excel's error code, its message and the action's index,
 * from which the client names the failing statement. All of it was read off the client's code and
 * its requests; see the README's "Excel host" section.
 *
 * Payload: Excel on the web refuses a request or a response over 5 MB ("Resource limits and
 * performance optimization for Office Add-ins", Excel add-ins section), measured here as the bytes
 * of the JSON the client sends and the host would answer. A request over the limit is refused
 * before any action runs (`RequestPayloadSizeLimitExceeded`); a response over it is refused after
 * the actions ran (`ResponsePayloadSizeLimitExceeded`): what they wrote stays written, as any
 * failure part-way through a batch leaves it (docs/excel-host.md, "Payload").
 *
 * Fault injection for tests: `failStep` makes the Nth step (a query, a set, a call, or the first
 * instantiation of a method's result such as `worksheets.add`) fail with `failCode`; `failOn` the
 * Nth step whose log text matches; `failSync` makes the Nth request fail before it does anything.
 */
import { utf8Length } from "../plans/chunks";
import { ApiObject, ExcelApi, camel } from "./excel";
import { Asked, EXCEL_ON_THE_WEB, ExcelProfile, refusal } from "./requirements";
import { HostError, HostWorkbook } from "./workbook";

export { PAYLOAD_LIMIT } from "./requirements";

interface ObjectPath {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: {
    readonly Arguments?: readonly unknown[];
    readonly ReferencedObjectPathIds?: readonly number[];
  };
}

interface Action {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: ObjectPath["ArgumentInfo"];
  readonly QueryInfo?: { readonly Select?: readonly string[]; readonly Expand?: readonly string[] };
}

export interface RequestBody {
  readonly Actions: readonly Action[];
  readonly ObjectPaths: Readonly<Record<string, ObjectPath>>;
}

export interface ResponseBody {
  readonly Results: { ActionId: number; Value: unknown }[];
  readonly Error?: {
    readonly Code: string;
    readonly Message: string;
    readonly Location?: string;
    readonly ActionIndex: number;
    readonly HttpStatusCode: number;
  };
}

const PATH = { global: 1, method: 3, property: 4, indexer: 5, reference: 6 } as const;
const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4 } as const;
/** The client's bookkeeping of objects it keeps across syncs: not steps of the analyst's code. */
const BOOKKEEPING = new Set(["_KeepReference", "_RemoveReference"]);

/** What a test asks to fail: the Nth step or the Nth request (0-based), with Excel's error code. */
export interface Faults {
  failStep?: number;
  /** The `nth` step (0-based) whose log text matches: "the 3rd write of cells". */
  failOn?: { readonly match: RegExp; readonly nth: number };
  failSync?: number;
  failCode?: string;
}

/** The messages Microsoft's client carries for the two codes (office_strings.js, en-US). */
const PAYLOAD_MESSAGE = (which: "request" | "response") =>
  `The ${which} payload size has exceeded the limit. Please refer to the documentation: ` +
  `"https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`;

/** Bytes of a text in UTF-8, as it travels. */
export const utf8Bytes = utf8Length;

export interface ExcelHostOptions {
  /** The Excel the host plays (src/host/requirements.ts): Excel on the web by default. */
  readonly profile?: ExcelProfile;
  /** The pane's isSetSupported questions (src/host/office.ts), for the profile's member gate. */
  readonly asked?: readonly Asked[];
}

export class ExcelHost {
  readonly api: ExcelApi;
  /** Requests answered, and of them the syncs of the analyst's code (not reference releases). */
  requests = 0;
  syncs = 0;
  /** Steps run (see the file's comment); fault injection counts them. */
  steps = 0;
  /** Steps that matched `faults.failOn` so far. */
  private matchingSteps = 0;
  faults: Faults = {};
  /**
   * What the requests did, step by step, with "sync" closing each request: "Worksheet Chip
   * Parity.name = \"My chips\"", "Range 'Chip Parity'!A4:H7.values = …", "load WorksheetCollection".
   */
  readonly log: string[] = [];
  /**
   * Each step's kind, in step order (no "sync"): the member and the class it belongs to, without
   * the object or the value — "Range.formulas =", "NamedItemCollection.add()", "load Worksheet".
   */
  readonly kinds: string[] = [];
  private readonly references = new Map<string, ApiObject>();
  private nextReference = 1;
  readonly profile: ExcelProfile;
  /** The largest request and response in bytes; undefined for no limit (Excel on the desktop). */
  payloadLimit: number | undefined;
  /** Every member dispatched, "Class.member" (camelCase), as requirements.ts names them. */
  readonly members = new Set<string>();
  private readonly asked: readonly Asked[];
  /** The largest request and response seen since the counters were reset, in bytes. */
  largestRequest = 0;
  largestResponse = 0;

  constructor(
    readonly workbook: HostWorkbook,
    options: ExcelHostOptions = {}
  ) {
    this.api = new ExcelApi(workbook);
    this.profile = options.profile ?? EXCEL_ON_THE_WEB;
    this.payloadLimit = this.profile.payloadLimit;
    this.asked = options.asked ?? [];
  }

  /**
   * Where a member is dispatched: recorded, and refused as Excel refuses a member of a set it does
   * not have — one above the manifest's that the pane did not ask isSetSupported about.
   */
  private dispatch(object: ApiObject, name: string): void {
    const member = `${object.className}.${name}`;
    this.members.add(member);
    const refused = refusal(this.profile, this.asked, member);
    if (refused) throw new HostError("ApiNotFound", refused, member);
  }

  /** Sets the counters back to zero, for measuring one action. */
  resetCounts(): void {
    this.requests = 0;
    this.syncs = 0;
    this.steps = 0;
    this.matchingSteps = 0;
    this.largestRequest = 0;
    this.largestResponse = 0;
    this.log.length = 0;
    this.kinds.length = 0;
  }

  /** The transport Microsoft's client calls (`HttpUtility.setCustomSendRequestFunc`). */
  send = async (request: {
    readonly body?: unknown;
  }): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => {
    const text = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    const requestBytes = utf8Bytes(text ?? "");
    this.largestRequest = Math.max(this.largestRequest, requestBytes);
    const limit = this.payloadLimit;
    if (limit !== undefined && requestBytes > limit) {
      this.requests++;
      this.syncs++;
      this.log.push(`request of ${requestBytes} bytes refused`, "sync");
      return refused("RequestPayloadSizeLimitExceeded", PAYLOAD_MESSAGE("request"));
    }
    const answer = JSON.stringify(this.processQuery(JSON.parse(text) as RequestBody));
    const responseBytes = utf8Bytes(answer);
    this.largestResponse = Math.max(this.largestResponse, responseBytes);
    if (limit !== undefined && responseBytes > limit) {
      this.log.push(`response of ${responseBytes} bytes refused`);
      return refused("ResponsePayloadSizeLimitExceeded", PAYLOAD_MESSAGE("response"));
    }
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: answer };
  };

  /** Answers one request: each action in order, stopping at the first error as Excel does. */
  processQuery(body: RequestBody): ResponseBody {
    const actions = body.Actions ?? [];
    const request = this.requests++;
    const releasesOnly = actions.every(
      (a) => a.ActionType === ACTION.instantiate || BOOKKEEPING.has(a.Name)
    );
    if (!releasesOnly) this.syncs++;
    const results: ResponseBody["Results"] = [];
    const resolved = new Map<number, ApiObject | null>();
    const book = this.workbook;
    let index = 0;
    try {
      if (this.faults.failSync === request)
        throw new HostError(
          this.faults.failCode ?? "GeneralException",
          `Request ${request} failed (fault injected).`
        );
      book.batch(() => {
        for (; index < actions.length; index++) {
          const action = actions[index];
          const value = this.run(action, body, resolved);
          results.push({ ActionId: action.Id, Value: value === undefined ? null : value });
        }
      });
      this.log.push("sync");
      return { Results: results };
    } catch (error) {
      this.log.push("sync");
      const failure =
        error instanceof HostError
          ? error
          : new HostError(
              "GeneralException",
              error instanceof Error ? error.message : String(error)
            );
      return {
        Results: results,
        Error: {
          Code: failure.code,
          Message: failure.message,
          Location: failure.location,
          ActionIndex: Math.min(index, actions.length - 1),
          HttpStatusCode: failure.code === "GeneralException" ? 500 : 400,
        },
      };
    } finally {
      book.screenUpdatingSuspended = false;
    }
  }

  private step(what: string, kind: string): void {
    const step = this.steps++;
    this.log.push(what);
    this.kinds.push(kind);
    const on = this.faults.failOn;
    const matching = on && on.match.test(what) ? this.matchingSteps++ : -1;
    if (this.faults.failStep === step || (on !== undefined && matching === on.nth))
      throw new HostError(
        this.faults.failCode ?? "GeneralException",
        `Step ${step} (${what}) failed (fault injected).`
      );
  }

  private run(action: Action, body: RequestBody, resolved: Map<number, ApiObject | null>): unknown {
    const target = () => this.resolve(action.ObjectPathId, body, resolved);
    switch (action.ActionType) {
      case ACTION.instantiate: {
        const object = target();
        return object === null ? null : { _ReferenceId: this.reference(object) };
      }
      case ACTION.query: {
        const object = target();
        this.step(
          `load ${object?.label ?? "null object"} ${(action.QueryInfo?.Select ?? ["*"]).join(",")}`,
          `load ${object?.className ?? "null object"}`
        );
        return object === null ? null : this.query(object, action.QueryInfo?.Select);
      }
      case ACTION.method: {
        if (action.Name === "_RemoveReference") {
          for (const id of action.ArgumentInfo?.Arguments ?? []) this.references.delete(String(id));
          return null;
        }
        const object = target();
        if (action.Name === "_KeepReference") return null;
        if (object === null) throw nullObject(action.Name);
        this.dispatch(object, camel(action.Name));
        const args = this.arguments(action.ArgumentInfo, body, resolved);
        this.step(
          `${object.label}.${camel(action.Name)}(${shown(args)})`,
          `${object.className}.${camel(action.Name)}()`
        );
        return object.call(action.Name, args);
      }
      case ACTION.setProperty: {
        const object = target();
        if (object === null) throw nullObject(action.Name);
        this.dispatch(object, camel(action.Name));
        const value = (action.ArgumentInfo?.Arguments ?? [])[0];
        this.step(
          `${object.label}.${camel(action.Name)} = ${shown([value])}`,
          `${object.className}.${camel(action.Name)} =`
        );
        object.set(camel(action.Name), value);
        return null;
      }
      default:
        throw new HostError(
          "ApiNotFound",
          `Action type ${action.ActionType} (${action.Name}) is not implemented by CNAI's Excel host.`
        );
    }
  }

  private reference(object: ApiObject): string {
    const id = `cnai${this.nextReference++}`;
    this.references.set(id, object);
    return id;
  }

  private arguments(
    info: ObjectPath["ArgumentInfo"],
    body: RequestBody,
    resolved: Map<number, ApiObject | null>
  ): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    (info?.ReferencedObjectPathIds ?? []).forEach((pathId, k) => {
      if (pathId) args[k] = this.resolve(pathId, body, resolved);
    });
    return args;
  }

  /** An object path's object, once per request: a method such as `worksheets.add` runs once. */
  private resolve(
    id: number,
    body: RequestBody,
    resolved: Map<number, ApiObject | null>
  ): ApiObject | null {
    if (resolved.has(id)) return resolved.get(id) as ApiObject | null;
    const path = body.ObjectPaths[String(id)];
    if (!path)
      throw new HostError(
        "InvalidObjectPath",
        `The request names object path ${id} without defining it.`
      );
    let object: ApiObject | null;
    if (path.ObjectPathType === PATH.global) object = this.api.workbook();
    else if (path.ObjectPathType === PATH.reference) {
      const found = this.references.get(path.Name);
      if (!found)
        throw new HostError("InvalidObjectPath", `No object has the reference id "${path.Name}".`);
      object = found;
    } else {
      const parent = this.resolve(path.ParentObjectPathId as number, body, resolved);
      if (parent === null) throw nullObject(path.Name);
      this.dispatch(parent, path.ObjectPathType === PATH.indexer ? "getItem" : camel(path.Name));
      if (path.ObjectPathType === PATH.property) object = parent.object(path.Name, []);
      else if (path.ObjectPathType === PATH.method || path.ObjectPathType === PATH.indexer) {
        const name = path.ObjectPathType === PATH.indexer ? "_Indexer" : path.Name;
        const args = this.arguments(path.ArgumentInfo, body, resolved);
        if (!/^Get/.test(name) && name !== "_Indexer")
          this.step(
            `${parent.label}.${camel(name)}(${shown(args)})`,
            `${parent.className}.${camel(name)}()`
          );
        object = parent.object(name, args);
      } else
        throw new HostError(
          "ApiNotFound",
          `Object path type ${path.ObjectPathType} is not implemented by CNAI's Excel host.`
        );
    }
    resolved.set(id, object);
    return object;
  }

  /**
   * `load`: the selected properties (all scalar ones for "*" or none) in PascalCase; a collection
   * answers its items, each with the selected properties and a reference id for later syncs.
   */
  private query(object: ApiObject, select: readonly string[] | undefined): Record<string, unknown> {
    const items = object.items();
    if (items) {
      this.dispatch(object, "items");
      return {
        _Items: items.map((item) => ({
          ...this.properties(item, select),
          _ReferenceId: this.reference(item),
        })),
      };
    }
    return this.properties(object, select);
  }

  private properties(
    object: ApiObject,
    select: readonly string[] | undefined
  ): Record<string, unknown> {
    const names =
      !select || select.length === 0 || select.includes("*")
        ? object.propertyNames()
        : select.map((name) => name.replace(/^items\//, ""));
    const result: Record<string, unknown> = {};
    if (select?.length && !select.includes("*"))
      for (const name of names) if (!name.includes("/")) this.dispatch(object, name);
    for (const name of names) {
      if (name.includes("/"))
        throw new HostError(
          "ApiNotFound",
          `Loading "${name}" through a navigation property is not implemented by CNAI's Excel host.`
        );
      result[name.charAt(0).toUpperCase() + name.slice(1)] = object.get(name);
    }
    return result;
  }
}

/**
 * An answer refusing the whole request, as Excel on the web answers an oversized payload: an error
 * of the request, not of one of its actions, so the client reports Excel's own message
 * ("RequestPayloadSizeLimitExceeded: The request payload size has exceeded the limit…").
 */
function refused(code: string, message: string) {
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      Results: [],
      Error: { Code: code, Message: message, HttpStatusCode: 400 },
    }),
  };
}

/** Arguments for the log: objects by their label, long arrays by their size. */
function shown(args: readonly unknown[]): string {
  return args
    .map((arg) => {
      if (arg instanceof ApiObject) return arg.label;
      if (Array.isArray(arg) && Array.isArray(arg[0])) return `[${arg.length}×${arg[0].length}]`;
      const text = JSON.stringify(arg) ?? "undefined";
      return text.length > 80 ? `${text.slice(0, 77)}…` : text;
    })
    .join(", ");
}

function nullObject(member: string): HostError {
  return new HostError(
    "InvalidObjectPath",
    `${member} was called on a null object (an …OrNullObject that found nothing).`
  );
}
