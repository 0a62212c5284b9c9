/** `token create|list|revoke` — named API tokens (owners: read-only) kept hashed in the station database. */
import fs from 'node:fs';
import type { TokenInfo } from '../../shared/contract/access';
import { ROLES, type Role } from '../../shared/contract/define';

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
import { call } from '../services/dispatch';
import { revokeToken } from '../services/access/tokens';
import { createHeadOfficeToken } from './head-office';
import { CliError, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';

function openExisting(dbFlag: string | undefined) {
  const db = resolveDb(dbFlag);
  if (!fs.existsSync(db)) throw new CliError(`no database at ${db} (start the desk once, or pass --db PATH)`, EXIT.FAILURE);
  return openDesk(db);
}

const row = (t: TokenInfo) =>
  `${String(t.id).padStart(4)}  ${t.name.padEnd(24)} ${t.role.padEnd(6)} created ${t.createdAt}` +
  (t.revokedAt ? `  REVOKED ${t.revokedAt}` : t.lastUsedAt ? `  last used ${t.lastUsedAt}` : '  never used');

export const tokenCreateCommand: CliCommand = {
  usage: 'token create --name NAME [--role owner|desk|kiosk] [--db PATH] [--json]  |  token create --role station|owner --name CODE --postgres URL',
  summary: 'Make a named token (owner = read-only; kiosk = the self check-in page only); prints it once',
  async run(argv) {
    const { values } = parseOptions(argv, { db: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' }, postgres: { type: 'string' } });
    if (!values.name) throw new CliError('missing --name NAME');
    const role = values.role ?? 'owner';
    if (values.postgres !== undefined) return createHeadOfficeToken(values.postgres, values.name, role, !!values.json);
    if (!isRole(role)) throw new CliError('--role must be owner, desk or kiosk');
    const { ctx, opened } = openExisting(values.db);
    try {
      const made = await call(ctx, 'tokens.create', { name: values.name, role });
      if (values.json) printJson(made);
      else process.stdout.write(`${made.token}\n`);
      if (!values.json) process.stderr.write(`Token "${made.name}" (${made.role}) created; it is shown only once.\n`);
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};

export const tokenListCommand: CliCommand = {
  usage: 'token list [--db PATH] [--json]',
  summary: 'List named tokens (never the tokens themselves)',
  async run(argv) {
    const { values } = parseOptions(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
    const { ctx, opened } = openExisting(values.db);
    try {
      const list = await call(ctx, 'tokens.list', {});
      if (values.json) printJson(list);
      else process.stdout.write(list.length === 0 ? 'No named tokens.\n' : list.map(row).join('\n') + '\n');
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};

export const tokenRevokeCommand: CliCommand = {
  usage: 'token revoke (--name NAME | --id N) [--db PATH] [--json]',
  summary: 'Revoke a named token; a running server refuses it at once',
  async run(argv) {
    const { values } = parseOptions(argv, { db: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, json: { type: 'boolean' } });
    if ((values.name === undefined) === (values.id === undefined)) throw new CliError('give exactly one of --name NAME or --id N');
    let target: string | number;
    if (values.id !== undefined) {
      const n = Number(values.id);
      if (!Number.isInteger(n) || n < 1) throw new CliError('--id must be a positive whole number');
      target = n;
    } else {
      target = values.name!;
    }
    const { ctx, opened } = openExisting(values.db);
    try {
      const info = revokeToken(ctx, target);
      if (values.json) printJson(info);
      else process.stdout.write(`Revoked token "${info.name}" (id ${info.id}).\n`);
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};
