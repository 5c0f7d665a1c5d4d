/**
 * Offline checks of manifest.xml (the XML add-in-only manifest) against the build output in dist/.
 *
 * Every check is a function (manifest, distDir) => problems[]; the first suite runs them on the real
 * manifest and dist/ (built by test/global-setup.js), the second proves each check can fail by
 * running it on broken copies of the manifest (and of a scratch dist) and expecting a problem.
 *
 * For a manual run against another manifest or build: CNAI_MANIFEST=path CNAI_DIST=dir npx jest test/manifest.test.ts
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// xml2js ships no type declarations; this is the part of its API the test uses.
interface XmlNode {
  "#name": string;
  $?: Record<string, string>;
  _?: string;
  $$?: XmlNode[];
}
interface Xml2js {
  parseStringPromise(
    xml: string,
    options: Record<string, unknown>
  ): Promise<Record<string, XmlNode> | null>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js: Xml2js = require("xml2js");

// ---------------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------------
const ROOT = path.resolve(__dirname, "..");
/** Where the dev server serves dist/; every URL in the manifest must live under it. */
const DEV_ORIGIN = "https://localhost:3000/";
const STABLE_ID = "3c1f6a2e-8b7d-4e1a-9c55-6f2d0b7a41c9";
const NAMESPACE = "CNAI";
const MAX_RESID = 32;
/** The locales CNAI translates to: every display string has an Override for each. */
const LOCALES = ["zh-CN"];
/** Strings that stay the same in every language: the functions' namespace and the brand. */
const UNTRANSLATED = ["Functions.Namespace", "TaskpaneButton.Label"];
/** URLs that must not vary by locale: one runtime page and one script serve every language. */
const SAME_IN_EVERY_LOCALE = ["Taskpane.Url", "Functions.Script.Url"];
/** Where each locale's custom-function metadata lives (generated at build, scripts/reference.ts). */
const LOCALIZED_METADATA: Record<string, string> = { "zh-CN": "functions.zh-CN.json" };
const CHINESE = /[\u4e00-\u9fff]/;
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;
/** Task pane add-ins: IconUrl 32x32, HighResolutionIconUrl 64x64 (Microsoft manifest reference). */
const ICON_URL_PX = 32;
const HIGH_RES_ICON_URL_PX = 64;
const RIBBON_SIZES = ["16", "32", "80"];
/** Schema order of OfficeApp's children (TaskPaneApp). Optional ones may be absent. */
const OFFICEAPP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "VersionOverrides",
];
const REQUIRED_OFFICEAPP = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];
/** Order of a VersionOverrides Host's children; Runtimes must come first. */
const HOST_ORDER = ["Runtimes", "AllFormFactors", "DesktopFormFactor"];
/** The resource collection a resid must come from, by the referencing element's name. */
const RESID_KIND: Record<string, Collection> = {
  "bt:Image": "bt:Images",
  SourceLocation: "bt:Urls",
  FunctionFile: "bt:Urls",
  LearnMoreUrl: "bt:Urls",
  Runtime: "bt:Urls",
  Label: "bt:ShortStrings",
  Title: "bt:ShortStrings",
  Namespace: "bt:ShortStrings",
  Description: "bt:LongStrings",
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
/** Paths the main suite checks; environment variables point it elsewhere for a manual run. */
function manifestPaths(): { manifest: string; dist: string } {
  return {
    manifest: path.resolve(process.env.CNAI_MANIFEST ?? path.join(ROOT, "manifest.xml")),
    dist: path.resolve(process.env.CNAI_DIST ?? path.join(ROOT, "dist")),
  };
}

type Collection = "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings";
interface Resource {
  id: string;
  value: string;
  collection: Collection;
  /** Locale → value, from the resource's <bt:Override> children. */
  overrides: Map<string, string>;
}
interface Manifest {
  text: string;
  root: XmlNode | null;
  parseError: string | null;
  resources: Map<string, Resource[]>;
}
type Check = (m: Manifest, distDir: string) => string[];

async function parseManifest(text: string): Promise<Manifest> {
  let root: XmlNode | null = null;
  let parseError: string | null = null;
  try {
    const doc = await xml2js.parseStringPromise(text, {
      explicitChildren: true,
      preserveChildrenOrder: true,
      explicitRoot: true,
      strict: true,
    });
    const rootNode = doc ? Object.values(doc)[0] : undefined;
    if (!rootNode || typeof rootNode !== "object") parseError = "no root element";
    else root = rootNode;
  } catch (e) {
    parseError = (e as Error).message.replace(/\s+/g, " ");
  }
  const resources = new Map<string, Resource[]>();
  if (root) {
    for (const collection of [
      "bt:Images",
      "bt:Urls",
      "bt:ShortStrings",
      "bt:LongStrings",
    ] as Collection[]) {
      for (const group of findAll(root, (n) => n["#name"] === collection)) {
        for (const item of kids(group)) {
          const id = attr(item, "id") ?? "";
          const list = resources.get(id) ?? [];
          list.push({
            id,
            value: attr(item, "DefaultValue") ?? "",
            collection,
            overrides: overridesOf(item),
          });
          resources.set(id, list);
        }
      }
    }
  }
  return { text, root, parseError, resources };
}

async function loadManifest(file: string): Promise<Manifest> {
  return parseManifest(fs.readFileSync(file, "utf8"));
}

function kids(n: XmlNode): XmlNode[] {
  return n.$$ ?? [];
}
/** An element's locale overrides (<Override> or <bt:Override> children), locale → value. */
function overridesOf(n: XmlNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of kids(n))
    if (k["#name"] === "Override" || k["#name"] === "bt:Override")
      out.set(attr(k, "Locale") ?? "", attr(k, "Value") ?? "");
  return out;
}
/** Every locale override in the manifest, with the element it belongs to. */
function allOverrides(
  m: Manifest
): { where: string; node: XmlNode; locale: string; value: string }[] {
  if (!m.root) return [];
  const parents = findAll(m.root, (n) =>
    kids(n).some((k) => k["#name"] === "Override" || k["#name"] === "bt:Override")
  );
  return parents.flatMap((parent) =>
    kids(parent)
      .filter((k) => k["#name"] === "Override" || k["#name"] === "bt:Override")
      .map((k) => ({
        where: `${parent["#name"]}${attr(parent, "id") ? ` ${attr(parent, "id")}` : ""}`,
        node: k,
        locale: attr(k, "Locale") ?? "",
        value: attr(k, "Value") ?? "",
      }))
  );
}
function attr(n: XmlNode, name: string): string | undefined {
  return n.$?.[name];
}
function text(n: XmlNode | undefined): string {
  return (n?._ ?? "").trim();
}
function findAll(n: XmlNode, pred: (n: XmlNode) => boolean, out: XmlNode[] = []): XmlNode[] {
  if (pred(n)) out.push(n);
  for (const k of kids(n)) findAll(k, pred, out);
  return out;
}
/** Follows a path of element names (children only), returning every match. */
function select(from: XmlNode | null, ...names: string[]): XmlNode[] {
  let level: XmlNode[] = from ? [from] : [];
  for (const name of names)
    level = level.flatMap((n) => kids(n).filter((k) => k["#name"] === name));
  return level;
}
function child(from: XmlNode | null, ...names: string[]): XmlNode | undefined {
  return select(from, ...names)[0];
}
function extensionPoint(m: Manifest, type: string): XmlNode | undefined {
  return m.root
    ? findAll(m.root, (n) => n["#name"] === "ExtensionPoint" && attr(n, "xsi:type") === type)[0]
    : undefined;
}
function resolve(m: Manifest, resid: string | undefined): Resource | undefined {
  return resid === undefined ? undefined : m.resources.get(resid)?.[0];
}
/** Every URL in the manifest, with where it came from. */
function allUrls(m: Manifest): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  if (!m.root) return out;
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    for (const n of select(m.root, name)) {
      out.push({ where: name, url: attr(n, "DefaultValue") ?? "" });
      for (const [locale, url] of overridesOf(n)) out.push({ where: `${name} (${locale})`, url });
    }
  }
  for (const n of findAll(
    m.root,
    (k) => k["#name"] === "SourceLocation" && attr(k, "DefaultValue") !== undefined
  )) {
    out.push({ where: "SourceLocation", url: attr(n, "DefaultValue") ?? "" });
  }
  for (const list of m.resources.values()) {
    for (const r of list)
      if (r.collection === "bt:Urls" || r.collection === "bt:Images") {
        out.push({ where: `${r.collection} ${r.id}`, url: r.value });
        for (const [locale, url] of r.overrides)
          out.push({ where: `${r.collection} ${r.id} (${locale})`, url });
      }
  }
  return out;
}
/** https://localhost:3000/<path> -> <distDir>/<path>, or null when the URL is not under the dev origin. */
function distFile(url: string, distDir: string): string | null {
  if (!url.startsWith(DEV_ORIGIN)) return null;
  const rel = decodeURIComponent(url.slice(DEV_ORIGIN.length).replace(/[?#].*$/, ""));
  return path.join(distDir, ...rel.split("/"));
}
/** Width and height from a PNG's IHDR, or an error string. */
function pngSize(file: string): { width: number; height: number } | string {
  const buf = fs.readFileSync(file);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(sig)) return "not a PNG";
  if (buf.toString("ascii", 12, 16) !== "IHDR") return "first chunk is not IHDR";
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
/** A path for messages: relative to the repo when inside it. */
function show(file: string): string {
  const rel = path.relative(ROOT, file);
  return rel.startsWith("..") ? file : rel;
}
function versionAtLeast(v: string | undefined, min: string): boolean {
  if (!v || !/^\d+(\.\d+)*$/.test(v)) return false;
  const a = v.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
function orderProblems(where: string, names: string[], order: string[]): string[] {
  const problems: string[] = [];
  let last = -1;
  for (const name of names) {
    const i = order.indexOf(name);
    if (i < 0) problems.push(`${where}: unexpected element <${name}>`);
    else if (i < last)
      problems.push(`${where}: <${name}> is out of schema order (expected ${order.join(", ")})`);
    else last = i;
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Checks: each returns a list of problems (empty = pass)
// ---------------------------------------------------------------------------------------------
const checks: Record<string, Check> = {
  "is well-formed XML with OfficeApp as its single root"(m) {
    if (m.parseError || !m.root) return [`not well-formed: ${m.parseError}`];
    const problems: string[] = [];
    if (m.root["#name"] !== "OfficeApp")
      problems.push(`root element is <${m.root["#name"]}>, expected <OfficeApp>`);
    // xml2js ignores content after the root element and repeated attributes; check the raw text.
    const stripped = m.text.replace(/<!--[\s\S]*?-->/g, "").trimEnd();
    if (!stripped.endsWith(`</${m.root["#name"]}>`))
      problems.push("content after the root element");
    for (const tag of stripped.match(/<[A-Za-z][^>]*>/g) ?? []) {
      const names = [...tag.matchAll(/\s([A-Za-z_][\w:.-]*)\s*=/g)].map((x) => x[1]);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) problems.push(`repeated attribute ${dup} in ${tag}`);
    }
    // Every namespace prefix must be declared on the element or an ancestor.
    const walk = (n: XmlNode, declared: Set<string>) => {
      const here = new Set(declared);
      for (const a of Object.keys(n.$ ?? {})) if (a.startsWith("xmlns:")) here.add(a.slice(6));
      for (const name of [n["#name"], ...Object.keys(n.$ ?? {})]) {
        const prefix = name.includes(":") ? name.split(":")[0] : null;
        if (prefix && prefix !== "xmlns" && prefix !== "xml" && !here.has(prefix))
          problems.push(`undeclared namespace prefix in ${name}`);
      }
      for (const k of kids(n)) walk(k, here);
    };
    walk(m.root, new Set());
    return problems;
  },

  "has OfficeApp children in schema order, with the required ones present"(m) {
    const names = kids(m.root ?? ({ "#name": "" } as XmlNode)).map((k) => k["#name"]);
    const problems = orderProblems("OfficeApp", names, OFFICEAPP_ORDER);
    for (const req of REQUIRED_OFFICEAPP)
      if (!names.includes(req)) problems.push(`OfficeApp: missing <${req}>`);
    for (const host of select(m.root, "VersionOverrides", "Hosts", "Host")) {
      problems.push(
        ...orderProblems(
          "VersionOverrides Host",
          kids(host).map((k) => k["#name"]),
          HOST_ORDER
        )
      );
    }
    return problems;
  },

  "is a task pane add-in for Excel (Workbook) with VersionOverridesV1_0"(m) {
    const problems: string[] = [];
    if (attr(m.root ?? ({} as XmlNode), "xsi:type") !== "TaskPaneApp")
      problems.push("OfficeApp xsi:type is not TaskPaneApp");
    const hosts = select(m.root, "Hosts", "Host").map((h) => attr(h, "Name"));
    if (hosts.join() !== "Workbook")
      problems.push(`base Hosts are [${hosts.join(", ")}], expected [Workbook]`);
    const vo = select(m.root, "VersionOverrides");
    if (vo.length !== 1 || attr(vo[0], "xsi:type") !== "VersionOverridesV1_0")
      problems.push(
        "expected one VersionOverrides of xsi:type VersionOverridesV1_0 (the only version TaskPaneApp supports)"
      );
    const voHosts = select(m.root, "VersionOverrides", "Hosts", "Host").map((h) =>
      attr(h, "xsi:type")
    );
    if (voHosts.join() !== "Workbook")
      problems.push(`VersionOverrides Hosts are [${voHosts.join(", ")}], expected [Workbook]`);
    return problems;
  },

  "defines every referenced resid in Resources, of the right kind, with ids of at most 32 characters"(
    m
  ) {
    const problems: string[] = [];
    if (!m.root) return ["no manifest"];
    for (const [id, list] of m.resources) {
      if (!id) problems.push(`a ${list[0].collection} entry has no id`);
      if (id.length > MAX_RESID)
        problems.push(`resource id "${id}" is ${id.length} characters (max ${MAX_RESID})`);
      if (list.length > 1) problems.push(`resource id "${id}" is defined ${list.length} times`);
    }
    for (const n of findAll(m.root, (k) => attr(k, "resid") !== undefined)) {
      const resid = attr(n, "resid") as string;
      const name = n["#name"];
      if (resid.length > MAX_RESID)
        problems.push(
          `resid "${resid}" on <${name}> is ${resid.length} characters (max ${MAX_RESID})`
        );
      const defined = resolve(m, resid);
      if (!defined) {
        problems.push(`resid "${resid}" on <${name}> is not defined in Resources`);
        continue;
      }
      const kind = RESID_KIND[name];
      if (kind && defined.collection !== kind)
        problems.push(
          `resid "${resid}" on <${name}> is a ${defined.collection} entry, expected ${kind}`
        );
    }
    return problems;
  },

  "keeps display strings within Office's length limits"(m) {
    const problems: string[] = [];
    for (const list of m.resources.values()) {
      for (const r of list) {
        const max =
          r.collection === "bt:ShortStrings"
            ? MAX_SHORT_STRING
            : r.collection === "bt:LongStrings"
              ? MAX_LONG_STRING
              : Infinity;
        if (r.value.trim() === "" && r.collection !== "bt:Images")
          problems.push(`${r.collection} ${r.id} is empty`);
        if (r.value.length > max)
          problems.push(`${r.collection} ${r.id} is ${r.value.length} characters (max ${max})`);
        for (const [locale, value] of r.overrides) {
          if (value.trim() === "") problems.push(`${r.collection} ${r.id} (${locale}) is empty`);
          if (value.length > max)
            problems.push(
              `${r.collection} ${r.id} (${locale}) is ${value.length} characters (max ${max})`
            );
        }
      }
    }
    for (const [name, max] of [
      ["DisplayName", MAX_SHORT_STRING],
      ["Description", MAX_LONG_STRING],
    ] as const) {
      const element = child(m.root, name) ?? ({} as XmlNode);
      const values: [string, string][] = [
        [name, attr(element, "DefaultValue") ?? ""],
        ...[...overridesOf(element)].map(([locale, v]): [string, string] => [
          `${name} (${locale})`,
          v,
        ]),
      ];
      for (const [where, v] of values) {
        if (!v.trim()) problems.push(`${where} is empty`);
        if (v.length > max) problems.push(`${where} is ${v.length} characters (max ${max})`);
      }
    }
    return problems;
  },

  "uses https URLs under the dev origin that map to files in dist/"(m, distDir) {
    const problems: string[] = [];
    const urls = allUrls(m);
    if (urls.length === 0) problems.push("no URLs found");
    for (const { where, url } of urls) {
      if (!/^https:\/\//.test(url)) {
        problems.push(`${where}: ${url || "(empty)"} is not https`);
        continue;
      }
      const file = distFile(url, distDir);
      if (!file)
        problems.push(
          `${where}: ${url} is not under ${DEV_ORIGIN}, so it cannot be checked against dist/`
        );
      else if (!fs.existsSync(file) || !fs.statSync(file).isFile())
        problems.push(`${where}: ${url} -> ${show(file)} does not exist (run npm run build)`);
    }
    return problems;
  },

  "declares icons whose PNGs have the pixel size of their file name and their role"(m, distDir) {
    const problems: string[] = [];
    const checkIcon = (where: string, url: string | undefined, expected: number) => {
      const file = url ? distFile(url, distDir) : null;
      if (!url || !file) return problems.push(`${where}: no URL under ${DEV_ORIGIN}`);
      if (!fs.existsSync(file)) return problems.push(`${where}: ${show(file)} does not exist`);
      const size = pngSize(file);
      if (typeof size === "string") return problems.push(`${where}: ${show(file)} is ${size}`);
      const named = /-(\d+)\.png$/i.exec(file);
      if (!named)
        problems.push(`${where}: ${path.basename(file)} does not name its size (icon-<px>.png)`);
      else if (size.width !== +named[1] || size.height !== +named[1])
        problems.push(
          `${where}: ${path.basename(file)} is ${size.width}x${size.height}, but its name says ${named[1]}`
        );
      if (size.width !== expected || size.height !== expected)
        problems.push(
          `${where}: ${path.basename(file)} is ${size.width}x${size.height}, expected ${expected}x${expected} for this role`
        );
      // The checked-in source the build copies must exist and agree.
      const src = path.join(ROOT, "assets", path.basename(file));
      if (!fs.existsSync(src))
        problems.push(`${where}: source assets/${path.basename(file)} is missing`);
      else {
        const s = pngSize(src);
        if (typeof s === "string" || s.width !== size.width || s.height !== size.height)
          problems.push(
            `${where}: assets/${path.basename(file)} differs in size from the built copy`
          );
      }
      return 0;
    };
    checkIcon(
      "IconUrl",
      attr(child(m.root, "IconUrl") ?? ({} as XmlNode), "DefaultValue"),
      ICON_URL_PX
    );
    checkIcon(
      "HighResolutionIconUrl",
      attr(child(m.root, "HighResolutionIconUrl") ?? ({} as XmlNode), "DefaultValue"),
      HIGH_RES_ICON_URL_PX
    );
    const refs = m.root
      ? findAll(m.root, (n) => n["#name"] === "bt:Image" && attr(n, "resid") !== undefined)
      : [];
    if (refs.length === 0) problems.push("no ribbon icons (bt:Image references)");
    for (const icon of findAll(
      m.root ?? ({ "#name": "" } as XmlNode),
      (n) => n["#name"] === "Icon"
    )) {
      const sizes = kids(icon).map((k) => attr(k, "size") ?? "");
      if (sizes.join() !== RIBBON_SIZES.join())
        problems.push(
          `an <Icon> lists sizes [${sizes.join(", ")}], expected [${RIBBON_SIZES.join(", ")}]`
        );
    }
    for (const ref of refs) {
      const size = attr(ref, "size") ?? "";
      if (!RIBBON_SIZES.includes(size))
        problems.push(
          `bt:Image ${attr(ref, "resid")}: size "${size}" is not one of ${RIBBON_SIZES.join("/")}`
        );
      checkIcon(
        `bt:Image ${attr(ref, "resid")} (size ${size})`,
        resolve(m, attr(ref, "resid"))?.value,
        +size
      );
    }
    return problems;
  },

  "overrides every display string, the help links and the function metadata for zh-CN"(m) {
    const problems: string[] = [];
    if (!m.root) return ["no manifest"];
    const overrides = allOverrides(m);
    const seen = new Set<string>();
    for (const o of overrides) {
      if (!LOCALES.includes(o.locale))
        problems.push(
          `${o.where}: Override for ${JSON.stringify(o.locale)}, expected one of ${LOCALES.join(", ")}`
        );
      const key = `${o.where}|${o.locale}`;
      if (seen.has(key)) problems.push(`${o.where}: more than one Override for ${o.locale}`);
      seen.add(key);
      if (o.node["#name"] === "Override" && o.where.startsWith("bt:"))
        problems.push(`${o.where}: a resource's Override must be <bt:Override>`);
    }
    const isUrl = (value: string) => /^https:\/\//.test(value);
    for (const locale of LOCALES) {
      for (const name of ["DisplayName", "Description"]) {
        const value = overridesOf(child(m.root, name) ?? ({} as XmlNode)).get(locale);
        if (value === undefined) problems.push(`${name} has no ${locale} Override`);
        else if (!CHINESE.test(value)) problems.push(`${name} (${locale}) is not in Chinese`);
      }
      const help = overridesOf(child(m.root, "SupportUrl") ?? ({} as XmlNode)).get(locale);
      if (help !== undefined && !help.includes(`/help/${locale}/`))
        problems.push(`SupportUrl (${locale}) ${help} is not a help page in help/${locale}/`);
      for (const list of m.resources.values()) {
        for (const r of list) {
          const value = r.overrides.get(locale);
          const isString = r.collection === "bt:ShortStrings" || r.collection === "bt:LongStrings";
          if (UNTRANSLATED.includes(r.id) || SAME_IN_EVERY_LOCALE.includes(r.id)) {
            if (value !== undefined)
              problems.push(
                `${r.id} must be the same in every language, but has a ${locale} Override`
              );
          } else if (isString && value === undefined)
            problems.push(`${r.collection} ${r.id} has no ${locale} Override`);
          else if (isString && value !== undefined && !CHINESE.test(value))
            problems.push(`${r.collection} ${r.id} (${locale}) is not in Chinese`);
          if (value !== undefined && r.collection === "bt:Urls" && !isUrl(value))
            problems.push(`${r.id} (${locale}) is not an https URL`);
        }
      }
      const cf = extensionPoint(m, "CustomFunctions");
      const metadata = resolve(
        m,
        attr(child(cf ?? null, "Metadata", "SourceLocation") ?? ({} as XmlNode), "resid")
      );
      const localized = metadata?.overrides.get(locale);
      if (!localized || !localized.endsWith(`/${LOCALIZED_METADATA[locale]}`))
        problems.push(
          `the custom functions' Metadata has ${localized ? `the ${locale} Override ${localized}` : `no ${locale} Override`}, expected …/${LOCALIZED_METADATA[locale]}`
        );
    }
    return problems;
  },

  "registers the custom functions under the CNAI namespace"(m) {
    const problems: string[] = [];
    const cf = extensionPoint(m, "CustomFunctions");
    if (!cf) return ["no CustomFunctions extension point"];
    if (
      !select(
        m.root,
        "VersionOverrides",
        "Hosts",
        "Host",
        "AllFormFactors",
        "ExtensionPoint"
      ).includes(cf)
    )
      problems.push("CustomFunctions extension point is not under AllFormFactors");
    const ns = resolve(m, attr(child(cf, "Namespace") ?? ({} as XmlNode), "resid"));
    if (ns?.value !== NAMESPACE)
      problems.push(`Namespace resolves to ${JSON.stringify(ns?.value)}, expected "${NAMESPACE}"`);
    if (ns && ns.collection !== "bt:ShortStrings") problems.push("Namespace is not a ShortString");
    const script =
      resolve(m, attr(child(cf, "Script", "SourceLocation") ?? ({} as XmlNode), "resid"))?.value ??
      "";
    const metadata =
      resolve(m, attr(child(cf, "Metadata", "SourceLocation") ?? ({} as XmlNode), "resid"))
        ?.value ?? "";
    if (!/\.js$/.test(script))
      problems.push(`Script SourceLocation is ${JSON.stringify(script)}, expected a .js URL`);
    if (!/\.json$/.test(metadata))
      problems.push(`Metadata SourceLocation is ${JSON.stringify(metadata)}, expected a .json URL`);
    return problems;
  },

  "shares one long-lived runtime between the task pane, the ribbon command and the custom functions"(
    m
  ) {
    const problems: string[] = [];
    const runtimes = select(m.root, "VersionOverrides", "Hosts", "Host", "Runtimes", "Runtime");
    if (runtimes.length !== 1) return [`expected exactly one Runtime, found ${runtimes.length}`];
    const rt = runtimes[0];
    if (attr(rt, "lifetime") !== "long")
      problems.push(`Runtime lifetime is ${JSON.stringify(attr(rt, "lifetime"))}, expected "long"`);
    const resid = attr(rt, "resid");
    const page = attr(
      child(extensionPoint(m, "CustomFunctions") ?? null, "Page", "SourceLocation") ??
        ({} as XmlNode),
      "resid"
    );
    const actions = m.root
      ? findAll(m.root, (n) => n["#name"] === "Action" && attr(n, "xsi:type") === "ShowTaskpane")
      : [];
    const functionFile = m.root ? findAll(m.root, (n) => n["#name"] === "FunctionFile") : [];
    if (page !== resid)
      problems.push(
        `CustomFunctions Page resid ${JSON.stringify(page)} differs from Runtime resid ${JSON.stringify(resid)}`
      );
    if (actions.length === 0) problems.push("no ShowTaskpane action");
    for (const a of actions) {
      const src = attr(child(a, "SourceLocation") ?? ({} as XmlNode), "resid");
      if (src !== resid)
        problems.push(
          `ShowTaskpane SourceLocation resid ${JSON.stringify(src)} differs from Runtime resid ${JSON.stringify(resid)}`
        );
      if (text(child(a, "TaskpaneId")) !== "ButtonId1")
        problems.push(
          `ShowTaskpane TaskpaneId is ${JSON.stringify(text(child(a, "TaskpaneId")))}, expected "ButtonId1"`
        );
    }
    for (const f of functionFile)
      if (attr(f, "resid") !== resid)
        problems.push(
          `FunctionFile resid ${JSON.stringify(attr(f, "resid"))} differs from Runtime resid ${JSON.stringify(resid)}`
        );
    const runtimeUrl = resolve(m, resid)?.value;
    const defaultPage = attr(
      child(m.root, "DefaultSettings", "SourceLocation") ?? ({} as XmlNode),
      "DefaultValue"
    );
    if (runtimeUrl !== defaultPage)
      problems.push(
        `DefaultSettings SourceLocation ${defaultPage} differs from the runtime page ${runtimeUrl}`
      );
    return problems;
  },

  "requires CustomFunctionsRuntime 1.2 or later and SharedRuntime 1.1"(m) {
    const problems: string[] = [];
    const sets = child(m.root, "Requirements", "Sets");
    if (!sets) return ["no Requirements/Sets at the top level"];
    const def = attr(sets, "DefaultMinVersion");
    const version = (name: string) => {
      const s = kids(sets).find((k) => attr(k, "Name") === name);
      return s ? (attr(s, "MinVersion") ?? def) : undefined;
    };
    const cf = version("CustomFunctionsRuntime");
    if (!versionAtLeast(cf, "1.2"))
      problems.push(
        `CustomFunctionsRuntime MinVersion is ${JSON.stringify(cf)}, expected >= 1.2 (CustomFunctions.Error)`
      );
    const sr = version("SharedRuntime");
    if (sr !== "1.1")
      problems.push(`SharedRuntime MinVersion is ${JSON.stringify(sr)}, expected "1.1"`);
    return problems;
  },

  "asks for ReadWriteDocument permission"(m) {
    const p = text(child(m.root, "Permissions"));
    return p === "ReadWriteDocument"
      ? []
      : [`Permissions is ${JSON.stringify(p)}, expected "ReadWriteDocument"`];
  },

  "has a GUID Id"(m) {
    const id = text(child(m.root, "Id"));
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
      ? []
      : [`Id ${JSON.stringify(id)} is not a GUID`];
  },

  "keeps the stable add-in Id (changing it makes Office treat CNAI as a new add-in)"(m) {
    const id = text(child(m.root, "Id"));
    return id.toLowerCase() === STABLE_ID
      ? []
      : [`Id ${JSON.stringify(id)} differs from the stable ${STABLE_ID}`];
  },
};

function run(name: string, m: Manifest, distDir: string): string[] {
  return checks[name](m, distDir);
}

// ---------------------------------------------------------------------------------------------
// The real manifest against the real build
// ---------------------------------------------------------------------------------------------
describe("manifest.xml", () => {
  const { manifest, dist } = manifestPaths();
  let m: Manifest;
  beforeAll(async () => {
    m = await loadManifest(manifest);
  });

  for (const name of Object.keys(checks)) {
    it(name, () => {
      expect(run(name, m, dist)).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Each check can fail: broken copies of the manifest (and of a scratch dist) are reported
// ---------------------------------------------------------------------------------------------
/** A scratch dist/ with an empty file for every URL the manifest names and the real icons from assets/. */
function scratchDist(m: Manifest): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cnai-manifest-test-"));
  for (const { url } of allUrls(m)) {
    const file = distFile(url, dir);
    if (!file) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const asset = path.join(ROOT, "assets", path.basename(file));
    if (/\/assets\/[^/]+\.png$/.test(url) && fs.existsSync(asset)) fs.copyFileSync(asset, file);
    else fs.writeFileSync(file, "");
  }
  return dir;
}

describe("manifest checks report broken manifests", () => {
  let original: string;
  let good: Manifest;
  let dist: string;
  beforeAll(async () => {
    original = fs.readFileSync(manifestPaths().manifest, "utf8");
    good = await parseManifest(original);
    dist = scratchDist(good);
  });
  afterAll(() => {
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  /** Replaces `from` (which must occur) in the manifest text. */
  function broken(from: string | RegExp, to: string): Promise<Manifest> {
    const changed = original.replace(from, to);
    if (changed === original) throw new Error(`mutation did not apply: ${from}`);
    return parseManifest(changed);
  }

  it("the unbroken manifest passes every check on the scratch dist", () => {
    for (const name of Object.keys(checks))
      expect({ name, problems: run(name, good, dist) }).toEqual({ name, problems: [] });
  });

  const cases: [string, string, string | RegExp, string, RegExp][] = [
    [
      "a missing close tag",
      "is well-formed XML with OfficeApp as its single root",
      "</Hosts>\n  <Requirements>",
      "\n  <Requirements>",
      /not well-formed/,
    ],
    [
      "a second root element",
      "is well-formed XML with OfficeApp as its single root",
      /<\/OfficeApp>\s*$/,
      "</OfficeApp>\n<Extra/>\n",
      /after the root/,
    ],
    [
      "a repeated attribute",
      "is well-formed XML with OfficeApp as its single root",
      '<Runtime resid="Taskpane.Url"',
      '<Runtime resid="Taskpane.Url" resid="Taskpane.Url"',
      /repeated attribute resid/,
    ],
    [
      "an undeclared prefix",
      "is well-formed XML with OfficeApp as its single root",
      "<Permissions>",
      "<ov2:Extra/><Permissions>",
      /undeclared namespace prefix/,
    ],
    [
      "SupportUrl before IconUrl",
      "has OfficeApp children in schema order, with the required ones present",
      /(<IconUrl [^>]*>)(\s*<HighResolutionIconUrl [^>]*>)(\s*)(<SupportUrl [\s\S]*?<\/SupportUrl>)/,
      "$4$3$1$2",
      /out of schema order/,
    ],
    [
      "no Permissions",
      "has OfficeApp children in schema order, with the required ones present",
      /<Permissions>\w+<\/Permissions>/,
      "",
      /missing <Permissions>/,
    ],
    [
      "Runtimes after AllFormFactors",
      "has OfficeApp children in schema order, with the required ones present",
      /(\s*<Runtimes>[\s\S]*?<\/Runtimes>)([\s\S]*?<\/AllFormFactors>)/,
      "$2$1",
      /<Runtimes> is out of schema order/,
    ],
    [
      "a nested VersionOverridesV1_1",
      "is a task pane add-in for Excel (Workbook) with VersionOverridesV1_0",
      'xsi:type="VersionOverridesV1_0"',
      'xsi:type="VersionOverridesV1_1"',
      /VersionOverridesV1_0/,
    ],
    [
      "a Document host",
      "is a task pane add-in for Excel (Workbook) with VersionOverridesV1_0",
      '<Host Name="Workbook"/>',
      '<Host Name="Document"/>',
      /base Hosts/,
    ],
    [
      "an undefined resid",
      "defines every referenced resid in Resources, of the right kind, with ids of at most 32 characters",
      '<Namespace resid="Functions.Namespace"/>',
      '<Namespace resid="Functions.Namespace.Missing"/>',
      /"Functions\.Namespace\.Missing" on <Namespace> is not defined/,
    ],
    [
      "a 33-character id",
      "defines every referenced resid in Resources, of the right kind, with ids of at most 32 characters",
      /GetStarted\.Title/g,
      "GetStarted.Title.ThatIsTooLongNow",
      /"GetStarted\.Title\.ThatIsTooLongNow" is 33 characters \(max 32\)/,
    ],
    [
      "a duplicated id",
      "defines every referenced resid in Resources, of the right kind, with ids of at most 32 characters",
      "</bt:ShortStrings>",
      '<bt:String id="GetStarted.Title" DefaultValue="again"/></bt:ShortStrings>',
      /defined 2 times/,
    ],
    [
      "a Label pointing at a URL",
      "defines every referenced resid in Resources, of the right kind, with ids of at most 32 characters",
      '<Label resid="TaskpaneButton.Label"/>',
      '<Label resid="Taskpane.Url"/>',
      /is a bt:Urls entry, expected bt:ShortStrings/,
    ],
    [
      "a 126-character ShortString",
      "keeps display strings within Office's length limits",
      'DefaultValue="China AI Stack"',
      `DefaultValue="${"x".repeat(126)}"`,
      /is 126 characters \(max 125\)/,
    ],
    [
      "an http URL",
      "uses https URLs under the dev origin that map to files in dist/",
      '"https://localhost:3000/functions.json"',
      '"http://localhost:3000/functions.json"',
      /is not https/,
    ],
    [
      "a URL to a file the build does not emit",
      "uses https URLs under the dev origin that map to files in dist/",
      '"https://localhost:3000/taskpane.html"/>\n        <bt:Url id="GetStarted',
      '"https://localhost:3000/taskpane2.html"/>\n        <bt:Url id="GetStarted',
      /taskpane2\.html does not exist/,
    ],
    [
      "a URL on another origin",
      "uses https URLs under the dev origin that map to files in dist/",
      '<SupportUrl DefaultValue="https://localhost:3000/help/index.html">',
      '<SupportUrl DefaultValue="https://example.com/help">',
      /is not under https:\/\/localhost:3000\//,
    ],
    [
      "IconUrl pointing at the 64 px icon",
      "declares icons whose PNGs have the pixel size of their file name and their role",
      '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
      '<IconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
      /IconUrl: icon-64\.png is 64x64, expected 32x32/,
    ],
    [
      "a 16 px image declared as size 32",
      "declares icons whose PNGs have the pixel size of their file name and their role",
      /<bt:Image size="32" resid="Icon.32x32"\/>/,
      '<bt:Image size="32" resid="Icon.16x16"/>',
      /icon-16\.png is 16x16, expected 32x32/,
    ],
    [
      "a ribbon size Office does not use",
      "declares icons whose PNGs have the pixel size of their file name and their role",
      '<bt:Image size="80" resid="Icon.80x80"/>',
      '<bt:Image size="64" resid="Icon.80x80"/>',
      /size "64" is not one of 16\/32\/80/,
    ],
    [
      "a namespace other than CNAI",
      "registers the custom functions under the CNAI namespace",
      '<bt:String id="Functions.Namespace" DefaultValue="CNAI"/>',
      '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/>',
      /"CONTOSO", expected "CNAI"/,
    ],
    [
      "a short-lived runtime",
      "shares one long-lived runtime between the task pane, the ribbon command and the custom functions",
      'lifetime="long"',
      'lifetime="short"',
      /lifetime is "short"/,
    ],
    [
      "a separate functions page",
      "shares one long-lived runtime between the task pane, the ribbon command and the custom functions",
      /<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/,
      '<Page><SourceLocation resid="Functions.Script.Url"/>',
      /Page resid "Functions\.Script\.Url" differs/,
    ],
    [
      "a separate FunctionFile",
      "shares one long-lived runtime between the task pane, the ribbon command and the custom functions",
      '<FunctionFile resid="Taskpane.Url"/>',
      '<FunctionFile resid="Functions.Script.Url"/>',
      /FunctionFile resid "Functions\.Script\.Url" differs/,
    ],
    [
      "CustomFunctionsRuntime 1.1",
      "requires CustomFunctionsRuntime 1.2 or later and SharedRuntime 1.1",
      '<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
      '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
      /CustomFunctionsRuntime MinVersion is "1\.1"/,
    ],
    [
      "no SharedRuntime",
      "requires CustomFunctionsRuntime 1.2 or later and SharedRuntime 1.1",
      /\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/,
      "",
      /SharedRuntime MinVersion is undefined/,
    ],
    [
      "ReadDocument permission",
      "asks for ReadWriteDocument permission",
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>ReadDocument</Permissions>",
      /expected "ReadWriteDocument"/,
    ],
    [
      "a non-GUID Id",
      "has a GUID Id",
      `<Id>${STABLE_ID}</Id>`,
      "<Id>cnai-addin</Id>",
      /is not a GUID/,
    ],
    [
      "a new GUID",
      "keeps the stable add-in Id (changing it makes Office treat CNAI as a new add-in)",
      `<Id>${STABLE_ID}</Id>`,
      "<Id>ca968be6-628b-4f14-ba3c-3e614effa9bd</Id>",
      /differs from the stable/,
    ],
    [
      "an Override to a file the build does not emit",
      "uses https URLs under the dev origin that map to files in dist/",
      "https://localhost:3000/functions.zh-CN.json",
      "https://localhost:3000/functions.zh-TW.json",
      /functions\.zh-TW\.json does not exist/,
    ],
    [
      "an Override to another origin",
      "uses https URLs under the dev origin that map to files in dist/",
      'Value="https://localhost:3000/help/zh-CN/index.html"/>\n  </SupportUrl>',
      'Value="https://example.com/zh"/>\n  </SupportUrl>',
      /SupportUrl \(zh-CN\): https:\/\/example\.com\/zh is not under/,
    ],
    [
      "a 251-character Description override",
      "keeps display strings within Office's length limits",
      /(<Description [^>]*>\s*<Override Locale="zh-CN" Value=")[^"]*"/,
      `$1${"字".repeat(251)}"`,
      /Description \(zh-CN\) is 251 characters \(max 250\)/,
    ],
    [
      "an empty string override",
      "keeps display strings within Office's length limits",
      'Value="中国AI技术栈"',
      'Value=" "',
      /CNAI\.Group\.Label \(zh-CN\) is empty/,
    ],
    [
      "a DisplayName without its Chinese override",
      "overrides every display string, the help links and the function metadata for zh-CN",
      /<DisplayName DefaultValue="([^"]*)">[\s\S]*?<\/DisplayName>/,
      '<DisplayName DefaultValue="$1"/>',
      /DisplayName has no zh-CN Override/,
    ],
    [
      "a ribbon string without its Chinese override",
      "overrides every display string, the help links and the function metadata for zh-CN",
      /(<bt:String id="CNAI\.Group\.Label" DefaultValue="[^"]*")>[\s\S]*?<\/bt:String>/,
      "$1/>",
      /bt:ShortStrings CNAI\.Group\.Label has no zh-CN Override/,
    ],
    [
      "a tooltip override left in English",
      "overrides every display string, the help links and the function metadata for zh-CN",
      'Value="打开CNAI窗格：载入研究报告的参考表格，并基于CNAI函数搭建模型工作表。"',
      'Value="Open the CNAI pane."',
      /TaskpaneButton\.Tooltip \(zh-CN\) is not in Chinese/,
    ],
    [
      "an Override for a locale CNAI does not translate",
      "overrides every display string, the help links and the function metadata for zh-CN",
      '<Override Locale="zh-CN" Value="CNAI — 中国AI技术栈"/>',
      '<Override Locale="zh-TW" Value="CNAI — 中國AI技術棧"/>',
      /Override for "zh-TW"/,
    ],
    [
      "a translated namespace",
      "overrides every display string, the help links and the function metadata for zh-CN",
      '<bt:String id="Functions.Namespace" DefaultValue="CNAI"/>',
      '<bt:String id="Functions.Namespace" DefaultValue="CNAI"><bt:Override Locale="zh-CN" Value="中国AI"/></bt:String>',
      /Functions\.Namespace must be the same in every language/,
    ],
    [
      "a separate runtime page for Chinese",
      "overrides every display string, the help links and the function metadata for zh-CN",
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"><bt:Override Locale="zh-CN" Value="https://localhost:3000/taskpane.html"/></bt:Url>',
      /Taskpane\.Url must be the same in every language/,
    ],
    [
      "no Chinese function metadata",
      "overrides every display string, the help links and the function metadata for zh-CN",
      /\s*<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions\.zh-CN\.json"\/>/,
      "",
      /Metadata has no zh-CN Override, expected …\/functions\.zh-CN\.json/,
    ],
    [
      "Chinese function metadata pointing at the English file",
      "overrides every display string, the help links and the function metadata for zh-CN",
      'Value="https://localhost:3000/functions.zh-CN.json"',
      'Value="https://localhost:3000/functions.json"',
      /Metadata has the zh-CN Override https:\/\/localhost:3000\/functions\.json/,
    ],
    [
      "a Chinese help link to the English pages",
      "overrides every display string, the help links and the function metadata for zh-CN",
      '<Override Locale="zh-CN" Value="https://localhost:3000/help/zh-CN/index.html"/>\n  </SupportUrl>',
      '<Override Locale="zh-CN" Value="https://localhost:3000/help/index.html"/>\n  </SupportUrl>',
      /SupportUrl \(zh-CN\) .* is not a help page in help\/zh-CN\//,
    ],
  ];
  for (const [what, check, from, to, expected] of cases) {
    it(`reports ${what}`, async () => {
      const problems = run(check, await broken(from, to), dist);
      expect(problems.some((p) => expected.test(p))).toBe(true);
    });
  }

  it("reports an icon whose pixels do not match its file name", () => {
    // Overwrite the scratch copy of icon-32.png with the 16 px image.
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), "cnai-manifest-test-"));
    try {
      fs.cpSync(dist, bad, { recursive: true });
      fs.copyFileSync(
        path.join(ROOT, "assets", "icon-16.png"),
        path.join(bad, "assets", "icon-32.png")
      );
      const problems = run(
        "declares icons whose PNGs have the pixel size of their file name and their role",
        good,
        bad
      );
      expect(problems).toContain("IconUrl: icon-32.png is 16x16, but its name says 32");
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it("reports a missing or non-PNG icon", () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), "cnai-manifest-test-"));
    try {
      fs.cpSync(dist, bad, { recursive: true });
      fs.writeFileSync(path.join(bad, "assets", "icon-80.png"), "not a png");
      fs.rmSync(path.join(bad, "assets", "icon-64.png"));
      const problems = run(
        "declares icons whose PNGs have the pixel size of their file name and their role",
        good,
        bad
      );
      expect(problems.some((p) => /icon-80\.png is not a PNG/.test(p))).toBe(true);
      expect(problems.some((p) => /icon-64\.png does not exist/.test(p))).toBe(true);
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it("reports a manifest file that is not XML at all", async () => {
    const problems = run(
      "is well-formed XML with OfficeApp as its single root",
      await parseManifest("this is not xml"),
      dist
    );
    expect(problems.length).toBeGreaterThan(0);
  });
});
