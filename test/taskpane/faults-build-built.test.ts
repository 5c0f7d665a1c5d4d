/**
 * Build model sheet on a workbook CNAI already built, failing at each step that matters
 * (test/taskpane/faults.ts).
 */
import { BUILT, failStepsThatMatter } from "./faults";

it("buildModelSheet on a workbook CNAI already built fails at each step that matters in words, leaves it as before or complete, and succeeds again", async () => {
  const { matter, failed } = await failStepsThatMatter("buildModelSheet", BUILT);
  expect(failed).toEqual(matter);
}, 180_000);
