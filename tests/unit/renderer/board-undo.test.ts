import { describe, expect, it } from 'vitest';
import { UndoHistory, type UndoOp } from '../../../renderer/screens/board/undo';
import { orderDrivers, orderVans, routeChips, formatDuration, qualifiedFor } from '../../../renderer/screens/board/model';
import type { BoardDriver, BoardRoute, BoardVan } from '../../../shared/contract/board';

/** A toy "server": a value that ops flip between states, like board.restore does. */
function setter(state: { v: string }, label: string, to: string): UndoOp {
  return {
    label,
    run: async () => {
      const before = state.v;
      state.v = to;
      return setter(state, label, before);
    },
  };
}

describe('board undo history', () => {
  it('undoes and redoes in order, and a new change clears redo', async () => {
    const s = { v: 'a' };
    const h = new UndoHistory();
    s.v = 'b';
    h.push(setter(s, 'a→b', 'a'));
    s.v = 'c';
    h.push(setter(s, 'b→c', 'b'));
    expect(h.snapshot().undo).toBe('b→c');
    expect(await h.undo()).toBe('b→c');
    expect(s.v).toBe('b');
    expect(await h.undo()).toBe('a→b');
    expect(s.v).toBe('a');
    expect(await h.undo()).toBeNull();
    expect(await h.redo()).toBe('a→b');
    expect(s.v).toBe('b');
    expect(h.snapshot().redo).toBe('b→c');
    s.v = 'x';
    h.push(setter(s, 'b→x', 'b'));
    expect(h.snapshot().redo).toBeNull();
    expect(await h.redo()).toBeNull();
    await h.undo();
    expect(s.v).toBe('b');
  });

  it('drops an op that fails and reports the error', async () => {
    const h = new UndoHistory();
    h.push({ label: 'stale', run: async () => Promise.reject(new Error('409')) });
    await expect(h.undo()).rejects.toThrow('409');
    expect(h.snapshot()).toMatchObject({ undo: null, redo: null, busy: false });
  });

  it('notifies subscribers and keeps a bounded depth', async () => {
    const h = new UndoHistory(3);
    let n = 0;
    h.subscribe(() => n++);
    const s = { v: '' };
    for (let i = 0; i < 5; i++) h.push(setter(s, `op${i}`, ''));
    expect(h.snapshot().depth).toBe(3);
    expect(n).toBe(5);
  });
});

const route = (over: Partial<BoardRoute> = {}): BoardRoute => ({
  id: 1,
  date: '2026-11-26',
  code: 'CX1',
  wave: '10:05',
  staging: 'STG.A1',
  serviceType: 'Standard Parcel Step Van - US',
  plannedDurationMin: 600,
  stops: 120,
  packages: 240,
  plannedDistanceMi: null,
  vanType: null,
  allowedVanClasses: ['step_van'],
  serviceTags: [],
  serviceTypeKnown: true,
  notes: '',
  status: 'planned',
  assignment: null,
  driver: null,
  van: null,
  device: null,
  preTrip: null,
  conflicts: [],
  inConflict: false,
  driverHere: null,
  ...over,
});
const driver = (id: number, name: string, over: Partial<BoardDriver> = {}): BoardDriver => ({
  id,
  name,
  transporterId: `T${id}XXXXX`,
  qualifications: ['CDV'],
  dayStatus: 'checked_in',
  checkedInAt: null,
  hoursThisWeek: 0,
  licenceExpiry: null,
  usualVanId: null,
  tier: null,
  warnings: [],
  assignedRouteId: null,
  preTripAt: null,
  ...over,
});
const van = (id: number, name: string, over: Partial<BoardVan> = {}): BoardVan => ({
  id,
  name,
  vanClass: 'standard_cargo',
  electric: false,
  readiness: 'ready',
  readinessReasons: [],
  stateOfChargePct: null,
  usableRangeMi: null,
  rangeMi: null,
  waveChargePct: null,
  waveRangeMi: null,
  chargingBay: '',
  deviceId: null,
  assignedRouteId: null,
  preTrip: null,
  ...over,
});

describe('board view helpers', () => {
  it('orders drivers qualified first, then checked in, then by name; filters by name or ID', () => {
    const ds = [
      driver(1, 'Zoe', { qualifications: ['STEP_VAN'], dayStatus: 'scheduled' }),
      driver(2, 'Adam'),
      driver(3, 'Bea', { qualifications: ['STEP_VAN'] }),
    ];
    expect(orderDrivers(ds, route(), '').map((d) => d.name)).toEqual(['Bea', 'Zoe', 'Adam']);
    expect(orderDrivers(ds, route(), 't2').map((d) => d.name)).toEqual(['Adam']);
    expect(qualifiedFor(ds[1]!, ['standard_cargo', 'xl_cargo'])).toBe(true);
    expect(qualifiedFor(ds[1]!, ['electric_van'])).toBe(false);
    expect(qualifiedFor(ds[1]!, ['step_van'])).toBe(false);
  });

  it('orders vans: allowed type, usual van, ready before attention, natural names', () => {
    const vs = [van(1, 'Van 10', { vanClass: 'step_van' }), van(2, 'Van 2', { vanClass: 'step_van', readiness: 'attention' }), van(3, 'Van 3'), van(4, 'Van 9', { vanClass: 'step_van' })];
    expect(orderVans(vs, route(), '', null).map((v) => v.name)).toEqual(['Van 9', 'Van 10', 'Van 2', 'Van 3']);
    expect(orderVans(vs, route(), '', 2).map((v) => v.name)[0]).toBe('Van 2');
    expect(orderVans(vs, route(), '', 3).map((v) => v.name)[0]).toBe('Van 9'); // usual van, wrong type
  });

  it('offers first the EV whose charge at the wave covers the route (80 mi × 1.2 + 10 = 106 mi), even over the usual van', () => {
    const ev = (id: number, name: string, waveRangeMi: number) => van(id, name, { vanClass: 'electric_van', electric: true, waveRangeMi, waveChargePct: 50 });
    const r = route({ allowedVanClasses: ['electric_van'], plannedDistanceMi: 80 });
    const limits = { evRangeFactor: 1.2, evRangeMarginMi: 10 };
    const vs = [ev(1, 'EDV-1', 105), ev(2, 'EDV-2', 106), ev(3, 'EDV-3', 140)];
    expect(orderVans(vs, r, '', 1, limits).map((v) => v.name)).toEqual(['EDV-2', 'EDV-3', 'EDV-1']);
    expect(orderVans(vs, r, '', 1).map((v) => v.name)[0]).toBe('EDV-1'); // without the limits: no range judgement
  });

  it('route chips carry words: unassigned, conflict, overridden warning, pinned, RTS', () => {
    expect(routeChips(route()).map((c) => c.text)).toEqual(['Unassigned']);
    const assignment = { id: 1, routeId: 1, driverId: 1, vanId: 1, deviceId: null, pinned: true, overrideReason: 'ok by ops', assignedBy: 'desk', assignedAt: '' };
    const soft = route({ assignment, conflicts: [{ rule: 'DAILY_HOURS', message: 'over 10 h', severity: 'soft' }] });
    expect(routeChips(soft).map((c) => [c.tone, c.text])).toEqual([
      ['info', 'Overridden'],
      ['info', 'Pinned'],
    ]);
    const hard = route({ assignment: { ...assignment, pinned: false }, conflicts: [{ rule: 'VAN_NOT_READY', message: 'grounded', severity: 'hard' }] });
    expect(routeChips(hard)[0]).toMatchObject({ tone: 'bad', text: 'Not ready — reassign', title: 'Van not ready: grounded' }); // words, never the code
    expect(routeChips(route({ assignment: { ...assignment, pinned: false, overrideReason: null }, driverHere: false })).map((c) => c.text)).toEqual(['Assigned', 'Not here yet']);
    const back = route({ assignment: { ...assignment, pinned: false, overrideReason: null }, status: 'returned', returnedAt: '2026-11-26T20:15:00Z' });
    expect(routeChips(back).map((c) => c.text)[0]).toBe('Assigned');
    expect(routeChips(back).some((c) => c.text.startsWith('RTS '))).toBe(true);
    expect([formatDuration(570), formatDuration(600)]).toEqual(['9 h 30', '10 h 00']);
  });
});
