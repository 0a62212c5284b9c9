import fs from 'node:fs';
import { count } from 'drizzle-orm';
import { backupToFolder } from '../db/backup';
import { drivers, routes, vans } from '../db/schema';
import { DEFAULT_DEMO_SEED, isDatabaseEmpty, seedDemo } from '../services/demo/seed';
import { fixedClock } from '../../shared/dates';
import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';

/**
 * `seed-demo --db PATH [--seed N] [--station CODE] [--force] [--now ISO] [--json]`: fill a database with the demo
 * station. An empty (or new) database is seeded; one that already holds station data is refused
 * (exit 2) unless `--force`, which first backs the file up to `<db dir>/backups/` and then
 * replaces all station data (API tokens and settings are kept) in the same transaction as the seed.
 */
export const seedDemoCommand: CliCommand = {
  usage: 'seed-demo --db PATH [--seed N] [--station CODE] [--force] [--now ISO] [--json]',
  summary: 'Fill the database with the demo station (refuses existing data unless --force, which backs up first)',
  async run(argv) {
    const { values } = parseOptions(argv, {
      ...dbOption,
      seed: { type: 'string' },
      station: { type: 'string' },
      force: { type: 'boolean', default: false },
      now: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const seed = values.seed === undefined ? DEFAULT_DEMO_SEED : Number(values.seed);
    if (!/^\d{1,10}$/.test(values.seed ?? '1') || seed > 0xffffffff) throw new CliError('--seed must be a whole number 0–4294967295');
    let clock;
    if (values.now !== undefined) {
      const t = Date.parse(values.now);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(t)) throw new CliError('--now must be an ISO date-time, e.g. 2026-11-26T15:00:00Z');
      clock = fixedClock(new Date(t).toISOString());
    }
    const dbPath = resolveDb(values.db);
    if (fs.existsSync(dbPath) && fs.statSync(dbPath).isDirectory()) throw new CliError(`${dbPath} is a folder, not a database file`);
    const { ctx, opened } = openDesk(dbPath);
    if (clock) ctx.clock = clock;
    try {
      let backup: string | null = null;
      const empty = isDatabaseEmpty(ctx.db);
      if (!empty) {
        if (!values.force) {
          const n = (t: typeof drivers | typeof vans | typeof routes) => ctx.db.select({ n: count() }).from(t).get()?.n ?? 0;
          throw new CliError(
            `${dbPath} already holds station data (${n(drivers)} drivers, ${n(vans)} vans, ${n(routes)} routes); ` +
              'use --force to replace it with the demo (a backup is taken first)',
          );
        }
        backup = (await backupToFolder(opened.sqlite, dbPath, 'before-demo')).path;
      }
      const t0 = performance.now();
      // One write: clearing (with --force) and seeding in the same transaction.
      const summary = seedDemo(ctx, { seed, replace: !empty, ...(values.station ? { station: values.station } : {}) });
      const ms = Math.round(performance.now() - t0);
      if (values.json) printJson({ ok: true, db: dbPath, replaced: !empty, backup, ms, ...summary });
      else {
        process.stdout.write(
          `${backup ? `Backed up the previous data to ${backup}\n` : ''}` +
            `Seeded the demo station ${summary.station} into ${dbPath} (seed ${summary.seed}, today ${summary.today}): ` +
            `${summary.drivers} drivers, ${summary.vans} vans, ${summary.devices} devices, ${summary.routesToday} routes today ` +
            `(${summary.routes} over ${summary.days} days), ${summary.assignments} assignments in ${ms} ms\n`,
        );
      }
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};
