/**
 * The demo station: `seedDemo(ctx, {seed})` fills an empty station database with a realistic,
 * deterministic DSP station (same seed + same station day → same data), dated relative to the
 * station's today so the demo is always "live". One transaction: all of it or nothing.
 *
 * Areas add their own demo data in `electron/services/demo/<area>.ts` and ONE line in
 * `areaSeeds` below. Each hook runs inside the same transaction after the core data, with the
 * transaction's db in `ctx.db`, its own PRNG stream (so hooks never shift each other's data) and
 * the station's today (YYYY-MM-DD).
 */
import { count } from 'drizzle-orm';
import { drivers, routes, station, vans } from '../../db/schema';
import type { Db } from '../../db/open';
import type { ServiceContext } from '../context';
import { writeAudit } from '../audit';
import { stationDate } from '../../../shared/station-time';
import { createRng, type Rng } from '../../../shared/random';
import { AppError } from '../../../shared/errors';
import { DEMO_STATION, seedCore, type CoreSummary } from './core';
import { seedScorecardsDemo } from './scorecards';
import { seedTelematicsDemo } from './telematics';
import { seedFleetMaintenanceDemo } from './fleet';

export { DEMO_STATION } from './core';
export const DEFAULT_DEMO_SEED = 1;

export type DemoAreaSeed = (ctx: ServiceContext, rng: Rng, today: string) => void;

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
export function isDatabaseEmpty(db: Db): boolean {
  for (const t of [station, drivers, vans, routes]) {
    const row = db.select({ n: count() }).from(t).get();
    if ((row?.n ?? 0) > 0) return false;
  }
  return true;
}

/**
 * Seed the demo station into an empty database (refused with CONFLICT otherwise; the CLI's
 * `seed-demo --force` clears the station data first). Returns what was written.
 */
export function seedDemo(ctx: ServiceContext, opts: { seed?: number } = {}): DemoSummary {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new AppError('VALIDATION', 'The demo seed must be a whole number 0–4294967295');
  if (!isDatabaseEmpty(ctx.db)) {
    throw new AppError('CONFLICT', 'The database already holds station data; the demo station only seeds an empty database');
  }
  const now = ctx.clock.now();
  const today = stationDate(now, DEMO_STATION.timeZone);
  const rng = createRng(seed);
  return ctx.db.transaction((tx) => {
    // Hooks may use raw SQL too: the transaction runs on the same connection.
    const db = Object.assign(tx, { $client: ctx.db.$client }) as unknown as Db;
    const core = seedCore(db, rng.fork('core'), today, now);
    const areaCtx: ServiceContext = { ...ctx, db };
    areaSeeds.forEach((hook, i) => hook(areaCtx, rng.fork(`area-${i}`), today));
    const summary: DemoSummary = { seed, ...core };
    writeAudit(db, ctx.actor, now, { action: 'seed-demo', entity: 'station', entityId: DEMO_STATION.id, after: summary });
    return summary;
  });
}
