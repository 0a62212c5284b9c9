import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../../electron/services/demo/seed';
import { ROUTES_BY_WEEKDAY, weekday } from '../../../electron/services/demo/core/plan';
import { call } from '../../../electron/services/dispatch';
import { testDesk } from '../../helpers/context';
import { fixedClock } from '../../../shared/dates';
import { addDays } from '../../../shared/station-time';

/**
 * The demo's morning on every day of the week (CI runs on any day; twice a test found no standby or
 * no two proposals of one van class because of the weekday the demo was seeded on). One fixed week,
 * 09:00 in Kent, WA each day: Sunday 2026-11-29 … Saturday 2026-12-05.
 */
const WEEK = Array.from({ length: 7 }, (_, i) => addDays('2026-11-29', i));

describe('demo station: a realistic morning on every weekday', () => {
  it.each(WEEK)('%s: routes, a couple of standbys, a call-out, drivers still to check in, proposals sharing a van class', async (date) => {
    const desk = testDesk({ clock: fixedClock(`${date}T17:00:00Z`) });
    try {
      const summary = seedDemo(desk.ctx, { seed: 1 });
      expect(summary.today).toBe(date);
      // Routes every day (Amazon runs 7 days), the weekday's volume; Sunday the lightest.
      expect(summary.routesToday).toBe(ROUTES_BY_WEEKDAY[weekday(date)]);
      expect(Math.min(...ROUTES_BY_WEEKDAY)).toBe(ROUTES_BY_WEEKDAY[0]);

      const day = await call(desk.ctx, 'checkin.day', {});
      const of = (group: string, status?: string) => day.entries.filter((e) => e.group === group && (status === undefined || e.status === status));
      expect(of('standby').length).toBeGreaterThanOrEqual(2);
      expect(of('standby', 'scheduled').length, 'a standby still to arrive').toBeGreaterThanOrEqual(1);
      expect(day.entries.filter((e) => e.status === 'called_out')).toHaveLength(1);
      expect(of('expected', 'scheduled').length, 'expected drivers still to check in').toBeGreaterThanOrEqual(3);
      expect(of('not_expected', 'off').length, 'someone off today').toBeGreaterThanOrEqual(1);

      const preview = await call(desk.ctx, 'board.autoAssign', { date, apply: false });
      const vans = new Map((await call(desk.ctx, 'fleet.list', {})).map((v) => [v.id, `${v.vanClass}/${v.electric}`]));
      const perClass = new Map<string, number>();
      for (const p of preview.proposals) if (p.vanId !== null) perClass.set(vans.get(p.vanId)!, (perClass.get(vans.get(p.vanId)!) ?? 0) + 1);
      expect(preview.proposals.length).toBeGreaterThanOrEqual(summary.routesToday / 2);
      expect(perClass.size, 'a mix of van classes').toBeGreaterThanOrEqual(3);
      expect(Math.max(...perClass.values()), 'proposals sharing a class').toBeGreaterThanOrEqual(2);
    } finally {
      desk.close();
    }
  }, 120_000);
});
