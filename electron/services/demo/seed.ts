/**
 * The demo station: `seedDemo(ctx, {seed})` fills an empty station database with a realistic,
 * deterministic DSP station (same seed + same station day → same data), dated relative to the
 * station's today so the demo is always "live". One write on the write path (actor
 * `system:demo`): all of it or nothing, one audit entry, one `changed` event.
 *
 * Areas add their own demo data in `electron/services/demo/<area>.ts` and ONE line in
 * `areaSeeds` below. Each hook runs inside the same transaction after the core data, with the
 * write context in `ctx` (its db is the transaction's), its own PRNG stream (so hooks never shift
 * each other's data) and the station's today (YYYY-MM-DD).
 */
import { count } from 'drizzle-orm';
import { drivers, routes, station, vans } from '../../db/schema';
import type { ReadDb, WriteContext } from '../context';
import { runWrite, systemActor, type WriteTarget } from '../write';
import { stationDate } from '../../../shared/station-time';
import { createRng, type Rng } from '../../../shared/random';
import { AppError } from '../../../shared/errors';
import { DEMO_STATION, seedCore, type CoreSummary } from './core';
import { clearStationData } from './reset';
import { seedScorecardsDemo } from './scorecards';
import { seedTelematicsDemo } from './telematics';
import { seedFleetMaintenanceDemo } from './fleet';

export { DEMO_STATION } from './core';
export const DEFAULT_DEMO_SEED = 1;
export const DEMO_ACTOR = systemActor('demo');

export type DemoAreaSeed = (ctx: WriteContext, rng: Rng, today: string) => void;

/** One line per area: `(ctx, rng, today) => seedFleetDemo(ctx, rng, today),` */
export const areaSeeds: DemoAreaSeed[] = [
  (ctx, rng, today) => seedScorecardsDemo(ctx, rng, today),
  (ctx, rng, today) => seedTelematicsDemo(ctx, rng, today),
  (ctx, rng, today) => seedFleetMaintenanceDemo(ctx, rng, today),
];

export interface DemoSummary extends CoreSummary {
  seed: number;
}

/** True when the database holds no station data yet (no station, drivers, vans or routes). */
export function isDatabaseEmpty(db: ReadDb): boolean {
  for (const t of [station, drivers, vans, routes]) {
    const row = db.select({ n: count() }).from(t).get();
    if ((row?.n ?? 0) > 0) return false;
  }
  return true;
}

/**
 * Seed the demo station into an empty database (refused with CONFLICT otherwise), or with
 * `replace` clear the station data first in the same transaction (the CLI's `seed-demo --force`,
 * which takes a backup before). Returns what was written.
 */
/** Names of the demo's further stations (issue 15: a head office fed by several desks); other codes get a plain name. */
export const DEMO_STATION_NAMES: Readonly<Record<string, string>> = { DSE4: DEMO_STATION.name, DWA6: 'DWA6 Tacoma Tideflats', DSE5: 'DSE5 Everett Paine Field' };

export function seedDemo(ctx: WriteTarget, opts: { seed?: number; replace?: boolean; station?: string } = {}): DemoSummary {
  if (opts.station !== undefined && !/^[A-Z0-9]{3,8}$/.test(opts.station)) throw new AppError('VALIDATION', 'A demo station code is 3–8 capital letters or digits, e.g. DWA6');
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new AppError('VALIDATION', 'The demo seed must be a whole number 0–4294967295');
  const now = ctx.clock.now();
  const today = stationDate(now, DEMO_STATION.timeZone);
  const rng = createRng(seed);
  return runWrite({ ...ctx, actor: DEMO_ACTOR }, 'demo.seed', (w) => {
    if (opts.replace) clearStationData(w.db.$client);
    else if (!isDatabaseEmpty(w.db)) {
      throw new AppError('CONFLICT', 'The database already holds station data; the demo station only seeds an empty database');
    }
    const summary: DemoSummary = { seed, ...seedCore(w.db, rng.fork('core'), today, now) };
    if (opts.station && opts.station !== DEMO_STATION.code) {
      // Another station of the same owner: its own code and name (its people, vans and history differ by seed).
      w.db.$client.prepare(`UPDATE station SET code = ?, name = ? WHERE id = ?`).run(opts.station, DEMO_STATION_NAMES[opts.station] ?? `${opts.station} Demo Station`, DEMO_STATION.id);
      summary.station = opts.station;
    }
    // The entry's head first; the areas' plans and other audited rows become its lines.
    w.audit({ action: 'seed-demo', entity: 'station', entityId: DEMO_STATION.id, after: summary });
    areaSeeds.forEach((hook, i) => hook(w, rng.fork(`area-${i}`), today));
    return summary;
  });
}
