import type { Result } from './errors';

/**
 * What the head office (issue 15) answers beyond the desk's own channels, as both sides see it:
 * `stations.list`, and a read channel asked without `station` (every station's own answer).
 */

/** One station that pushed to the head office (`stations.list`). */
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

/** One station's answer to a read channel: the desk's own result, or why there is none (copy arriving, unreachable). */
export interface StationAnswer<T> {
  code: string;
  name: string;
  result: Result<T>;
}

/** A read channel asked without `station`. */
export interface AllStationsAnswer<T> {
  stations: StationAnswer<T>[];
}
