import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { assignments, drivers, routes } from '../../db/schema';
import { twoStage, type AuditNote, type ReadDb, type WriteContext } from '../context';
import { byRow, fileColumns, readImportFile, type FileColumns, type ImportFileInput } from '../../import/file';
import type { ColumnSpecs, Table } from '../../import/reader';
import { parseCount } from '../../import/values';
import { parseDistance, parseDuration, parseWave } from './parse';
import { CORTEX_COLUMNS, parseCortexRows, type CortexField } from './cortex';
import { getBoardSettings, type BoardSettings } from './settings';
import { routeSettings } from './route-settings';
import { loadBoardFacts, serviceReader } from './facts';
import { currentConflicts } from './view';
import { routeServiceReading } from '../../../shared/rules/board';
import { unknownServiceTypeWarning } from '../../../shared/rules/fleet/service-types';
import { vanClassWords } from '../../../shared/rules/fleet/classes';
import type { CortexDriverOutcome, RouteImportResult, RouteImportRow, boardChannels } from '../../../shared/contract/board';
import type { ImportIssue } from '../../../shared/contract/common';

/**
 * The route import: a day's routes from Amazon's Day of Ops plan (every DSP of the station on its
 * "Solution" sheet, found by its headers), a station's own route sheet (CSV/XLSX), or Amazon's
 * Cortex route list (routes and the drivers Amazon has on them). DOMAIN.md "Route sheet".
 * `prepareRouteImport` reads and parses the file (async, no database); `planRouteImport` decides
 * against the desk (our DSP, the service-type rules, the day's routes and drivers);
 * `applyRouteImport` writes it.
 */
export const ROUTE_COLUMNS = {
  code: { label: 'Route Code', aliases: ['Route', 'Route ID', 'Route Name'], required: true },
  wave: { label: 'Wave', aliases: ['Wave Time', 'Dispatch Time', 'Launch Time', 'Start Time'], required: true, kind: 'time' },
  staging: { label: 'Staging Location', aliases: ['Staging', 'Stage', 'STG Location'] },
  serviceType: { label: 'Service Type', aliases: ['Route Type'], required: true },
  duration: { label: 'Route Duration', aliases: ['Route Duration (minutes)', 'Planned Duration', 'Duration', 'Shift Length'] },
  stops: { label: 'Stops', aliases: ['# Stops', 'Number of Stops', 'Stop Count'] },
  packages: { label: 'Packages', aliases: ['Num Packages', '# Packages', 'Number of Packages', 'Package Count', 'Pkgs'] },
  zones: { label: 'Num Zones', aliases: ['Zones', '# Zones'] },
  distance: { label: 'Distance', aliases: ['Planned Distance', 'Miles', 'Route Miles'] },
  vanType: { label: 'Van Type', aliases: ['Vehicle Type', 'Van Class'] },
  notes: { label: 'Notes', aliases: ['Comments'] },
  dsp: { label: 'DSP', aliases: ['DSP Name', 'DSP Short Code'] },
} satisfies ColumnSpecs<string>;
type RouteField = keyof typeof ROUTE_COLUMNS;

/** One data row as read (every DSP's, blank codes too: the plan step skips and counts them). */
export interface RouteRowParsed {
  row: number;
  code: string;
  dsp: string;
  /** HH:MM, or null when the file has none for it (the Cortex list has no waves). */
  wave: string | null;
  staging: string;
  serviceType: string;
  durationMin: number | null;
  stops: number | null;
  packages: number | null;
  zones: number | null;
  plannedDistanceMi: number | null;
  vanType: string | null;
  notes: string;
  /** Cortex list: driver first, then helpers or rescuers. */
  people: { transporterId: string; name: string }[];
  /** This row's problems (kept apart: another DSP's bad row must not stop ours). */
  issues: ImportIssue[];
}

export interface RoutesParsed {
  fileName: string;
  date: string;
  dryRun: boolean;
  source: RouteImportResult['source'];
  rows: RouteRowParsed[];
  total: number;
  /** File-level problems (the file is not a route sheet). */
  errors: ImportIssue[];
  headerRow: number;
  hasDsp: boolean;
  read: RouteImportResult['read'];
  columns: FileColumns;
}

const normCode = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function emptyRouteResult(date: string, dryRun: boolean, source: RouteImportResult['source'] = 'route-sheet'): RouteImportResult {
  return {
    ok: false,
    dryRun,
    date,
    source,
    routes: 0,
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    skippedOtherDsp: 0,
    skippedBlankCode: 0,
    keptAssignments: 0,
    droppedAssignments: [],
    drivers: [],
    errors: [],
    warnings: [],
    preview: [],
    read: null,
  };
}

function groupByRow(list: ImportIssue[]): Map<number, ImportIssue[]> {
  const m = new Map<number, ImportIssue[]>();
  for (const i of list) m.set(i.row, [...(m.get(i.row) ?? []), i]);
  return m;
}

/** Day of Ops and route sheets: every cell of every row parsed, problems kept per row. */
function sheetRows(table: Table<RouteField>, minutes: boolean): RouteRowParsed[] {
  const issues = table.issues();
  const out: Omit<RouteRowParsed, 'issues'>[] = [];
  for (const r of table.rows) {
    const row = r.rowNumber;
    const err = (f: RouteField, message: string) => issues.add(row, f, message);
    const code = r.get('code').toUpperCase();
    if (code && !/^[A-Z0-9_-]{1,20}$/.test(code)) err('code', `"${code.slice(0, 40)}" is not a route code (letters, digits, _ and -, up to 20)`);
    const wave = parseWave(r.get('wave'));
    if (wave.error) err('wave', wave.error);
    else if (wave.value == null) err('wave', 'wave time is required');
    const serviceType = r.get('serviceType');
    if (!serviceType) err('serviceType', 'service type is required');
    else if (serviceType.length > 120) err('serviceType', 'service type is longer than 120 characters');
    // Amazon's plan writes minutes (540); other sheets 9:00, 9h, 9.5 or 540.
    const durText = r.get('duration');
    const dur = minutes && /^\d+(\.\d+)?$/.test(durText) ? minutesOnly(durText) : parseDuration(durText);
    if (dur.error) err('duration', dur.error);
    const count = (f: RouteField) => {
      const p = parseCount(r.get(f));
      if (p.error) err(f, p.error);
      return p.value ?? null;
    };
    const stops = count('stops');
    const packages = count('packages');
    const zones = count('zones');
    const dist = parseDistance(r.get('distance'));
    if (dist.error) err('distance', dist.error);
    const staging = r.get('staging');
    if (staging.length > 40) err('staging', 'staging location is longer than 40 characters');
    const notes = r.get('notes');
    if (notes.length > 2000) err('notes', 'notes are longer than 2000 characters');
    const vanType = r.get('vanType');
    if (vanType.length > 60) err('vanType', 'van type is longer than 60 characters');
    out.push({ row, code, dsp: r.get('dsp'), wave: wave.value ?? null, staging, serviceType, durationMin: dur.value ?? null, stops, packages, zones, plannedDistanceMi: dist.value ?? null, vanType: vanType || null, notes, people: [] });
  }
  const byRowIssues = groupByRow(issues.list());
  return out.map((r) => ({ ...r, issues: byRowIssues.get(r.row) ?? [] }));
}

function minutesOnly(text: string): { value: number; error?: undefined } | { value?: undefined; error: string } {
  const n = Math.round(Number(text));
  if (n < 60 || n > 14 * 60) return { error: `${n} minutes is outside 1–14 h` };
  return { value: n };
}

function cortexRows(table: Table<CortexField>): RouteRowParsed[] {
  const issues = table.issues();
  const parsed = parseCortexRows(table.rows, issues);
  const byRowIssues = groupByRow(issues.list());
  const ok = new Map(parsed.map((p) => [p.row, p]));
  return table.rows.map((r) => {
    const p = ok.get(r.rowNumber);
    const base: RouteRowParsed = {
      row: r.rowNumber,
      code: p?.routeCode ?? r.get('code').toUpperCase(),
      dsp: r.get('dsp'),
      wave: null,
      staging: '',
      serviceType: p?.serviceType ?? r.get('serviceType'),
      durationMin: p?.durationMin ?? null,
      stops: p?.stopsAll ?? null,
      packages: null,
      zones: null,
      plannedDistanceMi: null,
      vanType: null,
      notes: '',
      people: p ? p.transporterIds.map((t, i) => ({ transporterId: t, name: p.driverNames[i] ?? '' })) : [],
      issues: byRowIssues.get(r.rowNumber) ?? [],
    };
    return base;
  });
}

/** Step 1 (async, no database): read the file (any sheet, any encoding) and parse every row. */
export async function prepareRouteImport(input: ImportFileInput & { date: string; dryRun: boolean }): Promise<RoutesParsed> {
  const out: RoutesParsed = { fileName: input.fileName, date: input.date, dryRun: input.dryRun, source: 'route-sheet', rows: [], total: 0, errors: [], headerRow: 1, hasDsp: false, read: null, columns: { name: {}, index: {} } };
  const { table, refusal } = await readImportFile<string>(input, {
    columns: ROUTE_COLUMNS,
    columnsByExport: { 'cortex-route-list': CORTEX_COLUMNS },
    accepts: ['day-of-ops-plan', 'cortex-route-list'],
  });
  if (!table) {
    out.errors.push(refusal);
    return out;
  }
  out.read = table.summary();
  out.total = table.rows.length;
  out.headerRow = table.headerRow;
  out.hasDsp = table.columnIndex('dsp') !== undefined;
  out.columns = fileColumns(table, [...new Set([...Object.keys(ROUTE_COLUMNS), ...Object.keys(CORTEX_COLUMNS)])]);
  const id = table.recognised?.id;
  if (id === 'cortex-route-list') {
    out.source = 'cortex';
    out.rows = cortexRows(table as Table<CortexField>);
  } else {
    out.source = id === 'day-of-ops-plan' ? 'day-of-ops' : 'route-sheet';
    // "Route Duration (minutes)": bare numbers are minutes. Otherwise 540 is minutes and 9.5 hours (parseDuration).
    out.rows = sheetRows(table as Table<RouteField>, /\bmin/i.test(table.columnName('duration') ?? ''));
  }
  return out;
}

interface PlannedRoute {
  row: number;
  code: string;
  wave: string;
  staging: string;
  serviceType: string;
  plannedDurationMin: number;
  stops: number | null;
  packages: number | null;
  zones: number | null;
  plannedDistanceMi: number | null;
  vanType: string | null;
  notes: string;
  /** The sheet gave no duration: the service type's default stands in (a progress import may fill Amazon's). */
  durationDefaulted: boolean;
}

const COMPARED = ['wave', 'staging', 'serviceType', 'plannedDurationMin', 'stops', 'packages', 'zones', 'plannedDistanceMi', 'vanType', 'notes'] as const;

export interface RoutePlan {
  result: RouteImportResult;
  toInsert: PlannedRoute[];
  toUpdate: { id: number; p: PlannedRoute }[];
  removed: { id: number; code: string }[];
  /** Cortex: drivers to put on routes (by route code; the route may be new). */
  assign: { routeCode: string; driverId: number }[];
  /** Whether applying changes or drops assignments (a dry run then applies and rolls back to tell). */
  touchesAssignments: boolean;
}

/** The wave a Cortex route gets when the desk has no route of that code yet: the day's first wave, else the last day's. */
function fallbackWave(db: ReadDb, date: string): string | null {
  const today = db.select({ wave: routes.wave }).from(routes).where(eq(routes.date, date)).all();
  if (today.length) return today.map((r) => r.wave).sort()[0]!;
  const last = db.select({ date: routes.date }).from(routes).where(lt(routes.date, date)).orderBy(desc(routes.date)).limit(1).get();
  if (!last) return null;
  return db.select({ wave: routes.wave }).from(routes).where(eq(routes.date, last.date)).all().map((r) => r.wave).sort()[0] ?? null;
}

/** Step 2 (synchronous, reads the database): our rows, their problems, and what would change. */
export function planRouteImport(db: ReadDb, parsed: RoutesParsed, settings: BoardSettings = getBoardSettings(db)): RoutePlan {
  const result = emptyRouteResult(parsed.date, parsed.dryRun, parsed.source);
  result.read = parsed.read;
  result.routes = parsed.total;
  const plan: RoutePlan = { result, toInsert: [], toUpdate: [], removed: [], assign: [], touchesAssignments: false };
  const errors: ImportIssue[] = [...parsed.errors];
  const warnings: ImportIssue[] = [];
  const ourDsp = normCode(routeSettings(db).dspCode);
  const col = (f: 'code' | 'dsp' | 'serviceType') => parsed.columns.name[f] ?? ROUTE_COLUMNS[f].label;
  if (parsed.hasDsp && !ourDsp) {
    const distinct = new Set(parsed.rows.map((r) => normCode(r.dsp)).filter(Boolean));
    if (distinct.size > 1) {
      errors.push({ row: parsed.headerRow, column: col('dsp'), message: `the sheet lists ${distinct.size} DSPs; set our DSP short code (Settings → Route sheets) to pick our rows` });
      result.errors = errors;
      return plan;
    }
  }
  const existing = new Map(db.select().from(routes).where(eq(routes.date, parsed.date)).all().map((r) => [r.code, r]));
  const cortex = parsed.source === 'cortex';
  const wave0 = cortex ? fallbackWave(db, parsed.date) : null;
  const blankRows: number[] = [];
  const seen = new Map<string, number>();
  const planned: PlannedRoute[] = [];
  const people = new Map<string, RouteRowParsed['people']>();
  const unknownTypes = new Map<string, number[]>();
  const read = serviceReader(settings);
  for (const r of parsed.rows) {
    if (ourDsp && r.dsp && normCode(r.dsp) !== ourDsp) {
      result.skippedOtherDsp++;
      continue;
    }
    if (!r.code) {
      result.skippedBlankCode++;
      blankRows.push(r.row);
      continue;
    }
    errors.push(...r.issues);
    if (r.issues.length > 0) continue;
    if (seen.has(r.code)) {
      errors.push({ row: r.row, column: col('code'), message: `duplicate route code ${r.code} (already in row ${seen.get(r.code)})` });
      continue;
    }
    seen.set(r.code, r.row);
    const before = existing.get(r.code);
    const wave = r.wave ?? before?.wave ?? wave0;
    if (!wave) {
      errors.push({ row: r.row, column: col('code'), message: `route ${r.code} is not on the desk for ${parsed.date} and the Cortex list has no wave: import the Day of Ops plan first` });
      continue;
    }
    if (cortex && !before) warnings.push({ row: r.row, column: col('code'), message: `route ${r.code} is new: wave ${wave} (the day's first) until the Day of Ops plan says otherwise` });
    const serviceType = r.serviceType || before?.serviceType || '';
    const reading = read(serviceType, r.vanType);
    if (!reading.known && serviceType) unknownTypes.set(serviceType, [...(unknownTypes.get(serviceType) ?? []), r.row]);
    const defaultMin = settings.defaultDurationMin[serviceType] ?? settings.defaultDurationMin['*'] ?? 600;
    const p: PlannedRoute = {
      row: r.row,
      code: r.code,
      wave,
      staging: cortex ? (before?.staging ?? '') : r.staging,
      serviceType,
      plannedDurationMin: r.durationMin ?? (cortex && before ? before.plannedDurationMin : defaultMin),
      stops: r.stops ?? (cortex ? (before?.stops ?? null) : null),
      packages: cortex ? (before?.packages ?? null) : r.packages,
      zones: cortex ? (before?.zones ?? null) : r.zones,
      plannedDistanceMi: cortex ? (before?.plannedDistanceMi ?? null) : r.plannedDistanceMi,
      vanType: cortex ? (before?.vanType ?? null) : r.vanType,
      notes: cortex ? (before?.notes ?? '') : r.notes,
      durationDefaulted: r.durationMin == null && (cortex && before ? before.durationDefaulted : true),
    };
    planned.push(p);
    people.set(p.code, r.people);
    let action: RouteImportRow['action'];
    if (!before) {
      plan.toInsert.push(p);
      result.added.push(p.code);
      action = 'add';
    } else if (COMPARED.some((k) => (before as Record<string, unknown>)[k] !== p[k])) {
      plan.toUpdate.push({ id: before.id, p });
      result.changed.push(p.code);
      action = 'change';
    } else {
      result.unchanged++;
      action = 'same';
    }
    if (result.preview.length < 200) {
      result.preview.push({
        row: r.row,
        code: p.code,
        wave: p.wave,
        staging: p.staging,
        serviceType: p.serviceType,
        vanClasses: reading.classes,
        serviceTags: reading.tags,
        plannedDurationMin: p.plannedDurationMin,
        durationDefaulted: r.durationMin == null && !(cortex && before),
        stops: p.stops,
        packages: p.packages,
        zones: p.zones,
        plannedDistanceMi: p.plannedDistanceMi,
        action,
        people: [],
      });
    }
  }
  for (const [serviceType, rows] of unknownTypes) {
    const w = unknownServiceTypeWarning(routeServiceReading(serviceType, null, settings.serviceTypes), vanClassWords);
    if (w) warnings.push({ row: rows[0]!, column: col('serviceType'), message: rows.length > 1 ? `${w} (rows ${rows.join(', ')})` : w });
  }
  if (blankRows.length > 0) {
    warnings.push({ row: blankRows[0]!, column: col('code'), message: `${blankRows.length} row${blankRows.length > 1 ? 's' : ''} without a route code skipped (row${blankRows.length > 1 ? 's' : ''} ${blankRows.slice(0, 20).join(', ')}${blankRows.length > 20 ? ' …' : ''})` });
  }
  if (!cortex) {
    const inSheet = new Set(planned.map((p) => p.code));
    plan.removed = [...existing.values()].filter((r) => !inSheet.has(r.code)).map((r) => ({ id: r.id, code: r.code }));
    result.removed = plan.removed.map((r) => r.code);
  }
  if (cortex) planCortexDrivers(db, parsed.date, plan, people, existing);

  const dated = db.select({ routeId: assignments.routeId }).from(assignments).where(eq(assignments.date, parsed.date)).all();
  const touched = new Set([...plan.toUpdate.map((u) => u.id), ...plan.removed.map((r) => r.id)]);
  plan.touchesAssignments = plan.assign.length > 0 || dated.some((a) => touched.has(a.routeId));
  result.keptAssignments = dated.length;
  result.errors = byRow(errors, parsed.columns);
  result.warnings = byRow(warnings, parsed.columns);
  result.ok = result.errors.length === 0;
  return plan;
}

/** Cortex: who Amazon has on each route → assign where the roster knows them and the board agrees. */
function planCortexDrivers(db: ReadDb, date: string, plan: RoutePlan, people: Map<string, RouteRowParsed['people']>, existing: Map<string, typeof routes.$inferSelect>): void {
  const roster = db.select({ id: drivers.id, name: drivers.name, tid: drivers.transporterId, archivedAt: drivers.archivedAt }).from(drivers).all();
  const byTid = new Map(roster.filter((d) => !d.archivedAt).map((d) => [d.tid.toUpperCase(), d]));
  const dayAssignments = db.select({ routeId: assignments.routeId, driverId: assignments.driverId }).from(assignments).where(eq(assignments.date, date)).all();
  const codeById = new Map([...existing.values()].map((r) => [r.id, r.code]));
  const routeOfDriver = new Map(dayAssignments.map((a) => [a.driverId, codeById.get(a.routeId) ?? '?']));
  const driverOfRoute = new Map(dayAssignments.map((a) => [codeById.get(a.routeId) ?? '?', a.driverId]));
  const nameOf = new Map(roster.map((d) => [d.id, d.name]));
  const out: CortexDriverOutcome[] = [];
  for (const [routeCode, list] of people) {
    list.forEach((person, i) => {
      const d = byTid.get(person.transporterId);
      const base = { routeCode, transporterId: person.transporterId, name: d?.name ?? person.name, driverId: d?.id ?? null };
      if (!d) return out.push({ ...base, outcome: 'not-in-roster', note: `${person.name || person.transporterId} is not on the roster` });
      if (i > 0) return out.push({ ...base, outcome: 'helper', note: `with ${list[0]!.name || list[0]!.transporterId} (helper or rescuer)` });
      const onRoute = driverOfRoute.get(routeCode);
      if (onRoute === d.id) return out.push({ ...base, outcome: 'kept', note: 'already on the route' });
      if (onRoute !== undefined) return out.push({ ...base, outcome: 'route-taken', note: `the board has ${nameOf.get(onRoute) ?? `#${onRoute}`} on ${routeCode}` });
      const other = routeOfDriver.get(d.id);
      if (other !== undefined) return out.push({ ...base, outcome: 'other-route', note: `the board has ${d.name} on ${other}` });
      routeOfDriver.set(d.id, routeCode);
      plan.assign.push({ routeCode, driverId: d.id });
      return out.push({ ...base, outcome: 'assigned', note: 'put on the route; pick a van on the board' });
    });
  }
  plan.result.drivers = out;
  for (const row of plan.result.preview) {
    row.people = (people.get(row.code) ?? []).map((p) => ({ transporterId: p.transporterId, name: p.name, driverId: byTid.get(p.transporterId)?.id ?? null }));
  }
}

/**
 * Step 3 (inside the call's write transaction): remove routes no longer on the sheet (their
 * assignments go with them), add and update routes, drop the assignments the changes made invalid
 * (a hard rule broken that was not broken before), and — from a Cortex list — put drivers on their
 * routes. The call's audit entry is the import; each dropped assignment is a line of it.
 */
export function applyRouteImport(ctx: WriteContext, plan: RoutePlan): void {
  const { result } = plan;
  const date = result.date;
  const now = ctx.clock.now().toISOString();
  const db = ctx.db;
  const needFacts = plan.removed.length > 0 || plan.toUpdate.length > 0;
  const before = needFacts ? loadBoardFacts(ctx, date) : null;
  const unassigned: AuditNote[] = [];
  if (plan.removed.length > 0) {
    const ids = plan.removed.map((r) => r.id);
    for (const a of db.select().from(assignments).where(inArray(assignments.routeId, ids)).all()) {
      const code = plan.removed.find((r) => r.id === a.routeId)!.code;
      result.droppedAssignments.push({ routeCode: code, driverName: before!.drivers.get(a.driverId)?.row.name ?? `#${a.driverId}`, reason: 'route no longer on the sheet' });
    }
    db.delete(routes).where(inArray(routes.id, ids)).run();
  }
  for (let i = 0; i < plan.toInsert.length; i += 200) {
    const chunk = plan.toInsert.slice(i, i + 200).map(({ row: _row, ...p }) => ({ ...p, date, createdAt: now, updatedAt: now }));
    db.insert(routes).values(chunk).run();
  }
  for (const { id, p } of plan.toUpdate) {
    const { row: _row, code: _code, ...values } = p;
    db.update(routes).set({ ...values, updatedAt: now }).where(eq(routes.id, id)).run();
  }
  if (plan.toUpdate.length > 0) {
    const f = loadBoardFacts(ctx, date);
    for (const { id, p } of plan.toUpdate) {
      const a = f.assignments.get(id);
      if (!a) continue;
      const had = new Set(currentConflicts(before!, id).filter((c) => c.severity === 'hard').map((c) => c.rule));
      const hard = currentConflicts(f, id).filter((c) => c.severity === 'hard' && !had.has(c.rule));
      if (hard.length === 0) continue;
      db.delete(assignments).where(and(eq(assignments.routeId, id))).run();
      db.update(routes).set({ status: 'planned' }).where(eq(routes.id, id)).run();
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
  if (plan.assign.length > 0) {
    const idOf = new Map(db.select({ id: routes.id, code: routes.code }).from(routes).where(eq(routes.date, date)).all().map((r) => [r.code, r.id]));
    for (const a of plan.assign) {
      const routeId = idOf.get(a.routeCode)!;
      db.insert(assignments).values({ routeId, date, driverId: a.driverId, vanId: null, deviceId: null, pinned: false, overrideReason: null, assignedBy: `${ctx.actor.name} (Cortex list)`, assignedAt: now }).run();
      db.update(routes).set({ status: 'assigned', updatedAt: now }).where(eq(routes.id, routeId)).run();
    }
  }
  result.keptAssignments = db.select({ id: assignments.id }).from(assignments).where(eq(assignments.date, date)).all().length;
  if (plan.toInsert.length + plan.toUpdate.length + plan.removed.length + plan.assign.length === 0) return; // nothing changed: no entry
  ctx.audit({
    action: 'import',
    entity: 'route_sheet',
    entityId: date,
    after: {
      file: result.read?.fileName ?? '',
      source: result.source,
      added: result.added,
      changed: result.changed,
      removed: result.removed,
      dropped: result.droppedAssignments,
      assigned: plan.assign.map((a) => a.routeCode),
    },
  });
  for (const note of unassigned) ctx.audit(note);
}

/**
 * `routes.import`, a two-stage write: the file is read and parsed outside the transaction; inside
 * it the import is planned against the day as it is now and applied, all or nothing. A dry run
 * plans without writing; when the import would change or drop assignments it applies and then
 * discards (rolled back: no audit entry, no event), so the preview says exactly what an import
 * would do.
 */
export const importRouteSheet = twoStage<(typeof boardChannels)['routes.import'], RoutesParsed>({
  prepare: (_ctx, input) => prepareRouteImport(input),
  apply: (w, input, parsed) => {
    if (!parsed.read) return { ...emptyRouteResult(input.date, input.dryRun), errors: parsed.errors };
    const plan = planRouteImport(w.db, parsed);
    if (!plan.result.ok || (input.dryRun && !plan.touchesAssignments)) return plan.result;
    applyRouteImport(w, plan);
    if (input.dryRun) w.discard();
    return plan.result;
  },
});
