/**
 * The ExcelApi requirement set of each Excel member, read from Microsoft's reference as
 * @types/office-js carries it: the `[Api set: ExcelApi 1.x]` line of each member's comment in
 * `declare namespace Excel`. A source independent of the host's own table (src/host/requirements.ts).
 */
import { readFileSync } from "fs";

let parsed: ReadonlyMap<string, string> | undefined;

/** "Range.getSpillingToRangeOrNullObject" → "1.12", for every class member of the Excel API. */
export function excelApiReference(): ReadonlyMap<string, string> {
  if (parsed) return parsed;
  const text = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8");
  const start = text.indexOf("\ndeclare namespace Excel {");
  const end = text.indexOf("\n}", start);
  const excel = text.slice(start, end);
  const sets = new Map<string, string>();
  // Classes sit at four spaces; each member's comment ends in its API set, then the member.
  const classes = excel.split(/\n {4}class /).slice(1);
  for (const body of classes) {
    const className = body.match(/^(\w+)/)?.[1] as string;
    const member =
      /\[Api set: ExcelApi ([\d.]+)[^\]]*\](?:(?!\*\/)[\s\S])*\*\/\s*(?:readonly\s+)?(\w+)\s*[(:?<]/g;
    for (const [, version, name] of body.matchAll(member)) {
      const key = `${className}.${name}`;
      // An overload (a method taking an enum or its text) repeats the member: keep the first.
      if (!sets.has(key)) sets.set(key, version);
    }
  }
  // A collection's `items` comes with the collection: its class's own set.
  const classSet =
    /\[Api set: ExcelApi ([\d.]+)[^\]]*\](?:(?!\*\/)[\s\S])*\*\/\s*class (\w+Collection) /g;
  for (const [, version, className] of excel.matchAll(classSet))
    if (!sets.has(`${className}.items`)) sets.set(`${className}.items`, version);
  parsed = sets;
  return sets;
}
