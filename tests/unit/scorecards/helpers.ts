import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { call } from '../../../electron/services/dispatch';
import type { ServiceContext } from '../../../electron/services/context';

export const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/scorecards', name), 'utf8');

export const ROSTER = [
  ['A1B2C3D4E5F6G7', 'Ana Lopez'],
  ['B2C3D4E5F6G7H8', 'Ben Carter'],
  ['C3D4E5F6G7H8I9', 'Cleo Diaz'],
  ['D4E5F6G7H8I9J0', 'Dev Patel'],
  ['E5F6G7H8I9J0K1', 'Eve Novak'],
] as const;

export async function addRoster(ctx: ServiceContext): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [transporterId, name] of ROSTER) {
    const d = await call(ctx, 'roster.upsert', { transporterId, name });
    ids.set(name, d.id);
  }
  return ids;
}

/** CSV text → XLSX bytes (first sheet), as base64. */
export async function csvToXlsxBase64(csv: string): Promise<string> {
  const Papa = (await import('papaparse')).default;
  const rows = Papa.parse<string[]>(csv.trim(), { header: false }).data;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DA Current Week Performance');
  for (const r of rows) ws.addRow(r.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export function scorecardCsv(rows: { tid: string; name: string; tier?: string; dcr?: string; pod?: string; fico?: string; speeding?: string; seatbelt?: string }[]): string {
  const head = 'Name,Transporter ID,Overall Tier,Delivered,Fico Score,Seatbelt Off Rate,Speeding Event Rate,DCR,POD,DSB';
  return [head, ...rows.map((r) => [r.name, r.tid, r.tier ?? '', '1000', r.fico ?? '820', r.seatbelt ?? '0', r.speeding ?? '0', r.dcr ?? '99%', r.pod ?? '99%', '100'].join(','))].join('\n');
}
