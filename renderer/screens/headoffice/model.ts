import type { StandupSummary } from '../../../shared/contract/scorecards';
import type { Tier } from '../../../shared/domain';
import type { StationAnswer, StationInfo } from '../../../shared/headoffice';

/**
 * The head-office console's arithmetic, kept out of the components so tests can hold it to its
 * promise: a total only where adding up is meaningful. Counts of the same day (or the same
 * scorecard week, or what is open now) add up across stations; rates, scores and tiers never do,
 * and neither do counts of different days. A station without figures (its copy still arriving,
 * unreachable) or a figure one station lacks leaves the total empty, with the reason — never a
 * partial sum shown as the whole.
 */

/** "last push 3 min ago" words for the picker; `now` in ms. */
export function lastPushWords(at: string | null, now: number): string {
  if (!at) return 'never pushed';
  const ms = now - Date.parse(at);
  if (!Number.isFinite(ms)) return 'last push unknown';
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return 'last push just now';
  if (min < 60) return `last push ${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `last push ${h} h ago`;
  return `last push ${Math.floor(h / 24)} days ago`;
}

/** A station's name, with its code when the name does not already say it (as the desk's top bar). */
export const stationLabel = (s: { code: string; name: string }) => (s.name.includes(s.code) ? s.name : `${s.name} · ${s.code}`);

export const pendingWords = (s: StationInfo) => (s.pending > 0 ? `${s.pending.toLocaleString('en-US')} pending` : 'nothing pending');

/** What a figure counts over, so only like is added to like. */
type Moment = 'day' | 'week' | 'now';

export interface Figure {
  key: string;
  label: string;
  /** Longer words for the header's title. */
  title: string;
  get: (s: StandupSummary) => number | null;
  /** 'day' = the stand-up's yesterday, 'week' = the latest scorecard week, 'now' = open at the station today. */
  moment: Moment;
}

export interface FigureGroup {
  id: string;
  label: string;
  figures: Figure[];
}

const tierCount = (tier: Tier, label: string): Figure => ({ key: `tier:${tier}`, label, title: `Drivers at ${tier} on the latest scorecard`, get: (s) => s.scorecard?.tiers[tier] ?? null, moment: 'week' });

/** The stand-up's countable figures, side by side per station. */
export const STANDUP_GROUPS: FigureGroup[] = [
  {
    id: 'yesterday',
    label: 'Yesterday',
    figures: [
      { key: 'routesPlanned', label: 'Planned', title: 'Routes planned', get: (s) => s.yesterday.routesPlanned, moment: 'day' },
      { key: 'routesRun', label: 'Run', title: 'Routes run', get: (s) => s.yesterday.routesRun, moment: 'day' },
      { key: 'packages', label: 'Packages', title: 'Packages', get: (s) => s.yesterday.packages, moment: 'day' },
      { key: 'returnsOnTime', label: 'Back on time', title: 'Vans back on time', get: (s) => s.yesterday.returnsOnTime, moment: 'day' },
      { key: 'returnsLate', label: 'Back late', title: 'Vans back late', get: (s) => s.yesterday.returnsLate, moment: 'day' },
      { key: 'rescues', label: 'Rescues', title: 'Rescues', get: (s) => s.yesterday.rescues, moment: 'day' },
      { key: 'incidents', label: 'Incidents', title: 'Incidents', get: (s) => s.yesterday.incidents, moment: 'day' },
      { key: 'checkedIn', label: 'Checked in', title: 'Drivers checked in', get: (s) => s.yesterday.attendance?.checkedIn ?? null, moment: 'day' },
      { key: 'callOuts', label: 'Call-outs', title: 'Call-outs', get: (s) => s.yesterday.attendance?.callOuts ?? null, moment: 'day' },
      { key: 'noShows', label: 'No-shows', title: 'No-shows', get: (s) => s.yesterday.attendance?.noShows ?? null, moment: 'day' },
    ],
  },
  {
    id: 'scorecard',
    label: 'Latest scorecard',
    figures: [
      { key: 'drivers', label: 'Drivers', title: 'Drivers on the latest scorecard', get: (s) => s.scorecard?.drivers ?? null, moment: 'week' },
      tierCount('Fantastic+', 'Fant.+'),
      tierCount('Fantastic', 'Fant.'),
      tierCount('Great', 'Great'),
      tierCount('Fair', 'Fair'),
      tierCount('Poor', 'Poor'),
    ],
  },
  {
    id: 'now',
    label: 'Open now',
    figures: [
      { key: 'atRisk', label: 'At risk', title: 'Drivers at risk', get: (s) => s.atRisk.length, moment: 'now' },
      { key: 'plansDue', label: 'Plans due', title: 'Coaching plans due today', get: (s) => s.plansDueToday.length, moment: 'now' },
      { key: 'trainingDue', label: 'Training due', title: 'Training due this week', get: (s) => s.trainingDueThisWeek.length, moment: 'now' },
      { key: 'trainingExpired', label: 'Expired', title: 'Mandatory training expired', get: (s) => s.trainingExpired.length, moment: 'now' },
      { key: 'grounded', label: 'Grounded vans', title: 'Vans grounded, in the shop or out of service', get: (s) => s.groundedVans.length, moment: 'now' },
    ],
  },
];

/** Which day / week a station's figure belongs to ('now' figures all belong to the same moment). */
export function momentOf(s: StandupSummary, moment: Moment): string | null {
  return moment === 'day' ? s.yesterday.date : moment === 'week' ? (s.scorecard?.week ?? null) : 'now';
}

export type Total = { value: number; why?: undefined } | { value: null; why: string };

/** The all-stations total of one figure, or why there is none. */
export function totalOf(figure: Figure, answers: readonly StationAnswer<StandupSummary>[]): Total {
  if (answers.length < 2) return { value: null, why: 'One station: nothing to add up' };
  const missing = answers.filter((a) => !a.result.ok).map((a) => a.code);
  if (missing.length) return { value: null, why: `No figures from ${missing.join(', ')}` };
  const summaries = answers.map((a) => (a.result as { data: StandupSummary }).data);
  const values = summaries.map(figure.get);
  const without = answers.filter((_, i) => values[i] === null).map((a) => a.code);
  if (without.length) return { value: null, why: `${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no ${figure.title.toLowerCase()}` };
  const moments = new Set(summaries.map((s) => momentOf(s, figure.moment)));
  if (moments.size > 1) return { value: null, why: figure.moment === 'week' ? 'The stations’ latest scorecards are of different weeks' : 'The stations report different days' };
  return { value: (values as number[]).reduce((a, b) => a + b, 0) };
}

/** A station's result as one line when it has no data: the reason, never zeros. */
export function withoutFigures(a: StationAnswer<unknown>): string | null {
  if (a.result.ok) return null;
  return a.result.error.code === 'UNAVAILABLE' ? a.result.error.message : `No answer from ${a.code}: ${a.result.error.message}`;
}

/** Rows of every station's list, each tagged with its station (for one table with a Station column). */
export type StationRow<T> = T & { hoStation: string; hoStationName: string };

export function stationRows<T extends object>(answers: readonly StationAnswer<T[]>[]): StationRow<T>[] {
  const out: StationRow<T>[] = [];
  for (const a of answers) if (a.result.ok) for (const row of a.result.data) out.push({ ...row, hoStation: a.code, hoStationName: a.name });
  return out;
}
