import type pg from 'pg';
import type { StationInfo } from '../../shared/headoffice';

export type { StationInfo };

/** The stations that pushed, by code (the picker's list and `stations.list`). */
export async function listStations(pool: pg.Pool): Promise<StationInfo[]> {
  const r = await pool.query(`SELECT code, name, last_push_at, last_seq, pending, snapshot_complete FROM ho_stations ORDER BY code`);
  return r.rows.map((s) => ({
    code: s.code,
    name: s.name,
    lastPushAt: s.last_push_at,
    lastSeq: Number(s.last_seq),
    pending: Number(s.pending),
    complete: s.snapshot_complete,
  }));
}
