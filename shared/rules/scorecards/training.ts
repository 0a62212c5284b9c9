/**
 * Training records run out like licences do: valid through the expiry day, expired after it, "due"
 * when they run out within the window. One window for the service, the contract's default and the
 * console's words.
 */
import { expiryState } from '../../expiry';
import { addDays } from '../../station-time';

/** A training record's state on a date ('missing': a mandatory course never completed). */
export type TrainingState = 'valid' | 'due' | 'expired' | 'missing';

/** Default window: a training that runs out within this many days is due (setting `training.dueDays`; `training.status`'s default `dueWithinDays`). */
export const TRAINING_DUE_DAYS = 30;

/** The state of a completed training on `date`; a course without expiry stays valid. */
export function trainingState(expiresOn: string | null, date: string, dueDays: number): Exclude<TrainingState, 'missing'> {
  if (!expiresOn) return 'valid';
  const s = expiryState(expiresOn, date, addDays(date, dueDays));
  return s === 'expiring' ? 'due' : s;
}

/** Words for each state, for the stand-up's training list and the driver page (the window is a setting, so no number). */
export const TRAINING_STATE_LABEL: Record<TrainingState, string> = {
  valid: 'Valid',
  due: 'Due soon',
  expired: 'Expired',
  missing: 'Never completed',
};
