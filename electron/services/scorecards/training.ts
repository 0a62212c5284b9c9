import { stmt, trainingDueDays } from './settings';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { drivers, trainingCourses, trainingRecords } from '../../db/schema';
import type { ReadContext, WriteContext } from '../context';
import { diffFields } from '../write';
import { stationToday } from '../station/station';
import { AppError, notFound } from '../../../shared/errors';
import { addDays } from '../../../shared/station-time';
import { trainingState } from '../../../shared/rules/scorecards/training';
import type { TrainingCourse, TrainingRecord, TrainingStatusEntry } from '../../../shared/contract/scorecards';

/** Kept under its old name for this module's callers; the rule is shared/rules/scorecards/training.ts. */
export const stateOf = trainingState;

export function listCourses(ctx: ReadContext, includeArchived?: boolean): TrainingCourse[] {
  return ctx.db
    .select({ id: trainingCourses.id, name: trainingCourses.name, validityDays: trainingCourses.validityDays, mandatory: trainingCourses.mandatory, archivedAt: trainingCourses.archivedAt })
    .from(trainingCourses)
    .where(includeArchived ? undefined : isNull(trainingCourses.archivedAt))
    .orderBy(trainingCourses.name)
    .all();
}

export function upsertCourse(w: WriteContext, input: { id?: number; name: string; validityDays: number | null; mandatory: boolean; archived?: boolean }): TrainingCourse {
  const clash = w.db.select({ id: trainingCourses.id }).from(trainingCourses).where(eq(trainingCourses.name, input.name)).get();
  if (clash && clash.id !== input.id) {
    throw new AppError('CONFLICT', `A course named "${input.name}" already exists`, { issues: [{ path: 'name', message: `already used by course #${clash.id}` }] });
  }
  const values = {
    name: input.name,
    validityDays: input.validityDays,
    mandatory: input.mandatory,
    ...(input.archived === undefined ? {} : { archivedAt: input.archived ? w.clock.now().toISOString() : null }),
  };
  if (input.id) {
    const before = w.db.select().from(trainingCourses).where(eq(trainingCourses.id, input.id)).get();
    if (!before) throw notFound('Course', input.id);
    w.db.update(trainingCourses).set(values).where(eq(trainingCourses.id, input.id)).run();
    const after = w.db.select().from(trainingCourses).where(eq(trainingCourses.id, input.id)).get()!;
    w.audit({ action: 'update', entity: 'training_course', entityId: input.id, ...diffFields(before, after) });
    return after;
  }
  const row = w.db.insert(trainingCourses).values(values).returning().get();
  w.audit({ action: 'create', entity: 'training_course', entityId: row.id, after: row });
  return row;
}

export function listRecords(ctx: ReadContext, driverId?: number, ids?: number[]): TrainingRecord[] {
  const today = stationToday(ctx.db, ctx.clock);
  return ctx.db
    .select({ r: trainingRecords, driverName: drivers.name, courseName: trainingCourses.name, mandatory: trainingCourses.mandatory })
    .from(trainingRecords)
    .innerJoin(drivers, eq(drivers.id, trainingRecords.driverId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRecords.courseId))
    .where(and(driverId ? eq(trainingRecords.driverId, driverId) : undefined, ids ? eq(trainingRecords.id, ids[0]!) : undefined))
    .orderBy(desc(trainingRecords.completedOn), desc(trainingRecords.id))
    .limit(2000)
    .all()
    .map(({ r, driverName, courseName, mandatory }) => ({
      id: r.id,
      driverId: r.driverId,
      driverName,
      courseId: r.courseId,
      courseName,
      mandatory,
      completedOn: r.completedOn,
      expiresOn: r.expiresOn,
      notes: r.notes,
      state: stateOf(r.expiresOn, today, trainingDueDays(ctx.db)),
    }));
}

export function recordTraining(w: WriteContext, input: { driverId: number; courseId: number; completedOn: string; notes: string }): TrainingRecord {
  const course = w.db.select().from(trainingCourses).where(eq(trainingCourses.id, input.courseId)).get();
  if (!course) throw notFound('Course', input.courseId);
  if (!w.db.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, input.driverId)).get()) throw notFound('Driver', input.driverId);
  const expiresOn = course.validityDays ? addDays(input.completedOn, course.validityDays) : null;
  const row = w.db.insert(trainingRecords).values({ ...input, expiresOn }).returning().get();
  w.audit({ action: 'create', entity: 'training_record', entityId: row.id, after: row });
  return listRecords(w, undefined, [row.id])[0]!;
}

export function deleteRecord(w: WriteContext, id: number): { id: number } {
  const before = w.db.select().from(trainingRecords).where(eq(trainingRecords.id, id)).get();
  if (!before) throw notFound('Training record', id);
  w.db.delete(trainingRecords).where(eq(trainingRecords.id, id)).run();
  w.audit({ action: 'delete', entity: 'training_record', entityId: id, before });
  return { id };
}

/** Each active driver × course: latest record's state; mandatory courses never taken are "missing". */
export function trainingStatus(ctx: ReadContext, date: string, dueDays: number, driverId?: number): TrainingStatusEntry[] {
  const courses = (stmt(ctx.db, 'SELECT id, name, mandatory FROM training_courses WHERE archived_at IS NULL ORDER BY name').all() as { id: number; name: string; mandatory: number }[]).map((c) => ({ ...c, mandatory: !!c.mandatory }));
  if (courses.length === 0) return [];
  const people = (
    driverId
      ? stmt(ctx.db, `SELECT id, name FROM drivers WHERE status = 'active' AND archived_at IS NULL AND id = ?`).all(driverId)
      : stmt(ctx.db, `SELECT id, name FROM drivers WHERE status = 'active' AND archived_at IS NULL`).all()
  ) as { id: number; name: string }[];
  const latest = stmt(
    ctx.db,
    `SELECT driverId, courseId, completedOn, expiresOn FROM (
         SELECT driver_id AS driverId, course_id AS courseId, completed_on AS completedOn, expires_on AS expiresOn,
                ROW_NUMBER() OVER (PARTITION BY driver_id, course_id ORDER BY completed_on DESC, id DESC) AS rn
           FROM training_records ${driverId ? 'WHERE driver_id = ?' : ''}) WHERE rn = 1`,
  ).all(...(driverId ? [driverId] : [])) as { driverId: number; courseId: number; completedOn: string; expiresOn: string | null }[];
  const have = new Map(latest.map((l) => [`${l.driverId}:${l.courseId}`, l]));
  const out: TrainingStatusEntry[] = [];
  for (const d of people) {
    for (const c of courses) {
      const rec = have.get(`${d.id}:${c.id}`);
      if (!rec && !c.mandatory) continue;
      out.push({
        driverId: d.id,
        driverName: d.name,
        courseId: c.id,
        courseName: c.name,
        mandatory: c.mandatory,
        completedOn: rec?.completedOn ?? null,
        expiresOn: rec?.expiresOn ?? null,
        state: rec ? stateOf(rec.expiresOn, date, dueDays) : 'missing',
      });
    }
  }
  return out;
}
