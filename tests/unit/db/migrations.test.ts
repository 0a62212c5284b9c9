/**
 * Migrations: each committed migration N upgrades a database at N−1 holding representative rows —
 * the schema afterwards is exactly the one drizzle-kit recorded for N, and the rows are still there
 * (or moved as that migration's own check says). The drizzle schema and the committed migrations
 * agree: generating from the schema adds nothing, and a database migrated from empty has nothing
 * left to push. A new migration needs an entry in UPGRADES (the suite fails without one).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateSQLiteDrizzleJson, generateSQLiteMigration, pushSQLiteSchema } from 'drizzle-kit/api';
import * as schema from '../../../electron/db/schema';
import { openDatabase } from '../../../electron/db/open';
import { applyMigration, committedMigrations, databaseAt, schemaOf, snapshotSchema } from '../../helpers/migrations';
import { tempDir } from '../../helpers/context';

type Db = Database.Database;

/**
 * Per migration: `rows` puts representative rows into the tables that migration created or shaped
 * (right after it ran, in the shape of that time, when a later migration is tested); `before` puts
 * rows in the shape this migration converts (only when this migration is tested); `rewrites` names
 * the tables whose rows it changes on purpose (compared by `check`, not kept as they were); `check`
 * says what else must hold after it ran.
 */
interface Upgrade {
  rows?: (db: Db) => void;
  before?: (db: Db) => void;
  rewrites?: readonly string[];
  check?: (db: Db) => void;
}

const UPGRADES: Record<string, Upgrade> = {
  '0000_foundation': {
    rows: (db) => {
      db.exec(`
        INSERT INTO station (id, name, code, lat, lon, time_zone) VALUES (1, 'Renton', 'DSE4', 47.48, -122.21, 'America/Los_Angeles');
        INSERT INTO drivers (id, transporter_id, name, qualifications) VALUES (1, 'A2KX7Q9M4T1B3C', 'Maria Gonzalez', '["CDV","EDV"]');
        INSERT INTO vans (id, name, vin, type, odometer_mi) VALUES (1, 'EDV-01', '7FCEDVA70NN755706', 'EDV', 12034.5);
        INSERT INTO devices (id, identifier, van_id) VALUES (1, 'phone-01', 1);
        INSERT INTO routes (id, date, code, wave, service_type, planned_duration_min, status) VALUES (1, '2026-11-26', 'CX12', '10:20', 'Standard Parcel', 600, 'assigned');
        INSERT INTO assignments (route_id, date, driver_id, van_id, device_id, assigned_by, assigned_at) VALUES (1, '2026-11-26', 1, 1, 1, 'desk', '2026-11-26T15:00:00Z');
        INSERT INTO driver_days (driver_id, date, status) VALUES (1, '2026-11-26', 'checked_in');
        INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, before, after) VALUES ('2026-11-26T15:00:00Z', 'desk', 'desk', 'assign', 'route', '1', NULL, '{"driverId":1}');
        INSERT INTO settings (key, value) VALUES ('board', '{"dspCode":"RNLG"}');
        INSERT INTO api_tokens (name, role, hash, created_at) VALUES ('Owner', 'owner', 'abc', '2026-11-01T00:00:00Z');
      `);
    },
  },
  '0001_telematics': {
    rows: (db) => {
      db.exec(`
        INSERT INTO positions (id, device_id, at, received_at, lat, lon) VALUES (1, 1, '2026-11-26T18:00:00Z', '2026-11-26T18:00:01Z', 47.5, -122.3);
        INSERT INTO positions_latest (device_id, position_id, at, received_at, lat, lon, moved_at) VALUES (1, 1, '2026-11-26T18:00:00Z', '2026-11-26T18:00:01Z', 47.5, -122.3, '2026-11-26T18:00:00Z');
        INSERT INTO unknown_devices (identifier, first_seen_at, last_seen_at) VALUES ('stranger', '2026-11-26T18:00:00Z', '2026-11-26T18:05:00Z');
      `);
    },
    // The existing device can report at once (positions reference devices).
    check: (db) => {
      db.exec(`INSERT INTO positions (device_id, at, received_at, lat, lon) VALUES (1, '2026-11-26T18:00:00Z', '2026-11-26T18:00:01Z', 47.5, -122.3)`);
      expect(() => db.exec(`INSERT INTO positions (device_id, at, received_at, lat, lon) VALUES (99, '2026-11-26T18:00:00Z', '2026-11-26T18:00:01Z', 47.5, -122.3)`)).toThrow(/FOREIGN KEY/);
    },
  },
  '0002_scorecards': {
    rows: (db) => {
      db.exec(`
        INSERT INTO scorecard_weeks (week, start_date, end_date, company_score) VALUES ('2026-W47', '2026-11-15', '2026-11-21', 81.4);
        INSERT INTO scorecard_rows (week, row, driver_id, name, tier) VALUES ('2026-W47', 2, 1, 'Maria Gonzalez', 'Great');
        INSERT INTO coaching_plans (id, driver_id, finding) VALUES (1, 1, 'Speeding');
        INSERT INTO incidents (type, date, driver_id) VALUES ('other', '2026-11-25', 1);
        INSERT INTO safety_topics (id, title) VALUES (1, 'Dog bites');
        INSERT INTO safety_topic_history (date, topic_id) VALUES ('2026-11-25', 1);
        INSERT INTO training_courses (id, name) VALUES (1, 'Safety refresher');
        INSERT INTO training_records (driver_id, course_id, completed_on) VALUES (1, 1, '2026-01-10');
      `);
    },
  },
  '0003_fleet_maintenance': {
    rows: (db) => {
      db.exec(`
        INSERT INTO inspections (id, van_id, kind, at, date, inspector, result) VALUES (1, 1, 'pre_trip', '2026-11-26T14:00:00Z', '2026-11-26', 'Maria', 'fail');
        INSERT INTO inspection_items (inspection_id, item_code, passed) VALUES (1, 'brakes', 0);
        INSERT INTO defects (van_id, severity, description, reported_at, reported_by) VALUES (1, 'critical', 'Brakes failed', '2026-11-26T14:00:00Z', 'Maria');
        INSERT INTO pm_schedules (van_type, code, label) VALUES ('EDV', 'tyres', 'Tyre rotation');
        INSERT INTO service_records (van_id, code, date, odometer_mi) VALUES (1, 'oil', '2026-10-01', 11000), (1, 'oil', '2026-11-01', 11900);
        INSERT INTO van_documents (van_id, kind, expires_on, updated_at) VALUES (1, 'registration', '2027-03-31', '2026-11-01T00:00:00Z');
        INSERT INTO van_releases (van_id, at, released_by) VALUES (1, '2026-11-20T00:00:00Z', 'desk');
      `);
    },
  },
  '0004_fleet_service_index': {
    // The last-service lookup (van, code, date, odometer) is one index seek now.
    check: (db) =>
      expect(db.prepare(`EXPLAIN QUERY PLAN SELECT odometer_mi FROM service_records WHERE van_id = 1 AND code = 'oil' ORDER BY date DESC LIMIT 1`).all()).toEqual([
        expect.objectContaining({ detail: expect.stringContaining('COVERING INDEX service_records_last_idx') }),
      ]),
  },
  '0005_audit_changes': {
    // Older entries stay as they were (no lines); a line belongs to its entry and goes with it.
    rows: (db) => {
      db.exec(`INSERT INTO audit_changes (audit_id, seq, action, entity, entity_id) VALUES (1, 1, 'assign', 'route', '2')`);
    },
    check: (db) => {
      expect(db.prepare('SELECT count(*) FROM audit_changes').pluck().get()).toBe(0);
      db.exec(`INSERT INTO audit_changes (audit_id, seq, action, entity, entity_id, reason) VALUES (1, 1, 'swap', 'route', '2', 'why')`);
      expect(() => db.exec(`INSERT INTO audit_changes (audit_id, seq, action, entity) VALUES (999, 1, 'x', 'y')`)).toThrow(/FOREIGN KEY/);
      db.exec('DELETE FROM audit_log WHERE id = 1');
      expect(db.prepare('SELECT count(*) FROM audit_changes').pluck().get()).toBe(0);
    },
  },
  '0006_scorecard_amazon': {
    // A scorecard imported before: Amazon's per-metric tiers and the file's source unknown (null), never made up.
    rows: (db) => {
      db.exec(`
        INSERT INTO scorecard_weeks (week, start_date, end_date, source) VALUES ('2026-W48', '2026-11-22', '2026-11-28', 'dsp-overview-dashboard');
        INSERT INTO scorecard_rows (week, row, driver_id, name, tier, dvic, overall_score, performer, amazon) VALUES ('2026-W48', 2, 1, 'Maria Gonzalez', 'Great', 98.5, 87.25, 'High Performer', '{"fico":{"tier":"Fantastic"}}');
      `);
    },
    check: (db) => {
      expect(db.prepare(`SELECT dvic, overall_score, performer, amazon FROM scorecard_rows WHERE week = '2026-W47'`).get()).toEqual({ dvic: null, overall_score: null, performer: '', amazon: null });
      expect(db.prepare(`SELECT source, station FROM scorecard_weeks WHERE week = '2026-W47'`).get()).toEqual({ source: null, station: null });
    },
  },
  '0007_van_classes': {
    // The old van types and everything keyed by them: vans, a route's own van type, PM overrides,
    // the board settings' service type → van type table. EDV-01 (0000) and its DVIR (0003) are here.
    before: (db) => {
      db.exec(`
        INSERT INTO vans (id, name, vin, type, ownership, ownership_end_date, notes) VALUES
          (2, 'CDV-01', '1FTBW3XM0HK000011', 'CDV', 'leased', NULL, 'door sticks'),
          (3, 'STEP-01', '4UZAAXDT0HK000022', 'STEP_VAN', 'owned', NULL, ''),
          (4, 'RNT-01', '3C6LRVDG0HK000033', 'RENTAL', 'leased', '2027-01-10', 'Peak rental');
        INSERT INTO routes (id, date, code, wave, service_type, planned_duration_min, van_type) VALUES
          (2, '2026-11-26', 'CX13', '10:20', 'Standard Parcel', 600, 'RENTAL'),
          (3, '2026-11-26', 'CX14', '10:40', 'Standard Parcel', 600, 'STEP_VAN');
        INSERT INTO pm_schedules (van_type, code, label, every_mi, every_days) VALUES
          ('CDV', 'oil', 'Oil and filter', 4000, 120), ('RENTAL', 'oil', 'Oil and filter', 9999, 999), ('STEP_VAN', 'tyre_rotation', 'Tyre rotation', 6000, NULL);
        UPDATE settings SET value = '{"dspCode":"RNLG","serviceTypeVans":{"Standard Parcel":["CDV","RENTAL"]}}' WHERE key = 'board';
      `);
    },
    rewrites: ['vans', 'routes', 'pm_schedules', 'settings'],
    rows: (db) => {
      db.exec(`
        INSERT INTO vans (id, name, vin, van_class, electric, ownership, provider, ownership_end_date, sub_model) VALUES (9, 'XL-01', '3C6MRVJG0PE000099', 'xl_cargo', 0, 'rental', 'Element Fleet', '2027-01-13', '3500 159 WB 3dr High Roof Extended Cargo Van');
        INSERT INTO inspections (van_id, kind, at, date, inspector, driver_id, result, ended_at, duration_sec, faults, source, source_key) VALUES (9, 'pre_trip', '2026-11-27T14:00:00Z', '2026-11-27', 'Maria Gonzalez', 1, NULL, '2026-11-27T14:06:30Z', 390, 0, 'whip-around', 'whip-around:1');
      `);
    },
    check: (db) => {
      // Classes from types: EDV → electric van (electric), STEP_VAN → step van, CDV and RENTAL → standard cargo; a rental's ownership says rental.
      expect(db.prepare('SELECT id, name, van_class, electric, ownership, ownership_end_date, notes, provider, sub_model FROM vans ORDER BY id').all()).toEqual([
        { id: 1, name: 'EDV-01', van_class: 'electric_van', electric: 1, ownership: 'owned', ownership_end_date: null, notes: '', provider: '', sub_model: '' },
        { id: 2, name: 'CDV-01', van_class: 'standard_cargo', electric: 0, ownership: 'leased', ownership_end_date: null, notes: 'door sticks', provider: '', sub_model: '' },
        { id: 3, name: 'STEP-01', van_class: 'step_van', electric: 0, ownership: 'owned', ownership_end_date: null, notes: '', provider: '', sub_model: '' },
        { id: 4, name: 'RNT-01', van_class: 'standard_cargo', electric: 0, ownership: 'rental', ownership_end_date: '2027-01-10', notes: 'Peak rental', provider: '', sub_model: '' },
      ]);
      expect(db.prepare(`SELECT name FROM pragma_table_info('vans') WHERE name = 'type'`).get()).toBeUndefined();
      // The DVIR (its table rebuilt) keeps its result and items, from the desk's form; a defect still points at it.
      expect(db.prepare('SELECT id, result, source, source_key, driver_id FROM inspections').all()).toEqual([{ id: 1, result: 'fail', source: 'desk', source_key: null, driver_id: null }]);
      expect(db.prepare('SELECT inspection_id, item_code, passed FROM inspection_items').all()).toEqual([{ inspection_id: 1, item_code: 'brakes', passed: 0 }]);
      // A route's own van type: a rental meant any cargo van.
      expect(db.prepare('SELECT id, van_type, zones FROM routes ORDER BY id').all()).toEqual([
        { id: 1, van_type: null, zones: null },
        { id: 2, van_type: 'CDV', zones: null },
        { id: 3, van_type: 'STEP_VAN', zones: null },
      ]);
      // PM overrides per class: CDV's for every cargo size, EDV's for the electric van, the rental's gone.
      expect(db.prepare('SELECT van_type, code, every_mi, every_days FROM pm_schedules ORDER BY van_type, code').all()).toEqual([
        { van_type: 'electric_van', code: 'tyres', every_mi: null, every_days: null },
        { van_type: 'large_cargo', code: 'oil', every_mi: 4000, every_days: 120 },
        { van_type: 'small_cargo', code: 'oil', every_mi: 4000, every_days: 120 },
        { van_type: 'standard_cargo', code: 'oil', every_mi: 4000, every_days: 120 },
        { van_type: 'step_van', code: 'tyre_rotation', every_mi: 6000, every_days: null },
        { van_type: 'xl_cargo', code: 'oil', every_mi: 4000, every_days: 120 },
      ]);
      // The board settings lose only the old service type → van type table (keyword rules apply).
      expect(JSON.parse(db.prepare(`SELECT value FROM settings WHERE key = 'board'`).pluck().get() as string)).toEqual({ dspCode: 'RNLG' });
    },
  },
  '0008_schedule': {
    // A schedule row and targets belong to their driver (one row per driver and date).
    rows: (db) => {
      db.exec(`INSERT INTO schedule_days (driver_id, date, state) VALUES (1, '2026-11-27', 'working')`);
      db.exec(`INSERT INTO schedule_targets (driver_id, preferred_days, days_per_week, hours_per_week) VALUES (1, '[1,2,3,4,5]', 5, 50)`);
    },
    check: (db) => {
      expect(db.prepare('SELECT count(*) FROM schedule_days').pluck().get()).toBe(0);
      db.exec(`INSERT INTO schedule_days (driver_id, date, state) VALUES (1, '2026-11-27', 'standby')`);
      expect(() => db.exec(`INSERT INTO schedule_days (driver_id, date, state) VALUES (1, '2026-11-27', 'off')`)).toThrow(/UNIQUE/);
      expect(() => db.exec(`INSERT INTO schedule_targets (driver_id, days_per_week, hours_per_week) VALUES (999, 5, 50)`)).toThrow(/FOREIGN KEY/);
    },
  },
  '0009_phones_alarms': {
    rows: (db) => {
      db.exec(`INSERT INTO alarms (device_id, van_id, kind, urgent, first_at, last_at) VALUES (1, 1, 'sos', 1, '2026-11-26T18:00:00Z', '2026-11-26T18:00:00Z')`);
    },
    // Existing devices are no odometer source (a phone's odometer never moves the van's), battery unknown;
    // existing positions have no time flag; one open alarm per device and kind.
    check: (db) => {
      expect(db.prepare('SELECT battery, odometer_source AS src FROM devices WHERE id = 1').get()).toEqual({ battery: null, src: 0 });
      expect(db.prepare('SELECT count(*) FROM positions WHERE time_flag IS NOT NULL').pluck().get()).toBe(0);
      const sos = `INSERT INTO alarms (device_id, kind, urgent, first_at, last_at) VALUES (1, 'sos', 1, '2026-11-26T18:01:00Z', '2026-11-26T18:01:00Z')`;
      db.exec(sos);
      expect(() => db.exec(sos)).toThrow(/UNIQUE/);
      db.exec(`UPDATE alarms SET acknowledged_at = '2026-11-26T18:02:00Z', open = NULL`);
      db.exec(sos);
    },
  },
  '0010_progress_rescues': {
    rows: (db) => {
      db.exec(`INSERT INTO progress_snapshots (id, date, as_of, file_name, as_of_from, routes, imported_at, imported_by) VALUES (1, '2026-11-26', '2026-11-26T22:05:00Z', 'Routes_DSE4_2026-11-26_14_05 (PST).xlsx', 'file-name', 1, '2026-11-26T22:10:00Z', 'desk')`);
      db.exec(`INSERT INTO progress_routes (snapshot_id, route_code, route_id, driver_id, transporter_ids, driver_names, progress, stops_all, stops_done, row) VALUES (1, 'CX12', 1, 1, '["A2KX7Q9M4T1B3C"]', '["Maria Gonzalez"]', 'In progress', 160, 80, 2)`);
    },
    // Existing routes keep their duration and are not marked defaulted (the sheet they came from is not known);
    // existing plans cite no rescue; a rescue needs a driver who exists and is one per date, route and rescuer.
    check: (db) => {
      expect(db.prepare('SELECT planned_duration_min AS d, duration_defaulted AS dd FROM routes WHERE id = 1').get()).toEqual({ d: 600, dd: 0 });
      expect(db.prepare('SELECT count(*) FROM coaching_plans WHERE rescue_id IS NOT NULL').pluck().get()).toBe(0);
      const rescue = `INSERT INTO rescues (date, route_id, route_code, from_driver_id, to_driver_id, at, source, recorded_by) VALUES ('2026-11-26', 1, 'CX12', NULL, 1, '2026-11-26T22:30:00Z', 'manual', 'desk')`;
      db.exec(rescue);
      expect(() => db.exec(rescue)).toThrow(/UNIQUE/);
      expect(() => db.exec(rescue.replace("NULL, 1,", "NULL, 999,").replace("'CX12'", "'CX13'"))).toThrow(/FOREIGN KEY/);
      db.exec(`INSERT INTO route_close (route_id, phone_returned, updated_at, updated_by) VALUES (1, 1, '2026-11-27T03:00:00Z', 'desk')`);
    },
  },
  '0011_sync_outbox': {
    // A desk that never pushed: no epoch, an empty outbox (the first push sends a full snapshot).
    check: (db) => {
      expect(db.prepare('SELECT count(*) FROM sync_state').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    },
  },
  '0012_sync_link': {
    // A desk that already pushed with the CLI: no head office in Settings yet, not paused, still its
    // station. (The desk that opens it starts a new epoch, as after every migration: sync_state and
    // the outbox are rewritten on purpose.)
    before: (db) => db.exec(`INSERT INTO sync_state (id, epoch, station, epoch_started_at, last_pushed_seq) VALUES (1, '2026-11-01-e1', 'DSE4', '2026-11-01T08:00:00.000Z', 5)`),
    rewrites: ['sync_state', 'sync_outbox'],
    check: (db) => {
      expect(db.prepare('SELECT station, head_office_url AS url, push_token AS token, paused FROM sync_state').all()).toEqual([{ station: 'DSE4', url: null, token: null, paused: 0 }]);
    },
  },
};

const migrations = committedMigrations();
const rowsOf = (db: Db) => {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[]]));
};
type Rows = ReturnType<typeof rowsOf>;
/** A station at `tag` that lived through every migration up to it, each one's rows put in right after it. */
const stationAt = (file: string, tag: string | null) => databaseAt(file, tag, (m, db) => UPGRADES[m.tag]?.rows?.(db));

/**
 * Every row kept as it was, but in the tables the migration rewrites on purpose; columns it added
 * or dropped are its own (compared on the columns both sides have).
 */
function expectRowsKept(before: Rows, after: Rows, rewrites: readonly string[] = []): void {
  for (const [table, rows] of Object.entries(before)) {
    if (rewrites.includes(table)) continue;
    const both = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([c]) => c in (after[table]?.[0] ?? r) && c in (rows[0] ?? r)));
    expect(after[table]?.map(both), table).toEqual(rows.map(both));
  }
}


describe('migrations, one at a time', () => {
  it('every committed migration has its upgrade entry here', () => {
    expect(migrations.map((m) => m.tag).filter((t) => !(t in UPGRADES))).toEqual([]);
    expect(Object.keys(UPGRADES).filter((t) => !migrations.some((m) => m.tag === t))).toEqual([]);
  });

  it.each(migrations.map((m, i) => [m.tag, i] as const))('%s upgrades the database before it, keeping its rows', (tag, i) => {
    const db = stationAt(path.join(tempDir('desk-migrate-'), 'station.db'), i === 0 ? null : migrations[i - 1]!.tag);
    try {
      UPGRADES[tag]!.before?.(db);
      const before = rowsOf(db);
      applyMigration(db, migrations[i]!);
      expect(schemaOf(db)).toEqual(snapshotSchema(tag));
      expectRowsKept(before, rowsOf(db), UPGRADES[tag]!.rewrites);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      UPGRADES[tag]!.check?.(db);
    } finally {
      db.close();
    }
  });

  it('the desk opens a database left at the previous migration: backs it up, then migrates to the latest', () => {
    const dir = tempDir('desk-migrate-open-');
    const file = path.join(dir, 'station.db');
    const last = UPGRADES[migrations.at(-1)!.tag]!;
    const old = stationAt(file, migrations.at(-2)!.tag);
    last.before?.(old);
    const before = rowsOf(old);
    old.close();
    const opened = openDatabase(file); // the backup goes to <folder>/backups
    try {
      expect(opened.backupPath).toMatch(/station-pre-migrate-.*\.db$/);
      expect(opened.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(migrations.length);
      expect(schemaOf(opened.sqlite)).toEqual(snapshotSchema(migrations.at(-1)!.tag));
      expectRowsKept(before, rowsOf(opened.sqlite), last.rewrites);
      last.check?.(opened.sqlite);
    } finally {
      opened.close();
    }
  });
});

describe('the drizzle schema and the committed migrations agree', () => {
  const imports = schema as Record<string, unknown>;

  it('generating a migration from the schema against the last snapshot gives no statements', async () => {
    const snapshot = (tag: string) => JSON.parse(fs.readFileSync(path.resolve(`electron/db/migrations/meta/${tag.slice(0, 4)}_snapshot.json`), 'utf8'));
    const current = await generateSQLiteDrizzleJson(imports);
    expect(await generateSQLiteMigration(snapshot(migrations.at(-1)!.tag), current as never)).toEqual([]);
    // The check can fail: against the last snapshot without one of its tables, that table comes back.
    // (Not the snapshot before: a migration that adds and drops columns makes drizzle-kit ask about renames.)
    const less = snapshot(migrations.at(-1)!.tag) as { tables: Record<string, unknown> };
    delete less.tables.audit_changes;
    expect(await generateSQLiteMigration(less as never, current as never)).toEqual([expect.stringContaining('CREATE TABLE `audit_changes`'), expect.stringContaining('CREATE INDEX `audit_changes_entity_idx`')]);
  });

  it('a database migrated from empty has nothing left to push', async () => {
    const opened = openDatabase(':memory:');
    try {
      const push = await pushSQLiteSchema(imports, opened.db as never);
      expect(push.statementsToExecute).toEqual([]);
    } finally {
      opened.close();
    }
    // …while one missing a table the schema has does (not one at the previous migration: see above).
    const short = openDatabase(':memory:');
    try {
      short.sqlite.exec('DROP TABLE audit_changes');
      const push = await pushSQLiteSchema(imports, short.db as never);
      expect(push.statementsToExecute).toEqual([expect.stringContaining('CREATE TABLE `audit_changes`'), expect.stringContaining('CREATE INDEX `audit_changes_entity_idx`')]);
    } finally {
      short.close();
    }
  });
});
