/**
 * Board view helpers: labels, chips, candidate ordering. Pure functions over the contract types so
 * the table, the pickers and the panels agree on wording.
 */
import type { BoardConflict, BoardDriver, BoardLimits, BoardRoute, BoardVan, CheckinEntry } from '../../../shared/contract/board';
import { evMilesNeeded } from '../../../shared/rules/fleet/readiness';
import { ruleWords } from '../../../shared/rule-words';
import { VAN_CLASS_SHORT, type DayStatus, type VanClass } from '../../../shared/domain';
import { formatHoursMin, qualifiedForAny } from '../../../shared/rules/board';
import { INSPECTION_SOURCE_LABEL } from '../../../shared/rules/fleet/maintenance';
import type { Tone } from '../../components/StatusChip';

export const DAY_STATUS_LABEL: Record<DayStatus, string> = {
  scheduled: 'Scheduled',
  checked_in: 'Checked in',
  late: 'Late',
  called_out: 'Called out',
  no_show: 'No-show',
  off: 'Off',
};
export const DAY_STATUS_TONE: Record<DayStatus, Tone> = {
  scheduled: 'neutral',
  checked_in: 'ok',
  late: 'warn',
  called_out: 'bad',
  no_show: 'bad',
  off: 'neutral',
};
/** One keystroke per day status in the check-in panel. */
export const DAY_STATUS_KEYS: Record<string, DayStatus> = {
  c: 'checked_in',
  l: 'late',
  o: 'called_out',
  n: 'no_show',
  f: 'off',
  s: 'scheduled',
};
export const DAY_STATUS_KEY_OF: Record<DayStatus, string> = Object.fromEntries(
  Object.entries(DAY_STATUS_KEYS).map(([k, v]) => [v, k.toUpperCase()]),
) as Record<DayStatus, string>;

export const vanClassShort = (c: VanClass) => VAN_CLASS_SHORT[c] ?? c;

/** "10 h 00": a planned duration in full (the board's Dur. column is wide enough for it). */
export const formatDuration = (min: number): string => formatHoursMin(min);

/** "Too many hours on duty today: 10 h 45 on duty (…)" — a rule in words, never its code. */
export const conflictText = (c: BoardConflict) => `${ruleWords(c.rule)}: ${c.message}`;

/** "06:42" from an ISO instant, in the station's time zone (browser's when unknown). */
export function clockTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
  } catch {
    return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  }
}

/**
 * Short service-type names for the dense board (the full name is in the cell's tooltip): Amazon's
 * "Standard Parcel - Extra Large Van - US" reads "Extra Large Van", "Nursery Route Level 1" "Nursery 1".
 */
export function shortServiceType(s: string): string {
  const short = s
    .replace(/\s*-\s*US\s*$/i, '')
    .replace(/^Standard Parcel\b\s*-?\s*/i, '')
    .replace(/\bNursery Route Level\b/i, 'Nursery')
    .replace(/\s+-\s+/g, ' ')
    .trim();
  return short || s;
}

export interface Chip {
  tone: Tone;
  text: string;
  title?: string;
}

const hard = (cs: BoardConflict[]) => cs.filter((c) => c.severity === 'hard');
const soft = (cs: BoardConflict[]) => cs.filter((c) => c.severity === 'soft');

/** The status chips of a route row: assignment state, conflicts, warnings, launch/return. */
export function routeChips(r: BoardRoute, timeZone?: string): Chip[] {
  const chips: Chip[] = [];
  const h = hard(r.conflicts);
  const s = soft(r.conflicts);
  if (r.status === 'cancelled') chips.push({ tone: 'neutral', text: 'Cancelled' });
  if (!r.assignment) {
    if (r.status !== 'cancelled') chips.push({ tone: 'neutral', text: 'Unassigned' });
  } else if (h.length > 0) {
    chips.push({ tone: 'bad', text: 'Not ready — reassign', title: h.map(conflictText).join('\n') });
  } else if (s.length > 0) {
    const overridden = !!r.assignment.overrideReason;
    chips.push({
      tone: overridden ? 'info' : 'warn',
      text: overridden ? 'Overridden' : s.length === 1 ? 'Warning' : `${s.length} warnings`,
      title: s.map(conflictText).join('\n') + (overridden ? `\nReason: ${r.assignment.overrideReason}` : ''),
    });
  } else {
    chips.push({ tone: 'ok', text: 'Assigned' });
  }
  if (r.driverHere === false && r.status !== 'launched' && r.status !== 'returned') chips.push({ tone: 'neutral', text: 'Not here yet', title: `${r.driver?.name ?? 'The driver'} has not checked in yet` });
  if (r.assignment?.pinned) chips.push({ tone: 'info', text: 'Pinned', title: 'Auto-assign keeps this assignment' });
  // Pre-trip inspection of the assigned van today (desk DVIR, Whip Around or Amazon's DVIC report).
  if (r.van && (r.status === 'planned' || r.status === 'assigned')) {
    const p = r.preTrip;
    chips.push(
      p
        ? { tone: 'ok', text: `Pre-trip ${clockTime(p.at, timeZone)}`, title: `Pre-trip inspection of ${r.van.name} by ${p.inspector} (${INSPECTION_SOURCE_LABEL[p.source]})` }
        : { tone: 'neutral', text: 'No pre-trip yet', title: `Nobody has done a pre-trip inspection of ${r.van.name} today` },
    );
  }
  if (r.status === 'launched') chips.push({ tone: 'info', text: 'Launched' });
  if (r.status === 'returned' || r.returnedAt) {
    const t = clockTime(r.returnedAt, timeZone);
    chips.push({ tone: 'ok', text: t ? `RTS ${t}` : 'Returned', title: 'Returned to station' });
  }
  return chips;
}

/** Plain words for the filter box: what the row's chips say. */
export function routeStatusText(r: BoardRoute): string {
  return routeChips(r)
    .map((c) => c.text)
    .concat(r.conflicts.map(conflictText))
    .join(' ');
}

export const qualifiedFor = (d: Pick<BoardDriver, 'qualifications'>, classes: readonly VanClass[]): boolean => qualifiedForAny(d.qualifications, classes);

const DAY_ORDER: Record<DayStatus, number> = { checked_in: 0, late: 1, scheduled: 2, off: 3, called_out: 4, no_show: 5 };

/** Drivers for a route: qualified first, then checked in, then by name. */
export function orderDrivers(list: BoardDriver[], route: BoardRoute, query: string): BoardDriver[] {
  const q = query.trim().toLowerCase();
  const match = (d: BoardDriver) => !q || d.name.toLowerCase().includes(q) || d.transporterId.toLowerCase().includes(q);
  return list
    .filter(match)
    .map((d) => ({ d, k: [qualifiedFor(d, route.allowedVanClasses) ? 0 : 1, DAY_ORDER[d.dayStatus] ?? 9] }))
    .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.d.name.localeCompare(b.d.name))
    .map((x) => x.d);
}

/**
 * Vans for a route, best valid first: allowed classes, then EVs whose charge expected at the wave
 * covers the route (the EV_RANGE rule, with the station's limits), then the driver's usual van,
 * ready before attention, by name.
 */
export function orderVans(list: BoardVan[], route: BoardRoute, query: string, usualVanId: number | null, limits?: Pick<BoardLimits, 'evRangeFactor' | 'evRangeMarginMi'>): BoardVan[] {
  const q = query.trim().toLowerCase();
  const match = (v: BoardVan) => !q || v.name.toLowerCase().includes(q) || VAN_CLASS_SHORT[v.vanClass].toLowerCase().includes(q);
  const allowed = (v: BoardVan) => route.allowedVanClasses.length === 0 || route.allowedVanClasses.includes(v.vanClass);
  const short = (v: BoardVan) => !!limits && v.waveRangeMi != null && route.plannedDistanceMi != null && v.waveRangeMi < evMilesNeeded(route.plannedDistanceMi, limits);
  return list
    .filter(match)
    .map((v) => ({ v, k: [allowed(v) ? 0 : 1, short(v) ? 1 : 0, v.id === usualVanId ? 0 : 1, v.readiness === 'ready' ? 0 : 1] }))
    .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[2]! - b.k[2]! || a.k[3]! - b.k[3]! || a.v.name.localeCompare(b.v.name, undefined, { numeric: true }))
    .map((x) => x.v);
}

export function checkinSort(a: CheckinEntry, b: CheckinEntry): number {
  return a.name.localeCompare(b.name);
}

/** Natural order for route codes and staging (CX2 before CX10). */
export const natural = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
