import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ReadDb, WriteDb } from '../context';
import { MAP_LABELS, TELEMATICS_DEFAULTS, type TelematicsSettings } from '../../../shared/rules/telematics';

const ENTITIES: Record<string, string> = { copy: '©', amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };
const plainText = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(copy|amp|lt|gt|quot|nbsp);/g, (_, e: string) => ENTITIES[e]!).replace(/[<>]/g, '').trim();

export const TELEMATICS_SETTINGS_KEY = 'telematics';

/** Stored telematics settings merged over the DOMAIN.md defaults (unknown keys ignored). */
export function getTelematicsSettings(db: ReadDb): TelematicsSettings {
  const row = db.select().from(settings).where(eq(settings.key, TELEMATICS_SETTINGS_KEY)).get();
  const stored = (row?.value ?? {}) as Partial<TelematicsSettings>;
  const out = { ...TELEMATICS_DEFAULTS };
  for (const key of Object.keys(TELEMATICS_DEFAULTS) as (keyof TelematicsSettings)[]) {
    const v = stored[key];
    if (v !== undefined && typeof v === typeof TELEMATICS_DEFAULTS[key]) (out as Record<string, unknown>)[key] = v;
  }
  if (!MAP_LABELS.includes(out.mapLabels)) out.mapLabels = TELEMATICS_DEFAULTS.mapLabels;
  // Attribution is text: an older HTML one (the first default was a link) keeps only its words.
  out.tileAttribution = plainText(out.tileAttribution);
  return out;
}

/** Write the merged settings (inside the caller's write). */
export function putTelematicsSettings(db: WriteDb, next: TelematicsSettings, at: string): void {
  db.insert(settings)
    .values({ key: TELEMATICS_SETTINGS_KEY, value: next, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: at } })
    .run();
}
