import { describe, expect, it } from 'vitest';
import { decodeOsmAnd, parseOsmAndTime, type DecodedPosition, type RawRequest } from '../../../electron/services/telematics/osmand';

// Vectors written from the protocol as Traccar's OsmAnd decoder reads it (port 5055): OsmAnd's
// tracking URL `http://host:5055/?id={id}&timestamp={t}&lat={lat}&lon={lon}&speed={speed}…`,
// Traccar Client's form posts, and the JSON body newer Traccar Client apps send.

const NOW = new Date('2026-11-26T13:00:00Z');
const get = (query: string): RawRequest => ({ method: 'GET', url: `/?${query}`, body: '' });
const ok = (req: RawRequest): DecodedPosition => {
  const r = decodeOsmAnd(req, NOW);
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.position;
};
const bad = (req: RawRequest): string => {
  const r = decodeOsmAnd(req, NOW);
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.position)}`);
  return r.message;
};

describe('OsmAnd query parameters', () => {
  it('reads the classic OsmAnd GET', () => {
    const p = ok(get('id=123456&timestamp=1795683600&lat=47.6062&lon=-122.3321&speed=10&bearing=90&altitude=56.5&accuracy=8&batt=87'));
    expect(p.identifier).toBe('123456');
    expect(p.at.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(p.lat).toBe(47.6062);
    expect(p.lon).toBe(-122.3321);
    expect(p.speedKph).toBeCloseTo(18.52, 6); // 10 knots
    expect(p.course).toBe(90);
    expect(p.altitude).toBe(56.5);
    expect(p.accuracy).toBe(8);
    expect(p.battery).toBe(87);
    expect(p.valid).toBe(true);
    expect(p.attributes).toEqual({});
  });

  it('accepts deviceid as the id, heading as the course, hdop as an attribute', () => {
    const p = ok(get('deviceid=van-07&lat=1&lon=2&heading=271.5&hdop=1.2'));
    expect(p.identifier).toBe('van-07');
    expect(p.course).toBe(271.5);
    expect(p.accuracy).toBeNull();
    expect(p.attributes).toEqual({ hdop: 1.2 });
  });

  it('reads location=lat,lon', () => {
    const p = ok(get('id=a&location=47.5,-122.25'));
    expect([p.lat, p.lon]).toEqual([47.5, -122.25]);
    const enc = ok(get('id=a&location=47.5%2C-122.25'));
    expect([enc.lat, enc.lon]).toEqual([47.5, -122.25]);
  });

  it('reads timestamps as Unix seconds, milliseconds, ISO-8601 and yyyy-MM-dd HH:mm:ss', () => {
    const t = (v: string) => ok(get(`id=a&lat=1&lon=1&timestamp=${encodeURIComponent(v)}`)).at.toISOString();
    expect(t('1795683600')).toBe('2026-11-26T09:00:00.000Z');
    expect(t('1795683600123')).toBe('2026-11-26T09:00:00.123Z');
    expect(t('2026-11-26T09:00:00Z')).toBe('2026-11-26T09:00:00.000Z');
    expect(t('2026-11-26T09:00:00.250Z')).toBe('2026-11-26T09:00:00.250Z');
    expect(t('2026-11-26T01:00:00-08:00')).toBe('2026-11-26T09:00:00.000Z');
    expect(t('2026-11-26T10:30:00+0130')).toBe('2026-11-26T09:00:00.000Z');
    expect(t('2026-11-26 09:00:00')).toBe('2026-11-26T09:00:00.000Z');
    // `+` in a query is a space, as OsmAnd sends it unencoded
    expect(ok(get('id=a&lat=1&lon=1&timestamp=2026-11-26+09:00:00')).at.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    // 12 digits are milliseconds, as Traccar's Long.parseLong reads them (never ddMMyyHHmmss): 1978, flagged
    expect(t('261126090000')).toBe('1978-04-11T07:01:30.000Z');
    expect(ok(get('id=a&lat=1&lon=1&timestamp=261126090000')).timeFlag).toBe('past');
  });

  it('uses the desk clock when no timestamp is sent', () => {
    expect(ok(get('id=a&lat=1&lon=1')).at.toISOString()).toBe(NOW.toISOString());
  });

  it('Traccar boundary: below 2^31−1 is seconds, from it on milliseconds', () => {
    expect(parseOsmAndTime('2147483646')).toBe(2147483646000);
    expect(parseOsmAndTime('2147483647')).toBe(2147483647);
    expect(parseOsmAndTime('nonsense')).toBeNull();
    expect(parseOsmAndTime('2026-02-30 10:00:00')).toBeNull();
  });

  it('reads valid as true/1 and anything else as false', () => {
    expect(ok(get('id=a&lat=1&lon=1&valid=true')).valid).toBe(true);
    expect(ok(get('id=a&lat=1&lon=1&valid=1')).valid).toBe(true);
    expect(ok(get('id=a&lat=1&lon=1&valid=false')).valid).toBe(false);
    expect(ok(get('id=a&lat=1&lon=1&valid=0')).valid).toBe(false);
  });

  it('keeps charge, driverUniqueId, odometer (metres, as sent) and unknown parameters as typed attributes', () => {
    const p = ok(get('id=a&lat=1&lon=1&charge=true&driverUniqueId=A1B2C3&odometer=12.5&ignition=true&fuel=42.5&note=front+gate&door=false'));
    expect(p.attributes).toEqual({
      charge: true,
      driverUniqueId: 'A1B2C3',
      odometer: 12.5,
      ignition: true,
      fuel: 42.5,
      note: 'front gate',
      door: false,
    });
  });

  it('ignores empty values and lets the last of repeated parameters win', () => {
    const p = ok(get('id=a&lat=1&lon=1&speed=&bearing=10&bearing=20'));
    expect(p.speedKph).toBeNull();
    expect(p.course).toBe(20);
  });

  it('reads a POST form body when the URL has no parameters', () => {
    const p = ok({
      method: 'POST',
      url: '/',
      contentType: 'application/x-www-form-urlencoded',
      body: 'id=form-1&lat=47.1&lon=-122.1&speed=0&timestamp=1795683600',
    });
    expect(p.identifier).toBe('form-1');
    expect(p.lat).toBe(47.1);
    expect(p.speedKph).toBe(0);
  });

  it('prefers the URL query over the body, like Traccar', () => {
    const p = ok({ method: 'POST', url: '/?id=q&lat=1&lon=2', body: 'id=body&lat=3&lon=4' });
    expect(p.identifier).toBe('q');
    expect(p.lat).toBe(1);
  });

  it('passes a message without coordinates through (the store reuses the last fix)', () => {
    const p = ok(get('id=a&batt=50'));
    expect(p.lat).toBeNull();
    expect(p.lon).toBeNull();
  });

  it('never refuses what Traccar stores: far-off clocks are flagged, ids of printable characters, 0,0 is no fix', () => {
    expect(ok(get('id=a&lat=1&lon=1&timestamp=0')).timeFlag).toBe('past');
    expect(ok(get('id=a&lat=1&lon=1&timestamp=1989-06-01T10:00:00Z')).timeFlag).toBe('past');
    expect(ok(get('id=a&lat=1&lon=1&timestamp=2099-01-01T00:00:00Z')).timeFlag).toBe('future');
    expect(ok(get('id=a&lat=1&lon=1')).timeFlag).toBeNull();
    expect(ok(get('id=van+12&lat=1&lon=1')).identifier).toBe('van 12');
    expect(ok(get('id=a%40b&lat=1&lon=1')).identifier).toBe('a@b');
    expect(ok(get('id=%C3%A9quipe%207&lat=1&lon=1')).identifier).toBe('équipe 7');
    const zero = ok(get('id=a&lat=0&lon=0&batt=40'));
    expect([zero.lat, zero.lon, zero.battery]).toEqual([null, null, 40]);
    expect(bad(get('id=a%00b&lat=1&lon=1'))).toMatch(/printable/);
    expect(bad(get(`id=${'x'.repeat(129)}&lat=1&lon=1`))).toMatch(/printable/);
  });

  it('keeps every repeated cell and wifi value, as Traccar’s network lists', () => {
    const p = ok(get('id=a&cell=257,02,16,2224&cell=257,02,16,2223,-90&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70&cell=junk'));
    expect(p.attributes.cell).toEqual([{ mcc: 257, mnc: 2, lac: 16, cid: 2224 }, { mcc: 257, mnc: 2, lac: 16, cid: 2223, signal: -90 }, 'junk']);
    expect(p.attributes.wifi).toEqual([{ mac: '00:14:22:01:23:45', signal: -80 }, { mac: '00:1C:B3:09:85:15', signal: -70 }]);
  });

  it('refuses malformed input', () => {
    expect(bad(get('lat=1&lon=2'))).toMatch(/device id/);
    expect(bad(get('id=&lat=1&lon=2'))).toMatch(/device id/);
    expect(bad(get('id=a&lat=abc&lon=2'))).toMatch(/lat/);
    expect(bad(get('id=a&lat=91&lon=2'))).toMatch(/latitude out of range/);
    expect(bad(get('id=a&lat=1&lon=-180.5'))).toMatch(/longitude out of range/);
    expect(bad(get('id=a&lat=NaN&lon=2'))).toMatch(/lat/);
    expect(bad(get('id=a&lat=1'))).toMatch(/lat given without lon/);
    expect(bad(get('id=a&location=47.5'))).toMatch(/location/);
    expect(bad(get('id=a&lat=1&lon=1&timestamp=yesterday'))).toMatch(/timestamp/);
    expect(bad(get('id=a&lat=1&lon=1&speed=fast'))).toMatch(/speed/);
  });
});

describe('Traccar Client JSON body', () => {
  const json = (body: unknown, contentType = 'application/json'): RawRequest => ({
    method: 'POST',
    url: '/',
    contentType,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const full = {
    device_id: '914250',
    location: {
      timestamp: '2026-11-26T12:59:30.000Z',
      coords: { latitude: 47.61, longitude: -122.33, speed: 10, heading: 180, altitude: 40, accuracy: 5 },
      is_moving: true,
      odometer: 12345,
      event: 'motionchange',
      battery: { level: 0.56, is_charging: true },
      activity: { type: 'in_vehicle' },
      extras: { soc: 81, trip: 'R12', towing: false },
    },
  };

  it('reads every field', () => {
    const p = ok(json(full, 'application/json; charset=utf-8'));
    expect(p.identifier).toBe('914250');
    expect(p.at.toISOString()).toBe('2026-11-26T12:59:30.000Z');
    expect([p.lat, p.lon]).toEqual([47.61, -122.33]);
    expect(p.speedKph).toBeCloseTo(36, 6); // 10 m/s
    expect(p.course).toBe(180);
    expect(p.altitude).toBe(40);
    expect(p.accuracy).toBe(5);
    expect(p.battery).toBe(56);
    expect(p.attributes).toEqual({
      motion: true,
      odometer: 12345,
      event: 'motionchange',
      charge: true,
      activity: 'in_vehicle',
      soc: 81,
      trip: 'R12',
      towing: false,
    });
  });

  it('treats negative speed and heading as unknown, negative battery level as unknown', () => {
    const p = ok(
      json({
        device_id: 'x',
        location: { timestamp: '2026-11-26T12:00:00Z', coords: { latitude: 1, longitude: 2, speed: -1, heading: -1 }, battery: { level: -1, is_charging: false } },
      }),
    );
    expect(p.speedKph).toBeNull();
    expect(p.course).toBeNull();
    expect(p.battery).toBeNull();
    expect(p.attributes).toEqual({});
  });

  it('accepts a numeric device_id and a location without coords', () => {
    const p = ok(json({ device_id: 42, location: { timestamp: '2026-11-26T12:00:00Z', event: 'heartbeat' } }));
    expect(p.identifier).toBe('42');
    expect(p.lat).toBeNull();
    expect(p.attributes).toEqual({ event: 'heartbeat' });
  });

  it('refuses malformed JSON bodies', () => {
    expect(bad(json('{not json'))).toMatch(/JSON/);
    expect(bad(json({ location: full.location }))).toMatch(/device_id/);
    expect(bad(json({ device_id: 'x' }))).toMatch(/location/);
    expect(bad(json({ device_id: 'x', location: { coords: { latitude: 1, longitude: 1 } } }))).toMatch(/timestamp/);
    expect(bad(json({ device_id: 'x', location: { timestamp: 'soon', coords: { latitude: 1, longitude: 1 } } }))).toMatch(/timestamp/);
    expect(bad(json({ device_id: 'x', location: { timestamp: '2026-11-26T12:00:00Z', coords: { latitude: 100, longitude: 1 } } }))).toMatch(
      /latitude out of range/,
    );
    expect(bad(json({ device_id: 'x', location: { timestamp: '2026-11-26T12:00:00Z', coords: { latitude: '1', longitude: 1 } } }))).toMatch(
      /latitude/,
    );
  });

  it('only reads JSON when the content type says so', () => {
    // a JSON body posted as a form has no id parameter
    expect(bad({ method: 'POST', url: '/', contentType: 'text/plain', body: JSON.stringify(full) })).toMatch(/device id/);
  });
});
