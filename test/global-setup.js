/* eslint-disable no-undef */
// Tests of the shipped add-in read dist/. Build it once when it is missing or older than its sources.
const { execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
// The add-in's sources; the workbench (src/workbench) is built on its own by scripts/workbench.js.
const inputs = [
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
];

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newest(path.join(file, name))));
}

module.exports = async () => {
  const built = path.join(root, "dist", "functions.js");
  const stale =
    !fs.existsSync(built) ||
    newest(built) < Math.max(...inputs.map((p) => newest(path.join(root, p))));
  if (stale) {
    console.log("\nBuilding dist/ for the bundle and manifest tests (npm run build)...");
    execSync("npm run build --silent", { cwd: root, stdio: "inherit" });
  }
};
