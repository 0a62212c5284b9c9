import type { ReadContext } from '../context';
import type { BoardConflict } from '../../../shared/contract/board';
import type { Tier } from '../../../shared/domain';
import { expiredMandatoryTraining, latestTierByDriver } from './tiers-db';

/**
 * The board's hooks into this area (see electron/services/board/facts.ts):
 * - trainingWarnings: soft rule TRAINING_EXPIRED for drivers whose mandatory training expired
 *   (or was never completed) on the board's date;
 * - scorecardTiers: each driver's tier on the latest imported scorecard.
 */
export function trainingWarnings(ctx: ReadContext, date: string, driverIds: number[]): Map<number, BoardConflict[]> {
  const out = new Map<number, BoardConflict[]>();
  const expired = expiredMandatoryTraining(ctx.db, date);
  const wanted = new Set(driverIds);
  for (const [id, courses] of expired) {
    if (!wanted.has(id)) continue;
    out.set(id, [{ rule: 'TRAINING_EXPIRED', severity: 'soft', message: `Mandatory training expired: ${courses.join(', ')}` }]);
  }
  return out;
}

export function scorecardTiers(ctx: ReadContext, _date: string, driverIds: number[]): Map<number, Tier> {
  const all = latestTierByDriver(ctx.db);
  const out = new Map<number, Tier>();
  for (const id of driverIds) {
    const t = all.get(id);
    if (t) out.set(id, t);
  }
  return out;
}
