import { station } from '../../electron/db/schema';
import { readTable, type ColumnSpecs, type ExportId } from '../../electron/import/reader';
import type { ServiceContext } from '../../electron/services/context';
import type { TextTable } from '../fixtures/amazon';

/** A file as an import channel takes it (bytes as base64). */
export const fileIn = (fileName: string, bytes: Uint8Array) => ({ fileName, content: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const });

/** The demo's station (DSE4) with our DSP short code, in any test desk. */
export function addStation(ctx: ServiceContext, dspCode = 'ACME'): void {
  ctx.db.insert(station).values({ id: 1, name: 'DSE4 Kent Valley', code: 'DSE4', dspCode, lat: 47.40236, lon: -122.24412, timeZone: 'America/Los_Angeles' }).run();
}

/**
 * A file's table as text (header and data rows, every column, as a person reads the cells), to
 * mutate and write again: the property tests' starting point.
 */
export async function textTableOf(bytes: Uint8Array, columns: ColumnSpecs<string>, columnsByExport?: Partial<Record<ExportId, ColumnSpecs<string>>>): Promise<TextTable & { headerRow: number }> {
  const t = await readTable(bytes, { columns, columnsByExport });
  const width = t.headers.length;
  return { header: [...t.headers], rows: t.rows.map((r) => Array.from({ length: width }, (_, i) => r.cells[i]?.text ?? '')), headerRow: t.headerRow };
}

/**
 * An import answer without how the file was read, with row numbers moved by `offset` (rows the
 * mutated file has above the same data), so two reads of the same data compare equal.
 */
export function planOf<T extends { read: unknown }>(result: T, offset: number): Omit<T, 'read'> {
  const { read: _read, ...rest } = result;
  const shift = (n: number) => (n > 0 ? n - offset : n);
  return JSON.parse(
    JSON.stringify(rest, (k, v) => {
      if (k === 'row' && typeof v === 'number') return shift(v);
      if (k === 'message' && typeof v === 'string') return v.replace(/\b(rows?|in row) ((?:\d+(?:, )?)+)/g, (_m, w: string, list: string) => `${w} ${list.split(', ').map((x) => String(shift(Number(x)))).join(', ')}`);
      return v;
    }),
  ) as Omit<T, 'read'>;
}
