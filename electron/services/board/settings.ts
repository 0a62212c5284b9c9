import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ReadDb, WriteContext, WriteDb } from '../context';
import { validationError } from '../../../shared/errors';
import { DEFAULT_BOARD_LIMITS, withDerivedLimits, type BoardLimits } from '../../../shared/rules/board';
import { defaultServiceTypeRules, type ServiceTypeRules } from '../../../shared/rules/fleet/service-types';
import { serviceTypeRulesInput } from '../../../shared/contract/board';

/**
 * Board settings (settings key "board"), merged over the DOMAIN.md defaults. Every limit, the
 * service-type keyword rules (service type → van classes), default durations and the auto-assign
 * cost weights are editable.
 */
export interface BoardSettings {
  limits: BoardLimits;
  /** Our DSP short code; empty = use the station's dsp_code. Rows of other DSPs are skipped on import. */
  dspCode: string;
  /** Service type → van classes, by keyword rules (shared/rules/fleet/service-types.ts). */
  serviceTypes: ServiceTypeRules;
  /** Planned duration when the sheet has none (minutes), per service type; fallback `*`. */
  defaultDurationMin: Record<string, number>;
  /** Days of history that count for route familiarity. */
  familiarityDays: number;
  weights: CostWeights;
}

/** Auto-assign cost weights (points; lower total is better). See README "Morning board". */
export interface CostWeights {
  /** Cost of a driver who never drove this route code; each past run lowers it by familiarityStep. */
  unfamiliar: number;
  familiarityStep: number;
  /** Per tier: Fantastic+ … Poor, and no scorecard yet. */
  tier: Record<string, number>;
  /** Per on-duty hour already worked in the last 6 days (balances the week). */
  weeklyHour: number;
  /** Van other than the driver's usual van. */
  notUsualVan: number;
  /** Van class other than the route's first choice (e.g. an XL cargo van on a standard route). */
  secondChoiceVanType: number;
  /** EV: per mile of range margin below `evComfortMi`. */
  evMarginPerMi: number;
  evComfortMi: number;
  /** A driver who has not checked in yet (a state, not a warning: a small preference for drivers already here). */
  notHereYet: number;
  /** Per soft rule broken (the proposal is flagged). */
  softPenalty: number;
}

export const DEFAULT_COST_WEIGHTS: CostWeights = {
  unfamiliar: 10,
  familiarityStep: 2,
  tier: { 'Fantastic+': 0, Fantastic: 1, Great: 2, Fair: 4, Poor: 6, none: 3 },
  weeklyHour: 0.1,
  notUsualVan: 3,
  secondChoiceVanType: 2,
  evMarginPerMi: 0.1,
  evComfortMi: 30,
  notHereYet: 0.5,
  softPenalty: 25,
};

export const BOARD_SETTINGS_KEY = 'board';

export function defaultBoardSettings(): BoardSettings {
  return {
    limits: { ...DEFAULT_BOARD_LIMITS },
    dspCode: '',
    serviceTypes: defaultServiceTypeRules(),
    defaultDurationMin: { '*': 600 },
    familiarityDays: 56,
    weights: { ...DEFAULT_COST_WEIGHTS, tier: { ...DEFAULT_COST_WEIGHTS.tier } },
  };
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

function mergeNumbers<T extends object>(base: T, stored: unknown): T {
  if (!isObj(stored)) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(base)) {
    const s = stored[k];
    if (typeof v === 'number' && typeof s === 'number' && Number.isFinite(s)) out[k] = s;
    else if (isObj(v) && isObj(s)) out[k] = { ...v, ...Object.fromEntries(Object.entries(s).filter(([, x]) => typeof x === 'number')) };
  }
  return out as T;
}

export function getBoardSettings(db: ReadDb): BoardSettings {
  const row = db.select().from(settings).where(eq(settings.key, BOARD_SETTINGS_KEY)).get();
  const stored = isObj(row?.value) ? (row!.value as Record<string, unknown>) : {};
  const d = defaultBoardSettings();
  return {
    limits: withDerivedLimits(mergeNumbers(d.limits, stored.limits)),
    dspCode: typeof stored.dspCode === 'string' ? stored.dspCode : d.dspCode,
    serviceTypes: storedServiceTypes(stored.serviceTypes) ?? d.serviceTypes,
    defaultDurationMin: isObj(stored.defaultDurationMin) ? { ...d.defaultDurationMin, ...(stored.defaultDurationMin as Record<string, number>) } : d.defaultDurationMin,
    familiarityDays: typeof stored.familiarityDays === 'number' ? stored.familiarityDays : d.familiarityDays,
    weights: mergeNumbers(d.weights, stored.weights),
  };
}

/** Stored rules when they still read as valid rules (else the defaults apply: never half a rule set). */
function storedServiceTypes(v: unknown): ServiceTypeRules | null {
  const parsed = serviceTypeRulesInput.safeParse(v);
  return parsed.success ? parsed.data : null;
}

export function putBoardSettings(db: WriteDb, value: Partial<BoardSettings>, at: string): void {
  db.insert(settings)
    .values({ key: BOARD_SETTINGS_KEY, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
    .run();
}

/** `board.setLimits`: merge the given limits into the stored board settings (other keys kept), audited. */
export function setBoardLimits(w: WriteContext, input: Partial<Omit<BoardLimits, 'stationTimeMin'>>): BoardLimits {
  const before = getBoardSettings(w.db).limits;
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<BoardLimits>;
  const after = withDerivedLimits({ ...before, ...given });
  if (after.preTripMin + after.postTripMin >= after.maxDailyHours * 60) {
    throw validationError('Pre-trip and return take the whole day', [
      { path: 'preTripMin', message: `pre-trip ${after.preTripMin} min + return ${after.postTripMin} min leave no time in a ${after.maxDailyHours} h day` },
    ]);
  }
  if (after.overtimeWeeklyHours > after.maxWeeklyHours) {
    throw validationError('Overtime starts above the weekly limit', [
      { path: 'overtimeWeeklyHours', message: `the overtime line (${after.overtimeWeeklyHours} h) must not be above the weekly limit (${after.maxWeeklyHours} h)` },
    ]);
  }
  const row = w.db.select().from(settings).where(eq(settings.key, BOARD_SETTINGS_KEY)).get();
  const stored = isObj(row?.value) ? (row!.value as Record<string, unknown>) : {};
  const { stationTimeMin: _derived, ...kept } = after;
  void _derived;
  putBoardSettings(w.db, { ...stored, limits: kept } as Partial<BoardSettings>, w.clock.now().toISOString());
  const changed = Object.fromEntries(Object.keys(given).map((k) => [k, after[k as keyof BoardLimits]]));
  const was = Object.fromEntries(Object.keys(given).map((k) => [k, before[k as keyof BoardLimits]]));
  w.audit({ action: 'update', entity: 'settings', entityId: BOARD_SETTINGS_KEY, before: was, after: changed });
  return after;
}
