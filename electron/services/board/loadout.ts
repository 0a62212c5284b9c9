import { twoStage, type ReadContext } from '../context';
import { deskPdf } from '../pdf';
import { dateOr, loadBoardFacts, type BoardFacts } from './facts';
import { routeView } from './view';
import { AppError } from '../../../shared/errors';
import { formatStationDateTime } from '../../../shared/station-time';
import { ruleWords } from '../../../shared/rule-words';
import type { BoardRoute, LoadoutFile, boardChannels } from '../../../shared/contract/board';

/**
 * The load-out sheet: what the dispatcher hands out at the wave — who loads which route at which
 * staging, in which van (with its expected charge and bay), with which phone, and the route's notes
 * (gate codes). It is always right: while a route's assignment breaks a hard rule (a van grounded
 * or a driver made unavailable after it was made) it refuses to print (409 naming the routes and
 * why), unless the dispatcher insists through `board.loadoutAnyway` (audited), which prints those
 * routes as "NOT READY — reassign".
 */
import { csvFile } from '../csv';

export interface LoadoutRow {
  wave: string;
  staging: string;
  route: string;
  serviceType: string;
  driver: string;
  phone: string;
  /** Helper seat, or the ride-along pairing (trainee ↔ trainer). */
  helper: string;
  van: string;
  /** "EV 94 % · bay CB-03" for electric vans (charge expected at the wave). */
  charge: string;
  device: string;
  notes: string;
  stops: string;
  packages: string;
  /** '' when ready; "NOT READY — reassign: …", "Unassigned" or "Not here yet". */
  status: string;
  notReady: boolean;
}

export interface RouteConflictSummary {
  routeId: number;
  routeCode: string;
  wave: string;
  /** The hard rules the assignment breaks, in words. */
  reasons: string[];
}

export const NOT_READY = 'NOT READY — reassign';

/** Routes whose current assignment breaks a hard rule (what keeps the load-out from printing). */
export function openConflicts(views: BoardRoute[]): RouteConflictSummary[] {
  return views
    .filter((r) => r.inConflict && r.status !== 'cancelled')
    .map((r) => ({ routeId: r.id, routeCode: r.code, wave: r.wave, reasons: r.conflicts.filter((c) => c.severity === 'hard').map((c) => `${ruleWords(c.rule)}: ${c.message}`) }));
}

const nat = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

/** The day's routes sorted by wave, then staging (natural order), then route code; with the open conflicts. */
export function loadoutRows(ctx: ReadContext, date: string): { rows: LoadoutRow[]; station: string; timeZone: string; conflicts: RouteConflictSummary[] } {
  const f = loadBoardFacts(ctx, date);
  const views = f.routes
    .filter((r) => r.status !== 'cancelled')
    .map((r) => routeView(f, r.id))
    .sort((a, b) => nat(a.wave, b.wave) || nat(a.staging, b.staging) || nat(a.code, b.code));
  const conflicts = openConflicts(views);
  const rows = views.map((r) => rowOf(f, r, views));
  const s = f.station;
  return { rows, station: s ? `${s.name} (${s.code})${s.dspCode ? ` · DSP ${s.dspCode}` : ''}` : 'Station', timeZone: s?.timeZone ?? 'UTC', conflicts };
}

const isRideAlong = (r: BoardRoute) => r.serviceTags.includes('ride-along');

/** A ride-along rides with the driving route at the same wave and staging (how the sheet pairs them). */
function partnerOf(r: BoardRoute, views: BoardRoute[]): BoardRoute | undefined {
  const ride = isRideAlong(r);
  return views.find((o) => o.id !== r.id && o.wave === r.wave && o.staging === r.staging && o.staging !== '' && isRideAlong(o) !== ride);
}

function rowOf(f: BoardFacts, r: BoardRoute, views: BoardRoute[]): LoadoutRow {
  const d = r.driver ? f.drivers.get(r.driver.id) : undefined;
  const v = r.van ? f.vans.get(r.van.id) : undefined;
  const partner = partnerOf(r, views);
  let helper = '';
  if (isRideAlong(r)) helper = partner?.driver ? `Trainer: ${partner.driver.name} (${partner.code})` : 'Ride-along: trainer to pair';
  else if (partner?.driver) helper = `Ride-along: ${partner.driver.name} (${partner.code})`;
  else if (r.serviceTags.includes('helper')) helper = 'Helper seat';
  const charge =
    v && v.waveChargePct != null ? `EV ${Math.round(v.waveChargePct)} %${v.row.chargingBay ? ` · bay ${v.row.chargingBay}` : ''}` : v?.row.chargingBay ? `bay ${v.row.chargingBay}` : '';
  const hard = r.conflicts.filter((c) => c.severity === 'hard');
  const status = r.inConflict
    ? `${NOT_READY}: ${hard.map((c) => c.message).join('; ')}`
    : !r.assignment
      ? 'Unassigned'
      : r.driverHere === false
        ? 'Not here yet'
        : '';
  return {
    wave: r.wave,
    staging: r.staging,
    route: r.code,
    serviceType: r.serviceType,
    driver: r.driver?.name ?? '— unassigned —',
    phone: d?.row.phone || d?.row.workPhone || '',
    helper,
    van: r.van?.name ?? (r.assignment && !isRideAlong(r) ? '(no van)' : ''),
    charge,
    device: r.device ? r.device.label || r.device.identifier : '',
    notes: r.notes,
    stops: r.stops == null ? '' : String(r.stops),
    packages: r.packages == null ? '' : String(r.packages),
    status,
    notReady: r.inConflict,
  };
}

const CSV_COLUMNS: [string, keyof LoadoutRow][] = [
  ['Wave', 'wave'],
  ['Staging', 'staging'],
  ['Route', 'route'],
  ['Service Type', 'serviceType'],
  ['Driver', 'driver'],
  ['Driver Phone', 'phone'],
  ['Helper / Trainer', 'helper'],
  ['Van', 'van'],
  ['EV Charge / Bay', 'charge'],
  ['Device', 'device'],
  ['Notes', 'notes'],
  ['Stops', 'stops'],
  ['Packages', 'packages'],
  ['Status', 'status'],
];

/** Columns of the PDF: [heading, share of the width, first line, second line]. */
const PDF_COLUMNS: [string, number, (r: LoadoutRow) => string, (r: LoadoutRow) => string][] = [
  ['Staging', 0.07, (r) => r.staging, () => ''],
  ['Route', 0.08, (r) => r.route, () => ''],
  ['Service type', 0.15, (r) => r.serviceType, (r) => [r.stops && `${r.stops} stops`, r.packages && `${r.packages} pkgs`].filter(Boolean).join(' · ')],
  ['Driver', 0.14, (r) => r.driver, (r) => r.phone],
  ['Helper / trainer', 0.13, (r) => r.helper, () => ''],
  ['Van', 0.13, (r) => r.van, (r) => r.charge],
  ['Device', 0.08, (r) => r.device, () => ''],
  ['Notes', 0.22, (r) => r.notes, (r) => (r.notReady ? '' : r.status)],
];

/** A printable US-letter (landscape) PDF: one page (or more) per wave, station time in the header. */
export function loadoutPdf(rows: LoadoutRow[], title: { station: string; date: string; printedAt: string }): Promise<Buffer> {
  const { doc, done } = deskPdf({ size: 'LETTER', layout: 'landscape', margins: { top: 36, bottom: 36, left: 32, right: 32 }, info: { Title: `Load-out ${title.date}` } });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const widths = PDF_COLUMNS.map(([, share]) => share * width);
  const rowH = 26;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const waves = [...new Set(rows.map((r) => r.wave))];
  let page = 0;

  const header = (wave: string, count: number, cont: boolean) => {
    if (page > 0) doc.addPage();
    page++;
    doc.font('bold').fontSize(14).fillColor('#111').text(`Load-out — ${title.date} — wave ${wave}${cont ? ' (continued)' : ''}`, left, doc.page.margins.top, { width });
    doc.font('body').fontSize(9).fillColor('#444').text(`${title.station}   ·   ${count} route${count === 1 ? '' : 's'} in this wave   ·   printed ${title.printedAt} station time   ·   page ${page}`, left, doc.y + 2, { width });
    let y = doc.y + 6;
    doc.rect(left, y, width, 16).fill('#e8ecef');
    doc.fillColor('#111').font('bold').fontSize(8.5);
    let x = left;
    PDF_COLUMNS.forEach(([h], i) => {
      doc.text(h, x + 3, y + 4, { width: widths[i]! - 6, lineBreak: false, ellipsis: true });
      x += widths[i]!;
    });
    y += 16;
    return y;
  };

  if (rows.length === 0) {
    header('—', 0, false);
    doc.font('body').fontSize(10).fillColor('#444').text('No routes for this day.', left, doc.y + 12);
  }
  // One line of a cell: clipped to its box with an ellipsis, never wrapped into the next row.
  const line = (text: string, x: number, y: number, w: number, size: number) => doc.fontSize(size).text(text, x, y, { width: w, height: size + 3, lineBreak: false, ellipsis: true });
  for (const wave of waves) {
    const inWave = rows.filter((r) => r.wave === wave);
    let y = header(wave, inWave.length, false);
    inWave.forEach((r, idx) => {
      const h = r.notReady ? rowH + 10 : rowH;
      if (y + h > bottom()) y = header(wave, inWave.length, true);
      if (r.notReady) doc.rect(left, y, width, h).fill('#fbe3e3');
      else if (idx % 2 === 1) doc.rect(left, y, width, h).fill('#f6f7f8');
      let x = left;
      PDF_COLUMNS.forEach(([, , first, second], i) => {
        const w = widths[i]! - 6;
        doc.font(i === 1 ? 'bold' : 'body').fillColor(i === 3 && r.driver.startsWith('—') ? '#a33' : '#111');
        line(first(r), x + 3, y + 3, w, 8.5);
        const two = second(r);
        if (two) {
          doc.font('body').fillColor('#555');
          line(two, x + 3, y + 14, w, 7.5);
        }
        x += widths[i]!;
      });
      if (r.notReady) {
        // Its own line across the row, so the words that matter are never cut.
        doc.font('bold').fillColor('#a00');
        line(r.status, left + 3, y + 25, width - 6, 8);
      }
      y += h;
    });
  }
  doc.end();
  return done;
}

/** Refuse while a conflict is open: 409 naming every route and why. */
export function refuseOpenConflicts(date: string, conflicts: RouteConflictSummary[]): void {
  if (conflicts.length === 0) return;
  throw new AppError(
    'CONFLICT',
    `The load-out for ${date} cannot print: ${conflicts.length} route${conflicts.length === 1 ? ' is' : 's are'} not ready — ${conflicts.map((c) => `${c.routeCode} (${c.reasons.join('; ')})`).join(', ')}. Reassign ${conflicts.length === 1 ? 'it' : 'them'} (Auto-assign offers a repair) or print anyway.`,
    { conflicts: conflicts.map((c) => ({ routeId: c.routeId, routeCode: c.routeCode, reasons: c.reasons })) },
  );
}

/** The file, or — with `anyway` (only through the audited `board.loadoutAnyway`) — the file with NOT READY rows. */
export async function buildLoadout(ctx: ReadContext, input: { date?: string | null; format: 'pdf' | 'csv' }, anyway = false): Promise<LoadoutFile & { conflicts: RouteConflictSummary[] }> {
  const date = dateOr(ctx, input.date);
  const { rows, station, timeZone, conflicts } = loadoutRows(ctx, date);
  if (!anyway) refuseOpenConflicts(date, conflicts);
  const printedAt = formatStationDateTime(ctx.clock.now(), timeZone);
  const suffix = anyway && conflicts.length > 0 ? '-NOT-READY' : '';
  if (input.format === 'csv') {
    const file = csvFile(`loadout-${date}${suffix}.csv`, CSV_COLUMNS.map(([h]) => h), rows.map((r) => CSV_COLUMNS.map(([, k]) => String(r[k]))));
    return { ...file, rows: rows.length, conflicts };
  }
  const pdf = await loadoutPdf(rows, { station, date, printedAt });
  return { fileName: `loadout-${date}${suffix}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), rows: rows.length, conflicts };
}

export async function loadoutFile(ctx: ReadContext, input: { date?: string | null; format: 'pdf' | 'csv' }): Promise<LoadoutFile> {
  const { conflicts: _none, ...file } = await buildLoadout(ctx, input);
  void _none;
  return file;
}

/**
 * `board.loadoutAnyway`: the dispatcher insists on printing while routes are in conflict. The file
 * is made first (outside the transaction); the write records who printed which not-ready routes
 * and why (one audit entry), and those routes print as "NOT READY — reassign".
 */
export const loadoutAnyway = twoStage<(typeof boardChannels)['board.loadoutAnyway'], Awaited<ReturnType<typeof buildLoadout>>>({
  prepare: (ctx, input) => buildLoadout(ctx, input, true),
  apply: (w, input, file) => {
    const date = dateOr(w, input.date);
    w.audit({
      action: 'print anyway',
      entity: 'loadout',
      entityId: date,
      after: { format: input.format, notReady: file.conflicts.map((c) => ({ routeCode: c.routeCode, reasons: c.reasons })) },
      reason: input.reason,
    });
    const { conflicts, ...rest } = file;
    return { ...rest, notReady: conflicts.map((c) => c.routeCode) };
  },
});
