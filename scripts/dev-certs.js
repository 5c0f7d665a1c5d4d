#!/usr/bin/env node
// `npm run certs` — make sure the HTTPS dev certificates for https://localhost exist and say how to trust them.
//
// Same code path as the dev server (scripts/https-options.js):
//   Windows / macOS: office-addin-dev-certs generates and installs/trusts the CA (Microsoft's normal path).
//   Linux / other:   certificates are generated into ~/.office-addin-dev-certs without sudo; trusting the CA
//                    in your browser is up to you (instructions printed below).
//
// Options: --force   throw away the existing certificates and generate new ones (Linux/other only;
//                    on Windows/macOS use `npx office-addin-dev-certs uninstall` then run this again).

"use strict";

/* global require, module, process, console */

const fs = require("fs");
const os = require("os");
const path = require("path");
const httpsOptions = require("./https-options");

const { CERT_DIR, CA_PATH, CERT_PATH, KEY_PATH } = httpsOptions;

function tildify(p) {
  const home = os.homedir();
  return p.startsWith(home + path.sep) ? "~" + p.slice(home.length) : p;
}

/** Lines describing where the certificates are and how to trust the CA (platform-specific). */
function trustInstructions(port = 3000) {
  const ca = tildify(CA_PATH);
  const lines = [
    `Certificates (${tildify(CERT_DIR)}):`,
    `  CA certificate:        ${ca}`,
    `  localhost certificate: ${tildify(CERT_PATH)}  (SAN: localhost, 127.0.0.1; signed by the CA)`,
    `  localhost key:         ${tildify(KEY_PATH)}`,
  ];
  if (httpsOptions.usesMicrosoftInstaller()) {
    lines.push(
      "",
      "office-addin-dev-certs has installed the CA in your " +
        (process.platform === "win32"
          ? "Windows certificate store"
          : "macOS login keychain") +
        "; browsers and Office trust https://localhost.",
    );
    return lines;
  }
  lines.push(
    "",
    "Trusting the CA (needed once per CA; it is regenerated when it expires, every 30 days):",
    "  Chrome/Chromium/Edge (NSS db; `apt-get install libnss3-tools` for certutil):",
    `    certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n office-addin-dev-certs -i ${ca}`,
    "    (if it is already there: certutil -d sql:$HOME/.pki/nssdb -D -n office-addin-dev-certs, then add again)",
    "  Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import",
    `    ${ca}, tick "Trust this CA to identify websites".`,
    `  curl/Node clients: --cacert ${ca}  /  NODE_EXTRA_CA_CERTS=${CA_PATH}`,
    `  Or simply open https://localhost:${port}/taskpane.html once in the browser you use for Excel`,
    "    and accept the certificate warning.",
  );
  const systemCopy = httpsOptions.systemTrustedCopy();
  if (systemCopy) {
    lines.push(
      `  (The CA is also in the system store, ${systemCopy}, for curl/wget/openssl; browsers use their own.)`,
    );
  }
  return lines;
}

async function main(argv) {
  const force = argv.includes("--force");
  if (force && !httpsOptions.usesMicrosoftInstaller()) {
    for (const file of [CERT_PATH, KEY_PATH, CA_PATH])
      fs.rmSync(file, { force: true });
  }
  await httpsOptions.getHttpsOptions();
  const status = httpsOptions.usesMicrosoftInstaller()
    ? { ok: true }
    : httpsOptions.checkCertificateFiles();
  if (!status.ok) throw new Error(status.reason);
  console.log("");
  console.log("HTTPS dev certificates are ready.");
  for (const line of trustInstructions(
    Number(process.env.npm_package_config_dev_server_port) || 3000,
  )) {
    console.log(line);
  }
}

module.exports = { trustInstructions, tildify };

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(
      `Unable to prepare the HTTPS dev certificates: ${err.message || err}`,
    );
    process.exit(1);
  });
}
