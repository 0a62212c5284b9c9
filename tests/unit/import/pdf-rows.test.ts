import { describe, expect, it } from 'vitest';
import { pageLines, pdfSheets, type PdfLine, type PdfText, type TextItem } from '../../../electron/import/pdf';

/** A line of cells at the given x positions (each 20 pt wide unless given). */
const line = (page: number, y: number, cells: [string, number, number?][], size = 6): PdfLine => ({ page, y, size, cells: cells.map(([text, x, w]) => ({ text, x0: x, x1: x + (w ?? 20) })) });
const texts = (t: PdfText, sheet = 0) => pdfSheets(t).sheets[sheet]!.rows.map((r) => r.cells.map((c) => c.text));
const X = [10, 40, 70, 100, 130];

describe('PDF text positions → table rows', () => {
  it('joins a header cell broken over two lines, keeps one-line headers, and never joins data rows', () => {
    // Text runs as pdfjs gives them: y from the bottom of a 600 pt page, one run per word or two.
    const run = (str: string, x: number, yTop: number, width = 20): TextItem => ({ str, transform: [6, 0, 0, 6, x, 600 - yTop], width });
    const items: TextItem[] = [
      run('Name', X[0]!, 10), run('Overall', X[1]!, 10), run('Fico', X[2]!, 10), run('Seatbelt', X[3]!, 10, 12), run('Off', X[3]! + 13.5, 10, 8), run('DCR', X[4]!, 10),
      run('Tier', X[1]!, 17), run('Score', X[2]!, 17), run('Rate', X[3]!, 17),
      run('Ana Lopez', X[0]!, 30), run('Great', X[1]!, 30), run('812', X[2]!, 30), run('0.5', X[3]!, 30), run('99%', X[4]!, 30),
      // Close below (as tight as the header lines) but with numbers: a data row, not a continuation.
      run('Ben Carter', X[0]!, 37), run('Fair', X[1]!, 37), run('700', X[2]!, 37), run('1.1', X[3]!, 37), run('97%', X[4]!, 37),
    ];
    expect(texts({ pages: 1, lines: [pageLines(items, 1, 600)], title: '' })).toEqual([
      ['Name', 'Overall\nTier', 'Fico\nScore', 'Seatbelt Off\nRate', 'DCR'],
      ['Ana Lopez', 'Great', '812', '0.5', '99%'],
      ['Ben Carter', 'Fair', '700', '1.1', '97%'],
    ]);
  });

  it('puts a missing cell in its own column and a misaligned text into the column it overlaps (joined, so it fails to parse, never shifts)', () => {
    const page: PdfLine[] = [
      line(1, 10, [['Name', X[0]!], ['Tier', X[1]!], ['Fico', X[2]!], ['Seatbelt', X[3]!], ['DCR', X[4]!]]),
      line(1, 30, [['Ana Lopez', X[0]!], ['812', X[2]!], ['99%', X[4]!]]), // fewer than five cells: kept from column A
      line(1, 50, [['Ben Carter', X[0]!], ['Fair', X[1]!], ['700', X[2]!], ['1.1', X[3]!], ['0.4', X[3]! + 8, 6], ['97%', X[4]!]]),
    ];
    const rows = texts({ pages: 1, lines: [page], title: '' });
    expect(rows[2]).toEqual(['Ben Carter', 'Fair', '700', '1.1 0.4', '97%']);
  });

  it('the table pages are one sheet (header repeated per page), the pages before them another', () => {
    const header = (p: number) => line(p, 10, [['Name', X[0]!], ['Tier', X[1]!], ['Fico', X[2]!], ['Seatbelt', X[3]!], ['DCR', X[4]!]]);
    const row = (p: number, y: number, n: string) => line(p, y, [[n, X[0]!], ['Great', X[1]!], ['800', X[2]!], ['0', X[3]!], ['99%', X[4]!]]);
    const t: PdfText = { pages: 3, title: '', lines: [[line(1, 10, [['Overall Standing: 79.2 | Fantastic', 10, 200]])], [header(2), row(2, 30, 'Ana')], [header(3), row(3, 30, 'Ben'), line(3, 500, [['Page 3 of 3', 300, 40]])]] };
    const { sheets, place } = pdfSheets(t);
    expect(sheets.map((s) => s.name)).toEqual(['Pages 2–3', 'Page 1']);
    expect(sheets[0]!.rows.map((r) => r.cells[0]!.text)).toEqual(['Name', 'Ana', 'Name', 'Ben', 'Page 3 of 3']);
    expect(place('Pages 2–3', 4)).toEqual({ page: 3, line: 2 });
  });
});
