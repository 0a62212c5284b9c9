import { and, eq, inArray } from 'drizzle-orm';
import { assignments, routes } from '../../db/schema';
import { twoStage, type AuditNote, type WriteContext } from '../context';
import { getStation } from '../station/station';
import { cell, decodeFileInput, matchColumns, readSheet, type ColumnSpec, type Sheet } from '../../import/table';
import { parseCount } from '../../import/values';
import { parseDistance, parseDuration, parseVanType, parseWave } from './parse';
import { getBoardSettings } from './settings';
import { loadBoardFacts } from './facts';
import { currentConflicts } from './view';
import { matchServiceType } from '../../../shared/rules/board';
import type { RouteImportResult, boardChannels } from '../../../shared/contract/board';
import type { VanType } from '../../../shared/domain';

/** Route sheet columns and aliases (DOMAIN.md "Route sheet"). */
export const ROUTE_COLUMNS = {
  code: { label: 'Route Code', aliases: ['Route', 'Route ID', 'Route Name'], required: true },
  wave: { label: 'Wave', aliases: ['Wave Time', 'Dispatch Time', 'Launch Time', 'Start Time'], required: true },
  staging: { label: 'Staging Location', aliases: ['Staging', 'Stage', 'STG Location'] },
  serviceType: { label: 'Service Type', aliases: ['Route Type'], required: true },
  duration: { label: 'Route Duration', aliases: ['Planned Duration', 'Duration', 'Shift Length'] },
  stops: { label: 'Stops', aliases: ['# Stops', 'Number of Stops', 'Stop Count'] },
  packages: { label: 'Packages', aliases: ['# Packages', 'Number of Packages', 'Package Count', 'Pkgs'] },
  distance: { label: 'Distance', aliases: ['Planned Distance', 'Miles', 'Route Miles'] },
  vanType: { label: 'Van Type', aliases: ['Vehicle Type'] },
  notes: { label: 'Notes', aliases: ['Comments'] },
  dsp: { label: 'DSP', aliases: ['DSP Name', 'DSP Short Code'] },
} satisfies Record<string, ColumnSpec>;
type Field = keyof typeof ROUTE_COLUMNS;

interface PlannedRoute {
  row: number;
  code: string;
  wave: string;
  staging: string;
  serviceType: string;
  plannedDurationMin: number;
  stops: number | null;
  packages: number | null;
  plannedDistanceMi: number | null;
  vanType: VanType | null;
  notes: string;
}

const COMPARED = ['wave', 'staging', 'serviceType', 'plannedDurationMin', 'stops', 'packages', 'plannedDistanceMi', 'vanType', 'notes'] as const;
const normCode = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

type RouteSheetFile = { fileName: string; content: string; encoding: 'utf8' | 'base64'; date: string; dryRun: boolean };

/**
 * Import one day's route sheet (a two-stage write: the file is read outside the transaction):
 * validate every row (errors with spreadsheet row numbers), then in the call's transaction
 * add/update routes by route code, delete routes no longer on the sheet, and drop assignments that
 * the changes made invalid (hard conflicts). A dry run does the same work and then discards it
 * (rolled back: no audit entry, no event), so the preview reports exactly what an import would do.
 */
export const importRouteSheet = twoStage<(typeof boardChannels)['routes.import'], Sheet | { error: string }>({
  prepare: (_ctx, input) => readSheet(input.fileName, decodeFileInput(input)).catch((err: Error) => ({ error: err.message })),
  apply: (w, input, sheet) => applyRouteSheet(w, input, sheet),
});

function applyRouteSheet(ctx: WriteContext, input: RouteSheetFile, sheet: Sheet | { error: string }): RouteImportResult {
  const result: RouteImportResult = {
    ok: false,
    dryRun: input.dryRun,
    date: input.date,
    routes: 0,
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    skippedOtherDsp: 0,
    keptAssignments: 0,
    droppedAssignments: [],
    errors: [],
  };
  if ('error' in sheet) {
    result.errors.push({ row: 0, column: '', message: `Cannot read ${input.fileName}: ${sheet.error}` });
    return result;
  }
  const match = matchColumns(sheet.headers, ROUTE_COLUMNS);
  result.errors.push(...match.issues);
  result.routes = sheet.rows.length;
  if (match.issues.length > 0) return result;

  const settings = getBoardSettings(ctx.db);
  const ourDsp = normCode(settings.dspCode || getStation(ctx.db)?.dspCode || '');
  const serviceTypes = Object.keys(settings.serviceTypeVans);
  if (match.index.dsp !== undefined && !ourDsp) {
    const distinct = new Set(sheet.rows.map((r) => normCode(cell(match, r, 'dsp'))).filter(Boolean));
    if (distinct.size > 1) {
      result.errors.push({ row: 1, column: 'DSP', message: 'the sheet lists several DSPs; set our DSP short code (station or board settings) to pick our rows' });
      return result;
    }
  }

  const planned: PlannedRoute[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const err = (f: Field, message: string) => result.errors.push({ row: r.row, column: ROUTE_COLUMNS[f].label, message });
    const dsp = cell(match, r, 'dsp');
    if (ourDsp && dsp && normCode(dsp) !== ourDsp) {
      result.skippedOtherDsp++;
      continue;
    }
    const code = cell(match, r, 'code').toUpperCase();
    if (!code) err('code', 'route code is required');
    else if (!/^[A-Z0-9_-]{1,20}$/.test(code)) err('code', `"${code.slice(0, 40)}" is not a route code (letters, digits, _ and -, up to 20)`);
    else if (seen.has(code)) err('code', `duplicate route code ${code} (already in row ${seen.get(code)})`);
    else seen.set(code, r.row);

    const waveText = cell(match, r, 'wave');
    const wave = parseWave(waveText);
    if (wave.error) err('wave', wave.error);
    else if (wave.value == null) err('wave', 'wave time is required');

    const stText = cell(match, r, 'serviceType');
    const serviceType = stText ? matchServiceType(stText, serviceTypes) : null;
    if (!stText) err('serviceType', 'service type is required');
    else if (!serviceType) err('serviceType', `unknown service type "${stText.slice(0, 60)}"`);

    const dur = parseDuration(cell(match, r, 'duration'));
    if (dur.error) err('duration', dur.error);
    const stops = parseCount(cell(match, r, 'stops'));
    if (stops.error) err('stops', stops.error);
    const pkgs = parseCount(cell(match, r, 'packages'));
    if (pkgs.error) err('packages', pkgs.error);
    const dist = parseDistance(cell(match, r, 'distance'));
    if (dist.error) err('distance', dist.error);
    const vt = parseVanType(cell(match, r, 'vanType'));
    if (vt.error) err('vanType', vt.error);
    const staging = cell(match, r, 'staging');
    if (staging.length > 40) err('staging', 'staging location is longer than 40 characters');
    const notes = cell(match, r, 'notes');
    if (notes.length > 2000) err('notes', 'notes are longer than 2000 characters');

    if (serviceType && wave.value && code) {
      const defaultMin = settings.defaultDurationMin[serviceType] ?? settings.defaultDurationMin['*'] ?? 600;
      planned.push({
        row: r.row,
        code,
        wave: wave.value,
        staging,
        serviceType,
        plannedDurationMin: dur.value ?? defaultMin,
        stops: stops.value ?? null,
        packages: pkgs.value ?? null,
        plannedDistanceMi: dist.value ?? null,
        vanType: vt.value ?? null,
        notes,
      });
    }
  }
  result.errors.sort((a, b) => a.row - b.row);
  if (result.errors.length > 0) return result;

  const existing = new Map(ctx.db.select().from(routes).where(eq(routes.date, input.date)).all().map((r) => [r.code, r]));
  const toInsert: PlannedRoute[] = [];
  const toUpdate: { id: number; p: PlannedRoute }[] = [];
  for (const p of planned) {
    const before = existing.get(p.code);
    if (!before) {
      toInsert.push(p);
      result.added.push(p.code);
    } else if (COMPARED.some((k) => (before as Record<string, unknown>)[k] !== p[k])) {
      toUpdate.push({ id: before.id, p });
      result.changed.push(p.code);
    } else result.unchanged++;
  }
  const inSheet = new Set(planned.map((p) => p.code));
  const removed = [...existing.values()].filter((r) => !inSheet.has(r.code));
  result.removed = removed.map((r) => r.code);

  const now = ctx.clock.now().toISOString();
  // A preview only needs the transaction when assignments could be affected (changed or removed
  // routes that have one); otherwise the answer is already known without writing anything.
  if (input.dryRun) {
    const touched = new Set([...toUpdate.map((u) => u.id), ...removed.map((r) => r.id)]);
    const dated = ctx.db.select({ routeId: assignments.routeId }).from(assignments).where(eq(assignments.date, input.date)).all();
    if (!dated.some((a) => touched.has(a.routeId))) {
      result.keptAssignments = dated.length;
      result.ok = true;
      return result;
    }
  }
  const tx = ctx;
  // Assignments on removed routes go with them.
  if (removed.length > 0) {
    const ids = removed.map((r) => r.id);
    const lost = tx.db.select().from(assignments).where(inArray(assignments.routeId, ids)).all();
    const before = loadBoardFacts(tx, input.date);
    for (const a of lost) {
      const code = removed.find((r) => r.id === a.routeId)!.code;
      result.droppedAssignments.push({ routeCode: code, driverName: before.drivers.get(a.driverId)?.row.name ?? `#${a.driverId}`, reason: 'route no longer on the sheet' });
    }
    tx.db.delete(routes).where(inArray(routes.id, ids)).run();
  }
  for (let i = 0; i < toInsert.length; i += 200) {
    const chunk = toInsert.slice(i, i + 200).map(({ row: _row, ...p }) => ({ ...p, date: input.date, createdAt: now, updatedAt: now }));
    tx.db.insert(routes).values(chunk).run();
  }
  for (const { id, p } of toUpdate) {
    const { row: _row, code: _code, ...values } = p;
    tx.db.update(routes).set({ ...values, updatedAt: now }).where(eq(routes.id, id)).run();
  }
  // Keep assignments that are still valid; drop those the changes broke (hard conflicts).
  const unassigned: AuditNote[] = [];
  if (toUpdate.length > 0) {
    const f = loadBoardFacts(tx, input.date);
    for (const { id, p } of toUpdate) {
      const a = f.assignments.get(id);
      if (!a) continue;
      const hard = currentConflicts(f, id).filter((c) => c.severity === 'hard');
      if (hard.length === 0) continue;
      tx.db.delete(assignments).where(and(eq(assignments.routeId, id))).run();
      tx.db.update(routes).set({ status: 'planned' }).where(eq(routes.id, id)).run();
      const reason = hard.map((c) => c.message).join('; ');
      result.droppedAssignments.push({ routeCode: p.code, driverName: f.drivers.get(a.driverId)?.row.name ?? `#${a.driverId}`, reason });
      unassigned.push({
        action: 'unassign (route sheet changed)',
        entity: 'route',
        entityId: id,
        before: { code: p.code, driverId: a.driverId, vanId: a.vanId, deviceId: a.deviceId },
        after: null,
        reason,
      });
    }
  }
  result.keptAssignments = tx.db.select({ id: assignments.id }).from(assignments).where(eq(assignments.date, input.date)).all().length;
  result.ok = true;
  if (input.dryRun) {
    tx.discard();
    return result;
  }
  if (toInsert.length + toUpdate.length + removed.length === 0) return result;
  tx.audit({
    action: 'import',
    entity: 'route_sheet',
    entityId: input.date,
    after: { file: input.fileName, added: result.added, changed: result.changed, removed: result.removed, dropped: result.droppedAssignments },
  });
  for (const note of unassigned) tx.audit(note);
  return result;
}
