import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dayFractionText, excelCell, excelDateText, kindText, numberText, serialDateText } from '../../../electron/import/cells';
import { xlsxWorkbook } from '../../../electron/import/xlsx';
import { xlsxBytes } from '../../fixtures/amazon';

describe('Excel values as text', () => {
  it('time cells, day fractions and durations', () => {
    expect(dayFractionText(0.4479166666666667)).toBe('10:45');
    expect(dayFractionText(0.4479166)).toBe('10:45'); // a fraction cut short still lands on the minute
    expect(dayFractionText(0.5 + 30 / 86400)).toBe('12:00:30');
    expect(dayFractionText(1)).toBeNull();
    expect(dayFractionText(-0.1)).toBeNull();
    expect(excelDateText(new Date(Date.UTC(1899, 11, 30, 10, 45)))).toBe('10:45');
    // A duration past a day ([h]:mm) lands on 1899-12-31.
    expect(excelDateText(new Date(Date.UTC(1899, 11, 31, 1, 30)))).toBe('25:30');
    // Float noise from the serial is rounded to the second.
    expect(excelDateText(new Date(Date.UTC(1899, 11, 30, 10, 44, 59, 999)))).toBe('10:45');
  });

  it('dates, date-times and the 1900/1904 epochs', () => {
    expect(excelDateText(new Date(Date.UTC(2026, 11, 30)))).toBe('2026-12-30');
    expect(excelDateText(new Date(Date.UTC(2026, 11, 30, 18, 15, 27)))).toBe('2026-12-30 18:15:27');
    expect(excelDateText(new Date(Date.UTC(1904, 0, 1, 10, 45)), true)).toBe('10:45');
    expect(serialDateText(46021)).toBe('2025-12-30');
    expect(serialDateText(61)).toBe('1900-03-01'); // after Excel's phantom 29 Feb 1900
    expect(serialDateText(59)).toBe('1900-02-28');
    expect(serialDateText(1)).toBe('1900-01-01');
    expect(serialDateText(44561, true)).toBe('2026-01-01'); // 46023 − 1462
    expect(serialDateText(0)).toBeNull();
  });

  it('numbers as Excel shows them, percentages from the number format', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1204)).toBe('1204');
    expect(excelCell(0.992, '0.0%', false)).toEqual({ raw: 0.992, text: '99.2%' });
    expect(excelCell(0.99234, '0.0%', false).text).toBe('99.234%'); // full precision, not the format's rounding
    expect(excelCell(0.5, '"50%" 0', false).text).toBe('0.5'); // a % inside quotes is literal text
  });

  it('formulas, rich text, hyperlinks, errors and booleans', () => {
    expect(excelCell({ formula: 'SUM(C2:C9)', result: 42 }, undefined, false)).toEqual({ raw: 42, text: '42', formula: 'SUM(C2:C9)' });
    expect(excelCell({ richText: [{ text: 'Jo' }, { text: 'sé ' }] }, undefined, false)).toEqual({ raw: 'José ', text: 'José' });
    expect(excelCell({ text: 'CX12', hyperlink: 'https://logistics.amazon.com/x' }, undefined, false).text).toBe('CX12');
    expect(excelCell({ error: '#DIV/0!' }, undefined, false)).toEqual({ raw: null, text: '#DIV/0!', error: '#DIV/0!' });
    expect(excelCell({ formula: 'A1/B1', result: { error: '#DIV/0!' } } as ExcelJS.CellValue, undefined, false).error).toBe('#DIV/0!');
    expect(excelCell(true, undefined, false).text).toBe('TRUE');
    expect(excelCell('  padded  ', undefined, false)).toEqual({ raw: '  padded  ', text: 'padded' });
  });

  it('the kind a field asks for', () => {
    expect(kindText({ raw: 0.4479166666666667, text: '0.447916666666667' }, 'time')).toBe('10:45');
    expect(kindText({ raw: '0.4479166666666667', text: '0.4479166666666667' }, 'time')).toBe('10:45');
    expect(kindText({ raw: 10.5, text: '10.5' }, 'time')).toBe('10.5'); // not a time of day: left for the parser to refuse
    expect(kindText({ raw: 46021, text: '46021' }, 'date')).toBe('2025-12-30');
    expect(kindText({ raw: 46021.75, text: '46021.75' }, 'date')).toBe('2025-12-30 18:00');
    expect(kindText({ raw: '12/30/2026', text: '12/30/2026' }, 'date')).toBe('12/30/2026');
    expect(kindText({ raw: 0.4479, text: '0.4479' }, 'text')).toBe('0.4479');
    expect(kindText({ raw: null, text: '#N/A', error: '#N/A' }, 'time')).toBe('#N/A');
  });
});

describe('XLSX workbook reading', () => {
  it('reads every sheet, blanks merged cells but the first, keeps row numbers and 1904 dates', async () => {
    const bytes = await xlsxBytes([
      { name: 'First', rows: [['only']] },
      { name: 'Second', rows: [['Merged title'], [], ['a', null, 'c'], [{ value: new Date(Date.UTC(1899, 11, 30, 10, 5)), numFmt: 'h:mm' }]], merges: ['A1:C1'] },
    ]);
    const wb = await xlsxWorkbook(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(['First', 'Second']);
    const second = wb.sheets[1]!;
    expect(second.rows.map((r) => [r.rowNumber, r.cells.map((c) => c.text)])).toEqual([
      [1, ['Merged title']],
      [3, ['a', '', 'c']],
      [4, ['10:05']],
    ]);
    expect(wb.date1904).toBe(false);

    const mac = new ExcelJS.Workbook();
    mac.properties.date1904 = true;
    mac.addWorksheet('S').addRow([new Date(Date.UTC(2026, 11, 30)), 0.25]);
    const macBook = await xlsxWorkbook(Buffer.from(await mac.xlsx.writeBuffer()));
    expect(macBook.date1904).toBe(true);
    expect(macBook.sheets[0]!.rows[0]!.cells.map((c) => c.text)).toEqual(['2026-12-30', '0.25']);
  });
});
