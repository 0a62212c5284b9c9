import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { VanClass } from '../../../shared/domain';
import type { DefectSeverity, DefectStatus, DocumentKind, InspectionKind, InspectionSource } from '../../../shared/rules/fleet/maintenance';
import { drivers, vans } from './core';

// Fleet maintenance: DVIR inspections and their checklist items, defects / work orders, PM
// schedules and service records, van documents, and the log of vans released back to service.

const stamp = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const inspections = sqliteTable(
  'inspections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vanId: integer('van_id')
      .notNull()
      .references(() => vans.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<InspectionKind>().notNull(),
    /** Instant, ISO-8601 UTC. */
    at: text('at').notNull(),
    /** Station-local date of `at`. */
    date: text('date').notNull(),
    inspector: text('inspector').notNull(),
    /** The DA who did it, when the roster knows them (imports match by transporter ID or name). */
    driverId: integer('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    odometerMi: real('odometer_mi'),
    /** Null when the source gives none (Whip Around's and Amazon's DVIC exports have no pass/fail). */
    result: text('result').$type<'pass' | 'fail'>(),
    /** End instant and length, when the source tells them (imports). */
    endedAt: text('ended_at'),
    durationSec: integer('duration_sec'),
    /** Faults the source counted (Whip Around), without per-item results. */
    faults: integer('faults'),
    /** desk (the DVIR form), whip-around, dvic. */
    source: text('source').$type<InspectionSource>().notNull().default('desk'),
    /** The source's identity of the record, so a re-import adds nothing twice. */
    sourceKey: text('source_key'),
    notes: text('notes').notNull().default(''),
    createdBy: text('created_by').notNull().default(''),
    createdAt: stamp(),
  },
  (t) => [
    index('inspections_van_at_idx').on(t.vanId, t.at),
    index('inspections_date_idx').on(t.date),
    uniqueIndex('inspections_source_key_uq').on(t.sourceKey),
  ],
);

export const inspectionItems = sqliteTable(
  'inspection_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    itemCode: text('item_code').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    note: text('note').notNull().default(''),
    photoPath: text('photo_path'),
  },
  (t) => [index('inspection_items_inspection_idx').on(t.inspectionId, t.passed)],
);

/** A defect is also its work order: open → in_repair → repaired → released. */
export const defects = sqliteTable(
  'defects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vanId: integer('van_id')
      .notNull()
      .references(() => vans.id, { onDelete: 'cascade' }),
    severity: text('severity').$type<DefectSeverity>().notNull(),
    description: text('description').notNull(),
    status: text('status').$type<DefectStatus>().notNull().default('open'),
    sourceInspectionId: integer('source_inspection_id').references(() => inspections.id, { onDelete: 'set null' }),
    itemCode: text('item_code'),
    reportedAt: text('reported_at').notNull(),
    reportedBy: text('reported_by').notNull(),
    shop: text('shop'),
    expectedDate: text('expected_date'),
    repairStartedAt: text('repair_started_at'),
    repairedAt: text('repaired_at'),
    repairNote: text('repair_note'),
    cost: real('cost'),
    invoiceRef: text('invoice_ref'),
    releasedAt: text('released_at'),
    releasedBy: text('released_by'),
    releaseNote: text('release_note'),
  },
  (t) => [index('defects_status_idx').on(t.status, t.vanId), index('defects_van_idx').on(t.vanId, t.reportedAt)],
);

/** Overrides of the DOMAIN.md PM defaults, per van class and item (active=false disables one). */
export const pmSchedules = sqliteTable(
  'pm_schedules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The van class (column named before van classes; migration 0005 converted its values). */
    vanClass: text('van_type').$type<VanClass>().notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    everyMi: real('every_mi'),
    everyDays: integer('every_days'),
    safety: integer('safety', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('pm_schedules_type_code_uq').on(t.vanClass, t.code)],
);

/** Preventive maintenance done: which item, when, at what odometer. */
export const serviceRecords = sqliteTable(
  'service_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vanId: integer('van_id')
      .notNull()
      .references(() => vans.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    date: text('date').notNull(),
    odometerMi: real('odometer_mi'),
    note: text('note').notNull().default(''),
    cost: real('cost'),
    createdBy: text('created_by').notNull().default(''),
    createdAt: stamp(),
  },
  // Covering (van, item, date, odometer): readiness finds each item's last service from the index alone.
  (t) => [index('service_records_last_idx').on(t.vanId, t.code, t.date, t.odometerMi)],
);

export const vanDocuments = sqliteTable(
  'van_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vanId: integer('van_id')
      .notNull()
      .references(() => vans.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    reference: text('reference').notNull().default(''),
    expiresOn: text('expires_on'),
    note: text('note').notNull().default(''),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('van_documents_van_kind_uq').on(t.vanId, t.kind)],
);

/** Each time a van is released back into service (clears failed DVIRs before it). */
export const vanReleases = sqliteTable(
  'van_releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vanId: integer('van_id')
      .notNull()
      .references(() => vans.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    releasedBy: text('released_by').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('van_releases_van_at_idx').on(t.vanId, t.at)],
);
