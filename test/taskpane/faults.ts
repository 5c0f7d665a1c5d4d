/**
 * Fault injection at the Excel host: the steps of an action (test/taskpane/faults-*.test.ts) made
 * to fail in turn with an Excel error code, the pane's code running through Microsoft's client.
 * Each time the pane's report says so in words, the workbook is as before or complete, and the
 * action then succeeds when run again, leaving the workbook complete.
 *
 * Not all of Build's 411 steps: the steps that matter (`stepsThatMatter`). What a failure leaves
 * depends on the request it fails (the pane undoes per request) and on what that request had done
 * before it: which kinds of change (cells written, sheets, tables, names added…) are there, none,
 * some or all. So each request fails at its first and last step and at the first and last step of
 * every kind of step in it; two steps of one kind in one request differ only in the object they
 * touch. Build on a new workbook: 62 steps of 411.
 *
 * On a workbook CNAI already built, the action changes nothing the analyst sees, so a run that
 * failed and then succeeded leaves the workbook as prepared: the next step starts from it, not
 * from a new workbook built again, once its picture is the prepared one and the successful run's
 * steps were the same as the first, so that step N is still the same request.
 */
import { Actions, makeActions } from "../../src/taskpane/actions";
import { hosted as hostWorkbook, picture } from "../helpers/host";

export type ActionName = "loadAppendixTables" | "buildModelSheet";

export interface Prepared {
  readonly label: string;
  readonly prepare: (actions: Actions) => Promise<void>;
}

export const FRESH: Prepared = { label: "a new workbook", prepare: async () => undefined };
export const BUILT: Prepared = {
  label: "a workbook CNAI already built",
  prepare: async (actions) => {
    expect((await actions.buildModelSheet()).ok).toBe(true);
  },
};

async function prepared({ prepare }: Prepared) {
  const hosted = hostWorkbook();
  const actions = makeActions(hosted.run);
  await prepare(actions);
  hosted.host.resetCounts();
  return { ...hosted, actions };
}

/** What the steps of the last run were, in order (the host's log without its syncs). */
const stepsOf = (log: readonly string[]) => log.filter((entry) => entry !== "sync");

const SUMMARY =
  /^CNAI could not (load the appendix tables|build the model sheet): Step \d+ \(.+\) failed \(fault injected\)\. \((InvalidArgument|GeneralException)\)$/;

/**
 * The steps that matter of one run (see the file's comment), given the host's log ("sync" closing
 * each request) and each step's kind: within each request, its first and last step and the first
 * and last step of each kind.
 */
export function stepsThatMatter(log: readonly string[], kinds: readonly string[]): number[] {
  const chosen = new Set<number>();
  let step = 0;
  let first = step;
  const ends = new Map<string, [number, number]>();
  for (const entry of log) {
    if (entry !== "sync") {
      const kind = kinds[step];
      ends.set(kind, [ends.get(kind)?.[0] ?? step, step]);
      step++;
      continue;
    }
    if (step > first) chosen.add(first).add(step - 1);
    for (const [start, end] of ends.values()) chosen.add(start).add(end);
    ends.clear();
    first = step;
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Fails `action` on `on` at each step that matters whose position among them is `part.index`
 * modulo `part.of`; returns the steps that matter and those it failed.
 */
export async function failStepsThatMatter(
  action: ActionName,
  on: Prepared,
  part: { readonly index: number; readonly of: number } = { index: 0, of: 1 }
): Promise<{ steps: number; matter: number[]; failed: number[] }> {
  const complete = await prepared(on);
  const preparedState = picture(complete.workbook);
  expect((await complete.actions[action]()).ok).toBe(true);
  const steps = complete.host.steps;
  const completeSteps = stepsOf(complete.host.log);
  const matter = stepsThatMatter(complete.host.log, complete.host.kinds);
  expect(steps).toBeGreaterThan(40);
  const completeState = picture(complete.workbook);
  // Only where the action leaves the workbook as prepared can one workbook serve every step.
  let reusable = completeState === preparedState ? complete : undefined;

  const failed: number[] = [];
  for (const step of matter.filter((_, k) => k % part.of === part.index)) {
    const { workbook, host, actions } = reusable ?? (await prepared(on));
    host.resetCounts();
    const before = picture(workbook);
    expect(before).toBe(preparedState);
    host.faults = { failStep: step, failCode: step % 2 ? "InvalidArgument" : "GeneralException" };
    const report = await actions[action]();
    host.faults = {};
    const after = picture(workbook);
    const where = `failing at step ${step} (${completeSteps[step]})`;

    expect({ where, ok: report.ok }).toEqual({ where, ok: false });
    expect({ where, summary: report.summary }).toEqual({
      where,
      summary: expect.stringMatching(SUMMARY),
    });
    expect({ where, failedAt: stepsOf(host.log).slice(0, step + 1) }).toEqual({
      where,
      failedAt: completeSteps.slice(0, step + 1),
    });
    expect(report.details.length).toBe(1);
    if (after !== before && after !== completeState)
      throw new Error(`${where}: the workbook is neither as before nor complete`);

    host.resetCounts();
    const again = await actions[action]();
    expect({ where, ok: again.ok }).toEqual({ where, ok: true });
    const state = picture(workbook);
    expect({ where, state }).toEqual({ where, state: completeState });
    failed.push(step);
    if (reusable && stepsOf(host.log).join("\n") !== completeSteps.join("\n")) reusable = undefined;
  }
  return { steps, matter, failed };
}

/** The steps that matter `part` must fail: every one whose position has that remainder. */
export const stepsOfPart = (matter: readonly number[], part: { index: number; of: number }) =>
  matter.filter((_, k) => k % part.of === part.index);
