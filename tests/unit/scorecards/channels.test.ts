/**
 * Scorecard-room channels that had no test of their own: the at-risk list, editing a coaching plan,
 * the training register (courses, records, deleting one), editing an incident, the topic library.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { addRoster, scorecardCsv } from './helpers';

let desk: TestDesk;
afterEach(() => desk?.close());

const imp = (d: TestDesk, week: string, content: string) => call(d.ctx, 'scorecards.import', { fileName: `${week}.csv`, content, week, dryRun: false });
const owner = () => desk.as({ name: 'Owner', role: 'owner' });
const auditOf = (entity: string, entityId: number) => call(desk.ctx, 'audit.list', { entity, entityId: String(entityId) });

describe('scorecards.atRisk', () => {
  it('ranks drivers whose tier fell or stayed low, for the latest week or a given one', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    await imp(desk, '2026-W46', scorecardCsv([
      { tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic' },
      { tid: 'B2C3D4E5F6G7H8', name: 'Ben Carter', tier: 'Fantastic' },
      { tid: 'C3D4E5F6G7H8I9', name: 'Cleo Diaz', tier: 'Poor' },
    ]));
    await imp(desk, '2026-W47', scorecardCsv([
      { tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic' },
      { tid: 'B2C3D4E5F6G7H8', name: 'Ben Carter', tier: 'Fair' },
      { tid: 'C3D4E5F6G7H8I9', name: 'Cleo Diaz', tier: 'Poor' },
    ]));
    const risk = await call(desk.ctx, 'scorecards.atRisk', {});
    expect(risk.map((r) => [r.name, r.tier, r.previousTier])).toEqual(
      expect.arrayContaining([
        ['Ben Carter', 'Fair', 'Fantastic'],
        ['Cleo Diaz', 'Poor', 'Poor'],
      ]),
    );
    expect(risk).toHaveLength(2);
    expect(risk.map((r) => r.driverId)).not.toContain(ids.get('Ana Lopez'));
    expect(risk.every((r) => r.reason.length > 0 && r.reasons.length > 0)).toBe(true);
    // Week 46: no week 45 to compare with, so nobody is flagged (no guessing from one week).
    expect(await call(desk.ctx, 'scorecards.atRisk', { week: '2026-W46' })).toEqual([]);
    // Owners see it too (the stand-up is theirs).
    expect(await call(owner(), 'scorecards.atRisk', {})).toEqual(risk);
    expect(await call(desk.ctx, 'scorecards.atRisk', { week: '2026-W40' })).toEqual([]);
  });
});

describe('coaching.update', () => {
  it('edits an open plan (audited with before/after), refuses a dismissed one, and is desk only', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const plan = await call(desk.ctx, 'coaching.create', { driverId: ids.get('Ben Carter')!, finding: 'Late returns', target: 'On time all week' });
    const edited = await call(desk.ctx, 'coaching.update', { id: plan.id, finding: 'Late returns on Mondays', owner: 'Dana', dueDate: '2026-12-10' });
    expect(edited).toMatchObject({ id: plan.id, finding: 'Late returns on Mondays', owner: 'Dana', dueDate: '2026-12-10', target: 'On time all week', status: 'accepted' });
    expect((await auditOf('coaching_plan', plan.id))[0]).toMatchObject({
      action: 'update',
      before: { finding: 'Late returns', owner: plan.owner, dueDate: plan.dueDate },
      after: { finding: 'Late returns on Mondays', owner: 'Dana', dueDate: '2026-12-10' },
    });
    await call(desk.ctx, 'coaching.dismiss', { id: plan.id, reason: 'Route changed' });
    await expect(call(desk.ctx, 'coaching.update', { id: plan.id, finding: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call(desk.ctx, 'coaching.update', { id: 9999, finding: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(owner(), 'coaching.update', { id: plan.id, finding: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('training register', () => {
  it('training.courses lists active courses by name, archived ones on request', async () => {
    desk = testDesk();
    const safety = await call(desk.ctx, 'training.upsertCourse', { name: 'Safety refresher', validityDays: 365, mandatory: true });
    await call(desk.ctx, 'training.upsertCourse', { name: 'Defensive driving', validityDays: null, mandatory: false });
    await call(desk.ctx, 'training.upsertCourse', { id: safety.id, name: 'Safety refresher', validityDays: 365, mandatory: true, archived: true });
    expect((await call(desk.ctx, 'training.courses', {})).map((c) => c.name)).toEqual(['Defensive driving']);
    const all = await call(desk.ctx, 'training.courses', { includeArchived: true });
    expect(all.map((c) => [c.name, c.mandatory, c.archivedAt !== null])).toEqual([
      ['Defensive driving', false, false],
      ['Safety refresher', true, true],
    ]);
  });

  it('training.list answers records newest first with their state, for one driver or all', async () => {
    desk = testDesk(); // today is 2026-11-26
    const ids = await addRoster(desk.ctx);
    const course = await call(desk.ctx, 'training.upsertCourse', { name: 'Safety refresher', validityDays: 365, mandatory: true });
    const ana = ids.get('Ana Lopez')!;
    await call(desk.ctx, 'training.record', { driverId: ana, courseId: course.id, completedOn: '2025-11-01' }); // expired 2026-11-01
    await call(desk.ctx, 'training.record', { driverId: ana, courseId: course.id, completedOn: '2025-12-10' }); // due 2026-12-10
    await call(desk.ctx, 'training.record', { driverId: ids.get('Ben Carter')!, courseId: course.id, completedOn: '2026-11-20' });
    const anas = await call(desk.ctx, 'training.list', { driverId: ana });
    expect(anas.map((r) => [r.completedOn, r.expiresOn, r.state])).toEqual([
      ['2025-12-10', '2026-12-10', 'due'],
      ['2025-11-01', '2026-11-01', 'expired'],
    ]);
    expect(anas[0]).toMatchObject({ driverName: 'Ana Lopez', courseName: 'Safety refresher', mandatory: true });
    expect(await call(desk.ctx, 'training.list', {})).toHaveLength(3);
    expect(await call(owner(), 'training.list', { driverId: ana })).toEqual(anas);
  });

  it('training.deleteRecord removes one record (audited with what it was); unknown ids are NOT_FOUND', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const course = await call(desk.ctx, 'training.upsertCourse', { name: 'Safety refresher', validityDays: 365, mandatory: true });
    const rec = await call(desk.ctx, 'training.record', { driverId: ids.get('Ana Lopez')!, courseId: course.id, completedOn: '2026-11-20', notes: 'entered twice' });
    expect(await call(desk.ctx, 'training.deleteRecord', { id: rec.id })).toEqual({ id: rec.id });
    expect(await call(desk.ctx, 'training.list', {})).toEqual([]);
    expect((await auditOf('training_record', rec.id))[0]).toMatchObject({ action: 'delete', before: { id: rec.id, notes: 'entered twice', completedOn: '2026-11-20' } });
    await expect(call(desk.ctx, 'training.deleteRecord', { id: rec.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The mandatory course is missing again for Ana.
    expect((await call(desk.ctx, 'training.status', { driverId: ids.get('Ana Lopez')! })).map((t) => t.state)).toEqual(['missing']);
  });
});

describe('incidents.update', () => {
  it('changes the given fields only (audited), checks references, and keeps the suggested plan link', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const inc = await call(desk.ctx, 'incidents.create', { type: 'property_damage', date: '2026-11-25', driverId: ids.get('Ben Carter')!, severity: 'low', description: 'Mirror clipped a mailbox' });
    expect(inc.suggestedPlanId).not.toBeNull();
    const updated = await call(desk.ctx, 'incidents.update', { id: inc.id, severity: 'high', status: 'closed' });
    expect(updated).toMatchObject({ id: inc.id, type: 'property_damage', severity: 'high', status: 'closed', description: 'Mirror clipped a mailbox', driverName: 'Ben Carter', planId: inc.suggestedPlanId });
    expect((await auditOf('incident', inc.id))[0]).toMatchObject({ action: 'update', before: { severity: 'low', status: inc.status }, after: { severity: 'high', status: 'closed' } });
    await expect(call(desk.ctx, 'incidents.update', { id: inc.id, vanId: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(desk.ctx, 'incidents.update', { id: 9999, severity: 'low' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(desk.ctx, 'incidents.list', { driverId: ids.get('Ben Carter')! }))[0]).toMatchObject({ severity: 'high' });
  });
});

describe('standup.topics', () => {
  it('lists the library by title with when each was last shown; archived topics on request', async () => {
    desk = testDesk();
    const dogs = await call(desk.ctx, 'standup.upsertTopic', { title: 'Dog bites', body: 'Knock, wait, look.' });
    const backing = await call(desk.ctx, 'standup.upsertTopic', { title: 'Backing up' });
    await call(desk.ctx, 'standup.upsertTopic', { title: 'Old topic', archived: true });
    await call(desk.ctx, 'standup.setTopic', { date: '2026-11-20', topicId: dogs.id });
    await call(desk.ctx, 'standup.setTopic', { date: '2026-11-24', topicId: dogs.id });
    const list = await call(desk.ctx, 'standup.topics', {});
    expect(list.map((t) => [t.title, t.lastShown])).toEqual([
      ['Backing up', null],
      ['Dog bites', '2026-11-24'],
    ]);
    expect(list.find((t) => t.id === backing.id)).toMatchObject({ body: '', archivedAt: null });
    expect((await call(desk.ctx, 'standup.topics', { includeArchived: true })).map((t) => t.title)).toEqual(['Backing up', 'Dog bites', 'Old topic']);
  });
});
