import type { ReadDb } from '../context';
import { getStation, stationToday } from '../station/station';
import type { Clock } from '../../../shared/dates';
import { waveMinutes } from '../../../shared/rules/telematics';
import type { SimDevice } from './simulator';

/**
 * Devices to simulate from a station database: the phones of vans on today's routes, leaving in
 * wave order (wave k departs k × waveGapS seconds after the start), then other linked devices.
 */
export function devicesFromDb(db: ReadDb, clock: Clock, max: number, waveGapS = 20): { station: { lat: number; lon: number } | null; devices: SimDevice[] } {
  const s = getStation(db);
  const today = stationToday(db, clock);
  const rows = db.$client
    .prepare(
      `SELECT d.identifier, r.wave FROM devices d
       JOIN vans v ON v.id = d.van_id
       LEFT JOIN assignments a ON a.van_id = v.id AND a.date = ?
       LEFT JOIN routes r ON r.id = a.route_id
       WHERE d.archived_at IS NULL AND d.kind = 'phone'
       ORDER BY (r.id IS NULL), r.wave, d.identifier`,
    )
    .all(today) as { identifier: string; wave: string | null }[];
  const waves = [...new Set(rows.map((r) => r.wave).filter((w): w is string => !!w))].sort(
    (a, b) => (waveMinutes(a) ?? 0) - (waveMinutes(b) ?? 0),
  );
  const devices = rows.slice(0, max).map((r, i) => ({
    identifier: r.identifier,
    departS: (r.wave ? waves.indexOf(r.wave) : waves.length) * waveGapS + (i % 9),
  }));
  return { station: s ? { lat: s.lat, lon: s.lon } : null, devices };
}
