/**
 * Certificates only where they are needed: `npm start` on Linux (the plain-http workbench) makes none
 * and touches no trust store; `npm start -- --web` and `npm run certs` make them and say how to trust
 * the CA; only `npm run certs -- --install` puts the CA into the system store. Every run gets a fresh
 * home, certificate folder and system store in a temporary folder (CNAI_CERTS_DIR, CNAI_CA_STORE), and
 * a PATH whose update-ca-certificates only notes that it ran: the real system is never touched.
 */
import { spawnSync } from "child_process";
import { X509Certificate } from "crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { delimiter, join } from "path";

const ROOT = join(__dirname, "..", "..");

interface Sandbox {
  readonly home: string;
  readonly certs: string;
  readonly store: string;
  /** The file the stand-in update-ca-certificates appends a line to each time it runs. */
  readonly updates: string;
  readonly env: NodeJS.ProcessEnv;
}

const sandboxes: string[] = [];
afterAll(() => {
  for (const root of sandboxes) rmSync(root, { recursive: true, force: true });
});

function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "cnai-certs-"));
  sandboxes.push(root);
  const home = join(root, "home");
  const certs = join(root, "certs");
  const store = join(root, "store");
  const bin = join(root, "bin");
  const updates = join(root, "updates.log");
  for (const dir of [home, store, bin]) mkdirSync(dir);
  const tool = join(bin, "update-ca-certificates");
  writeFileSync(tool, `#!/bin/sh\necho ran >> '${updates}'\n`);
  chmodSync(tool, 0o755);
  const env = {
    ...process.env,
    HOME: home,
    CNAI_CERTS_DIR: certs,
    CNAI_CA_STORE: store,
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    // A sudo that would fail loudly rather than prompt.
    SUDO_ASKPASS: "/bin/false",
  };
  return { home, certs, store, updates, env };
}

function run(box: Sandbox, script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...box.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Every file under a folder, relative to it; [] for a folder that does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const ranUpdates = (box: Sandbox) =>
  existsSync(box.updates) ? readFileSync(box.updates, "utf8").trim().split("\n").length : 0;

function expectCertificatesIn(folder: string) {
  expect(filesUnder(folder)).toEqual(["ca.crt", "localhost.crt", "localhost.key"]);
  const ca = new X509Certificate(readFileSync(join(folder, "ca.crt")));
  const cert = new X509Certificate(readFileSync(join(folder, "localhost.crt")));
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(cert.subjectAltName).toContain("DNS:localhost");
  expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
}

// Windows and macOS sideload into Excel desktop instead; these are the paths CI and Linux machines take.
const onLinux = process.platform === "linux" ? describe : describe.skip;

onLinux("npm start on Linux: the workbench, without certificates", () => {
  const cases: { command: string; args: string[]; env: NodeJS.ProcessEnv }[] = [
    { command: "npm start -- --check", args: ["--check"], env: {} },
    { command: "CNAI_START_DRY_RUN=1 npm start", args: [], env: { CNAI_START_DRY_RUN: "1" } },
  ];

  it.each(cases)(
    "$command makes no certificate and leaves the trust store alone",
    ({ args, env }) => {
      const box = sandbox();
      // First without CNAI_CERTS_DIR: the default folder, under the (fake) home, must stay absent.
      const withDefaultFolder: NodeJS.ProcessEnv = { ...box.env, ...env };
      delete withDefaultFolder.CNAI_CERTS_DIR;
      const result = spawnSync(process.execPath, ["scripts/start.js", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: withDefaultFolder,
        timeout: 60_000,
      });
      const output = result.stdout + result.stderr;
      expect(result.status).toBe(0);
      expect(output).toContain("Dry run: nothing was started.");
      expect(output).not.toMatch(/Platform not supported|sudo:|Generating/i);
      expect(existsSync(join(box.home, ".office-addin-dev-certs"))).toBe(false);
      expect(filesUnder(box.home)).toEqual([]);
      expect(filesUnder(box.store)).toEqual([]);
      expect(ranUpdates(box)).toBe(0);

      const again = run(box, "scripts/start.js", args, env);
      expect(again.status).toBe(0);
      expect(filesUnder(box.certs)).toEqual([]);
    }
  );

  it("prints how to sideload into Excel on the web, through `npm start -- --web`", () => {
    const { output } = run(sandbox(), "scripts/start.js", ["--check"]);
    expect(output).toContain("http://localhost:3100");
    expect(output).toContain("npm start -- --web");
    expect(output).toContain("npm run start:web -- --document");
    expect(output).toContain("manifest.xml");
  });
});

onLinux("npm start -- --web on Linux: certificates, and how to trust them", () => {
  const box = sandbox();
  const { status, output } = run(box, "scripts/start.js", ["--web", "--check"]);

  it("succeeds and prints how to sideload into Excel on the web", () => {
    expect(status).toBe(0);
    expect(output).not.toMatch(/Platform not supported|sudo:/);
    expect(output).toContain("npm run start:web -- --document");
    expect(output).toContain("Dry run: the dev server was not started.");
  });

  it("writes a CA and a localhost certificate signed by it, in the certificate folder", () => {
    expectCertificatesIn(box.certs);
  });

  it("says how to trust the CA, and how to install it, without installing it", () => {
    expect(output).toContain(join(box.certs, "ca.crt"));
    expect(output).toContain("certutil -d sql:$HOME/.pki/nssdb");
    expect(output).toContain("npm run certs -- --install");
    expect(filesUnder(box.store)).toEqual([]);
    expect(ranUpdates(box)).toBe(0);
  });
});

onLinux("npm run certs", () => {
  it("generates the certificates and explains, installing nothing", () => {
    const box = sandbox();
    const { status, output } = run(box, "scripts/dev-certs.js", []);
    expect(status).toBe(0);
    expectCertificatesIn(box.certs);
    expect(output).toContain("HTTPS dev certificates are ready.");
    expect(output).toContain("npm run certs -- --install");
    expect(filesUnder(box.store)).toEqual([]);
    expect(ranUpdates(box)).toBe(0);
  });

  it("keeps valid certificates, and --force makes new ones", () => {
    const box = sandbox();
    run(box, "scripts/dev-certs.js", []);
    const ca = readFileSync(join(box.certs, "ca.crt"));
    run(box, "scripts/dev-certs.js", []);
    expect(readFileSync(join(box.certs, "ca.crt")).equals(ca)).toBe(true);
    run(box, "scripts/dev-certs.js", ["--force"]);
    expect(readFileSync(join(box.certs, "ca.crt")).equals(ca)).toBe(false);
    expectCertificatesIn(box.certs);
  });

  it("-- --install copies the CA into the system store, runs update-ca-certificates and says so", () => {
    const box = sandbox();
    const { status, output } = run(box, "scripts/dev-certs.js", ["--install"]);
    expect(status).toBe(0);
    expectCertificatesIn(box.certs);
    expect(filesUnder(box.store)).toEqual([join("office-addin-dev-certs", "ca.crt")]);
    const copy = readFileSync(join(box.store, "office-addin-dev-certs", "ca.crt"));
    expect(copy.equals(readFileSync(join(box.certs, "ca.crt")))).toBe(true);
    expect(ranUpdates(box)).toBe(1);
    expect(output).toContain("Added the dev CA to the system trust store");
    expect(output).toContain(join(box.store, "office-addin-dev-certs", "ca.crt"));

    const again = run(box, "scripts/dev-certs.js", ["--install"]);
    expect(again.status).toBe(0);
    expect(again.output).toContain("already in the system trust store");
    expect(ranUpdates(box)).toBe(1);
  });

  it("-- --install says why it could not, and fails, when there is no store", () => {
    const box = sandbox();
    const missing = join(box.store, "absent");
    const { status, output } = run(box, "scripts/dev-certs.js", ["--install"], {
      CNAI_CA_STORE: missing,
    });
    expect(status).toBe(1);
    expect(output).toContain(
      `The dev CA was not added to the system trust store: ${missing} does not exist`
    );
    expect(existsSync(missing)).toBe(false);
    expect(ranUpdates(box)).toBe(0);
  });

  it("-- --install says why it could not when update-ca-certificates fails, and leaves no copy", () => {
    const box = sandbox();
    const bin = join(box.store, "..", "failing-bin");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "update-ca-certificates"),
      "#!/bin/sh\necho 'store is read-only' >&2\nexit 1\n"
    );
    chmodSync(join(bin, "update-ca-certificates"), 0o755);
    const { status, output } = run(box, "scripts/dev-certs.js", ["--install"], {
      PATH: `${bin}${delimiter}${process.env.PATH}`,
    });
    expect(status).toBe(1);
    expect(output).toContain("The dev CA was not added to the system trust store");
    expect(output).toContain("store is read-only");
    expect(filesUnder(box.store)).toEqual([]);
  });
});
