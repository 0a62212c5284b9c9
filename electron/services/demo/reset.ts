import type Database from 'better-sqlite3';

/** Tables that survive a reset: the schema's own bookkeeping, API tokens and settings. */
const KEEP = new Set(['__drizzle_migrations', 'api_tokens', 'settings']);

/**
 * Delete every station record (station, drivers, vans, routes, the audit log and every area's
 * tables) so the demo can be seeded again; API tokens and settings are kept. Call inside a
 * transaction: foreign keys are checked at commit (deferred), so table order does not matter.
 * Returns the number of rows deleted per table.
 */
export function clearStationData(sqlite: Database.Database): Record<string, number> {
  if (!sqlite.inTransaction) throw new Error('clearStationData must run inside a transaction');
  sqlite.pragma('defer_foreign_keys = ON');
  const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((n) => !KEEP.has(n));
  const deleted: Record<string, number> = {};
  for (const t of tables) deleted[t] = sqlite.prepare(`DELETE FROM "${t.replace(/"/g, '""')}"`).run().changes;
  const hasSeq = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
  if (hasSeq) {
    const del = sqlite.prepare('DELETE FROM sqlite_sequence WHERE name = ?');
    for (const t of tables) del.run(t);
  }
  return deleted;
}
