/**
 * Sheets, the active sheet, the calculation mode and recalculation on the Excel host, through
 * Microsoft's client as an add-in calls them: Excel's rules for sheet names, which sheet is active
 * after a sheet is added, hidden or deleted, and one recalculation and one redraw per request.
 * Each refusal with the code and words the host answers (docs/excel-host.md).
 */
import { hostWorkbook } from "../../src/host/node";
import { failure, refusal } from "../helpers/failure";

const sheets = (context: Excel.RequestContext) => context.workbook.worksheets;

describe("sheet names, as Excel checks them", () => {
  const FORBIDDEN = (name: string) =>
    `The sheet name "${name}" contains a character Excel does not allow ([ ] : * ? / \\, or ' at either end).`;
  it.each([
    ["", "A sheet name has 1 to 31 characters."],
    ["x".repeat(32), "A sheet name has 1 to 31 characters."],
    ["'Q1", FORBIDDEN("'Q1")],
    ["Q1'", FORBIDDEN("Q1'")],
    ["Q1/Q2", FORBIDDEN("Q1/Q2")],
    ["history", `"History" is a name Excel reserves.`],
  ])("renaming Sheet1 to %j is refused", async (name, message) => {
    const error = await refusal((context) => {
      sheets(context).getItem("Sheet1").name = name;
    });
    expect(error).toEqual({ code: "InvalidArgument", message });
  });

  it("31 characters and a ' inside are taken; renaming a sheet to its own name changes nothing", async () => {
    const { run, workbook } = hostWorkbook();
    let redraws = 0;
    workbook.onChange(() => redraws++);
    const names = await run(async (context) => {
      sheets(context).getItem("Sheet1").name = "Sheet1";
      await context.sync();
      const before = redraws;
      sheets(context).getItem("Sheet1").name = "Analyst's view".padEnd(31, ".");
      const all = sheets(context).load("items/name");
      await context.sync();
      return { before, names: all.items.map((s) => s.name) };
    });
    expect(names).toEqual({ before: 0, names: ["Analyst's view".padEnd(31, ".")] });
    expect(redraws).toBe(1);
  });

  it("a sheet's id finds it whatever the case", async () => {
    const { run } = hostWorkbook();
    const found = await run(async (context) => {
      const first = sheets(context).getItem("Sheet1").load("id");
      await context.sync();
      const byId = sheets(context).getItem(first.id.toLowerCase()).load("name");
      await context.sync();
      return byId.name;
    });
    expect(found).toBe("Sheet1");
  });

  it("add() without a name takes the first SheetN from the count of sheets up that is free", async () => {
    const { run } = hostWorkbook();
    const added = await run(async (context) => {
      sheets(context).add("Sheet3");
      const next = sheets(context).add().load("name");
      await context.sync();
      return next.name;
    });
    // Two sheets: "Sheet3" is the first candidate, taken, so "Sheet4".
    expect(added).toBe("Sheet4");
    const { run: other } = hostWorkbook();
    const empty = await other(async (context) => {
      const sheet = sheets(context).add("").load("name");
      await context.sync();
      return sheet.name;
    });
    // An empty name is no name: Excel's next SheetN.
    expect(empty).toBe("Sheet2");
  });

  it("a sheet the workbook does not have is ItemNotFound, by name", () => {
    const { workbook } = hostWorkbook();
    expect(() => workbook.setInput("Nowhere", "A1", "1")).toThrow(
      expect.objectContaining({
        code: "ItemNotFound",
        message: 'There is no sheet named "Nowhere".',
      })
    );
  });
});

describe("the active sheet and hidden sheets", () => {
  /** Sheet1, Two and Three; what `batch` leaves active and visible. */
  async function after(batch: (context: Excel.RequestContext) => void) {
    const { run, workbook } = hostWorkbook();
    const active = await run(async (context) => {
      sheets(context).add("Two");
      sheets(context).add("Three");
      await context.sync();
      batch(context);
      await context.sync();
      const sheet = sheets(context).getActiveWorksheet().load("name");
      await context.sync();
      return sheet.name;
    });
    return { active, visible: workbook.sheets() };
  }

  it("adding a sheet leaves the active one active; so does making it visible again", async () => {
    expect(await after(() => undefined)).toEqual({
      active: "Sheet1",
      visible: ["Sheet1", "Two", "Three"],
    });
    expect(
      await after((context) => {
        sheets(context).getItem("Three").activate();
        sheets(context).add("Four");
        sheets(context).getItem("Three").visibility = "Visible";
      })
    ).toEqual({ active: "Three", visible: ["Sheet1", "Two", "Three", "Four"] });
  });

  it("hiding the active sheet activates the first visible one; hiding another leaves it", async () => {
    expect(
      await after((context) => {
        sheets(context).getItem("Two").activate();
        sheets(context).getItem("Two").visibility = "Hidden";
      })
    ).toEqual({ active: "Sheet1", visible: ["Sheet1", "Three"] });
    expect(
      await after((context) => {
        sheets(context).getItem("Three").activate();
        sheets(context).getItem("Two").visibility = "Hidden";
      })
    ).toEqual({ active: "Three", visible: ["Sheet1", "Three"] });
    // The first visible one, not the first sheet, which is hidden.
    expect(
      await after((context) => {
        sheets(context).getItem("Sheet1").visibility = "Hidden";
        sheets(context).getItem("Three").activate();
        sheets(context).getItem("Three").visibility = "Hidden";
      })
    ).toEqual({ active: "Two", visible: ["Two"] });
  });

  it("deleting the active sheet activates the first visible one; deleting another leaves it", async () => {
    expect(
      await after((context) => {
        sheets(context).getItem("Sheet1").visibility = "Hidden";
        sheets(context).getItem("Two").activate();
        sheets(context).getItem("Two").delete();
      })
    ).toEqual({ active: "Three", visible: ["Three"] });
    expect(
      await after((context) => {
        sheets(context).getItem("Three").activate();
        sheets(context).getItem("Two").delete();
      })
    ).toEqual({ active: "Three", visible: ["Sheet1", "Three"] });
  });

  it.each([
    [
      "deleting the last visible sheet beside a hidden one",
      (context: Excel.RequestContext) => {
        sheets(context).add("Hidden").visibility = "Hidden";
        sheets(context).getItem("Sheet1").delete();
      },
      {
        code: "InvalidOperation",
        message: "A workbook must keep at least one visible sheet; this is the last one.",
      },
    ],
    [
      "hiding the last visible sheet",
      (context: Excel.RequestContext) => {
        sheets(context).getItem("Sheet1").visibility = "Hidden";
      },
      {
        code: "InvalidOperation",
        message: "A workbook must keep at least one visible sheet; this is the last one.",
      },
    ],
    [
      "deleting a very hidden sheet",
      (context: Excel.RequestContext) => {
        sheets(context).add("Store").visibility = "VeryHidden";
        sheets(context).getItem("Store").delete();
      },
      {
        code: "GeneralException",
        message: "There was an internal error while processing the request.",
      },
    ],
    [
      "a visibility Excel does not have",
      (context: Excel.RequestContext) => {
        sheets(context).getItem("Sheet1").visibility = "Shown" as Excel.SheetVisibility;
      },
      { code: "InvalidArgument", message: '"Shown" is not a sheet visibility.' },
    ],
    [
      "activating a hidden sheet",
      (context: Excel.RequestContext) => {
        sheets(context).add("Hidden").visibility = "Hidden";
        sheets(context).getItem("Hidden").activate();
      },
      { code: "InvalidOperation", message: 'The sheet "Hidden" is hidden.' },
    ],
  ])("%s is refused", async (_, batch, expected) => {
    expect(await refusal(batch)).toEqual(expected);
  });

  it("a tab colour is cleared by an empty text or null", async () => {
    const { run } = hostWorkbook();
    const colours = await run(async (context) => {
      const read = async () => {
        const sheet = sheets(context).getItem("Sheet1").load("tabColor");
        await context.sync();
        return sheet.tabColor;
      };
      sheets(context).getItem("Sheet1").tabColor = "#C00000";
      const set = await read();
      sheets(context).getItem("Sheet1").tabColor = "";
      const cleared = await read();
      sheets(context).getItem("Sheet1").tabColor = "#C00000";
      await context.sync();
      sheets(context).getItem("Sheet1").tabColor = null as unknown as string;
      return [set, cleared, await read()];
    });
    expect(colours).toEqual(["#C00000", "", ""]);
  });
});

describe("calculation", () => {
  it("the three calculation modes are taken and read back; another is refused", async () => {
    const { run } = hostWorkbook();
    const modes = await run(async (context) => {
      const read: string[] = [];
      for (const mode of ["Manual", "AutomaticExceptTables", "Automatic"] as const) {
        context.workbook.application.calculationMode = mode;
        const application = context.workbook.application.load("calculationMode");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        read.push(application.calculationMode);
      }
      return read;
    });
    expect(modes).toEqual(["Manual", "AutomaticExceptTables", "Automatic"]);
    expect(
      await refusal((context) => {
        context.workbook.application.calculationMode = "Sometimes" as Excel.CalculationMode;
      })
    ).toEqual({ code: "InvalidArgument", message: '"Sometimes" is not a calculation mode.' });
  });

  it("a new workbook calculates Automatic; a mode set in one request is what the next reads", async () => {
    const { run } = hostWorkbook();
    const read = () =>
      run(async (context) => {
        // A request that sets nothing: the client has no value of its own to answer with.
        const application = context.workbook.application.load("calculationMode");
        await context.sync();
        return application.calculationMode;
      });
    const first = await read();
    await run(async (context) => {
      context.workbook.application.calculationMode = "Manual";
      await context.sync();
    });
    expect([first, await read()]).toEqual(["Automatic", "Manual"]);
  });

  it("one request is one recalculation and one redraw, however many cells it writes; a read in between recalculates first", async () => {
    const { run, workbook } = hostWorkbook();
    let recalculations = 0;
    let redraws = 0;
    workbook.engine.on("valuesUpdated", () => recalculations++);
    workbook.onChange(() => redraws++);
    const counts = await run(async (context) => {
      const sheet = sheets(context).getItem("Sheet1");
      sheet.getRange("A1").values = [[1]];
      for (let row = 2; row <= 10; row++) sheet.getRange(`A${row}`).formulas = [[`=A${row - 1}+1`]];
      await context.sync();
      const one = [recalculations, redraws];
      // Loads only: nothing to recalculate or redraw.
      sheet.getRange("A10").load("values");
      await context.sync();
      const none = [recalculations, redraws];
      // A write, a read of its value, two writes: the read sees the first write; the two
      // writes after it are one recalculation at the request's end.
      sheet.getRange("A1").values = [[2]];
      const read = sheet.getRange("A10").load("values");
      sheet.getRange("B1").formulas = [["=A10*2"]];
      sheet.getRange("C1").formulas = [["=B1+1"]];
      await context.sync();
      const both = [recalculations, redraws];
      // A sheet that a formula reads deleted, then a cell written: one recalculation.
      sheets(context).add("Two");
      sheet.getRange("D1").formulas = [["=Two!A1"]];
      await context.sync();
      const before = recalculations;
      sheets(context).getItem("Two").delete();
      sheet.getRange("E1").values = [[5]];
      await context.sync();
      // application.calculate(): values are always current here; the grid is redrawn.
      const drawn = redraws;
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
      return {
        one,
        none,
        both,
        read: read.values[0][0],
        deleted: recalculations - before,
        calculate: redraws - drawn,
      };
    });
    expect(counts).toEqual({
      one: [1, 1],
      none: [1, 1],
      both: [3, 2],
      read: 11,
      deleted: 1,
      calculate: 1,
    });
    expect(workbook.value("Sheet1", "C1")).toBe(23);
    expect(workbook.value("Sheet1", "D1")).toMatchObject({ error: "#REF!" });
  });

  it("a change made outside any request, as the workbench's grid makes one, redraws once", () => {
    const { workbook } = hostWorkbook();
    let redraws = 0;
    workbook.onChange(() => redraws++);
    workbook.setTabColor(workbook.sheet("Sheet1"), "#C00000");
    expect(redraws).toBe(1);
  });
});

describe("refusals leave nothing half-done", () => {
  it("a refused rename inside a request stops it: the actions before it stay, those after do not run", async () => {
    const { run, workbook } = hostWorkbook();
    const error = await failure(run, async (context) => {
      sheets(context).getItem("Sheet1").getRange("A1").values = [[1]];
      sheets(context).getItem("Sheet1").name = "";
      sheets(context).getItem("Sheet1").getRange("A2").values = [[2]];
      await context.sync();
    });
    expect(error.code).toBe("InvalidArgument");
    expect([workbook.value("Sheet1", "A1"), workbook.value("Sheet1", "A2")]).toEqual([1, null]);
  });
});
