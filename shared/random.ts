/**
 * Small deterministic pseudo-random numbers for demo data, simulators and property tests.
 * mulberry32: 32-bit state, fast, good enough for realistic-looking data (not for secrets).
 * Same seed → same sequence on every platform.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string to 32 bits: turns labels into sub-seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick by weight: [[value, weight], …]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `n` distinct items in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** Roughly normal (sum of uniforms), clamped to [min, max] when given. */
  normal(mean: number, sd: number, min?: number, max?: number): number;
  /** A string of `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
  /** An independent stream derived from this seed and a label: adding draws here never shifts it. */
  fork(label: string | number): Rng;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    seed: seed >>> 0,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r < 0) return v;
      }
      return items[items.length - 1]![0];
    },
    shuffle: (items) => {
      const a = items.slice();
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    },
    sample: (items, n) => rng.shuffle(items).slice(0, Math.max(0, n)),
    normal: (mean, sd, min = -Infinity, max = Infinity) => {
      const z = next() + next() + next() + next() + next() + next() - 3; // ≈ N(0, 0.707)
      return Math.min(max, Math.max(min, mean + z * sd * 1.414));
    },
    chars: (alphabet, length) => {
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
    fork: (label) => createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(String(label))) >>> 0),
  };
  return rng;
}
