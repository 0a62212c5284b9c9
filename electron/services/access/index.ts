import type { HandlersFor } from '../context';
import type { accessChannels } from '../../../shared/contract/access';
import { auditHandlers } from './audit';
import { tokenHandlers } from './tokens';

/** Handlers of the access room (shared/contract/access.ts): the audit log and named tokens. */
export const accessHandlers: HandlersFor<typeof accessChannels> = {
  ...auditHandlers,
  ...tokenHandlers,
};
