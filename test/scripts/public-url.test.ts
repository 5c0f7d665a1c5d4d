/**
 * CNAI_PUBLIC_URL: a deployment's origin goes into the manifest and functions.json, so only a bare
 * https origin builds; anything else fails `npm run build` with the reason.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { publicOrigin } = require("../../scripts/public-url") as {
  publicOrigin: (value: string) => string;
};

const ROOT = join(__dirname, "..", "..");

describe("CNAI_PUBLIC_URL", () => {
  it.each([
    ["https://cnai.example.com", "https://cnai.example.com"],
    ["https://cnai.example.com/", "https://cnai.example.com"],
    ["  https://CNAI.example.com:8443 ", "https://cnai.example.com:8443"],
    ["https://cnai.example.com:443/", "https://cnai.example.com"],
  ])("%j is the origin %s", (value, origin) => {
    expect(publicOrigin(value)).toBe(origin);
  });

  it.each([
    ["http://cnai.example.com", "uses http, not https"],
    ["ftp://cnai.example.com", "uses ftp, not https"],
    ["https://cnai.example.com/app", "has the path /app"],
    ["https://cnai.example.com/app/", "has the path /app/"],
    ["https://cnai.example.com/?a=1&b=2", "has a query"],
    ["https://cnai.example.com?", "has a query"],
    ["https://cnai.example.com#top", "has a fragment"],
    ["https://cnai.example.com/#", "has a fragment"],
    ["cnai.example.com", "is not a URL"],
    ["", "is not a URL"],
  ])("%j fails: %s", (value, why) => {
    expect(() => publicOrigin(value)).toThrow(`"${value.trim()}" ${why}.`);
    expect(() => publicOrigin(value)).toThrow(/^CNAI_PUBLIC_URL must be an https origin/);
  });

  it("credentials fail, and the message does not repeat the password", () => {
    let message = "";
    try {
      publicOrigin("https://deploy:s3cret@cnai.example.com");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("holds credentials");
    expect(message).not.toContain("s3cret");
  });

  it("npm run build fails with the message and writes nothing", () => {
    const out = mkdtempSync(join(tmpdir(), "cnai-public-url-"));
    rmSync(out, { recursive: true });
    const run = spawnSync("npm", ["run", "build", "--", "--output-path", out], {
      cwd: ROOT,
      env: { ...process.env, CNAI_PUBLIC_URL: "https://cnai.example.com/?a=1&b=2" },
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(
      'CNAI_PUBLIC_URL must be an https origin such as https://cnai.example.com (no path, query, fragment or credentials); "https://cnai.example.com/?a=1&b=2" has a query.'
    );
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
