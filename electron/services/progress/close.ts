import type { ReadContext, ReadDb, WriteContext } from '../context';
import { csvFile } from '../csv';
import { deskPdf } from '../pdf';
import { getStation, stationToday } from '../station/station';
import { isComplete, isNotStarted, latestSnapshot } from './snapshot';
import { formatStationDateTime, formatStationTime } from '../../../shared/station-time';
import { notFound } from '../../../shared/errors';
import type { CloseOfDay, CloseReportFile, CloseRoute } from '../../../shared/contract/progress';

/**
 * End of shift: every route of the day complete or not, RTS packages, vans back (geofence, or the
 * Cortex list's Complete when the geofence had not seen the van), post-trip DVIR, phones and keys
 * returned (ticked by the dispatcher, audited), who is still out; and the end-of-shift report.
 */

interface Row {
  routeId: number;
  routeCode: string;
  status: string;
  driverName: string | null;
  vanName: string | null;
  vanId: number | null;
  launchedAt: string | null;
  returnedAt: string | null;
  rtsPackages: number | null;
  dvirDone: number | null;
  phoneReturned: number | null;
  keysReturned: number | null;
  returnedFromSnapshot: number | null;
  progress: string | null;
  stopsDone: number | null;
  stopsAll: number | null;
  dvirOnFile: number;
}

function closeRows(db: ReadDb, date: string, routeId?: number): CloseRoute[] {
  const snap = latestSnapshot(db, date);
  const rows = db.$client
    .prepare(
      `SELECT r.id AS routeId, r.code AS routeCode, r.status, d.name AS driverName, v.name AS vanName, a.van_id AS vanId,
              r.launched_at AS launchedAt, r.returned_at AS returnedAt,
              c.rts_packages AS rtsPackages, c.dvir_done AS dvirDone, c.phone_returned AS phoneReturned, c.keys_returned AS keysReturned,
              c.returned_from_snapshot AS returnedFromSnapshot,
              p.progress, p.stops_done AS stopsDone, p.stops_all AS stopsAll,
              EXISTS (SELECT 1 FROM inspections i WHERE i.van_id = a.van_id AND i.date = r.date AND i.kind = 'post_trip') AS dvirOnFile
         FROM routes r
         LEFT JOIN assignments a ON a.route_id = r.id
         LEFT JOIN drivers d ON d.id = a.driver_id
         LEFT JOIN vans v ON v.id = a.van_id
         LEFT JOIN route_close c ON c.route_id = r.id
         LEFT JOIN progress_routes p ON p.snapshot_id = ? AND p.route_code = r.code
        WHERE r.date = ? AND r.status <> 'cancelled' ${routeId ? 'AND r.id = ?' : ''}
        ORDER BY r.code`,
    )
    .all(...[snap?.id ?? -1, date, ...(routeId ? [routeId] : [])]) as Row[];
  return rows.map((r) => ({
    routeId: r.routeId,
    routeCode: r.routeCode,
    driverName: r.driverName,
    vanName: r.vanName,
    progress: r.progress,
    complete: r.progress != null && isComplete(r.progress),
    stopsDone: r.stopsDone,
    stopsTotal: r.stopsAll,
    launchedAt: r.launchedAt,
    returnedAt: r.returnedAt,
    returnedBy: r.returnedAt ? (r.returnedFromSnapshot != null ? 'cortex' : 'geofence') : null,
    rtsPackages: r.rtsPackages,
    dvirDone: !!r.dvirDone || !!r.dvirOnFile,
    dvirOnFile: !!r.dvirOnFile,
    phoneReturned: !!r.phoneReturned,
    keysReturned: !!r.keysReturned,
    // Out: not back, and launched by the geofence or on the road by Amazon's list.
    out: !r.returnedAt && (!!r.launchedAt || (r.progress != null && !isComplete(r.progress) && !isNotStarted(r.progress))),
  }));
}

/** `close.day`. */
export function closeOfDay(ctx: ReadContext, dateIn?: string): CloseOfDay {
  const date = dateIn ?? stationToday(ctx.db, ctx.clock);
  const routes = closeRows(ctx.db, date);
  const rts = routes.filter((r) => r.rtsPackages != null);
  return {
    date,
    asOf: latestSnapshot(ctx.db, date)?.asOf ?? null,
    routes,
    totals: {
      routes: routes.length,
      complete: routes.filter((r) => r.complete).length,
      returned: routes.filter((r) => r.returnedAt).length,
      out: routes.filter((r) => r.out).length,
      rtsPackages: rts.length > 0 ? rts.reduce((s, r) => s + (r.rtsPackages ?? 0), 0) : null,
      dvirDone: routes.filter((r) => r.dvirDone).length,
      phonesReturned: routes.filter((r) => r.phoneReturned).length,
      keysReturned: routes.filter((r) => r.keysReturned).length,
    },
    stillOut: routes.filter((r) => r.out).map((r) => ({ routeCode: r.routeCode, driverName: r.driverName, vanName: r.vanName })),
  };
}

const CHECKS = ['rtsPackages', 'dvirDone', 'phoneReturned', 'keysReturned'] as const;
const COLUMN = { rtsPackages: 'rts_packages', dvirDone: 'dvir_done', phoneReturned: 'phone_returned', keysReturned: 'keys_returned' } as const;

/** `close.set`: tick or untick a route's checks, or enter its RTS packages; audited with before/after. */
export function setClose(w: WriteContext, input: { routeId: number; rtsPackages?: number | null | undefined; dvirDone?: boolean | undefined; phoneReturned?: boolean | undefined; keysReturned?: boolean | undefined }): CloseRoute {
  const sqlite = w.db.$client;
  const route = sqlite.prepare('SELECT id, date, code FROM routes WHERE id = ?').get(input.routeId) as { id: number; date: string; code: string } | undefined;
  if (!route) throw notFound('Route', input.routeId);
  const now = w.clock.now().toISOString();
  const prior = (sqlite.prepare('SELECT rts_packages AS rtsPackages, dvir_done AS dvirDone, phone_returned AS phoneReturned, keys_returned AS keysReturned FROM route_close WHERE route_id = ?').get(route.id) ?? {
    rtsPackages: null, dvirDone: 0, phoneReturned: 0, keysReturned: 0,
  }) as Record<(typeof CHECKS)[number], number | null>;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of CHECKS) {
    const v = input[k];
    if (v === undefined) continue;
    const was = k === 'rtsPackages' ? prior[k] : !!prior[k];
    if (was === v) continue;
    before[k] = was;
    after[k] = v;
  }
  if (Object.keys(after).length > 0) {
    sqlite.prepare('INSERT INTO route_close (route_id, updated_at, updated_by) VALUES (?, ?, ?) ON CONFLICT(route_id) DO NOTHING').run(route.id, now, w.actor.name);
    const sets = Object.keys(after).map((k) => `${COLUMN[k as keyof typeof COLUMN]} = ?`);
    const values = Object.values(after).map((v) => (typeof v === 'boolean' ? Number(v) : v));
    sqlite.prepare(`UPDATE route_close SET ${sets.join(', ')}, updated_at = ?, updated_by = ? WHERE route_id = ?`).run(...values, now, w.actor.name, route.id);
    w.audit({ action: 'close-of-day', entity: 'route', entityId: route.id, before, after, reason: `${route.code} on ${route.date}` });
  }
  return closeRows(w.db, route.date, route.id)[0]!;
}

const yes = (b: boolean) => (b ? 'yes' : 'no');
const REPORT_COLUMNS = ['Route', 'Driver', 'Van', 'Progress', 'Stops', 'Launched', 'Returned', 'Returned by', 'RTS packages', 'Post-trip DVIR', 'Phone back', 'Keys back'];

function reportRows(day: CloseOfDay, tz: string): (string | number | null)[][] {
  const t = (iso: string | null) => (iso ? formatStationTime(new Date(iso), tz) : '');
  return day.routes.map((r) => [
    r.routeCode,
    r.driverName ?? '',
    r.vanName ?? '',
    r.progress ?? 'no progress imported',
    r.stopsTotal != null ? `${r.stopsDone ?? 0}/${r.stopsTotal}` : '',
    t(r.launchedAt),
    r.out ? 'STILL OUT' : t(r.returnedAt),
    r.returnedBy === 'cortex' ? 'Cortex: Complete' : r.returnedBy === 'geofence' ? 'geofence' : '',
    r.rtsPackages,
    yes(r.dvirDone),
    yes(r.phoneReturned),
    yes(r.keysReturned),
  ]);
}

/** `close.report`: the end-of-shift report as CSV (the desk's CSV helper) or PDF (pdfkit, like the load-out). */
export async function closeReport(ctx: ReadContext, input: { date?: string | undefined; format: 'pdf' | 'csv' }): Promise<CloseReportFile> {
  const day = closeOfDay(ctx, input.date);
  const station = getStation(ctx.db);
  const tz = station?.timeZone ?? 'UTC';
  const rows = reportRows(day, tz);
  if (input.format === 'csv') return { ...csvFile(`end-of-shift-${day.date}.csv`, REPORT_COLUMNS, rows), rows: rows.length };
  const printedAt = formatStationDateTime(ctx.clock.now(), tz);
  const pdf = await reportPdf(day, rows, { station: station ? `${station.name} (${station.code})` : 'Station', printedAt, asOf: day.asOf ? formatStationTime(new Date(day.asOf), tz) : null });
  return { fileName: `end-of-shift-${day.date}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), rows: rows.length };
}

const WIDTHS = [0.07, 0.14, 0.08, 0.1, 0.06, 0.07, 0.08, 0.1, 0.07, 0.08, 0.07, 0.08];

function reportPdf(day: CloseOfDay, rows: (string | number | null)[][], title: { station: string; printedAt: string; asOf: string | null }): Promise<Buffer> {
  const { doc, done } = deskPdf({ size: 'LETTER', layout: 'landscape', margins: { top: 36, bottom: 36, left: 32, right: 32 }, info: { Title: `End of shift ${day.date}` } });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const widths = WIDTHS.map((s) => s * width);
  const t = day.totals;
  const cell = (text: string, x: number, y: number, w: number) => doc.text(text, x + 3, y + 4, { width: w - 6, height: 12, lineBreak: false, ellipsis: true });
  const header = () => {
    doc.font('bold').fontSize(14).fillColor('#111').text(`End of shift — ${day.date}`, left, doc.page.margins.top, { width });
    doc.font('body').fontSize(9).fillColor('#444').text(
      `${title.station} · printed ${title.printedAt} station time · progress as of ${title.asOf ?? '— (no Cortex list imported)'}`,
      left, doc.y + 2, { width },
    );
    doc.text(
      `${t.routes} routes · ${t.complete} complete · ${t.returned} back · ${t.out} still out · RTS ${t.rtsPackages ?? 'not entered'} · DVIR ${t.dvirDone}/${t.routes} · phones ${t.phonesReturned}/${t.routes} · keys ${t.keysReturned}/${t.routes}`,
      left, doc.y + 2, { width },
    );
    let y = doc.y + 6;
    doc.rect(left, y, width, 16).fill('#e8ecef');
    doc.fillColor('#111').font('bold').fontSize(8);
    let x = left;
    REPORT_COLUMNS.forEach((h, i) => {
      cell(h, x, y, widths[i]!);
      x += widths[i]!;
    });
    y += 16;
    return y;
  };
  let y = header();
  rows.forEach((r, idx) => {
    if (y + 18 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = header();
    }
    const out = r[6] === 'STILL OUT';
    if (out) doc.rect(left, y, width, 18).fill('#fbe3e3');
    else if (idx % 2 === 1) doc.rect(left, y, width, 18).fill('#f6f7f8');
    let x = left;
    r.forEach((v, i) => {
      doc.font(i === 0 || (i === 6 && out) ? 'bold' : 'body').fontSize(8).fillColor(i === 6 && out ? '#a00' : '#111');
      cell(v == null ? '' : String(v), x, y, widths[i]!);
      x += widths[i]!;
    });
    y += 18;
  });
  if (rows.length === 0) doc.font('body').fontSize(10).fillColor('#444').text('No routes for this day.', left, y + 8);
  doc.end();
  return done;
}
