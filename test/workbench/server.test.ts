/**
 * The workbench's server (scripts/workbench.js) serves the add-in as built for Excel: every file of
 * dist/ byte for byte, taskpane.html with one change — office.js from this machine, the
 * workbench's own — so what runs in the workbench's pane is what Excel runs.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { Server, request } from "http";
import type { AddressInfo } from "net";
import { join } from "path";
import { DIST } from "../../scripts/excel-runtime";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listen, POLICY } = require("../../scripts/workbench") as {
  listen(port: number): Promise<Server>;
  POLICY: string;
};

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

describe("the workbench's server against other sites", () => {
  let port = 0;
  beforeAll(() => {
    port = (server.address() as AddressInfo).port;
  });

  /** A GET to 127.0.0.1 with the Host a browser would send for `host`. */
  const asHost = (host: string | undefined, path = "/") =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const sent = request(
          { host: "127.0.0.1", port, path, headers: host === undefined ? {} : { Host: host } },
          (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk) => (body += chunk));
            response.on("end", () =>
              resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
            );
          }
        );
        if (host === undefined) sent.removeHeader("Host");
        sent.on("error", reject);
        sent.end();
      }
    );

  test.each([
    ["localhost", (p: number) => `localhost:${p}`],
    ["127.0.0.1", (p: number) => `127.0.0.1:${p}`],
    ["LOCALHOST", (p: number) => `LOCALHOST:${p}`],
  ])("answers Host %s with its port", async (_, host) => {
    const answer = await asHost(host(port), "/addin/functions.json");
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(readFileSync(join(DIST, "functions.json"), "utf8"));
  });

  test.each([
    ["another site pointed at 127.0.0.1 (DNS rebinding)", (p: number) => `attacker.example:${p}`],
    ["localhost on another port", (p: number) => `localhost:${p + 1}`],
    ["localhost without the port", () => "localhost"],
    ["a name that starts like localhost", (p: number) => `localhost.attacker.example:${p}`],
  ])("refuses %s with 421 and nothing of the add-in", async (_, host) => {
    const answer = await asHost(host(port), "/addin/functions.json");
    expect(answer.status).toBe(421);
    expect(answer.body).toBe(
      `Misdirected request: this workbench answers http://localhost:${port} and http://127.0.0.1:${port} only.\n`
    );
  });

  test("refuses a request with no Host at all (Node's own 400 for HTTP/1.1)", async () => {
    const answer = await asHost(undefined, "/addin/functions.json");
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain("CNAI");
  });

  test.each(["/", "/addin/taskpane.html", "/addin/functions.js", "/nothing-here"])(
    "%s carries the Content-Security-Policy",
    async (path) => {
      const answer = await asHost(`localhost:${port}`, path);
      expect(answer.headers["content-security-policy"]).toBe(POLICY);
    }
  );

  test("the policy allows only this server, and no site may frame the workbench", () => {
    const directives = new Map(
      POLICY.split(";").map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      })
    );
    expect(directives.get("frame-ancestors")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    for (const sources of directives.values())
      for (const source of sources)
        expect(["'self'", "'none'", "'unsafe-inline'", "data:"]).toContain(source);
  });
});
