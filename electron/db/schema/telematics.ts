import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { devices, vans } from './core';

// Telematics: every stored position (trail history, pruned after the retention period) and the
// latest position per device (what the live map shows), plus the per-device geofence state that
// drives return-to-station.

export const positions = sqliteTable(
  'positions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    /** Fix time reported by the device (ISO-8601 UTC). */
    at: text('at').notNull(),
    /** When the desk received it (ISO-8601 UTC). */
    receivedAt: text('received_at').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    speedKph: real('speed_kph'),
    course: real('course'),
    altitude: real('altitude'),
    accuracy: real('accuracy'),
    /** Phone/tracker battery, percent. */
    battery: real('battery'),
    valid: integer('valid', { mode: 'boolean' }).notNull().default(true),
    /**
     * The device's clock was far off (`past`: before 2000, `future`: more than a day ahead): the row is
     * kept as sent but never moves the live position, the odometer or the route's launch/return.
     */
    timeFlag: text('time_flag').$type<'past' | 'future'>(),
    /** Every other reported parameter (hdop, charge, driverUniqueId, odometer, extras…). */
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('positions_device_at_idx').on(t.deviceId, t.at)],
);

export const positionsLatest = sqliteTable('positions_latest', {
  deviceId: integer('device_id')
    .primaryKey()
    .references(() => devices.id, { onDelete: 'cascade' }),
  positionId: integer('position_id').notNull(),
  at: text('at').notNull(),
  receivedAt: text('received_at').notNull(),
  lat: real('lat').notNull(),
  lon: real('lon').notNull(),
  speedKph: real('speed_kph'),
  course: real('course'),
  accuracy: real('accuracy'),
  battery: real('battery'),
  /** Last fix at which the device was moving (speed ≥ idle threshold); idle time counts from here. */
  movedAt: text('moved_at').notNull(),
  /** Inside the station geofence at the latest fix. */
  inStation: integer('in_station', { mode: 'boolean' }).notNull().default(false),
  /** Highest speed seen today (km/h) and when, for the speeding flag. */
  maxSpeedKph: real('max_speed_kph'),
  maxSpeedAt: text('max_speed_at'),
});

/** Device ids that reported but are not registered (when unknown devices are refused). */
export const unknownDevices = sqliteTable('unknown_devices', {
  identifier: text('identifier').primaryKey(),
  firstSeenAt: text('first_seen_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
  count: integer('count').notNull().default(1),
  lastLat: real('last_lat'),
  lastLon: real('last_lon'),
  remoteAddress: text('remote_address').notNull().default(''),
});

/**
 * Alarms a device raised (`alarm=sos`, Traccar's other alarm values): one open row per device and
 * kind until a dispatcher acknowledges it (a repeat while open counts up and moves `lastAt`).
 */
export const alarms = sqliteTable(
  'alarms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    /** The van the device was linked to when it raised the alarm. */
    vanId: integer('van_id').references(() => vans.id, { onDelete: 'set null' }),
    /** Traccar's alarm value as sent (`sos`, `fallDown`, `lowBattery`…). */
    kind: text('kind').notNull(),
    /** SOS, accident and fall: a red flag and a sound until acknowledged. */
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    firstAt: text('first_at').notNull(),
    lastAt: text('last_at').notNull(),
    count: integer('count').notNull().default(1),
    /** Where (null when the device had no fix yet). */
    lat: real('lat'),
    lon: real('lon'),
    positionId: integer('position_id'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    /**
     * 1 while open, NULL once acknowledged: the unique index below then allows one open alarm per
     * device and kind and any number of acknowledged ones (NULLs are distinct in SQLite's unique
     * indexes; a partial index would do the same, but drizzle-kit cannot read one back).
     */
    open: integer('open').default(1),
  },
  (t) => [
    uniqueIndex('alarms_open_uq').on(t.deviceId, t.kind, t.open),
    index('alarms_first_at_idx').on(t.firstAt),
  ],
);
