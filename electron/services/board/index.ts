import type { HandlersFor } from '../context';
import type { boardChannels } from '../../../shared/contract/board';
import { applyProposals, autoAssign } from './autoassign';
import { importRouteSheet } from './import';
import { loadoutFile } from './loadout';
import { assignRoute, pinRoute, restoreStates, swapDrivers, unassignRoute } from './assign';
import { checkBoard } from './check';
import { listCheckins, setCheckin } from './checkins';
import { listBoard } from './view';
import { getBoardSettings } from './settings';
import { routeSettings, setRouteSettings } from './route-settings';

/** Handlers of the morning board (shared/contract/board.ts). */
export const boardHandlers: HandlersFor<typeof boardChannels> = {
  'routes.import': (ctx, input) => importRouteSheet(ctx, input),
  'board.list': (ctx, input) => listBoard(ctx, input.date),
  'board.check': (ctx, input) => checkBoard(ctx, input),
  'board.assign': (ctx, input) => assignRoute(ctx, input),
  'board.unassign': (ctx, input) => unassignRoute(ctx, input),
  'board.swap': (ctx, input) => swapDrivers(ctx, input),
  'board.pin': (ctx, input) => pinRoute(ctx, input),
  'board.restore': (ctx, input) => restoreStates(ctx, input),
  'board.autoAssign': (ctx, input) => autoAssign(ctx, input),
  'board.applyProposals': (ctx, input) => applyProposals(ctx, input),
  'board.limits': (ctx) => getBoardSettings(ctx.db).limits,
  'board.routeSettings': (ctx) => routeSettings(ctx.db),
  'board.setRouteSettings': (ctx, input) => setRouteSettings(ctx, input),
  'checkin.list': (ctx, input) => listCheckins(ctx, input.date),
  'checkin.set': (ctx, input) => setCheckin(ctx, input),
  'board.loadout': (ctx, input) => loadoutFile(ctx, input),
};
