import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { parseCortexRows, CORTEX_COLUMNS } from '../../../electron/services/board/cortex';
import { readTable } from '../../../electron/import/reader';
import { testDesk, type TestDesk } from '../../helpers/context';
import { addStation, fileIn } from '../../helpers/imports';
import { cortexRouteList, dayOfOpsPlan, type DayOfOpsPlan } from '../../fixtures/amazon';

const DATE = '2026-12-30';

async function importPlan(desk: TestDesk, plan: DayOfOpsPlan, dryRun = false) {
  return call(desk.ctx, 'routes.import', { ...fileIn(plan.fileName, plan.bytes), date: DATE, dryRun });
}

describe("route import: Amazon's Day of Ops plan", () => {
  it('finds the Solution sheet by its headers, reads waves in every form, minutes, zones and packages; skips and counts other DSPs, blank codes and the TOTAL row', async () => {
    const desk = testDesk();
    addStation(desk.ctx, 'ACME');
    const plan = await dayOfOpsPlan({ seed: 3, routes: 24, titleAbove: true });
    const res = await importPlan(desk, plan, true);
    const ours = plan.routes.filter((r) => r.dsp === 'ACME' && r.code);
    expect(res).toMatchObject({ ok: true, dryRun: true, source: 'day-of-ops', errors: [], warnings: [expect.objectContaining({ message: expect.stringMatching(/^2 rows without a route code skipped/) })] });
    expect(res.routes).toBe(plan.routes.length);
    expect(res.skippedOtherDsp).toBe(plan.routes.filter((r) => r.dsp !== 'ACME').length);
    expect(res.skippedBlankCode).toBe(plan.routes.filter((r) => r.dsp === 'ACME' && !r.code).length);
    expect(res.added).toEqual(ours.map((r) => r.code));
    expect(res.read).toMatchObject({ sheet: { name: 'Solution', index: 1, names: ['Summary', 'Solution', 'Parameters'] }, headerRow: 3, skipped: { title: 1, blank: 1, total: 1, legend: 0, repeatedHeader: 0 }, ignoredColumns: [] });
    // Values, row by row: every wave form reads HH:MM; minutes stay minutes.
    for (const r of ours) {
      const p = res.preview.find((x) => x.code === r.code)!;
      expect([p.row, p.wave, p.plannedDurationMin, p.durationDefaulted, p.packages, p.zones, p.staging, p.serviceType], `${r.code} (${r.waveForm})`).toEqual([r.rowNumber, r.wave, r.durationMin, false, r.packages, r.zones, r.staging, r.serviceType]);
    }
    expect(new Set(ours.map((r) => r.waveForm))).toEqual(new Set(['time-cell', 'day-fraction', 'text']));
    // Service types as Amazon writes them read to van classes.
    const expected: Record<string, [string[], string[]]> = {
      'Standard Parcel - Extra Large Van - US': [['xl_cargo', 'step_van'], []],
      'Standard Parcel - Large Van': [['large_cargo', 'xl_cargo'], []],
      'Standard Parcel Medium Van': [['standard_cargo', 'large_cargo', 'xl_cargo'], []],
      'Standard Parcel - Small Van': [['small_cargo', 'standard_cargo', 'large_cargo', 'xl_cargo'], []],
      'Standard Parcel Step Van - US': [['step_van'], []],
      'Standard Parcel Electric - Rivian MEDIUM': [['electric_van'], []],
      'Standard Parcel Electric - Rivian MEDIUM with Helper': [['electric_van'], ['helper']],
      'Nursery Route Level 1 - Electric Vehicle': [['electric_van'], ['nursery-1']],
    };
    for (const p of res.preview) expect([p.vanClasses, p.serviceTags], p.serviceType).toEqual(expected[p.serviceType]);
    expect(new Set(res.preview.map((p) => p.serviceType)).size).toBeGreaterThanOrEqual(4);
    expect((await call(desk.ctx, 'board.list', { date: DATE })).routes).toEqual([]);
    // Imported: the board has our routes with their numbers.
    expect(await importPlan(desk, plan)).toMatchObject({ ok: true, added: ours.map((r) => r.code) });
    const board = await call(desk.ctx, 'board.list', { date: DATE });
    const r0 = board.routes.find((r) => r.code === ours[0]!.code)!;
    expect(r0).toMatchObject({ wave: ours[0]!.wave, plannedDurationMin: ours[0]!.durationMin, packages: ours[0]!.packages, serviceType: ours[0]!.serviceType });
    // Re-importing the same plan changes nothing.
    expect(await importPlan(desk, plan, true)).toMatchObject({ ok: true, added: [], changed: [], removed: [], unchanged: ours.length });
  });

  it('without our DSP code a plan of several DSPs is refused with what to do; with it, a wave of 10:45 is read from each form', async () => {
    const desk = testDesk();
    addStation(desk.ctx, '');
    const plan = await dayOfOpsPlan({ seed: 4, routes: 6, waves: ['10:45'] });
    const refused = await importPlan(desk, plan, true);
    expect(refused.errors).toEqual([{ row: 1, column: 'DSP', message: 'the sheet lists 4 DSPs; set our DSP short code (Settings → Route sheets) to pick our rows' }]);
    await call(desk.ctx, 'board.setRouteSettings', { dspCode: 'acme' });
    const res = await importPlan(desk, plan, true);
    expect(res.ok).toBe(true);
    expect(new Set(res.preview.map((p) => p.wave))).toEqual(new Set(['10:45']));
    expect(res.preview.map((p) => p.plannedDurationMin)).toEqual(plan.routes.filter((r) => r.dsp === 'ACME' && r.code).map((r) => r.durationMin));
  });

  it('an unknown service type is a warning with the closest match, never a refusal', async () => {
    const desk = testDesk();
    addStation(desk.ctx, 'ACME');
    const csv = ['Route Code,Wave,Service Type,Route Duration', 'CX1,10:05,Standard Parcel - Extra Lrge Van - US,540', 'CX2,10:05,Bicycle Courier,540', 'CX3,10:25,Standard Parcel Medium Van,540'].join('\n');
    const res = await call(desk.ctx, 'routes.import', { fileName: 'sheet.csv', content: csv, date: DATE, dryRun: false });
    expect(res).toMatchObject({ ok: true, added: ['CX1', 'CX2', 'CX3'], errors: [] });
    expect(res.warnings).toEqual([
      { row: 2, column: 'Service Type', message: expect.stringContaining('unknown service type "Standard Parcel - Extra Lrge Van - US" (no rule knows "lrge"): read like "Standard Parcel - Extra Large Van - US" (closest match)') },
      { row: 3, column: 'Service Type', message: expect.stringContaining('unknown service type "Bicycle Courier"') },
    ]);
    const board = await call(desk.ctx, 'board.list', { date: DATE });
    expect(board.routes.map((r) => [r.code, r.serviceTypeKnown, r.allowedVanClasses])).toEqual([
      ['CX1', false, ['xl_cargo', 'step_van']],
      ['CX2', false, ['standard_cargo', 'large_cargo', 'xl_cargo', 'electric_van']],
      ['CX3', true, ['standard_cargo', 'large_cargo', 'xl_cargo']],
    ]);
  });
});

describe("route import: Amazon's Cortex route list", () => {
  it('parses each row into the route, the people on it (split on |) and its progress', async () => {
    const f = await cortexRouteList({ seed: 5, routes: 10 });
    const t = await readTable(f.bytes, { columns: CORTEX_COLUMNS, accepts: ['cortex-route-list'] });
    const issues = t.issues();
    const rows = parseCortexRows(t.rows, issues);
    expect(issues.list()).toEqual([]);
    expect(rows).toEqual(
      f.routes.map((r) => ({
        row: r.rowNumber,
        routeCode: r.code,
        dsp: r.dsp,
        transporterIds: r.drivers.map((d) => d.transporterId),
        driverNames: r.drivers.map((d) => d.name),
        progress: r.progress,
        serviceType: r.serviceType,
        durationMin: r.durationMin,
        stopsAll: r.allStops,
        stopsDone: r.complete,
        stopsNotStarted: r.notStarted,
      })),
    );
    expect(rows.some((r) => r.transporterIds.length === 2)).toBe(true);
  });

  it('imports as a route sheet: updates the plan, puts the roster drivers Amazon has on their routes, notes helpers and strangers', async () => {
    const desk = testDesk();
    addStation(desk.ctx, 'ACME');
    const plan = await dayOfOpsPlan({ seed: 6, routes: 24 });
    expect(await importPlan(desk, plan)).toMatchObject({ ok: true });
    const list = await cortexRouteList({ seed: 6, routes: 8, date: DATE });
    // The roster knows the first driver of every route but the last; nobody's helper.
    for (const r of list.routes.slice(0, -1)) await call(desk.ctx, 'roster.upsert', { transporterId: r.drivers[0]!.transporterId, name: r.drivers[0]!.name, qualifications: ['CDV', 'EDV'] });
    const res = await call(desk.ctx, 'routes.import', { ...fileIn(list.fileName, list.bytes), date: DATE, dryRun: true });
    expect(res).toMatchObject({ ok: true, source: 'cortex', removed: [], errors: [] });
    expect(res.read).toMatchObject({ recognised: { id: 'cortex-route-list' }, sheet: { name: 'Routes' } });
    const outcomes = res.drivers.map((d) => [d.routeCode, d.outcome]);
    for (const r of list.routes.slice(0, -1)) expect(outcomes).toContainEqual([r.code, 'assigned']);
    expect(outcomes).toContainEqual([list.routes.at(-1)!.code, 'not-in-roster']);
    const helped = list.routes.find((r) => r.drivers.length === 2)!;
    expect(res.preview.find((p) => p.code === helped.code)!.people.map((p) => p.transporterId)).toEqual(helped.drivers.map((d) => d.transporterId));
    // Stops and durations come from Cortex; waves and staging stay the plan's.
    const planned = plan.routes.find((r) => r.code === list.routes[0]!.code)!;
    expect(res.preview.find((p) => p.code === planned.code)).toMatchObject({ wave: planned.wave, staging: planned.staging, stops: list.routes[0]!.allStops, plannedDurationMin: list.routes[0]!.durationMin });
    expect((await call(desk.ctx, 'board.list', { date: DATE })).counts.assigned).toBe(0);
    const done = await call(desk.ctx, 'routes.import', { ...fileIn(list.fileName, list.bytes), date: DATE, dryRun: false });
    expect(done.ok).toBe(true);
    const board = await call(desk.ctx, 'board.list', { date: DATE });
    expect(board.counts.assigned).toBe(list.routes.length - 1);
    const r0 = board.routes.find((r) => r.code === list.routes[0]!.code)!;
    expect(r0).toMatchObject({ driver: { transporterId: list.routes[0]!.drivers[0]!.transporterId }, van: null });
    expect(r0.conflicts.map((c) => c.rule)).toContain('VAN_REQUIRED');
    // Importing the list again keeps them.
    const again = await call(desk.ctx, 'routes.import', { ...fileIn(list.fileName, list.bytes), date: DATE, dryRun: true });
    expect(again.drivers.filter((d) => d.outcome === 'kept')).toHaveLength(list.routes.length - 1);
  });

  it('a route the desk does not have gets the day’s first wave, with a warning; with no routes at all it is refused by row', async () => {
    const desk = testDesk();
    addStation(desk.ctx, 'ACME');
    const list = await cortexRouteList({ seed: 7, routes: 3, date: DATE });
    const res = await call(desk.ctx, 'routes.import', { ...fileIn(list.fileName, list.bytes), date: DATE, dryRun: true });
    expect(res.ok).toBe(false);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Route code'],
      [3, 'Route code'],
      [4, 'Route code'],
    ]);
    await call(desk.ctx, 'routes.import', { fileName: 'r.csv', content: 'Route Code,Wave,Service Type\nCX900,10:25,Standard Parcel\nCX901,10:05,Standard Parcel', date: DATE, dryRun: false });
    const ok = await call(desk.ctx, 'routes.import', { ...fileIn(list.fileName, list.bytes), date: DATE, dryRun: true });
    expect(ok.ok).toBe(true);
    expect(ok.preview.every((p) => p.wave === '10:05')).toBe(true);
    expect(ok.warnings.filter((w) => /is new: wave 10:05/.test(w.message))).toHaveLength(3);
  });
});
