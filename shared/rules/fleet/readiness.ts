/**
 * A van's readiness for a day, as the fleet grid shows it and the board enforces it.
 * grounded / in-shop / out-of-service vans cannot be assigned (hard rule VAN_NOT_READY);
 * attention warns (soft rule VAN_ATTENTION).
 */
export const READINESS_STATUSES = ['ready', 'attention', 'grounded', 'in-shop', 'out-of-service'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export interface ReadinessReason {
  code: string;
  message: string;
}

export interface VanReadiness {
  vanId: number;
  status: ReadinessStatus;
  reasons: ReadinessReason[];
}

export const isAssignable = (s: ReadinessStatus) => s === 'ready' || s === 'attention';

export const READINESS_LABEL: Record<ReadinessStatus, string> = {
  ready: 'Ready',
  attention: 'Attention',
  grounded: 'Grounded',
  'in-shop': 'In shop',
  'out-of-service': 'Out of service',
};

/** How bad a status is: the van's status is the worst of its reasons (ready when none). */
export const STATUS_RANK: Record<ReadinessStatus, number> = {
  ready: 0,
  attention: 1,
  grounded: 2,
  'in-shop': 3,
  'out-of-service': 4,
};

/**
 * Every readiness rule code, the status it gives and what it means (documented in README).
 * Codes are stable: the board, the console and scripts may rely on them.
 */
export const READINESS_RULES = {
  OUT_OF_SERVICE: { status: 'out-of-service', meaning: 'The van is marked out of service on the desk' },
  IN_SHOP: { status: 'in-shop', meaning: 'The van is marked in the shop on the desk' },
  IN_REPAIR: { status: 'in-shop', meaning: 'A defect is in repair at a shop (work order started)' },
  AWAITING_RELEASE: { status: 'in-shop', meaning: 'A critical or shop repair is done; the van waits to be released' },
  AMAZON_GROUNDED: { status: 'grounded', meaning: "Amazon's fleet export marks the van GROUNDED (with Amazon's reason)" },
  GROUNDED: { status: 'grounded', meaning: 'The van is marked grounded on the desk' },
  DEFECT_CRITICAL: { status: 'grounded', meaning: 'A critical defect is open' },
  INSPECTION_FAILED: { status: 'grounded', meaning: 'The latest DVIR failed a critical item and the van has not been released since' },
  PM_SAFETY_OVERDUE: { status: 'grounded', meaning: 'A safety PM item (brake inspection, annual safety inspection) is overdue' },
  DOC_EXPIRED: { status: 'grounded', meaning: 'Registration, insurance or annual inspection has expired' },
  DEFECT_OPEN: { status: 'attention', meaning: 'A major or minor defect is open' },
  PM_OVERDUE: { status: 'attention', meaning: 'A non-safety PM item (oil, tyre rotation, EV check) is overdue' },
  PM_DUE_SOON: { status: 'attention', meaning: 'A PM item is due within 500 mi or 14 days (settings)' },
  PM_NO_RECORD: { status: 'attention', meaning: 'No service record for a PM item: the desk cannot tell when it is due' },
  DOC_EXPIRING: { status: 'attention', meaning: 'A document expires within the warning window (settings docWarnDays)' },
  RENTAL_RETURN_DUE: { status: 'attention', meaning: 'A rental/lease return date is within 30 days or past' },
  EV_CHARGE_LOW: { status: 'attention', meaning: 'An EDV state of charge is below the low-charge threshold (settings evLowChargePct)' },
  EV_RANGE_SHORT: { status: 'attention', meaning: "An EDV's remaining range does not cover today's route distance plus margin" },
} as const satisfies Record<string, { status: ReadinessStatus; meaning: string }>;
export type ReadinessCode = keyof typeof READINESS_RULES;

export const statusOfCode = (code: string): ReadinessStatus =>
  (READINESS_RULES as Record<string, { status: ReadinessStatus }>)[code]?.status ?? 'attention';

/** The worst status among reasons; ready when there are none. */
export function worstStatus(reasons: readonly ReadinessReason[]): ReadinessStatus {
  let s: ReadinessStatus = 'ready';
  for (const r of reasons) {
    const c = statusOfCode(r.code);
    if (STATUS_RANK[c] > STATUS_RANK[s]) s = c;
  }
  return s;
}

/** Miles an EDV can still drive: usable range at full charge × state of charge; null when either is unknown. */
export function remainingRangeMi(van: { stateOfChargePct: number | null; usableRangeMi: number | null }): number | null {
  if (van.stateOfChargePct == null || van.usableRangeMi == null) return null;
  return (van.usableRangeMi * van.stateOfChargePct) / 100;
}

/** Is an EDV's state of charge below the station's low-charge threshold (fleet settings `evLowChargePct`)? */
export const chargeIsLow = (stateOfChargePct: number, settings: { evLowChargePct: number }): boolean => stateOfChargePct < settings.evLowChargePct;

/** Does an EDV's charge cover `distanceMi` plus a margin? Unknown charge or range → undefined. */
export function chargeCovers(
  van: { stateOfChargePct: number | null; usableRangeMi: number | null },
  distanceMi: number,
  marginPct: number,
): boolean | undefined {
  const range = remainingRangeMi(van);
  return range == null ? undefined : range >= distanceMi * (1 + marginPct / 100);
}
