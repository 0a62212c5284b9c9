import { z } from 'zod';
import type { Role } from './define';
import { channel } from './define';
import { id, requiredText, shortText } from './common';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const accessChannels = {
  'audit.list': channel<AuditEntry[]>()({
    input: z
      .strictObject({
        entity: shortText(40).optional(),
        entityId: shortText(40).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        beforeId: id.optional(),
      })
      .default({ limit: 200 }),
    access: 'read',
    summary: 'Audit log, newest first',
  }),
  'tokens.list': channel<TokenInfo[]>()({
    input: z.strictObject({}).default({}),
    access: 'admin',
    summary: 'Named access tokens (desk only)',
  }),
  'tokens.create': channel<TokenInfo & { token: string }>()({
    input: z.strictObject({
      name: requiredText(60).regex(/^[\p{L}\p{N} _.-]+$/u, 'may only contain letters, digits, spaces and _ . -'),
      role: z.enum(['owner', 'desk']).default('owner'),
    }),
    access: 'write',
    summary: 'Make a named token; the token is shown once',
  }),
  'tokens.revoke': channel<TokenInfo>()({
    input: z.strictObject({ id }),
    access: 'write',
    summary: 'Revoke a named token at once',
  }),
};
