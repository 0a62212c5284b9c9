import type { Cell } from './cells';

/**
 * A sheet as the reader sees it before knowing what it holds: the non-blank rows, each with the
 * row number the spreadsheet shows (1-based; blank rows are the gaps between numbers). CSV gives
 * one sheet; XLSX one per worksheet; a PDF reader gives one per table it rebuilds from positions.
 */
export interface GridRow {
  readonly rowNumber: number;
  /** Cells by column (0 = A); holes are filled with EMPTY_CELL. */
  readonly cells: readonly Cell[];
}

export interface Sheet {
  readonly name: string;
  /** Position in the workbook, 0-based. */
  readonly index: number;
  readonly rows: readonly GridRow[];
  readonly hidden?: boolean;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The distinct non-empty texts of a row, in column order. */
export function distinctTexts(cells: readonly Cell[]): string[] {
  const seen = new Set<string>();
  for (const c of cells) if (c.text !== '') seen.add(c.text);
  return [...seen];
}
