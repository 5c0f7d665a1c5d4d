// The HTTPS dev certificates for https://localhost, which only the Excel paths need (`npm start -- --web`,
// `npm run dev-server`, Windows/macOS `npm start`): where they are, making them when missing, and how to
// trust their CA. Nothing here touches a trust store; only `npm run certs -- --install`
// (scripts/dev-certs.js) does, and the plain-http workbench needs no certificate at all.
//
// The certificates are made with office-addin-dev-certs' own generator: same folder
// (~/.office-addin-dev-certs), file names, CA name and 30-day validity as Microsoft's tools, so
// office-addin-debugging finds them. Its installer is not used here: it runs `sudo`, which root in a
// container lacks, and its repair path deletes and regenerates the files.
//
// CNAI_CERTS_DIR moves the certificate folder and CNAI_CA_STORE the Linux system store
// (/usr/local/share/ca-certificates): the tests point both at temporary folders.
//
// Usage (webpack.config.js): const { getHttpsOptions } = require("./scripts/https-options");
//                            devServer: { server: { type: "https", options: await getHttpsOptions() } }

"use strict";

/* global require, module, process, console */

const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

// office-addin-dev-certs' defaults: ~/.office-addin-dev-certs/{ca.crt,localhost.crt,localhost.key},
// CA "Developer CA for Microsoft Office Add-ins", 30 days, domains 127.0.0.1 + localhost.
const certDefaults = require("office-addin-dev-certs/lib/defaults");

const CERT_DIR = process.env.CNAI_CERTS_DIR || certDefaults.certificateDirectory;
const CA_PATH = path.join(CERT_DIR, certDefaults.caCertificateFileName);
const CERT_PATH = path.join(CERT_DIR, certDefaults.localhostCertificateFileName);
const KEY_PATH = path.join(CERT_DIR, certDefaults.localhostKeyFileName);

// Debian/Ubuntu's store for local CAs, and the copy office-addin-dev-certs' install_linux.sh makes
// there (its verify_linux.sh, run by `office-addin-debugging start ... web`, looks for that file).
const CA_STORE = process.env.CNAI_CA_STORE || "/usr/local/share/ca-certificates";
const STORE_COPY = path.join(
  CA_STORE,
  "office-addin-dev-certs",
  certDefaults.caCertificateFileName
);

// Same threshold office-addin-dev-certs' verify_linux.sh uses (openssl x509 -checkend 86400).
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

const usesMicrosoftInstaller = () => process.platform === "win32" || process.platform === "darwin";

/**
 * Checks the certificate files.
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

/**
 * Makes sure the folder holds a valid CA + localhost certificate, generating them when missing,
 * expired or inconsistent. Trusts nothing and never uses sudo.
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<{ generated: boolean, reason?: string }>}
 */
async function ensureCertificates(options = {}) {
  const status = checkCertificateFiles();
  if (status.ok) return { generated: false };
  if (!options.quiet) console.log(`Generating the HTTPS dev certificates (${status.reason}) ...`);
  // generateCertificates() only writes when ca.crt is absent, so clear the old set first
  // (exactly the files office-addin-dev-certs' own deleteCertificateFiles() removes).
  for (const file of [CERT_PATH, KEY_PATH, CA_PATH]) fs.rmSync(file, { force: true });
  fs.mkdirSync(CERT_DIR, { recursive: true });
  const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
  await generateCertificates(CA_PATH, CERT_PATH, KEY_PATH);
  try {
    fs.chmodSync(KEY_PATH, 0o600);
  } catch {
    // best effort
  }
  const recheck = checkCertificateFiles();
  if (!recheck.ok) throw new Error(`Generated dev certificates are not usable: ${recheck.reason}`);
  return { generated: true, reason: status.reason };
}

/** Whether the Linux system store holds this CA (as `npm run certs -- --install` puts it there). */
function inSystemStore() {
  try {
    return fs.readFileSync(STORE_COPY).equals(fs.readFileSync(CA_PATH));
  } catch {
    return false;
  }
}

function tildify(p) {
  const home = os.homedir();
  return p.startsWith(home + path.sep) ? "~" + p.slice(home.length) : p;
}

const DEV_SERVER_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;

/** Where the certificates are and how to trust the CA, for this platform. */
function trustInstructions(port = DEV_SERVER_PORT) {
  const ca = tildify(CA_PATH);
  const lines = [
    `HTTPS dev certificates (${tildify(CERT_DIR)}):`,
    `  CA certificate:        ${ca}`,
    `  localhost certificate: ${tildify(CERT_PATH)}  (SAN: localhost, 127.0.0.1; signed by the CA)`,
    `  localhost key:         ${tildify(KEY_PATH)}`,
    "",
  ];
  if (process.platform === "win32")
    return lines.concat(
      "Excel and Edge trust https://localhost once the CA is in your Windows certificate store",
      "(Current User > Trusted Root): `npm run certs -- --install` puts it there after Windows asks you."
    );
  if (process.platform === "darwin")
    return lines.concat(
      "Excel and Safari trust https://localhost once the CA is in your login keychain:",
      "`npm run certs -- --install` puts it there after macOS asks for your password."
    );
  return lines.concat(
    "Trusting the CA (once per CA; it is regenerated when it expires, every 30 days):",
    "  Chrome/Chromium/Edge (NSS db; `apt-get install libnss3-tools` for certutil):",
    `    certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n office-addin-dev-certs -i ${ca}`,
    "    (if it is already there: certutil -d sql:$HOME/.pki/nssdb -D -n office-addin-dev-certs, then add again)",
    "  Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import",
    `    ${ca}, tick "Trust this CA to identify websites".`,
    `  curl/Node clients: --cacert ${ca}  /  NODE_EXTRA_CA_CERTS=${CA_PATH}`,
    `  Or open https://localhost:${port}/taskpane.html once in the browser you use for Excel`,
    "    and accept the certificate warning.",
    inSystemStore()
      ? `  The CA is in the system store (${STORE_COPY}) for curl, wget and openssl; browsers use their own.`
      : `  System store, for curl, wget, openssl and \`npm run start:web\`'s check: \`npm run certs -- --install\` (as root).`
  );
}

function readHttpsOptions() {
  return {
    ca: fs.readFileSync(CA_PATH),
    key: fs.readFileSync(KEY_PATH),
    cert: fs.readFileSync(CERT_PATH),
  };
}

/**
 * HTTPS options ({ ca, key, cert } as Buffers) for webpack-dev-server: the certificates, generated
 * first when missing (and then how to trust them is printed).
 * @returns {Promise<{ ca: Buffer, key: Buffer, cert: Buffer }>}
 */
async function getHttpsOptions() {
  const { generated } = await ensureCertificates();
  if (generated) console.log(["", ...trustInstructions(), ""].join("\n"));
  return readHttpsOptions();
}

module.exports = {
  getHttpsOptions,
  ensureCertificates,
  checkCertificateFiles,
  trustInstructions,
  inSystemStore,
  usesMicrosoftInstaller,
  tildify,
  CERT_DIR,
  CA_PATH,
  CERT_PATH,
  KEY_PATH,
  CA_STORE,
  STORE_COPY,
};
