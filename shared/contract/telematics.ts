import { z } from 'zod';
import { channel } from './define';
import { id } from './common';
import { deviceIdentifier } from './fleet';
import type { Station } from './station';
import type { Device } from './fleet';
import { MAP_LABELS, type Alarm, type LivePosition, type TelematicsSettings, type VanFlag } from '../rules/telematics';

export type { Alarm, LivePosition, MapLabels, TelematicsSettings, VanFlag, VanState, FlagKind } from '../rules/telematics';

/** One point of a device's trail. */
export interface TrackPoint {
  lat: number;
  lon: number;
  at: string;
  speedKph: number | null;
  course: number | null;
}

/** A device id that reported but is not registered: link it to a van in one click. */
export interface UnknownDevice {
  identifier: string;
  firstSeenAt: string;
  lastSeenAt: string;
  count: number;
  lastLat: number | null;
  lastLon: number | null;
  remoteAddress: string;
}

/** Everything the live map needs in one call. */
export interface LiveMap {
  /** The desk's clock (the map measures staleness against it). */
  now: string;
  station: Station | null;
  settings: TelematicsSettings;
  positions: LivePosition[];
  flags: VanFlag[];
  unknownDevices: number;
  /** Open alarms (urgent first): red flags on the map and the board until acknowledged. */
  alarms: Alarm[];
}

/** One raster tile of the local tile file (base64), or null where the file has none. */
export interface Tile {
  contentType: string;
  base64: string;
}

/** Payload of the `positions` desk event (at most 4 per second). */
export interface PositionsEvent {
  positions: LivePosition[];
}

const isoInstant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO-8601 instant',
  });


export const telematicsSettingsInput = z.strictObject({
  retentionDays: z.number().int().min(1).max(3650).optional(),
  staleMin: z.number().min(1).max(24 * 60).optional(),
  idleSpeedKph: z.number().min(0).max(50).optional(),
  idleMin: z.number().min(1).max(24 * 60).optional(),
  speedLimitMph: z.number().min(5).max(150).optional(),
  tileUrl: z
    .string()
    .trim()
    .max(500)
    .refine((u) => u === '' || (/^https?:\/\//.test(u) && u.includes('{z}') && u.includes('{x}') && u.includes('{y}')), {
      message: 'must be an http(s) URL template with {z}, {x} and {y} (or empty for no basemap)',
    })
    .optional(),
  tileAttribution: z
    .string()
    .trim()
    .max(500)
    .refine((t) => !/[<>]/.test(t), { message: 'must be plain text (it is shown as text, not HTML)' })
    .optional(),
  localTiles: z
    .string()
    .trim()
    .max(1000)
    .refine((p) => p === '' || /\.(mbtiles|pmtiles)$/i.test(p), { message: 'must be the path of an .mbtiles or .pmtiles file (or empty for none)' })
    .optional(),
  mapLabels: z.enum(MAP_LABELS).optional(),
  alarmSound: z.boolean().optional(),
});

const tileZ = z.number().int().min(0).max(22);

export const telematicsChannels = {
  'positions.latest': channel<LivePosition[]>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Latest position of every device, with its van and today’s route',
  }),
  'positions.track': channel<TrackPoint[]>()({
    input: z
      .strictObject({
        deviceId: id,
        from: isoInstant,
        to: isoInstant,
        limit: z.number().int().min(1).max(50_000).default(20_000),
      })
      .refine((v) => Date.parse(v.from) <= Date.parse(v.to), { message: 'from must not be after to', path: ['to'] }),
    access: 'read',
    summary: 'A device’s positions between two instants, oldest first',
  }),
  'telematics.live': channel<LiveMap>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Station, map settings, latest positions and flags for the live map',
  }),
  'telematics.flags': channel<VanFlag[]>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Stale, idle, speeding and returned vans, most urgent first',
  }),
  'telematics.unknownDevices': channel<UnknownDevice[]>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Device ids that reported but are not registered',
  }),
  'telematics.linkDevice': channel<Device>()({
    input: z.strictObject({ identifier: deviceIdentifier, vanId: id.nullable() }),
    access: 'write',
    summary: 'Register a reporting device (if needed) and link it to a van',
  }),
  'telematics.alarms': channel<Alarm[]>()({
    input: z.strictObject({ sinceDays: z.number().int().min(1).max(90).optional() }).default({}),
    access: 'read',
    summary: 'Open alarms devices raised (SOS first), or with sinceDays the acknowledged ones of those days too',
  }),
  'telematics.ackAlarm': channel<Alarm>()({
    input: z.strictObject({ id, note: z.string().trim().max(500).optional() }),
    access: 'write',
    summary: 'Acknowledge an alarm (who and when are kept and audited); the flag and the sound stop',
  }),
  'telematics.tile': channel<Tile | null>()({
    input: z
      .strictObject({ z: tileZ, x: z.number().int().min(0), y: z.number().int().min(0) })
      .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be inside the zoom level', path: ['x'] }),
    access: 'read',
    summary: 'One raster tile of the local tile file (MBTiles / PMTiles) chosen in the map settings',
  }),
  'telematics.settings': channel<TelematicsSettings>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Telematics thresholds, retention and basemap settings',
  }),
  'telematics.updateSettings': channel<TelematicsSettings>()({
    input: telematicsSettingsInput,
    access: 'write',
    summary: 'Change telematics thresholds, retention or basemap',
  }),
};
