import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { LegacyHandlersFor } from '../legacy';
import type { accessChannels, AuditEntry } from '../../../shared/contract/access';

export const auditHandlers: Pick<LegacyHandlersFor<typeof accessChannels>, 'audit.list'> = {
  'audit.list': ({ db }, input): AuditEntry[] => {
    const where = and(
      input.entity ? eq(auditLog.entity, input.entity) : undefined,
      input.entityId ? eq(auditLog.entityId, input.entityId) : undefined,
      input.beforeId ? lt(auditLog.id, input.beforeId) : undefined,
    );
    return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(input.limit).all();
  },
};
