import { makeActions } from "../src/taskpane/actions";
import { hosted } from "./helpers/host";
(async () => {
  for (const action of ["loadAppendixTables", "buildModelSheet"] as const) {
  for (const pre of [false, true]) {
    const h = hosted();
    const a = makeActions(h.run);
    if (pre) await a.buildModelSheet();
    h.host.resetCounts();
    await a[action]();
    const log = h.host.log; const kinds = h.host.kinds;
    let step = 0; let sync = 0; const chosen = new Set<number>(); const first = new Map<string, number>(); const last = new Map<string, number>(); let start = 0;
    for (const e of log) { if (e === "sync") { if (step > start) { chosen.add(start); chosen.add(step - 1); } for (const v of first.values()) chosen.add(v); for (const v of last.values()) chosen.add(v); first.clear(); last.clear(); start = step; sync++; continue; }
      const k = kinds[step]; if (!first.has(k)) first.set(k, step); last.set(k, step); step++; }
    console.log(action, pre ? "built" : "fresh", "steps", h.host.steps, "syncs", sync, "chosen", chosen.size);
  }}
})();
