import { eq } from 'drizzle-orm';
import { station as stationTable } from '../../db/schema';
import type { Db } from '../../db/open';
import type { Station } from '../../../shared/contract/station';
import { type Clock } from '../../../shared/dates';
import { stationDate } from '../../../shared/station-time';

export function getStation(db: Db): Station | null {
  return db.select().from(stationTable).where(eq(stationTable.id, 1)).get() ?? null;
}

/** Today's date at the station (falls back to UTC before a station exists). */
export function stationToday(db: Db, clock: Clock): string {
  const s = getStation(db);
  return stationDate(clock.now(), s?.timeZone ?? 'UTC');
}
