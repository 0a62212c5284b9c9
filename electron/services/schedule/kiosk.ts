import { eq } from 'drizzle-orm';
import { drivers } from '../../db/schema';
import type { ReadContext } from '../context';
import { getStation, stationToday } from '../station/station';
import { listCheckins } from '../board/checkins';
import { notFound } from '../../../shared/errors';
import type { KioskLookup } from '../../../shared/contract/schedule';

/** The kiosk's look-up: one active driver by transporter ID → name and today's status, nothing else. */
export function kioskLookup(ctx: ReadContext, transporterId: string): KioskLookup {
  const tid = transporterId.trim().toUpperCase();
  const d = ctx.db.select({ id: drivers.id }).from(drivers).where(eq(drivers.transporterId, tid)).get();
  const today = stationToday(ctx.db, ctx.clock);
  const entry = d ? listCheckins(ctx, today).find((e) => e.driverId === d.id) : undefined;
  // Archived, inactive and unknown drivers look the same to a kiosk: not found.
  if (!entry) throw notFound('transporter ID', tid);
  const station = getStation(ctx.db);
  return { station: station?.name ?? '', timeZone: station?.timeZone ?? 'UTC', date: today, name: entry.name, status: entry.status, checkedInAt: entry.checkedInAt, group: entry.group };
}
