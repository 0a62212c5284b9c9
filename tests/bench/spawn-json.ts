import { spawn, type SpawnOptions } from 'node:child_process';

/** Run node with `args` (a CLI command with `--json`) and parse its one JSON answer; rejects with the stderr tail. */
export function spawnJson<T>(name: string, args: string[], opts: SpawnOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout!.on('data', (c) => (out += String(c)));
    p.stderr!.on('data', (c) => (err += String(c)));
    p.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`${name} exited ${code}: ${err.slice(-1000)}`));
      }
    });
  });
}
