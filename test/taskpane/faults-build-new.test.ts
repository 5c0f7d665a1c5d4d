/**
 * Build model sheet on a new workbook failing at each step that matters (test/taskpane/faults.ts).
 */
import { FRESH, failStepsThatMatter } from "./faults";

it("buildModelSheet on a new workbook fails at each step that matters in words, leaves it as before or complete, and succeeds again", async () => {
  const { matter, failed } = await failStepsThatMatter("buildModelSheet", FRESH);
  expect(failed).toEqual(matter);
}, 180_000);
