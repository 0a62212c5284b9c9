import type { ReadContext } from '../context';
import { dateOr, loadBoardFacts, type AssignmentRow, type BoardFacts } from './facts';
import { notFound } from '../../../shared/errors';
import { checkAssignment, hasHard, isHere } from '../../../shared/rules/board';
import { isAssignable } from '../../../shared/rules/fleet/readiness';
import type { AssignmentState, BoardConflict, BoardDriver, BoardRoute, BoardVan, BoardView } from '../../../shared/contract/board';
import { licenceStatus } from '../../../shared/rules/roster';

/** What the board shows: every route with its assignment and conflicts, the free drivers and ready vans, the counts. */

export const stateOf = (a: AssignmentRow | undefined | null): AssignmentState | null =>
  a ? { driverId: a.driverId, vanId: a.vanId, deviceId: a.deviceId, pinned: a.pinned, overrideReason: a.overrideReason } : null;

/** Conflicts of a route's current assignment against the rest of the day. */
export function currentConflicts(f: BoardFacts, routeId: number): BoardConflict[] {
  const a = f.assignments.get(routeId);
  const rf = f.routeFacts.get(routeId);
  if (!a || !rf) return [];
  const d = f.drivers.get(a.driverId)?.facts ?? null;
  const v = a.vanId != null ? (f.vans.get(a.vanId)?.facts ?? null) : null;
  return checkAssignment(rf, { driver: d, van: v, deviceId: a.deviceId }, f.bookings, f.limits);
}

export function routeView(f: BoardFacts, routeId: number): BoardRoute {
  const r = f.routes.find((x) => x.id === routeId);
  if (!r) throw notFound('route', routeId);
  const a = f.assignments.get(routeId) ?? null;
  const d = a ? f.drivers.get(a.driverId) : undefined;
  const v = a?.vanId != null ? f.vans.get(a.vanId) : undefined;
  const dev = a?.deviceId != null ? f.devices.get(a.deviceId) : undefined;
  const conflicts = currentConflicts(f, routeId);
  return {
    id: r.id,
    date: r.date,
    code: r.code,
    wave: r.wave,
    staging: r.staging,
    serviceType: r.serviceType,
    plannedDurationMin: r.plannedDurationMin,
    stops: r.stops,
    packages: r.packages,
    plannedDistanceMi: r.plannedDistanceMi,
    vanType: r.vanType ?? null,
    allowedVanClasses: [...f.routeFacts.get(r.id)!.allowedVanClasses],
    serviceTags: [...f.serviceReadings.get(r.id)!.tags],
    serviceTypeKnown: f.serviceReadings.get(r.id)!.known,
    notes: r.notes,
    status: r.status,
    assignment: a
      ? { id: a.id, routeId: a.routeId, assignedBy: a.assignedBy, assignedAt: a.assignedAt, ...stateOf(a)! }
      : null,
    driver: d ? { id: d.row.id, name: d.row.name, transporterId: d.row.transporterId } : null,
    van: v ? { id: v.row.id, name: v.row.name, vanClass: v.row.vanClass, electric: v.row.electric } : null,
    device: dev ? { id: dev.id, identifier: dev.identifier, label: dev.label } : null,
    preTrip: v?.preTrip ?? null,
    conflicts,
    inConflict: hasHard(conflicts),
    driverHere: d ? isHere(d.facts) : null,
  };
}

function driverView(f: BoardFacts, id: number): BoardDriver {
  const d = f.drivers.get(id)!;
  const own: BoardConflict[] = [...d.facts.warnings];
  if (licenceStatus(d.row.licenceExpiry, f.date, f.limits)?.state === 'expired') {
    own.unshift({ rule: 'LICENCE_EXPIRED', message: `licence expired on ${d.row.licenceExpiry}`, severity: 'hard' });
  }
  return {
    id,
    name: d.row.name,
    transporterId: d.row.transporterId,
    qualifications: d.row.qualifications,
    dayStatus: d.facts.dayStatus,
    checkedInAt: d.facts.checkedInAt,
    hoursThisWeek: d.hoursThisWeek,
    licenceExpiry: d.row.licenceExpiry,
    usualVanId: d.row.usualVanId,
    tier: d.tier,
    warnings: own,
    assignedRouteId: f.bookings.driverRoute.get(id)?.routeId ?? null,
    preTripAt: d.preTrip?.at ?? null,
  };
}

function vanView(f: BoardFacts, id: number): BoardVan {
  const v = f.vans.get(id)!;
  return {
    id,
    name: v.row.name,
    vanClass: v.row.vanClass,
    electric: v.row.electric,
    readiness: v.facts.readiness,
    readinessReasons: [...v.facts.reasons],
    stateOfChargePct: v.row.stateOfChargePct,
    usableRangeMi: v.row.usableRangeMi,
    rangeMi: v.row.usableRangeMi != null && v.row.stateOfChargePct != null ? Math.round((v.row.usableRangeMi * v.row.stateOfChargePct) / 100) : null,
    waveChargePct: v.waveChargePct,
    waveRangeMi: v.facts.rangeMi == null ? null : Math.floor(v.facts.rangeMi),
    chargingBay: v.row.chargingBay ?? '',
    deviceId: v.deviceId,
    assignedRouteId: f.bookings.vanRoute.get(id)?.routeId ?? null,
    preTrip: v.preTrip,
  };
}

export const isAvailableDriver = (f: BoardFacts, id: number) => {
  const d = f.drivers.get(id);
  if (!d || d.facts.archived || d.facts.status !== 'active') return false;
  return !['called_out', 'off', 'no_show'].includes(d.facts.dayStatus);
};

export function boardView(f: BoardFacts): BoardView {
  const routesOut = f.routes.map((r) => routeView(f, r.id));
  const avail = [...f.drivers.keys()].filter((id) => isAvailableDriver(f, id));
  const ready = [...f.vans.values()].filter((v) => v.row.archivedAt === null && isAssignable(v.facts.readiness)).map((v) => v.row.id);
  const freeDrivers = avail.filter((id) => !f.bookings.driverRoute.has(id));
  const freeVans = ready.filter((id) => !f.bookings.vanRoute.has(id));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });
  return {
    date: f.date,
    station: f.station ? { code: f.station.code, name: f.station.name, dspCode: f.station.dspCode } : null,
    counts: {
      routes: routesOut.length,
      assigned: routesOut.filter((r) => r.assignment).length,
      unassigned: routesOut.filter((r) => !r.assignment && r.status !== 'cancelled').length,
      conflicts: routesOut.filter((r) => r.inConflict && r.status !== 'cancelled').length,
      availableDrivers: avail.length,
      checkedIn: avail.filter((id) => f.drivers.get(id)!.facts.dayStatus === 'checked_in' || !!f.drivers.get(id)!.facts.checkedInAt).length,
      readyVans: ready.length,
      freeDrivers: freeDrivers.length,
      freeVans: freeVans.length,
    },
    routes: routesOut,
    availableDrivers: freeDrivers.map((id) => driverView(f, id)).sort(byName),
    readyVans: freeVans.map((id) => vanView(f, id)).sort(byName),
  };
}

export function listBoard(ctx: ReadContext, date?: string | null): BoardView {
  return boardView(loadBoardFacts(ctx, dateOr(ctx, date)));
}
