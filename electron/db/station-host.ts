import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../../shared/events';
import { backupToFolder, scheduleAutoBackups, type BackupResult } from './backup';
import { listBackups, type BackupFile } from './files';
import type { HealthReport } from './health';
import { scheduleIntegrityChecks } from './integrity';
import type { OpenedDb } from './open';
import { restoreIntoOpenStation, type RestoreResult } from './restore';
import { SyncLoop, type SyncLoopOptions } from '../headoffice/sync-loop';

type SyncTiming = Pick<SyncLoopOptions, 'everyMs' | 'debounceMs' | 'backoffMinMs' | 'backoffMaxMs'>;
const SYNC_TIMING_ENV: [keyof SyncTiming, string][] = [
  ['everyMs', 'DESK_SYNC_EVERY_MS'],
  ['debounceMs', 'DESK_SYNC_DEBOUNCE_MS'],
  ['backoffMinMs', 'DESK_SYNC_BACKOFF_MS'],
  ['backoffMaxMs', 'DESK_SYNC_BACKOFF_MAX_MS'],
];

/** The background push's timing from the environment (tests and demos shorten it). */
function syncTimingFromEnv(): SyncTiming {
  const out: SyncTiming = {};
  for (const [key, name] of SYNC_TIMING_ENV) {
    const v = Number(process.env[name]);
    if (Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}

/**
 * The station file as the process that opened it manages it: its health, its backups (automatic,
 * and "Back up now"), restore into the open station, and the background integrity check. One per
 * opened database; the transports hand it to the services as `ctx.station` (Settings' buttons).
 */
export class StationHost {
  private stops: (() => void)[] = [];
  private restoring: Promise<RestoreResult> | null = null;
  /** The background push to the head office (started by `startBackground` on a writable station). */
  sync: SyncLoop | null = null;

  constructor(
    readonly opened: OpenedDb,
    private readonly opts: { nativeBinding?: string } = {},
  ) {}

  get dbPath(): string {
    return this.opened.path;
  }

  health(): HealthReport {
    return this.opened.health.report();
  }

  backups(): BackupFile[] {
    return this.opened.path === ':memory:' ? [] : listBackups(this.opened.path);
  }

  backupNow(): Promise<BackupResult> {
    if (this.opened.path === ':memory:') throw new AppError('UNAVAILABLE', 'An in-memory database has no file to back up');
    return backupToFolder(this.opened.sqlite, this.opened.path, 'manual', this.opts);
  }

  /** Restore one of the station's own backups (by file name: nothing outside its backups folder). */
  async restore(name: string): Promise<RestoreResult> {
    const found = this.backups().find((b) => b.name === name);
    if (!found || path.basename(name) !== name) throw new AppError('NOT_FOUND', `No backup named ${name} in the station's backups folder`);
    if (this.restoring) throw new AppError('CONFLICT', 'A restore is already running');
    // No push starts from here on (canPush); one under way ends first, so its acknowledgement never
    // meets the restore's write lock.
    const sync = this.sync;
    this.restoring = (async () => {
      await sync?.settle();
      return restoreIntoOpenStation(this.opened, found.path, this.opts);
    })();
    try {
      return await this.restoring;
    } finally {
      this.restoring = null;
    }
  }

  /**
   * Start what a running desk does in the background: `health` events on `events`, the push to the
   * head office and automatic backups (unless read-only), the integrity check. Stopped by `stop()`.
   */
  startBackground(
    events: EventBus,
    report: (line: string) => void,
    opts: { integrityDelayMs?: number; backupDelayMs?: number; sync?: SyncTiming } = {},
  ): void {
    const { opened } = this;
    this.stops.push(opened.health.onChange((r) => events.emit({ type: 'health', at: new Date().toISOString(), data: r })));
    if (!opened.readOnlyReason) {
      const sync = new SyncLoop({ sqlite: opened.sqlite, events, canPush: () => this.restoring === null, ...syncTimingFromEnv(), ...opts.sync });
      this.sync = sync;
      sync.start();
      // A push cut short here is resent whole next time (the head office skips what it holds).
      this.stops.push(() => void sync.stop());
    }
    if (opened.path === ':memory:') return;
    if (!opened.readOnlyReason) {
      this.stops.push(scheduleAutoBackups(opened.sqlite, opened.path, report, { ...this.opts, ...(opts.backupDelayMs !== undefined ? { firstDelayMs: opts.backupDelayMs } : {}) }));
    }
    // The first full check 30 s after start (DESK_INTEGRITY_DELAY_MS changes it), then daily.
    const firstCheck = opts.integrityDelayMs ?? (Number(process.env.DESK_INTEGRITY_DELAY_MS) || undefined);
    this.stops.push(scheduleIntegrityChecks(opened.sqlite, opened.path, { ...this.opts, ...(firstCheck !== undefined ? { firstDelayMs: firstCheck } : {}) }));
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
  }
}
