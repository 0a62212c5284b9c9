import { eq } from 'drizzle-orm';
import { drivers } from '../../db/schema';
import { twoStage, type WriteContext } from '../context';
import { driverInput, type Driver, type RosterImportResult, type rosterChannels } from '../../../shared/contract/roster';
import { QUALIFICATIONS, type DriverStatus, type Qualification } from '../../../shared/domain';
import { cell, decodeFileInput, matchColumns, readSheet, type ColumnSpec, type Sheet } from '../../import/table';
import { parseDateCell } from '../../import/values';
import { diffFields } from '../write';

/** Columns of Amazon's associates export (DOMAIN.md), with the aliases DSPs' own sheets use. */
const COLUMNS = {
  nameAndId: { label: 'Name and ID', aliases: ['Name', 'Driver', 'Associate', 'Delivery Associate'], required: true },
  transporterId: { label: 'TransporterID', aliases: ['Transporter ID', 'DA Transporter ID', 'TID'], required: true },
  position: { label: 'Position', aliases: ['Role', 'Job Title'] },
  qualifications: { label: 'Qualifications', aliases: ['Qualification'] },
  idExpiration: { label: 'ID expiration', aliases: ['ID Expiry', 'Licence Expiry', 'License Expiration', 'License Expiry'] },
  personalPhone: { label: 'Personal Phone Number', aliases: ['Phone', 'Phone Number', 'Mobile'] },
  workPhone: { label: 'Work Phone Number', aliases: ['Work Phone'] },
  email: { label: 'Email', aliases: ['Email Address', 'E-mail'] },
  status: { label: 'Status', aliases: ['Associate Status'] },
} satisfies Record<string, ColumnSpec>;
type Field = keyof typeof COLUMNS;

/** Amazon's qualification words → ours; service-type entries (e.g. "Standard Parcel") are not driver skills. */
const QUALIFICATION_WORDS: Record<string, Qualification> = {
  cdv: 'CDV',
  edv: 'EDV',
  stepvan: 'STEP_VAN',
  step: 'STEP_VAN',
  dot: 'DOT',
  amzlhelper: 'HELPER',
  helper: 'HELPER',
  trainer: 'TRAINER',
  drivertrainer: 'TRAINER',
};

/** Qualifications the desk grants itself: Amazon's export does not carry them, so an import keeps them. */
const DESK_ONLY_QUALIFICATIONS: readonly Qualification[] = ['TRAINER'];

const STATUS_WORDS: Record<string, DriverStatus> = {
  active: 'active',
  onboarding: 'active',
  onleave: 'on_leave',
  leave: 'on_leave',
  loa: 'on_leave',
  leaveofabsence: 'on_leave',
  suspended: 'on_leave',
  inactive: 'terminated',
  terminated: 'terminated',
  offboarded: 'terminated',
  separated: 'terminated',
  deactivated: 'terminated',
};

/** Qualifications in the one order the desk stores them, so re-imports compare equal. */
const canonical = (qs: Iterable<Qualification>) => {
  const set = new Set(qs);
  return QUALIFICATIONS.filter((q) => set.has(q));
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** "Jane Doe (A1B2C3D4E5F6G7)", "Jane Doe - A1B2…" or "Jane Doe\nA1B2…" → "Jane Doe". */
function nameOnly(nameAndId: string, tid: string): string {
  let s = nameAndId;
  const id = tid.replace(/[^A-Za-z0-9]/g, '');
  if (id) s = s.replace(new RegExp(`\\b${id}\\b`, 'i'), ' ');
  return s
    .replace(/[()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^\s*[-–|:]\s*/, '')
    .replace(/\s*[-–|:]\s*$/, '')
    .trim();
}

/** The transporter ID inside a "Name and ID" cell, when the TransporterID cell is blank. */
function idInName(nameAndId: string): string {
  const m = /(?:^|[\s([|:-])(A[A-Z0-9]{9,19})(?:$|[\s)\]|])/i.exec(nameAndId);
  return m && /\d/.test(m[1]!) ? m[1]!.toUpperCase() : '';
}

const FIELD_TO_COLUMN: Record<string, Field> = {
  transporterId: 'transporterId',
  name: 'nameAndId',
  phone: 'personalPhone',
  workPhone: 'workPhone',
  email: 'email',
  licenceExpiry: 'idExpiration',
  status: 'status',
  position: 'position',
};

type RosterFile = { fileName: string; content: string; encoding: 'utf8' | 'base64'; dryRun: boolean };

/**
 * Import the associates export (a two-stage write): `prepare` reads the file outside the
 * transaction; `apply` validates every row against the drivers as they are inside it, then writes
 * everything (or nothing, on any error, or on a dry run). Existing drivers are matched by
 * transporter ID; fields the export does not carry (licence number, hire date…) are kept.
 */
export const importRoster = twoStage<(typeof rosterChannels)['roster.import'], Sheet | { error: string }>({
  prepare: (_ctx, input) => readSheet(input.fileName, decodeFileInput(input)).catch((err: Error) => ({ error: err.message })),
  apply: (w, input, sheet) => applyRoster(w, input, sheet),
});

function applyRoster(w: WriteContext, input: RosterFile, sheet: Sheet | { error: string }): RosterImportResult {
  const result: RosterImportResult = { ok: false, dryRun: input.dryRun, drivers: 0, added: [], changed: [], unchanged: 0, errors: [], preview: [] };
  if ('error' in sheet) {
    result.errors.push({ row: 0, column: '', message: `Cannot read ${input.fileName}: ${sheet.error}` });
    return result;
  }
  if (sheet.headers.length === 0) {
    result.errors.push({ row: 1, column: '', message: 'The file is empty: expected a header row (Name and ID, TransporterID, …) and one row per driver' });
    return result;
  }
  const match = matchColumns(sheet.headers, COLUMNS);
  result.errors.push(...match.issues);
  result.drivers = sheet.rows.length;
  if (match.issues.length > 0) return result;

  const existing = new Map(w.db.select().from(drivers).all().map((d) => [d.transporterId, d]));
  const seen = new Map<string, number>();
  type Planned = { row: number; values: ReturnType<typeof driverInput.parse>; before?: Driver };
  const planned: Planned[] = [];

  for (const r of sheet.rows) {
    const err = (column: Field, message: string) => result.errors.push({ row: r.row, column: COLUMNS[column].label, message });
    const tid = (cell(match, r, 'transporterId') || idInName(cell(match, r, 'nameAndId'))).toUpperCase();
    if (!tid) err('transporterId', 'is required (the driver’s Amazon transporter ID)');
    const shown = idInName(cell(match, r, 'nameAndId'));
    if (tid && shown && shown !== tid) err('nameAndId', `shows transporter ID ${shown} but the TransporterID column says ${tid}`);
    const before = existing.get(tid);
    const expiry = parseDateCell(cell(match, r, 'idExpiration'));
    if (expiry.error) err('idExpiration', expiry.error);
    const statusText = cell(match, r, 'status');
    const status = statusText ? STATUS_WORDS[norm(statusText)] : (before?.status ?? 'active');
    if (!status) err('status', `unknown status "${statusText.slice(0, 40)}" (use Active, On leave or Inactive)`);
    const quals = new Set<Qualification>();
    const qualText = cell(match, r, 'qualifications');
    for (const word of qualText.split(/[,;|\n]/)) {
      const q = QUALIFICATION_WORDS[norm(word)];
      if (q) quals.add(q);
    }
    // The export is the source for what Amazon knows; trainer status is the desk's own.
    for (const q of DESK_ONLY_QUALIFICATIONS) if (before?.qualifications.includes(q)) quals.add(q);
    const sameQuals = !!before && canonical(before.qualifications).join() === canonical(quals).join();
    if (tid && seen.has(tid)) err('transporterId', `transporter ID ${tid} already appears in row ${seen.get(tid)}`);
    else if (tid) seen.set(tid, r.row);

    const candidate = {
      ...(before ? stripMeta(before) : {}),
      transporterId: tid,
      name: nameOnly(cell(match, r, 'nameAndId'), tid),
      phone: cell(match, r, 'personalPhone') || before?.phone || '',
      workPhone: cell(match, r, 'workPhone') || before?.workPhone || '',
      email: cell(match, r, 'email') || before?.email || '',
      licenceExpiry: expiry.value ?? before?.licenceExpiry ?? null,
      status: status ?? 'active',
      position: cell(match, r, 'position') || before?.position || 'Delivery Associate',
      qualifications: !qualText || sameQuals ? (before?.qualifications ?? []) : canonical(quals),
    };
    const parsed = driverInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (!tid && issue.path[0] === 'transporterId') continue; // already said: required
        const field = FIELD_TO_COLUMN[String(issue.path[0])] ?? 'nameAndId';
        err(field, issue.message);
      }
      continue;
    }
    planned.push({ row: r.row, values: parsed.data, before });
  }

  for (const p of planned) {
    const shown = { row: p.row, transporterId: p.values.transporterId, name: p.values.name };
    if (!p.before) {
      result.added.push(p.values.transporterId);
      result.preview.push({ ...shown, action: 'add' });
    } else if (Object.keys(diffFields(stripMeta(p.before), { ...stripMeta(p.before), ...p.values }).after).length > 0) {
      result.changed.push(p.values.transporterId);
      result.preview.push({ ...shown, action: 'change' });
    } else result.unchanged++;
  }
  result.errors.sort((a, b) => a.row - b.row);
  result.ok = result.errors.length === 0;
  if (!result.ok || input.dryRun) return result;

  if (result.added.length + result.changed.length === 0) return result;
  const now = w.clock.now().toISOString();
  const changed = new Set(result.changed);
  w.audit({ action: 'import', entity: 'file', entityId: input.fileName, after: { kind: 'roster', added: result.added, changed: result.changed, unchanged: result.unchanged } });
  for (const p of planned) {
    if (!p.before) {
      const row = w.db.insert(drivers).values(p.values).returning().get();
      w.audit({ action: 'import', entity: 'driver', entityId: row.id, after: row });
    } else if (changed.has(p.values.transporterId)) {
      const { id: _id, ...values } = p.values;
      w.db.update(drivers).set({ ...values, updatedAt: now }).where(eq(drivers.id, p.before.id)).run();
      w.audit({ action: 'import', entity: 'driver', entityId: p.before.id, ...diffFields(stripMeta(p.before), { ...stripMeta(p.before), ...values }) });
    }
  }
  return result;
}

function stripMeta(d: Driver) {
  const { id: _i, createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest } = d;
  return rest;
}
