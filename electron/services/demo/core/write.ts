import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { assignments, devices, driverDays, drivers, routes, station, vans } from '../../../db/schema';
import type { WriteDb } from '../../context';
import { addDays } from '../../../../shared/station-time';
import type { Rng } from '../../../../shared/random';
import type { RouteStatus } from '../../../../shared/domain';
import type { DemoPeople } from './drivers';
import { DEMO_STATION, pad2, type CoreSummary, type DemoCalendar, type DriverPlan, type RoutePlan, type VanPlan } from './plan';

/**
 * Bulk insert through one prepared statement (several times faster than building a query per
 * chunk). Keys are the table's TypeScript column names; JSON columns get JSON text, booleans 0/1.
 */
function insertRows<T extends SQLiteTable>(db: WriteDb, table: T, rows: T['$inferInsert'][]): void {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]!);
  const sql = `INSERT INTO "${getTableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  const stmt = db.$client.prepare(sql);
  for (const row of rows) {
    stmt.run(
      keys.map((k) => {
        const v = (row as Record<string, unknown>)[k];
        return typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null);
      }),
    );
  }
}

export interface CorePlans {
  today: string;
  stamp: string;
  nowLocal: number;
  calendar: DemoCalendar;
  vanPlans: VanPlan[];
  deviceRows: (typeof devices.$inferInsert)[];
  people: DemoPeople;
  routePlans: RoutePlan[];
  dayStatusRows: (typeof driverDays.$inferInsert)[];
}

/** Write the planned station in bulk; the rows of drivers still draw from `drvRng` (licence numbers, DOT cards). */
export function writeCore(db: WriteDb, drvRng: Rng, asgRng: Rng, plan: CorePlans): CoreSummary {
  const { today, stamp, nowLocal, vanPlans, deviceRows, routePlans, dayStatusRows } = plan;
  const { localIso } = plan.calendar;
  const { plans, onLeave, terminated, personalNumbers } = plan.people;
  insertRows(db, station, [{ ...DEMO_STATION }]);
  insertRows(
    db,
    vans,
    vanPlans.map((v) => ({
      id: v.id,
      name: v.name,
      vin: v.vin,
      plate: v.plate,
      plateState: v.plateState,
      make: v.make,
      model: v.model,
      subModel: v.subModel,
      year: v.year,
      vanClass: v.vanClass,
      electric: v.electric,
      ownership: v.ownership,
      provider: v.provider,
      ownershipEndDate: v.ownershipEndDate,
      odometerMi: v.odometer,
      status: v.status,
      statusReason: v.statusReason,
      usableRangeMi: v.usableRangeMi,
      stateOfChargePct: v.stateOfChargePct,
      chargingBay: v.chargingBay,
      notes: v.notes,
      createdAt: stamp,
      updatedAt: stamp,
    })),
  );
  insertRows(db, devices, deviceRows);

  const emailOf = (p: DriverPlan) => `${p.first}.${p.last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.net';
  const driverRows = plans.map((p) => {
    const seniorDot = p.quals.has('DOT');
    return {
      id: p.id,
      transporterId: p.transporterId,
      name: `${p.first} ${p.last}`,
      phone: `(253) 555-01${pad2(personalNumbers[p.id - 1]!)}`,
      workPhone: '',
      email: emailOf(p),
      licenceNumber: 'WDL' + drvRng.chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 9),
      licenceExpiry: p.licenceExpiry,
      dotMedicalExpiry: seniorDot ? addDays(today, drvRng.int(40, 700)) : null,
      hireDate: addDays(today, p.hireDay),
      status: p === terminated ? ('terminated' as const) : onLeave.includes(p) ? ('on_leave' as const) : ('active' as const),
      position: p.quals.has('TRAINER') ? 'Driver Trainer' : 'Delivery Associate',
      qualifications: (['CDV', 'EDV', 'STEP_VAN', 'TRAINER', 'DOT', 'HELPER'] as const).filter((q) => p.quals.has(q)),
      usualVanId: p === terminated ? null : p.usualVanId,
      notes:
        p === terminated
          ? `Separated on ${addDays(today, p.stopDay!)}`
          : onLeave.includes(p)
            ? `On leave since ${addDays(today, p.stopDay!)}`
            : p.newHire
              ? `New hire: ride-alongs, then nursery routes until ${addDays(today, p.hireDay + 24)}`
              : '',
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
  // One DOT medical card runs out within the month.
  const dotHolders = driverRows.filter((d) => d.dotMedicalExpiry && d.status === 'active');
  if (dotHolders[0]) dotHolders[0].dotMedicalExpiry = addDays(today, 16);
  insertRows(db, drivers, driverRows);

  routePlans.forEach((rp, i) => (rp.id = i + 1));
  const routeRows = routePlans.map((rp) => {
    const status: RouteStatus = rp.day < 0 ? (rp.driver ? 'returned' : 'cancelled') : rp.driver ? 'assigned' : 'planned';
    return {
      id: rp.id,
      date: rp.date,
      code: rp.code,
      wave: rp.wave,
      staging: rp.staging,
      serviceType: rp.serviceType,
      plannedDurationMin: rp.durationMin,
      stops: rp.stops,
      packages: rp.packages,
      plannedDistanceMi: rp.distanceMi,
      vanType: null,
      notes: rp.notes,
      status,
      launchedAt: rp.launchedAt ?? null,
      returnedAt: rp.returnedAt ?? null,
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
  insertRows(db, routes, routeRows);

  const assignmentRows = routePlans
    .filter((rp) => rp.driver)
    .map((rp, i) => ({
      id: i + 1,
      routeId: rp.id,
      date: rp.date,
      driverId: rp.driver!.id,
      vanId: rp.van?.id ?? null,
      deviceId: rp.van?.phoneId ?? null,
      pinned: false,
      assignedBy: 'desk',
      assignedAt: rp.day < 0 ? localIso(rp.day, 7 * 60 + asgRng.int(0, 140)) : localIso(0, Math.max(1, Math.min(9 * 60 + 30, nowLocal - 5))),
      overrideReason: null,
    }));
  insertRows(db, assignments, assignmentRows);
  insertRows(db, driverDays, dayStatusRows);

  return {
    station: DEMO_STATION.code,
    today,
    drivers: driverRows.length,
    vans: vanPlans.length,
    devices: deviceRows.length,
    routes: routeRows.length,
    routesToday: routeRows.filter((r) => r.date === today).length,
    assignments: assignmentRows.length,
    assignmentsToday: assignmentRows.filter((a) => a.date === today).length,
    days: new Set(routeRows.map((r) => r.date)).size,
    driverDays: dayStatusRows.length,
  };
}
