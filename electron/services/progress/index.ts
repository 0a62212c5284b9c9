import type { HandlersFor } from '../context';
import type { progressChannels } from '../../../shared/contract/progress';
import { stationToday } from '../station/station';
import { importProgress, recogniseFile } from './import';
import { progressLatest } from './snapshot';
import { getProgressSettings, setProgressSettings } from './settings';
import { listRescues, recordRescue, suggestRescuers } from './rescues';
import { closeOfDay, closeReport, setClose } from './close';

/** Handlers of the day on the road: progress from Amazon, rescues, the close of the day (shared/contract/progress.ts). */
export const progressHandlers: HandlersFor<typeof progressChannels> = {
  'progress.import': importProgress,
  'progress.recognise': (_ctx, input) => recogniseFile(input),
  'progress.latest': (ctx, input) => progressLatest(ctx.db, input.date ?? stationToday(ctx.db, ctx.clock)),
  'progress.settings': (ctx) => getProgressSettings(ctx.db),
  'progress.setSettings': setProgressSettings,
  'rescues.suggest': (ctx, input) => suggestRescuers(ctx, input),
  'rescues.record': recordRescue,
  'rescues.list': (ctx, input) => listRescues(ctx.db, input.from, input.to),
  'close.day': (ctx, input) => closeOfDay(ctx, input.date),
  'close.set': setClose,
  'close.report': (ctx, input) => closeReport(ctx, input),
};
