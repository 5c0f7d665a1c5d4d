/**
 * Requirement sets: which ExcelApi version brought each member CNAI's code calls, and the Excels
 * the host can play — Excel on the web, and the oldest Excel CNAI's manifest admits.
 *
 * Excel answers a member only if it has the member's requirement set; an add-in whose manifest
 * declares ExcelApi 1.9 runs on Excels that have 1.9 and nothing more, so a member above that set
 * must be called only after `Office.context.requirements.isSetSupported("ExcelApi", "1.x")` said
 * yes ("Specify Office applications and API requirements", learn.microsoft.com). The host checks it
 * where it dispatches a member (src/host/protocol.ts): a member above the profile's declared set
 * that the pane did not ask about, or asked about and heard no, answers `ApiNotFound` with the
 * message Excel gives (office_strings.js, `L_ApiNotFoundDetails`).
 */

/**
 * The ExcelApi version of each member CNAI's pane calls, "Class.member" as the host dispatches it
 * (camelCase). Source: Microsoft's Office JS reference (learn.microsoft.com/javascript/api/excel),
 * the "[Api set: ExcelApi 1.x]" remark of each member, as @types/office-js carries it; a
 * collection's `items` is its class's. test/taskpane/requirements.test.ts holds every entry to that
 * text and the table to the members the pane's actions dispatch.
 */
export const EXCEL_API_MEMBERS: Readonly<Record<string, string>> = {
  "Workbook.application": "1.1",
  "Workbook.getActiveCell": "1.7",
  "Workbook.getSelectedRange": "1.1",
  "Workbook.names": "1.1",
  "Workbook.tables": "1.1",
  "Workbook.worksheets": "1.1",
  "Application.suspendApiCalculationUntilNextSync": "1.6",
  "Application.suspendScreenUpdatingUntilNextSync": "1.9",
  "WorksheetCollection.add": "1.1",
  "WorksheetCollection.getActiveWorksheet": "1.1",
  "WorksheetCollection.getItem": "1.1",
  "WorksheetCollection.items": "1.1",
  "Worksheet.activate": "1.1",
  "Worksheet.charts": "1.1",
  "Worksheet.freezePanes": "1.7",
  "Worksheet.getRange": "1.1",
  "Worksheet.getRangeByIndexes": "1.7",
  "Worksheet.getUsedRangeOrNullObject": "1.4",
  "Worksheet.name": "1.1",
  "Worksheet.tabColor": "1.7",
  "Worksheet.tables": "1.1",
  "Worksheet.visibility": "1.1",
  "WorksheetFreezePanes.freezeRows": "1.7",
  "Range.address": "1.1",
  "Range.clear": "1.1",
  "Range.columnCount": "1.1",
  "Range.columnIndex": "1.1",
  "Range.conditionalFormats": "1.6",
  "Range.dataValidation": "1.8",
  "Range.format": "1.1",
  "Range.formulas": "1.1",
  "Range.getSpillingToRangeOrNullObject": "1.12",
  "Range.numberFormat": "1.1",
  "Range.rowCount": "1.1",
  "Range.rowIndex": "1.1",
  "Range.valueTypes": "1.1",
  "Range.values": "1.1",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.fill": "1.1",
  "RangeFormat.font": "1.1",
  "RangeFont.bold": "1.1",
  "RangeFont.color": "1.1",
  "RangeFont.italic": "1.1",
  "RangeFont.size": "1.1",
  "RangeFill.color": "1.1",
  "TableCollection.add": "1.1",
  "TableCollection.getItem": "1.1",
  "TableCollection.items": "1.1",
  "Table.getRange": "1.1",
  "Table.name": "1.1",
  "Table.style": "1.1",
  "NamedItemCollection.add": "1.4",
  "NamedItemCollection.getItem": "1.1",
  "NamedItemCollection.getItemOrNullObject": "1.4",
  "NamedItemCollection.items": "1.1",
  "NamedItem.comment": "1.4",
  "NamedItem.formula": "1.7",
  "NamedItem.visible": "1.1",
  "ChartCollection.add": "1.1",
  "Chart.axes": "1.1",
  "Chart.name": "1.1",
  "Chart.series": "1.1",
  "Chart.setPosition": "1.1",
  "Chart.title": "1.1",
  "ChartTitle.text": "1.1",
  "ChartAxes.valueAxis": "1.1",
  "ChartAxis.numberFormat": "1.8",
  "ChartSeriesCollection.getItemAt": "1.1",
  "ChartSeries.axisGroup": "1.8",
  "ChartSeries.chartType": "1.7",
  "ConditionalFormatCollection.add": "1.6",
  "ConditionalFormatCollection.clearAll": "1.6",
  "ConditionalFormat.cellValue": "1.6",
  "CellValueConditionalFormat.format": "1.6",
  "CellValueConditionalFormat.rule": "1.6",
  "ConditionalRangeFormat.fill": "1.6",
  "ConditionalRangeFormat.font": "1.6",
  "ConditionalRangeFill.color": "1.6",
  "ConditionalRangeFont.color": "1.6",
  "DataValidation.clear": "1.8",
  "DataValidation.rule": "1.8",
};

/** The ExcelApi version of a member ("Range.getSpillingToRange"), if CNAI's table has it. */
export function excelApiOf(member: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(EXCEL_API_MEMBERS, member)
    ? EXCEL_API_MEMBERS[member]
    : undefined;
}

/** "1.12" ≥ "1.9": versions compared part by part, as numbers. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The requirement sets an Excel has, with their highest version. */
export type RequirementSets = Readonly<Record<string, string>>;

/** The requirement sets the host implements, with their highest version. */
export const HOST_SETS: RequirementSets = {
  ExcelApi: "1.12",
  SharedRuntime: "1.1",
  CustomFunctionsRuntime: "1.3",
};

/** One `isSetSupported` question and the answer it got. */
export interface Asked {
  readonly name: string;
  readonly version: string;
  readonly answer: boolean;
}

/** What `Office.context.requirements` answers from, and the questions it was asked. */
export interface Requirements {
  sets: RequirementSets;
  readonly asked: Asked[];
}

/**
 * Excel on the web's limit for a request and for a response ("Resource limits and performance
 * optimization for Office Add-ins"). Microsoft writes "5MB" without saying which megabyte; the
 * host takes the smaller reading, 5,000,000 bytes.
 */
export const PAYLOAD_LIMIT = 5_000_000;

/** An Excel the host plays. */
export interface ExcelProfile {
  readonly name: string;
  /** What `isSetSupported` answers. */
  readonly sets: RequirementSets;
  /**
   * The ExcelApi the manifest declares: members above it answer ApiNotFound unless the pane asked
   * for their set and heard yes. Undefined: every member the host has answers.
   */
  readonly declared?: string;
  /** Excel on the web's payload limit in bytes; undefined on the desktop. */
  readonly payloadLimit?: number;
}

/** The member gate's verdict: undefined when the member may be called, else Excel's message. */
export function refusal(
  profile: ExcelProfile,
  asked: readonly Asked[],
  member: string
): string | undefined {
  if (profile.declared === undefined) return undefined;
  const set = excelApiOf(member);
  if (set === undefined || versionAtLeast(profile.declared, set)) return undefined;
  const heardYes = asked.some(
    (q) => q.name === "ExcelApi" && q.answer && versionAtLeast(q.version, set)
  );
  if (heardYes) return undefined;
  return `The method or property ${member} is part of the ExcelApi ${set} requirement set, which is not available in your version of Excel.`;
}

/** Excel on the web: the host's every set, the 5 MB payload, every member answered. */
export const EXCEL_ON_THE_WEB: ExcelProfile = {
  name: "Excel on the web",
  sets: HOST_SETS,
  payloadLimit: PAYLOAD_LIMIT,
};

/**
 * The Excels an add-in declaring ExcelApi `declared` meets, as the pane's suites run on them:
 * Excel on the web, where members above `declared` need a yes from isSetSupported first; and the
 * oldest Excel the manifest admits (on the desktop: no payload limit), which has `declared` and
 * nothing above it.
 */
export function manifestProfiles(declared: string): readonly ExcelProfile[] {
  return [
    { ...EXCEL_ON_THE_WEB, declared },
    {
      name: `the oldest Excel the manifest admits (ExcelApi ${declared})`,
      sets: { ...HOST_SETS, ExcelApi: declared },
      declared,
    },
  ];
}
