import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Issue 15, the desk's side of "every change leaves the desk": the transactional outbox the capture
// triggers (electron/db/capture.ts) write in the same transaction as the change, and the one-row
// sync state they read (no row, or no epoch = this desk has never been set to push: nothing captured,
// since the first push sends a full snapshot anyway).

/** One captured change, in commit order (`seq`). Rows leave once the head office acknowledged them. */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    /** The epoch the change belongs to; a restore or an upgrade starts a new one (a fresh snapshot). */
    epoch: text('epoch').notNull(),
    /** The station code the desk pushes as (the one its push token names). */
    station: text('station').notNull(),
    /** The desk's clock when captured: information only, order is `seq`. */
    at: text('at').notNull(),
    tbl: text('tbl').notNull(),
    /** JSON array of the primary-key values, in the table's key order. */
    key: text('key').notNull(),
    /** I insert, U update, D delete, S a snapshot row, B/E the snapshot's begin and end marks. */
    op: text('op').$type<'I' | 'U' | 'D' | 'S' | 'B' | 'E'>().notNull(),
    /** JSON object of every column after the change (null for D, B, E). */
    row: text('row'),
  },
  (t) => [index('sync_outbox_epoch_idx').on(t.epoch, t.seq)],
);

/** The push state: one row (id 1). */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  epoch: text('epoch'),
  station: text('station'),
  epochStartedAt: text('epoch_started_at'),
  /** The highest position id the head office holds of this epoch (positions go in columnar batches). */
  positionsPushedTo: integer('positions_pushed_to').notNull().default(0),
  lastPushAt: text('last_push_at'),
  lastPushedSeq: integer('last_pushed_seq').notNull().default(0),
  lastError: text('last_error'),
  /**
   * Where and as whom this desk pushes (Settings → Head office). The table is never captured, so the
   * push token stays on the desk; reads answer only whether it is set (electron/headoffice/link.ts).
   */
  headOfficeUrl: text('head_office_url'),
  pushToken: text('push_token'),
  /** 1: the desk keeps capturing but does not push until resumed. */
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
});
