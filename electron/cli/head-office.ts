/**
 * The head-office side of the CLI (issue 15): `serve --head-office --postgres URL` and
 * `token create --role station|owner --name NAME --postgres URL`.
 */
import { openHeadOffice } from '../db/pg/connect';
import { startHeadOfficeServer, DEFAULT_KEEP_POSITIONS_DAYS } from '../headoffice/server';
import { addHeadOfficeToken } from '../headoffice/tokens';
import { appVersion } from '../services/station/version';
import { CliError, EXIT, printJson } from './common';

export const DEFAULT_HEAD_OFFICE_PORT = 48800;

export interface HeadOfficeServeValues {
  postgres?: string;
  port: number;
  host: string;
  token: string;
  json?: boolean;
  verbose?: boolean;
  keepPositionsDays?: string;
  /** The built console to serve (the desk's files; it shows its head-office screens there). */
  staticDir?: string;
  /** `--public-url`: the address desks and browsers use when it is not this machine's own (a proxy's name). */
  publicUrl?: string;
}

function isBareHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password;
  } catch {
    return false;
  }
}

export async function serveHeadOffice(v: HeadOfficeServeValues): Promise<number> {
  const postgres = v.postgres;
  if (!postgres) throw new CliError('serve --head-office needs --postgres URL (e.g. postgres://user:pass@host:5432/dispatch)');
  const keep = v.keepPositionsDays === undefined ? DEFAULT_KEEP_POSITIONS_DAYS : Number(v.keepPositionsDays);
  if (!Number.isInteger(keep) || keep < 0) throw new CliError('--keep-positions-days must be a whole number ≥ 0');
  if (v.publicUrl !== undefined && !isBareHttpUrl(v.publicUrl)) throw new CliError('--public-url must be an http(s) address without a path, e.g. https://head-office.example.com');
  const say = (l: string) => process.stderr.write(l + '\n');
  const server = await startHeadOfficeServer({ postgres, host: v.host, port: v.port, ownerToken: v.token, keepPositionsDays: keep, staticDir: v.staticDir, publicUrls: v.publicUrl ? [v.publicUrl] : [], ...(v.verbose ? { log: say } : {}) }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new CliError(`port ${v.port} on ${v.host} is already in use`, EXIT.FAILURE);
    if (err.code === 'ECONNREFUSED') throw new CliError(`PostgreSQL at ${postgres.replace(/\/\/[^@]*@/, '//…@')} refused the connection`, EXIT.FAILURE);
    throw err;
  });
  const consoleUrl = `${server.url}/#token=${encodeURIComponent(v.token)}`;
  if (v.json) printJson({ ok: true, mode: 'head-office', url: server.url, consoleUrl, port: server.port, token: v.token, version: appVersion() });
  else process.stdout.write(`Dispatch Desk ${appVersion()} head office on ${server.url}\n  Console: ${consoleUrl}\n  Stations push with: dispatch-desk sync --to ${server.url} --token <station token>\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  say('Stopped.');
  return EXIT.OK;
}

/** `token create --postgres URL`: a head-office token. A station token's name is its station code. */
export async function createHeadOfficeToken(postgres: string, name: string, role: string, json: boolean): Promise<number> {
  if (role !== 'station' && role !== 'owner') throw new CliError('with --postgres, --role must be station or owner');
  const ho = await openHeadOffice(postgres, { max: 1 });
  try {
    const made = await addHeadOfficeToken(ho.db, name, role);
    if (json) printJson(made);
    else {
      process.stdout.write(`${made.token}\n`);
      process.stderr.write(`Head-office token "${name}" (${role}) created; it is shown only once.\n`);
    }
    return EXIT.OK;
  } finally {
    await ho.close();
  }
}
