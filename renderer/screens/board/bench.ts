/**
 * `?bench` hook for the browser benchmark (tests/bench/board-filter.bench.ts): the filter box marks
 * the keystroke, the table records when React committed the filtered rows and when the next frame
 * was painted. Results collect in `window.__boardBench`. Off (and free) without `?bench` in the URL.
 */
export interface FilterSample {
  filter: string;
  rows: number;
  /** keystroke (input event) → React commit of the filtered table, ms */
  commitMs: number;
  /** keystroke → next animation frame after the commit (≈ painted), ms */
  frameMs: number;
}

declare global {
  interface Window {
    __boardBench?: FilterSample[];
  }
}

export const benchEnabled = typeof window !== 'undefined' && /[?&]bench\b/.test(window.location.search);

let inputAt: number | null = null;

/** `at`: the input event's timeStamp (same clock as performance.now()). */
export function markFilterInput(at?: number): void {
  if (!benchEnabled) return;
  inputAt = at && at > 0 && at <= performance.now() ? at : performance.now();
}

export function recordFilterCommit(filter: string, rows: number): void {
  if (!benchEnabled || inputAt === null) return;
  const start = inputAt;
  inputAt = null;
  const commitMs = performance.now() - start;
  const list = (window.__boardBench ??= []);
  const sample: FilterSample = { filter, rows, commitMs, frameMs: NaN };
  list.push(sample);
  requestAnimationFrame(() => {
    sample.frameMs = performance.now() - start;
  });
}
