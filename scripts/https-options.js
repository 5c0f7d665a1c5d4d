// HTTPS options for webpack-dev-server (and anything else that serves the add-in on https://localhost).
//
// Windows / macOS: Microsoft's normal path, office-addin-dev-certs' getHttpsServerOptions(), which
//   generates the dev certificates and installs/trusts the CA (Windows cert store / macOS keychain).
//
// Linux (and any other platform): office-addin-dev-certs' installer runs `sudo sh install_linux.sh`,
//   which fails where there is no sudo (e.g. root in a container), and its "repair" path deletes and
//   regenerates the certificate files. So here we only *generate* the certificates with the package's
//   own generator (same folder ~/.office-addin-dev-certs, same file names, same CA name/validity), and
//   never call sudo. If we are root and update-ca-certificates (Debian/Ubuntu) or update-ca-trust
//   (Fedora/Arch) is available, we put ca.crt where office-addin-dev-certs' own Linux installer would
//   put it and refresh the system store directly — failures are reported in one line and ignored.
//
// Usage (webpack.config.js): const { getHttpsOptions } = require("./scripts/https-options");
//                            devServer: { server: { type: "https", options: await getHttpsOptions() } }
// Run directly (`node scripts/https-options.js`) it ensures the certificates and prints their paths.

"use strict";

/* global require, module, process, console */

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

// office-addin-dev-certs' defaults: ~/.office-addin-dev-certs/{ca.crt,localhost.crt,localhost.key},
// CA "Developer CA for Microsoft Office Add-ins", 30 days, domains 127.0.0.1 + localhost.
const certDefaults = require("office-addin-dev-certs/lib/defaults");

const CERT_DIR = certDefaults.certificateDirectory;
const CA_PATH = certDefaults.caCertificatePath;
const CERT_PATH = certDefaults.localhostCertificatePath;
const KEY_PATH = certDefaults.localhostKeyPath;

// Same threshold office-addin-dev-certs' verify_linux.sh uses (openssl x509 -checkend 86400).
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

// Where office-addin-dev-certs' scripts/install_linux.sh puts the CA (so its verify_linux.sh, used by
// `office-addin-debugging start ... web`, sees the CA as installed and does not try sudo or regenerate).
const SYSTEM_TRUST_TARGETS = [
  {
    tool: "update-ca-certificates", // Debian, Ubuntu
    requireDir: "/usr/local/share/ca-certificates",
    file:
      "/usr/local/share/ca-certificates/office-addin-dev-certs/" +
      certDefaults.caCertificateFileName,
    args: [],
  },
  {
    tool: "update-ca-trust", // Fedora, RHEL, Arch
    requireDir: "/etc/ca-certificates/trust-source",
    file: "/etc/ca-certificates/trust-source/anchors/office-addin-dev-certs-ca.crt",
    args: [],
  },
];

const usesMicrosoftInstaller = () =>
  process.platform === "win32" || process.platform === "darwin";

function findOnPath(tool) {
  const dirs = (process.env.PATH || "")
    .split(path.delimiter)
    .concat(["/usr/sbin", "/sbin"]);
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

/**
 * Checks the certificate files in ~/.office-addin-dev-certs.
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
function checkCertificateFiles() {
  for (const file of [CA_PATH, CERT_PATH, KEY_PATH]) {
    if (!fs.existsSync(file)) return { ok: false, reason: `missing ${file}` };
  }
  try {
    const ca = new crypto.X509Certificate(fs.readFileSync(CA_PATH));
    const cert = new crypto.X509Certificate(fs.readFileSync(CERT_PATH));
    const key = crypto.createPrivateKey(fs.readFileSync(KEY_PATH));
    const soon = Date.now() + RENEW_BEFORE_MS;
    for (const [name, c] of [
      ["CA certificate", ca],
      ["localhost certificate", cert],
    ]) {
      if (new Date(c.validTo).getTime() < soon)
        return {
          ok: false,
          reason: `${name} expired or expires within a day (${c.validTo})`,
        };
      if (new Date(c.validFrom).getTime() > Date.now())
        return {
          ok: false,
          reason: `${name} is not valid yet (${c.validFrom})`,
        };
    }
    if (!cert.checkPrivateKey(key))
      return {
        ok: false,
        reason: "localhost.key does not match localhost.crt",
      };
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey))
      return { ok: false, reason: "localhost.crt is not signed by ca.crt" };
    if (!cert.checkHost("localhost"))
      return {
        ok: false,
        reason: "localhost.crt has no subjectAltName for localhost",
      };
  } catch (err) {
    return {
      ok: false,
      reason: `unreadable certificate files (${err.message})`,
    };
  }
  return { ok: true };
}

/** Puts ca.crt into the system trust store when we are root and the tool exists. Never uses sudo. */
function trySystemTrust(log) {
  if (
    process.platform !== "linux" ||
    typeof process.getuid !== "function" ||
    process.getuid() !== 0
  )
    return;
  if (process.env.CNAI_SKIP_SYSTEM_TRUST === "1") return;
  const ca = fs.readFileSync(CA_PATH);
  for (const target of SYSTEM_TRUST_TARGETS) {
    const tool = findOnPath(target.tool);
    if (!tool || !fs.existsSync(target.requireDir)) continue;
    try {
      if (fs.existsSync(target.file) && fs.readFileSync(target.file).equals(ca))
        return; // already there
      fs.mkdirSync(path.dirname(target.file), { recursive: true });
      fs.writeFileSync(target.file, ca, { mode: 0o644 });
      execFileSync(tool, target.args, { stdio: "pipe" });
      log(
        `Added the dev CA to the system trust store (${target.file}, ${target.tool}).`,
      );
    } catch (err) {
      // Remove our copy so that the next run retries instead of thinking the CA is already trusted.
      try {
        fs.rmSync(target.file, { force: true });
      } catch {
        // ignore
      }
      const detail = (
        (err.stderr && err.stderr.toString()) ||
        err.message ||
        String(err)
      )
        .trim()
        .split("\n")[0];
      log(
        `Note: could not add the dev CA to the system trust store via ${target.tool} (ignored): ${detail}`,
      );
    }
    return;
  }
}

/**
 * Linux/other: make sure ~/.office-addin-dev-certs holds a valid CA + localhost certificate, generating
 * them with office-addin-dev-certs' own generator when missing, expired or inconsistent. Never uses sudo.
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<{ generated: boolean, reason?: string }>}
 */
async function ensureCertificates(options = {}) {
  const log = options.quiet ? () => {} : (msg) => console.log(msg);
  const status = checkCertificateFiles();
  let generated = false;
  if (!status.ok) {
    log(`Generating Office add-in dev certificates (${status.reason}) ...`);
    // generateCertificates() only writes when ca.crt is absent, so clear the old set first
    // (exactly the files office-addin-dev-certs' own deleteCertificateFiles() removes).
    for (const file of [CERT_PATH, KEY_PATH, CA_PATH])
      fs.rmSync(file, { force: true });
    const {
      generateCertificates,
    } = require("office-addin-dev-certs/lib/generate");
    await generateCertificates(CA_PATH, CERT_PATH, KEY_PATH);
    try {
      fs.chmodSync(KEY_PATH, 0o600);
    } catch {
      // best effort
    }
    const recheck = checkCertificateFiles();
    if (!recheck.ok)
      throw new Error(
        `Generated dev certificates are not usable: ${recheck.reason}`,
      );
    generated = true;
  }
  trySystemTrust(log);
  return { generated, reason: status.ok ? undefined : status.reason };
}

/** Path of the system-store copy of the CA if it is present and identical to ca.crt, else undefined. */
function systemTrustedCopy() {
  try {
    const ca = fs.readFileSync(CA_PATH);
    const hit = SYSTEM_TRUST_TARGETS.find(
      (t) => fs.existsSync(t.file) && fs.readFileSync(t.file).equals(ca),
    );
    return hit ? hit.file : undefined;
  } catch {
    return undefined;
  }
}

function readHttpsOptions() {
  return {
    ca: fs.readFileSync(CA_PATH),
    key: fs.readFileSync(KEY_PATH),
    cert: fs.readFileSync(CERT_PATH),
  };
}

/**
 * HTTPS options ({ ca, key, cert } as Buffers) for webpack-dev-server.
 * @returns {Promise<{ ca: Buffer, key: Buffer, cert: Buffer }>}
 */
async function getHttpsOptions() {
  if (usesMicrosoftInstaller()) {
    const devCerts = require("office-addin-dev-certs");
    return devCerts.getHttpsServerOptions();
  }
  await ensureCertificates();
  return readHttpsOptions();
}

module.exports = {
  getHttpsOptions,
  ensureCertificates,
  checkCertificateFiles,
  usesMicrosoftInstaller,
  systemTrustedCopy,
  CERT_DIR,
  CA_PATH,
  CERT_PATH,
  KEY_PATH,
};

if (require.main === module) {
  getHttpsOptions().then(
    () => {
      console.log(`CA certificate:        ${CA_PATH}`);
      console.log(`localhost certificate: ${CERT_PATH}`);
      console.log(`localhost key:         ${KEY_PATH}`);
    },
    (err) => {
      console.error(
        `Unable to prepare the HTTPS dev certificates: ${err.message || err}`,
      );
      process.exit(1);
    },
  );
}
