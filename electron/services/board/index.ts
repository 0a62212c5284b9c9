import type { HandlersFor } from '../context';
import type { boardChannels } from '../../../shared/contract/board';
import { AppError } from '../../../shared/errors';

const todo = (name: string) => () => {
  throw new AppError('UNAVAILABLE', `${name} is being built`);
};

/** Handlers of the morning board (shared/contract/board.ts). */
export const boardHandlers: HandlersFor<typeof boardChannels> = {
  'routes.import': todo('routes.import'),
  'board.list': todo('board.list'),
  'board.check': todo('board.check'),
  'board.assign': todo('board.assign'),
  'board.unassign': todo('board.unassign'),
  'board.swap': todo('board.swap'),
  'board.pin': todo('board.pin'),
  'board.restore': todo('board.restore'),
  'board.autoAssign': todo('board.autoAssign'),
  'board.applyProposals': todo('board.applyProposals'),
  'checkin.list': todo('checkin.list'),
  'checkin.set': todo('checkin.set'),
  'board.loadout': todo('board.loadout'),
};
