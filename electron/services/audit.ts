import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import type { Db } from '../db/open';
import type { Actor, HandlersFor } from './context';
import type { accessChannels, AuditEntry } from '../../shared/contract/access';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Append one audit entry; call inside the same transaction as the change it records. */
export function writeAudit(db: Db, actor: Actor, at: Date, rec: AuditRecord): void {
  db.insert(auditLog)
    .values({
      at: at.toISOString(),
      actor: actor.name,
      actorRole: actor.role,
      action: rec.action,
      entity: rec.entity,
      entityId: rec.entityId == null ? null : String(rec.entityId),
      before: rec.before ?? null,
      after: rec.after ?? null,
      reason: rec.reason ?? null,
    })
    .run();
}

/** Only the fields that changed, for compact before/after audit entries. */
export function diffFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export const auditHandlers: Pick<HandlersFor<typeof accessChannels>, 'audit.list'> = {
  'audit.list': ({ db }, input): AuditEntry[] => {
    const where = and(
      input.entity ? eq(auditLog.entity, input.entity) : undefined,
      input.entityId ? eq(auditLog.entityId, input.entityId) : undefined,
      input.beforeId ? lt(auditLog.id, input.beforeId) : undefined,
    );
    return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(input.limit).all();
  },
};
