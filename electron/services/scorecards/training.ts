import { stmt } from './settings';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { drivers, trainingCourses, trainingRecords } from '../../db/schema';
import type { ServiceContext } from '../context';
import { writeAudit, diffFields } from '../audit';
import { stationToday } from '../station/station';
import { AppError, notFound } from '../../../shared/errors';
import { addDays } from '../../../shared/station-time';
import type { TrainingCourse, TrainingRecord, TrainingState, TrainingStatusEntry } from '../../../shared/contract/scorecards';

export function stateOf(expiresOn: string | null, date: string, dueDays: number): TrainingState {
  if (!expiresOn) return 'valid';
  if (expiresOn < date) return 'expired';
  if (expiresOn <= addDays(date, dueDays)) return 'due';
  return 'valid';
}

export function listCourses(ctx: ServiceContext, includeArchived?: boolean): TrainingCourse[] {
  return ctx.db
    .select({ id: trainingCourses.id, name: trainingCourses.name, validityDays: trainingCourses.validityDays, mandatory: trainingCourses.mandatory, archivedAt: trainingCourses.archivedAt })
    .from(trainingCourses)
    .where(includeArchived ? undefined : isNull(trainingCourses.archivedAt))
    .orderBy(trainingCourses.name)
    .all();
}

export function upsertCourse(ctx: ServiceContext, input: { id?: number; name: string; validityDays: number | null; mandatory: boolean; archived?: boolean }): TrainingCourse {
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => {
    const db = tx as unknown as ServiceContext['db'];
    const clash = db.select({ id: trainingCourses.id }).from(trainingCourses).where(eq(trainingCourses.name, input.name)).get();
    if (clash && clash.id !== input.id) {
      throw new AppError('CONFLICT', `A course named "${input.name}" already exists`, { issues: [{ path: 'name', message: `already used by course #${clash.id}` }] });
    }
    const values = {
      name: input.name,
      validityDays: input.validityDays,
      mandatory: input.mandatory,
      ...(input.archived === undefined ? {} : { archivedAt: input.archived ? now.toISOString() : null }),
    };
    if (input.id) {
      const before = db.select().from(trainingCourses).where(eq(trainingCourses.id, input.id)).get();
      if (!before) throw notFound('Course', input.id);
      db.update(trainingCourses).set(values).where(eq(trainingCourses.id, input.id)).run();
      const after = db.select().from(trainingCourses).where(eq(trainingCourses.id, input.id)).get()!;
      writeAudit(db, ctx.actor, now, { action: 'update', entity: 'training_course', entityId: input.id, ...diffFields(before, after) });
      return after;
    }
    const row = db.insert(trainingCourses).values(values).returning().get();
    writeAudit(db, ctx.actor, now, { action: 'create', entity: 'training_course', entityId: row.id, after: row });
    return row;
  });
}

export function listRecords(ctx: ServiceContext, driverId?: number, ids?: number[]): TrainingRecord[] {
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
      state: stateOf(r.expiresOn, today, 30),
    }));
}

export function recordTraining(ctx: ServiceContext, input: { driverId: number; courseId: number; completedOn: string; notes: string }): TrainingRecord {
  const id = ctx.db.transaction((tx) => {
    const db = tx as unknown as ServiceContext['db'];
    const course = db.select().from(trainingCourses).where(eq(trainingCourses.id, input.courseId)).get();
    if (!course) throw notFound('Course', input.courseId);
    if (!db.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, input.driverId)).get()) throw notFound('Driver', input.driverId);
    const expiresOn = course.validityDays ? addDays(input.completedOn, course.validityDays) : null;
    const row = db.insert(trainingRecords).values({ ...input, expiresOn }).returning().get();
    writeAudit(db, ctx.actor, ctx.clock.now(), { action: 'create', entity: 'training_record', entityId: row.id, after: row });
    return row.id;
  });
  return listRecords(ctx, undefined, [id])[0]!;
}

export function deleteRecord(ctx: ServiceContext, id: number): { id: number } {
  ctx.db.transaction((tx) => {
    const db = tx as unknown as ServiceContext['db'];
    const before = db.select().from(trainingRecords).where(eq(trainingRecords.id, id)).get();
    if (!before) throw notFound('Training record', id);
    db.delete(trainingRecords).where(eq(trainingRecords.id, id)).run();
    writeAudit(db, ctx.actor, ctx.clock.now(), { action: 'delete', entity: 'training_record', entityId: id, before });
  });
  return { id };
}

/** Each active driver × course: latest record's state; mandatory courses never taken are "missing". */
export function trainingStatus(ctx: ServiceContext, date: string, dueDays: number, driverId?: number): TrainingStatusEntry[] {
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
