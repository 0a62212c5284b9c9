import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { ReadContext } from '../context';
import { loadBoardFacts } from './facts';
import { dateOr } from './facts';
import { routeView } from './view';
import type { LoadoutFile } from '../../../shared/contract/board';
import { csvFile } from '../csv';

export interface LoadoutRow {
  wave: string;
  staging: string;
  route: string;
  serviceType: string;
  driver: string;
  van: string;
  device: string;
  stops: string;
  packages: string;
}

/** The day's routes sorted by wave, then staging (natural order), then route code. */
export function loadoutRows(ctx: ReadContext, date: string): { rows: LoadoutRow[]; station: string } {
  const f = loadBoardFacts(ctx, date);
  const nat = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  const rows = f.routes
    .filter((r) => r.status !== 'cancelled')
    .map((r) => routeView(f, r.id))
    .sort((a, b) => nat(a.wave, b.wave) || nat(a.staging, b.staging) || nat(a.code, b.code))
    .map((r) => ({
      wave: r.wave,
      staging: r.staging,
      route: r.code,
      serviceType: r.serviceType,
      driver: r.driver?.name ?? '— unassigned —',
      van: r.van?.name ?? (r.assignment ? '(no van)' : ''),
      device: r.device ? r.device.label || r.device.identifier : '',
      stops: r.stops == null ? '' : String(r.stops),
      packages: r.packages == null ? '' : String(r.packages),
    }));
  const s = f.station;
  return { rows, station: s ? `${s.name} (${s.code})${s.dspCode ? ` · DSP ${s.dspCode}` : ''}` : 'Station' };
}

const HEAD = ['Wave', 'Staging', 'Route', 'Driver', 'Van', 'Device', 'Stops', 'Pkgs'];
const KEYS: (keyof LoadoutRow)[] = ['wave', 'staging', 'route', 'driver', 'van', 'device', 'stops', 'packages'];

const CSV_HEAD = ['Wave', 'Staging', 'Route', 'Service Type', 'Driver', 'Van', 'Device', 'Stops', 'Packages'];
const CSV_KEYS: (keyof LoadoutRow)[] = ['wave', 'staging', 'route', 'serviceType', 'driver', 'van', 'device', 'stops', 'packages'];

function fontPath(name: string): string {
  const candidates = [path.resolve(process.cwd(), 'assets/fonts', name), path.resolve(process.resourcesPath ?? '', 'assets/fonts', name)];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0]!;
}

/** A printable US-letter PDF: header with station/date, one table sorted by wave then staging. */
export function loadoutPdf(rows: LoadoutRow[], title: { station: string; date: string; printedAt: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margins: { top: 40, bottom: 40, left: 36, right: 36 }, info: { Title: `Load-out ${title.date}`, Author: 'Dispatch Desk' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', fontPath('DejaVuSans.ttf'));
    doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'));

    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    // Column widths (points), sum = width.
    const frac = [0.07, 0.1, 0.09, 0.27, 0.16, 0.15, 0.07, 0.09];
    const widths = frac.map((x) => x * width);
    const rowH = 16;
    const bottom = () => doc.page.height - doc.page.margins.bottom - 14;
    let page = 1;

    const header = () => {
      doc.font('bold').fontSize(14).fillColor('#111').text(`Load-out sheet — ${title.date}`, left, doc.page.margins.top, { width });
      doc.font('body').fontSize(9).fillColor('#444').text(`${title.station}   ·   ${rows.length} routes   ·   printed ${title.printedAt}   ·   page ${page}`, left, doc.y + 2, { width });
      let y = doc.y + 8;
      doc.rect(left, y, width, rowH).fill('#e8ecef');
      doc.fillColor('#111').font('bold').fontSize(9);
      let x = left;
      HEAD.forEach((h, i) => {
        doc.text(h, x + 3, y + 4, { width: widths[i]! - 6, lineBreak: false, ellipsis: true });
        x += widths[i]!;
      });
      y += rowH;
      return y;
    };

    let y = header();
    let lastWave = '';
    rows.forEach((r, idx) => {
      if (y + rowH > bottom()) {
        doc.addPage();
        page++;
        y = header();
        lastWave = '';
      }
      if (r.wave !== lastWave && idx > 0 && lastWave !== '') {
        doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1).strokeColor('#777').stroke();
      }
      lastWave = r.wave;
      if (idx % 2 === 1) doc.rect(left, y, width, rowH).fill('#f6f7f8');
      doc.fillColor(r.driver.startsWith('—') ? '#a33' : '#111').font('body').fontSize(9);
      let x = left;
      KEYS.forEach((k, i) => {
        doc.text(r[k], x + 3, y + 4, { width: widths[i]! - 6, lineBreak: false, ellipsis: true, align: i >= 6 ? 'right' : 'left' });
        x += widths[i]!;
      });
      y += rowH;
    });
    if (rows.length === 0) doc.font('body').fontSize(10).fillColor('#444').text('No routes for this day.', left, y + 8);
    doc.end();
  });
}

export async function loadoutFile(ctx: ReadContext, input: { date?: string | null; format: 'pdf' | 'csv' }): Promise<LoadoutFile> {
  const date = dateOr(ctx, input.date);
  const { rows, station } = loadoutRows(ctx, date);
  if (input.format === 'csv') {
    return { ...csvFile(`loadout-${date}.csv`, CSV_HEAD, rows.map((r) => CSV_KEYS.map((k) => r[k]))), rows: rows.length };
  }
  const printedAt = ctx.clock.now().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const pdf = await loadoutPdf(rows, { station, date, printedAt });
  return { fileName: `loadout-${date}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), rows: rows.length };
}
