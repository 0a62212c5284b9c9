/**
 * The compiled CLI as a child process, for the suites that run real processes (the fault suite,
 * the head office): its output collected, and the JSON a `serve … --json` prints once it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** Run `node <cliFile> …args` in the project folder with `env`; `done` resolves when it exits. */
export function spawnCli(cliFile: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [cliFile, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** The JSON a server prints on stdout once it listens; rejects with its stderr (named `what`) if it exits first. */
export function listeningJson<T>(child: ChildProcess, done: Promise<Run>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        /* not all of it yet */
      }
    });
    void done.then((r) => reject(new Error(`${what} exited (${r.code ?? r.signal}): ${r.stderr.trim()}`)));
  });
}

/** Send `signal` to a child that is still running, and wait for its exit (at once when it already ended). */
export function endChild(child: ChildProcess, done: Promise<Run>, signal: NodeJS.Signals = 'SIGTERM'): Promise<Run> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return done;
}
