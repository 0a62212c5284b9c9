import { and, eq } from 'drizzle-orm';
import { vanDocuments } from '../../db/schema';
import type { ServiceContext } from '../context';
import type { LegacyHandlersFor } from '../legacy';
import { writeAudit } from '../audit';
import { activeVan, txDb, type Tx } from './vans';
import type { fleetChannels } from '../../../shared/contract/fleet';

/** Van documents (registration, insurance, annual inspection, rental return): one per kind, with its expiry. */

/** Create or replace the van's document of that kind (one per kind); audited. */
export function upsertDocument(
  ctx: ServiceContext,
  tx: Tx,
  input: { vanId: number; kind: (typeof vanDocuments.$inferSelect)['kind']; expiresOn: string | null; reference: string; note: string },
  now: Date,
) {
  const before = tx
    .select()
    .from(vanDocuments)
    .where(and(eq(vanDocuments.vanId, input.vanId), eq(vanDocuments.kind, input.kind)))
    .get();
  const values = { ...input, updatedAt: now.toISOString() };
  const row = tx
    .insert(vanDocuments)
    .values(values)
    .onConflictDoUpdate({ target: [vanDocuments.vanId, vanDocuments.kind], set: values })
    .returning()
    .get();
  writeAudit(tx, ctx.actor, now, {
    action: before ? 'update' : 'create',
    entity: 'van_document',
    entityId: row.id,
    before: before ? { expiresOn: before.expiresOn, reference: before.reference } : null,
    after: { vanId: row.vanId, kind: row.kind, expiresOn: row.expiresOn, reference: row.reference },
  });
  return row;
}

export const documentHandlers: Pick<LegacyHandlersFor<typeof fleetChannels>, 'fleet.documents' | 'fleet.setDocument'> = {
  'fleet.documents': (ctx, input) =>
    ctx.db
      .select()
      .from(vanDocuments)
      .where(input.vanId ? eq(vanDocuments.vanId, input.vanId) : undefined)
      .orderBy(vanDocuments.vanId, vanDocuments.kind)
      .all(),
  'fleet.setDocument': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      activeVan(tx, input.vanId);
      return upsertDocument(ctx, tx, { ...input, expiresOn: input.expiresOn ?? null }, now);
    });
  },
};
