/**
 * Amazon's route service types → the van classes that may serve them, by keyword rules a station
 * edits in Settings (DOMAIN.md "Service types → van classes"). Amazon writes service types many
 * ways (`Standard Parcel - Extra Large Van - US`, `Standard Parcel Electric - Rivian MEDIUM with
 * Helper`, `Nursery Route Level 1 - Electric Vehicle`): they are read by their words, never matched
 * against an exact list. A service type no rule knows is read with a warning naming the closest
 * match — never a refusal of the sheet.
 */
import { closest, distance } from 'fastest-levenshtein';
import { VAN_CLASSES, type VanClass } from '../../domain';

/** What a rule can say about a route besides its van classes. */
export const SERVICE_TAGS = ['helper', 'ride-along', 'nursery-1', 'nursery-2', 'nursery-3'] as const;
export type ServiceTag = (typeof SERVICE_TAGS)[number];
export const SERVICE_TAG_LABEL: Record<ServiceTag, string> = {
  helper: 'with helper',
  'ride-along': 'ride-along (no van of its own)',
  'nursery-1': 'nursery level 1',
  'nursery-2': 'nursery level 2',
  'nursery-3': 'nursery level 3',
};

export interface ServiceTypeRule {
  /** Shown in Settings and in the tester: "Extra Large". */
  label: string;
  /**
   * Keyword phrases: the rule matches when every word of one phrase appears in the service type
   * (any case, any punctuation, any order): "extra large" matches "Standard Parcel - Extra Large Van - US".
   */
  keywords: string[];
  /** Acceptable van classes, first choice first; the first matching rule that names classes decides. */
  classes: VanClass[];
  /** A fact the rule adds (helper seat, ride-along, nursery level); every matching rule adds its tag. */
  tag: ServiceTag | null;
  /** A service type as Amazon writes it, for the closest-match hint. */
  example: string;
}

export interface ServiceTypeRules {
  /** In order: earlier rules win the van classes. */
  rules: ServiceTypeRule[];
  /** Van classes of a service type whose matching rules name none (e.g. "Nursery Route Level 2"). */
  defaultClasses: VanClass[];
}

const CARGO_FROM_STANDARD: VanClass[] = ['standard_cargo', 'large_cargo', 'xl_cargo'];

/** DOMAIN.md defaults. */
export function defaultServiceTypeRules(): ServiceTypeRules {
  return {
    rules: [
      { label: 'Ride Along', keywords: ['ride along', 'ridealong'], classes: [], tag: 'ride-along', example: 'Ride Along' },
      { label: 'Step Van', keywords: ['step van', 'stepvan', 'step'], classes: ['step_van'], tag: null, example: 'Standard Parcel Step Van - US' },
      { label: 'Electric / Rivian', keywords: ['electric', 'rivian', 'edv', 'ev'], classes: ['electric_van'], tag: null, example: 'Standard Parcel Electric - Rivian MEDIUM' },
      { label: 'Extra Large', keywords: ['extra large', 'extralarge', 'xl'], classes: ['xl_cargo', 'step_van'], tag: null, example: 'Standard Parcel - Extra Large Van - US' },
      { label: 'Large', keywords: ['large'], classes: ['large_cargo', 'xl_cargo'], tag: null, example: 'Standard Parcel - Large Van' },
      { label: 'Small', keywords: ['small'], classes: ['small_cargo', ...CARGO_FROM_STANDARD], tag: null, example: 'Standard Parcel - Small Van' },
      { label: 'Medium / Standard', keywords: ['medium', 'standard', 'cdv'], classes: [...CARGO_FROM_STANDARD], tag: null, example: 'Standard Parcel Medium Van' },
      { label: 'with Helper', keywords: ['helper'], classes: [], tag: 'helper', example: 'Standard Parcel Electric - Rivian MEDIUM with Helper' },
      { label: 'Nursery Level 1', keywords: ['nursery 1'], classes: [], tag: 'nursery-1', example: 'Nursery Route Level 1 - Electric Vehicle' },
      { label: 'Nursery Level 2', keywords: ['nursery 2'], classes: [], tag: 'nursery-2', example: 'Nursery Route Level 2' },
      { label: 'Nursery Level 3', keywords: ['nursery 3'], classes: [], tag: 'nursery-3', example: 'Nursery Route Level 3' },
    ],
    defaultClasses: [...CARGO_FROM_STANDARD, 'electric_van'],
  };
}

export interface ServiceTypeReading {
  /** As written (trimmed). */
  serviceType: string;
  /** Acceptable van classes, first choice first. */
  classes: VanClass[];
  tags: ServiceTag[];
  /** False for ride-alongs (a trainee rides with a trainer). */
  requiresVan: boolean;
  /** Labels of the rules that matched. */
  matched: string[];
  /** Which rule decided the classes ("default" when none named any, "closest match" for an unknown one). */
  classesFrom: string;
  /** False when no rule matched: the reading then follows the closest match (or the default). */
  known: boolean;
  /** For an unknown service type: the closest rule example, and whether it was close enough to follow. */
  closest: { example: string; rule: string; followed: boolean } | null;
  /** Words no rule (nor the usual filler: Standard, Parcel, Van, US …) knows. */
  unknownWords: string[];
}

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const wordSet = (s: string) => new Set(words(s).split(' ').filter(Boolean));

function phraseMatches(have: Set<string>, phrase: string): boolean {
  const need = words(phrase).split(' ').filter(Boolean);
  return need.length > 0 && need.every((w) => have.has(w));
}

export function ruleMatches(rule: Pick<ServiceTypeRule, 'keywords'>, serviceType: string): boolean {
  const have = wordSet(serviceType);
  return rule.keywords.some((k) => phraseMatches(have, k));
}

function readKnown(serviceType: string, rules: ServiceTypeRules, have: Set<string>) {
  const matched = rules.rules.filter((r) => r.keywords.some((k) => phraseMatches(have, k)));
  const decider = matched.find((r) => r.classes.length > 0);
  const tags = [...new Set(matched.flatMap((r) => (r.tag ? [r.tag] : [])))];
  const rideAlong = tags.includes('ride-along');
  return {
    matched,
    tags,
    rideAlong,
    classes: rideAlong && !decider ? [...VAN_CLASSES] : [...(decider?.classes ?? rules.defaultClasses)],
    classesFrom: decider?.label ?? (rideAlong ? 'Ride Along' : 'default'),
  };
}

/** Words every service type carries that say nothing about vans. */
const FILLER = new Set(['standard', 'parcel', 'van', 'vans', 'us', 'route', 'routes', 'level', 'vehicle', 'with', 'delivery', 'cargo', 'the', 'and', 'a', 'of']);

/** Words of the service type that neither a rule nor the usual filler knows ("lrge" in a typo, "bicycle"). */
const vocabularies = new WeakMap<ServiceTypeRules, Set<string>>();
function unknownWords(have: Set<string>, rules: ServiceTypeRules): string[] {
  let vocabulary = vocabularies.get(rules);
  if (!vocabulary) {
    vocabulary = new Set<string>(FILLER);
    for (const r of rules.rules) for (const k of r.keywords) for (const w of words(k).split(' ')) if (w) vocabulary.add(w);
    vocabularies.set(rules, vocabulary);
  }
  return [...have].filter((w) => !vocabulary.has(w));
}

/**
 * How a route's service type reads under the station's rules. Known: some rule matched and every
 * word is one the rules know. Otherwise it is read like the closest rule example when that is
 * close (at most a third of the letters differ), else by the rules that matched, else by the
 * default classes — and `known` is false, so the import warns.
 */
export function readServiceType(raw: string, rules: ServiceTypeRules = defaultServiceTypeRules()): ServiceTypeReading {
  const serviceType = raw.trim();
  const have = wordSet(serviceType);
  const r = readKnown(serviceType, rules, have);
  const strange = unknownWords(have, rules);
  const base = { serviceType, classes: r.classes, tags: r.tags, requiresVan: !r.rideAlong, matched: r.matched.map((m) => m.label), classesFrom: r.classesFrom, unknownWords: strange };
  if ((r.matched.length > 0 && strange.length === 0) || !serviceType) return { ...base, known: r.matched.length > 0, closest: null };
  const examples = rules.rules.filter((x) => x.example.trim());
  const target = words(serviceType);
  const best = examples.length ? closest(target, examples.map((x) => words(x.example))) : null;
  const rule = best != null ? examples.find((x) => words(x.example) === best)! : null;
  const followed = !!rule && distance(target, best!) <= Math.max(2, Math.floor(Math.max(target.length, best!.length) / 3));
  const hint = rule ? { example: rule.example, rule: rule.label, followed } : null;
  if (rule && followed) {
    const via = readKnown(rule.example, rules, wordSet(rule.example));
    return { ...base, classes: via.classes, tags: via.tags, requiresVan: !via.rideAlong, classesFrom: 'closest match', known: false, closest: hint };
  }
  if (r.matched.length > 0) return { ...base, known: false, closest: hint };
  return { ...base, classes: [...rules.defaultClasses], tags: [], requiresVan: true, classesFrom: 'default', known: false, closest: hint };
}

/** The warning an import shows for an unknown service type (null when known). */
export function unknownServiceTypeWarning(reading: ServiceTypeReading, label: (c: VanClass) => string = (c) => c): string | null {
  if (reading.known || !reading.serviceType) return null;
  const classes = reading.classes.map(label).join(', ');
  const odd = reading.unknownWords.length > 0 ? ` (no rule knows ${reading.unknownWords.map((w) => `"${w}"`).join(', ')})` : '';
  const what = `unknown service type "${reading.serviceType}"${odd}`;
  if (reading.closest?.followed) return `${what}: read like "${reading.closest.example}" (closest match) — ${classes}; add a keyword rule in Settings if that is wrong`;
  const hint = reading.closest ? ` closest: "${reading.closest.example}";` : '';
  if (reading.matched.length > 0) return `${what}:${hint} read by the rules ${reading.matched.map((m) => `"${m}"`).join(', ')} — ${classes}; add a keyword rule in Settings if that is wrong`;
  return `${what}:${hint} no rule matches, any of ${classes} may serve it; add a keyword rule in Settings`;
}

/** Problems with a station's edited rules, for the settings channel (empty = fine). */
export function serviceTypeRulesProblems(rules: ServiceTypeRules): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  rules.rules.forEach((r, i) => {
    if (r.keywords.every((k) => !words(k))) out.push({ path: `rules.${i}.keywords`, message: `rule "${r.label}" needs at least one keyword` });
    if (r.classes.length === 0 && !r.tag) out.push({ path: `rules.${i}`, message: `rule "${r.label}" names no van class and no tag, so it does nothing` });
  });
  if (rules.defaultClasses.length === 0) out.push({ path: 'defaultClasses', message: 'pick at least one default van class' });
  return out;
}
