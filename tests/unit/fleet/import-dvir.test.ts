import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { testDesk } from '../../helpers/context';
import { addStation, fileIn } from '../../helpers/imports';
import { dvicReport, fleetVehiclesExport, whipAroundReport } from '../../fixtures/amazon';
import { fixedClock } from '../../../shared/dates';
import { stationInstant } from '../../../shared/station-time';
import { withCheckDigit } from '../../../shared/vin';
import type { ServiceContext } from '../../../electron/services/context';

const DATE = '2026-12-30';
const TZ = 'America/Los_Angeles';
const wall = (date: string, hhmmss: string) => {
  const [h, m, s = '0'] = hhmmss.split(':');
  return new Date(stationInstant(date, Number(h) * 60 + Number(m), TZ).getTime() + Number(s) * 1000).toISOString();
};
const seconds = (hms: string) => hms.split(':').reduce((a, x) => a * 60 + Number(x), 0);

async function vanNamed(ctx: ServiceContext, name: string, n: number) {
  return call(ctx, 'fleet.upsert', { name, vin: withCheckDigit(`1FTBW3XM0HK${String(n).padStart(6, '0')}`), vanClass: name.startsWith('EV') ? 'electric_van' : 'standard_cargo' });
}

describe("inspections import: Whip Around's inspections report", () => {
  it('reads who inspected which van, when and for how long — no made-up results; the repeated header at the end is skipped', async () => {
    const { ctx } = testDesk({ clock: fixedClock('2026-12-30T20:00:00Z') });
    addStation(ctx);
    const f = whipAroundReport({ seed: 21, date: DATE, inspections: 12 });
    const assets = [...new Set(f.inspections.map((x) => x.asset))];
    for (const [i, a] of assets.entries()) await vanNamed(ctx, a, i + 1);
    // The roster knows all but one of the drivers, by name.
    const people = [...new Map(f.inspections.map((x) => [x.driver.transporterId, x.driver])).values()];
    for (const p of people.slice(1)) await call(ctx, 'roster.upsert', { transporterId: p.transporterId, name: p.name });
    const res = await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: false });
    expect(res).toMatchObject({ ok: true, source: 'whip-around', inspections: 12, added: 12, unchanged: 0, failed: 0, defectsOpened: 0, errors: [] });
    expect(res.read).toMatchObject({ recognised: { id: 'whip-around-inspections' }, skipped: { repeatedHeader: 1 }, ignoredColumns: [] });
    expect(res.warnings.map((w) => w.message)).toEqual(f.inspections.filter((x) => x.driver.transporterId === people[0]!.transporterId).map(() => `${people[0]!.name} is not on the roster: kept as a name`));
    const roster = new Map((await call(ctx, 'roster.list', {})).map((d) => [d.name, d.id]));
    const list = await call(ctx, 'fleet.inspections', { limit: 100 });
    expect(list).toHaveLength(12);
    for (const x of f.inspections) {
      const at = wall(x.date, x.time);
      const got = list.find((i) => i.vanName === x.asset && i.at === at)!;
      expect(got, `row ${x.rowNumber}`).toMatchObject({
        kind: x.kind === 'pre' ? 'pre_trip' : 'post_trip',
        date: DATE,
        inspector: x.driver.name,
        driverId: roster.get(x.driver.name) ?? null,
        durationSec: seconds(x.duration),
        endedAt: new Date(Date.parse(at) + seconds(x.duration) * 1000).toISOString(),
        odometerMi: Number(x.odometer),
        faults: Number(x.faults),
        result: null,
        source: 'whip-around',
        items: [],
      });
    }
    // No result invented: the vans' readiness does not change on an imported record.
    expect((await call(ctx, 'fleet.defects', {})).length).toBe(0);
    // A re-import adds nothing twice.
    expect(await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: true })).toMatchObject({ ok: true, added: 0, unchanged: 12 });
  });

  it('the board and the readiness grid know who has done a pre-trip today, and who has not', async () => {
    const { ctx } = testDesk({ clock: fixedClock('2026-12-30T20:00:00Z') });
    addStation(ctx);
    const f = whipAroundReport({ seed: 22, date: DATE, inspections: 8 });
    const pre = f.inspections.find((x) => x.kind === 'pre')!;
    const van = await vanNamed(ctx, pre.asset, 1);
    const other = await vanNamed(ctx, 'DSE4-999', 2);
    for (const a of new Set(f.inspections.map((x) => x.asset))) if (a !== pre.asset) await vanNamed(ctx, a, 10 + [...a].reduce((s, c) => s + c.charCodeAt(0), 0));
    const driver = await call(ctx, 'roster.upsert', { transporterId: pre.driver.transporterId, name: pre.driver.name, qualifications: ['CDV', 'EDV'] });
    await call(ctx, 'routes.import', { fileName: 'r.csv', content: 'Route Code,Wave,Service Type\nCX1,10:05,Nursery Route Level 2\nCX2,10:05,Nursery Route Level 2', date: DATE, dryRun: false });
    let board = await call(ctx, 'board.list', { date: DATE });
    await call(ctx, 'board.assign', { routeId: board.routes[0]!.id, driverId: driver.id, vanId: van.id, override: { reason: 'test' } });
    board = await call(ctx, 'board.list', { date: DATE });
    expect(board.routes[0]!.preTrip).toBeNull();
    expect(await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: false })).toMatchObject({ ok: true });
    board = await call(ctx, 'board.list', { date: DATE });
    const firstPre = f.inspections.filter((x) => x.kind === 'pre' && x.asset === pre.asset).sort((a, b) => a.time.localeCompare(b.time))[0]!;
    expect(board.routes[0]!.preTrip).toMatchObject({ at: wall(DATE, firstPre.time), inspector: firstPre.driver.name, source: 'whip-around', durationSec: seconds(firstPre.duration) });
    const readiness = await call(ctx, 'fleet.readiness', { date: DATE });
    expect(readiness.find((r) => r.vanId === van.id)!.preTrip).toMatchObject({ source: 'whip-around' });
    expect(readiness.find((r) => r.vanId === other.id)!.preTrip).toBeNull();
    // A van with no pre-trip is a fact on the board, not a refusal.
    await call(ctx, 'board.assign', { routeId: board.routes[1]!.id, driverId: (await call(ctx, 'roster.upsert', { transporterId: 'A0000000000099', name: 'Zed', qualifications: ['CDV'] })).id, vanId: other.id, override: { reason: 'test' } });
    board = await call(ctx, 'board.list', { date: DATE });
    expect(board.routes[1]!.preTrip).toBeNull();
    expect(board.routes[1]!.conflicts.map((c) => c.rule)).not.toContain('NO_PRE_TRIP');
  });
});

describe("inspections import: Amazon's DVIC report", () => {
  it('reads DA (by transporter ID), van (by VIN), type, start and end as station wall-clock time, and the duration', async () => {
    const { ctx } = testDesk({ clock: fixedClock('2026-12-31T03:00:00Z') });
    addStation(ctx);
    const f = await dvicReport({ seed: 23, endDate: DATE, inspections: 20 });
    const vins = [...new Set(f.inspections.map((x) => x.vin))];
    for (const [i, v] of vins.entries()) await call(ctx, 'fleet.upsert', { name: `V${i}`, vin: v, vanClass: 'standard_cargo' });
    const people = [...new Map(f.inspections.map((x) => [x.driver.transporterId, x.driver])).values()];
    for (const p of people) await call(ctx, 'roster.upsert', { transporterId: p.transporterId, name: p.name });
    const res = await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: false });
    expect(res).toMatchObject({ ok: true, source: 'dvic', inspections: 20, added: 20, errors: [], warnings: [] });
    expect(res.read).toMatchObject({ recognised: { id: 'dvic-report' }, sheet: { name: 'DVIC Time' } });
    // The report's dsp / station / fleet type / status columns are read (they identify it) but stored nowhere: not listed as ignored.
    expect(res.read!.ignoredColumns).toEqual([]);
    const roster = new Map((await call(ctx, 'roster.list', {})).map((d) => [d.transporterId, d.id]));
    const list = await call(ctx, 'fleet.inspections', { limit: 100 });
    for (const x of f.inspections) {
      const at = wall(x.start.slice(0, 10), x.start.slice(11));
      const got = list.find((i) => i.at === at && i.driverId === roster.get(x.driver.transporterId))!;
      expect(got, `row ${x.rowNumber}`).toMatchObject({
        kind: x.type === 'PRE_TRIP' ? 'pre_trip' : 'post_trip',
        date: x.date,
        inspector: x.driver.name,
        endedAt: wall(x.end.slice(0, 10), x.end.slice(11)),
        durationSec: x.duration,
        result: null,
        source: 'dvic',
      });
    }
    expect(await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: true })).toMatchObject({ ok: true, added: 0, unchanged: 20 });
  });

  it('an unknown van is an error on its row (with every other problem, in one pass); nothing is written', async () => {
    const { ctx } = testDesk();
    addStation(ctx);
    const f = await dvicReport({ seed: 24, inspections: 6 });
    const res = await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: false });
    expect(res.ok).toBe(false);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual(f.inspections.map((x) => [x.rowNumber, 'vin']));
    expect(await call(ctx, 'fleet.inspections', {})).toEqual([]);
  });

  it("the fleet export is refused under Inspections by name", async () => {
    const { ctx } = testDesk();
    const f = await fleetVehiclesExport({ seed: 25, vans: 8 });
    const res = await call(ctx, 'fleet.importInspections', { ...fileIn(f.fileName, f.bytes), dryRun: true });
    expect(res.errors).toEqual([{ row: 1, column: '', message: "This is Amazon's fleet vehicles export; import it under Vans." }]);
  });
});
