import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ReadDb, WriteDb } from '../context';
import { TELEMATICS_DEFAULTS, type TelematicsSettings } from '../../../shared/rules/telematics';

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
  return out;
}

/** Write the merged settings (inside the caller's write). */
export function putTelematicsSettings(db: WriteDb, next: TelematicsSettings, at: string): void {
  db.insert(settings)
    .values({ key: TELEMATICS_SETTINGS_KEY, value: next, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: at } })
    .run();
}
