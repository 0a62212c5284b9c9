import type pg from 'pg';
import { openDatabase, type OpenedDb } from '../db/open';
import { mirrorTables, STATION_COLUMN } from '../db/pg/mirror';
import type { ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import type { Clock } from '../../shared/dates';
import { AppError, type Result } from '../../shared/errors';
import { EventBus } from '../../shared/events';

/**
 * How the head office answers the desk's read channels for a station (issue 15): the desk's own
 * service handlers, run on a SQLite copy of that station materialised from PostgreSQL. The same code
 * on the same rows gives the same numbers, so what the head office shows for a station is what the
 * station's desk shows (tests/headoffice/reads.test.ts proves it channel by channel). A copy is
 * rebuilt when the station's pushed state (epoch, sequence, positions) moved since it was made; a
 * station whose snapshot is still arriving is refused rather than shown half.
 */

/** The read channels the head-office console offers, per station or for all stations. */
export const HEAD_OFFICE_CHANNELS = [
  'standup.summary',
  'scorecards.weeks',
  'scorecards.week',
  'scorecards.atRisk',
  'coaching.list',
  'incidents.list',
  'fleet.readiness',
  'fleet.list',
  'roster.list',
] as const;
export type HeadOfficeChannel = (typeof HEAD_OFFICE_CHANNELS)[number];
export const isHeadOfficeChannel = (name: string): name is HeadOfficeChannel => (HEAD_OFFICE_CHANNELS as readonly string[]).includes(name);

interface Copy {
  version: string;
  opened: OpenedDb;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class StationReplicas {
  private copies = new Map<string, Copy>();
  private building = new Map<string, Promise<Copy>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {}

  /** A SQLite copy of one station, current with what the head office holds. */
  private async copyOf(station: string): Promise<OpenedDb> {
    const s = (await this.pool.query(`SELECT epoch, last_seq, positions_to, snapshot_complete FROM ho_stations WHERE code = $1`, [station])).rows[0];
    if (!s) throw new AppError('NOT_FOUND', `The head office has never heard from station ${station}`);
    if (!s.snapshot_complete) throw new AppError('UNAVAILABLE', `Station ${station}'s copy is still arriving; its numbers are shown once it is whole`);
    const version = `${s.epoch}/${s.last_seq}/${s.positions_to}`;
    const have = this.copies.get(station);
    if (have?.version === version) return have.opened;
    let pending = this.building.get(station);
    if (!pending) {
      pending = this.build(station, version).finally(() => this.building.delete(station));
      this.building.set(station, pending);
    }
    const made = await pending;
    if (made.version === version || !this.copies.has(station)) {
      this.copies.get(station)?.opened.close();
      this.copies.set(station, made);
    }
    return made.opened;
  }

  /**
   * Read every table of the station in one REPEATABLE READ transaction (one consistent moment, a
   * push landing meanwhile is not half in it) into a fresh migrated SQLite database.
   */
  private async build(station: string, version: string): Promise<Copy> {
    const client = await this.pool.connect();
    const opened = openDatabase(':memory:');
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const sqlite = opened.sqlite;
      sqlite.pragma('foreign_keys = OFF');
      for (const t of mirrorTables()) {
        const cols = t.columns.map((c) => c.name);
        const r = await client.query({ text: `SELECT ${cols.map(q).join(', ')} FROM ${q(t.name)} WHERE ${q(STATION_COLUMN)} = $1`, values: [station], rowMode: 'array' });
        const insert = sqlite.prepare(`INSERT INTO ${q(t.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        sqlite.transaction(() => {
          for (const row of r.rows as unknown[][]) insert.run(...row);
        })();
      }
      await client.query('COMMIT');
      sqlite.pragma('foreign_keys = ON');
      return { version, opened };
    } catch (err) {
      opened.close();
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** The desk's answer to `channel` for `station`, computed on its copy. */
  async read(station: string, channel: HeadOfficeChannel, input: unknown, actor = 'owner'): Promise<Result<unknown>> {
    let opened: OpenedDb;
    try {
      opened = await this.copyOf(station);
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
      throw err;
    }
    const ctx: ServiceContext = { db: opened.db, clock: this.clock, actor: { name: actor, role: 'owner' }, events: new EventBus(), dbPath: opened.path };
    return dispatch(ctx, channel, input);
  }

  close(): void {
    for (const c of this.copies.values()) c.opened.close();
    this.copies.clear();
  }
}
