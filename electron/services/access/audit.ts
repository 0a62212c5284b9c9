import type { HandlersFor, ReadDb } from '../context';
import type { accessChannels, AuditEntry } from '../../../shared/contract/access';

type Filter = { entity?: string; entityId?: string; beforeId?: number; limit: number };

const ENTRY = `a.id, a.at, a.actor, a.actor_role AS actorRole`;
const json = (v: string | null): unknown => (v == null ? null : JSON.parse(v));

/**
 * The audit log, newest first: one entry per audited call. Filtered by entity (and id), it also
 * finds the calls that changed that thing as a further line (`audit_changes`: a swap's second
 * route, an import's drivers), shown with that line's action and before/after.
 */
export function listAudit(db: ReadDb, f: Filter): AuditEntry[] {
  const where = (t: string) =>
    [f.entity ? `${t}.entity = @entity` : '', f.entityId ? `${t}.entity_id = @entityId` : '', f.beforeId ? 'a.id < @beforeId' : ''].filter(Boolean).join(' AND ') || '1';
  const own = `SELECT ${ENTRY}, 0 AS seq, a.action, a.entity, a.entity_id AS entityId, a.before, a.after, a.reason FROM audit_log a WHERE ${where('a')}`;
  const lines = `SELECT ${ENTRY}, c.seq, c.action, c.entity, c.entity_id AS entityId, c.before, c.after, COALESCE(c.reason, a.reason) AS reason
                   FROM audit_changes c JOIN audit_log a ON a.id = c.audit_id WHERE ${where('c')}`;
  const sql = f.entity || f.entityId ? `${own} UNION ALL ${lines}` : own;
  const params = { limit: f.limit, ...(f.entity ? { entity: f.entity } : {}), ...(f.entityId ? { entityId: f.entityId } : {}), ...(f.beforeId ? { beforeId: f.beforeId } : {}) };
  const rows = db.$client.prepare(`SELECT * FROM (${sql}) ORDER BY id DESC, seq DESC LIMIT @limit`).all(params) as (Omit<AuditEntry, 'before' | 'after'> & { seq: number; before: string | null; after: string | null })[];
  return rows.map(({ seq: _seq, ...r }) => ({ ...r, before: json(r.before), after: json(r.after) }));
}

export const auditHandlers: Pick<HandlersFor<typeof accessChannels>, 'audit.list'> = {
  'audit.list': ({ db }, input) => listAudit(db, input),
};
