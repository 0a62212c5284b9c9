import { auditLog } from '../db/schema';
import type { Db } from '../db/open';
import type { Actor } from './context';

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
