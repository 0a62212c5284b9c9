/**
 * Pure readiness rules: given what the desk knows about one van on one day, its status and the
 * reasons in words. No database here — electron/services/fleet/readiness.ts loads the facts for every van
 * with a few set-based queries and calls `evaluateVan` for each.
 */
import { addDays, daysBetween } from '../../station-time';
import { expiryState, expiryWindowEnd } from '../../expiry';
import type { VanStatus } from '../../domain';
import {
  DOCUMENT_LABEL,
  GROUNDING_DOCUMENTS,
  INSPECTION_KIND_LABEL,
  checklistItem,
  type DefectSeverity,
  type DefectStatus,
  type DocumentKind,
  type FleetSettings,
  type InspectionKind,
  type PmSchedule,
} from './maintenance';
import { STATUS_RANK, chargeIsLow, remainingRangeMi, statusOfCode, worstStatus, type ReadinessReason, type VanReadiness } from './readiness';

export type PmState = 'ok' | 'due' | 'overdue' | 'unknown';

export interface PmStatus {
  code: string;
  label: string;
  safety: boolean;
  everyMi: number | null;
  everyDays: number | null;
  lastDate: string | null;
  lastOdometerMi: number | null;
  nextDueMi: number | null;
  nextDueDate: string | null;
  /** Negative when overdue. */
  milesLeft: number | null;
  daysLeft: number | null;
  state: PmState;
  /** Which limit decides (the one that comes first). */
  dueBy: 'miles' | 'days' | null;
}

const fmtMi = (n: number) => `${Math.round(Math.abs(n)).toLocaleString('en-US')} mi`;
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * PM due by miles and/or days, whichever comes first. Overdue when past either limit; due soon
 * when within `dueSoonMi` miles or `dueSoonDays` days of either.
 */
export function pmStatus(
  schedule: Pick<PmSchedule, 'code' | 'label' | 'safety' | 'everyMi' | 'everyDays'>,
  last: { date: string; odometerMi: number | null } | undefined,
  odometerMi: number,
  date: string,
  settings: Pick<FleetSettings, 'dueSoonMi' | 'dueSoonDays'>,
): PmStatus {
  const base: PmStatus = {
    code: schedule.code,
    label: schedule.label,
    safety: schedule.safety,
    everyMi: schedule.everyMi,
    everyDays: schedule.everyDays,
    lastDate: last?.date ?? null,
    lastOdometerMi: last?.odometerMi ?? null,
    nextDueMi: null,
    nextDueDate: null,
    milesLeft: null,
    daysLeft: null,
    state: 'unknown',
    dueBy: null,
  };
  if (!last) return base;
  if (schedule.everyMi != null && last.odometerMi != null) {
    base.nextDueMi = last.odometerMi + schedule.everyMi;
    base.milesLeft = base.nextDueMi - odometerMi;
  }
  if (schedule.everyDays != null) {
    base.nextDueDate = addDays(last.date, schedule.everyDays);
    base.daysLeft = daysBetween(date, base.nextDueDate);
  }
  if (base.milesLeft == null && base.daysLeft == null) return base; // miles-only item without an odometer reading
  // Which comes first: compare in "fraction of the due-soon window" so miles and days are comparable.
  const mScore = base.milesLeft == null ? Infinity : base.milesLeft / settings.dueSoonMi;
  const dScore = base.daysLeft == null ? Infinity : base.daysLeft / settings.dueSoonDays;
  base.dueBy = mScore <= dScore ? 'miles' : 'days';
  const overdue = (base.milesLeft != null && base.milesLeft < 0) || (base.daysLeft != null && base.daysLeft < 0);
  const soon =
    (base.milesLeft != null && base.milesLeft <= settings.dueSoonMi) || (base.daysLeft != null && base.daysLeft <= settings.dueSoonDays);
  if (overdue) base.dueBy = base.milesLeft != null && base.milesLeft < 0 ? 'miles' : 'days';
  base.state = overdue ? 'overdue' : soon ? 'due' : 'ok';
  return base;
}

/** "Brake inspection overdue by 1,200 mi" / "Oil and filter due in 3 days (2026-11-29)". */
export function pmMessage(p: PmStatus): string {
  if (p.state === 'unknown') return `No service record for ${p.label.toLowerCase()}`;
  const parts: string[] = [];
  if (p.state === 'overdue') {
    if (p.milesLeft != null && p.milesLeft < 0) parts.push(`${fmtMi(p.milesLeft)}`);
    if (p.daysLeft != null && p.daysLeft < 0) parts.push(`${plural(-p.daysLeft, 'day')} (was due ${p.nextDueDate})`);
    return `${p.label} overdue by ${parts.join(' and ')}`;
  }
  if (p.milesLeft != null && (p.dueBy === 'miles' || p.daysLeft == null)) parts.push(`in ${fmtMi(p.milesLeft)}`);
  else if (p.daysLeft != null) parts.push(p.daysLeft === 0 ? `today (${p.nextDueDate})` : `in ${plural(p.daysLeft, 'day')} (${p.nextDueDate})`);
  return `${p.label} due ${parts.join(' ')}`;
}

/**
 * The date a PM item is expected to fall due, given the van's miles per day: the earlier of the
 * day limit and the day the miles run out. Null when unknown.
 */
export function pmForecastDate(p: PmStatus, date: string, milesPerDay: number): string | null {
  const cands: string[] = [];
  if (p.nextDueDate) cands.push(p.nextDueDate);
  if (p.milesLeft != null) {
    const days = p.milesLeft <= 0 ? 0 : milesPerDay > 0 ? Math.floor(p.milesLeft / milesPerDay) : Infinity;
    if (Number.isFinite(days)) cands.push(addDays(date, days));
  }
  if (cands.length === 0) return null;
  return cands.sort()[0]!;
}

export interface VanFacts {
  van: {
    id: number;
    /** Electric vans (any class) have charge and range rules. */
    electric: boolean;
    status: VanStatus;
    statusReason: string;
    odometerMi: number;
    stateOfChargePct: number | null;
    usableRangeMi: number | null;
    ownership: string;
    ownershipEndDate: string | null;
  };
  /** Defects not yet released. */
  defects: {
    id: number;
    severity: DefectSeverity;
    status: DefectStatus;
    description: string;
    shop: string | null;
    expectedDate: string | null;
    repairStartedAt: string | null;
    sourceInspectionId: number | null;
  }[];
  /** The latest inspection on or before the day, with its failed critical items. */
  latestInspection?: {
    id: number;
    at: string;
    date: string;
    kind: InspectionKind;
    inspector: string;
    failedCritical: { code: string; note: string }[];
  };
  lastReleaseAt?: string | null;
  pm: PmStatus[];
  documents: { kind: DocumentKind; expiresOn: string | null }[];
  /** Planned distance of the route the van is assigned to that day. */
  routeDistanceMi?: number | null;
}

/** Amazon-grounded vans carry a status reason starting "Amazon" (set by the fleet import). */
export const AMAZON_REASON_PREFIX = 'Amazon GROUNDED';

export function evaluateVan(f: VanFacts, date: string, settings: FleetSettings): VanReadiness {
  const reasons: ReadinessReason[] = [];
  const add = (code: string, message: string, due: Pick<ReadinessReason, 'milesLeft' | 'dueOn'> = {}) => reasons.push({ code, message, ...due });
  const v = f.van;
  const why = v.statusReason ? `: ${v.statusReason}` : '';

  switch (v.status) {
    case 'out_of_service':
      add('OUT_OF_SERVICE', `Out of service${why}`);
      break;
    case 'in_shop':
      add('IN_SHOP', `In the shop${why}`);
      break;
    case 'grounded':
      if (v.statusReason.startsWith(AMAZON_REASON_PREFIX)) add('AMAZON_GROUNDED', v.statusReason);
      else add('GROUNDED', `Grounded${why}`);
      break;
    case 'in_service':
      break;
  }

  const unreleasedFromInspection = new Set<number>();
  for (const d of f.defects) {
    if (d.sourceInspectionId != null) unreleasedFromInspection.add(d.sourceInspectionId);
    switch (d.status) {
      case 'in_repair':
        add(
          'IN_REPAIR',
          `In repair${d.shop ? ` at ${d.shop}` : ''}${d.expectedDate ? `, expected back ${d.expectedDate}` : ''} — #${d.id} ${d.description}`,
        );
        break;
      case 'repaired':
        if (d.severity === 'critical' || d.repairStartedAt) add('AWAITING_RELEASE', `Repaired, waiting to be released — #${d.id} ${d.description}`);
        break;
      case 'open':
        if (d.severity === 'critical') add('DEFECT_CRITICAL', `Critical defect #${d.id}: ${d.description}`);
        else add('DEFECT_OPEN', `${d.severity === 'major' ? 'Major' : 'Minor'} defect #${d.id}: ${d.description}`);
        break;
      case 'released':
        break;
    }
  }

  const li = f.latestInspection;
  if (li && li.failedCritical.length > 0 && !unreleasedFromInspection.has(li.id) && !(f.lastReleaseAt && f.lastReleaseAt >= li.at)) {
    const items = li.failedCritical.map((i) => `${checklistItem(i.code)?.label ?? i.code}${i.note ? ` (${i.note})` : ''}`).join(', ');
    add('INSPECTION_FAILED', `${INSPECTION_KIND_LABEL[li.kind]} DVIR ${li.date} by ${li.inspector} failed: ${items}`);
  }

  const noRecord: string[] = [];
  for (const p of f.pm) {
    if (p.state === 'unknown') {
      if (p.everyMi != null || p.everyDays != null) noRecord.push(p.label.toLowerCase());
      continue;
    }
    const due = { milesLeft: p.milesLeft, dueOn: p.nextDueDate };
    if (p.state === 'overdue') add(p.safety ? 'PM_SAFETY_OVERDUE' : 'PM_OVERDUE', pmMessage(p), due);
    else if (p.state === 'due') add('PM_DUE_SOON', pmMessage(p), due);
  }
  if (noRecord.length > 0) add('PM_NO_RECORD', `No service record for ${noRecord.join(', ')}`);

  const warnUntil = expiryWindowEnd(date, settings.docWarnDays);
  let rentalReturn: string | null = null;
  for (const d of f.documents) {
    if (!d.expiresOn) continue;
    if (d.kind === 'rental_return') {
      rentalReturn = d.expiresOn;
      continue;
    }
    const label = DOCUMENT_LABEL[d.kind];
    const state = expiryState(d.expiresOn, date, warnUntil);
    if (state === 'expired' && GROUNDING_DOCUMENTS.includes(d.kind)) add('DOC_EXPIRED', `${label} expired ${d.expiresOn}`);
    else if (state !== 'valid') {
      const days = daysBetween(date, d.expiresOn);
      add('DOC_EXPIRING', `${label} expires ${days <= 0 ? 'today' : `in ${plural(days, 'day')}`} (${d.expiresOn})`, { dueOn: d.expiresOn });
    }
  }
  if (!rentalReturn && v.ownership === 'rental' && v.ownershipEndDate) rentalReturn = v.ownershipEndDate;
  if (rentalReturn && expiryState(rentalReturn, date, warnUntil) !== 'valid') {
    const days = daysBetween(date, rentalReturn);
    add(
      'RENTAL_RETURN_DUE',
      days < 0 ? `Return overdue since ${rentalReturn}` : `Return due ${days === 0 ? 'today' : `in ${plural(days, 'day')}`} (${rentalReturn})`,
      { dueOn: rentalReturn },
    );
  }

  if (v.electric && v.stateOfChargePct != null) {
    if (chargeIsLow(v.stateOfChargePct, settings)) add('EV_CHARGE_LOW', `Charge low: ${Math.round(v.stateOfChargePct)} %`);
    const rangeMi = remainingRangeMi(v);
    if (f.routeDistanceMi != null && rangeMi != null) {
      const needMi = f.routeDistanceMi * (1 + settings.evRangeMarginPct / 100);
      if (rangeMi < needMi) add('EV_RANGE_SHORT', `Range ${Math.round(rangeMi)} mi does not cover the route's ${Math.round(f.routeDistanceMi)} mi + ${settings.evRangeMarginPct} %`);
    }
  }

  reasons.sort((a, b) => STATUS_RANK[statusOfCode(b.code)] - STATUS_RANK[statusOfCode(a.code)]);
  return { vanId: v.id, status: worstStatus(reasons), reasons };
}
