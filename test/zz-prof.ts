import { bigWorkbook } from "./helpers/big-workbook";
import { makeSnapshotActions } from "../src/taskpane/snapshot";
(async () => {
  const book = bigWorkbook();
  const a = makeSnapshotActions(book.run);
  const WRITE = /^Range .*\.(formulas|values) = /;
  book.host.resetCounts();
  book.host.faults = { failOn: { match: WRITE, nth: 783 }, failCode: "GeneralException" };
  const r = await a.snapshot("workbook");
  console.log(r.ok, r.summary, r.details);
  console.log(book.host.log.filter(e => /fault|refused/.test(e)));
})();
