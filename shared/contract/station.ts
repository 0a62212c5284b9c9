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
  /** The server's clock when it answered (ISO-8601 UTC): the console keeps its "today" on the desk's clock, not the laptop's. */
  now: string;
}

export const stationChannels = {
  'app.info': channel<AppInfo>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Version, database file, station and who is calling',
  }),
};
