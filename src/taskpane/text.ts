/**
 * Every word the pane and its actions show, in English and Chinese side by side. The function
 * reference's texts come from the catalogue, the sheets' from the plans. Formulas, function and
 * argument names, table and sheet names are never translated: they are the same in every language.
 */
import { Lang, Texts, textsIn } from "../core";
import { quoteSheet } from "../plans/a1";

export const PANE_TEXT = {
  // The header and the language switch.
  subtitle: {
    en: (version: string) => `China AI Stack for Excel · version ${version}`,
    zh: (version: string) => `中国AI技术栈Excel模型 · 版本${version}`,
  },
  /** The switch shows the other language's name in that language, as language menus do. */
  switchTo: { en: "中文", zh: "English" },
  switchTitle: {
    en: "Show the pane in Chinese (中文). CNAI follows Office's display language until you choose.",
    zh: "以英文（English）显示窗格。未手动选择时，CNAI跟随Office的显示语言。",
  },

  // Outside Excel.
  outsideHeading: { en: "Open CNAI in Excel", zh: "在Excel中打开CNAI" },
  officeMissing: {
    en: "office.js could not load: this page is open outside Office, or offline.",
    zh: "office.js未能加载：此页面是在Office之外打开的，或当前处于离线状态。",
  },
  otherHost: {
    en: (host: string) => `This page is open in ${host}, not in Excel.`,
    zh: (host: string) => `此页面是在${host}中打开的，而不是在Excel中。`,
  },
  inBrowser: {
    en: "This page is open in a browser, not in Excel.",
    zh: "此页面是在浏览器中打开的，而不是在Excel中。",
  },
  buttonsOff: {
    en: " The buttons that write to a workbook are off; the function reference below works here too.",
    zh: "写入工作簿的按钮已停用；下方的函数参考在此处仍可使用。",
  },
  about: {
    en: (namespace: string) =>
      `CNAI turns the research note “China's AI Stack Competition” into an Excel model: custom functions in the ${namespace} namespace, such as =${namespace}.MARGIN_EXPANSION(30%,15%,2), and this pane, which loads the note's appendix tables and builds a model sheet on them.`,
    zh: (namespace: string) =>
      `CNAI把研究报告《China's AI Stack Competition》转化为Excel模型：${namespace}命名空间下的自定义函数（如=${namespace}.MARGIN_EXPANSION(30%,15%,2)），以及本窗格——它载入研报的附录表格，并在其上搭建模型工作表。`,
  },
  sideload: {
    en: "To use it, sideload CNAI (README, “Sideloading”):",
    zh: "使用前请旁加载CNAI（见README的“Sideloading”一节）：",
  },
  /** Text before and after `npm start`. */
  sideloadDesktop: {
    en: ["Excel on Windows or macOS: run ", "."],
    zh: ["Windows或macOS版Excel：运行", "。"],
  },
  /** Text before `npm start`, between it and `manifest.xml`, and after. */
  sideloadWeb: {
    en: [
      "Excel on the web: run ",
      ", then Home › Add-ins › More Add-ins › Upload My Add-in › ",
      ".",
    ],
    zh: [
      "Excel网页版：运行",
      "，然后依次选择“开始” › “加载项” › “更多加载项” › “上传我的加载项” › ",
      "。",
    ],
  },
  hintOutside: {
    en: "Works inside Excel only: see “Open CNAI in Excel” above.",
    zh: "仅在Excel中可用：请见上方的“在Excel中打开CNAI”。",
  },
  hintStarting: {
    en: "Waiting for Excel to start the add-in…",
    zh: "正在等待Excel启动加载项…",
  },

  // The sections.
  dataTitle: { en: "Data", zh: "数据" },
  dataText: {
    en: "Writes the note's appendix tables into their own sheets as Excel tables, ChipParity (Table 1) and TokenEconomics (Table 2), with units and a source line. Edit them, add rows and columns: the model follows. Running it again refreshes them in place and keeps your edits.",
    zh: "把研报的附录表格写入各自的工作表，生成Excel表格ChipParity（表1）和TokenEconomics（表2），附单位和资料来源。可直接修改数值、添加行和列，模型随之更新。再次运行会原地刷新，并保留您的修改。",
  },
  dataButton: { en: "Load appendix tables", zh: "载入附录表格" },
  dataDoing: { en: "Loading the appendix tables", zh: "正在载入附录表格" },
  dataCouldNot: { en: "Could not load the appendix tables", zh: "未能载入附录表格" },
  resetButton: { en: "Reset tables to the note", zh: "将表格恢复为研报数据" },
  resetChecking: { en: "Looking for your edits to the tables", zh: "正在查找您对表格的修改" },
  resetCouldNot: { en: "Could not reset the tables", zh: "未能恢复表格" },
  resetWhat: { en: "reset the tables to the note", zh: "将表格恢复为研报数据" },
  nothingToReset: {
    en: "ChipParity and TokenEconomics hold the note's values: nothing to reset.",
    zh: "ChipParity和TokenEconomics均为研报数据，无需恢复。",
  },
  resetWouldOverwrite: {
    en: (count: number) =>
      `Resetting would overwrite ${count === 1 ? "your edit with the note's value" : `${count} of your edits with the note's values`} (yours → the note's). Rows and columns you added stay.`,
    zh: (count: number) =>
      `恢复将用研报数据覆盖您的${count}处修改（您的数值 → 研报数值）。您添加的行和列保持不变。`,
  },
  resetConfirm: {
    en: (count: number) => `Overwrite ${count} ${count === 1 ? "edit" : "edits"}`,
    zh: (count: number) => `覆盖${count}处修改`,
  },
  resetDoing: { en: "Resetting the tables to the note", zh: "正在将表格恢复为研报数据" },
  resetDone: {
    en: (count: number) =>
      `Reset ChipParity and TokenEconomics to the note: ${count} ${count === 1 ? "edit" : "edits"} replaced by the note's ${count === 1 ? "value" : "values"}.`,
    zh: (count: number) =>
      `已将ChipParity和TokenEconomics恢复为研报数据：${count}处修改已替换为研报数值。`,
  },
  modelTitle: { en: "Model", zh: "模型" },
  modelText: {
    en: "Builds a model sheet on those tables: an assumption block driven by Bear, Base and Bull scenarios, a Risk block turning the note's ranges into probabilities, a parity timeline with a stall scenario, a margin sensitivity grid, the Table 2 reconciliation and charts, all live CNAI formulas.",
    zh: "基于这些表格搭建模型工作表：由悲观、基准、乐观情景驱动的假设区、把研报区间变为概率的风险区、含停滞情景的性能对标时间线、毛利率敏感性矩阵、表2核对和图表，全部为实时计算的CNAI公式。",
  },
  modelButton: { en: "Build model sheet", zh: "搭建模型工作表" },
  modelDoing: { en: "Building the model sheet", zh: "正在搭建模型工作表" },
  modelCouldNot: { en: "Could not build the model sheet", zh: "未能搭建模型工作表" },
  // When a workbook opens: starting with the workbook, and repair (src/taskpane/repair.ts).
  openTitle: { en: "When a workbook opens", zh: "打开工作簿时" },
  openText: {
    en: "A workbook opened before CNAI has started shows #NAME? in its CNAI formulas, and Excel may keep showing it after CNAI starts. CNAI starts with the workbooks that hold its formulas, and enters stuck formulas again so they compute. Other formulas are left as they are.",
    zh: "在CNAI启动之前打开的工作簿，其中的CNAI公式会显示#NAME?，且CNAI启动后Excel可能仍然如此显示。CNAI会随含有其公式的工作簿一同启动，并重新输入卡住的公式，使其恢复计算。其他公式保持不变。",
  },
  repairButton: { en: "Repair CNAI formulas", zh: "修复CNAI公式" },
  repairDoing: { en: "Repairing CNAI formulas", zh: "正在修复CNAI公式" },
  repairLooking: {
    en: "Looking for CNAI formulas in this workbook",
    zh: "正在查找此工作簿中的CNAI公式",
  },
  repairCouldNot: { en: "Could not repair the CNAI formulas", zh: "未能修复CNAI公式" },
  settingsLegend: { en: "Settings", zh: "设置" },
  startSetting: {
    en: "Start CNAI with workbooks that hold CNAI formulas",
    zh: "打开含有CNAI公式的工作簿时启动CNAI",
  },
  repairSetting: {
    en: "Repair stuck CNAI formulas when CNAI starts",
    zh: "CNAI启动时修复卡住的CNAI公式",
  },
  startupNotice: {
    en: "From now on Excel starts CNAI when this workbook opens, so its CNAI formulas compute right away. You can turn this off under “When a workbook opens”.",
    zh: "今后打开此工作簿时，Excel会同时启动CNAI，使其中的CNAI公式立即计算。您可以在“打开工作簿时”中关闭此功能。",
  },
  startupOn: {
    en: "Excel starts CNAI when this workbook opens.",
    zh: "打开此工作簿时，Excel将启动CNAI。",
  },
  startupLater: {
    en: "Excel will start CNAI with this workbook once it holds CNAI formulas.",
    zh: "此工作簿含有CNAI公式后，Excel将随之启动CNAI。",
  },
  startupOff: {
    en: "Excel no longer starts CNAI when this workbook opens: its CNAI formulas compute once you open CNAI's pane.",
    zh: "打开此工作簿时，Excel不再启动CNAI：打开CNAI窗格后其中的CNAI公式才会计算。",
  },
  startupFailed: {
    en: (message: string) =>
      `CNAI could not set whether Excel starts it with this workbook: ${message}`,
    zh: (message: string) => `CNAI未能设置Excel是否随此工作簿启动CNAI：${message}`,
  },
  functionsTitle: { en: "Functions", zh: "函数" },
  functionsText: {
    en: (namespace: string) =>
      `Type =${namespace}. in a cell to see them all, or insert an example into the active cell.`,
    zh: (namespace: string) =>
      `在单元格中输入 =${namespace}. 即可看到全部函数，也可以把示例插入活动单元格。`,
  },

  // The function reference.
  searchLabel: { en: "Search functions", zh: "搜索函数" },
  searchPlaceholder: { en: "Name, description or argument", zh: "名称、说明或参数" },
  listLabel: {
    en: (namespace: string) => `${namespace} functions`,
    zh: (namespace: string) => `${namespace}函数`,
  },
  noMatch: {
    en: (query: string) => `No function matches “${query}”.`,
    zh: (query: string) => `没有与“${query}”匹配的函数。`,
  },
  someMatch: {
    en: (shown: number, total: number, query: string) =>
      `${shown} of ${total} functions match “${query}”.`,
    zh: (shown: number, total: number, query: string) =>
      `${total}个函数中有${shown}个与“${query}”匹配。`,
  },
  allFunctions: {
    en: (total: number) => `${total} functions.`,
    zh: (total: number) => `共${total}个函数。`,
  },
  argumentCount: {
    en: (count: number, names: readonly string[]) =>
      `${count} argument${count === 1 ? "" : "s"}: ${names.join(", ")}`,
    zh: (count: number, names: readonly string[]) => `${count}个参数：${names.join("、")}`,
  },
  noArguments: { en: "No arguments.", zh: "无参数。" },
  optionalDefault: {
    en: (fallback: string) => `optional, default ${fallback}`,
    zh: (fallback: string) => `可选，默认为${fallback}`,
  },
  optional: { en: "optional", zh: "可选" },
  required: { en: "required", zh: "必填" },
  accepts: {
    en: (text: string) => `Accepts ${text}.`,
    zh: (text: string) => `可接受：${text}。`,
  },
  help: { en: "Help", zh: "帮助" },
  helpLabel: {
    en: (name: string) => `Help for ${name} (opens in a new window)`,
    zh: (name: string) => `${name}的帮助（在新窗口中打开）`,
  },
  insert: { en: "Insert", zh: "插入" },
  insertLabel: {
    en: (formula: string) => `Insert ${formula} into the active cell`,
    zh: (formula: string) => `将${formula}插入活动单元格`,
  },
  inserting: {
    en: (formula: string) => `Inserting ${formula}`,
    zh: (formula: string) => `正在插入${formula}`,
  },
  couldNotInsert: {
    en: (formula: string) => `Could not insert ${formula}`,
    zh: (formula: string) => `未能插入${formula}`,
  },

  // Reports of the actions (actions.ts) and of failures (ui/status.ts).
  loaded: {
    en: (chips: string, chipTable: string, tokens: string, tokenTable: string) =>
      `Loaded Table 1 into "${chips}" (table ${chipTable}) and Table 2 into "${tokens}" (table ${tokenTable}).`,
    zh: (chips: string, chipTable: string, tokens: string, tokenTable: string) =>
      `已将表1载入“${chips}”（表格${chipTable}），表2载入“${tokens}”（表格${tokenTable}）。`,
  },
  built: {
    en: (sheet: string, names: number, charts: number) =>
      `Built "${sheet}" on the appendix tables: ${names} named assumptions, outputs, a Risk block, a parity timeline, a sensitivity grid, the Table 2 reconciliation and ${charts} charts. The Risk block's Uncertainty table holds distributions seeded from the note's ranges: they are yours to edit, and its percentiles, the probabilities of the note's claims, the tornado, the histogram and the parity fan follow them.`,
    zh: (sheet: string, names: number, charts: number) =>
      `已基于附录表格搭建“${sheet}”：${names}项命名假设、输出、风险区、性能对标时间线、敏感性矩阵、表2核对和${charts}张图表。风险区的不确定性表（Uncertainty）中的分布取自研报的区间，可由您自行修改；其百分位数、研报各判断的概率、龙卷风图、分布直方图和性能比扇形图随之变化。`,
  },
  refreshed: {
    en: (sheets: readonly string[]) =>
      `Refreshed in place: ${sheets.map((s) => `"${s}"`).join(", ")}.`,
    zh: (sheets: readonly string[]) => `已原地刷新：${sheets.map((s) => `“${s}”`).join("、")}。`,
  },
  inserted: {
    en: (formula: string, address: string) => `Inserted ${formula} in ${address}.`,
    zh: (formula: string, address: string) => `已在${address}插入${formula}。`,
  },
  /** `what` is one of the *What texts below. */
  cnaiCouldNot: {
    en: (what: string, error: string) => `CNAI could not ${what}: ${error}`,
    zh: (what: string, error: string) => `CNAI未能${what}：${error}`,
  },
  loadWhat: { en: "load the appendix tables", zh: "载入附录表格" },
  buildWhat: { en: "build the model sheet", zh: "搭建模型工作表" },
  insertWhat: {
    en: (formula: string) => `insert ${formula}`,
    zh: (formula: string) => `插入${formula}`,
  },
  cleanedUp: {
    en: "Nothing was left half-built: the workbook is as it was before, apart from sheets CNAI had made earlier, which may be partly refreshed. Run the action again.",
    zh: "没有留下半成品：工作簿已恢复原状，只有CNAI此前创建的工作表可能已部分刷新。请再次运行该操作。",
  },
  notCleanedUp: {
    en: 'CNAI could not remove what it had started: delete any sheet named "CNAI building …" by hand, then run the action again.',
    zh: "CNAI未能清除已开始写入的内容：请手动删除名为“CNAI building …”的工作表，然后再次运行该操作。",
  },
  failed: {
    en: (couldNot: string, message: string) => `${couldNot}: ${message}`,
    zh: (couldNot: string, message: string) => `${couldNot}：${message}`,
  },
  noReport: { en: "it returned no report", zh: "未返回结果报告" },
  noMessage: { en: "an error without a message", zh: "错误未附说明" },
  errorCode: {
    en: (code: string) => `Excel's error code: ${code}.`,
    zh: (code: string) => `Excel错误代码：${code}。`,
  },
} satisfies Texts;

/** Every word of the Snapshot section and its reports, in English and Chinese. */
export const SNAPSHOT_TEXT = {
  title: { en: "Share without CNAI", zh: "分享给未安装CNAI的用户" },
  text: {
    en: "Snapshot turns CNAI's formulas into the values they show now, so the workbook reads the same on machines without CNAI, where CNAI's formulas show #NAME?. Formats stay. The formulas are kept in a hidden sheet, and Restore formulas brings them back.",
    zh: "快照把CNAI公式转换为当前显示的值，使工作簿在未安装CNAI的电脑上显示相同的数字（在那里CNAI公式会显示#NAME?）。格式保持不变。原公式保存在一个隐藏工作表中，可用“恢复公式”还原。",
  },
  scopeLegend: { en: "Where", zh: "范围" },
  scopeSelection: { en: "Selection", zh: "所选区域" },
  scopeSheet: { en: "This sheet", zh: "当前工作表" },
  scopeWorkbook: { en: "Whole workbook", zh: "整个工作簿" },
  snapshotButton: { en: "Snapshot to values", zh: "快照为值" },
  restoreButton: { en: "Restore formulas", zh: "恢复公式" },
  snapshotDoing: { en: "Turning CNAI formulas into values", zh: "正在把CNAI公式转换为值" },
  restoreDoing: { en: "Restoring CNAI formulas", zh: "正在恢复CNAI公式" },
  snapshotCouldNot: { en: "Could not take the snapshot", zh: "未能完成快照" },
  restoreCouldNot: { en: "Could not restore the formulas", zh: "未能恢复公式" },

  // Where, in a report.
  inSelection: { en: "the selection", zh: "所选区域" },
  inSheet: {
    en: (sheet: string) => quoteSheet(String(sheet)),
    zh: (sheet: string) => quoteSheet(String(sheet)),
  },
  inWorkbook: { en: "the workbook", zh: "工作簿" },

  // Reports.
  snapshotDone: {
    en: (formulas: number, cells: number, where: string) =>
      `Snapshot: ${formulas} CNAI ${formulas === 1 ? "formula" : "formulas"} in ${where} turned into ${formulas === 1 && cells === 1 ? "its value" : `their values (${cells} ${cells === 1 ? "cell" : "cells"})`}. Restore formulas brings them back.`,
    zh: (formulas: number, cells: number, where: string) =>
      `快照：${where}中的${formulas}个CNAI公式已转换为值（${cells}个单元格）。“恢复公式”可将其还原。`,
  },
  stillComputing: {
    en: (cells: string) =>
      `Nothing snapshotted: CNAI formulas are still computing (#BUSY!) in ${cells}. Snapshot again once they show their values.`,
    zh: (cells: string) =>
      `未做快照：${cells}中的CNAI公式仍在计算（#BUSY!）。待其显示数值后再做快照。`,
  },
  nothingToSnapshot: {
    en: (where: string) => `No CNAI formulas in ${where}: nothing to snapshot.`,
    zh: (where: string) => `${where}中没有CNAI公式，无需快照。`,
  },
  alreadySnapshotted: {
    en: (count: number) =>
      `${count} ${count === 1 ? "cell holds the value" : "cells hold the values"} of an earlier snapshot here; left as ${count === 1 ? "it is" : "they are"}.`,
    zh: (count: number) => `此范围内有${count}处是之前快照的值，保持不变。`,
  },
  storeMade: {
    en: (sheet: string) => `The original formulas are kept in the hidden sheet "${sheet}".`,
    zh: (sheet: string) => `原公式保存在隐藏工作表“${sheet}”中。`,
  },
  storeNameTaken: {
    en: (preferred: string, used: string) =>
      `A sheet named "${preferred}" that CNAI did not create exists; CNAI keeps the formulas in "${used}" instead.`,
    zh: (preferred: string, used: string) =>
      `工作簿中已有一个并非CNAI创建的工作表“${preferred}”；CNAI改用“${used}”保存公式。`,
  },
  noSpillApi: {
    en: "This version of Excel cannot say where a formula spills (ExcelApi 1.12): each CNAI formula was turned into the value of its own cell.",
    zh: "此版本的Excel无法报告公式的溢出范围（ExcelApi 1.12）：每个CNAI公式仅转换其所在单元格的值。",
  },
  restoreDone: {
    en: (formulas: number, where: string) =>
      `Restored ${formulas} CNAI ${formulas === 1 ? "formula" : "formulas"} in ${where}; Excel calculates ${formulas === 1 ? "it" : "them"} again.`,
    zh: (formulas: number, where: string) =>
      `已在${where}中恢复${formulas}个CNAI公式，Excel将重新计算。`,
  },
  nothingRestored: {
    en: (where: string) =>
      `Nothing restored in ${where}: every kept formula's cells were changed after the snapshot.`,
    zh: (where: string) => `${where}中未恢复任何公式：所有保存公式对应的单元格在快照后都被修改过。`,
  },
  nothingToRestore: {
    en: (where: string) => `No snapshot to restore in ${where}.`,
    zh: (where: string) => `${where}中没有可恢复的快照。`,
  },
  changedSince: {
    en: (count: number, cells: string) =>
      `${count} ${count === 1 ? "cell was" : "cells were"} changed after the snapshot and ${count === 1 ? "was" : "were"} left as ${count === 1 ? "it is" : "they are"}: ${cells}. ${count === 1 ? "Its formula is" : "Their formulas are"} still kept; undo the change, or clear the cells, and restore again.`,
    zh: (count: number, cells: string) =>
      `有${count}处在快照后被修改，保持不变：${cells}。其公式仍然保留；撤销修改或清除这些单元格后可再次恢复。`,
  },
  sheetGone: {
    en: (count: number, sheets: string) =>
      `${count} kept ${count === 1 ? "formula belongs" : "formulas belong"} to sheets that no longer exist (${sheets}); kept.`,
    zh: (count: number, sheets: string) =>
      `有${count}个保存的公式所属的工作表已不存在（${sheets}），继续保留。`,
  },
  cnaiCouldNot: {
    en: (what: string, message: string) => `CNAI could not ${what}: ${message}`,
    zh: (what: string, message: string) => `CNAI未能${what}：${message}`,
  },
  snapshotWhat: { en: "take the snapshot", zh: "完成快照" },
  restoreWhat: { en: "restore the formulas", zh: "恢复公式" },
  partial: {
    en: "The cells it had changed were put back as they were; where Excel refused that too, their formulas are kept and Restore formulas brings them back.",
    zh: "已改动的单元格已恢复原样；若Excel连恢复也拒绝，其公式仍已保存，“恢复公式”可将其还原。",
  },
  restorePartial: {
    en: "The cells it had written were put back as they were; run Restore formulas again.",
    zh: "已写回的单元格已恢复原样；请再次运行“恢复公式”。",
  },
} satisfies Texts;

/** Every word of the repair's reports, in English and Chinese. */
export const REPAIR_TEXT = {
  repaired: {
    en: (count: number, where: string) =>
      `Repaired ${count} CNAI ${count === 1 ? "formula" : "formulas"}: ${where}. Excel computes ${count === 1 ? "it" : "them"} again.`,
    zh: (count: number, where: string) => `已修复${count}个CNAI公式：${where}。Excel将重新计算。`,
  },
  onSheet: {
    en: (sheet: string, cells: number) =>
      `${cells} ${cells === 1 ? "cell" : "cells"} on ${quoteSheet(String(sheet))}`,
    zh: (sheet: string, cells: number) => `${quoteSheet(String(sheet))}中${cells}个单元格`,
  },
  rewritten: {
    en: (count: number) =>
      `${count} ${count === 1 ? "was" : "were"} in the form Excel saves while CNAI is not loaded, such as =_xldudf_CNAI_PARITY_AT(…), and ${count === 1 ? "calls" : "call"} CNAI again, as =CNAI.PARITY_AT(…).`,
    zh: (count: number) =>
      `其中${count}个原为CNAI未加载时Excel保存的形式（如=_xldudf_CNAI_PARITY_AT(…)），现已改回对CNAI的调用（如=CNAI.PARITY_AT(…)）。`,
  },
  reentered: {
    en: (count: number) =>
      `${count} called CNAI as written but showed #NAME?, and ${count === 1 ? "was" : "were"} entered again unchanged.`,
    zh: (count: number) => `其中${count}个写法正确但显示#NAME?，已原样重新输入。`,
  },
  nothing: {
    en: (found: number) =>
      found === 0
        ? "This workbook holds no CNAI formulas: nothing to repair."
        : `All ${found} CNAI ${found === 1 ? "formula" : "formulas"} in this workbook compute: nothing to repair.`,
    zh: (found: number) =>
      found === 0
        ? "此工作簿中没有CNAI公式，无需修复。"
        : `此工作簿中的${found}个CNAI公式均可正常计算，无需修复。`,
  },
  toRepair: {
    en: (count: number) =>
      `${count} CNAI ${count === 1 ? "formula needs" : "formulas need"} repair: Repair CNAI formulas enters ${count === 1 ? "it" : "them"} again.`,
    zh: (count: number) => `有${count}个CNAI公式需要修复：“修复CNAI公式”会将其重新输入。`,
  },
  unknown: {
    en: (count: number, names: string, cells: string) =>
      `${count} ${count === 1 ? "formula calls" : "formulas call"} a CNAI function that does not exist (${names}) and ${count === 1 ? "was" : "were"} left as ${count === 1 ? "it is" : "they are"}: ${cells}.`,
    zh: (count: number, names: string, cells: string) =>
      `有${count}个公式调用了不存在的CNAI函数（${names}），保持不变：${cells}。`,
  },
  stillName: {
    en: (count: number, cells: string) =>
      `${count} repaired ${count === 1 ? "formula still shows" : "formulas still show"} #NAME?: something else in ${count === 1 ? "it" : "them"} is unknown to Excel, or CNAI's functions are not registered yet (wait for CNAI to start and repair again): ${cells}.`,
    zh: (count: number, cells: string) =>
      `有${count}个已修复的公式仍显示#NAME?：其中另有Excel无法识别的名称，或CNAI的函数尚未注册（请等CNAI启动后再次修复）：${cells}。`,
  },
  unreadable: {
    en: (count: number, cells: string) =>
      `${count} ${count === 1 ? "formula was" : "formulas were"} left as ${count === 1 ? "it is" : "they are"}: once repaired, CNAI could not read ${count === 1 ? "it" : "them"} back as a whole formula: ${cells}.`,
    zh: (count: number, cells: string) =>
      `有${count}个公式保持不变：修复后的公式CNAI无法完整读回：${cells}。`,
  },
  refused: {
    en: (count: number, cells: string) =>
      `Excel refused ${count} repaired ${count === 1 ? "formula, left as it was" : "formulas, left as they were"} (the others were written): ${cells}.`,
    zh: (count: number, cells: string) =>
      `Excel拒绝了${count}个修复后的公式，这些单元格保持原样（其余公式已写入）：${cells}。`,
  },
  cnaiCouldNot: {
    en: (message: string) => `CNAI could not repair its formulas: ${message}`,
    zh: (message: string) => `CNAI未能修复其公式：${message}`,
  },
  partial: {
    en: "The formulas it had written were put back as they were; run Repair CNAI formulas again.",
    zh: "已写入的公式已恢复原样；请再次运行“修复CNAI公式”。",
  },
} satisfies Texts;

/** Cells named in a report before "and N more". */
const LISTED = 5;

/** Words reports share. */
export const REPORT_TEXT = {
  andMore: {
    en: (listed: string, more: number) => `${listed} and ${more} more`,
    zh: (listed: string, more: number) => `${listed}等另外${more}处`,
  },
} satisfies Texts;

/** "'A', 'B' and 'C'" in English, "'A'、'B'和'C'" in Chinese. */
export function joinAll(items: readonly string[], lang: Lang): string {
  if (items.length < 2) return items.join("");
  const head = items.slice(0, -1).join(lang === "en" ? ", " : "、");
  return `${head}${lang === "en" ? " and " : "和"}${items[items.length - 1]}`;
}

/** Cells for a report: the first few, then how many more. */
export function listCells(cells: readonly string[], lang: Lang): string {
  if (cells.length <= LISTED) return joinAll(cells, lang);
  return textsIn(REPORT_TEXT, lang).andMore(
    cells.slice(0, LISTED).join(lang === "en" ? ", " : "、"),
    cells.length - LISTED
  );
}
