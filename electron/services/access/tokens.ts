import crypto from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../db/schema';
import type { Db } from '../../db/open';
import type { Actor } from '../context';
import type { LegacyHandlersFor } from '../legacy';
import type { accessChannels, TokenInfo } from '../../../shared/contract/access';
import type { Role } from '../../../shared/contract/define';
import { AppError, notFound } from '../../../shared/errors';
import { writeAudit } from '../audit';

/** Tokens are stored as SHA-256 hashes; the plain token is shown once, when made. */
export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');
export const newToken = () => crypto.randomBytes(24).toString('base64url');

const info = (r: typeof apiTokens.$inferSelect): TokenInfo => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.createdAt,
  lastUsedAt: r.lastUsedAt,
  revokedAt: r.revokedAt,
});

export function listTokens(db: Db): TokenInfo[] {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.name)).all().map(info);
}

export function createToken(db: Db, actor: Actor, now: Date, name: string, role: Role): TokenInfo & { token: string } {
  return db.transaction((tx) => {
    const clash = tx
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt)))
      .get();
    if (clash) {
      throw new AppError('CONFLICT', `A token named "${name}" already exists; revoke it first`, {
        issues: [{ path: 'name', message: 'already in use' }],
      });
    }
    const token = newToken();
    const row = tx.insert(apiTokens).values({ name, role, hash: hashToken(token), createdAt: now.toISOString() }).returning().get();
    writeAudit(tx as unknown as Db, actor, now, { action: 'create', entity: 'token', entityId: row.id, after: { name, role } });
    return { ...info(row), token };
  });
}

export function revokeToken(db: Db, actor: Actor, now: Date, idOrName: number | string): TokenInfo {
  return db.transaction((tx) => {
    const row =
      typeof idOrName === 'number'
        ? tx.select().from(apiTokens).where(eq(apiTokens.id, idOrName)).get()
        : tx
            .select()
            .from(apiTokens)
            .where(and(eq(apiTokens.name, idOrName), isNull(apiTokens.revokedAt)))
            .get();
    if (!row) throw notFound('token', idOrName);
    if (row.revokedAt) return info(row);
    const revokedAt = now.toISOString();
    tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.id)).run();
    writeAudit(tx as unknown as Db, actor, now, { action: 'revoke', entity: 'token', entityId: row.id, after: { name: row.name } });
    return info({ ...row, revokedAt });
  });
}

/** Look a presented token up (constant-time compare of hashes happens in SQL by exact match). */
export function findToken(db: Db, token: string): { name: string; role: Role } | null {
  const row = db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.hash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  return { name: row.name, role: row.role };
}

export const tokenHandlers: Pick<LegacyHandlersFor<typeof accessChannels>, 'tokens.list' | 'tokens.create' | 'tokens.revoke'> = {
  'tokens.list': (ctx) => listTokens(ctx.db),
  'tokens.create': (ctx, input) => createToken(ctx.db, ctx.actor, ctx.clock.now(), input.name, input.role),
  'tokens.revoke': (ctx, input) => revokeToken(ctx.db, ctx.actor, ctx.clock.now(), input.id),
};
