import type { HandlersFor } from '../context';
import type { scheduleChannels } from '../../../shared/contract/schedule';
import { getScheduleSettings, setScheduleSettings } from './settings';
import { copyWeek, scheduleWeek, setTargets, writeCells } from './week';
import { fillWeek } from './fill';
import { kioskLookup } from './kiosk';
import { bulkCheckin, checkinDay } from '../board/checkins';

/** Handlers of the week's schedule, the day's expected list and the kiosk (shared/contract/schedule.ts). */
export const scheduleHandlers: HandlersFor<typeof scheduleChannels> = {
  'schedule.week': (ctx, input) => scheduleWeek(ctx, input.weekStart),
  'schedule.set': (w, input) => writeCells(w, input.cells),
  'schedule.copyWeek': copyWeek,
  'schedule.fill': fillWeek,
  'schedule.settings': (ctx) => getScheduleSettings(ctx.db),
  'schedule.setSettings': setScheduleSettings,
  'schedule.setTargets': setTargets,
  'checkin.day': (ctx, input) => checkinDay(ctx, input.date),
  'checkin.bulk': bulkCheckin,
  'kiosk.lookup': (ctx, input) => kioskLookup(ctx, input.transporterId),
};
