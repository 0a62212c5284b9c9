import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { call } from '../../electron/services/dispatch';
import { addRoster, fixture } from '../unit/scorecards/helpers';

let srv: TestServer;
let ownerToken: string;
let anaId: number;

beforeAll(async () => {
  srv = await startTestServer({
    seed: async (ctx) => {
      const ids = await addRoster(ctx);
      anaId = ids.get('Ana Lopez')!;
      await call(ctx, 'scorecards.import', { fileName: 'w47.csv', content: fixture('da-current-week.csv'), week: '2026-W47', dryRun: false, companyScore: 79.2, companyTier: 'Fantastic' });
    },
  });
  const made = await srv.call('tokens.create', { name: 'owner laptop', role: 'owner' });
  expect(made.status).toBe(200);
  ownerToken = made.body.data.token;
});
afterAll(() => srv?.close());

describe('stand-up over HTTP with an owner token', () => {
  it('reads standup.summary (200)', async () => {
    const res = await srv.call('standup.summary', {}, ownerToken);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.data.scorecard.week).toBe('2026-W47');
    expect(res.body.data.scorecard.companyScore).toBe(79.2);
    expect(res.body.data.scorecard.tiers).toEqual({ Poor: 1, Fair: 1, Great: 2, Fantastic: 1, 'Fantastic+': 1 });
  });
  it('reads the driver page, coaching list and exports', async () => {
    expect((await srv.call('scorecards.driver', { driverId: anaId }, ownerToken)).status).toBe(200);
    expect((await srv.call('coaching.list', {}, ownerToken)).status).toBe(200);
    const pdf = await srv.call('standup.pdf', {}, ownerToken);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(pdf.body.data.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await srv.call('scorecards.atRiskCsv', {}, ownerToken)).status).toBe(200);
  });
  it('is refused on coaching.create (403) and other writes', async () => {
    const res = await srv.call('coaching.create', { driverId: anaId, finding: 'Owner tries to write' }, ownerToken);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    for (const [ch, input] of [
      ['coaching.acknowledge', { id: 1 }],
      ['scorecards.import', { fileName: 'x.csv', content: 'a', week: '2026-W47' }],
      ['incidents.create', { type: 'collision', date: '2026-11-25' }],
      ['standup.setTopic', { date: '2026-11-26', topicId: 1 }],
    ] as const) {
      expect((await srv.call(ch, input, ownerToken)).status, ch).toBe(403);
    }
    // The desk token may write.
    expect((await srv.call('coaching.create', { driverId: anaId, finding: 'Desk writes' })).status).toBe(200);
  });
});
