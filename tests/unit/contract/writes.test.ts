/**
 * Contract-wide: every write channel, called with a valid input that changes something on the demo
 * station, leaves exactly one new audit entry (audit_log row) and announces exactly one `changed`
 * event — and the table below must name every write channel of the contract.
 *
 * Each case runs on its own copy of one seeded demo station (a file copy, so cases never see each
 * other's changes). `setup` may make the state the write needs (through channels, before counting).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { takeBackupSync } from '../../../electron/db/backup';
import { seedDemo } from '../../../electron/services/demo/seed';
import { call, dispatch } from '../../../electron/services/dispatch';
import type { ServiceContext } from '../../../electron/services/context';
import { contract, type Channel } from '../../../shared/contract';
import { fixedClock } from '../../../shared/dates';
import { EventBus, type DeskEvent } from '../../../shared/events';
import { withCheckDigit } from '../../../shared/vin';
import { tempDir } from '../../helpers/context';

const TODAY = '2026-11-26';
const CLOCK = fixedClock('2026-11-26T13:00:00Z'); // 05:00 at the demo station (Los Angeles)

/** The station a case runs on: its context and small lookups over the demo data. */
class Station {
  constructor(
    readonly ctx: ServiceContext,
    private readonly sqlite: ReturnType<typeof openDatabase>['sqlite'],
  ) {}
  /** First column of the first row (throws when there is none: the demo must have what a case needs). */
  one<T = number>(sql: string, ...params: unknown[]): T {
    const v = this.sqlite.prepare(sql).pluck().get(...params) as T | undefined;
    if (v === undefined || v === null) throw new Error(`demo data has no row for: ${sql}`);
    return v;
  }
  row<T>(sql: string, ...params: unknown[]): T {
    const r = this.sqlite.prepare(sql).get(...params) as T | undefined;
    if (!r) throw new Error(`demo data has no row for: ${sql}`);
    return r;
  }
  rows<T>(sql: string, ...params: unknown[]): T[] {
    return this.sqlite.prepare(sql).all(...params) as T[];
  }
  call<K extends Channel>(name: K, input: unknown) {
    return call(this.ctx, name, input);
  }
  /** A today's auto-assign proposal (route, driver, van) the board would accept. */
  async proposal() {
    const plan = await this.call('board.autoAssign', { date: TODAY, apply: false });
    const p = plan.proposals[0];
    if (!p) throw new Error('auto-assign proposes nothing on the demo station');
    return { routeId: p.routeId, driverId: p.driverId, vanId: p.vanId };
  }
  /**
   * Two of today's assigned routes (same wave, same van class) whose drivers may change places:
   * each candidate pair is tried on a scratch copy of the station, never on this one.
   */
  async swappable(): Promise<[number, number]> {
    const pairs = this.rows<{ a: number; b: number }>(
      `SELECT a1.route_id AS a, a2.route_id AS b FROM assignments a1
         JOIN assignments a2 ON a2.date = a1.date AND a2.route_id > a1.route_id
         JOIN routes r1 ON r1.id = a1.route_id JOIN routes r2 ON r2.id = a2.route_id AND r2.wave = r1.wave
         JOIN vans v1 ON v1.id = a1.van_id JOIN vans v2 ON v2.id = a2.van_id AND v2.van_class = v1.van_class
        WHERE a1.date = ? ORDER BY a1.route_id, a2.route_id`,
      TODAY,
    );
    for (const { a, b } of pairs) {
      if ((await dispatch(station().ctx, 'board.swap', { routeIdA: a, routeIdB: b, override })).ok) return [a, b];
    }
    throw new Error('no swappable pair of routes today');
  }
}

const b64 = (text: string) => ({ content: text, encoding: 'utf8' as const });
const override = { reason: 'contract test: reviewed' };

type Case = { setup?: (s: Station) => Promise<void>; input: (s: Station) => unknown | Promise<unknown> };

/** A valid input that changes something, for every write channel. */
const WRITES: Record<string, Case> = {
  'tokens.create': { input: () => ({ name: 'Contract owner', role: 'owner' }) },
  'tokens.revoke': {
    setup: async (s) => void (await s.call('tokens.create', { name: 'To revoke' })),
    input: (s) => ({ id: s.one("SELECT id FROM api_tokens WHERE name = 'To revoke'") }),
  },
  'roster.upsert': { input: () => ({ transporterId: 'A9CONTRACT01', name: 'Contract Driver' }) },
  'roster.archive': { input: (s) => ({ id: s.one("SELECT id FROM drivers WHERE archived_at IS NULL AND status = 'active' ORDER BY id"), archived: true }) },
  'roster.import': {
    input: () => ({
      fileName: 'associates.csv',
      dryRun: false,
      ...b64(
        'Name and ID,TransporterID,Position,Qualifications,ID expiration,Personal Phone Number,Work Phone Number,Email,Status\n' +
          'New Driver (A3NW8D5R2V7E4T),A3NW8D5R2V7E4T,Delivery Associate,CDV,04/01/2028,(253) 555-0100,,,Active\n',
      ),
    }),
  },
  'fleet.upsert': { input: () => ({ name: 'Contract Van', vin: withCheckDigit('1FTBW3XM0LKA99999'), vanClass: 'standard_cargo' }) },
  'fleet.archive': { input: (s) => ({ id: s.one('SELECT id FROM vans WHERE archived_at IS NULL ORDER BY id DESC'), archived: true }) },
  'devices.upsert': { input: () => ({ identifier: 'contract-phone-1', kind: 'phone', label: 'Spare' }) },
  'fleet.inspect': {
    input: (s) => ({ vanId: s.one("SELECT id FROM vans WHERE archived_at IS NULL AND status = 'in_service' ORDER BY id"), inspector: 'Contract Test', items: [{ itemCode: 'brakes', passed: true }] }),
  },
  'fleet.reportDefect': { input: (s) => ({ vanId: s.one('SELECT id FROM vans WHERE archived_at IS NULL ORDER BY id'), description: 'Cracked mirror housing', severity: 'minor' }) },
  'fleet.startRepair': { input: (s) => ({ defectId: s.one("SELECT id FROM defects WHERE status = 'open' ORDER BY id"), shop: 'Contract Garage', expectedDate: '2026-11-28' }) },
  'fleet.resolveDefect': { input: (s) => ({ defectId: s.one("SELECT id FROM defects WHERE status IN ('open', 'in_repair') ORDER BY id"), note: 'Fixed' }) },
  'fleet.releaseVan': {
    input: (s) => ({
      vanId: s.one(
        `SELECT v.id FROM vans v WHERE v.archived_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM defects d WHERE d.van_id = v.id AND (d.status = 'in_repair' OR (d.status = 'open' AND d.severity = 'critical'))) ORDER BY v.id`,
      ),
      note: 'Road tested',
    }),
  },
  'fleet.recordService': { input: (s) => ({ vanId: s.one('SELECT id FROM vans WHERE archived_at IS NULL ORDER BY id'), code: 'oil', date: TODAY, odometerMi: null }) },
  'fleet.setPmSchedule': { input: () => ({ vanClass: 'standard_cargo', code: 'contract', label: 'Contract check', everyMi: 12_345, everyDays: null }) },
  'fleet.setSettings': { input: () => ({ docWarnDays: 45 }) },
  'fleet.setDocument': { input: (s) => ({ vanId: s.one('SELECT id FROM vans WHERE archived_at IS NULL ORDER BY id'), kind: 'insurance', expiresOn: '2027-06-30', reference: 'POL-CONTRACT' }) },
  'fleet.setCharge': { input: (s) => ({ vanId: s.one("SELECT id FROM vans WHERE archived_at IS NULL AND electric = 1 ORDER BY id"), stateOfChargePct: 42 }) },
  'fleet.import': {
    input: () => ({ fileName: 'fleet.csv', dryRun: false, ...b64(`vin,vehicleName,serviceTier,make,model\n${withCheckDigit('1FTBW3XM0LKA88888')},CDV-CONTRACT,STANDARD_CARGO_VAN,FORD,TRANSIT\n`) }),
  },
  'fleet.importInspections': {
    input: (s) => ({
      fileName: 'dvir.csv',
      dryRun: false,
      ...b64(`Van,Date,Time,Type,Inspector,Brakes\n${s.one<string>("SELECT name FROM vans WHERE archived_at IS NULL AND status = 'in_service' ORDER BY id")},${TODAY},04:30,Pre-trip,Contract Test,P\n`),
    }),
  },
  'routes.import': { input: () => ({ fileName: 'routes.csv', date: '2026-11-27', dryRun: false, ...b64('Route Code,Wave Time,Service Type\nCX901,10:05,Standard Parcel\n') }) },
  'board.assign': { input: async (s) => ({ ...(await s.proposal()), override }) },
  'board.unassign': { input: (s) => ({ routeId: s.one('SELECT route_id FROM assignments WHERE date = ? ORDER BY route_id', TODAY) }) },
  'board.swap': {
    input: async (s) => {
      const [routeIdA, routeIdB] = await s.swappable();
      return { routeIdA, routeIdB, override };
    },
  },
  'board.pin': { input: (s) => ({ routeId: s.one('SELECT route_id FROM assignments WHERE date = ? AND pinned = 0 ORDER BY route_id', TODAY), pinned: true }) },
  'board.restore': { input: (s) => ({ states: [{ routeId: s.one('SELECT route_id FROM assignments WHERE date = ? ORDER BY route_id', TODAY), assignment: null }] }) },
  'board.autoAssign': { input: () => ({ date: TODAY, apply: true, override }) },
  'board.setRouteSettings': { input: () => ({ dspCode: 'ZZZZ', resetServiceTypes: true }) },
  'board.applyProposals': { input: async (s) => ({ date: TODAY, proposals: [await s.proposal()], override }) },
  'board.loadoutAnyway': { input: () => ({ date: TODAY, format: 'csv', reason: 'contract test' }) },
  'board.setLimits': { input: () => ({ preTripMin: 25, vanDueMarginMi: 30 }) },
  'checkin.set': { input: (s) => ({ date: TODAY, driverId: s.one("SELECT driver_id FROM driver_days WHERE date = ? AND status = 'scheduled' ORDER BY driver_id", TODAY), status: 'checked_in' }) },
  'checkin.bulk': { input: (s) => ({ date: TODAY, driverIds: [s.one("SELECT driver_id FROM driver_days WHERE date = ? AND status = 'scheduled' ORDER BY driver_id", TODAY)] }) },
  'schedule.set': { input: (s) => ({ cells: [{ driverId: s.one('SELECT id FROM drivers WHERE archived_at IS NULL ORDER BY id'), date: '2026-12-10', state: 'working' }] }) },
  'schedule.copyWeek': {
    setup: async (s) => void (await s.call('schedule.set', { cells: [{ driverId: s.one('SELECT id FROM drivers WHERE archived_at IS NULL ORDER BY id'), date: '2026-12-14', state: 'standby' }] })),
    input: () => ({ from: '2026-12-13', to: '2026-12-20' }),
  },
  'schedule.fill': { input: () => ({ weekStart: '2026-11-29', apply: true }) },
  'schedule.setSettings': { input: () => ({ shiftHours: 9.5 }) },
  'schedule.setTargets': { input: (s) => ({ driverId: s.one('SELECT id FROM drivers WHERE archived_at IS NULL ORDER BY id'), preferredDays: [1, 2, 3, 4], daysPerWeek: 4, hoursPerWeek: 40 }) },
  'telematics.linkDevice': { input: (s) => ({ identifier: s.one<string>('SELECT identifier FROM unknown_devices'), vanId: s.one('SELECT id FROM vans WHERE archived_at IS NULL ORDER BY id') }) },
  'telematics.updateSettings': { input: () => ({ staleMin: 17 }) },
  'telematics.ackAlarm': { input: (s) => ({ id: s.one('SELECT id FROM alarms WHERE acknowledged_at IS NULL ORDER BY id'), note: 'Charged at the station' }) },
  'backups.setSettings': { input: () => ({ keep: 9 }) },
  'sync.setSettings': { input: () => ({ url: 'http://127.0.0.1:9/', token: 'contract-push-token', paused: true }) },
  'scorecards.import': {
    input: (s) => {
      const d = s.row<{ tid: string; name: string }>("SELECT transporter_id AS tid, name FROM drivers WHERE status = 'active' ORDER BY id");
      // No `week`: the file's name says it (the week is optional since the import reads it from the file).
      return { fileName: 'DA_Current_Week_2026-W48.csv', dryRun: false, ...b64(`Name,Transporter ID,Overall Tier,DCR,POD\n${d.name},${d.tid},Great,99.1%,99.5%\n`) };
    },
  },
  'scorecards.setCompany': { input: () => ({ week: '2026-W47', companyScore: 77.7, companyTier: 'Great' }) },
  'scorecards.setThresholds': { input: () => ({ week: null, thresholds: { dcr: { fantasticPlus: 99.9, fantastic: 99.5, great: 99, fair: 98 } } }) },
  'coaching.create': { input: (s) => ({ driverId: s.one("SELECT id FROM drivers WHERE status = 'active' ORDER BY id"), finding: 'Contract finding' }) },
  'coaching.update': { input: (s) => ({ id: s.one("SELECT id FROM coaching_plans WHERE status = 'accepted' ORDER BY id"), finding: 'Reworded finding' }) },
  'coaching.suggest': { input: (s) => ({ week: s.one<string>('SELECT MIN(week) FROM scorecard_weeks') }) },
  'coaching.accept': { input: (s) => ({ id: s.one("SELECT id FROM coaching_plans WHERE status = 'suggested' ORDER BY id") }) },
  'coaching.dismiss': { input: (s) => ({ id: s.one("SELECT id FROM coaching_plans WHERE status = 'suggested' ORDER BY id"), reason: 'Not needed' }) },
  'coaching.acknowledge': { input: (s) => ({ id: s.one("SELECT id FROM coaching_plans WHERE status = 'accepted' ORDER BY id"), acknowledgement: 'Talked it through' }) },
  'coaching.close': { input: (s) => ({ id: s.one("SELECT id FROM coaching_plans WHERE status = 'acknowledged' ORDER BY id"), followUpResult: 'Improved' }) },
  'coaching.review': {
    // An accepted plan long past its due date with no scorecard since is escalated.
    setup: async (s) => void (await s.call('coaching.create', { driverId: s.one("SELECT id FROM drivers WHERE status = 'active' ORDER BY id DESC"), finding: 'Overdue', dueDate: '2026-10-01' })),
    input: () => ({}),
  },
  'training.upsertCourse': { input: () => ({ name: 'Contract course', validityDays: 365, mandatory: false }) },
  'training.record': { input: (s) => ({ driverId: s.one("SELECT id FROM drivers WHERE status = 'active' ORDER BY id"), courseId: s.one('SELECT id FROM training_courses ORDER BY id'), completedOn: TODAY }) },
  'training.deleteRecord': { input: (s) => ({ id: s.one('SELECT id FROM training_records ORDER BY id') }) },
  'incidents.create': { input: () => ({ type: 'other', date: TODAY, description: 'Contract incident' }) },
  'incidents.update': { input: (s) => ({ id: s.one('SELECT id FROM incidents ORDER BY id'), description: 'Updated description' }) },
  'standup.upsertTopic': { input: () => ({ title: 'Contract topic' }) },
  'standup.setTopic': { input: (s) => ({ date: TODAY, topicId: s.one('SELECT id FROM safety_topics WHERE archived_at IS NULL ORDER BY id DESC') }) },
  'standup.recordTopic': { input: () => ({}) },
  'progress.import': {
    input: (s) => {
      const r = s.row<{ code: string; tid: string; name: string }>('SELECT r.code, d.transporter_id AS tid, d.name FROM routes r JOIN assignments a ON a.route_id = r.id JOIN drivers d ON d.id = a.driver_id WHERE r.date = ? ORDER BY r.code', TODAY);
      const header = 'Route code,DSP,Transporter ID,Driver name,Route progress,Delivery service type,Route Duration,All stops,Stops complete,not started stops';
      return { fileName: 'Routes_DSE4_2026-11-26_12_40 (PST).csv', ...b64(`${header}\n${r.code},,${r.tid},${r.name},In progress,Standard Parcel Medium Van,480,160,40,100\n`) };
    },
  },
  'progress.setSettings': { input: () => ({ marginMin: 25 }) },
  'rescues.record': {
    input: (s) => {
      const r = s.row<{ code: string; driverId: number }>('SELECT r.code, a.driver_id AS driverId FROM routes r JOIN assignments a ON a.route_id = r.id WHERE r.date = ? ORDER BY r.code', TODAY);
      return { date: TODAY, routeCode: r.code, toDriverId: s.one("SELECT id FROM drivers WHERE status = 'active' AND archived_at IS NULL AND id <> ? ORDER BY id", r.driverId), stops: 20 };
    },
  },
  'close.set': { input: (s) => ({ routeId: s.one('SELECT id FROM routes WHERE date = ? ORDER BY code', TODAY), phoneReturned: true }) },
};

const writeChannels = (Object.keys(contract) as Channel[]).filter((c) => contract[c].access === 'write');

let template: string;
const opened: { close(): void }[] = [];
beforeAll(() => {
  const dir = tempDir('desk-contract-');
  const seeded = openDatabase(path.join(dir, 'seeded.db'));
  seedDemo({ db: seeded.db, clock: CLOCK, actor: { name: 'desk', role: 'desk' }, events: new EventBus(), dbPath: '' });
  template = path.join(dir, 'template.db');
  takeBackupSync(seeded.sqlite, seeded.path, template);
  seeded.close();
}, 120_000);
afterAll(() => opened.forEach((o) => o.close()));

/** A fresh copy of the seeded demo station. */
function station(): Station {
  const file = path.join(tempDir('desk-contract-case-'), 'station.db');
  fs.copyFileSync(template, file);
  const db = openDatabase(file);
  opened.push(db);
  return new Station({ db: db.db, clock: CLOCK, actor: { name: 'desk', role: 'desk' }, events: new EventBus(), dbPath: file }, db.sqlite);
}

describe('every write channel: one audit entry, one changed event', () => {
  it('the table names every write channel of the contract, and nothing else', () => {
    expect(writeChannels.filter((c) => !(c in WRITES))).toEqual([]);
    expect(Object.keys(WRITES).filter((c) => !writeChannels.includes(c as Channel))).toEqual([]);
  });

  it.each(writeChannels)('%s', async (name) => {
    const s = station();
    const c = WRITES[name]!;
    await c.setup?.(s);
    const input = await c.input(s);
    const audits = () => s.one('SELECT count(*) FROM audit_log');
    const before = audits();
    const events: DeskEvent[] = [];
    s.ctx.events.subscribe((e) => e.type === 'changed' && events.push(e));
    const res = await dispatch(s.ctx, name, input);
    expect(res, JSON.stringify(res).slice(0, 400)).toMatchObject({ ok: true });
    expect(audits() - before).toBe(1);
    expect(events).toEqual([{ type: 'changed', channel: name, at: CLOCK.now().toISOString(), actor: 'desk' }]);
  });
});

describe('previews keep nothing: no audit entry, no event', () => {
  const previews: [Channel, (s: Station) => unknown][] = [
    ['roster.import', (s) => ({ ...(WRITES['roster.import']!.input(s) as object), dryRun: true })],
    ['fleet.import', (s) => ({ ...(WRITES['fleet.import']!.input(s) as object), dryRun: true })],
    ['fleet.importInspections', (s) => ({ ...(WRITES['fleet.importInspections']!.input(s) as object), dryRun: true })],
    ['routes.import', (s) => ({ ...(WRITES['routes.import']!.input(s) as object), dryRun: true })],
    ['scorecards.import', (s) => ({ ...(WRITES['scorecards.import']!.input(s) as object), dryRun: true })],
    ['board.autoAssign', () => ({ date: TODAY, apply: false })],
  ];
  it.each(previews)('%s', async (name, input) => {
    const s = station();
    const audits = () => s.one('SELECT count(*) FROM audit_log');
    const before = audits();
    const events: DeskEvent[] = [];
    s.ctx.events.subscribe((e) => e.type === 'changed' && events.push(e));
    const res = await dispatch(s.ctx, name, input(s));
    expect(res, JSON.stringify(res).slice(0, 400)).toMatchObject({ ok: true });
    expect([audits() - before, events.length]).toEqual([0, 0]);
  });
});

