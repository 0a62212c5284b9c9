import type { ReadClient, ReadDb, ReadStatement } from '../context';
import { getStation, stationToday } from '../station/station';
import type { Clock } from '../../../shared/dates';
import { addDays } from '../../../shared/station-time';
import type { LivePosition } from '../../../shared/rules/telematics';
import type { TrackPoint } from '../../../shared/contract/telematics';

/**
 * The route a van is on: a route's day ends when its van returns, not at midnight. The van's
 * launched and not yet returned route of today or yesterday comes first (a van back at 00:30 is
 * still on yesterday's route), else today's route. Older unreturned routes are left alone.
 * Parameters: @today, @yesterday.
 */
export const OPEN_ROUTE_SQL = (vanId: string) => `
  SELECT oa.route_id FROM assignments oa JOIN routes orr ON orr.id = oa.route_id
   WHERE oa.van_id = ${vanId} AND oa.date IN (@today, @yesterday) AND orr.status <> 'cancelled'
     AND (oa.date = @today OR (orr.launched_at IS NOT NULL AND orr.returned_at IS NULL))
   ORDER BY (orr.launched_at IS NOT NULL AND orr.returned_at IS NULL) DESC, oa.date DESC LIMIT 1`;

const LIVE_SQL = `
SELECT l.device_id AS deviceId, d.identifier, d.van_id AS vanId, v.name AS vanName,
       r.code AS routeCode, r.id AS routeId, r.launched_at AS launchedAt, r.returned_at AS returnedAt,
       r.planned_duration_min AS plannedDurationMin, dr.name AS driverName, d.phone_number AS phoneNumber,
       l.lat, l.lon, l.speed_kph AS speedKph, l.course, l.accuracy, l.battery, l.at, l.received_at AS receivedAt,
       l.moved_at AS movedAt, l.in_station AS inStation, l.max_speed_kph AS maxSpeedKph, l.max_speed_at AS maxSpeedAt
FROM positions_latest l
JOIN devices d ON d.id = l.device_id
LEFT JOIN vans v ON v.id = d.van_id
LEFT JOIN routes r ON r.id = (${OPEN_ROUTE_SQL('d.van_id')})
LEFT JOIN assignments ra ON ra.route_id = r.id
LEFT JOIN drivers dr ON dr.id = ra.driver_id
WHERE d.archived_at IS NULL`;

type LiveRow = Omit<LivePosition, 'inStation' | 'plannedReturnAt'> & { inStation: number; plannedDurationMin: number | null };

// Built field by field (no object spread): the live map's event runs this for every moving van
// several times a second.
function toLive(r: LiveRow): LivePosition {
  return {
    deviceId: r.deviceId,
    identifier: r.identifier,
    vanId: r.vanId,
    vanName: r.vanName,
    routeCode: r.routeCode,
    routeId: r.routeId,
    launchedAt: r.launchedAt,
    returnedAt: r.returnedAt,
    plannedReturnAt: r.launchedAt && r.plannedDurationMin != null ? new Date(Date.parse(r.launchedAt) + r.plannedDurationMin * 60_000).toISOString() : null,
    driverName: r.driverName,
    phoneNumber: r.phoneNumber,
    lat: r.lat,
    lon: r.lon,
    speedKph: r.speedKph,
    course: r.course,
    accuracy: r.accuracy,
    battery: r.battery,
    at: r.at,
    receivedAt: r.receivedAt,
    movedAt: r.movedAt,
    inStation: !!r.inStation,
    maxSpeedKph: r.maxSpeedKph,
    maxSpeedAt: r.maxSpeedAt,
  };
}

// One prepared statement per connection and shape, kept: preparing per call leaves native
// statements for the garbage collector, which does not see their memory.
// Keyed by the connection's read client (one per connection).
const statements = new WeakMap<ReadClient, { all: ReadStatement; some: ReadStatement }>();
function liveStatements(sqlite: ReadClient) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      all: sqlite.prepare(`${LIVE_SQL} ORDER BY l.device_id`),
      some: sqlite.prepare(`${LIVE_SQL} AND l.device_id IN (SELECT value FROM json_each(@ids)) ORDER BY l.device_id`),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/** Latest position of every device (or of the given device ids), with van and today's route. */
export function latestLive(db: ReadDb, clock: Clock, deviceIds?: number[]): LivePosition[] {
  const today = stationToday(db, clock);
  const days = { today, yesterday: addDays(today, -1) };
  const st = liveStatements(db.$client);
  const rows = (deviceIds ? st.some.all({ ...days, ids: JSON.stringify(deviceIds) }) : st.all.all(days)) as LiveRow[];
  return rows.map(toLive);
}

export function track(db: ReadDb, deviceId: number, from: string, to: string, limit: number): TrackPoint[] {
  return db.$client
    .prepare(
      `SELECT lat, lon, at, speed_kph AS speedKph, course FROM positions
       WHERE device_id = ? AND at >= ? AND at <= ? ORDER BY at, id LIMIT ?`,
    )
    .all(deviceId, new Date(from).toISOString(), new Date(to).toISOString(), limit) as TrackPoint[];
}

export { getStation };
