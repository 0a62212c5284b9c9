import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { alarms, assignments, devices, positions, positionsLatest, routes, station, unknownDevices } from '../../db/schema';
import type { WriteContext } from '../context';
import type { Rng } from '../../../shared/random';
import { addDays } from '../../../shared/station-time';
import { Simulation } from '../telematics/simulator';

/**
 * Demo telematics: yesterday's trails for the vans that drove (a fix a minute while out), and
 * this morning's latest positions — phones of today's vans parked at the station a few minutes
 * ago, one spare phone gone stale outside, and one device id that reports but is not registered
 * (to show linking it in one click). `serve --demo --simulate` then brings the vans to life.
 */
export function seedTelematicsDemo(ctx: WriteContext, rng: Rng, today: string): void {
  const db = ctx.db;
  const st = db.select().from(station).where(eq(station.id, 1)).get();
  if (!st) return;
  const now = ctx.clock.now();
  const phones = db.select().from(devices).where(and(eq(devices.kind, 'phone'), isNotNull(devices.vanId))).all();
  const spare = db.select().from(devices).where(eq(devices.kind, 'phone')).all().filter((d) => d.vanId === null);
  const yesterday = addDays(today, -1);
  const driven = db
    .select({ vanId: assignments.vanId, launchedAt: routes.launchedAt, returnedAt: routes.returnedAt })
    .from(assignments)
    .innerJoin(routes, eq(routes.id, assignments.routeId))
    .where(and(eq(assignments.date, yesterday), isNotNull(routes.launchedAt), isNotNull(routes.returnedAt)))
    .all();
  const byVan = new Map(driven.map((d) => [d.vanId, d]));

  const rows: (typeof positions.$inferInsert)[] = [];
  const latest: (typeof positionsLatest.$inferInsert)[] = [];
  // Yesterday's trails, replayed through the simulator's motion model.
  const withTrail = phones.filter((p) => byVan.has(p.vanId));
  const sim = new Simulation({
    station: { lat: st.lat, lon: st.lon },
    devices: withTrail.map((p) => ({ identifier: p.identifier, departS: 0 })),
    seed: rng.int(1, 1_000_000),
    dwellS: [120, 420],
    stops: [8, 14],
  });
  const stepS = 60;
  const starts = withTrail.map((p) => Date.parse(byVan.get(p.vanId)!.launchedAt!));
  const ends = withTrail.map((p) => Date.parse(byVan.get(p.vanId)!.returnedAt!));
  for (let t = 0; t < 12 * 3600; t += stepS) {
    sim.step(stepS);
    withTrail.forEach((p, i) => {
      const at = starts[i]! + t * 1000;
      if (at > ends[i]!) return;
      const f = sim.fix(i);
      if (f.phase === 'returned') return;
      const iso = new Date(at).toISOString();
      rows.push({ deviceId: p.id, at: iso, receivedAt: iso, lat: f.lat, lon: f.lon, speedKph: f.speedKph, course: f.course, accuracy: 6, battery: f.battery, valid: true });
    });
  }
  // This morning: parked at the station, pinged a few minutes ago.
  for (const p of phones) {
    const at = new Date(now.getTime() - rng.int(20, 300) * 1000).toISOString();
    const lat = st.lat + rng.float(-0.0012, 0.0012);
    const lon = st.lon + rng.float(-0.0015, 0.0015);
    rows.push({ deviceId: p.id, at, receivedAt: at, lat, lon, speedKph: 0, course: 0, accuracy: 8, battery: rng.int(55, 100), valid: true });
    latest.push({ deviceId: p.id, positionId: 0, at, receivedAt: at, lat, lon, speedKph: 0, course: 0, accuracy: 8, battery: 80, movedAt: at, inStation: true });
  }
  if (spare[0]) {
    const at = new Date(now.getTime() - 47 * 60_000).toISOString();
    const lat = st.lat + 0.021;
    const lon = st.lon - 0.013;
    rows.push({ deviceId: spare[0].id, at, receivedAt: at, lat, lon, speedKph: 0, course: 0, accuracy: 12, battery: 14, valid: true });
    latest.push({ deviceId: spare[0].id, positionId: 0, at, receivedAt: at, lat, lon, speedKph: 0, course: 0, accuracy: 12, battery: 14, movedAt: at, inStation: false });
  }
  for (let i = 0; i < rows.length; i += 500) db.insert(positions).values(rows.slice(i, i + 500)).run();
  for (const l of latest) {
    const last = rows.filter((r) => r.deviceId === l.deviceId).at(-1)!;
    l.battery = last.battery ?? null;
    l.positionId = db.select({ id: sql<number>`max(${positions.id})` }).from(positions).where(eq(positions.deviceId, l.deviceId!)).get()!.id;
    db.insert(positionsLatest).values(l).run();
    db.update(devices).set({ lastSeenAt: l.at }).where(eq(devices.id, l.deviceId!)).run();
  }
  // The stale spare phone's battery ran low: one ordinary (not urgent) alarm, open.
  if (spare[0]) {
    const at = new Date(now.getTime() - 50 * 60_000).toISOString();
    db.insert(alarms).values({ deviceId: spare[0].id, kind: 'lowBattery', urgent: false, firstAt: at, lastAt: at, lat: st.lat + 0.021, lon: st.lon - 0.013 }).run();
  }
  const seen = new Date(now.getTime() - 90_000).toISOString();
  db.insert(unknownDevices)
    .values({ identifier: '358240051111110', firstSeenAt: new Date(now.getTime() - 25 * 60_000).toISOString(), lastSeenAt: seen, count: 24, lastLat: st.lat + 0.0004, lastLon: st.lon - 0.0006, remoteAddress: '192.168.1.57' })
    .run();
}
