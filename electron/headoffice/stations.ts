import type pg from 'pg';

export interface StationInfo {
  code: string;
  name: string;
  lastPushAt: string | null;
  lastSeq: number;
  /** Changes the desk said it still held after its last push. */
  pending: number;
  /** False while the station's snapshot is still arriving: its numbers are not whole yet. */
  complete: boolean;
}

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
