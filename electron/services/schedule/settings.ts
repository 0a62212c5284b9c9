import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ReadDb, WriteContext } from '../context';
import { DEFAULT_SCHEDULE_SETTINGS } from '../../../shared/rules/schedule/settings';
import type { ScheduleSettings, scheduleSettingsInput } from '../../../shared/contract/schedule';
import type { z } from 'zod';

export const SCHEDULE_SETTINGS_KEY = 'schedule';

/** The schedule's settings (settings key "schedule"), each stored field over the default. */
export function getScheduleSettings(db: ReadDb): ScheduleSettings {
  const row = db.select().from(settings).where(eq(settings.key, SCHEDULE_SETTINGS_KEY)).get();
  const stored = (row?.value && typeof row.value === 'object' ? row.value : {}) as Partial<ScheduleSettings>;
  return { ...DEFAULT_SCHEDULE_SETTINGS, ...stored };
}

export function setScheduleSettings(w: WriteContext, input: z.output<typeof scheduleSettingsInput>): ScheduleSettings {
  const before = getScheduleSettings(w.db);
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<ScheduleSettings>;
  const after = { ...before, ...given };
  const at = w.clock.now().toISOString();
  w.db
    .insert(settings)
    .values({ key: SCHEDULE_SETTINGS_KEY, value: after, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: after, updatedAt: at } })
    .run();
  w.audit({ action: 'settings', entity: 'settings', entityId: SCHEDULE_SETTINGS_KEY, before, after });
  return after;
}
