/** Timing for benches: median wall and CPU time after warm-up runs (CPU time is steadier on a shared machine). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const r2 = (x: number) => Math.round(x * 100) / 100;

export interface Timed {
  /** Median wall time (ms). */
  wall: number;
  /** Median CPU time of this process (ms). */
  cpu: number;
}

/** `runs` timed runs of `f` after `warm` untimed ones. */
export async function timed(runs: number, f: () => Promise<unknown> | unknown, warm = 2): Promise<Timed> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + warm; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i < warm) continue;
    wall.push(t);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: r2(median(wall)), cpu: r2(median(cpu)) };
}
