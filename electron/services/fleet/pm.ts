import { and, eq, sql } from 'drizzle-orm';
import { pmSchedules, serviceRecords, vans } from '../../db/schema';
import type { HandlersFor, ReadContext, ReadDb } from '../context';
import { stationToday } from '../station/station';
import { effectiveSchedules, loadFleetSettings, vanPm } from './readiness';
import { activeVan } from './vans';
import { AppError } from '../../../shared/errors';
import { addDays } from '../../../shared/station-time';
import { pmForecastDate } from '../../../shared/rules/fleet/evaluate';
import { pmClassOf } from '../../../shared/rules/fleet/classes';
import type { PmForecastItem, PmItem, PmReport, fleetChannels } from '../../../shared/contract/fleet';

/** Preventive maintenance: what is due and forecast, service records, and the PM schedule per van class. */

/** Miles per day per van from its odometer readings over the last 28 days. */
function milesPerDay(db: ReadDb, date: string): Map<number, number> {
  const rows = db.$client
    .prepare(
      `SELECT van_id AS vanId, MIN(odometer_mi) AS lo, MAX(odometer_mi) AS hi, MIN(date) AS d0, MAX(date) AS d1
         FROM inspections WHERE date >= ? AND date <= ? AND odometer_mi IS NOT NULL GROUP BY van_id`,
    )
    .all(addDays(date, -28), date) as { vanId: number; lo: number; hi: number; d0: string; d1: string }[];
  const out = new Map<number, number>();
  for (const r of rows) {
    const days = Math.round((Date.parse(r.d1) - Date.parse(r.d0)) / 86_400_000);
    if (days >= 3 && r.hi > r.lo) out.set(r.vanId, (r.hi - r.lo) / days);
  }
  return out;
}

export function pmReport(ctx: ReadContext, input: { date?: string; vanId?: number; days: number }): PmReport {
  const date = input.date ?? stationToday(ctx.db, ctx.clock);
  const until = addDays(date, input.days);
  const settings = loadFleetSettings(ctx.db);
  const schedules = effectiveSchedules(ctx.db).filter((s) => s.active);
  const vanRows = ctx.db
    .select({ id: vans.id, name: vans.name, vanClass: vans.vanClass, electric: vans.electric, odometerMi: vans.odometerMi })
    .from(vans)
    .where(and(sql`${vans.archivedAt} IS NULL`, input.vanId ? eq(vans.id, input.vanId) : undefined))
    .orderBy(vans.name)
    .all();
  const last = new Map<string, { date: string; odometerMi: number | null }>();
  for (const r of ctx.db.$client
    .prepare(`SELECT van_id AS vanId, code, date, odometer_mi AS odometerMi FROM service_records WHERE date <= ? ORDER BY van_id, code, date, odometer_mi`)
    .all(date) as { vanId: number; code: string; date: string; odometerMi: number | null }[]) {
    last.set(`${r.vanId}|${r.code}`, r);
  }
  const mpd = milesPerDay(ctx.db, date);
  const due: PmItem[] = [];
  const forecast: PmForecastItem[] = [];
  for (const v of vanRows) {
    const pmClass = pmClassOf(v);
    const pm = vanPm(v, schedules.filter((s) => s.vanClass === pmClass), (code) => last.get(`${v.id}|${code}`), date, settings);
    const perDay = mpd.get(v.id) ?? settings.avgDailyMi;
    for (const p of pm) {
      const item: PmItem = { ...p, vanId: v.id, vanName: v.name, vanClass: v.vanClass, odometerMi: v.odometerMi };
      if (p.state === 'due' || p.state === 'overdue') due.push(item);
      const when = pmForecastDate(p, date, perDay);
      if (when && when <= until) forecast.push({ ...item, forecastDate: when < date ? date : when, milesPerDay: Math.round(perDay) });
    }
  }
  const rank = { overdue: 0, due: 1, ok: 2, unknown: 3 } as const;
  due.sort((a, b) => rank[a.state] - rank[b.state] || Number(b.safety) - Number(a.safety) || a.vanName.localeCompare(b.vanName));
  forecast.sort((a, b) => rank[a.state] - rank[b.state] || a.forecastDate.localeCompare(b.forecastDate) || a.vanName.localeCompare(b.vanName));
  return { date, due, forecast, forecastUntil: until };
}

export const pmHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.pm' | 'fleet.recordService' | 'fleet.pmSchedules' | 'fleet.setPmSchedule'> = {
  'fleet.pm': (ctx, input) => pmReport(ctx, input),
  'fleet.recordService': (w, input) => {
    const van = activeVan(w.db, input.vanId);
    const row = w.db
      .insert(serviceRecords)
      .values({ ...input, odometerMi: input.odometerMi ?? null, cost: input.cost ?? null, createdBy: w.actor.name })
      .returning()
      .get();
    w.audit({ action: 'service', entity: 'service_record', entityId: row.id, after: row });
    if (input.odometerMi != null && input.odometerMi > van.odometerMi) {
      w.db.update(vans).set({ odometerMi: input.odometerMi, updatedAt: w.clock.now().toISOString() }).where(eq(vans.id, van.id)).run();
    }
    return row;
  },
  'fleet.pmSchedules': (ctx) => effectiveSchedules(ctx.db),
  'fleet.setPmSchedule': (w, input) => {
    if (input.everyMi == null && input.everyDays == null) {
      throw new AppError('VALIDATION', 'A PM item needs miles, days or both', {
        issues: [
          { path: 'everyMi', message: 'give miles or days' },
          { path: 'everyDays', message: 'give miles or days' },
        ],
      });
    }
    const before = effectiveSchedules(w.db).find((s) => s.vanClass === input.vanClass && s.code === input.code) ?? null;
    w.db
      .insert(pmSchedules)
      .values(input)
      .onConflictDoUpdate({ target: [pmSchedules.vanClass, pmSchedules.code], set: { ...input } })
      .run();
    w.audit({ action: 'update', entity: 'pm_schedule', entityId: `${input.vanClass}:${input.code}`, before, after: input });
    return { ...input };
  },
};
