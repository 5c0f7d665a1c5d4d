// A seeded sample of a folder's mutants, for a mutation score with its uncertainty when a whole
// run would take hours (src/host: about 7 on a 2-core machine). See docs/development.md.
//
//   node scripts/mutation-sample.mjs draw host [fraction] [seed] [file…] → mutation/sample-host.json
//   MUTATE=host MUTATE_SAMPLE=1 npx stryker run stryker.config.mjs  → reports/mutation/host-sample.json
//   node scripts/mutation-sample.mjs score host                      → the score and its 95% interval
//
// `draw` lists every mutant with Stryker's own instrumenter (the mutators and places a full run
// makes), keeps those within one line, and draws places (a place holds one or more mutants) each
// with probability `fraction`. Stryker is given the drawn places; it also tests mutants nested in
// them, which `score` leaves out: only the drawn mutants count.
import { Instrumenter } from "@stryker-mutator/instrumenter";
import { readFileSync, readdirSync, statSync, writeFileSync } from "fs";
import { join } from "path";

const FOLDERS = { core: "src/core", plans: "src/plans", host: "src/host" };
const [command, folder, ...rest] = process.argv.slice(2);
if (!["draw", "score"].includes(command) || !(folder in FOLDERS)) {
  console.error("usage: mutation-sample.mjs draw|score core|plans|host [fraction] [seed] [file…]");
  process.exit(1);
}
const samplePath = `mutation/sample-${folder}.json`;
const key = (file, line, column, mutator, replacement) =>
  [file, line, column, mutator, replacement].join("|");

/** mulberry32: a small seeded generator, so that a sample can be drawn again. */
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tsFiles = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith(".ts") ? [path] : [];
  });

if (command === "draw") {
  const fraction = Number(rest[0] ?? 0.08);
  const seed = Number(rest[1] ?? 20261206);
  const quiet = { isDebugEnabled: () => false, isTraceEnabled: () => false };
  const logger = {
    ...quiet,
    debug() {},
    trace() {},
    info() {},
    warn: console.warn,
    error: console.error,
  };
  const names = rest.length > 2 ? rest.slice(2) : tsFiles(FOLDERS[folder]).sort();
  const files = names.map((name) => ({ name, content: readFileSync(name, "utf8"), mutate: true }));
  const { mutants } = await new Instrumenter(logger).instrument(files, {
    plugins: null,
    excludedMutations: [],
    ignorers: [],
    noHeader: false,
  });
  const oneLine = mutants.filter((m) => !m.static && m.location.start.line === m.location.end.line);
  // Stryker's --mutate ranges: 1-based lines, 0-based columns; its report: both 1-based.
  const place = ({ fileName, location: { start, end } }) =>
    `${fileName}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`;
  const byPlace = new Map();
  for (const m of oneLine) byPlace.set(place(m), [...(byPlace.get(place(m)) ?? []), m]);
  const random = generator(seed);
  const places = [...byPlace.keys()].filter(() => random() < fraction);
  const drawn = places.flatMap((p) => byPlace.get(p));
  writeFileSync(
    samplePath,
    JSON.stringify(
      {
        folder,
        fraction,
        seed,
        mutants: mutants.length,
        oneLine: oneLine.length,
        places,
        drawn: drawn.map((m) =>
          key(
            m.fileName,
            m.location.start.line + 1,
            m.location.start.column + 1,
            m.mutatorName,
            m.replacement
          )
        ),
      },
      null,
      1
    ) + "\n"
  );
  console.log(
    `${folder}: ${mutants.length} mutants, ${oneLine.length} within one line at ${byPlace.size} places; drew ${places.length} places, ${drawn.length} mutants → ${samplePath}`
  );
} else {
  const sample = JSON.parse(readFileSync(samplePath, "utf8"));
  const report = JSON.parse(readFileSync(`reports/mutation/${folder}-sample.json`, "utf8"));
  const status = new Map();
  for (const [file, { mutants }] of Object.entries(report.files))
    for (const m of mutants)
      status.set(
        key(file, m.location.start.line, m.location.start.column, m.mutatorName, m.replacement),
        m.status
      );
  const DETECTED = new Set(["Killed", "Timeout"]);
  const UNDETECTED = new Set(["Survived", "NoCoverage"]);
  // Mutants of one place are drawn together: the interval resamples places, not mutants.
  const places = new Map();
  let missing = 0;
  for (const k of sample.drawn) {
    const s = status.get(k);
    if (s === undefined) missing++;
    if (!DETECTED.has(s) && !UNDETECTED.has(s)) continue;
    const at = k.split("|").slice(0, 3).join("|");
    const p = places.get(at) ?? { file: k.split("|")[0], detected: 0, counted: 0 };
    p.counted++;
    if (DETECTED.has(s)) p.detected++;
    places.set(at, p);
  }
  const all = [...places.values()];
  const score = (ps) =>
    ps.reduce((n, p) => n + p.detected, 0) / ps.reduce((n, p) => n + p.counted, 0);
  const random = generator(1);
  const boots = Array.from({ length: 2000 }, () =>
    score(all.map(() => all[Math.floor(random() * all.length)]))
  ).sort((a, b) => a - b);
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const detected = all.reduce((n, p) => n + p.detected, 0);
  const counted = all.reduce((n, p) => n + p.counted, 0);
  console.log(
    `${folder}, sampled: ${detected} / ${counted} = ${pct(detected / counted)} (95%: ${pct(boots[49])}–${pct(boots[1949])}); ${sample.drawn.length} drawn, ${missing} without a result in the report`
  );
  const files = new Map();
  for (const p of all) {
    const f = files.get(p.file) ?? [0, 0];
    files.set(p.file, [f[0] + p.detected, f[1] + p.counted]);
  }
  for (const [file, [d, c]] of files) console.log(`  ${file}: ${d} / ${c} = ${pct(d / c)}`);
}
