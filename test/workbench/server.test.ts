/**
 * The workbench's server (scripts/workbench.js) serves the add-in as built for Excel: every file of
 * dist/ byte for byte, taskpane.html with one change — office.js from this machine, the
 * workbench's own — so what runs in the workbench's pane is what Excel runs.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import type { Server } from "http";
import type { AddressInfo } from "net";
import { join } from "path";
import { DIST } from "../../scripts/excel-runtime";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listen } = require("../../scripts/workbench") as { listen(port: number): Promise<Server> };

/** Where taskpane.html asks for office.js in Excel. */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

let server: Server;
let origin = "";
beforeAll(async () => {
  server = await listen(0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const get = async (path: string) => {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
};

/** dist/'s files, as paths under it: "functions.js", "assets/icon-32.png", "help/zh-CN/…". */
function distFiles(folder = DIST, prefix = ""): string[] {
  return readdirSync(folder).flatMap((name) =>
    statSync(join(folder, name)).isDirectory()
      ? distFiles(join(folder, name), `${prefix}${name}/`)
      : [`${prefix}${name}`]
  );
}

describe("the workbench's server", () => {
  const files = distFiles().filter((file) => file !== "taskpane.html");

  test("dist/ holds what Excel loads", () => {
    expect(files).toEqual(
      expect.arrayContaining(["taskpane.js", "functions.js", "functions.json", "taskpane.css"])
    );
  });

  test.each(files)("/addin/%s is dist/'s, byte for byte", async (file) => {
    const served = await get(`/addin/${file}`);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(readFileSync(join(DIST, file)))).toBe(true);
  });

  test("/addin/taskpane.html is dist/'s but for office.js, which comes from this machine", async () => {
    const built = readFileSync(join(DIST, "taskpane.html"), "utf8");
    expect(built).toContain(OFFICE_CDN);
    const served = (await get("/addin/taskpane.html")).bytes.toString("utf8");
    expect(served).not.toContain(OFFICE_CDN);
    expect(served.split("/office-js/office.js")).toHaveLength(2);
    expect(served.replace("/office-js/office.js", OFFICE_CDN)).toBe(built);
  });

  test.each([
    "/addin/../package.json",
    "/addin/%2e%2e/package.json",
    "/office-js/excel-web-16.00.js",
  ])("%s is not served", async (path) => {
    expect((await get(path)).status).toBe(404);
  });
});
