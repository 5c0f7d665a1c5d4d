/**
 * `npm run docs`: rewrites the Excel wrappers, the README's list of functions and
 * docs/functions.md from the catalogue.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import {
  README_END,
  README_START,
  functionsReference,
  readmeReference,
  wrappersSource,
} from "./reference";

const root = join(__dirname, "..");

/** With --check, writes nothing and fails when a checked-in copy differs from what the catalogue renders. */
const check = process.argv.includes("--check");

function update(path: string, content: string): boolean {
  const current = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (current === content) return true;
  if (check) {
    console.error(`${path} is not what the catalogue renders: run \`npm run docs\`.`);
    return false;
  }
  writeFileSync(path, content);
  return true;
}

async function main(): Promise<void> {
  const wrappersCurrent = update(join(root, "src/functions/functions.ts"), await wrappersSource());

  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the markers ${README_START} … ${README_END}`);
  const readmeCurrent = update(
    readmePath,
    readme.slice(0, start) + readmeReference() + readme.slice(end + README_END.length)
  );
  const referenceCurrent = update(join(root, "docs/functions.md"), functionsReference());
  if (!wrappersCurrent || !readmeCurrent || !referenceCurrent) process.exit(1);
  console.log(
    check
      ? "Generated files are current."
      : "Wrote the wrappers, the README's list of functions and docs/functions.md."
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
