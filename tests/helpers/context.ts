import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenedDb } from '../../electron/db/open';
import type { Actor, ServiceContext } from '../../electron/services/context';
import { fixedClock, type Clock } from '../../shared/dates';
import { EventBus } from '../../shared/events';

// One exit hook removes every temp folder a test process made (one listener, however many folders).
const tempDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder removed when the process exits. */
export function tempDir(prefix = 'desk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export interface TestDesk {
  ctx: ServiceContext;
  opened: OpenedDb;
  dbPath: string;
  /** The same database seen by another caller (e.g. an owner token). */
  as(actor: Actor): ServiceContext;
  close(): void;
}

/** A real station database in a temp file, migrated from empty, with a fixed clock. */
export function testDesk(opts: { clock?: Clock; file?: string } = {}): TestDesk {
  const dbPath = opts.file ?? path.join(tempDir(), 'station.db');
  const opened = openDatabase(dbPath);
  const ctx: ServiceContext = {
    db: opened.db,
    clock: opts.clock ?? fixedClock('2026-11-26T13:00:00Z'),
    actor: { name: 'desk', role: 'desk' },
    events: new EventBus(),
    dbPath,
  };
  return { ctx, opened, dbPath, as: (actor) => ({ ...ctx, actor }), close: () => opened.close() };
}
