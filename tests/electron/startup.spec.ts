/**
 * Start-up failures of the desktop app (issue 11 #12) are shown in a dialog that offers the way
 * back, instead of a log line and an exit. Native message boxes cannot be clicked by Playwright:
 * dialog-stub.cjs (loaded with NODE_OPTIONS=--require, harness only) records each one and answers.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { backupToFolder } from '../../electron/db/backup';
import { openDatabase } from '../../electron/db/open';
import { electronRuntime } from './runtime';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runtime = electronRuntime();
test.skip(!('bin' in runtime), 'reason' in runtime ? `${runtime.reason} — skipping the Electron e2e` : '');

interface Shown {
  type?: string;
  title?: string;
  message: string;
  detail?: string;
  buttons?: string[];
  relaunch?: boolean;
}

/** Start the app on `db` with the dialog stub answering `answer`; resolves with the dialogs it showed and its exit code. */
async function startApp(db: string, answer: number): Promise<{ shown: Shown[]; code: number | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-startup-'));
  const log = path.join(dir, 'dialogs.jsonl');
  const app = await electron.launch({
    executablePath: (runtime as { bin: string }).bin,
    args: [...(process.env.CI ? ['--no-sandbox'] : []), root],
    cwd: root,
    env: {
      ...process.env,
      DESK_DATA_DIR: dir,
      DESK_DB: db,
      DESK_INGEST_PORT: '0',
      NODE_OPTIONS: `--require ${path.join(root, 'tests', 'electron', 'dialog-stub.cjs')}`,
      DESK_TEST_DIALOG_LOG: log,
      DESK_TEST_DIALOG_ANSWER: String(answer),
    } as Record<string, string>,
  });
  const code = await new Promise<number | null>((resolve) => app.process().once('exit', (c) => resolve(c)));
  const shown = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Shown) : [];
  return { shown, code };
}

/** A station with one driver and an automatic backup of it, in a folder of its own. */
async function stationWithBackup(): Promise<{ db: string; backup: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-station-'));
  const db = path.join(dir, 'station.db');
  const opened = openDatabase(db);
  opened.sqlite.prepare("INSERT INTO drivers (transporter_id, name) VALUES ('A1B2C3D4E5F6G7', 'Ana Ruiz')").run();
  const { path: backup } = await backupToFolder(opened.sqlite, db, 'auto');
  opened.close();
  return { db, backup };
}

test.beforeAll(() => {
  if (!('bin' in runtime)) return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the Electron bundle failed');
});

test('a zero-byte station: the dialog names the file, the reason and the backups, and restores the newest', async () => {
  const { db, backup } = await stationWithBackup();
  fs.writeFileSync(db, ''); // the station lost its data
  const { shown, code } = await startApp(db, 0);
  const first = shown[0]!;
  expect(first.type).toBe('error');
  expect(first.message).toMatch(/empty \(0 bytes\)/);
  expect(first.detail).toContain(db);
  expect(first.detail).toContain(backup);
  expect(first.detail).toContain(`dispatch-desk restore --db "${db}" --from "${backup}"`);
  expect(first.buttons![0]).toMatch(/^Restore the backup of /);
  expect(shown.some((s) => /station was restored/.test(s.message))).toBe(true);
  expect(shown.some((s) => s.relaunch)).toBe(true);
  expect(code).toBe(0);
  const back = openDatabase(db);
  expect(back.sqlite.prepare('SELECT name FROM drivers').pluck().all()).toEqual(['Ana Ruiz']);
  back.close();
});

test('the station held by another process: the dialog says which one; the station is untouched', async () => {
  const { db } = await stationWithBackup();
  fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command: 'dispatch-desk serve (the test runner)' }));
  const before = fs.readFileSync(db);
  const { shown, code } = await startApp(db, 0);
  expect(shown[0]!.message).toMatch(/already open in another Dispatch Desk/);
  expect(shown[0]!.detail).toContain(`process ${process.pid}`);
  expect(code).toBe(1);
  expect(fs.readFileSync(db).equals(before)).toBe(true);
  fs.rmSync(`${db}.lock`);
});

test('a newer database: refused in a dialog that offers the backup', async () => {
  const { db } = await stationWithBackup();
  const o = openDatabase(db);
  o.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', 4_102_444_800_000);
  o.close();
  const { shown, code } = await startApp(db, 1); // Quit
  expect(shown[0]!.message).toMatch(/newer or different version/);
  expect(shown[0]!.buttons).toHaveLength(2);
  expect(code).toBe(1);
});
