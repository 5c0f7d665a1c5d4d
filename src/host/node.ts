/* global require, globalThis, Excel, __dirname */
/**
 * Microsoft's Excel JavaScript client under Node, on Excel hosts: for the tests, `npm run workbook`
 * and the benchmark. The client script runs once per Node realm (each jest test file is one) with
 * the few browser globals it reads; CNAI's code then runs on it unchanged, through `run`.
 */
import * as fs from "fs";
import * as path from "path";
import { CORE_FUNCTIONS } from "./core-functions";
import type { AddinFunction } from "./contract";
import { ExcelClient, HostRouter } from "./client";
import { officeAsExcel } from "./office";
import { ExcelHost } from "./protocol";
import {
  EXCEL_ON_THE_WEB,
  ExcelProfile,
  HOST_SETS,
  Requirements,
  manifestProfiles,
} from "./requirements";
import { HostWorkbook, HostWorkbookOptions } from "./workbook";

/** The script Excel on the web loads: `@microsoft/office-js`'s dist/excel-web-16.00.js. */
export const EXCEL_CLIENT_SCRIPT = path.join(
  path.dirname(require.resolve("@microsoft/office-js/package.json")),
  "dist",
  "excel-web-16.00.js"
);

let router: HostRouter | undefined;

/** What this realm's `Office.context.requirements` answers from and has been asked. */
const requirements: Requirements = { sets: HOST_SETS, asked: [] };

/** The ExcelApi version CNAI's manifest.xml declares (`<Set Name="ExcelApi" MinVersion=…>`). */
export function declaredExcelApi(): string {
  const manifest = fs.readFileSync(path.join(__dirname, "..", "..", "manifest.xml"), "utf8");
  const declared = manifest.match(/<Set Name="ExcelApi" MinVersion="([\d.]+)"/)?.[1];
  if (!declared) throw new Error("manifest.xml declares no ExcelApi MinVersion.");
  return declared;
}

/** The Excels the pane's suites run on: Excel on the web and the oldest the manifest admits. */
export const PANE_PROFILES: readonly ExcelProfile[] = manifestProfiles(declaredExcelApi());

/** Loads the client into this realm once: it defines `Excel` and `OfficeExtension` as globals. */
export function excelClient(): ExcelClient {
  const global = globalThis as Record<string, unknown>;
  if (!global.Excel) {
    // The client reads these browser globals as it starts; under Node they are stand-ins.
    global.window = global.window ?? global;
    global.self = global.self ?? global;
    global.navigator = global.navigator ?? { userAgent: "node", language: "en-US" };
    global.document = global.document ?? {};
    global.location = global.location ?? {
      href: "https://excel-host.cnai.invalid/",
      protocol: "https:",
    };
    // A script Microsoft publishes to run as a page's global script: evaluated as one here.
    // eslint-disable-next-line no-eval
    (0, eval)(fs.readFileSync(EXCEL_CLIENT_SCRIPT, "utf8"));
    // The client script brings office.js's common namespace; Excel would initialize it.
    global.Office = officeAsExcel(global.Office as object | undefined, { requirements }).office;
  }
  return { Excel: global.Excel, OfficeExtension: global.OfficeExtension } as unknown as ExcelClient;
}

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** A workbook, its host and an `Excel.run` on it through Microsoft's client. */
export interface HostedWorkbook {
  readonly workbook: HostWorkbook;
  readonly host: ExcelHost;
  readonly run: ExcelRun;
}

/** A new workbook (Excel's one "Sheet1" by default) with these functions, hosted for the client. */
export function hostWorkbook(
  functions: readonly AddinFunction[] = CORE_FUNCTIONS,
  options: HostWorkbookOptions = {},
  profile: ExcelProfile = EXCEL_ON_THE_WEB
): HostedWorkbook {
  return hostExisting(new HostWorkbook(functions, options), profile);
}

/**
 * A workbook made otherwise — opened from a file (src/host/open.ts) — hosted for the client, as
 * `profile` (src/host/requirements.ts). This realm's Office then answers as that Excel, and its
 * record of isSetSupported questions starts afresh: the pane asks the Excel it runs on.
 */
export function hostExisting(
  workbook: HostWorkbook,
  profile: ExcelProfile = EXCEL_ON_THE_WEB
): HostedWorkbook {
  router = router ?? new HostRouter(excelClient());
  requirements.sets = profile.sets;
  requirements.asked.length = 0;
  const host = new ExcelHost(workbook, { profile, asked: requirements.asked });
  return { workbook, host, run: router.connect(host) };
}
