import type pg from 'pg';
import { openDatabase, type OpenedDb } from '../db/open';
import { mirrorTable, mirrorTables, STATION_COLUMN } from '../db/pg/mirror';
import { stateVersion, type Applied } from './apply';
import type { ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { stationToday } from '../services/station/station';
import type { Clock } from '../../shared/dates';
import { AppError, type Result } from '../../shared/errors';
import { EventBus } from '../../shared/events';

/**
 * How the head office answers the desk's read channels for a station (issue 15): the desk's own
 * service handlers, run on a SQLite copy of that station materialised from PostgreSQL. The same code
 * on the same rows gives the same numbers, so what the head office shows for a station is what the
 * station's desk shows (tests/headoffice/reads.test.ts proves it channel by channel). Each push is
 * applied to the station's copy as it lands (afterPush); a copy that missed one, or a new epoch, is
 * rebuilt from PostgreSQL on the next read. A station whose snapshot is still arriving is refused
 * rather than shown half.
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
  /**
   * Answers already computed on this copy, by (channel, input, actor, the station's today). Every head-
   * office channel reads the clock only through the station's today (tests/headoffice/reads.test.ts
   * checks it at both ends of a day), and the copy's rows change only with its version: a push (new
   * version) or midnight at the station (new today) gives a new key. A repeated read is a lookup.
   */
  answers: Map<string, Result<unknown>>;
}

/** Where a station stands at the head office (its ho_stations row): a copy of another state is not current. */
interface StationState {
  code: string;
  name: string;
  epoch: string | null;
  last_seq: number | string;
  positions_to: number | string;
  snapshot_complete: boolean;
}
const STATE_COLUMNS = 'code, name, epoch, last_seq, positions_to, snapshot_complete';

/** Most answers kept per station copy (the console asks a handful of channel/input pairs). */
const MAX_ANSWERS = 200;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class StationReplicas {
  private copies = new Map<string, Copy>();
  /** Whole rebuilds so far (a push applied to a current copy needs none). */
  rebuilds = 0;
  /** Answers computed so far (a kept answer is not counted). */
  computed = 0;
  private building = new Map<string, Promise<Copy>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {}

  /** A SQLite copy of one station, current with what the head office holds (`known`: its ho_stations row, just read). */
  private async copyOf(station: string, known?: StationState): Promise<OpenedDb> {
    const s = known ?? (await this.pool.query<StationState>(`SELECT ${STATE_COLUMNS} FROM ho_stations WHERE code = $1`, [station])).rows[0];
    if (!s) throw new AppError('NOT_FOUND', `The head office has never heard from station ${station}`);
    if (!s.snapshot_complete) throw new AppError('UNAVAILABLE', `Station ${station}'s copy is still arriving; its numbers are shown once it is whole`);
    const version = stateVersion(s.epoch, s.last_seq, s.positions_to);
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
    this.rebuilds++;
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
      return { version, opened, answers: new Map() };
    } catch (err) {
      opened.close();
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Keep a copy current as a push lands: the same changes applied in sequence order (the desk's own
   * constraints hold, since the desk passed through the same states). A copy of another state, a new
   * epoch, or any failure drops the copy; the next read rebuilds it from PostgreSQL.
   */
  afterPush(applied: Applied): void {
    const copy = this.copies.get(applied.station);
    if (!copy) return;
    const drop = () => {
      copy.opened.close();
      this.copies.delete(applied.station);
    };
    if (copy.version !== applied.before || applied.changes.some((c) => c.op === 'B')) return drop();
    const sqlite = copy.opened.sqlite;
    try {
      sqlite.pragma('foreign_keys = OFF');
      sqlite.transaction(() => {
        for (const c of applied.changes) {
          if (c.op === 'E') continue;
          const t = mirrorTable(c.tbl)!;
          if (c.op === 'D') {
            sqlite.prepare(`DELETE FROM ${q(t.name)} WHERE ${t.key.map((k) => `${q(k)} = ?`).join(' AND ')}`).run(...(c.key as (string | number | null)[]));
            continue;
          }
          const cols = t.columns.map((x) => x.name);
          const rest = cols.filter((x) => !t.key.includes(x));
          sqlite
            .prepare(
              `INSERT INTO ${q(t.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${t.key.map(q).join(', ')}) ` +
                (rest.length ? `DO UPDATE SET ${rest.map((x) => `${q(x)} = excluded.${q(x)}`).join(', ')}` : 'DO NOTHING'),
            )
            .run(...cols.map((x) => c.row![x] as string | number | null));
        }
        if (applied.positions) {
          const cols = Object.keys(applied.positions);
          const ins = sqlite.prepare(`INSERT OR IGNORE INTO positions (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
          const n = applied.positions.id?.length ?? 0;
          for (let i = 0; i < n; i++) ins.run(...cols.map((x) => applied.positions![x]![i] as string | number | null));
          sqlite.prepare(`DELETE FROM positions WHERE at < ?`).run(applied.positionsCutoff);
        }
      })();
      sqlite.pragma('foreign_keys = ON');
      copy.version = applied.after;
      copy.answers.clear();
    } catch {
      drop();
    }
  }

  /** The desk's answer to `channel` for `station`, computed on its copy (or kept from the last time it was). */
  async read(station: string, channel: HeadOfficeChannel, input: unknown, actor = 'owner', known?: StationState): Promise<Result<unknown>> {
    let opened: OpenedDb;
    try {
      opened = await this.copyOf(station, known);
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
      throw err;
    }
    const copy = this.copies.get(station);
    const key = JSON.stringify([channel, input, actor, stationToday(opened.db, this.clock)]);
    const kept = copy?.opened === opened ? copy.answers.get(key) : undefined;
    if (kept) return kept;
    const version = copy?.version;
    const ctx: ServiceContext = { db: opened.db, clock: this.clock, actor: { name: actor, role: 'owner' }, events: new EventBus(), dbPath: opened.path };
    const result = await dispatch(ctx, channel, input);
    this.computed++;
    // Kept only when no push landed on the copy meanwhile.
    if (result.ok && copy && copy.opened === opened && copy.version === version && this.copies.get(station) === copy) {
      if (copy.answers.size >= MAX_ANSWERS) copy.answers.clear();
      copy.answers.set(key, result);
    }
    return result;
  }

  /**
   * Every station's answer, by code (the all-stations view): one query for where all stations stand,
   * then each copy's kept or computed answer — a repeated read costs one round trip to PostgreSQL.
   */
  async readAll(channel: HeadOfficeChannel, input: unknown, actor = 'owner'): Promise<{ code: string; name: string; result: Result<unknown> }[]> {
    const stations = (await this.pool.query<StationState>(`SELECT ${STATE_COLUMNS} FROM ho_stations ORDER BY code`)).rows;
    const out = [];
    for (const s of stations) out.push({ code: s.code, name: s.name, result: await this.read(s.code, channel, input, actor, s) });
    return out;
  }

  close(): void {
    for (const c of this.copies.values()) c.opened.close();
    this.copies.clear();
  }
}
