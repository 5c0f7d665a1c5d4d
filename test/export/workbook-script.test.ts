/**
 * `npm run workbook`: the pane's build on the Excel host saved as a file — written whole or not at
 * all, an existing one kept unless --force, and a path that cannot be written a clear error with a
 * non-zero status.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import {
  FileSystem,
  checkTarget,
  main,
  parseArguments,
  saveAtomically,
} from "../../scripts/workbook";
import { ASSUMPTIONS } from "../../src/plans/model";

const ROOT = join(__dirname, "..", "..");

let folder: string;
beforeEach(() => {
  folder = fs.mkdtempSync(join(tmpdir(), "cnai-workbook-"));
});
afterEach(() => {
  fs.chmodSync(folder, 0o755);
  fs.rmSync(folder, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(
    args,
    (line) => out.push(line),
    (line) => err.push(line)
  );
  return { status, out: out.join("\n"), err: err.join("\n") };
}

const leftovers = () => fs.readdirSync(folder).filter((name) => name.includes(".tmp-"));

test("writes the model and says what the file holds", async () => {
  const target = join(folder, "model.xlsx");
  const { status, out, err } = await run(target);
  expect({ status, err }).toEqual({ status: 0, err: "" });
  expect(out).toMatch(/^Wrote .*model\.xlsx \(\d+\.\d kB\):/);
  expect(out).toContain('sheets: "Chip Parity", "Token Economics", "CNAI Model"');
  // The named assumptions of the model sheet; chips, tokens and model sheet markers.
  expect(out).toContain(
    `tables: ChipParity, TokenEconomics, Scenarios, Uncertainty; names: ${ASSUMPTIONS.length}, and 3 hidden CNAI sheet markers`
  );
  const said = Number(out.match(/\d+ cells, (\d+) formulas with their values/)?.[1]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(target);
  // Excel's initial Sheet1, left empty by the build, is gone.
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
    "Chip Parity",
    "Token Economics",
    "CNAI Model",
  ]);
  let formulas = 0;
  workbook.eachSheet((ws) =>
    ws.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas++)))
  );
  expect(said).toBe(formulas);
  expect(formulas).toBeGreaterThan(0);
  expect(leftovers()).toEqual([]);
});

test("--values writes values only", async () => {
  const target = join(folder, "values.xlsx");
  const { status, out } = await run(target, "--values");
  expect(status).toBe(0);
  expect(out).toContain("values only, no formulas");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(target);
  let formulas = 0;
  workbook.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) formulas++;
      })
    )
  );
  expect(formulas).toBe(0);
});

test("refuses an existing file without --force, and leaves it as it was", async () => {
  const target = join(folder, "model.xlsx");
  fs.writeFileSync(target, "the analyst's own file");
  const refused = await run(target);
  expect(refused.status).toBe(1);
  expect(refused.err).toBe(`${target} exists; CNAI leaves it as it is. Add --force to replace it.`);
  expect(fs.readFileSync(target, "utf8")).toBe("the analyst's own file");
  expect(leftovers()).toEqual([]);

  const forced = await run(target, "--force");
  expect(forced.status).toBe(0);
  expect(fs.readFileSync(target).subarray(0, 2).toString()).toBe("PK");
});

test("a folder that does not exist: exit 2, in words, nothing written", async () => {
  const { status, err } = await run("/nonexistent/dir/x.xlsx");
  expect(status).toBe(2);
  expect(err).toBe(
    "Cannot write /nonexistent/dir/x.xlsx: the folder /nonexistent/dir does not exist. Nothing was written."
  );
  expect(fs.existsSync("/nonexistent/dir/x.xlsx")).toBe(false);
});

test("a path through a file: exit 2", async () => {
  fs.writeFileSync(join(folder, "notes.txt"), "");
  const { status, err } = await run(join(folder, "notes.txt", "x.xlsx"));
  expect(status).toBe(2);
  expect(err).toContain(`${join(folder, "notes.txt")} is not a folder`);
});

test("the target is checked before the model is built: a read-only file system is said at once", async () => {
  const target = join(folder, "model.xlsx");
  const readOnly = {
    ...fs,
    accessSync: () => {
      throw Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS" });
    },
  } as FileSystem;
  expect(() => checkTarget(target, false, readOnly)).toThrow(
    `Cannot write ${target}: ${folder} is on a read-only file system. Nothing was written.`
  );
  const err: string[] = [];
  const status = await main(
    [target],
    () => undefined,
    (line) => err.push(line),
    readOnly
  );
  expect({ status, err }).toEqual({
    status: 2,
    err: [`Cannot write ${target}: ${folder} is on a read-only file system. Nothing was written.`],
  });
  expect(() => checkTarget(target, false)).not.toThrow();
});

test("a target that is a folder: exit 2, even with --force", async () => {
  fs.mkdirSync(join(folder, "out.xlsx"));
  const { status, err } = await run(join(folder, "out.xlsx"), "--force");
  expect(status).toBe(2);
  expect(err).toContain("it is a folder");
});

/**
 * The script as an unprivileged user, for what root is never refused: root writes anywhere, and
 * CI runs as root. As root the script runs as nobody (65534), who reads the project (its files are
 * world-readable) and writes only where the test lets it; otherwise as the test's own user.
 */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
function runUnprivileged(...args: string[]) {
  const script = [process.execPath, "--require", "ts-node/register/transpile-only"];
  const [command, ...rest] = asRoot
    ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", ...script]
    : script;
  return spawnSync(command, [...rest, join("scripts", "workbook.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, HOME: tmpdir() },
  });
}

describe("as an unprivileged user", () => {
  test("writes into a folder of its own", () => {
    if (asRoot) fs.chownSync(folder, NOBODY, NOBODY);
    const target = join(folder, "model.xlsx");
    const { status, stdout, stderr } = runUnprivileged(target);
    // Fails here when nobody cannot read the project: its folders must be world-readable (o+rx).
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(stdout).toContain(`Wrote ${target}`);
    expect(fs.statSync(target).uid).toBe(asRoot ? NOBODY : process.getuid?.());
  }, 60_000);

  test("a read-only folder: exit 2, in words, nothing written", () => {
    fs.chmodSync(folder, 0o555);
    const target = join(folder, "model.xlsx");
    const { status, stderr } = runUnprivileged(target);
    expect({ status, stderr: stderr.trim() }).toEqual({
      status: 2,
      stderr: `Cannot write ${target}: there is no permission to write in ${folder}. Nothing was written.`,
    });
    expect(fs.readdirSync(folder)).toEqual([]);
  }, 60_000);
});

describe("an export interrupted part-way never leaves a file at the target", () => {
  const failing = (overrides: Partial<FileSystem>): FileSystem => ({
    existsSync: fs.existsSync,
    statSync: fs.statSync,
    accessSync: fs.accessSync,
    writeFileSync: fs.writeFileSync,
    renameSync: fs.renameSync,
    linkSync: fs.linkSync,
    unlinkSync: fs.unlinkSync,
    ...overrides,
  });
  const bytes = new Uint8Array(1000).fill(7);

  test("the disk fills up half-way through the write", () => {
    const target = join(folder, "model.xlsx");
    const files = failing({
      writeFileSync: ((path: string, data: Uint8Array, options: fs.WriteFileOptions) => {
        fs.writeFileSync(path, data.subarray(0, 500), options);
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      }) as FileSystem["writeFileSync"],
    });
    expect(() => saveAtomically(target, bytes, false, files)).toThrow(
      `Cannot write ${target}: the disk is full. Nothing was written.`
    );
    expect(fs.existsSync(target)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  test("no permission to write in the folder", () => {
    const target = join(folder, "model.xlsx");
    const files = failing({
      writeFileSync: (() => {
        throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      }) as FileSystem["writeFileSync"],
    });
    expect(() => saveAtomically(target, bytes, false, files)).toThrow(
      `Cannot write ${target}: there is no permission to write in ${folder}. Nothing was written.`
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  test("the move onto the target fails: an existing file keeps its contents", () => {
    const target = join(folder, "model.xlsx");
    fs.writeFileSync(target, "before");
    const files = failing({
      renameSync: (() => {
        throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
      }) as FileSystem["renameSync"],
    });
    expect(() => saveAtomically(target, bytes, true, files)).toThrow(/^Cannot write .*EIO/);
    expect(fs.readFileSync(target, "utf8")).toBe("before");
    expect(leftovers()).toEqual([]);
  });

  test("a file that appears at the target while writing is kept", () => {
    const target = join(folder, "model.xlsx");
    const files = failing({
      writeFileSync: ((path: string, data: Uint8Array, options: fs.WriteFileOptions) => {
        fs.writeFileSync(path, data, options);
        fs.writeFileSync(target, "someone else's");
      }) as FileSystem["writeFileSync"],
    });
    expect(() => saveAtomically(target, bytes, false, files)).toThrow(
      /appeared while CNAI was writing/
    );
    expect(fs.readFileSync(target, "utf8")).toBe("someone else's");
    expect(leftovers()).toEqual([]);
  });
});

test.each([
  [[], /^Which file\? usage: npm run workbook/],
  [["a.xlsx", "b.xlsx"], /^One file at a time/],
  [["model.csv"], /does not end in \.xlsx/],
  [["x.xlsx", "--valuez"], /^Unknown option --valuez\./],
  [["x.xlsx", "--lang", "fr"], /^--lang takes en or zh-CN, not "fr"\./],
])("usage error %p: exit 1", async (args, message) => {
  const { status, err } = await run(...args);
  expect(status).toBe(1);
  expect(err).toMatch(message);
});

test("a relative path is taken from where npm run was typed (INIT_CWD)", () => {
  const before = process.env.INIT_CWD;
  process.env.INIT_CWD = folder;
  try {
    expect(parseArguments(["out.xlsx", "--lang=zh-CN"])).toEqual({
      target: join(folder, "out.xlsx"),
      valuesOnly: false,
      force: false,
      lang: "zh-CN",
    });
  } finally {
    if (before === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = before;
  }
});

test("npm run workbook: the exit status reaches the shell", () => {
  const target = join(folder, "cli.xlsx");
  const npm = (...args: string[]) =>
    spawnSync("npm", ["run", "--silent", "workbook", "--", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
  const first = npm(target);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain(`Wrote ${target}`);
  const second = npm(target);
  expect(second.status).toBe(1);
  expect(second.stderr).toContain("Add --force to replace it.");
}, 60_000);
