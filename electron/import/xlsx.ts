import ExcelJS from 'exceljs';
import { EMPTY_CELL, excelCell, type Cell } from './cells';
import type { GridRow, Sheet } from './grid';

export interface Workbook {
  sheets: Sheet[];
  /** Mac workbooks count days from 1904: serial numbers read differently. */
  date1904: boolean;
}

/** Parts of a worksheet the reader never looks at: skipping them makes loading cheaper. */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture', 'pageSetup', 'headerFooter', 'printOptions', 'rowBreaks', 'pageMargins', 'sheetProtection', 'autoFilter', 'tableParts'];

/**
 * XLSX bytes → one sheet per worksheet, with typed cells (see cells.ts). Cells covered by a merge
 * other than its top-left one read empty: a merged title is one title, not twenty.
 */
export async function xlsxWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types want a Node Buffer; a view over the same memory avoids a copy.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await wb.xlsx.load(buf as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES } as object);
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  const sheets = wb.worksheets.map((ws, index): Sheet => {
    const rows: GridRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      let any = false;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const c = excelCell(cell.value, cell.numFmt, date1904);
        if (c === EMPTY_CELL) return;
        cells[col - 1] = c;
        any = true;
      });
      if (!any) return;
      for (let i = 0; i < cells.length; i++) if (!cells[i]) cells[i] = EMPTY_CELL;
      rows.push({ rowNumber, cells });
    });
    return { name: ws.name, index, rows, hidden: ws.state !== undefined && ws.state !== 'visible' };
  });
  return { sheets, date1904 };
}
