import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { endChild, listeningJson, projectRoot as root, spawnCli, type Run } from '../helpers/child-cli';

export type { Run };

/** The compiled CLI as a child process (DESK_CRASH_AT in env names a crash point). */
export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  return spawnCli(inject('hoCli'), args, { ...process.env, DESK_MIGRATIONS_DIR: path.join(root, 'electron/db/migrations'), DESK_PG_MIGRATIONS_DIR: path.join(root, 'electron/db/pg-migrations'), ...env });
}

export const cli = (args: string[], env: Record<string, string> = {}) => startCli(args, env).done;

export interface HeadOfficeProcess {
  url: string;
  child: ChildProcess;
  done: Promise<Run>;
  stop(): Promise<Run>;
}

/** `serve --head-office --json` on a fixed port; resolves once it listens. */
export async function startHeadOffice(postgres: string, port: number, env: Record<string, string> = {}): Promise<HeadOfficeProcess> {
  const { child, done } = startCli(['serve', '--head-office', '--postgres', postgres, '--port', String(port), '--token=owner-token-for-tests', '--json'], env);
  const info = await listeningJson<{ url: string }>(child, done, 'head office');
  return {
    url: info.url,
    child,
    done,
    stop: () => endChild(child, done),
  };
}
