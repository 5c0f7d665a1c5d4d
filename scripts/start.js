#!/usr/bin/env node
// `npm start`
//
// Windows / macOS: Microsoft's normal flow — `office-addin-debugging start manifest.xml desktop`, which
//   starts the dev server (package.json "dev-server") and sideloads the add-in into Excel desktop. Its
//   exit code is forwarded. Excel desktop loads the add-in only from a trusted https://localhost: the
//   dev certificates are made first (when missing), and while their CA is not trusted,
//   office-addin-debugging asks the user, in the system's own dialog, before it trusts it — an explicit
//   step of the user's, which keeps install and start at two commands on these systems.
//
// Linux (and anything else): there is no Excel desktop app, and office-addin-debugging's "desktop" target
//   ends in "Platform not supported: linux". Instead `npm start` runs the CNAI workbench
//   (scripts/workbench.js: the built add-in beside a local workbook on http://localhost:3100), which
//   needs no certificate: none is made and no trust store is touched. It prints, as a secondary note,
//   how to sideload into Excel on the web. Ctrl-C (SIGINT) / SIGTERM stops it. Other arguments
//   (--port N, --no-build) go to the workbench.
//
//   `npm start -- --web`: for Excel on the web, make the dev certificates when missing, run
//   `npm run dev-server` in the foreground, wait until https://localhost:<port>/taskpane.html answers,
//   and print how to trust the CA and sideload. Ctrl-C stops it.
//
// `--check` or CNAI_START_DRY_RUN=1: do what the path does before starting anything (the certificates
//   for the Excel paths, nothing for the workbench), print the instructions, exit 0.

"use strict";

/* global require, process, console, __dirname, setTimeout */

const https = require("https");
const path = require("path");
const { spawn } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = "manifest.xml";
const PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
const READY_URL = `https://localhost:${PORT}/taskpane.html`;
const READY_TIMEOUT_MS = 120 * 1000;
const POLL_INTERVAL_MS = 1000;

const argv = process.argv.slice(2);
const dryRun =
  argv.includes("--check") || /^(1|true|yes)$/i.test(process.env.CNAI_START_DRY_RUN || "");
const web = argv.includes("--web");
const isMicrosoftPlatform = process.platform === "win32" || process.platform === "darwin";

function banner(lines) {
  const rule = "=".repeat(78);
  console.log(["", rule, ...lines, rule, ""].join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Windows / macOS
// ---------------------------------------------------------------------------------------------
async function startDesktop() {
  const certs = require("./https-options");
  await certs.ensureCertificates();
  const cli = require.resolve("office-addin-debugging/cli.js", {
    paths: [ROOT],
  });
  const args = [cli, "start", MANIFEST, "desktop", ...argv.filter((a) => a !== "--check")];
  if (dryRun) {
    console.log(`[dry run] would run: office-addin-debugging ${args.slice(1).join(" ")}`);
    console.log(
      "It starts the dev server (npm run dev-server) and sideloads the add-in into Excel desktop."
    );
    console.log("Stop with `npm stop`.");
    return 0;
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("error", (err) => {
      console.error(`Unable to run office-addin-debugging: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code !== null ? code : signal ? 1 : 0));
  });
}

// ---------------------------------------------------------------------------------------------
// Linux / other
// ---------------------------------------------------------------------------------------------

/** Resolves with the HTTP status of `url`, or undefined if nothing answers. Self-signed certs accepted. */
function probe(url, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(undefined));
  });
}

function instructions(trustLines, { serving }) {
  return [
    serving
      ? `CNAI add-in is being served at https://localhost:${PORT}  (task pane: ${READY_URL})`
      : `CNAI add-in will be served at https://localhost:${PORT} by \`npm start -- --web\` (task pane: ${READY_URL})`,
    "",
    `Excel has no desktop app on ${process.platform}: sideload into Excel on the web`,
    "(keep this dev server running; use a second terminal):",
    "  npm run start:web -- --document <url-of-a-workbook-in-OneDrive-or-SharePoint>",
    "or, in Excel on the web: Home > Add-ins > More Add-ins > Upload My Add-in > manifest.xml",
    "",
    ...trustLines,
    "",
    serving ? "Press Ctrl-C to stop the dev server." : "Dry run: the dev server was not started.",
  ];
}

/** `npm start` on Linux: the workbench over plain http, with how to sideload into Excel on the web as a note. */
async function startWorkbench() {
  const workbench = require("./workbench");
  const url = `http://localhost:${workbench.portOf(argv)}`;
  const notes = [
    `Excel has no desktop app on ${process.platform}, so \`npm start\` runs the CNAI workbench:`,
    `the built add-in beside a local workbook, in any browser, at ${url}`,
    "(`npm run workbench` does the same on any system; plain http, no certificates).",
    "",
    "To sideload into Excel on the web instead: `npm start -- --web` serves the add-in on",
    `https://localhost:${PORT} (it makes HTTPS dev certificates and says how to trust them);`,
    "keep it running and, in a second terminal:",
    "  npm run start:web -- --document <url-of-a-workbook-in-OneDrive-or-SharePoint>",
    "or, in Excel on the web: Home > Add-ins > More Add-ins > Upload My Add-in > manifest.xml",
  ];
  if (dryRun) {
    banner([...notes, "", "Dry run: nothing was started."]);
    return 0;
  }
  banner(notes);
  return workbench.main(argv);
}

/** `npm start -- --web` on Linux: the HTTPS dev server for Excel on the web. */
async function startWeb() {
  const { ensureCertificates, trustInstructions } = require("./https-options");

  await ensureCertificates();
  const trustLines = trustInstructions(PORT);

  if (dryRun) {
    banner(instructions(trustLines, { serving: false }));
    return 0;
  }

  const already = await probe(READY_URL, 2000);
  if (already !== undefined) {
    banner([
      `Something is already serving https://localhost:${PORT} (HTTP ${already} for /taskpane.html);`,
      "not starting a second dev server. Stop it first if it is stale.",
      "",
      ...instructions(trustLines, { serving: true }).slice(0, -1),
    ]);
    return 0;
  }

  console.log(`Starting the dev server (npm run dev-server) on https://localhost:${PORT} ...`);
  // Own process group, so that on SIGINT/SIGTERM we can stop npm, the shell and webpack together.
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const child = spawn(npm, ["run", "dev-server"], {
    cwd: ROOT,
    stdio: "inherit",
    detached: true,
  });

  let stopping = false;
  let childExited = false;
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  };

  const exitPromise = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      childExited = true;
      resolve({ code, signal });
    });
    child.on("error", (err) => {
      childExited = true;
      console.error(`Unable to start the dev server: ${err.message}`);
      resolve({ code: 1, signal: null });
    });
  });

  let lastSignalAt = 0;
  const stop = (signal) => {
    const now = Date.now();
    if (stopping) {
      // A second, deliberate Ctrl-C (not the duplicate delivered by npm + the terminal) forces it.
      if (now - lastSignalAt > 1000) killGroup("SIGKILL");
      return;
    }
    stopping = true;
    lastSignalAt = now;
    console.log(`\n${signal} received, stopping the dev server ...`);
    killGroup("SIGTERM");
    setTimeout(() => {
      if (!childExited) killGroup("SIGKILL");
    }, 5000).unref();
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => stop(sig));
  // Last resort if we exit for any other reason: do not leave an orphaned dev server behind.
  process.on("exit", () => {
    if (!childExited) killGroup("SIGTERM");
  });

  // Wait for the dev server to answer (webpack-dev-middleware holds requests until the first build is done).
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let status;
  while (!stopping && !childExited && Date.now() < deadline) {
    status = await probe(READY_URL);
    if (status !== undefined) break;
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }

  if (!stopping && !childExited) {
    if (status === undefined) {
      console.warn(
        `\nWarning: ${READY_URL} did not answer within ${READY_TIMEOUT_MS / 1000} s; the dev server is still running.`
      );
      banner(instructions(trustLines, { serving: true }));
    } else {
      const lines = instructions(trustLines, { serving: true });
      if (status !== 200)
        lines.unshift(`Warning: ${READY_URL} answered HTTP ${status} (expected 200).`, "");
      banner(lines);
    }
  }

  const { code, signal } = await exitPromise;
  if (stopping) {
    console.log("Dev server stopped.");
    return 0;
  }
  console.error(`The dev server exited (${signal ? `signal ${signal}` : `code ${code}`}).`);
  return code || 1;
}

const start = isMicrosoftPlatform ? startDesktop : web ? startWeb : startWorkbench;
start().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`npm start failed: ${err.message || err}`);
    process.exit(err.stopped ? 0 : 1); // `stopped`: Ctrl-C while the workbench was building
  }
);
