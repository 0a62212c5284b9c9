import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * One full, compacting garbage collection now. After a flood of requests V8 keeps the flood's
 * garbage — and the half-empty pages that held it — until its own memory reducer runs, 30–60 s
 * later, and even then it does not move the survivors together, so RSS stays high. The desk calls
 * this once a flood is over (a pause of 50–400 ms while nothing else is going on) and the memory
 * goes back to the system at once. Returns false where it cannot.
 */
export function collectGarbageNow(): boolean {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (!gc) return false;
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return true;
}

/**
 * Watches a request counter: after a burst (over `burstPerSecond` requests in a second) followed
 * by `quietSeconds` of calm (under `quietPerSecond` a second), collects garbage once. Returns a
 * function that counts one request, and a stop function.
 */
export function afterBurstCollect(opts: { burstPerSecond?: number; quietPerSecond?: number; quietSeconds?: number } = {}): { count(): void; stop(): void } {
  const burst = opts.burstPerSecond ?? 1_000;
  const quiet = opts.quietPerSecond ?? 50;
  const quietSeconds = opts.quietSeconds ?? 2;
  let n = 0;
  let inBurst = false;
  let calm = 0;
  const timer = setInterval(() => {
    const seen = n;
    n = 0;
    if (seen >= burst) {
      inBurst = true;
      calm = 0;
    } else if (inBurst && seen < quiet && ++calm >= quietSeconds) {
      inBurst = false;
      collectGarbageNow();
    }
  }, 1_000);
  timer.unref?.();
  return { count: () => void n++, stop: () => clearInterval(timer) };
}
