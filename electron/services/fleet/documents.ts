import { and, eq } from 'drizzle-orm';
import { vanDocuments } from '../../db/schema';
import type { HandlersFor, WriteContext } from '../context';
import { activeVan } from './vans';
import type { fleetChannels } from '../../../shared/contract/fleet';

/** Van documents (registration, insurance, annual inspection, rental return): one per kind, with its expiry. */

/** Create or replace the van's document of that kind (one per kind); audited. */
export function upsertDocument(
  w: WriteContext,
  input: { vanId: number; kind: (typeof vanDocuments.$inferSelect)['kind']; expiresOn: string | null; reference: string; note: string },
) {
  const before = w.db
    .select()
    .from(vanDocuments)
    .where(and(eq(vanDocuments.vanId, input.vanId), eq(vanDocuments.kind, input.kind)))
    .get();
  const values = { ...input, updatedAt: w.clock.now().toISOString() };
  const row = w.db
    .insert(vanDocuments)
    .values(values)
    .onConflictDoUpdate({ target: [vanDocuments.vanId, vanDocuments.kind], set: values })
    .returning()
    .get();
  w.audit({
    action: before ? 'update' : 'create',
    entity: 'van_document',
    entityId: row.id,
    before: before ? { expiresOn: before.expiresOn, reference: before.reference } : null,
    after: { vanId: row.vanId, kind: row.kind, expiresOn: row.expiresOn, reference: row.reference },
  });
  return row;
}

export const documentHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.documents' | 'fleet.setDocument'> = {
  'fleet.documents': (ctx, input) =>
    ctx.db
      .select()
      .from(vanDocuments)
      .where(input.vanId ? eq(vanDocuments.vanId, input.vanId) : undefined)
      .orderBy(vanDocuments.vanId, vanDocuments.kind)
      .all(),
  'fleet.setDocument': (w, input) => {
    activeVan(w.db, input.vanId);
    return upsertDocument(w, { ...input, expiresOn: input.expiresOn ?? null });
  },
};
