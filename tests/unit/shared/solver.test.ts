import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxCardinality, solveAssignment, solveDenseJv, solveDenseSap, toDense, type CostMatrix } from '../../../shared/solver/assignment';

/** Reference: try every partial assignment; best = (max count, then min cost). */
function bruteForce(cost: CostMatrix): { count: number; cost: number } {
  const n = cost.length;
  const m = n ? Math.max(0, ...cost.map((r) => r.length)) : 0;
  const used = new Array<boolean>(m).fill(false);
  let best = { count: -1, cost: Infinity };
  const rec = (i: number, count: number, total: number) => {
    if (i === n) {
      if (count > best.count || (count === best.count && total < best.cost - 1e-9)) best = { count, cost: total };
      return;
    }
    rec(i + 1, count, total);
    for (let j = 0; j < m; j++) {
      const c = cost[i]![j];
      if (used[j] || c == null) continue;
      used[j] = true;
      rec(i + 1, count + 1, total + c);
      used[j] = false;
    }
  };
  rec(0, 0, 0);
  return { count: Math.max(0, best.count), cost: best.count <= 0 ? 0 : best.cost };
}

function check(cost: CostMatrix) {
  const ref = bruteForce(cost);
  const { data, n, m } = toDense(cost);
  for (const res of [solveAssignment(cost), solveDenseSap(data, n, m), solveDenseJv(data, n, m)]) checkOne(cost, res, ref);
}

function checkOne(cost: CostMatrix, res: ReturnType<typeof solveAssignment>, ref: { count: number; cost: number }) {
  // valid: allowed cells, distinct columns, cost matches
  const seen = new Set<number>();
  let total = 0;
  res.assignment.forEach((j, i) => {
    if (j < 0) return;
    expect(cost[i]![j]).not.toBeNull();
    expect(seen.has(j)).toBe(false);
    seen.add(j);
    total += cost[i]![j]!;
  });
  expect(res.count).toBe(seen.size);
  expect(res.count).toBe(ref.count);
  expect(res.count).toBe(maxCardinality(cost));
  expect(res.cost).toBeCloseTo(total, 6);
  expect(res.cost).toBeCloseTo(ref.cost, 6);
}

const matrix = (maxN: number, maxM: number, forbidP: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxN }), fc.integer({ min: 0, max: maxM }))
    .chain(([n, m]) =>
      fc.array(
        fc.array(fc.oneof({ weight: forbidP, arbitrary: fc.constant(null) }, { weight: 100 - forbidP, arbitrary: fc.integer({ min: -50, max: 100 }) }), {
          minLength: m,
          maxLength: m,
        }),
        { minLength: n, maxLength: n },
      ),
    );

describe('solveAssignment', () => {
  it('solves a textbook square instance', () => {
    const r = solveAssignment([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(r.cost).toBe(5);
    expect(r.assignment).toEqual([1, 0, 2]);
  });

  it('maximises the count before the cost', () => {
    // Row 0 could take col 0 cheaply, but then row 1 (only col 0) is left out.
    const r = solveAssignment([
      [1, 100],
      [5, null],
    ]);
    expect(r.assignment).toEqual([1, 0]);
    expect(r.count).toBe(2);
    expect(r.cost).toBe(105);
  });

  it('leaves all-forbidden rows unassigned and picks the cheaper competitor', () => {
    const r = solveAssignment([
      [null, null],
      [10, null],
      [1, null],
    ]);
    expect(r.assignment).toEqual([-1, -1, 0]);
    expect(r.cost).toBe(1);
  });

  it('handles empty and degenerate shapes', () => {
    expect(solveAssignment([]).assignment).toEqual([]);
    expect(solveAssignment([[], []]).assignment).toEqual([-1, -1]);
    expect(solveAssignment([[null]]).assignment).toEqual([-1]);
  });

  it('matches brute force on random wide instances (property)', () => {
    fc.assert(fc.property(matrix(5, 7, 30), (cost) => check(cost)), { numRuns: 400 });
  });

  it('matches brute force on random tall instances with many forbidden cells (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) =>
          fc.integer({ min: 0, max: n }).chain((m) =>
            fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null, freq: 2 }), { minLength: m, maxLength: m }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
        (cost) => check(cost),
      ),
      { numRuns: 400 },
    );
  });

  it('stays optimal when row reduction meets ties (regression: JV forced a row off its cheapest column)', () => {
    check([
      [null, 0, null, null],
      [null, 0.001, null, null],
      [null, 0.002, null, null],
      [null, -0.001, 0, 0],
      [null, null, null, null],
    ]);
  });

  it('handles fractional and large costs', () => {
    fc.assert(
      fc.property(
        // Costs to a thousandth, up to ±1e6: the resolution real costs have. (Arbitrary doubles such as
        // denormals beside 5e5 differ below what any float sum can tell apart, so they test rounding, not optimality.)
        fc.array(fc.array(fc.option(fc.integer({ min: -1e9, max: 1e9 }).map((x) => x / 1000), { nil: null, freq: 3 }), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (cost) => check(cost),
      ),
      { numRuns: 200 },
    );
  });

  it('matches brute force on near rank-1 instances (everyone wants the same columns)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.integer({ min: 1, max: 7 }).chain((m) =>
            fc.tuple(
              fc.array(fc.integer({ min: 0, max: 5 }), { minLength: m, maxLength: m }),
              fc.array(fc.array(fc.constantFrom(0, 0, 0, 2, null), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
            ),
          ),
        ),
        ([a, b]) => check(b.map((row) => row.map((x, j) => (x === null ? null : a[j]! + x)))),
      ),
      { numRuns: 300 },
    );
  });

  it('both methods agree on a larger structured instance', () => {
    const n = 80;
    const m = 100;
    const data = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) data[i * m + j] = (i * 7 + j * 3) % 13 === 0 ? Infinity : (j % 17) + ((i * j) % 5 === 0 ? 2 : 10);
    const a = solveDenseSap(data, n, m);
    const b = solveDenseJv(data, n, m);
    expect(a.count).toBe(b.count);
    expect(a.cost).toBeCloseTo(b.cost, 9);
  });

  it('covers the maximum on a bigger random instance', () => {
    const cost = Array.from({ length: 60 }, (_, i) => Array.from({ length: 50 }, (_, j) => ((i * 7 + j * 13) % 11 === 0 ? null : ((i * 31 + j * 17) % 97))));
    const r = solveAssignment(cost);
    expect(r.count).toBe(maxCardinality(cost));
  });
});
