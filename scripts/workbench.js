#!/usr/bin/env node
// `npm run workbench` (and `npm start` on Linux): the CNAI workbench on plain http://localhost.
//
// Builds what is missing or older than its sources — dist/ (`npm run build`, the add-in exactly as
// Excel loads it) and dist-workbench/ (webpack.workbench.js) — then serves, on 127.0.0.1 only:
//   /                     dist-workbench/index.html, the workbench; /<file> from dist-workbench/
//   /addin/<file>         dist/<file>, byte for byte: the add-in's own taskpane.html, taskpane.js,
//                         functions.js, functions.json, … as Excel loads them; the workbench shows
//                         /addin/taskpane.html in an iframe, and that page loads the rest
//   /addin/taskpane.html  the one change: its office.js <script> points at /office-js/office.js
//   /office-js/office.js  dist-workbench/office.js, the workbench's office.js: Microsoft's Excel
//                         client (excel-web-16.00.js) answered by the workbench's Excel host
//   /assets/, /help/      dist/assets/, dist/help/: the pane's own relative links
//
// Every answer carries a Content-Security-Policy; a request whose Host is not localhost or
// 127.0.0.1 with the server's port is refused with 421 (DNS rebinding).
//
// Options: --port N (or CNAI_WORKBENCH_PORT; default 3100, beside the add-in's 3000; 0 = any free
// port), --no-build (serve what is built; tests that built it already). Ctrl-C / SIGTERM stop it.

"use strict";

/* global require, process, console, __dirname, module, Buffer */

const fs = require("fs");
const http = require("http");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const DIST_WORKBENCH = path.join(ROOT, "dist-workbench");
const DEFAULT_PORT = 3100;
const HOST = "127.0.0.1";
/** Where taskpane.html loads office.js from in Excel. */
const OFFICE_CDN = /https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/g;

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".gif": "image/gif",
  ".jpg": "image/jpeg",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

// ---------------------------------------------------------------------------------------------
// Building

/** dist/'s inputs are the ones test/global-setup.js watches, so the two agree on "stale". */
const BUILDS = [
  {
    folder: "dist/",
    output: path.join(DIST, "functions.js"),
    inputs: [
      "src/core",
      "src/functions",
      "src/plans",
      "src/taskpane",
      "scripts/reference.ts",
      "manifest.xml",
      "assets",
      "webpack.config.js",
      "scripts/webpack-typescript.js",
      "scripts/strip-prose.js",
      "scripts/public-url.js",
      "package.json",
    ],
    command: ["npm", ["run", "build", "--silent"]],
  },
  {
    folder: "dist-workbench/",
    output: path.join(DIST_WORKBENCH, "main.js"),
    inputs: [
      "src",
      "webpack.workbench.js",
      "scripts/webpack-typescript.js",
      "package.json",
      "node_modules/@microsoft/office-js/package.json",
    ],
    command: [
      process.execPath,
      [
        require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] }),
        "--config",
        "webpack.workbench.js",
        "--mode",
        "development",
      ],
    ],
  },
];

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newest(path.join(file, name))));
}

function isStale(build) {
  if (!fs.existsSync(build.output)) return true;
  const inputs = build.inputs.map((p) => path.join(ROOT, p)).filter((p) => fs.existsSync(p));
  return newest(build.output) < Math.max(...inputs.map(newest));
}

/**
 * Marks a build's output as newer than its inputs. Webpack leaves an output whose content did not
 * change unwritten, with its old time: an edit that changes nothing in functions.js would
 * otherwise leave dist/ "stale" for ever, and every start would build it again.
 */
function markBuilt(build) {
  const now = new Date();
  fs.utimesSync(build.output, now, now);
}

/** Builds dist/ and dist-workbench/ where missing or stale; throws when a build fails. */
function ensureBuilt() {
  for (const build of BUILDS) {
    if (!isStale(build)) continue;
    console.log(`Building ${build.folder} ...`);
    const [command, args] = build.command;
    const result = spawnSync(command, args, {
      cwd: ROOT,
      stdio: "inherit",
      shell: process.platform === "win32" && command === "npm",
    });
    if (result.signal) throw Object.assign(new Error("stopped while building"), { stopped: true });
    if (result.status !== 0)
      throw new Error(
        `building ${build.folder} failed (${result.error ? result.error.message : `exit ${result.status}`})`
      );
    markBuilt(build);
  }
}

// ---------------------------------------------------------------------------------------------
// Serving

/** The file under `base` that `relative` names, or undefined if it would leave `base`. */
function inside(base, relative) {
  const file = path.resolve(base, `.${path.posix.normalize(`/${relative}`)}`);
  return file === base || file.startsWith(base + path.sep) ? file : undefined;
}

/** Maps a URL path to { file, rewrite? }, or undefined when no route matches. */
function route(pathname) {
  const prefixed = (prefix, base) =>
    pathname.startsWith(prefix) ? inside(base, pathname.slice(prefix.length)) : undefined;
  if (pathname === "/" || pathname === "/index.html")
    return { file: path.join(DIST_WORKBENCH, "index.html") };
  if (pathname === "/addin/taskpane.html")
    return {
      file: path.join(DIST, "taskpane.html"),
      rewrite: (text) => text.replace(OFFICE_CDN, "/office-js/office.js"),
    };
  if (pathname === "/office-js/office.js") return { file: path.join(DIST_WORKBENCH, "office.js") };
  if (pathname === "/favicon.ico") return { file: path.join(DIST, "assets", "icon-32.png") };
  const file =
    prefixed("/addin/", DIST) ||
    (pathname.startsWith("/assets/") || pathname.startsWith("/help/")
      ? inside(DIST, pathname)
      : inside(DIST_WORKBENCH, pathname));
  return file ? { file } : undefined;
}

/**
 * Sent with every answer, over the pages' own meta policies: the workbench and the pane load
 * everything from this server; frame-ancestors (which a meta policy cannot set) keeps other sites
 * from framing it.
 */
const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/**
 * Whether a request's Host names this server: localhost or 127.0.0.1 with its port. A page from
 * another site that points its own name at 127.0.0.1 (DNS rebinding) sends its own name and is
 * refused, so it cannot read the workbench's files.
 */
function isOwnHost(host, port) {
  if (typeof host !== "string") return false;
  const name = host.toLowerCase();
  return ["localhost", "127.0.0.1"].some(
    (own) => name === `${own}:${port}` || (port === 80 && name === own)
  );
}

function send(response, status, headers, body, head) {
  response.writeHead(status, {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": POLICY,
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(head ? undefined : body);
}

function handle(request, response, port) {
  const head = request.method === "HEAD";
  if (!isOwnHost(request.headers.host, port)) {
    send(
      response,
      421,
      { "Content-Type": MIME_TYPES[".txt"] },
      `Misdirected request: this workbench answers http://localhost:${port} and http://127.0.0.1:${port} only.\n`,
      head
    );
    return;
  }
  if (request.method !== "GET" && !head) {
    send(
      response,
      405,
      { Allow: "GET, HEAD", "Content-Type": MIME_TYPES[".txt"] },
      "Method not allowed\n"
    );
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  } catch {
    send(response, 400, { "Content-Type": MIME_TYPES[".txt"] }, "Bad request\n");
    return;
  }
  const match = route(pathname);
  let body;
  try {
    if (!match || !fs.statSync(match.file).isFile()) throw new Error("not a file");
    body = fs.readFileSync(match.file);
  } catch {
    send(response, 404, { "Content-Type": MIME_TYPES[".txt"] }, `Not found: ${pathname}\n`, head);
    return;
  }
  if (match.rewrite) body = match.rewrite(body.toString("utf8"));
  const type = MIME_TYPES[path.extname(match.file).toLowerCase()] || "application/octet-stream";
  send(response, 200, { "Content-Type": type }, body, head);
}

/** Starts the server; resolves with it once it listens. */
function listen(port) {
  const server = http.createServer((request, response) =>
    handle(request, response, server.address().port)
  );
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve(server));
  });
}

function portOf(argv) {
  const at = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const text =
    at < 0
      ? process.env.CNAI_WORKBENCH_PORT
      : argv[at].includes("=")
        ? argv[at].split("=")[1]
        : argv[at + 1];
  if (text === undefined || text === "") return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number from 0 to 65535, not "${text}"`);
  return port;
}

/** Builds, serves and waits for Ctrl-C / SIGTERM; resolves with the exit code. */
async function main(argv = process.argv.slice(2)) {
  const port = portOf(argv);
  // Ctrl-C while webpack builds stops webpack too; this process then ends as cleanly as when serving.
  const whileBuilding = () => undefined;
  process.on("SIGINT", whileBuilding).on("SIGTERM", whileBuilding);
  try {
    if (!argv.includes("--no-build")) ensureBuilt();
  } finally {
    process.off("SIGINT", whileBuilding).off("SIGTERM", whileBuilding);
  }
  for (const [file, what] of [
    [path.join(DIST_WORKBENCH, "index.html"), "dist-workbench/ (run without --no-build)"],
    [path.join(DIST, "functions.js"), "dist/ (npm run build)"],
  ])
    if (!fs.existsSync(file)) throw new Error(`${what} is not built`);

  let server;
  try {
    server = await listen(port);
  } catch (error) {
    if (error.code === "EADDRINUSE")
      throw new Error(
        `port ${port} is in use: stop what serves it, or pass --port N (or set CNAI_WORKBENCH_PORT)`
      );
    throw error;
  }
  const url = `http://localhost:${server.address().port}`;
  console.log(`CNAI workbench: ${url}`);
  console.log(`  the add-in's own task pane page, outside Office: ${url}/addin/taskpane.html`);
  console.log("Press Ctrl-C to stop.");

  return new Promise((resolve) => {
    const stop = (signal) => {
      console.log(`\n${signal} received, stopping the workbench.`);
      server.close(() => resolve(0));
      server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

module.exports = { main, portOf, listen, POLICY, BUILDS, isStale, markBuilt };

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`CNAI workbench: ${error.message || error}`);
      process.exit(error.stopped ? 0 : 1);
    }
  );
}
