import { z } from 'zod';
import { ROLES, type Role } from './define';

/** Token names: letters, digits, spaces, any dash (hyphen, en dash, em dash…), _ and . */
export const TOKEN_NAME = /^[\p{L}\p{N}\p{Pd} _.]+$/u;
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
      // Dashes of any kind (e.g. "Owner – Dana"); never a colon (system actors are `system:…`).
      name: requiredText(60).regex(TOKEN_NAME, 'may only contain letters, digits, spaces, dashes and _ .'),
      role: z.enum(ROLES).default('owner'),
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
