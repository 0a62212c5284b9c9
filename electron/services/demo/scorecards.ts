/**
 * Demo data of the stand-up & scorecards area: 13 weeks of realistic weekly DA scorecards for the
 * demo drivers (most Fantastic/Great, a few struggling, one slipping), the company's standing,
 * coaching plans in every state, training courses and records (some due, some expired),
 * incidents over the last weeks and the safety topic library with its recent history.
 */
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { assignments, coachingPlans, drivers, incidents, routes, safetyTopicHistory, safetyTopics, scorecardWeeks, trainingCourses, trainingRecords } from '../../db/schema';
import type { WriteContext, WriteDb } from '../context';
import type { Rng } from '../../../shared/random';
import { addDays } from '../../../shared/station-time';
import type { Tier } from '../../../shared/domain';
import { METRIC_KEYS, overallTier, type MetricValues } from '../../../shared/rules/scorecards/tiers';
import { addWeeks, weekOf, weekRange } from '../../../shared/rules/scorecards/weeks';
import { reviewPlans, suggestForIncident, suggestForWeek } from '../scorecards/coaching';
import { INCIDENT_TYPES, type IncidentSeverity, type IncidentType } from '../../../shared/rules/scorecards/coaching';

export const SAFETY_TOPICS: [string, string][] = [
  ['Backing up: GOAL', 'Get Out And Look before reversing; back into driveways only when you must, with a spotter if one is there.'],
  ['Dog awareness', 'Honk and wait at gates, carry the package between you and the dog, report dogs in the app so the next driver knows.'],
  ['Heat illness prevention', 'Drink a cup of water every 20 minutes, take shade breaks, know the signs: dizziness, cramps, confusion — call dispatch.'],
  ['Seatbelt every stop', 'Seatbelt on before the van moves, every time — even for 50 feet to the next house. Netradyne counts every roll.'],
  ['Following distance', 'Keep 4 seconds behind the vehicle ahead in a loaded van, 6 in rain. Stopping distance grows with the load.'],
  ['Phone down while driving', 'Mount the phone, navigate with voice; read the next stop only when parked. Distraction events hit the scorecard hardest.'],
  ['Stop signs: full stop', 'Wheels stop completely behind the line; count "one-thousand-one". Rolling stops are sign violations.'],
  ['Three points of contact', 'Use the grab handle and step getting in and out of the cab and cargo area; never jump down.'],
  ['Lifting heavy packages', 'Bend the knees, keep the load close, use the dolly for anything over 50 lb; ask for a team lift.'],
  ['Photo on delivery', 'Package in the frame, door or mailbox visible, no people or pets; a rejected photo is a POD defect.'],
  ['Parking brake and wheels', 'Set the parking brake and turn the wheels to the kerb on hills before leaving the cab.'],
  ['Slips, trips and falls', 'Watch for wet leaves, ice and uneven steps; use a flashlight after dark; walk, never run.'],
  ['Intersections and pedestrians', 'Scan left-right-left, cover the brake near schools and parks; yield to pedestrians every time.'],
  ['Pre-trip DVIR', 'Walk around the van before launch: tyres, lights, mirrors, brakes. A defect found at the station is a safe defect.'],
  ['Customer contact & safe drop', 'Follow the delivery notes, never leave packages in view of the street; contact the customer when access fails.'],
];

const COURSES: { name: string; validityDays: number | null; mandatory: boolean }[] = [
  { name: 'Defensive driving', validityDays: 365, mandatory: true },
  { name: 'Heat-illness prevention', validityDays: 365, mandatory: true },
  { name: 'Dog-bite awareness', validityDays: 365, mandatory: true },
  { name: 'EDV training', validityDays: null, mandatory: false },
  { name: 'Hazmat awareness', validityDays: 730, mandatory: false },
];

interface Profile {
  safety: number; // 0 (risky) … 1 (excellent)
  quality: number;
  trend: number; // per week, −0.03 … +0.03
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** One driver-week of metrics from a profile (0 = poor … 1 = excellent) with weekly noise. */
function metricsFor(p: Profile, k: number, rng: Rng): MetricValues {
  const s = clamp(p.safety + p.trend * k + rng.normal(0, 0.08), 0, 1);
  const q = clamp(p.quality + p.trend * k + rng.normal(0, 0.08), 0, 1);
  const events = (scale: number) => (rng.chance(0.1 + 0.88 * s) ? 0 : round(Math.max(0, (1 - s) * scale * rng.float(0.3, 1.4)), 2));
  const delivered = rng.int(780, 1350);
  return {
    delivered,
    fico: Math.round(clamp(600 + 250 * s + rng.normal(0, 12), 500, 850)),
    seatbelt: events(2.2),
    speeding: events(5),
    distractions: events(2.2),
    followingDistance: events(2.4),
    signSignal: events(1.8),
    cdfDpmo: rng.chance(0.4 + 0.4 * q) ? 0 : Math.round((1 - q) * 6500 * rng.float(0.4, 1.3)),
    ced: rng.chance(0.9 + 0.09 * q) ? 0 : Math.round(rng.float(400, 1500)),
    dcr: round(clamp(95.2 + 4.9 * q + rng.normal(0, 0.3), 90, 100), 1),
    dsb: rng.chance(0.3 + 0.5 * q) ? 0 : Math.round((1 - q) * 2600 * rng.float(0.4, 1.3)),
    pod: round(clamp(91.5 + 8.6 * q + rng.normal(0, 0.5), 80, 100), 1),
    // PSB was "Coming Soon" in the oldest weeks.
    psb: k < -9 ? null : rng.chance(0.5 + 0.4 * q) ? 0 : Math.round((1 - q) * 1400 * rng.float(0.4, 1.3)),
    dsbDnr: rng.chance(0.3 + 0.5 * q) ? 0 : Math.round((1 - q) * 3200 * rng.float(0.4, 1.3)),
    podOpps: Math.round(delivered * rng.float(0.85, 0.97)),
    cc: null,
  };
}

function companyTierOf(score: number): Tier {
  return score >= 88 ? 'Fantastic+' : score >= 78 ? 'Fantastic' : score >= 68 ? 'Great' : score >= 55 ? 'Fair' : 'Poor';
}

const FOCUS: Record<string, string> = { speeding: 'SER', seatbelt: 'SOR', dcr: 'DCR', cdfDpmo: 'CDF', pod: 'POD', dsb: 'DSB', distractions: 'DIS', followingDistance: 'FD', signSignal: 'SSV' };

/**
 * Scorecard weeks for every active demo driver, ending with the last published week (the week
 * before today's). Exported for the bench (52 weeks). Returns the weeks written, oldest first.
 */
export function seedScorecardWeeks(db: WriteDb, rng: Rng, today: string, weeks: number): string[] {
  const people = db.select({ id: drivers.id, name: drivers.name, tid: drivers.transporterId, hireDate: drivers.hireDate }).from(drivers).where(isNull(drivers.archivedAt)).orderBy(asc(drivers.id)).all();
  const last = addWeeks(weekOf(today), -1);
  const list = Array.from({ length: weeks }, (_, i) => addWeeks(last, i - weeks + 1));
  const pr = rng.fork('profiles');
  const profiles = new Map<number, Profile>();
  people.forEach((p, i) => {
    // A station of mostly good drivers: ~70 % strong, ~20 % middling, ~10 % struggling; one slipping.
    const band = pr.weighted([['strong', 70], ['mid', 20], ['weak', 10]] as const);
    const base = band === 'strong' ? pr.float(0.86, 1) : band === 'mid' ? pr.float(0.6, 0.8) : pr.float(0.35, 0.55);
    profiles.set(p.id, {
      safety: clamp(base + pr.normal(0, 0.06), 0, 1),
      quality: clamp(base + pr.normal(0, 0.06), 0, 1),
      trend: i % 17 === 3 ? -0.035 : i % 13 === 5 ? 0.03 : pr.normal(0, 0.006),
    });
  });
  const sql = db.$client;
  const insert = sql.prepare(
    `INSERT INTO scorecard_rows (week, driver_id, row, transporter_id, name, file_tier, tier, key_focus_area, ${METRIC_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())).join(', ')})
     VALUES (${Array(8 + METRIC_KEYS.length).fill('?').join(', ')})`,
  );
  const mr = rng.fork('metrics');
  for (const [wi, week] of list.entries()) {
    const range = weekRange(week)!;
    const k = wi - (list.length - 1); // 0 for the latest week, negative before
    const rows: { id: number; tier: Tier | null }[] = [];
    let row = 2;
    const present = people.filter((p) => !p.hireDate || p.hireDate <= range.start);
    db.delete(scorecardWeeks).where(eq(scorecardWeeks.week, week)).run();
    db.insert(scorecardWeeks).values({ week, startDate: range.start, endDate: range.end, fileName: `US_RNLG_DSE4_Week${Number(week.slice(6))}_${week.slice(0, 4)}_en_DSPScorecard.pdf`, importedAt: `${addDays(range.end, 4)}T16:00:00.000Z`, importedBy: 'demo' }).run();
    for (const p of present) {
      if (mr.chance(0.06)) continue; // off that week
      const v = metricsFor(profiles.get(p.id)!, k, mr);
      const tier = overallTier(null, v);
      let focus = '';
      let worst = 0;
      for (const [m, code] of Object.entries(FOCUS)) {
        const x = v[m as keyof MetricValues];
        if (x == null) continue;
        const badness = m === 'dcr' || m === 'pod' ? (100 - x) / 3 : m === 'cdfDpmo' || m === 'dsb' ? x / 3000 : x / 2;
        if (badness > worst) [worst, focus] = [badness, code];
      }
      insert.run(week, p.id, row++, p.tid, p.name, tier, tier, focus, ...METRIC_KEYS.map((m) => v[m] ?? null));
      rows.push({ id: p.id, tier });
    }
    const share = (t: Tier[]) => rows.filter((r) => r.tier && t.includes(r.tier)).length / Math.max(1, rows.length);
    const score = round(clamp(58 + 38 * share(['Fantastic+', 'Fantastic']) + 8 * share(['Great']) - 30 * share(['Poor']) + mr.normal(0, 1.2), 40, 99), 1);
    db.update(scorecardWeeks).set({ companyScore: score, companyTier: companyTierOf(score) }).where(eq(scorecardWeeks.week, week)).run();
  }
  return list;
}

export function seedScorecardsDemo(ctx: WriteContext, rng: Rng, today: string): void {
  const db = ctx.db;
  const weeks = seedScorecardWeeks(db, rng.fork('weeks'), today, 13);

  // Coaching: suggestions for the last four weeks, most accepted; older ones acknowledged/closed.
  const cr = rng.fork('coaching');
  for (const [i, week] of weeks.slice(-4).entries()) {
    suggestForWeek(ctx, week);
    const plans = db.select().from(coachingPlans).where(and(eq(coachingPlans.week, week), eq(coachingPlans.status, 'suggested'))).all();
    for (const p of plans) {
      const age = 3 - i; // weeks ago
      const roll = cr.next();
      const weekEnd = weekRange(week)!.end;
      const due = addDays(weekEnd, 10);
      if (age === 0) {
        if (roll < 0.5) db.update(coachingPlans).set({ status: 'accepted', dueDate: addDays(today, cr.int(0, 6)) }).where(eq(coachingPlans.id, p.id)).run();
        continue;
      }
      if (roll < 0.1) db.update(coachingPlans).set({ status: 'dismissed', dueDate: due }).where(eq(coachingPlans.id, p.id)).run();
      else if (roll < 0.45 && age >= 2)
        db.update(coachingPlans)
          .set({ status: 'closed', dueDate: due, acknowledgedAt: addDays(weekEnd, 5), acknowledgement: 'Signed after the 1:1', followUpResult: 'Back to Great on the next scorecard', closedAt: `${addDays(weekEnd, 14)}T17:00:00.000Z` })
          .where(eq(coachingPlans.id, p.id))
          .run();
      else if (roll < 0.8) db.update(coachingPlans).set({ status: 'acknowledged', dueDate: due, acknowledgedAt: addDays(weekEnd, 5), acknowledgement: 'Signed after the 1:1' }).where(eq(coachingPlans.id, p.id)).run();
      else db.update(coachingPlans).set({ status: 'accepted', dueDate: due }).where(eq(coachingPlans.id, p.id)).run();
    }
  }

  // Training.
  const tr = rng.fork('training');
  const courseIds = COURSES.map((c) => db.insert(trainingCourses).values(c).returning().get());
  const people = db.select({ id: drivers.id, hireDate: drivers.hireDate, quals: drivers.qualifications, status: drivers.status }).from(drivers).where(isNull(drivers.archivedAt)).orderBy(asc(drivers.id)).all();
  const recs: (typeof trainingRecords.$inferInsert)[] = [];
  people.forEach((p, i) => {
    for (const c of courseIds) {
      if (c.name === 'EDV training' && !p.quals.includes('EDV')) continue;
      if (c.name === 'Hazmat awareness' && !tr.chance(0.3)) continue;
      if (c.mandatory && i % 23 === 7 && c.name === 'Heat-illness prevention') continue; // never taken
      const hired = p.hireDate ?? addDays(today, -700);
      // Spread completions over the last year; a few fall just past or just before a year.
      let done = addDays(today, -tr.int(20, 330));
      if (c.mandatory && i % 11 === 4) done = addDays(today, -tr.int(370, 420)); // expired
      if (c.mandatory && i % 9 === 2) done = addDays(today, -tr.int(340, 362)); // due within 30 days
      if (done < hired) done = addDays(hired, tr.int(1, 5));
      if (done > today) continue;
      recs.push({ driverId: p.id, courseId: c.id, completedOn: done, expiresOn: c.validityDays ? addDays(done, c.validityDays) : null, notes: '' });
    }
  });
  for (let i = 0; i < recs.length; i += 200) db.insert(trainingRecords).values(recs.slice(i, i + 200)).run();

  // Incidents on routes the demo drivers ran.
  const ir = rng.fork('incidents');
  const driven = db
    .select({ routeId: routes.id, date: routes.date, driverId: assignments.driverId, vanId: assignments.vanId })
    .from(assignments)
    .innerJoin(routes, eq(routes.id, assignments.routeId))
    .where(and(gte(routes.date, addDays(today, -40)), lte(routes.date, addDays(today, -1))))
    .all();
  const DESCRIPTIONS: Record<IncidentType, string[]> = {
    collision: ['Backed into a parked car at an apartment complex; minor bumper scrape', 'Side mirror clipped a mailbox on a narrow street'],
    property_damage: ['Gate latch broken while closing; customer reported it', 'Ran over a garden light reversing out of a driveway'],
    injury: ['Twisted ankle stepping down from the cargo area', 'Dog bite on the left hand at a residence, first aid given'],
    customer_escalation: ['Customer reported package thrown over the fence', 'Package left at the wrong address; customer called Amazon'],
    package_damage: ['Crushed box from a poorly stacked shelf', 'Wet packages after the side door was left open in rain'],
    traffic_citation: ['Cited for parking in a bus zone', 'Cited for rolling a stop sign on Central Ave'],
    other: ['Lost the van key fob for 30 minutes'],
  };
  const severityOf: Record<IncidentType, IncidentSeverity[]> = {
    collision: ['medium', 'high'],
    property_damage: ['low', 'medium'],
    injury: ['medium', 'high'],
    customer_escalation: ['low', 'medium'],
    package_damage: ['low'],
    traffic_citation: ['low', 'medium'],
    other: ['low'],
  };
  const n = Math.min(driven.length, 14);
  const chosen = ir.sample(driven, n).sort((a, b) => a.date.localeCompare(b.date));
  for (const [i, d] of chosen.entries()) {
    const type = ir.weighted(INCIDENT_TYPES.map((t) => [t, t === 'customer_escalation' ? 4 : t === 'collision' || t === 'property_damage' ? 3 : t === 'other' ? 1 : 2] as const));
    const age = Math.round((Date.parse(today) - Date.parse(d.date)) / 86_400_000);
    const inc = db
      .insert(incidents)
      .values({
        type,
        date: d.date,
        driverId: d.driverId,
        vanId: d.vanId,
        routeId: d.routeId,
        severity: ir.pick(severityOf[type]),
        description: ir.pick(DESCRIPTIONS[type]),
        status: age > 14 ? 'closed' : age > 4 ? 'investigating' : 'open',
        createdAt: `${d.date}T22:00:00.000Z`,
        updatedAt: `${d.date}T22:00:00.000Z`,
      })
      .returning()
      .get();
    const planId = suggestForIncident(ctx, inc);
    if (planId && age > 3) {
      const status = age > 14 ? 'closed' : i % 3 === 0 ? 'accepted' : 'acknowledged';
      db.update(coachingPlans)
        .set({
          status,
          dueDate: addDays(d.date, 7),
          acknowledgedAt: status === 'accepted' ? null : addDays(d.date, 2),
          acknowledgement: status === 'accepted' ? '' : 'Signed at the 1:1',
          followUpResult: status === 'closed' ? 'No repeat; ride-along done' : '',
          closedAt: status === 'closed' ? `${addDays(d.date, 12)}T17:00:00.000Z` : null,
        })
        .where(eq(coachingPlans.id, planId))
        .run();
    }
  }
  reviewPlans(ctx);

  // Safety topics and the last two weeks of history (today's pick is made by the stand-up).
  const topicIds = SAFETY_TOPICS.map(([title, body]) => db.insert(safetyTopics).values({ title, body }).returning().get().id);
  const order = rng.fork('topics').shuffle(topicIds);
  for (let i = 1; i <= 12; i++) db.insert(safetyTopicHistory).values({ date: addDays(today, -i), topicId: order[i - 1]! }).run();
}
