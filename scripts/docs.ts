/** `npm run docs`: rewrites the Excel wrappers and the README's function reference from the catalogue. */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { README_END, README_START, readmeReference, wrappersSource } from "./reference";

const root = join(__dirname, "..");

writeFileSync(join(root, "src/functions/functions.ts"), wrappersSource());

const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const start = readme.indexOf(README_START);
const end = readme.indexOf(README_END);
if (start < 0 || end < start) throw new Error(`README.md needs the markers ${README_START} … ${README_END}`);
writeFileSync(readmePath, readme.slice(0, start) + readmeReference() + readme.slice(end + README_END.length));
console.log("Wrote src/functions/functions.ts and the README's function reference.");
