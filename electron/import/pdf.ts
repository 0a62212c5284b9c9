import { textCell, EMPTY_CELL, type Cell } from './cells';
import type { GridRow, Sheet } from './grid';
import { ImportRefusal } from './refusal';

/**
 * A PDF's text layer as lines and table rows, for the reader's `pdf` hook. pdfjs-dist (Mozilla's
 * PDF.js, legacy Node build) gives each run of text with its position; nothing here reads pixels,
 * so a scanned PDF (no text layer) is refused, never guessed from.
 *
 * How rows come back:
 * 1. items → lines: same baseline (within 30 % of the font size), left to right; items closer than
 *    half a font size are one cell ("Seatbelt Off" may come as two items);
 * 2. a header broken over lines: a line of ≥ 5 cells followed closely (< 1.6 font sizes) by a line
 *    of fewer cells, all words, each under a cell of the first, continues those cells ("Seatbelt
 *    Off" + "Rate");
 * 3. columns: the horizontal extents of every cell of every table line (≥ 5 cells) on all pages,
 *    overlapping extents merged; a cell goes to the column its centre falls in. Two texts in one
 *    column of one line are joined with a space, so a misaligned table gives values that do not
 *    parse (an error), never a value moved to another column.
 * Lines with fewer cells (titles, legends, "Page 2 of 4") keep their cells from column A on.
 */
export interface PdfCell {
  text: string;
  x0: number;
  x1: number;
}
export interface PdfLine {
  page: number;
  /** Baseline, from the top of the page (points). */
  y: number;
  size: number;
  cells: PdfCell[];
}
export interface PdfText {
  pages: number;
  /** Lines of each page, top to bottom (index 0 = page 1). */
  lines: PdfLine[][];
  /** Document info Title, when set. */
  title: string;
}

/** What pdfjs gives per text run (the fields used here). */
export interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
/** Loaded on first use: the desk starts without it, and most imports are not PDFs. */
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

const TABLE_CELLS = 5;

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  let doc;
  try {
    // pdfjs takes ownership of the buffer it is given: hand it a copy.
    doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS }).promise;
  } catch (err) {
    const m = (err as Error).message || String(err);
    const locked = /password/i.test(m);
    throw new ImportRefusal('unreadable', locked ? 'The PDF is password-protected: open it, save it without a password, and import that file.' : `The PDF could not be opened (damaged?): ${m}`, { fileKind: 'pdf' });
  }
  try {
    const lines: PdfLine[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const height = page.view[3]! - page.view[1]!;
      // pdfjs's own Unicode normalisation costs a third of the time; cells are normalised below instead.
      const content = await page.getTextContent({ disableNormalization: true });
      const items = (content.items as TextItem[]).filter((i) => typeof i.str === 'string' && i.str.trim() !== '');
      lines.push(pageLines(items, p, height));
      page.cleanup();
    }
    if (lines.every((l) => l.length === 0)) {
      throw new ImportRefusal('pdf-no-text', `This PDF has no text layer (a scan or a picture of the scorecard), so the desk cannot read its numbers. Download the scorecard PDF from Amazon again (not a scan or a print-to-image), or import the DSP Overview Dashboard CSV.`, { fileKind: 'pdf' });
    }
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as { Title?: unknown };
    return { pages: doc.numPages, lines, title: typeof info.Title === 'string' ? info.Title : '' };
  } finally {
    await doc.destroy();
  }
}

/** Steps 1 and 2 for one page: its text runs (pdfjs coordinates, y up) as lines top to bottom. */
export function pageLines(items: TextItem[], page: number, height: number): PdfLine[] {
  const runs = items
    .map((i) => {
      const size = Math.hypot(i.transform[2]!, i.transform[3]!) || Math.abs(i.transform[3]!) || 1;
      return { text: i.str, x0: i.transform[4]!, x1: i.transform[4]! + Math.max(0, i.width), y: height - i.transform[5]!, size };
    })
    .sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: { y: number; size: number; runs: typeof runs }[] = [];
  for (const r of runs) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(r.y - last.y) <= 0.3 * Math.min(r.size, last.size)) {
      last.runs.push(r);
      last.size = Math.max(last.size, r.size);
    } else lines.push({ y: r.y, size: r.size, runs: [r] });
  }
  const out: PdfLine[] = lines.map((l) => {
    const sorted = l.runs.sort((a, b) => a.x0 - b.x0);
    const cells: PdfCell[] = [];
    for (const r of sorted) {
      const prev = cells[cells.length - 1];
      const gap = prev ? r.x0 - prev.x1 : Infinity;
      if (prev && gap < 0.5 * r.size) {
        prev.text += (gap > 0.1 * r.size ? ' ' : '') + r.text;
        prev.x1 = Math.max(prev.x1, r.x1);
      } else cells.push({ text: r.text, x0: r.x0, x1: r.x1 });
    }
    // NFKC: ligature glyphs (ﬁ, ﬂ) and full-width forms read as the letters they are.
    for (const c of cells) c.text = (/[^ -~]/.test(c.text) ? c.text.normalize('NFKC') : c.text).replace(/\s+/g, ' ').trim();
    return { page, y: l.y, size: l.size, cells };
  });
  return joinBrokenHeaders(out);
}

const overlaps = (a: PdfCell, b: PdfCell) => a.x0 < b.x1 && b.x0 < a.x1;
const isWord = (s: string) => /\p{L}/u.test(s) && !/\d/.test(s);

/** Step 2: a header cell broken over lines becomes one cell ("Seatbelt Off\nRate"). */
function joinBrokenHeaders(lines: PdfLine[]): PdfLine[] {
  const out: PdfLine[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const continues =
      prev &&
      prev.cells.length >= TABLE_CELLS &&
      line.cells.length < prev.cells.length &&
      line.y - prev.y < 1.6 * Math.max(prev.size, line.size) &&
      line.cells.every((c) => isWord(c.text) && prev.cells.some((p) => overlaps(p, c)));
    if (!continues) {
      out.push(line);
      continue;
    }
    for (const c of line.cells) {
      const above = prev.cells.find((p) => overlaps(p, c))!;
      above.text += '\n' + c.text;
      above.x1 = Math.max(above.x1, c.x1);
      above.x0 = Math.min(above.x0, c.x0);
    }
  }
  return out;
}

/** Step 3: column intervals from the table lines of every page. */
function columnIntervals(lines: readonly PdfLine[]): [number, number][] {
  // Rows repeat the same left edges: keep the widest extent per edge (to 0.01 pt), then merge.
  const widest = new Map<number, number>();
  for (const l of lines) {
    if (l.cells.length < TABLE_CELLS) continue;
    for (const c of l.cells) {
      const k = Math.round(c.x0 * 100) / 100;
      const w = widest.get(k);
      if (w === undefined || c.x1 > w) widest.set(k, c.x1);
    }
  }
  const extents = [...widest].sort((a, b) => a[0] - b[0]);
  const cols: [number, number][] = [];
  for (const [a, b] of extents) {
    const last = cols[cols.length - 1];
    if (last && a < last[1] - 0.5) last[1] = Math.max(last[1], b);
    else cols.push([a, b]);
  }
  return cols;
}

export interface PdfSheets {
  /** The table pages first (from the first page with a table line), then the pages before them. */
  sheets: Sheet[];
  /** Row number of a sheet (as the reader reports it) → where the line is in the PDF. */
  place(sheet: string, rowNumber: number): { page: number; line: number } | undefined;
}

/**
 * The PDF's lines as sheets: the pages from the first one holding a table line on, as ONE sheet
 * (a table spanning pages stays one table; the reader skips the repeated headers, legends and
 * page footers), and the summary pages before it (page 1 of the scorecard) as another. Row
 * numbers count lines from the top of each sheet's first page.
 */
export function pdfSheets(text: PdfText): PdfSheets {
  const all = text.lines.flat();
  const cols = columnIntervals(all);
  const columnOf = (c: PdfCell) => {
    const mid = (c.x0 + c.x1) / 2;
    const i = cols.findIndex(([a, b]) => mid >= a && mid <= b);
    return i >= 0 ? i : Math.max(0, cols.findIndex(([a, b]) => c.x0 >= a - 0.5 && c.x0 <= b));
  };
  const firstTable = text.lines.findIndex((lines) => lines.some((l) => l.cells.length >= TABLE_CELLS));
  const split = firstTable < 0 ? text.lines.length : firstTable;
  const groups = [
    { from: split, to: text.lines.length },
    { from: 0, to: split },
  ].filter((g) => g.to > g.from);
  const places = new Map<string, { page: number; line: number }[]>();
  const sheets = groups.map((g, index): Sheet => {
    const name = g.to - g.from === 1 ? `Page ${g.from + 1}` : `Pages ${g.from + 1}–${g.to}`;
    const rows: GridRow[] = [];
    const at: { page: number; line: number }[] = [];
    for (const pageLines of text.lines.slice(g.from, g.to)) {
      pageLines.forEach((line, i) => {
        rows.push({ rowNumber: rows.length + 1, cells: lineCells(line, columnOf) });
        at.push({ page: line.page, line: i + 1 });
      });
    }
    places.set(name, at);
    return { name, index, rows };
  });
  return { sheets, place: (sheet, n) => places.get(sheet)?.[n - 1] };
}

function lineCells(line: PdfLine, columnOf: (c: PdfCell) => number): Cell[] {
  if (line.cells.length < TABLE_CELLS) return line.cells.map((c) => textCell(c.text));
  const texts: string[] = [];
  for (const c of line.cells) {
    const k = columnOf(c);
    texts[k] = texts[k] ? `${texts[k]} ${c.text}` : c.text;
  }
  return Array.from(texts, (t) => (t ? textCell(t) : EMPTY_CELL));
}
