/**
 * OsmAnd / Traccar Client protocol decoder (what Traccar's OsmAnd decoder on port 5055 accepts).
 *
 * Two shapes:
 *  - query or form parameters (GET or POST): `id`|`deviceid`, `timestamp`, `lat`+`lon` or
 *    `location=lat,lon`, `speed` (knots), `bearing`|`heading`, `altitude`, `accuracy`, `hdop`,
 *    `batt`, `charge`, `valid`, `driverUniqueId`, `odometer` (metres, kept as sent), every `cell`
 *    and `wifi` (lists); anything else is kept as an attribute (numbers as numbers, `true`/`false`
 *    as booleans, the rest as text). Like Traccar, the URL's query is used when it has parameters,
 *    otherwise the body; empty values are ignored; when another name repeats, the last value wins.
 *  - `Content-Type: application/json` (newer Traccar Client apps):
 *    `{device_id, location:{timestamp, coords:{latitude, longitude, speed m/s, heading, altitude,
 *    accuracy}, battery:{level 0–1, is_charging}, odometer (m), is_moving, event, extras:{…}}}`.
 *
 * Pure: no database, no clock except the `now` passed in (used when no timestamp is sent and to
 * flag fixes from the far past or future).
 *
 * Never refuses what Traccar stores (a phone answered 4xx resends the same fix forever): a message
 * without coordinates (or at 0,0) decodes with lat/lon null, a time far off decodes with a
 * `timeFlag`, and any device id of printable characters is an id.
 */

import { plausibleReadings } from '../../../shared/rules/telematics';

export const KNOTS_TO_KPH = 1.852;
export const MPS_TO_KPH = 3.6;

export interface DecodedPosition {
  /** The id the device reports (OsmAnd `id`/`deviceid`, Traccar Client `device_id`). */
  identifier: string;
  /** Fix time. */
  at: Date;
  /** Null when the message carried no coordinates (Traccar then reuses the last known location). */
  lat: number | null;
  lon: number | null;
  speedKph: number | null;
  course: number | null;
  altitude: number | null;
  accuracy: number | null;
  /** Device battery, percent. */
  battery: number | null;
  valid: boolean;
  /** Set when the device's clock is far off (before 2000, or more than a day ahead): kept, never live. */
  timeFlag: TimeFlag | null;
  /** Everything else: hdop, charge, driverUniqueId, odometer (metres), motion, event, extras… */
  attributes: Record<string, unknown>;
}

export type DecodeResult = { ok: true; position: DecodedPosition } | { ok: false; message: string };

export interface RawRequest {
  method: string;
  /** Path and query, as in an HTTP request line (`/?id=…`). */
  url: string;
  contentType?: string | undefined;
  body: string;
}

/** Fixes more than this far ahead of the desk's clock are flagged `future` (device clock badly wrong). */
export const MAX_FUTURE_MS = 24 * 3600_000;
/** …and fixes before this instant `past` (a zero, garbage or 1989 clock). */
export const MIN_TIME_MS = Date.UTC(2000, 0, 1);

export type TimeFlag = 'past' | 'future';

/** A device id: 1–128 printable characters (spaces, `@` and the like included), trimmed. */
export function deviceIdOf(value: string): string | null {
  const id = value.trim();
  return id.length > 0 && id.length <= 128 && !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(id) ? id : null;
}

class DecodeError extends Error {}
const fail = (message: string): never => {
  throw new DecodeError(message);
};

// Java's Double.parseDouble accepts surrounding blanks, a sign, decimals and exponents. NaN and
// Infinity are refused here because no field of ours can hold them.
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?\s*$/;
const INTEGER = /^[+-]?\d+$/;

function parseNumber(value: string, name: string): number {
  if (!NUMBER.test(value)) fail(`${name} is not a number: ${value.slice(0, 40)}`);
  const n = Number.parseFloat(value.trim());
  if (!Number.isFinite(n)) fail(`${name} is not a finite number`);
  return n;
}

function isNumeric(value: string): boolean {
  return NUMBER.test(value) && Number.isFinite(Number.parseFloat(value.trim()));
}

/** `yyyy-MM-dd HH:mm:ss` (read as UTC), ISO-8601 (`…T…`, with or without zone; none = UTC). */
const SQL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number | null {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  // Refuse rolled-over dates such as 2026-02-30 or 25:00.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  if (back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) return null;
  return t;
}

export function parseIsoTime(value: string): number | null {
  const m = ISO_TIME.exec(value.trim());
  if (!m) return null;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const t = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, ms);
  if (t === null) return null;
  const zone = m[8];
  if (!zone || zone.toUpperCase() === 'Z') return t;
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offsetMin = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * (z[1] === '-' ? -1 : 1);
  return t - offsetMin * 60_000;
}

/**
 * The OsmAnd `timestamp` parameter in every form Traccar reads: an integer (Unix seconds below
 * 2^31−1, else milliseconds — so a 12-digit number is milliseconds, never `ddMMyyHHmmss`), a text
 * with `T` (ISO-8601), else `yyyy-MM-dd HH:mm:ss`.
 */
export function parseOsmAndTime(value: string): number | null {
  const v = value.trim();
  if (INTEGER.test(v)) {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) return null;
    // Traccar: below 2^31−1 it is seconds, otherwise milliseconds.
    return n < 2147483647 ? n * 1000 : n;
  }
  if (v.includes('T')) return parseIsoTime(v);
  const m = SQL_TIME.exec(v);
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return null;
}

function checkTime(t: number | null, raw: string): Date {
  // 8.64e15 ms is the most a JavaScript Date holds.
  if (t === null || !Number.isFinite(t) || Math.abs(t) > 8.64e15) return fail(`timestamp not understood: ${raw.slice(0, 40)}`);
  return new Date(t);
}

/** `past` before 2000, `future` more than a day ahead of the desk's clock, else null. */
export function timeFlagOf(at: Date, now: Date): TimeFlag | null {
  if (at.getTime() < MIN_TIME_MS) return 'past';
  if (at.getTime() > now.getTime() + MAX_FUTURE_MS) return 'future';
  return null;
}

/** Coordinates as Traccar reads them: 0,0 means "no fix" (it then carries the last fix forward). */
function coordinates(lat: number | null, lon: number | null): { lat: number | null; lon: number | null } {
  if (lat === 0 && lon === 0) return { lat: null, lon: null };
  checkCoordinates(lat, lon);
  return { lat, lon };
}

/** A `cell` value `mcc,mnc,lac,cid[,signal]` as numbers; the text as sent when it is not that. */
export function cellTower(value: string): Record<string, number> | string {
  const n = value.split(',').map((v) => (INTEGER.test(v.trim()) ? Number(v.trim()) : NaN));
  if ((n.length !== 4 && n.length !== 5) || n.some((v) => !Number.isSafeInteger(v))) return value;
  const [mcc, mnc, lac, cid, signal] = n as [number, number, number, number, number?];
  return signal === undefined ? { mcc, mnc, lac, cid } : { mcc, mnc, lac, cid, signal };
}

/** A `wifi` value `mac,signal` (Traccar writes the MAC with colons); the text as sent when it is not that. */
export function wifiAccessPoint(value: string): { mac: string; signal: number } | string {
  const [mac, signal, ...rest] = value.split(',');
  if (!mac || signal === undefined || rest.length || !INTEGER.test(signal.trim())) return value;
  return { mac: mac.trim().replace(/-/g, ':'), signal: Number(signal.trim()) };
}

function checkCoordinates(lat: number | null, lon: number | null): void {
  if (lat === null && lon === null) return;
  if (lat === null || lon === null) fail(lat === null ? 'lon given without lat' : 'lat given without lon');
  if (lat! < -90 || lat! > 90) fail(`latitude out of range: ${lat}`);
  if (lon! < -180 || lon! > 180) fail(`longitude out of range: ${lon}`);
}

/** A value of an unlisted parameter, typed the way Traccar types it. */
export function attributeValue(value: string): number | boolean | string {
  if (isNumeric(value)) return Number.parseFloat(value.trim());
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** Parameters of the URL's query, else of the body (form encoding); `+` is a space as in forms. */
export function osmAndParams(req: RawRequest): [string, string][] {
  const q = req.url.indexOf('?');
  const query = q >= 0 ? req.url.slice(q + 1) : '';
  let params = [...new URLSearchParams(query)];
  if (params.length === 0 && req.body) params = [...new URLSearchParams(req.body)];
  return params;
}

export function decodeQuery(params: [string, string][], now: Date): DecodedPosition {
  let identifier: string | null = null;
  let at: Date | null = null;
  let lat: number | null = null;
  let lon: number | null = null;
  const pos: Omit<DecodedPosition, 'identifier' | 'at' | 'lat' | 'lon' | 'timeFlag'> = {
    speedKph: null,
    course: null,
    altitude: null,
    accuracy: null,
    battery: null,
    valid: true,
    attributes: {},
  };
  const cells: (Record<string, number> | string)[] = [];
  const wifis: ({ mac: string; signal: number } | string)[] = [];
  for (const [key, value] of params) {
    if (value === '') continue;
    switch (key) {
      case 'id':
      case 'deviceid':
        identifier = deviceIdOf(value) ?? fail('device id must be 1–128 printable characters');
        break;
      case 'valid':
        pos.valid = value.toLowerCase() === 'true' || value === '1';
        break;
      case 'timestamp':
        at = checkTime(parseOsmAndTime(value), value);
        break;
      case 'cell':
        cells.push(cellTower(value));
        break;
      case 'wifi':
        wifis.push(wifiAccessPoint(value));
        break;
      case 'lat':
        lat = parseNumber(value, 'lat');
        break;
      case 'lon':
        lon = parseNumber(value, 'lon');
        break;
      case 'location': {
        const parts = value.split(',');
        if (parts.length < 2) fail('location must be "lat,lon"');
        lat = parseNumber(parts[0]!, 'location latitude');
        lon = parseNumber(parts[1]!, 'location longitude');
        break;
      }
      case 'speed':
        pos.speedKph = parseNumber(value, 'speed') * KNOTS_TO_KPH;
        break;
      case 'bearing':
      case 'heading':
        pos.course = parseNumber(value, key);
        break;
      case 'altitude':
        pos.altitude = parseNumber(value, 'altitude');
        break;
      case 'accuracy':
        pos.accuracy = parseNumber(value, 'accuracy');
        break;
      case 'hdop':
        pos.attributes.hdop = parseNumber(value, 'hdop');
        break;
      case 'batt':
        pos.battery = parseNumber(value, 'batt');
        break;
      case 'driverUniqueId':
        pos.attributes.driverUniqueId = value;
        break;
      case 'charge':
        pos.attributes.charge = value.toLowerCase() === 'true';
        break;
      default:
        // `odometer` too: Traccar keeps it as sent, in metres (its odometer key's unit).
        pos.attributes[key] = attributeValue(value);
    }
  }
  if (!identifier) fail('missing device id (id or deviceid)');
  if (cells.length) pos.attributes.cell = cells;
  if (wifis.length) pos.attributes.wifi = wifis;
  const when = at ?? now;
  return { identifier: identifier!, at: when, ...coordinates(lat, lon), timeFlag: timeFlagOf(when, now), ...pos };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonNumber(obj: Record<string, unknown>, key: string, where: string, required: boolean): number | null {
  const v = obj[key];
  if (v === undefined || v === null) return required ? fail(`${where}.${key} is required`) : null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`${where}.${key} must be a number`);
  return v;
}

export function decodeJson(body: string, now: Date): DecodedPosition {
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return fail('body is not valid JSON');
  }
  if (!isObject(root)) return fail('JSON body must be an object');
  const rawId = root.device_id;
  const identifier = typeof rawId === 'string' || typeof rawId === 'number' ? deviceIdOf(String(rawId)) : null;
  if (!identifier) return fail('missing device_id (1–128 printable characters)');
  const location = root.location;
  if (!isObject(location)) return fail('missing location object');
  if (typeof location.timestamp !== 'string') return fail('location.timestamp (ISO-8601) is required');
  const at = checkTime(parseIsoTime(location.timestamp), location.timestamp);

  const pos: DecodedPosition = {
    identifier,
    at,
    timeFlag: timeFlagOf(at, now),
    lat: null,
    lon: null,
    speedKph: null,
    course: null,
    altitude: null,
    accuracy: null,
    battery: null,
    valid: true,
    attributes: {},
  };
  if (location.coords !== undefined) {
    const c = location.coords;
    if (!isObject(c)) return fail('location.coords must be an object');
    pos.lat = jsonNumber(c, 'latitude', 'coords', true);
    pos.lon = jsonNumber(c, 'longitude', 'coords', true);
    const speed = jsonNumber(c, 'speed', 'coords', false);
    if (speed !== null && speed >= 0) pos.speedKph = speed * MPS_TO_KPH;
    const heading = jsonNumber(c, 'heading', 'coords', false);
    if (heading !== null && heading >= 0) pos.course = heading;
    const accuracy = jsonNumber(c, 'accuracy', 'coords', false);
    if (accuracy !== null && accuracy >= 0) pos.accuracy = accuracy;
    pos.altitude = jsonNumber(c, 'altitude', 'coords', false);
    Object.assign(pos, coordinates(pos.lat, pos.lon));
  }
  const a = pos.attributes;
  if (typeof location.event === 'string') a.event = location.event;
  if (typeof location.is_moving === 'boolean') a.motion = location.is_moving;
  if (typeof location.odometer === 'number' && Number.isFinite(location.odometer)) a.odometer = location.odometer;
  if (typeof location.mock === 'boolean') a.mock = location.mock;
  if (isObject(location.activity) && typeof location.activity.type === 'string') a.activity = location.activity.type;
  if (isObject(location.battery)) {
    const level = location.battery.level;
    if (typeof level === 'number' && Number.isFinite(level) && level >= 0) pos.battery = Math.trunc(level * 100);
    if (location.battery.is_charging === true) a.charge = true;
  }
  if (typeof location.alarm === 'string') a.alarm = location.alarm;
  if (isObject(location.extras)) {
    for (const [key, value] of Object.entries(location.extras)) {
      if (key === 'alarm' && 'alarm' in location) continue;
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') a[key] = value;
    }
  }
  return pos;
}

/**
 * Decode one HTTP request of the OsmAnd / Traccar Client protocol. Never throws. Impossible
 * readings (speed, course, battery, accuracy: `plausibleReadings`) become unknown; their names are
 * kept in the `implausible` attribute.
 */
export function decodeOsmAnd(req: RawRequest, now: Date): DecodeResult {
  try {
    const ct = (req.contentType ?? '').toLowerCase();
    const decoded = ct.startsWith('application/json') ? decodeJson(req.body, now) : decodeQuery(osmAndParams(req), now);
    const { fix: position, dropped } = plausibleReadings(decoded);
    if (dropped.length) position.attributes = { ...position.attributes, implausible: dropped.join(',') };
    return { ok: true, position };
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, message: err.message };
    return { ok: false, message: `malformed request: ${(err as Error).message}` };
  }
}
