import { z } from 'zod';
import type { Role } from './define';
import { channel } from './define';

export interface Station {
  id: number;
  name: string;
  code: string;
  dspCode: string;
  lat: number;
  lon: number;
  timeZone: string;
  geofenceM: number;
  address: string;
}

export interface AppInfo {
  version: string;
  dbPath: string;
  role: Role;
  actor: string;
  station: Station | null;
  /** Today's date at the station (YYYY-MM-DD), by the server's clock. */
  today: string;
  /** Why the station is open read-only (a read-only file, folder or disk), or null: the console then acts like an owner's. */
  readOnly?: string | null;
  /** The server's clock when it answered (ISO-8601 UTC): the console keeps its "today" on the desk's clock, not the laptop's. */
  now: string;
  /** Where other machines on the station network open this desk (`http://<LAN address>:<port>`): empty when it serves only this computer (bound to 127.0.0.1) or runs without a server. */
  lanUrls?: string[];
}

/** The station's health: `/healthz`, the red banner, `health` events. */
export interface StationHealth {
  status: 'ok' | 'degraded' | 'read-only';
  /** One sentence per problem (read-only reason first). */
  reasons: string[];
  readOnly: string | null;
  problems: string[];
  since: string | null;
}

export interface BackupEntry {
  name: string;
  /** auto (kept: settings `backups.keep`), manual, pre-migrate, before-restore, before-demo, other. */
  kind: string;
  at: string;
  bytes: number;
  path: string;
}

export interface BackupSettings {
  keep: number;
  everyHours: number;
}

const backupSettingsInput = z.strictObject({
  keep: z.number().int().min(1, 'keep at least 1').max(365).optional(),
  everyHours: z.number().int().min(0).max(720).optional(),
});

export const stationChannels = {
  'app.info': channel<AppInfo>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Version, database file, station and who is calling',
  }),
  'station.health': channel<StationHealth>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Is the station database writable and healthy (read-only, disk full, integrity)?',
  }),
  'backups.list': channel<{ folder: string; backups: BackupEntry[]; settings: BackupSettings; restoreCommand: string }>()({
    input: z.strictObject({}).default({}),
    access: 'admin',
    summary: "The station's backups folder, newest first, and the automatic backup settings (desk only)",
  }),
  'backups.create': channel<{ path: string; bytes: number; ms: number }>()({
    input: z.strictObject({}).default({}),
    access: 'admin',
    summary: 'Back up now (checked copy in the backups folder; safe while the desk runs)',
  }),
  'backups.restore': channel<{ restoredFrom: string; keptPrevious: string | null; migrated: number }>()({
    input: z.strictObject({ name: z.string().min(1).max(260).regex(/^[^/\\]+$/, 'must be a file name from the backups list') }),
    access: 'admin',
    summary: "Restore one of the station's backups into the running desk (the current data is kept as a backup first)",
  }),
  'backups.setSettings': channel<BackupSettings>()({
    input: backupSettingsInput,
    access: 'write',
    summary: 'How many automatic backups to keep and how often to take one',
  }),
};
