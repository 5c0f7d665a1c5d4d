/**
 * Checks that a text was translated into Chinese: it has Chinese characters, keeps every figure of
 * the English, and leaves no English words but names that are the same in every language.
 */
import { CATALOG, CHIP_COLUMNS, CHIP_GENERATIONS, NOTE_TITLE, TOKEN_METRICS } from "../../src/core";
import { DISTRIBUTIONS } from "../../src/core/risk/distributions";
import { RISK_INPUTS } from "../../src/core/risk/inputs";
import { RISK_OUTPUTS } from "../../src/core/risk/outputs";
import { UNCERTAINTY_COLUMNS } from "../../src/core/risk/uncertainty";

export const CHINESE = /[\u4e00-\u9fff]/;

/** Words that stay in English in Chinese text: names, identifiers, brands, units, data as printed. */
const KEPT = new Set([
  // Names and identifiers: functions, arguments, tables, defined names, Excel and Office.
  "CNAI",
  ...CATALOG.map((def) => def.name),
  ...CATALOG.flatMap((def) => def.params.map((p) => p.name)),
  "ChipParity",
  "TokenEconomics",
  // The risk engine's identifiers: the Uncertainty table, its columns, distributions, inputs, outputs.
  "Uncertainty",
  ...UNCERTAINTY_COLUMNS.flatMap((column) => column.split(" ")),
  ...DISTRIBUTIONS,
  ...RISK_INPUTS.map((input) => input.name),
  ...RISK_OUTPUTS.map((output) => output.name),
  "Excel",
  "Office",
  "office.js",
  "ExcelApi", // the name of an Office requirement set
  "English", // the language switch's name for English
  "TRUE",
  "FALSE",
  "SUM", // Excel's own functions, English in Chinese Excel too
  "VLOOKUP",
  // Terms Chinese analysts write in English.
  "AI",
  "Token",
  "EV",
  "EBITDA",
  "bn",
  "ln",
  "floor",
  // Period labels' words (Early/Mid/Late 2027) and the note's data as printed.
  "Early",
  "Mid",
  "Late",
  ...[NOTE_TITLE, ...CHIP_COLUMNS, ...CHIP_GENERATIONS.map((g) => g.generation)]
    .concat(TOKEN_METRICS.map((m) => m.metric))
    .flatMap((text) => text.split(/[^A-Za-z'’-]+/)),
  // The pane's instructions for developers, and the staging sheet's name.
  "npm",
  "start",
  "manifest.xml",
  "README",
  "Sideloading",
  "JavaScript",
  "macOS",
  "Windows",
  "building",
]);

/**
 * The English words left in a text: values in straight quotes ("low", typed in formulas) and
 * formulas (=CNAI.…(…)) are not words; words with digits (H100, FY2027) and single letters
 * (T, M, x) are units or labels.
 */
export function englishWords(text: string, alsoKept: readonly string[] = []): string[] {
  const prose = text
    .replace(/<[^>]+>/g, " ")
    .replace(/#[A-Z]+[/0-9A-Z]*[!?]?/g, " ")
    .replace(/"[^"]*"/g, " ")
    .replace(/=[\w.,]+\([^)]*\)/g, " ")
    .replace(/=CNAI\./g, " ");
  const words = prose.match(/[A-Za-z][A-Za-z0-9_.'’-]*[A-Za-z0-9_]|[A-Za-z]/g) ?? [];
  const kept = (word: string) => KEPT.has(word) || alsoKept.includes(word);
  return words.filter(
    (word) =>
      word.length > 1 &&
      !/\d/.test(word) &&
      !kept(word) &&
      !kept(word.replace(/[.'’]$/, "")) &&
      // CNAI.PARITY_AT: a name of names
      !word.split(".").every((part) => kept(part))
  );
}

/** The figures in a text: "8–12 pp" → ["8", "12"]. */
export const figures = (text: string): string[] => text.match(/\d+(?:\.\d+)?/g) ?? [];

/** A text without English words needs no translation ("2025-10-01", "12.5x", "—"). */
export const isNeutral = (english: string, alsoKept: readonly string[] = []) =>
  englishWords(english, alsoKept).length === 0;

/**
 * What is wrong with `chinese` as the translation of `english`, or [] when nothing is: it must
 * have Chinese characters (unless the English is neutral), every figure of the English, and no
 * English words but the kept ones.
 */
export function translationProblems(
  english: string,
  chinese: string,
  alsoKept: readonly string[] = []
): string[] {
  const problems: string[] = [];
  // A blank cell between columns (a header's spacer) is blank in both languages.
  if (!chinese.trim()) return english.trim() ? [`empty translation of "${english}"`] : [];
  if (!CHINESE.test(chinese) && !isNeutral(english, alsoKept))
    problems.push(`"${chinese}" is not in Chinese`);
  const missing = figures(english).filter((n) => !figures(chinese).includes(n));
  if (missing.length) problems.push(`"${chinese}" lacks the figures ${missing.join(", ")}`);
  const words = englishWords(chinese, alsoKept);
  if (words.length) problems.push(`"${chinese}" has English words: ${words.join(", ")}`);
  return problems;
}
