import { eq } from 'drizzle-orm';
import { station as stationTable } from '../../db/schema';
import type { ReadDb } from '../context';
import type { Station } from '../../../shared/contract/station';
import type { Clock } from '../../../shared/dates';
import { stationDate } from '../../../shared/station-time';

export function getStation(db: ReadDb): Station | null {
  return db.select().from(stationTable).where(eq(stationTable.id, 1)).get() ?? null;
}

/** The station's time zone (UTC before a station exists). */
export const stationTimeZone = (db: ReadDb): string => getStation(db)?.timeZone ?? 'UTC';

/** Today's date at the station (falls back to UTC before a station exists). */
export function stationToday(db: ReadDb, clock: Clock): string {
  return stationDate(clock.now(), stationTimeZone(db));
}
