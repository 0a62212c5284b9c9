/**
 * Exact rectangular min-cost assignment with forbidden cells.
 *
 * Problem: rows (routes) × columns (candidates), cost[i][j] a finite number or forbidden (null /
 * non-finite). Choose a set of (row, column) pairs, each row and each column at most once, using
 * only allowed cells, that (1) has the MAXIMUM number of pairs and (2) among those, the MINIMUM
 * total cost. Rows may be fewer or more than columns.
 *
 * Method: shortest augmenting paths with dual potentials (Jonker–Volgenant / Crouse's LAPJV
 * variant, as in SciPy's linear_sum_assignment), on Float64Array, after a row-reduction +
 * greedy tight-edge initialisation. Every row additionally owns a private "unassigned" column
 * with cost M (big-M), so every row can always be matched and the problem is feasible. M is
 * chosen larger than any possible difference of finite totals (2·(k+1)·(max|c|+1), k = min(n,m)),
 * so one more real pair always beats any cost saving: the optimum of the extended problem first
 * minimises the number of unassigned rows (= maximises cardinality) and then the finite cost.
 * The count is a separate term: the returned `cost` sums only the real cells. `maxCardinality()`
 * (Hopcroft–Karp) verifies the count independently in tests.
 *
 * Complexity O(n² · m) worst case; private dummy columns are only scanned by their own row, so
 * they add O(1) per step instead of O(n).
 */
export interface AssignmentResult {
  /** Column index per row, or -1 when the row is left unassigned. */
  assignment: number[];
  /** Sum of the costs of the assigned (allowed) cells. */
  cost: number;
  /** Number of assigned rows. */
  count: number;
}

export type CostMatrix = ReadonlyArray<ReadonlyArray<number | null | undefined>>;

/** Flatten a cost matrix into a Float64Array (row-major); forbidden → +Infinity. */
export function toDense(cost: CostMatrix): { data: Float64Array; n: number; m: number } {
  const n = cost.length;
  let m = 0;
  for (const row of cost) m = Math.max(m, row.length);
  const data = new Float64Array(n * m).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const row = cost[i]!;
    for (let j = 0; j < row.length; j++) {
      const c = row[j];
      if (typeof c === 'number' && Number.isFinite(c)) data[i * m + j] = c;
    }
  }
  return { data, n, m };
}

export function solveAssignment(cost: CostMatrix): AssignmentResult {
  const { data, n, m } = toDense(cost);
  return solveDense(data, n, m);
}

/**
 * Solve on a dense row-major Float64Array of n×m costs (+Infinity = forbidden). The array is
 * not modified.
 */
export function solveDense(c: Float64Array, n: number, m: number): AssignmentResult {
  const assignment = new Array<number>(n).fill(-1);
  if (n === 0 || m === 0) return { assignment, cost: 0, count: 0 };

  // Rows with no allowed cell are unassigned up front; the rest go to the solver.
  let maxAbs = 0;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const x = c[base + j]!;
      if (x !== Infinity) {
        any = true;
        const a = x < 0 ? -x : x;
        if (a > maxAbs) maxAbs = a;
      }
    }
    if (any) rows.push(i);
  }
  const r = rows.length;
  if (r === 0) return { assignment, cost: 0, count: 0 };
  const k = Math.min(r, m);
  const M = 2 * (k + 1) * (maxAbs + 1);

  // Columns 0..m-1 real; m + t is row t's private dummy (cost M for row t only).
  const W = m + r;
  const u = new Float64Array(r);
  const v = new Float64Array(W);
  const col4row = new Int32Array(r).fill(-1);
  const row4col = new Int32Array(W).fill(-1);
  const rowBase = new Int32Array(r);
  for (let t = 0; t < r; t++) rowBase[t] = rows[t]! * m;

  // Initialisation: u = row minimum (v = 0 stays dual-feasible); match free tight columns.
  for (let t = 0; t < r; t++) {
    const base = rowBase[t]!;
    let best = M;
    let bj = m + t;
    for (let j = 0; j < m; j++) {
      const x = c[base + j]!;
      if (x < best) {
        best = x;
        bj = j;
      }
    }
    u[t] = best;
    if (row4col[bj] === -1) {
      row4col[bj] = t;
      col4row[t] = bj;
    }
  }

  const spc = new Float64Array(W); // shortest path costs
  const path = new Int32Array(W);
  const remaining = new Int32Array(W);
  const inSR = new Uint8Array(r);
  const srList = new Int32Array(r);
  const scList = new Int32Array(W);

  for (let cur = 0; cur < r; cur++) {
    if (col4row[cur] !== -1) continue;
    // Augment from row `cur`.
    let numRemaining = m;
    for (let j = 0; j < m; j++) {
      remaining[j] = j;
      spc[j] = Infinity;
    }
    let nSR = 0;
    let nSC = 0;
    let minVal = 0;
    let i = cur;
    let sink = -1;
    while (sink === -1) {
      inSR[i] = 1;
      srList[nSR++] = i;
      // Row i's private dummy column joins the scan.
      const dj = m + i;
      spc[dj] = Infinity;
      remaining[numRemaining++] = dj;

      let lowest = Infinity;
      let index = -1;
      const base = rowBase[i]!;
      const ui = u[i]!;
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it]!;
        const cij = j < m ? c[base + j]! : j === dj ? M : Infinity;
        const rc = minVal + cij - ui - v[j]!;
        if (rc < spc[j]!) {
          path[j] = i;
          spc[j] = rc;
        }
        const s = spc[j]!;
        if (s < lowest || (s === lowest && row4col[j] === -1)) {
          lowest = s;
          index = it;
        }
      }
      minVal = lowest;
      if (index < 0 || minVal === Infinity) throw new Error('assignment: infeasible (should not happen)');
      const j = remaining[index]!;
      scList[nSC++] = j;
      remaining[index] = remaining[--numRemaining]!;
      if (row4col[j] === -1) sink = j;
      else i = row4col[j]!;
    }
    // Dual update.
    u[cur] = u[cur]! + minVal;
    for (let s = 0; s < nSR; s++) {
      const ii = srList[s]!;
      inSR[ii] = 0;
      if (ii !== cur) u[ii] = u[ii]! + minVal - spc[col4row[ii]!]!;
    }
    for (let s = 0; s < nSC; s++) {
      const jj = scList[s]!;
      v[jj] = v[jj]! - (minVal - spc[jj]!);
    }
    // Augment along the path.
    let j = sink;
    for (;;) {
      const ii = path[j]!;
      row4col[j] = ii;
      const prev = col4row[ii]!;
      col4row[ii] = j;
      j = prev;
      if (ii === cur) break;
    }
  }

  let total = 0;
  let count = 0;
  for (let t = 0; t < r; t++) {
    const j = col4row[t]!;
    if (j >= 0 && j < m) {
      const row = rows[t]!;
      assignment[row] = j;
      total += c[row * m + j]!;
      count++;
    }
  }
  return { assignment, cost: total, count };
}

/** Maximum number of pairs using allowed cells only (Hopcroft–Karp); to verify cardinality. */
export function maxCardinality(cost: CostMatrix): number {
  const { data, n, m } = toDense(cost);
  const adj: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a: number[] = [];
    for (let j = 0; j < m; j++) if (data[i * m + j] !== Infinity) a.push(j);
    adj.push(a);
  }
  const matchR = new Int32Array(n).fill(-1);
  const matchC = new Int32Array(m).fill(-1);
  const dist = new Int32Array(n);
  const bfs = (): boolean => {
    const q: number[] = [];
    let found = false;
    for (let i = 0; i < n; i++) {
      if (matchR[i] === -1) {
        dist[i] = 0;
        q.push(i);
      } else dist[i] = -1;
    }
    for (let h = 0; h < q.length; h++) {
      const i = q[h]!;
      for (const j of adj[i]!) {
        const i2 = matchC[j]!;
        if (i2 === -1) found = true;
        else if (dist[i2] === -1) {
          dist[i2] = dist[i]! + 1;
          q.push(i2);
        }
      }
    }
    return found;
  };
  const dfs = (i: number): boolean => {
    for (const j of adj[i]!) {
      const i2 = matchC[j]!;
      if (i2 === -1 || (dist[i2] === dist[i]! + 1 && dfs(i2))) {
        matchR[i] = j;
        matchC[j] = i;
        return true;
      }
    }
    dist[i] = -1;
    return false;
  };
  let count = 0;
  while (bfs()) for (let i = 0; i < n; i++) if (matchR[i] === -1 && dfs(i)) count++;
  return count;
}
