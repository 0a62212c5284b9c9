import crypto from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../db/schema';
import type { HandlersFor, ReadDb, WriteContext } from '../context';
import { runWrite, type WriteTarget } from '../write';
import type { accessChannels, TokenInfo } from '../../../shared/contract/access';
import type { Role } from '../../../shared/contract/define';
import { AppError, notFound } from '../../../shared/errors';

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

export function listTokens(db: ReadDb): TokenInfo[] {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.name)).all().map(info);
}

function createToken(w: WriteContext, name: string, role: Role): TokenInfo & { token: string } {
  const clash = w.db
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
  const row = w.db.insert(apiTokens).values({ name, role, hash: hashToken(token), createdAt: w.clock.now().toISOString() }).returning().get();
  w.audit({ action: 'create', entity: 'token', entityId: row.id, after: { name, role } });
  return { ...info(row), token };
}

function revoke(w: WriteContext, idOrName: number | string): TokenInfo {
  const row =
    typeof idOrName === 'number'
      ? w.db.select().from(apiTokens).where(eq(apiTokens.id, idOrName)).get()
      : w.db
          .select()
          .from(apiTokens)
          .where(and(eq(apiTokens.name, idOrName), isNull(apiTokens.revokedAt)))
          .get();
  if (!row) throw notFound('token', idOrName);
  if (row.revokedAt) return info(row);
  const revokedAt = w.clock.now().toISOString();
  w.db.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.id)).run();
  w.audit({ action: 'revoke', entity: 'token', entityId: row.id, after: { name: row.name } });
  return info({ ...row, revokedAt });
}

/** Revoke by id or name outside a channel (the CLI's `token revoke --name`): the same write path. */
export function revokeToken(target: WriteTarget, idOrName: number | string): TokenInfo {
  return runWrite(target, 'tokens.revoke', (w) => revoke(w, idOrName));
}

/** Look a presented token up (constant-time compare of hashes happens in SQL by exact match). */
export function findToken(db: ReadDb, token: string): { name: string; role: Role } | null {
  const row = db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.hash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  return { name: row.name, role: row.role };
}

export const tokenHandlers: Pick<HandlersFor<typeof accessChannels>, 'tokens.list' | 'tokens.create' | 'tokens.revoke'> = {
  'tokens.list': (ctx) => listTokens(ctx.db),
  'tokens.create': (w, input) => createToken(w, input.name, input.role),
  'tokens.revoke': (w, input) => revoke(w, input.id),
};
