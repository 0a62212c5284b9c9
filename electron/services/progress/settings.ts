import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ReadDb, WriteContext } from '../context';
import { DEFAULT_PROGRESS_SETTINGS, type ProgressSettings } from '../../../shared/rules/progress';

/** Progress settings (settings key "progress"), merged over the defaults. */
export const PROGRESS_SETTINGS_KEY = 'progress';

export function getProgressSettings(db: ReadDb): ProgressSettings {
  const row = db.select().from(settings).where(eq(settings.key, PROGRESS_SETTINGS_KEY)).get();
  const stored = (row?.value && typeof row.value === 'object' ? row.value : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_PROGRESS_SETTINGS };
  for (const k of Object.keys(out) as (keyof ProgressSettings)[]) {
    const v = stored[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** `progress.setSettings`: merge the given values, audited with the fields that changed. */
export function setProgressSettings(w: WriteContext, input: Partial<ProgressSettings>): ProgressSettings {
  const before = getProgressSettings(w.db);
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<ProgressSettings>;
  const after = { ...before, ...given };
  const changed = (Object.keys(given) as (keyof ProgressSettings)[]).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return before;
  const at = w.clock.now().toISOString();
  w.db.insert(settings).values({ key: PROGRESS_SETTINGS_KEY, value: after, updatedAt: at }).onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: at } }).run();
  w.audit({
    action: 'update',
    entity: 'settings',
    entityId: PROGRESS_SETTINGS_KEY,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  return after;
}
