/**
 * Telematics rules shared by the desk (flags channel, return-to-station) and the live map (which
 * re-evaluates states every second between position batches). Pure functions, explicit `now`.
 */

export interface TelematicsSettings {
  /** Positions older than this many days are pruned (hourly). */
  retentionDays: number;
  /** No ping for this long → stale. */
  staleMin: number;
  /** Slower than this (km/h) counts as not moving. */
  idleSpeedKph: number;
  /** Not moving for this long outside the station geofence → idle flag. */
  idleMin: number;
  /** Speeding flag above this (mph). */
  speedLimitMph: number;
  /** Basemap tile URL template ({z}/{x}/{y}, optional {s}); empty = no basemap. */
  tileUrl: string;
  /** Shown as plain text under the map (never as HTML). */
  tileAttribution: string;
  /**
   * An MBTiles or PMTiles file of raster tiles on the desk (a path), served at `/tiles/{z}/{x}/{y}`
   * so the map has streets without internet; empty = none. Used instead of `tileUrl` when set.
   */
  localTiles: string;
  /** What the map writes beside each van: its route code or its van name (one choice, never mixed). */
  mapLabels: MapLabels;
  /** Beep while an urgent alarm (SOS, accident, fall) is unacknowledged. */
  alarmSound: boolean;
}

export const MAP_LABELS = ['route', 'van'] as const;
export type MapLabels = (typeof MAP_LABELS)[number];

export const TELEMATICS_DEFAULTS: TelematicsSettings = {
  retentionDays: 30,
  staleMin: 10,
  idleSpeedKph: 3,
  idleMin: 20,
  speedLimitMph: 75,
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '© OpenStreetMap contributors',
  localTiles: '',
  mapLabels: 'route',
  alarmSound: true,
};

/**
 * What a phone or tracker can plausibly report. A value outside is a sensor glitch or a client's
 * "unknown" (Traccar's clients send -1): that one field is stored as unknown (null) and raises no
 * flag; the fix itself is kept (refusing it would silence the phone).
 */
export const PLAUSIBLE = { maxSpeedKph: 400, maxCourse: 360, maxBattery: 100 } as const;

export interface FixReadings {
  speedKph: number | null;
  course: number | null;
  battery: number | null;
  accuracy: number | null;
}

/** The readings of a fix with impossible values set to null, and the names of those fields. */
export function plausibleReadings<T extends FixReadings>(fix: T): { fix: T; dropped: (keyof FixReadings)[] } {
  const out = { ...fix };
  const dropped: (keyof FixReadings)[] = [];
  const bad = (v: number | null, lo: number, hi: number) => v !== null && (!Number.isFinite(v) || v < lo || v > hi);
  const drop = (field: keyof FixReadings) => {
    out[field] = null;
    dropped.push(field);
  };
  if (bad(fix.speedKph, 0, PLAUSIBLE.maxSpeedKph)) drop('speedKph');
  if (bad(fix.course, 0, PLAUSIBLE.maxCourse)) drop('course');
  if (bad(fix.battery, 0, PLAUSIBLE.maxBattery)) drop('battery');
  if (bad(fix.accuracy, 0, Infinity)) drop('accuracy');
  return { fix: out, dropped };
}

export const KPH_PER_MPH = 1.609344;
export const kphToMph = (kph: number) => kph / KPH_PER_MPH;

const EARTH_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Geofence {
  lat: number;
  lon: number;
  radiusM: number;
}

export const insideGeofence = (g: Geofence | null, lat: number, lon: number) =>
  !!g && distanceM(g.lat, g.lon, lat, lon) <= g.radiusM;

export const VAN_STATES = ['on_road', 'idle', 'stale', 'at_station', 'returned'] as const;
export type VanState = (typeof VAN_STATES)[number];
export const VAN_STATE_LABEL: Record<VanState, string> = {
  on_road: 'On road',
  idle: 'Idle',
  stale: 'Stale',
  at_station: 'At station',
  returned: 'Returned',
};

/** What the map knows about one device: the latest fix plus its van/route. */
export interface LivePosition {
  deviceId: number;
  identifier: string;
  vanId: number | null;
  vanName: string | null;
  routeCode: string | null;
  routeId: number | null;
  launchedAt: string | null;
  returnedAt: string | null;
  plannedReturnAt: string | null;
  /** The driver on the van's route, and the device's phone number (for the van's pop-up). */
  driverName: string | null;
  phoneNumber: string;
  lat: number;
  lon: number;
  speedKph: number | null;
  course: number | null;
  accuracy: number | null;
  battery: number | null;
  /** Fix time. */
  at: string;
  receivedAt: string;
  /** Last moving fix; idle time counts from here. */
  movedAt: string;
  inStation: boolean;
  /** Highest speed in the last minutes (km/h) and when. */
  maxSpeedKph: number | null;
  maxSpeedAt: string | null;
}

/** How recent a max-speed reading must be to still raise the speeding flag. */
export const SPEEDING_WINDOW_MS = 15 * 60_000;

const ms = (iso: string | null) => (iso ? Date.parse(iso) : NaN);
/** Last contact: the later of fix time and receive time (a phone replaying old fixes is alive). */
export const lastContactMs = (p: LivePosition) => Math.max(ms(p.at), ms(p.receivedAt));

/** No contact for longer than the setting's minutes → stale (a device never heard from is stale too). */
export function isStale(lastContact: string | null, now: number, s: Pick<TelematicsSettings, 'staleMin'>): boolean {
  const t = ms(lastContact);
  return Number.isNaN(t) || now - t > s.staleMin * 60_000;
}

/**
 * A van's state at `now`. Only a van out on its route can be stale: one whose route has not launched
 * (or that has none) is at the station, one that returned is returned, however long its phone is quiet.
 */
export function vanState(p: LivePosition, now: number, s: TelematicsSettings): VanState {
  const quiet = now - lastContactMs(p) > s.staleMin * 60_000;
  if (p.returnedAt && (quiet || p.inStation)) return 'returned';
  if (!p.launchedAt && (quiet || p.inStation)) return 'at_station';
  if (quiet) return 'stale';
  if (p.inStation) return p.returnedAt ? 'returned' : 'at_station';
  // Idle only counts outside the station; a van that returned and went out again is on the road.
  if (now - ms(p.movedAt) >= s.idleMin * 60_000 && (p.speedKph ?? 0) < s.idleSpeedKph) return 'idle';
  return 'on_road';
}

export const FLAG_KINDS = ['speeding', 'stale', 'idle', 'returned'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
/** Lower = more urgent. */
export const FLAG_URGENCY: Record<FlagKind, number> = { speeding: 0, stale: 1, idle: 2, returned: 3 };

export interface VanFlag {
  kind: FlagKind;
  deviceId: number;
  vanId: number | null;
  label: string;
  /** Since when the condition holds (ISO). */
  since: string;
  message: string;
  lat: number;
  lon: number;
}

export const displayName = (p: LivePosition) => p.routeCode ?? p.vanName ?? p.identifier;

/**
 * The map's permanent label for a van: the chosen field (route code or van name) or none — never
 * the other field or the device id, so labels on the map are never mixed.
 */
export const mapLabel = (p: Pick<LivePosition, 'routeCode' | 'vanName'>, choice: MapLabels): string | null =>
  choice === 'route' ? p.routeCode : p.vanName;

const minutesAgo = (now: number, iso: string) => Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));

/** Flags for every device, most urgent first (then longest-standing first). */
export function computeFlags(list: LivePosition[], now: number, s: TelematicsSettings): VanFlag[] {
  const out: VanFlag[] = [];
  for (const p of list) {
    const label = displayName(p);
    const base = { deviceId: p.deviceId, vanId: p.vanId, label, lat: p.lat, lon: p.lon };
    const state = vanState(p, now, s);
    const limitKph = s.speedLimitMph * KPH_PER_MPH;
    const recentMax =
      p.maxSpeedKph !== null && p.maxSpeedAt && now - ms(p.maxSpeedAt) <= SPEEDING_WINDOW_MS ? p.maxSpeedKph : null;
    if (state !== 'stale' && recentMax !== null && recentMax > limitKph) {
      out.push({
        ...base,
        kind: 'speeding',
        since: p.maxSpeedAt!,
        message: `${Math.round(kphToMph(recentMax))} mph (limit ${s.speedLimitMph}) ${minutesAgo(now, p.maxSpeedAt!)} min ago`,
      });
    }
    if (state === 'stale') {
      const last = new Date(lastContactMs(p)).toISOString();
      out.push({ ...base, kind: 'stale', since: last, message: `No ping for ${minutesAgo(now, last)} min` });
    } else if (state === 'idle') {
      out.push({ ...base, kind: 'idle', since: p.movedAt, message: `Idle ${minutesAgo(now, p.movedAt)} min outside the station` });
    }
    if (p.returnedAt) {
      out.push({ ...base, kind: 'returned', since: p.returnedAt, message: `Returned to station` });
    }
  }
  return out.sort((a, b) => FLAG_URGENCY[a.kind] - FLAG_URGENCY[b.kind] || a.since.localeCompare(b.since) || a.label.localeCompare(b.label));
}

/** The first HH:MM in a wave label ("10:20", "Wave 2 10:40", "10:40 AM"), as minutes after midnight. */
export function waveMinutes(wave: string): number | null {
  const m = /(\d{1,2}):(\d{2})\s*([AaPp][Mm])?/.exec(wave);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  if (m[3]) {
    const pm = m[3].toLowerCase() === 'pm';
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

// ------------------------------------------------------------------ alarms

/** Traccar's alarm values (`Position.ALARM_*`), as devices send them in `alarm=`. */
export const TRACCAR_ALARMS = [
  'general', 'sos', 'vibration', 'movement', 'lowspeed', 'overspeed', 'fallDown', 'lowPower', 'lowBattery', 'fault',
  'powerOff', 'powerOn', 'door', 'lock', 'unlock', 'geofence', 'geofenceEnter', 'geofenceExit', 'gpsAntennaCut',
  'accident', 'tow', 'idle', 'highRpm', 'hardAcceleration', 'hardBraking', 'hardCornering', 'laneChange',
  'fatigueDriving', 'powerCut', 'powerRestored', 'jamming', 'temperature', 'parking', 'bonnet', 'footBrake',
  'fuelLeak', 'tampering', 'removing',
] as const;

/** A person may be hurt: a red flag and a sound until a dispatcher acknowledges it. */
export const URGENT_ALARMS: ReadonlySet<string> = new Set(['sos', 'accident', 'fallDown']);

const ALARM_WORDS: Record<string, string> = {
  sos: 'SOS', fallDown: 'Fall detected', accident: 'Accident', lowBattery: 'Low battery', lowPower: 'Low power',
  overspeed: 'Overspeed', lowspeed: 'Low speed', powerCut: 'Power cut', powerOff: 'Power off', powerOn: 'Power on',
  powerRestored: 'Power restored', geofenceEnter: 'Geofence enter', geofenceExit: 'Geofence exit',
  gpsAntennaCut: 'GPS antenna cut', hardAcceleration: 'Hard acceleration', hardBraking: 'Hard braking',
  hardCornering: 'Hard cornering', laneChange: 'Lane change', fatigueDriving: 'Fatigue driving', highRpm: 'High RPM',
  footBrake: 'Foot brake', fuelLeak: 'Fuel leak',
};

/** Words for an alarm value (Traccar's camelCase spelled out; an unknown value as sent). */
export function alarmLabel(kind: string): string {
  if (ALARM_WORDS[kind]) return ALARM_WORDS[kind]!;
  const words = kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The alarms in an `alarm` attribute: Traccar joins several with commas (`sos,overspeed`). Each is
 * trimmed, at most 40 characters, each once; values outside Traccar's list are kept as sent.
 */
export function alarmKinds(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const out = new Set<string>();
  for (const part of value.split(',')) {
    const k = part.trim();
    if (k && k.length <= 40) out.add(k);
  }
  return [...out];
}

/** An alarm a device raised, with its van and route, for the map and the board. */
export interface Alarm {
  id: number;
  deviceId: number;
  identifier: string;
  vanId: number | null;
  vanName: string | null;
  routeCode: string | null;
  kind: string;
  label: string;
  urgent: boolean;
  firstAt: string;
  lastAt: string;
  count: number;
  lat: number | null;
  lon: number | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}
