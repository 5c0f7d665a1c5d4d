/** `npm start` on a machine that cannot sideload (Linux): certificates without sudo, and instructions. */
import { spawnSync } from "child_process";
import { X509Certificate } from "crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");

// Windows and macOS sideload into Excel desktop instead; this is the path CI and Linux machines take.
(process.platform === "linux" ? describe : describe.skip)("npm start -- --check on Linux", () => {
  const home = mkdtempSync(join(tmpdir(), "cnai-home-"));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const run = spawnSync(process.execPath, ["scripts/start.js", "--check"], {
    cwd: ROOT,
    encoding: "utf8",
    // A fresh home, no system trust store changes, and a PATH whose sudo would fail loudly.
    env: { ...process.env, HOME: home, CNAI_SKIP_SYSTEM_TRUST: "1", SUDO_ASKPASS: "/bin/false" },
    timeout: 60_000,
  });
  const output = run.stdout + run.stderr;

  it("succeeds and never says the platform is unsupported", () => {
    expect(run.status).toBe(0);
    expect(output).not.toMatch(/Platform not supported/i);
    expect(output).not.toMatch(/sudo:/);
  });

  it("prints how to sideload into Excel on the web", () => {
    expect(output).toContain("npm run start:web -- --document");
    expect(output).toContain("manifest.xml");
  });

  it("writes a CA and a localhost certificate signed by it, in the user's home", () => {
    const folder = join(home, ".office-addin-dev-certs");
    for (const file of ["ca.crt", "localhost.crt", "localhost.key"])
      expect(existsSync(join(folder, file))).toBe(true);
    const ca = new X509Certificate(readFileSync(join(folder, "ca.crt")));
    const cert = new X509Certificate(readFileSync(join(folder, "localhost.crt")));
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName).toContain("DNS:localhost");
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
  });
});
