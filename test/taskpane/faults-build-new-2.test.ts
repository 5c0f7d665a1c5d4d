/**
 * Build model sheet on a new workbook failing at every step (test/taskpane/faults.ts): the odd
 * steps here, the others in faults-build-new-1.test.ts, so that two workers share them.
 */
import { FRESH, failEveryStep, stepsOfPart } from "./faults";

const PART = { index: 1, of: 2 };

it("buildModelSheet on a new workbook fails at every odd step in words, leaves it as before or complete, and succeeds again", async () => {
  const { steps, failed } = await failEveryStep("buildModelSheet", FRESH, PART);
  expect(failed).toEqual(stepsOfPart(steps, PART));
}, 180_000);
