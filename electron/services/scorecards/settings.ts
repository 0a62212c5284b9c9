import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ReadClient, ReadDb, WriteDb } from '../context';
import { TRAINING_DUE_DAYS } from '../../../shared/rules/scorecards/training';
import { DEFAULT_KEY_METRICS, METRIC_KEYS, type MetricKey, type Thresholds } from '../../../shared/rules/scorecards/tiers';

/**
 * Station settings of this area (settings table, key → JSON), with DOMAIN.md defaults:
 * - `scorecards.thresholds`: station-wide overrides of DEFAULT_THRESHOLDS (per metric bounds);
 * - `scorecards.keyMetrics`: metrics whose lowest tier is the overall tier when a file has none;
 * - `coaching.dueDays` (7), `coaching.owner` ("Dispatch lead"): suggested plans' due date and owner;
 * - `standup.topicRepeatDays` (14): a safety topic is not repeated within N days;
 * - `training.dueDays` (30): "due" window for training expiry.
 */
export function getSetting<T>(db: ReadDb, key: string, fallback: T): T {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row ? (row.value as T) : fallback;
}

export function setSetting(db: WriteDb, key: string, value: unknown, at: string): void {
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
    .run();
}

export const stationThresholds = (db: ReadDb) => getSetting<Thresholds>(db, 'scorecards.thresholds', {});
export const keyMetrics = (db: ReadDb): MetricKey[] => {
  const v = getSetting<MetricKey[]>(db, 'scorecards.keyMetrics', DEFAULT_KEY_METRICS);
  const ok = Array.isArray(v) ? v.filter((k) => (METRIC_KEYS as readonly string[]).includes(k)) : [];
  return ok.length > 0 ? ok : DEFAULT_KEY_METRICS;
};
export const coachingDueDays = (db: ReadDb) => getSetting<number>(db, 'coaching.dueDays', 7);
export const coachingOwner = (db: ReadDb) => getSetting<string>(db, 'coaching.owner', 'Dispatch lead');
export const topicRepeatDays = (db: ReadDb) => getSetting<number>(db, 'standup.topicRepeatDays', 14);
export const trainingDueDays = (db: ReadDb) => getSetting<number>(db, 'training.dueDays', TRAINING_DUE_DAYS);

export interface Stmt {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}
const statements = new WeakMap<ReadClient, Map<string, Stmt>>();
/** A read statement, compiled once per connection (hot read paths such as the stand-up). */
export function stmt(db: ReadDb, sql: string): Stmt {
  const conn = db.$client;
  let m = statements.get(conn);
  if (!m) statements.set(conn, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = conn.prepare(sql)));
  return s;
}
