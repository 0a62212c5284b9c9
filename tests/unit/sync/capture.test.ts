import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EXCLUDED, capturedTables, captureTriggers, installCapture, rowJson, schemaTables, startEpoch } from '../../../electron/db/capture';
import { seedDemo } from '../../../electron/services/demo/seed';
import { testDesk } from '../../helpers/context';
import type Database from 'better-sqlite3';

type Outbox = { seq: number; tbl: string; key: string; op: string; row: string | null };

/** Every captured table's rows as the capture triggers serialise them, keyed "table key". */
function tablesAsJson(sqlite: Database.Database): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of capturedTables()) {
    const rows = sqlite.prepare(`SELECT json_array(${t.key.map((k) => `x."${k}"`).join(', ')}) AS k, ${rowJson(t, 'x')} AS r FROM "${t.name}" x`).all() as { k: string; r: string }[];
    for (const { k, r } of rows) out.set(`${t.name} ${k}`, r);
  }
  return out;
}

/** What a head office holds after applying the outbox in sequence order. */
function replay(rows: Outbox[], into = new Map<string, string>()): Map<string, string> {
  for (const o of rows) {
    if (o.op === 'B') into.clear();
    else if (o.op === 'D') into.delete(`${o.tbl} ${o.key}`);
    else if (o.op !== 'E') into.set(`${o.tbl} ${o.key}`, o.row!);
  }
  return into;
}

const outbox = (sqlite: Database.Database) => sqlite.prepare(`SELECT seq, tbl, key, op, row FROM sync_outbox ORDER BY seq`).all() as Outbox[];

describe('change capture (issue 15)', () => {
  it('captures every table of the schema, except the listed ones, each for a reason', () => {
    const desk = testDesk();
    const names = schemaTables().map((t) => getTableConfig(t).name);
    for (const excluded of Object.keys(CAPTURE_EXCLUDED)) expect(names, `exclusion ${excluded} names no table`).toContain(excluded);
    const triggers = new Set(desk.opened.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]);
    for (const name of names) {
      if (name in CAPTURE_EXCLUDED) continue;
      for (const kind of ['ins', 'upd', 'del']) expect(triggers.has(`capture_${name}_${kind}`), `${name} has no ${kind} capture`).toBe(true);
    }
    expect(capturedTables().length + Object.keys(CAPTURE_EXCLUDED).length).toBe(names.length);
    desk.close();
  });

  it('captures nothing before the desk is set to push', () => {
    const desk = testDesk();
    seedDemo(desk.ctx, { seed: 1 });
    expect(outbox(desk.opened.sqlite)).toEqual([]);
    desk.close();
  });

  it('a snapshot then every later change, replayed in order, is the database row for row', () => {
    const desk = testDesk();
    const sqlite = desk.opened.sqlite;
    startEpoch(sqlite, 'DXX1');
    seedDemo(desk.ctx, { seed: 3 });
    // Updates, a key change, deletes (with cascades), a REPLACE over a unique column.
    sqlite.exec(`UPDATE drivers SET name = name || ' Jr' WHERE id % 3 = 0`);
    sqlite.exec(`UPDATE settings SET key = key || '.moved' WHERE key = (SELECT min(key) FROM settings)`);
    sqlite.exec(`DELETE FROM routes WHERE id IN (SELECT id FROM routes ORDER BY id LIMIT 5)`);
    sqlite.exec(`INSERT INTO vans (name, vin) VALUES ('Spare', 'SPARE-VIN-1')`);
    sqlite.exec(`INSERT OR REPLACE INTO vans (name, vin) VALUES ('Replacement', 'SPARE-VIN-1')`);
    const live = tablesAsJson(sqlite);
    expect(live.size).toBeGreaterThan(100);
    expect(replay(outbox(sqlite))).toEqual(live);
    // A new epoch is one snapshot between B and E that equals the database by itself.
    startEpoch(sqlite, 'DXX1');
    const snap = outbox(sqlite);
    expect(snap[0]!.op).toBe('B');
    expect(snap.at(-1)!.op).toBe('E');
    expect(snap.slice(1, -1).every((o) => o.op === 'S')).toBe(true);
    expect(replay(snap)).toEqual(live);
    desk.close();
  });

  it('a rolled-back write leaves nothing in the outbox', () => {
    const desk = testDesk();
    const sqlite = desk.opened.sqlite;
    startEpoch(sqlite, 'DXX1');
    const before = outbox(sqlite).length;
    expect(() =>
      sqlite.transaction(() => {
        sqlite.exec(`INSERT INTO drivers (transporter_id, name) VALUES ('A1', 'Ann')`);
        throw new Error('no');
      })(),
    ).toThrow('no');
    expect(outbox(sqlite).length).toBe(before);
    desk.close();
  });

  it('installs its triggers once, and again when one is missing or stale', () => {
    const desk = testDesk();
    const sqlite = desk.opened.sqlite;
    expect(installCapture(sqlite)).toBe(false);
    sqlite.exec(`DROP TRIGGER capture_drivers_upd`);
    expect(installCapture(sqlite)).toBe(true);
    sqlite.exec(`DROP TRIGGER capture_vans_ins; CREATE TRIGGER capture_vans_ins AFTER INSERT ON vans BEGIN SELECT 1; END`);
    expect(installCapture(sqlite)).toBe(true);
    const stored = new Map((sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]));
    expect(stored).toEqual(captureTriggers());
    desk.close();
  });
});
