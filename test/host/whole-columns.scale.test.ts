/**
 * Looks over whole columns on the Excel host (a file of the "at scale" project, which `npm test` runs
 * and `npm run test:quick` leaves out, jest.config.js): a million cells a column, read as one value,
 * the default or null, as Excel reads a format over a range.
 */
import { HostWorkbook } from "../../src/host/workbook";
import { rect } from "../helpers/host";

describe("formats read over whole columns", () => {
  it("over whole columns, with the sheet's few looks, are the same: one value, the default, or null", () => {
    const workbook = new HostWorkbook([]);
    const sheet = workbook.sheet("Sheet1");
    const column = (c: number) => rect(0, c, 1_048_575, c);
    workbook.setLook(sheet, column(0), "bold", true);
    workbook.setLook(sheet, rect(0, 1, 0, 1), "bold", true);
    workbook.setLook(sheet, rect(5, 2, 5, 2), "italic", true);
    expect(workbook.lookOf(sheet, column(0), "bold")).toBe(true);
    // B: only B1 bold; C: a look, but not bold; D: no look at all.
    expect(workbook.lookOf(sheet, column(1), "bold")).toBeNull();
    expect(workbook.lookOf(sheet, column(2), "bold")).toBe(false);
    expect(workbook.lookOf(sheet, column(3), "bold")).toBe(false);
    expect(workbook.lookOf(sheet, rect(0, 2, 1_048_575, 3), "italic")).toBeNull();
    expect(workbook.lookOf(sheet, rect(0, 0, 1_048_575, 1), "bold")).toBeNull();
  });
});
