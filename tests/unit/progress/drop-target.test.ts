import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { testDesk } from '../../helpers/context';
import { cortexRouteList, dayOfOpsPlan, type FixtureFile } from '../../fixtures/amazon';
import { dropTarget } from '../../../shared/rules/progress';

/**
 * Where a file dropped on the board goes (`progress.recognise` → `dropTarget`): the start of the
 * day's files to the route import, a Cortex list with routes under way to progress, ask when unsure.
 */
const desk = testDesk();
const recognise = (f: FixtureFile, fileName = f.fileName) => call(desk.ctx, 'progress.recognise', { fileName, content: f.bytes.toString('base64'), encoding: 'base64' });
const notStarted = (rs: { progress: string; complete: number; notStarted: number; allStops: number }[]) =>
  rs.forEach((r) => Object.assign(r, { progress: 'Not started', complete: 0, notStarted: r.allStops }));

describe('a file dropped on the board', () => {
  it("Amazon's Day of Ops plan goes to the route import", async () => {
    const plan = await dayOfOpsPlan({ routes: 12 });
    expect(await recognise(plan)).toMatchObject({ export: 'day-of-ops-plan', target: 'routes' });
  });

  it('a Cortex route list taken during the day goes to progress; one taken before any route started to the route import', async () => {
    const during = await cortexRouteList({ time: '13:40', routes: 10 });
    const started = during.routes.filter((r) => r.progress !== 'Not started').length;
    expect(started).toBeGreaterThan(0);
    const r = await recognise(during);
    expect(r).toMatchObject({ export: 'cortex-route-list', target: 'progress' });
    expect(r.reason).toContain(`${started} of ${during.routes.length} routes under way`);

    const morning = await cortexRouteList({ time: '07:10', routes: 10, mutate: notStarted });
    expect(await recognise(morning)).toMatchObject({ export: 'cortex-route-list', target: 'routes' });
  });

  it('decides by content, not by extension: a Cortex list without an extension is still progress', async () => {
    const during = await cortexRouteList({ time: '13:40', routes: 6 });
    expect(await recognise(during, 'Routes_DSE4_2026-12-30_13_40 (PST)')).toMatchObject({ target: 'progress' });
    expect(await recognise(during, 'download')).toMatchObject({ target: 'progress' });
  });

  it('asks when the name and the content disagree, or a Cortex-named file is not one', async () => {
    const plan = await dayOfOpsPlan({ routes: 8 });
    expect(await recognise(plan, 'Routes_DSE4_2026-12-30_13_40 (PST).xlsx')).toMatchObject({ target: 'ask', reason: expect.stringMatching(/named like a Cortex/) });
    const during = await cortexRouteList({ time: '13:40', routes: 6 });
    expect(await recognise(during, '2026-12-30-DSE4-CYCLE_1-DSP-DayOfOpsPlan.xlsx')).toMatchObject({ target: 'ask' });
    const sheet = { fileName: 'Routes_DSE4_2026-12-30_13_40 (PST).csv', bytes: Buffer.from('Route Code,Wave,Service Type\nCX1,10:05,Standard Parcel Medium Van\n') };
    expect(await recognise(sheet)).toMatchObject({ export: null, target: 'ask' });
    // An ordinary route sheet with an ordinary name is a route sheet.
    expect(await recognise(sheet, 'routes.csv')).toMatchObject({ export: null, target: 'routes' });
  });

  it('the rule itself: a Cortex list with no readable route asks', () => {
    expect(dropTarget({ exportId: 'cortex-route-list', fileName: 'x.xlsx', routes: 0, started: 0 }).target).toBe('ask');
    expect(dropTarget({ exportId: 'associates', fileName: 'x.csv', routes: 0, started: 0 }).target).toBe('routes');
  });
});
