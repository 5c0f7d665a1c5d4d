/** A1 addresses: the little arithmetic plans need to place blocks. */
import { MAX_COLUMNS, MAX_ROWS } from "../core";

export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

export interface CellRef {
  /** 0-based. */
  readonly row: number;
  readonly column: number;
}

export function parseCell(a1: string): CellRef {
  const match = a1.replace(/\$/g, "").match(/^([A-Za-z]{1,3})(\d+)$/);
  if (!match) throw new Error(`not a cell address: ${a1}`);
  return { row: Number(match[2]) - 1, column: columnIndex(match[1]) };
}

/**
 * Whether text is one cell of Excel's grid in A1 style (`B7`, `$B$7`). Beyond the grid, `ZZZ1` is
 * no cell: it may be a defined name.
 */
export function isCellAddress(text: string): boolean {
  if (!/^\$?[A-Za-z]{1,3}\$?\d+$/.test(text)) return false;
  const { row, column } = parseCell(text);
  return row >= 0 && row < MAX_ROWS && column < MAX_COLUMNS;
}

export function cellAddress(ref: CellRef, absolute = false): string {
  const dollar = absolute ? "$" : "";
  return `${dollar}${columnLetters(ref.column)}${dollar}${ref.row + 1}`;
}

/** The cell `rows` down and `columns` right of `a1`. */
export function offset(a1: string, rows: number, columns: number): string {
  const ref = parseCell(a1);
  return cellAddress({ row: ref.row + rows, column: ref.column + columns });
}

/** The rectangle of `rows` × `columns` whose top-left is `a1`: "B4:D9" (a single cell stays "B4"). */
export function area(a1: string, rows: number, columns: number, absolute = false): string {
  const start = parseCell(a1);
  const end = { row: start.row + rows - 1, column: start.column + columns - 1 };
  const first = cellAddress(start, absolute);
  return rows === 1 && columns === 1 ? first : `${first}:${cellAddress(end, absolute)}`;
}

/** A sheet name as formulas quote it: 'CNAI Model'. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
