import type { HandlersFor } from '../context';
import type { boardChannels } from '../../../shared/contract/board';
import { applyProposals, autoAssign } from './autoassign';
import { importRouteSheet } from './import';
import { loadoutAnyway, loadoutFile } from './loadout';
import { assignRoute, pinRoute, restoreStates, swapDrivers, unassignRoute } from './assign';
import { checkBoard } from './check';
import { listCheckins, setCheckin } from './checkins';
import { listBoard } from './view';
import { getBoardSettings, setBoardLimits } from './settings';
import { routeSettings, setRouteSettings } from './route-settings';

/** Handlers of the morning board (shared/contract/board.ts). */
export const boardHandlers: HandlersFor<typeof boardChannels> = {
  'routes.import': importRouteSheet,
  'board.list': (ctx, input) => listBoard(ctx, input.date),
  'board.check': (ctx, input) => checkBoard(ctx, input),
  'board.assign': assignRoute,
  'board.unassign': unassignRoute,
  'board.swap': swapDrivers,
  'board.pin': pinRoute,
  'board.restore': restoreStates,
  'board.autoAssign': autoAssign,
  'board.applyProposals': applyProposals,
  'board.limits': (ctx) => getBoardSettings(ctx.db).limits,
  'board.setLimits': setBoardLimits,
  'board.routeSettings': (ctx) => routeSettings(ctx.db),
  'board.setRouteSettings': setRouteSettings,
  'checkin.list': (ctx, input) => listCheckins(ctx, input.date),
  'checkin.set': setCheckin,
  'board.loadout': (ctx, input) => loadoutFile(ctx, input),
  'board.loadoutAnyway': loadoutAnyway,
};
