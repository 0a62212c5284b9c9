import { isValidWeek } from '../../../shared/rules/scorecards/weeks';

/**
 * Which scorecard week a file is for, from what the file itself says: its name
 * (`US_ACME_DSE4_Week47_2026_en_DSPScorecard.pdf`, `DSP_Overview_Dashboard_ACME_DSE4_2026-W47.csv`),
 * a title line ("Week 47 2026"), or the `Week` column. Every place that names a week must agree,
 * and so must the week a person gave (`--week`); any disagreement is an error naming both.
 */
export interface WeekClue {
  week: string;
  /** Where it was read, for messages: "the file name", "row 1 (title)", "the Week column", "--week". */
  where: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const asWeek = (year: number, n: number) => `${year}-W${pad2(n)}`;

/** A week named in free text (a file name, a title), or null. Underscores count as spaces. */
export function weekInText(text: string): string | null {
  const s = text.replace(/_/g, ' ');
  const tries: [RegExp, (m: RegExpExecArray) => string][] = [
    [/(?<![\p{L}\p{N}])(\d{4})-?W(\d{1,2})(?![\p{N}])/iu, (m) => asWeek(Number(m[1]), Number(m[2]))],
    [/(?<![\p{L}\p{N}])Week\s*-?\s*(\d{1,2})\s*[,-]?\s+(\d{4})(?![\p{N}])/iu, (m) => asWeek(Number(m[2]), Number(m[1]))],
    [/(?<![\p{L}\p{N}])(\d{4})\s*[-]?\s*Week\s*-?\s*(\d{1,2})(?![\p{N}])/iu, (m) => asWeek(Number(m[1]), Number(m[2]))],
  ];
  for (const [re, build] of tries) {
    const m = re.exec(s);
    if (m) {
      const w = build(m);
      if (isValidWeek(w)) return w;
    }
  }
  return null;
}

/**
 * A `Week` cell: "2026-W47", "2026W47", "Week 47 2026", or a bare week number ("47", "Week 47")
 * when the year is known from elsewhere in the file. Error text when unreadable.
 */
export function weekCell(raw: string, year: number | null): { week: string } | { error: string } {
  const s = raw.trim();
  const full = weekInText(s);
  if (full) return { week: full };
  const m = /^(?:week\s*|wk\s*|w)?(\d{1,2})$/i.exec(s);
  if (m) {
    if (year === null) return { error: `"${s}" names a week number without its year, and the file does not say the year` };
    const w = asWeek(year, Number(m[1]));
    if (isValidWeek(w)) return { week: w };
  }
  return { error: `"${s.slice(0, 30)}" is not a scorecard week (e.g. 2026-W47 or Week 47 2026)` };
}

/** The year a file's name or titles mention ("…_Week47_2026…", "2026"), for bare week numbers. */
export function yearInText(text: string): number | null {
  const m = /(?<![\p{N}])(20\d{2})(?![\p{N}])/u.exec(text.replace(/_/g, ' '));
  return m ? Number(m[1]) : null;
}

export type WeekDecision = { week: string; from: string } | { error: string };

/**
 * The file's week from its clues (file name, titles) and the weeks of its Week column, checked
 * against the week a person gave. A multi-week file (the trailing six weeks) is "for" its newest
 * week: that is the week its name carries.
 */
export function decideWeek(clues: WeekClue[], columnWeeks: readonly string[], given: string | undefined): WeekDecision {
  const first = clues[0];
  for (const c of clues.slice(1)) {
    if (c.week !== first!.week) return { error: `${cap(first!.where)} says ${first!.week} but ${c.where} says ${c.week}` };
  }
  const newest = columnWeeks.length ? [...columnWeeks].sort().at(-1)! : undefined;
  if (first && newest && newest !== first.week) {
    const many = columnWeeks.length > 1;
    return { error: `${cap(first.where)} says ${first.week} but the Week column ${many ? `goes up to ${newest}` : `says ${newest}`}` };
  }
  const file: WeekClue | undefined = first ?? (newest ? { week: newest, where: 'the Week column' } : undefined);
  if (given !== undefined) {
    if (file && file.week !== given) return { error: `The week given (${given}) is not the file's week: ${file.where} says ${file.week}` };
    return { week: given, from: file ? file.where : 'the week given' };
  }
  if (!file) return { error: 'The file does not say which scorecard week it is (no Week column, nor a week in its name or title): give the week (YYYY-Www)' };
  return { week: file.week, from: file.where };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
