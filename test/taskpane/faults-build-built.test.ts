/**
 * Build model sheet on a workbook CNAI already built, failing at every step
 * (test/taskpane/faults.ts).
 */
import { BUILT, failEveryStep, stepsOfPart } from "./faults";

it("buildModelSheet on a workbook CNAI already built fails at every step in words, leaves it as before or complete, and succeeds again", async () => {
  const { steps, failed } = await failEveryStep("buildModelSheet", BUILT);
  expect(failed).toEqual(stepsOfPart(steps, { index: 0, of: 1 }));
}, 180_000);
