import { eq } from 'drizzle-orm';
import { settings as settingsTable } from '../../db/schema';
import type { ReadDb, WriteContext, WriteDb } from '../context';
import { getStation } from '../station/station';
import { BOARD_SETTINGS_KEY, getBoardSettings } from './settings';
import type { RouteSettings } from '../../../shared/contract/board';
import { AppError } from '../../../shared/errors';
import { defaultServiceTypeRules, serviceTypeRulesProblems, type ServiceTypeRules } from '../../../shared/rules/fleet/service-types';

/**
 * How route sheets are read (board settings key "board"): our DSP short code — rows of other DSPs
 * are skipped — and the service-type keyword rules that give each route its van classes.
 */
export function routeSettings(db: ReadDb): RouteSettings {
  const s = getBoardSettings(db);
  const station = getStation(db)?.dspCode ?? '';
  return {
    dspCode: s.dspCode || station,
    dspCodeFrom: s.dspCode ? 'settings' : station ? 'station' : 'none',
    serviceTypes: s.serviceTypes,
    defaults: defaultServiceTypeRules(),
  };
}

/** Our DSP short code for a route import: the board setting, else the station's. */
export const ourDspCode = (db: ReadDb) => routeSettings(db).dspCode;

export interface RouteSettingsChange {
  dspCode?: string;
  serviceTypes?: ServiceTypeRules;
  resetServiceTypes?: boolean;
}

/** Merge the change into the stored board settings (other board settings untouched). */
export function writeRouteSettings(db: WriteDb, change: RouteSettingsChange, at: string): { before: RouteSettings; after: RouteSettings } {
  const rules = change.resetServiceTypes ? defaultServiceTypeRules() : change.serviceTypes;
  if (rules) {
    const problems = serviceTypeRulesProblems(rules);
    if (problems.length > 0) throw new AppError('VALIDATION', `Service-type rules: ${problems[0]!.message}`, { issues: problems.map((p) => ({ path: `serviceTypes.${p.path}`, message: p.message })) });
  }
  const before = routeSettings(db);
  const row = db.select().from(settingsTable).where(eq(settingsTable.key, BOARD_SETTINGS_KEY)).get();
  const stored = row?.value && typeof row.value === 'object' && !Array.isArray(row.value) ? (row.value as Record<string, unknown>) : {};
  const value: Record<string, unknown> = { ...stored };
  if (change.dspCode !== undefined) value.dspCode = change.dspCode.toUpperCase();
  if (rules) value.serviceTypes = rules;
  db.insert(settingsTable)
    .values({ key: BOARD_SETTINGS_KEY, value, updatedAt: at })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: at } })
    .run();
  return { before, after: routeSettings(db) };
}

/** `board.setRouteSettings`: a write (one transaction, one audit entry with before and after). */
export function setRouteSettings(w: WriteContext, change: RouteSettingsChange): RouteSettings {
  const { before, after } = writeRouteSettings(w.db, change, w.clock.now().toISOString());
  const strip = ({ defaults: _d, ...s }: RouteSettings) => s;
  w.audit({ action: 'update', entity: 'route_settings', entityId: BOARD_SETTINGS_KEY, before: strip(before), after: strip(after) });
  return after;
}
