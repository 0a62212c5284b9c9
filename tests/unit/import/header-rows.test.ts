import { describe, expect, it } from 'vitest';
import { textCell } from '../../../electron/import/cells';
import type { GridRow, Sheet } from '../../../electron/import/grid';
import { findHeader, matchHeader, normalizeHeader, type ColumnSpecs } from '../../../electron/import/header';
import { IssueList } from '../../../electron/import/issues';
import { classifyRows, isLegendText, isTotalRow } from '../../../electron/import/rows';
import { readTable } from '../../../electron/import/reader';

const row = (rowNumber: number, texts: string[], formulas: Record<number, string> = {}): GridRow => ({
  rowNumber,
  cells: texts.map((t, i) => (formulas[i] ? { ...textCell(t), raw: Number(t), formula: formulas[i] } : textCell(t))),
});
const sheet = (name: string, index: number, rows: GridRow[]): Sheet => ({ name, index, rows });

const SPEC = {
  code: { label: 'Route Code', aliases: ['Route'], required: true },
  wave: { label: 'Wave', aliases: ['Wave Time'], required: true },
  pkgs: { label: 'Packages', aliases: ['Num Packages', 'Pkgs'] },
} satisfies ColumnSpecs<string>;

describe('header matching', () => {
  it('ignores case, spaces, punctuation and line breaks; keeps a punctuation-only name', () => {
    expect(normalizeHeader('ROUTE-CODE')).toBe(normalizeHeader('route_code'));
    expect(normalizeHeader('Seatbelt Off\nRate')).toBe(normalizeHeader('Seatbelt Off Rate'));
    expect(normalizeHeader('\uFEFFDelivery Associate ')).toBe('deliveryassociate');
    expect(normalizeHeader('#')).toBe('#');
  });

  it('a label beats another field’s alias; aliases in order of preference', () => {
    const spec = {
      fico: { label: 'FICO Metric', aliases: ['Fico Score'] },
      ficoPoints: { label: 'FICO Score', aliases: [] },
    } satisfies ColumnSpecs<string>;
    expect(matchHeader(['FICO Score', 'FICO Metric'], spec).columns).toEqual({ fico: 1, ficoPoints: 0 });
    expect(matchHeader(['Pkgs', 'Num Packages'], SPEC).columns).toEqual({ pkgs: 1 });
    expect(matchHeader(['Route', 'Route Code'], SPEC).columns).toEqual({ code: 1 });
  });

  it('searches every sheet within the first rows and takes the best; hidden sheets lose ties', () => {
    const a = sheet('Notes', 0, [row(1, ['Route Code', 'Comment'])]);
    const b = sheet('Solution', 1, [row(1, ['Plan']), row(2, ['DSP', 'Route Code', 'Wave', 'Num Packages'])]);
    const found = findHeader([a, b], SPEC)!;
    expect([found.sheet.name, found.row.rowNumber, found.acceptable]).toEqual(['Solution', 2, true]);
    const deep = sheet('Deep', 0, [...Array.from({ length: 31 }, (_, i) => row(i + 1, [`note ${i}`])), row(32, ['Route Code', 'Wave'])]);
    expect(findHeader([deep], SPEC)).toBeNull();
    expect(findHeader([deep], SPEC, { searchRows: 40 })!.row.rowNumber).toBe(32);
    const hidden = { ...sheet('Old', 0, [row(1, ['Route Code', 'Wave'])]), hidden: true };
    const shown = sheet('New', 1, [row(1, ['Route Code', 'Wave'])]);
    expect(findHeader([hidden, shown], SPEC)!.sheet.name).toBe('New');
  });
});

describe('row classification', () => {
  it('titles and legends above, repeated headers, totals, legends and page titles below; the rest is data', () => {
    const s = sheet('S', 0, [
      row(1, ['Day of Ops Plan DSE4']),
      row(2, ['Legend:', 'Wave = launch time']),
      row(4, ['Route Code', 'Wave', 'Packages']),
      row(5, ['CX1', '10:05', '200']),
      row(6, ['', '10:25', '']), // half empty: data, the importer says what is wrong
      row(7, ['Route code', 'WAVE', 'packages']),
      row(8, ['Fantastic: 93+', 'Great: 85+']),
      row(9, ['Page 2 of 3']),
      row(10, ['CX2', '10:25', '210']),
      row(12, ['Total', '', '410']),
      row(13, ['', '', '410'], { 2: 'SUM(C5:C10)' }),
    ]);
    const header = matchHeader(s.rows[2]!.cells.map((c) => c.text), SPEC);
    const c = classifyRows(s, 2, SPEC, header);
    expect(c.data.map((r) => r.rowNumber)).toEqual([5, 6, 10]);
    expect(c.counts).toEqual({ title: 2, legend: 2, blank: 2, repeatedHeader: 1, total: 2 });
    expect(c.skipped.map((r) => [r.rowNumber, r.kind])).toEqual([[1, 'title'], [2, 'legend'], [7, 'repeatedHeader'], [8, 'legend'], [9, 'title'], [12, 'total'], [13, 'total']]);
  });

  it('legend-like text needs words; a row total across columns is a value, a column total is a total', () => {
    expect(isLegendText('10:45')).toBe(false);
    expect(isLegendText('Fantastic')).toBe(true);
    expect(isLegendText('* values are weekly')).toBe(true);
    expect(isLegendText('CX101')).toBe(false);
    expect(isTotalRow(row(3, ['CX1', '5', '10'], { 2: 'SUM(A3:B3)' }))).toBe(false);
    expect(isTotalRow(row(3, ['', '', '10'], { 2: 'SUM($C$2:$C$40)' }))).toBe(true);
    expect(isTotalRow(row(3, ['Grand Total', '10']))).toBe(true);
    expect(isTotalRow(row(3, ['Totally New Route', '10']))).toBe(false);
  });
});

describe('reading and collecting every problem', () => {
  it('names columns as the file does, sorts by row then left to right, keeps everything', async () => {
    const t = await readTable(Buffer.from('Wave Time,Route,Pkgs,Extra\r\n25:00,CX1,-3,x\r\nbad,,7,\r\n'), { columns: SPEC });
    expect(t.ignoredColumns).toEqual([{ index: 3, letter: 'D', header: 'Extra' }]);
    const issues = t.issues();
    for (const r of t.rows) {
      if (!/^\d{1,2}:\d{2}$/.test(r.get('wave')) || Number(r.get('wave').slice(0, 2)) > 23) issues.add(r.rowNumber, 'wave', 'is not a time');
      if (Number(r.get('pkgs')) < 0) issues.push({ row: r.rowNumber, field: 'pkgs', message: 'cannot be negative' });
      if (!r.get('code')) issues.add(r.rowNumber, 'code', 'is required');
    }
    issues.add(0, 'file', 'a note about the file');
    expect(issues.size).toBe(5);
    expect(issues.countFor(3)).toBe(2);
    expect(issues.list()).toEqual([
      { row: 0, column: 'file', message: 'a note about the file' },
      { row: 2, column: 'Wave Time', message: 'is not a time' },
      { row: 2, column: 'Pkgs', message: 'cannot be negative' },
      { row: 3, column: 'Wave Time', message: 'is not a time' },
      { row: 3, column: 'Route', message: 'is required' },
    ]);
    expect(new IssueList().list()).toEqual([]);
  });

  it('summarises how the file was read for previews and --json', async () => {
    const t = await readTable(Buffer.from('Plan for DSE4\r\nRoute Code,Wave,Zone\r\nCX1,10:05,Z1\r\n'), { columns: SPEC, fileName: 'plan' });
    expect(t.summary()).toEqual({
      fileName: 'plan',
      kind: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      recognised: null,
      sheet: { name: 'CSV', index: 0, names: ['CSV'] },
      headerRow: 2,
      columns: { code: 'Route Code', wave: 'Wave' },
      absentColumns: ['Packages'],
      ignoredColumns: [{ index: 2, letter: 'C', header: 'Zone' }],
      dataRows: 1,
      skipped: { title: 1, legend: 0, blank: 0, repeatedHeader: 0, total: 0 },
      skippedRows: [{ rowNumber: 1, kind: 'title', text: 'Plan for DSE4' }],
    });
    expect(JSON.parse(JSON.stringify(t.summary()))).toEqual(t.summary());
  });
});

describe('CSV line endings', () => {
  it('a header cell broken over lines inside quotes does not decide the line ending', async () => {
    const { lineEnding } = await import('../../../electron/import/csv');
    expect(lineEnding('"Seatbelt Off\nRate",Name\r\n1,2\r\n')).toBe('\r\n');
    expect(lineEnding('a,b\n1,2\n')).toBe('\n');
    expect(lineEnding('a,b\r1,2\r')).toBe('\r');
    const t = await readTable(Buffer.from('"Route\nCode",Wave\r\nCX1,10:05\r\n"CX\r\n2",10:25\r\n'), { columns: SPEC });
    expect(t.rows.map((r) => [r.rowNumber, r.get('code')])).toEqual([[2, 'CX1'], [3, 'CX\r\n2']]);
  });
});
