/**
 * What the host tests share: the error a batch through Microsoft's client fails with, and what a
 * direct call on the workbook answers.
 */
import { hostWorkbook } from "../../src/host/node";

export type Run = ReturnType<typeof hostWorkbook>["run"];

/** The error a batch fails with: its code and message. */
export async function failure(
  run: Run,
  batch: (context: Excel.RequestContext) => Promise<unknown>
): Promise<{ code: string; message: string }> {
  try {
    await run(async (context) => {
      await batch(context);
    });
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error("the batch succeeded");
}

/** The error a new workbook's one batch fails with, queued and synced once. */
export function refusal(
  batch: (context: Excel.RequestContext) => unknown
): Promise<{ code: string; message: string }> {
  const { run } = hostWorkbook();
  return failure(run, async (context) => {
    batch(context);
    await context.sync();
  });
}

/** What a direct call on the host's workbook answers: "taken", or the refusal as "Code: message". */
export function answer(act: () => unknown): string {
  try {
    act();
    return "taken";
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
}
