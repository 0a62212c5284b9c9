import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type {
  DayStatus,
  DeviceKind,
  DriverStatus,
  OwnershipType,
  Qualification,
  RouteStatus,
  VanClass,
  VanStatus,
} from '../../../shared/domain';

// Foundation tables: the station, its people, vans, devices, the day's routes and who drives them.
// Later areas add their own schema files (fleet maintenance, telematics, scorecards) and migrations.

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
const updatedAt = () => text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const station = sqliteTable('station', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  code: text('code').notNull(),
  dspCode: text('dsp_code').notNull().default(''),
  lat: real('lat').notNull(),
  lon: real('lon').notNull(),
  timeZone: text('time_zone').notNull(),
  geofenceM: integer('geofence_m').notNull().default(300),
  address: text('address').notNull().default(''),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
});

export const drivers = sqliteTable(
  'drivers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transporterId: text('transporter_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    workPhone: text('work_phone').notNull().default(''),
    email: text('email').notNull().default(''),
    licenceNumber: text('licence_number').notNull().default(''),
    licenceExpiry: text('licence_expiry'),
    dotMedicalExpiry: text('dot_medical_expiry'),
    hireDate: text('hire_date'),
    status: text('status').$type<DriverStatus>().notNull().default('active'),
    position: text('position').notNull().default('Delivery Associate'),
    qualifications: text('qualifications', { mode: 'json' }).$type<Qualification[]>().notNull().default(sql`'[]'`),
    usualVanId: integer('usual_van_id').references(() => vans.id, { onDelete: 'set null' }),
    notes: text('notes').notNull().default(''),
    archivedAt: text('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('drivers_transporter_id_uq').on(t.transporterId), index('drivers_name_idx').on(t.name)],
);

export const driverDays = sqliteTable(
  'driver_days',
  {
    driverId: integer('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    status: text('status').$type<DayStatus>().notNull().default('scheduled'),
    checkedInAt: text('checked_in_at'),
    /** The reason of a call-out, no-show or late arrival (or any note on the day). */
    note: text('note').notNull().default(''),
    /** When the status was recorded (the server's clock): a call-out's or no-show's time. */
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.driverId, t.date] }), index('driver_days_date_idx').on(t.date)],
);

export const vans = sqliteTable(
  'vans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    vin: text('vin').notNull(),
    plate: text('plate').notNull().default(''),
    plateState: text('plate_state').notNull().default(''),
    make: text('make').notNull().default(''),
    model: text('model').notNull().default(''),
    /** Amazon's sub-model in full ("3500 159 WB 3dr High Roof Extended Cargo Van"). */
    subModel: text('sub_model').notNull().default(''),
    year: integer('year'),
    vanClass: text('van_class').$type<VanClass>().notNull().default('standard_cargo'),
    electric: integer('electric', { mode: 'boolean' }).notNull().default(false),
    ownership: text('ownership').$type<OwnershipType>().notNull().default('owned'),
    /** Rental company or lessor (Amazon's `vehicleProvider`). */
    provider: text('provider').notNull().default(''),
    /** Rental return / lease end. */
    ownershipEndDate: text('ownership_end_date'),
    odometerMi: real('odometer_mi').notNull().default(0),
    status: text('status').$type<VanStatus>().notNull().default('in_service'),
    statusReason: text('status_reason').notNull().default(''),
    usableRangeMi: real('usable_range_mi'),
    stateOfChargePct: real('state_of_charge_pct'),
    chargingBay: text('charging_bay').notNull().default(''),
    notes: text('notes').notNull().default(''),
    archivedAt: text('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('vans_vin_uq').on(t.vin), index('vans_name_idx').on(t.name)],
);

export const devices = sqliteTable(
  'devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The id the phone or tracker reports (OsmAnd `id` / Traccar `device_id`). */
    identifier: text('identifier').notNull(),
    kind: text('kind').$type<DeviceKind>().notNull().default('phone'),
    label: text('label').notNull().default(''),
    phoneNumber: text('phone_number').notNull().default(''),
    vanId: integer('van_id').references(() => vans.id, { onDelete: 'set null' }),
    lastSeenAt: text('last_seen_at'),
    /** Battery (percent) of the device's last message, with or without a fix. */
    battery: real('battery'),
    /** Its `odometer` is the van's odometer (a tracker wired to the van); a phone's never is. */
    odometerSource: integer('odometer_source', { mode: 'boolean' }).notNull().default(false),
    archivedAt: text('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('devices_identifier_uq').on(t.identifier), index('devices_van_idx').on(t.vanId)],
);

export const routes = sqliteTable(
  'routes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    code: text('code').notNull(),
    wave: text('wave').notNull(),
    staging: text('staging').notNull().default(''),
    serviceType: text('service_type').notNull(),
    plannedDurationMin: integer('planned_duration_min').notNull(),
    /** No duration on the sheet: the service type's default stands in until Amazon's (a progress import) fills it. */
    durationDefaulted: integer('duration_defaulted', { mode: 'boolean' }).notNull().default(false),
    stops: integer('stops'),
    packages: integer('packages'),
    /** Amazon's Day of Ops "Num Zones". */
    zones: integer('zones'),
    plannedDistanceMi: real('planned_distance_mi'),
    /** The sheet's own van type column as written (read by the service-type rules); null when absent. */
    vanType: text('van_type'),
    notes: text('notes').notNull().default(''),
    status: text('status').$type<RouteStatus>().notNull().default('planned'),
    launchedAt: text('launched_at'),
    returnedAt: text('returned_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('routes_date_code_uq').on(t.date, t.code), index('routes_date_idx').on(t.date)],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    routeId: integer('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    /** Copied from the route so "one route per driver/van per day" is a database constraint. */
    date: text('date').notNull(),
    driverId: integer('driver_id')
      .notNull()
      .references(() => drivers.id),
    vanId: integer('van_id').references(() => vans.id),
    deviceId: integer('device_id').references(() => devices.id),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: text('assigned_at').notNull(),
    overrideReason: text('override_reason'),
  },
  (t) => [
    uniqueIndex('assignments_route_uq').on(t.routeId),
    uniqueIndex('assignments_driver_day_uq').on(t.date, t.driverId),
    uniqueIndex('assignments_van_day_uq').on(t.date, t.vanId),
    index('assignments_driver_idx').on(t.driverId),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    reason: text('reason'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)],
);

/**
 * The further things one audited call changed (a swap's second route, an import's drivers, the
 * defects a van release closed): one line each under the call's single `audit_log` row, so the
 * log holds one entry per call and each thing's history still shows its own before/after.
 */
export const auditChanges = sqliteTable(
  'audit_changes',
  {
    auditId: integer('audit_id')
      .notNull()
      .references(() => auditLog.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    /** Why this thing changed, when it differs from the entry's reason (e.g. one route's override). */
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.seq] }), index('audit_changes_entity_idx').on(t.entity, t.entityId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role').$type<'desk' | 'owner' | 'kiosk'>().notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.hash), index('api_tokens_name_idx').on(t.name)],
);
