import { afterEach, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { addRoster, scorecardCsv } from './helpers';

let desk: TestDesk;
afterEach(() => desk?.close());

describe('board hooks', () => {
  it('shows expired mandatory training as the soft warning TRAINING_EXPIRED and the latest tier', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const course = await call(desk.ctx, 'training.upsertCourse', { name: 'Defensive driving', validityDays: 365, mandatory: true });
    await call(desk.ctx, 'training.record', { driverId: ids.get('Ana Lopez')!, courseId: course.id, completedOn: '2026-06-01' });
    await call(desk.ctx, 'training.record', { driverId: ids.get('Ben Carter')!, courseId: course.id, completedOn: '2025-06-01' });
    await call(desk.ctx, 'scorecards.import', { fileName: 'w.csv', content: scorecardCsv([{ tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic Plus' }]), week: '2026-W47', dryRun: false });
    const board = await call(desk.ctx, 'board.list', { date: '2026-11-26' });
    const ana = board.availableDrivers.find((d) => d.id === ids.get('Ana Lopez'))!;
    const ben = board.availableDrivers.find((d) => d.id === ids.get('Ben Carter'))!;
    expect(ana.tier).toBe('Fantastic+');
    expect(ana.warnings.filter((w) => w.rule === 'TRAINING_EXPIRED')).toEqual([]);
    expect(ben.warnings).toContainEqual({ rule: 'TRAINING_EXPIRED', severity: 'soft', message: 'Mandatory training expired: Defensive driving (expired 2026-06-01)' });
  });
});
