/**
 * Build model sheet on a new workbook failing at every step (test/taskpane/faults.ts): the even
 * steps here, the others in faults-build-new-2.test.ts, so that two workers share them.
 */
import { FRESH, failEveryStep, stepsOfPart } from "./faults";

const PART = { index: 0, of: 2 };

it("buildModelSheet on a new workbook fails at every even step in words, leaves it as before or complete, and succeeds again", async () => {
  const { steps, failed } = await failEveryStep("buildModelSheet", FRESH, PART);
  expect(failed).toEqual(stepsOfPart(steps, PART));
}, 180_000);
