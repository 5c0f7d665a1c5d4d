#!/usr/bin/env node
// `npm run certs` — make sure the HTTPS dev certificates for https://localhost exist (generating them
// when missing; scripts/https-options.js) and say how to trust their CA. It installs nothing.
//
// `npm run certs -- --install` also puts the CA into the system's trust store, the one step in CNAI
// that touches a trust store, and says what it did or why it could not:
//   Linux:          a copy in /usr/local/share/ca-certificates/office-addin-dev-certs/ (where
//                   office-addin-dev-certs' own installer puts it), then update-ca-certificates. Needs a
//                   writable store (root); never runs sudo. Browsers keep their own stores (see the
//                   printed instructions).
//   Windows, macOS: office-addin-dev-certs' installer (Current User > Trusted Root / login keychain);
//                   the system asks you first.
// `--force` throws the certificates away and generates new ones (then `--install` again if you had).

"use strict";

/* global require, process, console */

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const certs = require("./https-options");

const { CERT_PATH, KEY_PATH, CA_PATH, CA_STORE, STORE_COPY } = certs;

function findOnPath(tool) {
  const dirs = (process.env.PATH || "").split(path.delimiter).concat(["/usr/sbin", "/sbin"]);
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

const firstLine = (err) =>
  ((err.stderr && err.stderr.toString()) || err.message || String(err)).trim().split("\n")[0];

/** As root, the commands that would do it; for a user who cannot write the store. */
const manualLinuxInstall = () => [
  "As root:",
  `  mkdir -p ${path.dirname(STORE_COPY)} && cp ${CA_PATH} ${STORE_COPY} && update-ca-certificates`,
  "(Fedora/RHEL/Arch: cp it to /etc/pki/ca-trust/source/anchors/ and run update-ca-trust.)",
];

/**
 * Linux: the CA into the Debian/Ubuntu system store.
 * @returns {{ ok: boolean, lines: string[] }}
 */
function installLinux() {
  const tool = findOnPath("update-ca-certificates");
  const cannot = (why, ...more) => ({
    ok: false,
    lines: [`The dev CA was not added to the system trust store: ${why}`, ...more],
  });
  if (!fs.existsSync(CA_STORE))
    return cannot(`${CA_STORE} does not exist (not Debian/Ubuntu?).`, ...manualLinuxInstall());
  if (!tool)
    return cannot("update-ca-certificates was not found (`apt-get install ca-certificates`).");
  try {
    fs.accessSync(CA_STORE, fs.constants.W_OK);
  } catch {
    return cannot(`${CA_STORE} is not writable by this user.`, ...manualLinuxInstall());
  }
  if (certs.inSystemStore())
    return {
      ok: true,
      lines: [`The dev CA is already in the system trust store (${STORE_COPY}).`],
    };
  try {
    fs.mkdirSync(path.dirname(STORE_COPY), { recursive: true });
    fs.copyFileSync(CA_PATH, STORE_COPY);
    fs.chmodSync(STORE_COPY, 0o644);
    execFileSync(tool, [], { stdio: "pipe" });
  } catch (err) {
    // Without our copy the next --install retries instead of taking the CA for trusted.
    fs.rmSync(STORE_COPY, { force: true });
    return cannot(`${firstLine(err)}.`);
  }
  return {
    ok: true,
    lines: [
      `Added the dev CA to the system trust store: copied it to ${STORE_COPY} and ran ${tool}.`,
      "curl, wget, openssl and `npm run start:web` now trust https://localhost; browsers use their own store.",
    ],
  };
}

/**
 * Windows / macOS: Microsoft's installer, which asks the user first.
 * @returns {Promise<{ ok: boolean, lines: string[] }>}
 */
async function installMicrosoft() {
  const where =
    process.platform === "win32"
      ? "your Windows certificate store (Current User > Trusted Root)"
      : "your login keychain";
  try {
    await require("office-addin-dev-certs").installCaCertificate(CA_PATH);
  } catch (err) {
    return { ok: false, lines: [`The dev CA was not added to ${where}: ${firstLine(err)}`] };
  }
  return {
    ok: true,
    lines: [`Added the dev CA to ${where}; Excel and browsers trust https://localhost.`],
  };
}

async function main(argv) {
  if (argv.includes("--force")) {
    for (const file of [CERT_PATH, KEY_PATH, CA_PATH]) fs.rmSync(file, { force: true });
  }
  await certs.ensureCertificates();
  // Installed first, so that the instructions below already see the CA in the store.
  let install;
  if (argv.includes("--install"))
    install = certs.usesMicrosoftInstaller() ? await installMicrosoft() : installLinux();
  console.log("");
  console.log("HTTPS dev certificates are ready.");
  for (const line of certs.trustInstructions()) console.log(line);
  if (!install) return 0;
  console.log("");
  for (const line of install.lines) (install.ok ? console.log : console.error)(line);
  return install.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Unable to prepare the HTTPS dev certificates: ${err.message || err}`);
    process.exit(1);
  }
);
