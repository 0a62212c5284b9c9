/**
 * Schedule fill (issue 13): the exact week fill for 60 drivers × 7 days must take ≤ 200 ms, both the
 * solver alone and `schedule.fill` previewed through the dispatcher (loading the week, history and
 * targets from a station database). Reference in the same run: the auto-assign solver on one day's
 * drivers × route slots (60 × 43), the same family of shortest augmenting paths.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/db/open';
import { call } from '../../electron/services/dispatch';
import type { ServiceContext } from '../../electron/services/context';
import { station } from '../../electron/db/schema';
import { EventBus } from '../../shared/events';
import { fixedClock } from '../../shared/dates';
import { solveAssignment } from '../../shared/solver/assignment';
import { solveFill, type FillDay, type FillDriver } from '../../shared/rules/schedule/fill';
import type { Qualification } from '../../shared/domain';
import type { BenchResult } from './run';
import { timed } from './timing';

const N = 60;
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const qualsOf = (i: number): Qualification[] => (i % 7 === 0 ? ['CDV', 'EDV', 'STEP_VAN'] : i % 3 === 0 ? ['EDV'] : ['CDV', 'EDV']);

function instance(): { drivers: FillDriver[]; days: FillDay[] } {
  const drivers: FillDriver[] = Array.from({ length: N }, (_, i) => ({
    id: i + 1,
    qualifications: qualsOf(i),
    preferredDays: [0, 1, 2, 3, 4, 5, 6].filter(() => rand() < 0.75),
    maxDays: 4 + (i % 2),
    available: Array.from({ length: 7 }, () => rand() > 0.08),
    runBefore: Math.floor(rand() * 4),
    hoursBefore: Array.from({ length: 6 }, () => (rand() < 0.6 ? 10 : 0)),
  }));
  const days: FillDay[] = [32, 40, 40, 40, 40, 42, 36].map((routes, k) => ({ weekday: k, routes, standby: 3, needs: { STEP_VAN: 3, EDV: 10 } }));
  return { drivers, days };
}

export async function run(): Promise<BenchResult[]> {
  const limits = { shiftHours: 10, minRestHours: 10, maxWeeklyHours: 60, maxConsecutiveDays: 6 };
  const { drivers, days } = instance();
  const solver = await timed(15, () => solveFill(drivers, days, limits));
  const plan = solveFill(drivers, days, limits);
  const cost = drivers.map(() => Array.from({ length: 43 }, () => Math.round(rand() * 20)));
  const reference = await timed(15, () => solveAssignment(cost));

  // The channel, on a station database with 60 drivers and their targets.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-schedule-'));
  const opened = openDatabase(path.join(dir, 'station.db'), { backupBeforeMigrate: false });
  const ctx: ServiceContext = { db: opened.db, clock: fixedClock('2026-11-26T13:00:00Z'), actor: { name: 'desk', role: 'desk' }, events: new EventBus(), dbPath: path.join(dir, 'station.db') };
  let channel;
  try {
    opened.db.insert(station).values({ id: 1, name: 'Bench', code: 'B1', lat: 0, lon: 0, timeZone: 'America/Los_Angeles' }).run();
    for (let i = 0; i < N; i++) {
      const d = await call(ctx, 'roster.upsert', { transporterId: `BENCH${String(i).padStart(9, '0')}`, name: `Driver ${i}`, qualifications: qualsOf(i), licenceExpiry: '2028-01-01' });
      await call(ctx, 'schedule.setTargets', { driverId: d.id, preferredDays: drivers[i]!.preferredDays as number[], daysPerWeek: drivers[i]!.maxDays, hoursPerWeek: 50 });
    }
    await call(ctx, 'schedule.setSettings', { forecast: days.map((d) => ({ routes: d.routes, standby: d.standby, needs: d.needs })) });
    channel = await timed(9, () => call(ctx, 'schedule.fill', { weekStart: '2026-11-29', apply: false }));
  } finally {
    opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const details = { drivers: N, days: 7, routesCovered: plan.objective.routes, routesForecast: days.reduce((s, d) => s + d.routes, 0), qualifiedCovered: plan.objective.qualified, cpuMs: solver.cpu };
  return [
    { name: 'schedule fill solver, 60 drivers × 7 days', value: solver.wall, unit: 'ms', target: 200, pass: solver.wall <= 200, reference: { name: 'assignment solver 60 × 43 (one day)', value: reference.wall, unit: 'ms' }, details },
    { name: 'schedule.fill preview (dispatch), 60 drivers × 7 days', value: channel.wall, unit: 'ms', target: 200, pass: channel.wall <= 200, reference: { name: 'assignment solver 60 × 43 (one day)', value: reference.wall, unit: 'ms' }, details: { cpuMs: channel.cpu } },
  ];
}
