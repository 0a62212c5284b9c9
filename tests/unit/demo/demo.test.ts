import { describe, expect, it } from 'vitest';
import { areaSeeds, DEMO_STATION, isDatabaseEmpty, seedDemo } from '../../../electron/services/demo/seed';
import { testDesk, type TestDesk } from '../../helpers/context';
import { fixedClock } from '../../../shared/dates';
import { addDays, daysBetween } from '../../../shared/station-time';
import { vinProblem } from '../../../shared/vin';
import { driverInput } from '../../../shared/contract/roster';
import { vanInput } from '../../../shared/contract/fleet';
import type { Qualification, VanClass } from '../../../shared/domain';
import { missingQualifications } from '../../../shared/rules/fleet/classes';
import { readServiceType } from '../../../shared/rules/fleet/service-types';
import { DEMO_SERVICE, LIMITS, demoDutyMin } from '../../../electron/services/demo/core/plan';
import { DEFAULT_BOARD_LIMITS, dutyMinutes } from '../../../shared/rules/board';
import { stationInstant, stationClock } from '../../../shared/station-time';
import { createRng } from '../../../shared/random';
import { AppError } from '../../../shared/errors';
import { call } from '../../../electron/services/dispatch';

// testDesk's clock: 2026-11-26T13:00Z = 05:00 on Thursday 2026-11-26 in Kent, WA.
const TODAY = '2026-11-26';

type Row = Record<string, unknown>;
/** The van classes a service type accepts (default keyword rules), and whether qualifications allow a van. */
const classesOf = (st: unknown) => readServiceType(String(st)).classes;
const mayDrive = (q: unknown, v: { vanClass?: unknown; electric?: unknown }) =>
  missingQualifications(JSON.parse(String(q)) as Qualification[], { vanClass: v.vanClass as VanClass, electric: !!v.electric }).length === 0;
const all = (desk: TestDesk, sql: string, ...args: unknown[]) => desk.opened.sqlite.prepare(sql).all(...args) as Row[];
const one = (desk: TestDesk, sql: string, ...args: unknown[]) => desk.opened.sqlite.prepare(sql).get(...args) as Row;

/** Every user table in primary-key order, for comparing two databases. */
function dump(desk: TestDesk): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const t of ['station', 'drivers', 'vans', 'devices', 'routes', 'assignments', 'driver_days']) {
    out[t] = all(desk, `SELECT * FROM ${t} ORDER BY rowid`);
  }
  out.audit = all(desk, `SELECT at, actor, action, entity, entity_id, after FROM audit_log ORDER BY id`);
  return out;
}

function seeded(opts: { seed?: number; clock?: string } = {}) {
  const desk = testDesk(opts.clock ? { clock: fixedClock(opts.clock) } : {});
  const t0 = performance.now();
  const summary = seedDemo(desk.ctx, { seed: opts.seed });
  return { desk, summary, ms: performance.now() - t0 };
}

// One shared station for the read-only checks (seeding takes a fraction of a second).
const main = seeded();
const { desk } = main;

describe('demo station: determinism and shape', () => {
  it('the same seed and clock give identical data; another seed gives another station', () => {
    const again = seeded();
    expect(dump(again.desk)).toEqual(dump(desk));
    expect(again.summary).toEqual(main.summary);
    const other = seeded({ seed: 7 });
    expect(dump(other.desk).drivers).not.toEqual(dump(desk).drivers);
    expect(other.summary.routesToday).toBe(main.summary.routesToday);
  }, 180_000);

  it('summarises what it wrote', () => {
    const s = main.summary;
    expect(s).toMatchObject({ seed: 1, station: 'DSE4', today: TODAY, days: 43 });
    expect(s.drivers).toBe(Number(one(desk, 'SELECT count(*) n FROM drivers').n));
    expect(s.vans).toBe(Number(one(desk, 'SELECT count(*) n FROM vans').n));
    expect(s.devices).toBe(Number(one(desk, 'SELECT count(*) n FROM devices').n));
    expect(s.routes).toBe(Number(one(desk, 'SELECT count(*) n FROM routes').n));
    expect(s.assignments).toBe(Number(one(desk, 'SELECT count(*) n FROM assignments').n));
    expect(s.driverDays).toBe(Number(one(desk, 'SELECT count(*) n FROM driver_days').n));
    expect(s.drivers).toBeGreaterThanOrEqual(45);
    expect(s.drivers).toBeLessThanOrEqual(60);
    expect(s.vans).toBeGreaterThanOrEqual(40);
    expect(s.vans).toBeLessThanOrEqual(50);
    expect(s.routesToday).toBe(40); // a Thursday
    // Seed speed is measured by `npm run bench -- demo`, not asserted here.
    console.log(`[demo] seeded ${s.routes} routes, ${s.assignments} assignments in ${main.ms.toFixed(0)} ms`);
  });

  it('one real-looking station in the Pacific time zone, dated relative to its today', () => {
    expect(all(desk, 'SELECT * FROM station')).toEqual([
      { id: 1, name: DEMO_STATION.name, code: 'DSE4', dsp_code: 'RNLG', lat: DEMO_STATION.lat, lon: DEMO_STATION.lon, time_zone: 'America/Los_Angeles', geofence_m: 300, address: DEMO_STATION.address },
    ]);
    const range = one(desk, 'SELECT min(date) lo, max(date) hi, count(DISTINCT date) n FROM routes');
    expect(range).toEqual({ lo: addDays(TODAY, -42), hi: TODAY, n: 43 });
    // Late evening UTC is already the next day in UTC but still today in Kent.
    const evening = seeded({ clock: '2026-11-27T06:30:00Z' });
    expect(evening.summary.today).toBe(TODAY);
  }, 180_000);

  it('refuses a non-empty database, and isDatabaseEmpty tells', () => {
    const fresh = testDesk();
    expect(isDatabaseEmpty(fresh.ctx.db)).toBe(true);
    seedDemo(fresh.ctx);
    expect(isDatabaseEmpty(fresh.ctx.db)).toBe(false);
    expect(() => seedDemo(fresh.ctx)).toThrow(AppError);
    expect(() => seedDemo(testDesk().ctx, { seed: -1 })).toThrow(/seed/);
  }, 180_000);
});

describe('demo station: drivers', () => {
  const drivers = all(desk, 'SELECT * FROM drivers');
  const quals = (d: Row) => JSON.parse(String(d.qualifications)) as Qualification[];

  it('are valid roster entries with unique 14-character transporter IDs, names and phones', () => {
    for (const d of drivers) {
      const parsed = driverInput.safeParse({
        transporterId: d.transporter_id,
        name: d.name,
        phone: d.phone,
        email: d.email,
        licenceNumber: d.licence_number,
        licenceExpiry: d.licence_expiry,
        dotMedicalExpiry: d.dot_medical_expiry,
        hireDate: d.hire_date,
        status: d.status,
        position: d.position,
        qualifications: quals(d),
        notes: d.notes,
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(d.transporter_id).toMatch(/^A[A-Z0-9]{13}$/);
      expect(d.licence_number).toMatch(/^WDL[A-Z0-9]{9}$/);
      expect(d.phone).toMatch(/^\(253\) 555-01\d\d$/);
    }
    for (const col of ['transporter_id', 'name', 'phone', 'email', 'licence_number']) {
      expect(new Set(drivers.map((d) => d[col])).size, col).toBe(drivers.length);
    }
  });

  it('exactly one expired licence, several expiring within 30 days (some within 14)', () => {
    const expired = drivers.filter((d) => String(d.licence_expiry) < TODAY);
    expect(expired).toHaveLength(1);
    const left = drivers.map((d) => daysBetween(TODAY, String(d.licence_expiry)));
    expect(left.filter((n) => n >= 0 && n <= 30).length).toBeGreaterThanOrEqual(3);
    expect(left.filter((n) => n >= 0 && n <= 14).length).toBeGreaterThanOrEqual(1);
    expect(drivers.every((d) => d.licence_expiry)).toBe(true);
  });

  it('mostly active, 1–2 on leave; mixed qualifications; DOT cards for step-van drivers', () => {
    const by = (s: string) => drivers.filter((d) => d.status === s).length;
    expect(by('on_leave')).toBeGreaterThanOrEqual(1);
    expect(by('on_leave')).toBeLessThanOrEqual(2);
    expect(by('active')).toBeGreaterThanOrEqual(drivers.length - 4);
    const has = (q: Qualification) => drivers.filter((d) => quals(d).includes(q)).length;
    expect(has('CDV')).toBeGreaterThan(drivers.length * 0.8);
    expect(has('EDV')).toBeGreaterThan(drivers.length * 0.4);
    expect(has('STEP_VAN')).toBeGreaterThanOrEqual(5);
    expect(has('TRAINER')).toBeGreaterThanOrEqual(2);
    expect(has('TRAINER')).toBeLessThanOrEqual(6);
    for (const d of drivers) {
      expect(quals(d).some((q) => ['CDV', 'EDV', 'STEP_VAN'].includes(q)), String(d.name)).toBe(true);
      if (quals(d).includes('STEP_VAN')) expect(d.dot_medical_expiry, String(d.name)).toBeTruthy();
    }
    const dotSoon = drivers.filter((d) => d.dot_medical_expiry && daysBetween(TODAY, String(d.dot_medical_expiry)) <= 30);
    expect(dotSoon.length).toBeGreaterThanOrEqual(1);
  });

  it('a few new hires in the last weeks, on ride-alongs and nursery routes', () => {
    const recent = drivers.filter((d) => daysBetween(String(d.hire_date), TODAY) <= 30);
    expect(recent.length).toBeGreaterThanOrEqual(3);
    for (const d of recent) {
      const worked = all(desk, 'SELECT r.service_type st, r.date FROM assignments a JOIN routes r ON r.id = a.route_id WHERE a.driver_id = ? ORDER BY r.date', d.id);
      for (const w of worked) {
        const since = daysBetween(String(d.hire_date), String(w.date));
        expect(since).toBeGreaterThanOrEqual(0);
        if (since < 24) expect(String(w.st), `${String(d.name)} ${String(w.date)}`).toMatch(/^(Ride Along|Nursery Route Level [123])$/);
      }
    }
    const todayTypes = all(desk, 'SELECT service_type st FROM routes WHERE date = ?', TODAY).map((r) => String(r.st));
    expect(todayTypes).toContain('Ride Along');
    expect(todayTypes.filter((t) => t.startsWith('Nursery')).length).toBeGreaterThanOrEqual(2);
  });

  it('many drivers have a usual van they may drive', () => {
    const withVan = all(desk, 'SELECT d.qualifications q, v.van_class vanClass, v.electric FROM drivers d JOIN vans v ON v.id = d.usual_van_id');
    expect(withVan.length).toBeGreaterThanOrEqual(25);
    for (const r of withVan) expect(mayDrive(r.q, r)).toBe(true);
  });
});

describe('demo station: vans and devices', () => {
  const vans = all(desk, 'SELECT * FROM vans');

  it('valid, unique VINs and plates; realistic makes; every type', () => {
    for (const v of vans) {
      expect(vinProblem(String(v.vin)), String(v.vin)).toBeNull();
      const parsed = vanInput.safeParse({
        name: v.name, vin: v.vin, plate: v.plate, plateState: v.plate_state, make: v.make, model: v.model, subModel: v.sub_model, year: v.year, vanClass: v.van_class, electric: v.electric === 1,
        ownership: v.ownership, provider: v.provider, ownershipEndDate: v.ownership_end_date, odometerMi: v.odometer_mi, status: v.status, statusReason: v.status_reason,
        usableRangeMi: v.usable_range_mi, stateOfChargePct: v.state_of_charge_pct, chargingBay: v.charging_bay, notes: v.notes,
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    expect(new Set(vans.map((v) => v.vin)).size).toBe(vans.length);
    expect(new Set(vans.map((v) => v.plate)).size).toBe(vans.length);
    expect(new Set(vans.map((v) => v.name)).size).toBe(vans.length);
    const classes = new Map<string, number>();
    for (const v of vans) classes.set(String(v.van_class), (classes.get(String(v.van_class)) ?? 0) + 1);
    expect(classes.get('electric_van')).toBeGreaterThanOrEqual(10);
    expect(classes.get('standard_cargo')).toBeGreaterThanOrEqual(10);
    expect(classes.get('large_cargo')).toBeGreaterThanOrEqual(2);
    expect(classes.get('xl_cargo')).toBeGreaterThanOrEqual(2);
    expect(classes.get('step_van')).toBeGreaterThanOrEqual(3);
    expect(vans.filter((v) => v.ownership === 'rental').length).toBeGreaterThanOrEqual(2);
    expect(vans.filter((v) => v.electric === 1).every((v) => v.van_class === 'electric_van')).toBe(true);
    expect(new Set(vans.map((v) => v.make))).toEqual(new Set(['Rivian', 'Ford', 'Ram', 'Mercedes-Benz', 'Freightliner']));
  });

  it('EDVs carry range, charge and a bay; rentals a return date; a few vans are not ready, with reasons', () => {
    for (const v of vans.filter((x) => x.electric === 1)) {
      expect(Number(v.usable_range_mi)).toBeGreaterThan(100);
      expect(Number(v.state_of_charge_pct)).toBeGreaterThanOrEqual(0);
      expect(v.charging_bay).toMatch(/^CB-\d\d$/);
    }
    expect(vans.some((v) => v.electric === 1 && Number(v.state_of_charge_pct) < 30)).toBe(true);
    for (const v of vans.filter((x) => x.ownership === 'rental')) {
      expect(v.van_class).toBe('standard_cargo');
      expect(String(v.provider).length).toBeGreaterThan(3);
      expect(String(v.ownership_end_date) > TODAY).toBe(true);
    }
    const notReady = vans.filter((v) => v.status !== 'in_service');
    expect(notReady.map((v) => v.status).sort()).toEqual(['grounded', 'in_shop', 'out_of_service']);
    for (const v of notReady) expect(String(v.status_reason).length).toBeGreaterThan(10);
  });

  it('every van has a route phone; trackers have IMEI-like ids; spares are unlinked', () => {
    const devices = all(desk, 'SELECT * FROM devices');
    for (const v of vans) expect(devices.some((d) => d.van_id === v.id && d.kind === 'phone'), String(v.name)).toBe(true);
    const trackers = devices.filter((d) => d.kind === 'tracker');
    expect(trackers.length).toBeGreaterThanOrEqual(5);
    for (const t of trackers) {
      const s = String(t.identifier);
      expect(s).toMatch(/^\d{15}$/);
      const luhn = [...s].reverse().reduce((sum, ch, i) => {
        let n = Number(ch) * (i % 2 === 1 ? 2 : 1);
        if (n > 9) n -= 9;
        return sum + n;
      }, 0);
      expect(luhn % 10).toBe(0);
    }
    expect(devices.filter((d) => d.van_id === null).length).toBeGreaterThanOrEqual(1);
    expect(devices.filter((d) => d.kind === 'phone').every((d) => /^dsk-phone-\d{3}$/.test(String(d.identifier)))).toBe(true);
  });
});

describe('demo station: routes and assignments', () => {
  const rows = all(
    desk,
    `SELECT a.*, r.code, r.wave, r.service_type, r.planned_duration_min dur, r.status route_status, r.launched_at, r.returned_at,
            d.qualifications q, d.status driver_status, d.licence_expiry, d.hire_date, v.van_class, v.electric, v.status van_status,
            dv.van_id device_van
       FROM assignments a JOIN routes r ON r.id = a.route_id JOIN drivers d ON d.id = a.driver_id
       LEFT JOIN vans v ON v.id = a.van_id LEFT JOIN devices dv ON dv.id = a.device_id`,
  );

  it('route sheets look like Amazon’s: codes, waves, staging, service types, sizes', () => {
    const routes = all(desk, 'SELECT * FROM routes');
    for (const r of routes) {
      expect(r.code).toMatch(/^CX\d{2}$/);
      expect(['10:05', '10:25', '10:45']).toContain(r.wave);
      expect(r.staging).toMatch(/^STG\.[ABC]\d{1,2}$/);
      expect(Object.values(DEMO_SERVICE)).toContain(r.service_type);
      expect(readServiceType(String(r.service_type)).known, String(r.service_type)).toBe(true);
      expect(Number(r.planned_duration_min)).toBeGreaterThanOrEqual(60);
      expect(Number(r.planned_duration_min)).toBeLessThanOrEqual(540);
      if (r.service_type === DEMO_SERVICE.standard) {
        expect(Number(r.stops)).toBeGreaterThanOrEqual(150);
        expect(Number(r.stops)).toBeLessThanOrEqual(220);
        expect(Number(r.packages)).toBeGreaterThanOrEqual(220);
        expect(Number(r.packages)).toBeLessThanOrEqual(380);
        expect(Number(r.planned_distance_mi)).toBeGreaterThan(10);
      }
    }
    const perDay = all(desk, 'SELECT date, count(*) n, count(DISTINCT code) codes FROM routes GROUP BY date');
    for (const d of perDay) expect(d.codes).toBe(d.n);
    // Fewer routes on Sundays than on weekdays.
    const history = perDay.filter((d) => String(d.date) < TODAY);
    const avg = (wd: number[]) => {
      const sel = history.filter((d) => wd.includes(new Date(`${String(d.date)}T00:00:00Z`).getUTCDay()));
      return sel.reduce((s, d) => s + Number(d.n), 0) / sel.length;
    };
    expect(avg([0])).toBeLessThan(avg([1, 2, 3, 4, 5]));
    const mix = all(desk, 'SELECT service_type st, count(*) n FROM routes GROUP BY 1');
    const n = (st: string) => Number(mix.find((m) => m.st === st)?.n ?? 0);
    expect(n(DEMO_SERVICE.standard)).toBeGreaterThan(n(DEMO_SERVICE.electric));
    expect(n(DEMO_SERVICE.electric)).toBeGreaterThan(n(DEMO_SERVICE.step));
    expect(n(DEMO_SERVICE.large)).toBeGreaterThan(0);
    expect(n(DEMO_SERVICE.electricHelper)).toBeGreaterThan(0);
  });

  it('no driver, van or device twice on one day', () => {
    for (const col of ['driver_id', 'van_id', 'device_id']) {
      const dup = all(desk, `SELECT date, ${col} FROM assignments WHERE ${col} IS NOT NULL GROUP BY date, ${col} HAVING count(*) > 1`);
      expect(dup, col).toEqual([]);
    }
  });

  it('assignments respect qualifications, service types, statuses, licences and van readiness', () => {
    expect(rows.length).toBeGreaterThan(1000);
    for (const a of rows) {
      const label = `${String(a.date)} ${String(a.code)}`;
      if (a.service_type === DEMO_SERVICE.rideAlong) {
        expect(a.van_id, label).toBeNull();
        continue;
      }
      expect(classesOf(a.service_type), label).toContain(a.van_class);
      expect(mayDrive(a.q, { vanClass: a.van_class, electric: a.electric }), label).toBe(true);
      expect(a.device_van, label).toBe(a.van_id);
      expect(String(a.licence_expiry) >= String(a.date), label).toBe(true);
      expect(String(a.hire_date) <= String(a.date), label).toBe(true);
      if (a.date === TODAY) {
        expect(a.van_status, label).toBe('in_service');
        expect(a.driver_status, label).toBe('active');
      }
    }
    // Drivers on leave or separated stop working on the date in their notes.
    for (const d of all(desk, "SELECT id, notes FROM drivers WHERE status != 'active'")) {
      const since = /(\d{4}-\d{2}-\d{2})/.exec(String(d.notes))![1]!;
      expect(all(desk, 'SELECT 1 FROM assignments WHERE driver_id = ? AND date >= ?', d.id, since)).toEqual([]);
    }
  });

  it("history counts on-duty time as the board does (route + 30 + 15 min, not a flat hour of station time)", async () => {
    const limits = await call(desk.ctx, 'board.limits', {});
    for (const route of [300, 540, 555, 556]) expect(demoDutyMin(route)).toBe(dutyMinutes(route, limits));
    expect(demoDutyMin(540)).toBe(585); // a 9 h route is 9 h 45 on duty
    expect(demoDutyMin(555)).toBe(600); // 9 h 15 is exactly the 10 h day
    expect(LIMITS.maxDailyMin).toBe(limits.maxDailyHours * 60);
    expect(LIMITS.maxWeeklyMin).toBe(limits.maxWeeklyHours * 60);
  });

  it('history respects the working-hours limits (DOMAIN.md defaults)', () => {
    const byDriver = new Map<number, { day: number; start: number; end: number }[]>();
    for (const a of rows) {
      const day = daysBetween('2026-01-01', String(a.date));
      const [h, m] = String(a.wave).split(':').map(Number);
      // The board's own count: pre-trip before the wave, then the route and the return.
      const start = day * 1440 + h! * 60 + m! - DEFAULT_BOARD_LIMITS.preTripMin;
      const list = byDriver.get(Number(a.driver_id)) ?? [];
      list.push({ day, start, end: start + dutyMinutes(Number(a.dur), DEFAULT_BOARD_LIMITS) });
      byDriver.set(Number(a.driver_id), list);
    }
    for (const [driver, shifts] of byDriver) {
      shifts.sort((x, y) => x.start - y.start);
      let run = 1;
      for (let i = 0; i < shifts.length; i++) {
        const s = shifts[i]!;
        expect(s.end - s.start, `driver ${driver} daily`).toBeLessThanOrEqual(600);
        if (i > 0) {
          const prev = shifts[i - 1]!;
          expect(s.start - prev.end, `driver ${driver} rest`).toBeGreaterThanOrEqual(600);
          run = s.day === prev.day + 1 ? run + 1 : 1;
          expect(run, `driver ${driver} consecutive days`).toBeLessThanOrEqual(6);
        }
        const week = shifts.filter((o) => o.day > s.day - 7 && o.day <= s.day).reduce((sum, o) => sum + o.end - o.start, 0);
        expect(week, `driver ${driver} 7-day hours`).toBeLessThanOrEqual(3600);
      }
    }
  });

  it('past routes launched and returned (some late); day statuses match who drove', () => {
    const past = all(desk, 'SELECT * FROM routes WHERE date < ?', TODAY);
    const returned = past.filter((r) => r.status === 'returned');
    expect(returned.length).toBeGreaterThan(past.length * 0.97);
    let late = 0;
    for (const r of returned) {
      const wave = stationClock(new Date(String(r.launched_at)), DEMO_STATION.timeZone);
      expect(wave.date).toBe(r.date);
      expect(wave.minutes).toBeGreaterThanOrEqual(Number(String(r.wave).slice(0, 2)) * 60 + Number(String(r.wave).slice(3)));
      expect(Date.parse(String(r.returned_at))).toBeGreaterThan(Date.parse(String(r.launched_at)));
      const planned = stationInstant(String(r.date), Number(String(r.wave).slice(0, 2)) * 60 + Number(String(r.wave).slice(3)) + Number(r.planned_duration_min), DEMO_STATION.timeZone);
      if (Date.parse(String(r.returned_at)) - planned.getTime() > 30 * 60_000) late++;
    }
    expect(late).toBeGreaterThan(returned.length * 0.05);
    expect(late).toBeLessThan(returned.length * 0.25);
    // Everyone who drove a past route checked in (some late); a few called out or did not show.
    const drove = all(desk, `SELECT dd.status FROM assignments a JOIN driver_days dd ON dd.driver_id = a.driver_id AND dd.date = a.date WHERE a.date < ?`, TODAY);
    expect(drove.length).toBe(rows.filter((a) => String(a.date) < TODAY).length);
    expect(new Set(drove.map((d) => d.status))).toEqual(new Set(['checked_in', 'late']));
    const statuses = all(desk, 'SELECT status, count(*) n FROM driver_days WHERE date < ? GROUP BY 1', TODAY);
    expect(statuses.map((s) => s.status).sort()).toEqual(['called_out', 'checked_in', 'late', 'no_show']);
  });
});

describe('demo station: today, before the first wave', () => {
  const routes = all(desk, 'SELECT r.*, a.driver_id FROM routes r LEFT JOIN assignments a ON a.route_id = r.id WHERE r.date = ?', TODAY);
  const days = all(desk, 'SELECT dd.*, d.qualifications q, d.licence_expiry FROM driver_days dd JOIN drivers d ON d.id = dd.driver_id WHERE dd.date = ?', TODAY);

  it('about 40 routes, partly assigned, none launched', () => {
    expect(routes.length).toBe(40);
    const assigned = routes.filter((r) => r.driver_id != null);
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.length).toBeLessThan(routes.length / 2);
    expect(assigned.every((r) => r.status === 'assigned' && r.wave === '10:05')).toBe(true);
    expect(routes.filter((r) => r.driver_id == null).every((r) => r.status === 'planned')).toBe(true);
    expect(routes.every((r) => r.launched_at === null && r.returned_at === null)).toBe(true);
  });

  it('drivers partly checked in, one called out, check-in times not in the future', () => {
    const by = (s: string) => days.filter((d) => d.status === s);
    expect(by('checked_in').length).toBeGreaterThanOrEqual(10);
    expect(by('scheduled').length).toBeGreaterThanOrEqual(3);
    expect(by('called_out')).toHaveLength(1);
    const now = Date.parse('2026-11-26T13:00:00Z');
    for (const d of days) {
      if (d.status === 'checked_in' || d.status === 'late') {
        expect(d.checked_in_at).toBeTruthy();
        expect(Date.parse(String(d.checked_in_at))).toBeLessThan(now);
        expect(stationClock(new Date(String(d.checked_in_at)), DEMO_STATION.timeZone).date).toBe(TODAY);
      } else expect(d.checked_in_at).toBeNull();
    }
  });

  it('enough available, licensed drivers to cover every route (a complete assignment exists)', () => {
    const available = days.filter((d) => ['checked_in', 'late', 'scheduled'].includes(String(d.status)) && String(d.licence_expiry) >= TODAY);
    expect(available.length).toBeGreaterThanOrEqual(routes.length);
    const readyVans = all(desk, "SELECT van_class vanClass, electric FROM vans WHERE status = 'in_service'");
    // Bipartite matchings (Kuhn's algorithm): routes → drivers who may drive a ready van the route takes, and routes → those vans.
    const canTake = (r: Row, d: Row) => readyVans.some((v) => classesOf(r.service_type).includes(v.vanClass as VanClass) && mayDrive(d.q, v));
    const matchAll = <T,>(items: T[], fits: (r: Row, x: T) => boolean, list: Row[]) => {
      const matchOf = new Map<number, number>();
      const tryRoute = (ri: number, seen: Set<number>): boolean => {
        for (let i = 0; i < items.length; i++) {
          if (seen.has(i) || !fits(list[ri]!, items[i]!)) continue;
          seen.add(i);
          const other = matchOf.get(i);
          if (other === undefined || tryRoute(other, seen)) {
            matchOf.set(i, ri);
            return true;
          }
        }
        return false;
      };
      return list.filter((_, ri) => tryRoute(ri, new Set())).length;
    };
    expect(matchAll(available, canTake, routes)).toBe(routes.length);
    // And enough ready vans of the classes the routes take.
    const withVans = routes.filter((r) => r.service_type !== DEMO_SERVICE.rideAlong);
    expect(matchAll(readyVans, (r, v) => classesOf(r.service_type).includes(v.vanClass as VanClass), withVans)).toBe(withVans.length);
  });

  it('not-ready vans are never assigned after they went off the road', () => {
    const grounded = all(desk, "SELECT a.date, v.name, v.status FROM assignments a JOIN vans v ON v.id = a.van_id WHERE v.status != 'in_service' AND a.date >= ?", TODAY);
    expect(grounded).toEqual([]);
  });
});

describe('demo station: area hooks and time zones', () => {
  it('area hooks run in the same transaction with their own stream and today; a failing hook rolls everything back', () => {
    const seen: string[] = [];
    const index = areaSeeds.length;
    areaSeeds.push((ctx, rng, today) => {
      seen.push(today, String(rng.int(0, 1e9)));
      expect(ctx.db.$client.prepare('SELECT count(*) n FROM drivers').get()).toMatchObject({ n: main.summary.drivers });
    });
    try {
      const a = seeded();
      expect(seen).toEqual([TODAY, String(createRng(1).fork(`area-${index}`).int(0, 1e9))]);
      expect(dump(a.desk).drivers).toEqual(dump(desk).drivers); // hooks never shift the core data
    } finally {
      areaSeeds.pop();
    }
    areaSeeds.push(() => {
      throw new Error('broken area');
    });
    const broken = testDesk();
    try {
      expect(() => seedDemo(broken.ctx)).toThrow('broken area');
    } finally {
      areaSeeds.pop();
    }
    expect(isDatabaseEmpty(broken.ctx.db)).toBe(true);
  }, 180_000);

  it('works across daylight-saving changes (times stay at the wave in local time)', () => {
    // 2027-03-16: history spans the switch to PDT on 2027-03-14.
    const spring = seeded({ clock: '2027-03-16T15:00:00Z' });
    expect(spring.summary.today).toBe('2027-03-16');
    for (const date of ['2027-03-13', '2027-03-15']) {
      const r = one(spring.desk, "SELECT launched_at, wave FROM routes WHERE date = ? AND status = 'returned' ORDER BY launched_at LIMIT 1", date);
      const local = stationClock(new Date(String(r.launched_at)), 'America/Los_Angeles');
      expect(local.date).toBe(date);
      expect(local.minutes - (Number(String(r.wave).slice(0, 2)) * 60 + Number(String(r.wave).slice(3)))).toBeLessThan(30);
    }
  }, 180_000);

  it('the PRNG is deterministic and forks are independent', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRng(42).fork('x').next()).toBe(createRng(42).fork('x').next());
    expect(createRng(42).fork('x').next()).not.toBe(createRng(42).fork('y').next());
    const r = createRng(3);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(-2, 2);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(2);
    }
    expect(r.sample([1, 2, 3, 4], 2)).toHaveLength(2);
    expect(stationInstant('2026-07-01', 10 * 60 + 5, 'America/Los_Angeles').toISOString()).toBe('2026-07-01T17:05:00.000Z');
    expect(stationInstant('2026-12-01', 10 * 60 + 5, 'America/Los_Angeles').toISOString()).toBe('2026-12-01T18:05:00.000Z');
  });
});
