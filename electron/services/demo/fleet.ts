/**
 * Demo fleet maintenance: a year of DVIRs (twice a week, daily pre- and post-trip for the last two
 * weeks), the defects and work orders they opened (repaired, invoiced, released), PM service
 * history per schedule item, documents for every van, and today's stories:
 *  - EDV-07 failed today's pre-trip DVIR on a critical item (brake warning light): grounded;
 *  - CDV-11's transmission is in repair at Kent Ford Commercial (in shop);
 *  - STEP-04 has the collision damage as an open critical defect (out of service);
 *  - attention: CDV-03 has a minor defect, CDV-05's oil is due in ~300 mi, STEP-02's brake
 *    inspection is due within the fortnight, CDV-09's insurance card expires in 20 days.
 * Raw SQL on the seeding transaction's connection: the same seed and today give the same data.
 */
import type { WriteContext } from '../context';
import type { Rng } from '../../../shared/random';
import { addDays } from '../../../shared/station-time';
import { stationInstant } from '../../../shared/station-time';
import { DEFAULT_FLEET_SETTINGS, DVIR_CHECKLIST, defaultPmSchedules } from '../../../shared/rules/fleet/maintenance';
import type { VanClass } from '../../../shared/domain';
import { pmClassOf } from '../../../shared/rules/fleet/classes';

const SHOPS = ['Kent Ford Commercial', 'Valley Fleet Service', 'Rivian Service Center Kent', 'Pacific Truck Repair'];
const MINOR_NOTES: Record<string, string[]> = {
  body: ['Scrape on rear bumper', 'Dent in sliding door', 'Cracked side marker lens'],
  cargo: ['Shelf latch broken', 'Cargo light out', 'Floor mat torn'],
  camera: ['Rear camera blurry', 'Netradyne camera offline'],
  extinguisher: ['Extinguisher gauge in red', 'Extinguisher missing'],
  first_aid: ['First-aid kit used up', 'First-aid kit missing'],
  papers: ['Insurance card missing', 'Registration card out of date'],
  cleanliness: ['Trash in cab', 'Spilled drink on seat'],
};
const CRITICAL_NOTES: Record<string, string> = {
  brakes: 'Grinding from front left',
  tyres: 'Sidewall bulge, rear right',
  lights: 'Left brake light out',
  mirrors: 'Passenger mirror glass cracked',
  windshield: 'Wiper blade torn',
  warning_lights: 'Check-engine light on',
};

export function seedFleetMaintenanceDemo(ctx: WriteContext, rng: Rng, today: string): void {
  const db = ctx.db.$client;
  const tz = (db.prepare('SELECT time_zone AS tz FROM station WHERE id = 1').get() as { tz: string } | undefined)?.tz ?? 'UTC';
  const now = ctx.clock.now();
  const vanRows = (
    db.prepare('SELECT id, name, van_class AS vanClass, electric, odometer_mi AS odo, status, ownership, ownership_end_date AS endDate FROM vans ORDER BY id').all() as {
      id: number;
      name: string;
      vanClass: VanClass;
      electric: number;
      odo: number;
      status: string;
      ownership: string;
      endDate: string | null;
    }[]
  ).map((v) => ({ ...v, electric: v.electric === 1 }));
  const inspectors = (db.prepare(`SELECT name FROM drivers WHERE status = 'active' ORDER BY id`).all() as { name: string }[]).map((d) => d.name);
  if (vanRows.length === 0 || inspectors.length === 0) return;
  const at = (date: string, minutes: number) => {
    const t = stationInstant(date, minutes, tz);
    return (t > now ? new Date(now.getTime() - 60_000) : t).toISOString();
  };

  const insInsp = db.prepare(`INSERT INTO inspections (van_id, kind, at, date, inspector, driver_id, odometer_mi, result, notes, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  // Today's pre-trips: done by the drivers who have checked in and have their van (a few minutes after check-in).
  const todays = new Map(
    (
      db
        .prepare(
          `SELECT a.van_id AS vanId, d.id AS driverId, d.name, dd.checked_in_at AS checkedInAt
             FROM assignments a JOIN drivers d ON d.id = a.driver_id JOIN driver_days dd ON dd.driver_id = a.driver_id AND dd.date = a.date
            WHERE a.date = ? AND a.van_id IS NOT NULL AND dd.checked_in_at IS NOT NULL`,
        )
        .all(today) as { vanId: number; driverId: number; name: string; checkedInAt: string }[]
    ).map((t) => [t.vanId, t]),
  );
  const insItem = db.prepare(`INSERT INTO inspection_items (inspection_id, item_code, passed, note) VALUES (?,?,?,?)`);
  const insDefect = db.prepare(
    `INSERT INTO defects (van_id, severity, description, status, source_inspection_id, item_code, reported_at, reported_by, shop, expected_date, repair_started_at, repaired_at, repair_note, cost, invoice_ref, released_at, released_by, release_note)
     VALUES (@vanId, @severity, @description, @status, @insp, @item, @reportedAt, @reportedBy, @shop, @expected, @started, @repairedAt, @repairNote, @cost, @invoice, @releasedAt, @releasedBy, @releaseNote)`,
  );
  const insRelease = db.prepare(`INSERT INTO van_releases (van_id, at, released_by, note) VALUES (?,?,?,?)`);
  const insService = db.prepare(`INSERT INTO service_records (van_id, code, date, odometer_mi, note, cost, created_by, created_at) VALUES (?,?,?,?,?,?,?,?)`);
  const insDoc = db.prepare(`INSERT INTO van_documents (van_id, kind, reference, expires_on, note, updated_at) VALUES (?,?,?,?,?,?)`);
  const stamp = now.toISOString();
  let invoiceNo = 4100;

  const schedules = defaultPmSchedules();
  const byName = new Map(vanRows.map((v) => [v.name, v]));
  const insuranceRenewal = addDays(today, 118);

  for (const v of vanRows) {
    const r = rng.fork(`van-${v.id}`);
    const mpd = v.electric ? r.int(55, 75) : v.vanClass === 'step_van' ? r.int(45, 65) : r.int(70, 95);
    const odoOn = (daysAgo: number) => Math.max(0, Math.round(v.odo - mpd * daysAgo * 0.86));
    const active = v.status === 'in_service';
    const story = v.name === 'EDV-07' ? 'failed-today' : '';

    // ---- DVIRs: a year back, twice a week; the last 14 days pre- and post-trip daily.
    for (let d = 364; d >= 0; d--) {
      const date = addDays(today, -d);
      const recent = d < 14;
      if (!recent && d % 7 !== 1 && d % 7 !== 4) continue;
      if (v.ownership === 'rental' && d > 60) continue; // rentals came for the peak
      if (!active && d < 3 && v.name !== 'EDV-07') continue; // in the shop / out of service lately
      const kinds: ('pre_trip' | 'post_trip')[] = recent && d > 0 ? ['pre_trip', 'post_trip'] : ['pre_trip'];
      for (const kind of kinds) {
        const minutes = kind === 'pre_trip' ? 9 * 60 + 5 + r.int(0, 50) : 19 * 60 + 10 + r.int(0, 90);
        let when = at(date, minutes);
        let inspector = r.pick(inspectors);
        let driverId: number | null = null;
        if (d === 0 && story !== 'failed-today') {
          // Today: only the vans whose driver has checked in have had their pre-trip.
          const t = todays.get(v.id);
          const done = t ? new Date(Date.parse(t.checkedInAt) + r.int(4, 14) * 60_000) : null;
          if (!t || !done || done > now) continue;
          [when, inspector, driverId] = [done.toISOString(), t.name, t.driverId];
        }
        const odo = odoOn(d) + (kind === 'post_trip' ? Math.round(mpd * 0.86) : 0);
        const failToday = story === 'failed-today' && d === 0 && kind === 'pre_trip';
        let failCode: string | null = null;
        if (failToday) failCode = 'warning_lights';
        else if (d > 2 && r.chance(0.03)) failCode = r.chance(0.2) ? r.pick(Object.keys(CRITICAL_NOTES)) : r.pick(Object.keys(MINOR_NOTES));
        const note = failToday ? 'Brake warning light on; regen braking fault' : failCode ? (CRITICAL_NOTES[failCode] ?? r.pick(MINOR_NOTES[failCode]!)) : '';
        const inspId = Number(insInsp.run(v.id, kind, when, date, inspector, driverId, odo, failCode ? 'fail' : 'pass', '', 'demo', when).lastInsertRowid);
        for (const item of DVIR_CHECKLIST) insItem.run(inspId, item.code, item.code === failCode ? 0 : 1, item.code === failCode ? note : '');
        if (!failCode) continue;
        const critical = DVIR_CHECKLIST.find((i) => i.code === failCode)!.critical;
        const label = DVIR_CHECKLIST.find((i) => i.code === failCode)!.label;
        const description = `${label} failed on ${kind === 'pre_trip' ? 'pre-trip' : 'post-trip'} DVIR: ${note}`;
        if (failToday) {
          insDefect.run({ vanId: v.id, severity: 'critical', description, status: 'open', insp: inspId, item: failCode, reportedAt: when, reportedBy: inspector, shop: null, expected: null, started: null, repairedAt: null, repairNote: null, cost: null, invoice: null, releasedAt: null, releasedBy: null, releaseNote: null });
          continue;
        }
        // Historical: fixed within a few days, invoiced, released.
        const shopDays = critical ? r.int(1, 3) : r.int(0, 2);
        const started = critical || r.chance(0.5) ? at(date, minutes + 40) : null;
        const repairedAt = at(addDays(date, shopDays), 15 * 60 + r.int(0, 120));
        const releasedAt = at(addDays(date, shopDays), 17 * 60 + r.int(0, 60));
        insDefect.run({
          vanId: v.id,
          severity: critical ? 'critical' : 'minor',
          description,
          status: 'released',
          insp: inspId,
          item: failCode,
          reportedAt: when,
          reportedBy: inspector,
          shop: started ? r.pick(SHOPS) : null,
          expected: started ? addDays(date, shopDays) : null,
          started,
          repairedAt,
          repairNote: critical ? 'Replaced part, road tested' : 'Fixed at the station',
          cost: Math.round((critical ? r.float(180, 1400) : r.float(0, 120)) * 100) / 100,
          invoice: started ? `INV-${invoiceNo++}` : null,
          releasedAt,
          releasedBy: 'desk',
          releaseNote: 'Back in service',
        });
        if (critical) insRelease.run(v.id, releasedAt, 'desk', 'Back in service after repair');
      }
    }

    // ---- PM history: each item done on its interval for a year; the last one leaves room unless a story says otherwise.
    for (const s of schedules.filter((x) => x.vanClass === pmClassOf(v) && x.active)) {
      const spanDays = Math.min(s.everyDays ?? Infinity, s.everyMi != null ? s.everyMi / (mpd * 0.86) : Infinity);
      let used = r.float(0.1, 0.8);
      // Some mileage items run out within the fortnight (the shop forecast), not yet due soon.
      if (s.everyMi != null && s.everyMi / (mpd * 0.86) < (s.everyDays ?? Infinity) && r.chance(0.14)) used = 1 - r.int(650, 1100) / s.everyMi;
      if (v.name === 'CDV-05' && s.code === 'oil') used = 1 - 300 / 5000; // ~300 mi left
      if (v.name === 'STEP-02' && s.code === 'brake_inspection') used = 1 - 9 / spanDays; // ~9 days left
      let daysAgo = Math.max(1, Math.round(used * spanDays));
      // Keep everything else out of the due-soon window.
      const storyItem = (v.name === 'CDV-05' && s.code === 'oil') || (v.name === 'STEP-02' && s.code === 'brake_inspection');
      if (!storyItem) {
        const milesLeft = () => (s.everyMi != null ? s.everyMi - (v.odo - odoOn(daysAgo)) : Infinity);
        const daysLeft = () => (s.everyDays != null ? s.everyDays - daysAgo : Infinity);
        while (daysAgo > 1 && (milesLeft() <= DEFAULT_FLEET_SETTINGS.dueSoonMi + 50 || daysLeft() <= DEFAULT_FLEET_SETTINGS.dueSoonDays + 1)) daysAgo--;
      }
      const step = Math.max(7, Math.round(spanDays * 0.92));
      for (let d = daysAgo; d <= 365; d += step) {
        const cost = s.code === 'oil' ? 89 : s.code === 'tyre_rotation' ? 60 : s.code === 'brake_inspection' ? 140 : s.code === 'annual_safety' ? 210 : 180;
        insService.run(v.id, s.code, addDays(today, -d), s.everyMi != null || s.code !== 'annual_safety' ? odoOn(d) : null, d === daysAgo ? '' : 'routine', cost, 'demo', stamp);
      }
    }

    // ---- Documents.
    insDoc.run(v.id, 'registration', `WA ${v.name}`, addDays(today, r.int(45, 400)), '', stamp);
    insDoc.run(v.id, 'insurance', 'Policy CA-7781-2026', v.name === 'CDV-09' ? addDays(today, 20) : insuranceRenewal, v.name === 'CDV-09' ? 'Card on file is the old policy year' : '', stamp);
    insDoc.run(v.id, 'annual_inspection', '', addDays(today, r.int(40, 360)), '', stamp);
    if (v.ownership === 'rental' && v.endDate) insDoc.run(v.id, 'rental_return', 'Rental agreement', v.endDate, '', stamp);
  }

  // ---- Today's open work.
  const cdv11 = byName.get('CDV-11');
  if (cdv11) {
    const reported = at(addDays(today, -3), 9 * 60 + 20);
    insDefect.run({ vanId: cdv11.id, severity: 'major', description: 'Transmission slipping between 2nd and 3rd', status: 'in_repair', insp: null, item: null, reportedAt: reported, reportedBy: 'desk', shop: 'Kent Ford Commercial', expected: addDays(today, 2), started: at(addDays(today, -3), 11 * 60), repairedAt: null, repairNote: null, cost: null, invoice: null, releasedAt: null, releasedBy: null, releaseNote: null });
  }
  const step04 = byName.get('STEP-04');
  if (step04) {
    insDefect.run({ vanId: step04.id, severity: 'critical', description: 'Frame damage after rear-end collision; awaiting insurance adjuster', status: 'open', insp: null, item: null, reportedAt: at(addDays(today, -19), 16 * 60), reportedBy: 'desk', shop: null, expected: null, started: null, repairedAt: null, repairNote: null, cost: null, invoice: null, releasedAt: null, releasedBy: null, releaseNote: null });
  }
  const cdv03 = byName.get('CDV-03');
  if (cdv03) {
    insDefect.run({ vanId: cdv03.id, severity: 'minor', description: 'Cargo shelf latch broken, driver side', status: 'open', insp: null, item: 'cargo', reportedAt: at(addDays(today, -1), 19 * 60 + 40), reportedBy: 'desk', shop: null, expected: null, started: null, repairedAt: null, repairNote: null, cost: null, invoice: null, releasedAt: null, releasedBy: null, releaseNote: null });
  }
}
