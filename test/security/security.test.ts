/** The add-in's security posture, checked on what the build ships. */
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { DIST, ROOT } from "../../scripts/excel-runtime";

const OFFICE_CDN = "https://appsforoffice.microsoft.com";

function policyOf(html: string): Map<string, string[]> {
  const meta = html.match(
    /<meta[^>]+http-equiv=["']?Content-Security-Policy["']?[^>]*\scontent=(["'])(.*?)\1/i
  );
  if (!meta) throw new Error("no Content-Security-Policy meta tag");
  return new Map(
    meta[2]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values])
  );
}

/**
 * What a page's policy allows beyond its own origin: each source but 'self' and 'none' is a
 * weakness, except Office's CDN for office.js's scripts and for the frame office.js shows in Excel
 * on the web when the page's host is not trusted, and inline styles, which Office's scripts set.
 * Plugins, the base URL and form targets must be closed outright: a missing object-src falls back
 * to default-src, which allows plugins from the page's origin.
 */
function weaknesses(policy: Map<string, string[]>): string[] {
  const allowed: Record<string, readonly string[]> = {
    "script-src": [OFFICE_CDN],
    "frame-src": [OFFICE_CDN],
    "style-src": ["'unsafe-inline'"],
  };
  const found: string[] = [];
  for (const [directive, sources] of policy)
    for (const source of sources)
      if (!["'self'", "'none'", ...(allowed[directive] ?? [])].includes(source))
        found.push(`${directive} allows ${source}`);
  const closed: [string, string][] = [
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'none'"],
  ];
  for (const [directive, value] of closed) {
    const sources = policy.get(directive);
    if (sources?.length !== 1 || sources[0] !== value) found.push(`${directive} is not ${value}`);
  }
  return found;
}

const scripts = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    attributes: m[1],
    body: m[2],
  }));

describe("Content-Security-Policy on every page the add-in serves", () => {
  const htmlIn = (folder: string) =>
    readdirSync(join(DIST, folder))
      .filter((f) => f.endsWith(".html"))
      .map((f) => `${folder}/${f}`);
  const pages = ["taskpane.html", ...htmlIn("help"), ...htmlIn("help/zh-CN")];

  it.each(pages)(
    "%s allows scripts only from itself and the Office CDN, no inline script, no eval",
    (page) => {
      const html = readFileSync(join(DIST, page), "utf8");
      const policy = policyOf(html);
      const scriptSources = policy.get("script-src") ?? policy.get("default-src") ?? [];
      expect(scriptSources.length).toBeGreaterThan(0);
      expect(weaknesses(policy)).toEqual([]);
      for (const script of scripts(html)) {
        expect(script.body.trim()).toBe("");
        const src = script.attributes.match(/src=["']?([^"'\s>]+)/)?.[1] ?? "";
        expect(src.startsWith(`${OFFICE_CDN}/`) || !/^[a-z]+:/i.test(src)).toBe(true);
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
    }
  );

  it("the check refuses the policies it must: a missing object-src, https:, data:, eval", () => {
    const meta = (content: string) =>
      policyOf(`<meta http-equiv="Content-Security-Policy" content="${content}">`);
    expect(
      weaknesses(
        meta(
          "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' https:; frame-src https:; base-uri 'self'; form-action 'none'"
        )
      )
    ).toEqual([
      "img-src allows data:",
      "img-src allows https:",
      "connect-src allows https:",
      "frame-src allows https:",
      "object-src is not 'none'",
    ]);
    expect(
      weaknesses(
        meta(
          "default-src *; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'self'; form-action 'none'"
        )
      )
    ).toEqual(["default-src allows *", "script-src allows 'unsafe-eval'"]);
  });

  it("the pane loads office.js from the CDN and its own scripts from itself", () => {
    const html = readFileSync(join(DIST, "taskpane.html"), "utf8");
    expect(scripts(html).map((s) => s.attributes.match(/src=["']?([^"'\s>]+)/)?.[1])).toEqual([
      `${OFFICE_CDN}/lib/1/hosted/office.js`,
      "functions.js",
      "taskpane.js",
    ]);
  });
});

describe("the shipped scripts", () => {
  const bundles = ["functions.js", "taskpane.js", "risk.js"].map(
    (f) => [f, readFileSync(join(DIST, f), "utf8")] as const
  );

  it.each(bundles)("%s evaluates no strings as code", (_, code) => {
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
    expect(code).not.toMatch(/setTimeout\s*\(\s*["'`]/);
  });

  it("the functions make no network request but for their own Monte Carlo chunk, beside the page", () => {
    const [, functions] = bundles[0];
    const [, chunk] = bundles[2];
    // webpack's loader adds one <script> for risk.js, by a path relative to the page (publicPath
    // ""): the add-in's own origin, which the page's CSP (script-src 'self') also insists on.
    expect(functions.match(/createElement\("script"\)/g)).toHaveLength(1);
    expect(functions).toMatch(/\.p=""/);
    expect(functions).not.toMatch(/https?:\/\//);
    for (const code of [functions, chunk])
      for (const api of [
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "sendBeacon",
        "EventSource",
        "importScripts",
      ])
        expect(code).not.toContain(api);
  });
});

describe("the source", () => {
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
    );
  }

  it("never writes HTML from strings (innerHTML, outerHTML, insertAdjacentHTML, document.write)", () => {
    const offenders = files(join(ROOT, "src")).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter(
          ({ text }) =>
            !/^\s*(\*|\/\/)/.test(text) &&
            /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\s*\(|document\.write(ln)?\s*\(/.test(
              text
            )
        )
    );
    expect(offenders).toEqual([]);
  });
});

describe("the manifest's permissions", () => {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  it("asks for ReadWriteDocument and nothing more, with no extra app domains", () => {
    expect([...manifest.matchAll(/<Permissions>([^<]+)<\/Permissions>/g)].map((m) => m[1])).toEqual(
      ["ReadWriteDocument"]
    );
    expect(manifest).not.toMatch(/<AppDomain>/);
  });
});
