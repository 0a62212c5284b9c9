import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The compiled CLI as a child process (DESK_CRASH_AT in env names a crash point). */
export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [inject('hoCli'), ...args], {
    cwd: root,
    env: { ...process.env, DESK_MIGRATIONS_DIR: path.join(root, 'electron/db/migrations'), DESK_PG_MIGRATIONS_DIR: path.join(root, 'electron/db/pg-migrations'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return { child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))) };
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
  const info = await new Promise<{ url: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      try {
        resolve(JSON.parse(out) as { url: string });
      } catch {
        /* not all of it yet */
      }
    });
    void done.then((r) => reject(new Error(`head office exited (${r.code ?? r.signal}): ${r.stderr.trim()}`)));
  });
  return {
    url: info.url,
    child,
    done,
    stop: () => {
      child.kill('SIGTERM');
      return done;
    },
  };
}
