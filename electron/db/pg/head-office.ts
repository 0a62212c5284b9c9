import { bigint, boolean, pgTable, text, uniqueIndex, serial } from 'drizzle-orm/pg-core';

// The head office's own tables (not station data): the stations that push and their push state, and
// the tokens that may push (role station, one station each) or read (role owner).

export const hoStations = pgTable('ho_stations', {
  code: text('code').primaryKey(),
  name: text('name').notNull().default(''),
  /** The epoch being received; a new one replaces the station's rows with its snapshot. */
  epoch: text('epoch'),
  /** The last sequence number applied of `epoch`. */
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  /** False between a snapshot's begin and end marks: the station's numbers are not whole yet. */
  snapshotComplete: boolean('snapshot_complete').notNull().default(false),
  /** The highest position id held of this epoch. */
  positionsTo: bigint('positions_to', { mode: 'number' }).notNull().default(0),
  lastPushAt: text('last_push_at'),
  /** What the desk said it still had to send after its last push. */
  pending: bigint('pending', { mode: 'number' }).notNull().default(0),
});

export const hoTokens = pgTable(
  'ho_tokens',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').$type<'station' | 'owner'>().notNull(),
    /** The station a station token pushes as (its name). */
    station: text('station'),
    /** SHA-256 of the token; the token itself is shown once. */
    hash: text('hash').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('ho_tokens_hash_uq').on(t.hash)],
);
