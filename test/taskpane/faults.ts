/**
 * Fault injection at the Excel host: every step of an action (test/taskpane/faults-*.test.ts),
 * made to fail in turn with an Excel error code, the pane's code running through Microsoft's
 * client. Each time the pane's report says so in words, the workbook is as before or complete, and
 * the action then succeeds when run again, leaving the workbook complete.
 *
 * The steps of one action are shared out between test files (`part`: the steps whose index leaves
 * that remainder), so that jest runs them on every core; together the parts cover every step.
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
 * Fails `action` on `on` at each of its steps whose index is `part.index` modulo `part.of`;
 * returns how many steps the action has and which it failed.
 */
export async function failEveryStep(
  action: ActionName,
  on: Prepared,
  part: { readonly index: number; readonly of: number } = { index: 0, of: 1 }
): Promise<{ steps: number; failed: number[] }> {
  const complete = await prepared(on);
  const preparedState = picture(complete.workbook);
  expect((await complete.actions[action]()).ok).toBe(true);
  const steps = complete.host.steps;
  const completeSteps = stepsOf(complete.host.log);
  expect(steps).toBeGreaterThan(40);
  const completeState = picture(complete.workbook);
  // Only where the action leaves the workbook as prepared can one workbook serve every step.
  let reusable = completeState === preparedState ? complete : undefined;

  const failed: number[] = [];
  for (let step = part.index; step < steps; step += part.of) {
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
  return { steps, failed };
}

/** The steps `part` must fail: every index with that remainder. */
export const stepsOfPart = (steps: number, part: { index: number; of: number }) =>
  Array.from({ length: steps }, (_, step) => step).filter((step) => step % part.of === part.index);
