import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { drivers, routes } from './core';

// On the road (issue 14): Amazon's Cortex route list taken during the day (each import a snapshot,
// history kept, the latest wins), rescues, and the close of the day's checks per route.

/** One import of the Cortex route list: when Amazon took it (`asOf`) and what it held. */
export const progressSnapshots = sqliteTable(
  'progress_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    /** When the list was taken (ISO UTC): the file name's time in its zone, else the importer's `at`. */
    asOf: text('as_of').notNull(),
    fileName: text('file_name').notNull(),
    /** How the as-of time was found: `file-name` or `given`. */
    asOfFrom: text('as_of_from').$type<'file-name' | 'given'>().notNull(),
    routes: integer('routes').notNull(),
    skippedOtherDsp: integer('skipped_other_dsp').notNull().default(0),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [index('progress_snapshots_date_idx').on(t.date, t.asOf)],
);

/** One of our routes in a snapshot, as Amazon had it. */
export const progressRoutes = sqliteTable(
  'progress_routes',
  {
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => progressSnapshots.id, { onDelete: 'cascade' }),
    routeCode: text('route_code').notNull(),
    /** The desk's route of that code on the date (null: not on the desk). */
    routeId: integer('route_id').references(() => routes.id, { onDelete: 'set null' }),
    /** The first transporter ID's driver on the roster (null: not on the roster). */
    driverId: integer('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    /** Driver first, then helpers or rescuers, as in the file. */
    transporterIds: text('transporter_ids', { mode: 'json' }).$type<string[]>().notNull(),
    driverNames: text('driver_names', { mode: 'json' }).$type<string[]>().notNull(),
    progress: text('progress').notNull().default(''),
    serviceType: text('service_type').notNull().default(''),
    durationMin: integer('duration_min'),
    stopsAll: integer('stops_all'),
    stopsDone: integer('stops_done'),
    stopsNotStarted: integer('stops_not_started'),
    row: integer('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.routeCode] }), index('progress_routes_route_idx').on(t.routeId)],
);

/** A rescue: stops of one driver's route handed to another driver. */
export const rescues = sqliteTable(
  'rescues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    routeId: integer('route_id').references(() => routes.id, { onDelete: 'set null' }),
    routeCode: text('route_code').notNull(),
    fromDriverId: integer('from_driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    toDriverId: integer('to_driver_id')
      .notNull()
      .references(() => drivers.id),
    /** Stops handed over (null: not known, e.g. seen only in the Cortex list). */
    stops: integer('stops'),
    /** When it was sent (ISO UTC); for one seen in the list, the list's as-of time. */
    at: text('at').notNull(),
    /** `manual`: recorded by a dispatcher; `cortex`: a second transporter ID in the route list. */
    source: text('source').$type<'manual' | 'cortex'>().notNull(),
    snapshotId: integer('snapshot_id').references(() => progressSnapshots.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [uniqueIndex('rescues_day_route_to_uq').on(t.date, t.routeCode, t.toDriverId), index('rescues_date_idx').on(t.date)],
);

/** The close of a route's day: what the dispatcher ticked and the RTS count. No row = nothing ticked yet. */
export const routeClose = sqliteTable('route_close', {
  routeId: integer('route_id')
    .primaryKey()
    .references(() => routes.id, { onDelete: 'cascade' }),
  /** Packages returned to station (null: not entered). */
  rtsPackages: integer('rts_packages'),
  dvirDone: integer('dvir_done', { mode: 'boolean' }).notNull().default(false),
  phoneReturned: integer('phone_returned', { mode: 'boolean' }).notNull().default(false),
  keysReturned: integer('keys_returned', { mode: 'boolean' }).notNull().default(false),
  /** The route was marked returned by a progress import (Cortex said Complete before the geofence saw the van). */
  returnedFromSnapshot: integer('returned_from_snapshot').references(() => progressSnapshots.id, { onDelete: 'set null' }),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
