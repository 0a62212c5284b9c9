import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { station } from '../../../electron/db/schema';
import { fixedClock } from '../../../shared/dates';
import { testDesk, type TestDesk } from '../../helpers/context';

/** app.info tells the console the desk's clock, so the console's "today" follows the desk, not the laptop. */
describe('app.info', () => {
  let desk: TestDesk;
  afterEach(() => desk.close());

  it('answers the desk clock and the station date of it (UTC before a station exists)', async () => {
    desk = testDesk({ clock: fixedClock('2026-11-27T06:30:00Z') });
    expect(await call(desk.ctx, 'app.info', {})).toMatchObject({ now: '2026-11-27T06:30:00.000Z', today: '2026-11-27', station: null });
  });

  it('today is the station’s date: 06:30 UTC is still yesterday evening in Los Angeles', async () => {
    desk = testDesk({ clock: fixedClock('2026-11-27T06:30:00Z') });
    desk.ctx.db.insert(station).values({ id: 1, name: 'Test', code: 'TST1', dspCode: 'TEST', lat: 47.4, lon: -122.2, timeZone: 'America/Los_Angeles', geofenceM: 300, address: '' }).run();
    expect(await call(desk.ctx, 'app.info', {})).toMatchObject({ now: '2026-11-27T06:30:00.000Z', today: '2026-11-26' });
  });
});
