import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { crashPoint } from '../db/crash-point';
import { mirrorTable, mirrorTables, STATION_COLUMN, type MirrorTable } from '../db/pg/mirror';
import type { Change, PushAnswer, PushBody } from './protocol';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const ROWS_PER_STATEMENT = 5000;

interface StationRow {
  code: string;
  epoch: string | null;
  last_seq: string | number;
  snapshot_complete: boolean;
  positions_to: string | number;
}

/** The desk's table, or a refusal: a head office older than the desk must not drop what it cannot store. */
function tableOf(name: string): MirrorTable {
  const t = mirrorTable(name);
  if (!t || name === 'positions') throw new AppError('CONFLICT', `The head office has no table "${name}": it is older than this desk. Upgrade the head office; nothing of this batch was applied.`);
  return t;
}

function checkColumns(t: MirrorTable, row: Record<string, unknown>, seq: number): void {
  const keys = Object.keys(row);
  if (keys.length !== t.columns.length || !t.columns.every((c) => c.name in row)) {
    const known = new Set(t.columns.map((c) => c.name));
    const extra = keys.filter((k) => !known.has(k));
    throw new AppError(
      'CONFLICT',
      `Change ${seq} (${t.name}) has ${extra.length ? `columns the head office does not know (${extra.join(', ')}): it is older than this desk, upgrade it` : 'missing columns'}; nothing of this batch was applied.`,
    );
  }
}

const recordsetOf = (cols: { name: string; type: string }[]) => cols.map((c) => `${q(c.name)} ${c.type}`).join(', ');

/**
 * Insert or update rows. Snapshot rows (`fresh`) land in a station whose rows the snapshot's begin
 * mark deleted, each key once, so they are plainly inserted (a third cheaper than ON CONFLICT); a
 * key met twice there is a broken snapshot, refused whole.
 */
async function upsert(client: pg.PoolClient, station: string, t: MirrorTable, rows: Record<string, unknown>[], fresh: boolean): Promise<void> {
  const cols = t.columns.map((c) => q(c.name)).join(', ');
  const update = t.columns.filter((c) => !t.key.includes(c.name));
  const conflict = fresh ? '' : `ON CONFLICT (${[STATION_COLUMN, ...t.key].map(q).join(', ')}) ` + (update.length ? `DO UPDATE SET ${update.map((c) => `${q(c.name)} = EXCLUDED.${q(c.name)}`).join(', ')}` : 'DO NOTHING');
  const sql = `INSERT INTO ${q(t.name)} (${q(STATION_COLUMN)}, ${cols}) SELECT $1, ${cols} FROM json_to_recordset($2::json) AS x(${recordsetOf(t.columns)}) ${conflict}`;
  try {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await client.query(sql, [station, JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))]);
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('CONFLICT', `The snapshot of station ${station} holds a row of ${t.name} twice; nothing of this batch was applied.`);
    throw err;
  }
}

async function remove(client: pg.PoolClient, station: string, t: MirrorTable, keys: unknown[][]): Promise<void> {
  const keyCols = t.key.map((k) => t.columns.find((c) => c.name === k)!);
  const list = keyCols.map((c) => q(c.name)).join(', ');
  const sql = `DELETE FROM ${q(t.name)} WHERE ${q(STATION_COLUMN)} = $1 AND (${list}) IN (SELECT ${list} FROM json_to_recordset($2::json) AS x(${recordsetOf(keyCols)}))`;
  for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
    const recs = keys.slice(i, i + ROWS_PER_STATEMENT).map((k) => Object.fromEntries(t.key.map((name, j) => [name, k[j]])));
    await client.query(sql, [station, JSON.stringify(recs)]);
  }
}

/**
 * Apply changes in sequence order, a run of same-table upserts (or deletes, or snapshot rows) as one
 * statement: within a run the last version of each key wins, exactly as applying them one by one
 * would leave it.
 */
async function applyChanges(client: pg.PoolClient, station: string, changes: Change[]): Promise<{ snapshotBegun: boolean; snapshotEnded: boolean }> {
  let snapshotEnded = false;
  let i = 0;
  while (i < changes.length) {
    const c = changes[i]!;
    if (c.op === 'B') {
      for (const t of mirrorTables()) await client.query(`DELETE FROM ${q(t.name)} WHERE ${q(STATION_COLUMN)} = $1`, [station]);
      i++;
      continue;
    }
    if (c.op === 'E') {
      snapshotEnded = true;
      i++;
      continue;
    }
    const t = tableOf(c.tbl);
    const isDelete = c.op === 'D';
    const isSnapshot = c.op === 'S';
    const run = new Map<string, Change>();
    const snapshotRows: Change[] = []; // each key once (a key met twice is refused by the insert)
    while (i < changes.length && changes[i]!.tbl === c.tbl && (changes[i]!.op === 'D') === isDelete && (changes[i]!.op === 'S') === isSnapshot && !'BE'.includes(changes[i]!.op)) {
      const x = changes[i]!;
      if (x.key.length !== t.key.length) throw new AppError('VALIDATION', `Change ${x.seq} (${t.name}) has a key of ${x.key.length} values; the table's key has ${t.key.length}. Nothing was applied.`);
      if (!isDelete) {
        if (!x.row) throw new AppError('VALIDATION', `Change ${x.seq} (${t.name}, ${x.op}) has no row. Nothing was applied.`);
        checkColumns(t, x.row, x.seq);
      }
      if (isSnapshot) snapshotRows.push(x);
      else {
        const k = JSON.stringify(x.key);
        run.delete(k); // keep the last version in its own place
        run.set(k, x);
      }
      i++;
    }
    if (isDelete) await remove(client, station, t, [...run.values()].map((x) => x.key));
    else await upsert(client, station, t, (isSnapshot ? snapshotRows : [...run.values()]).map((x) => x.row!), isSnapshot);
  }
  return { snapshotBegun: changes[0]?.op === 'B', snapshotEnded };
}

/** Positions, columnar; a position is never changed once stored, so a resent one is skipped. */
async function applyPositions(client: pg.PoolClient, station: string, columns: Record<string, unknown[]>, after: number): Promise<number> {
  const t = mirrorTable('positions');
  if (!t) throw new AppError('CONFLICT', 'The head office has no positions table.');
  const ids = columns.id as number[] | undefined;
  if (!ids || ids.length === 0) return after;
  for (const c of t.columns) {
    if (!Array.isArray(columns[c.name]) || columns[c.name]!.length !== ids.length) throw new AppError('VALIDATION', `The positions batch has no whole "${c.name}" column; nothing was applied.`);
  }
  if (Object.keys(columns).length !== t.columns.length) throw new AppError('CONFLICT', 'The positions batch has columns the head office does not know: upgrade it; nothing was applied.');
  const cols = t.columns.map((c) => q(c.name)).join(', ');
  const arrays = t.columns.map((c, j) => `$${j + 2}::${c.type}[]`).join(', ');
  for (let i = 0; i < ids.length; i += 20_000) {
    await client.query(
      `INSERT INTO positions (${q(STATION_COLUMN)}, ${cols}) SELECT $1, * FROM unnest(${arrays}) ON CONFLICT DO NOTHING`,
      [station, ...t.columns.map((c) => columns[c.name]!.slice(i, i + 20_000))],
    );
  }
  return Math.max(after, ids[ids.length - 1]!);
}

export interface ApplyOptions {
  keepPositionsDays: number;
  now: Date;
  /** After COMMIT: what was applied, between which pushed states (see StationReplicas.afterPush). */
  onCommitted?: (applied: Applied) => void;
}

export interface Applied {
  station: string;
  /** `epoch/lastSeq/positionsTo` before and after the push. */
  before: string;
  after: string;
  changes: Change[];
  positions: Record<string, unknown[]> | null;
  /** Positions older than this (ISO) were dropped. */
  positionsCutoff: string;
}

export const stateVersion = (epoch: string | null, lastSeq: number | string, positionsTo: number | string) => `${epoch}/${Number(lastSeq)}/${Number(positionsTo)}`;

const answerOf = (s: StationRow, keepPositionsDays: number): PushAnswer => ({
  ok: true,
  station: s.code,
  epoch: s.epoch,
  lastSeq: Number(s.last_seq),
  snapshotComplete: s.snapshot_complete,
  positionsTo: Number(s.positions_to),
  keepPositionsDays,
});

/**
 * One push, in one PostgreSQL transaction: all of it is applied or none. The station's row is locked
 * first, so two pushes of one station apply one after the other. A batch of another epoch than the
 * one held must begin that epoch's snapshot (B); within the held epoch, changes already applied are
 * skipped and the rest must follow the last applied sequence number without a gap.
 */
export async function applyPush(pool: pg.Pool, station: string, body: PushBody, opts: ApplyOptions): Promise<PushAnswer> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ho_stations (code) VALUES ($1) ON CONFLICT (code) DO NOTHING`, [station]);
    const s = (await client.query<StationRow>(`SELECT code, epoch, last_seq, snapshot_complete, positions_to FROM ho_stations WHERE code = $1 FOR UPDATE`, [station])).rows[0]!;
    let changes = [...body.changes].sort((a, b) => a.seq - b.seq);
    let lastSeq = Number(s.last_seq);
    let positionsTo = Number(s.positions_to);
    let complete = s.snapshot_complete;
    if (body.epoch !== s.epoch) {
      if (changes.length === 0) {
        await client.query('ROLLBACK');
        return answerOf(s, opts.keepPositionsDays);
      }
      if (changes[0]!.op !== 'B') {
        throw new AppError('CONFLICT', `The head office holds ${s.epoch ? `epoch ${s.epoch}` : 'nothing'} of station ${station}; a batch of epoch ${body.epoch} must begin with its snapshot. Nothing was applied.`, { epoch: s.epoch, lastSeq });
      }
      lastSeq = changes[0]!.seq - 1;
      positionsTo = 0;
      complete = false;
    } else {
      changes = changes.filter((c) => c.seq > lastSeq);
    }
    changes.forEach((c, j) => {
      if (c.seq !== lastSeq + 1 + j) {
        throw new AppError('CONFLICT', `Station ${station}: the head office holds up to ${lastSeq + j} of this epoch and the batch continues at ${c.seq}; changes in between are missing. Nothing was applied.`, { epoch: s.epoch, lastSeq });
      }
    });
    const applied = await applyChanges(client, station, changes);
    if (applied.snapshotEnded) complete = true;
    if (changes.length) lastSeq = changes[changes.length - 1]!.seq;
    if (body.positions) positionsTo = await applyPositions(client, station, body.positions.columns, applied.snapshotBegun ? 0 : positionsTo);
    const cutoff = new Date(opts.now.getTime() - opts.keepPositionsDays * 86_400_000).toISOString();
    if (body.positions) await client.query(`DELETE FROM positions WHERE ${q(STATION_COLUMN)} = $1 AND at < $2`, [station, cutoff]);
    const row = (
      await client.query<StationRow>(
        `UPDATE ho_stations SET epoch = $2, last_seq = $3, snapshot_complete = $4, positions_to = $5, last_push_at = $6, pending = $7, name = COALESCE($8, name)
          WHERE code = $1 RETURNING code, epoch, last_seq, snapshot_complete, positions_to`,
        [station, body.epoch, lastSeq, complete, positionsTo, opts.now.toISOString(), body.pending, body.name ?? null],
      )
    ).rows[0]!;
    crashPoint('headoffice:before-commit'); // the fault suite's kill -9 mid-batch
    await client.query('COMMIT');
    opts.onCommitted?.({
      station,
      before: stateVersion(s.epoch, s.last_seq, s.positions_to),
      after: stateVersion(row.epoch, row.last_seq, row.positions_to),
      changes,
      positions: body.positions?.columns ?? null,
      positionsCutoff: cutoff,
    });
    return answerOf(row, opts.keepPositionsDays);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
