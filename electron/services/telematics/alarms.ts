import type { Database } from 'better-sqlite3';
import type { ReadDb, WriteContext } from '../context';
import { stationToday } from '../station/station';
import type { Clock } from '../../../shared/dates';
import { addDays } from '../../../shared/station-time';
import { OPEN_ROUTE_SQL } from './queries';
import type { DecodedPosition } from './osmand';
import { alarmKinds, alarmLabel, URGENT_ALARMS, type Alarm } from '../../../shared/rules/telematics';
import { notFound, conflict } from '../../../shared/errors';

/**
 * Alarms devices raise (`alarm=sos`, Traccar's other values). The ingest writes them inside its
 * flush transaction (machine data, like positions): one open row per device and kind — a phone
 * that repeats `alarm=sos` on every fix counts up the open row instead of adding rows. A dispatcher
 * closes it with `telematics.ackAlarm` (a write: audited with who and when).
 */

/** What the ingest raised in one flush (the `changed` event's data). */
export interface RaisedAlarm {
  alarmId: number;
  deviceId: number;
  kind: string;
  urgent: boolean;
}

const writers = new WeakMap<Database, ReturnType<typeof makeWriter>>();

function makeWriter(sqlite: Database) {
  const upsert = sqlite.prepare(
    `INSERT INTO alarms (device_id, van_id, kind, urgent, first_at, last_at, count, lat, lon, position_id)
     VALUES (@deviceId, @vanId, @kind, @urgent, @at, @at, 1, @lat, @lon, @positionId)
     ON CONFLICT(device_id, kind, open) DO UPDATE SET
       last_at = max(last_at, excluded.last_at), count = count + 1, van_id = coalesce(excluded.van_id, van_id),
       lat = coalesce(excluded.lat, lat), lon = coalesce(excluded.lon, lon), position_id = coalesce(excluded.position_id, position_id)
     RETURNING id`,
  );
  return {
    /** Raise every alarm in the fix's `alarm` attribute. `at` is when the desk received it (a phone's clock may be off). */
    raise(device: { id: number; vanId: number | null }, pos: DecodedPosition, positionId: number | null, at: string): RaisedAlarm[] {
      const kinds = alarmKinds(pos.attributes.alarm);
      return kinds.map((kind) => {
        const urgent = URGENT_ALARMS.has(kind);
        const row = upsert.get({ deviceId: device.id, vanId: device.vanId, kind, urgent: urgent ? 1 : 0, at, lat: pos.lat, lon: pos.lon, positionId }) as { id: number };
        return { alarmId: row.id, deviceId: device.id, kind, urgent };
      });
    },
  };
}

/** The alarm statements of this connection (prepared once). Call inside the caller's transaction. */
export function alarmWriter(sqlite: Database) {
  let w = writers.get(sqlite);
  if (!w) writers.set(sqlite, (w = makeWriter(sqlite)));
  return w;
}

const ALARM_SQL = `
SELECT a.id, a.device_id AS deviceId, d.identifier, a.van_id AS vanId, v.name AS vanName, r.code AS routeCode,
       a.kind, a.urgent, a.first_at AS firstAt, a.last_at AS lastAt, a.count, a.lat, a.lon,
       a.acknowledged_at AS acknowledgedAt, a.acknowledged_by AS acknowledgedBy
FROM alarms a
JOIN devices d ON d.id = a.device_id
LEFT JOIN vans v ON v.id = a.van_id
LEFT JOIN routes r ON r.id = (${OPEN_ROUTE_SQL('a.van_id')})`;

type AlarmRow = Omit<Alarm, 'urgent' | 'label'> & { urgent: number };
const toAlarm = (r: AlarmRow): Alarm => ({ ...r, urgent: !!r.urgent, label: alarmLabel(r.kind) });

/**
 * Open alarms (urgent first, newest first), or with `sinceDays` also the acknowledged ones raised in
 * the last days.
 */
export function listAlarms(db: ReadDb, clock: Clock, opts: { sinceDays?: number } = {}): Alarm[] {
  const today = stationToday(db, clock);
  const days = { today, yesterday: addDays(today, -1) };
  const where = opts.sinceDays
    ? `WHERE a.acknowledged_at IS NULL OR a.first_at >= @since`
    : `WHERE a.acknowledged_at IS NULL`;
  const since = new Date(clock.now().getTime() - (opts.sinceDays ?? 0) * 86_400_000).toISOString();
  const rows = db.$client
    .prepare(`${ALARM_SQL} ${where} ORDER BY a.acknowledged_at IS NULL DESC, a.urgent DESC, a.last_at DESC, a.id DESC LIMIT 500`)
    .all({ ...days, since }) as AlarmRow[];
  return rows.map(toAlarm);
}

/** A dispatcher acknowledges an alarm: who and when are kept on it and in the audit log. */
export function acknowledgeAlarm(w: WriteContext, input: { id: number; note?: string | undefined }): Alarm {
  const sqlite = w.db.$client;
  const before = sqlite.prepare('SELECT id, kind, acknowledged_at AS acknowledgedAt FROM alarms WHERE id = ?').get(input.id) as
    | { id: number; kind: string; acknowledgedAt: string | null }
    | undefined;
  if (!before) throw notFound('alarm', input.id);
  if (before.acknowledgedAt) throw conflict(`alarm ${input.id} was already acknowledged at ${before.acknowledgedAt}`);
  const at = w.clock.now().toISOString();
  sqlite.prepare('UPDATE alarms SET acknowledged_at = ?, acknowledged_by = ?, open = NULL WHERE id = ?').run(at, w.actor.name, input.id);
  w.audit({
    action: 'alarm.acknowledge',
    entity: 'alarm',
    entityId: input.id,
    before: { acknowledgedAt: null },
    after: { acknowledgedAt: at, acknowledgedBy: w.actor.name },
    ...(input.note ? { reason: input.note } : {}),
  });
  const row = sqlite.prepare(`${ALARM_SQL} WHERE a.id = @id`).get({ id: input.id, today: '', yesterday: '' }) as AlarmRow;
  return toAlarm(row);
}
