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

let bounded = false;
/**
 * Keep the old generation within 30 % of what is live. By default V8 lets it grow up to four
 * times the live size before the next full collection when the collector looks cheap compared
 * with the program — in an ingest flood, where every request lives about as long as its queue
 * wait and so survives the young-generation passes, that meant 100+ MB of dead requests held at
 * the peak. A growth of 30 % costs more frequent (concurrent, small-heap) full collections.
 * Process-wide, set once by the first ingest server.
 */
export function boundHeapGrowth(percent = 30): void {
  if (bounded) return;
  bounded = true;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * Watches a request counter: after a burst (over `burstPerSecond` requests in a second) followed
 * by `quietSeconds` of calm (under `quietPerSecond` a second), runs `onQuiet` and collects garbage once. Returns a
 * function that counts one request, and a stop function.
 */
export function afterBurstCollect(
  opts: { burstPerSecond?: number; quietPerSecond?: number; quietSeconds?: number; /** Run first (e.g. release caches). */ onQuiet?: () => void } = {},
): { count(): void; stop(): void } {
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
      try {
        opts.onQuiet?.();
      } catch (err) {
        console.error('[memory] releasing caches after a burst failed:', (err as Error).message);
      }
      collectGarbageNow();
    }
  }, 1_000);
  timer.unref?.();
  return { count: () => void n++, stop: () => clearInterval(timer) };
}
