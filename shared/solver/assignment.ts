/**
 * Exact rectangular min-cost assignment with forbidden cells.
 *
 * Problem: rows (routes) × columns (candidates), cost[i][j] a finite number or forbidden (null /
 * non-finite). Choose pairs (each row and column at most once, allowed cells only) that (1) are
 * as MANY as possible and (2) among those, cost the LEAST in total. Rows may be fewer or more
 * than columns; rows with no allowed cell are left out up front.
 *
 * Two exact methods on Float64Array (solveDense picks one by the shape of the costs):
 * - solveDenseSap — shortest augmenting paths with dual potentials on the rectangular matrix
 *   (Crouse's LAPJV variant, as in SciPy's linear_sum_assignment) after a row-reduction, greedy
 *   tight-edge and augmenting-row-reduction warm start. Each row owns a private "unassigned"
 *   column of cost M (big-M), scanned only by its own row, so the problem is always feasible.
 * - solveDenseJv — Jonker–Volgenant 1987 (column reduction, reduction transfer, augmenting row
 *   reduction, shortest augmenting paths) on the square matrix padded with a constant L ≥ every
 *   allowed cost; forbidden cells cost M.
 * Cardinality first: M exceeds any saving a rearrangement of allowed cells can make
 * (M > (N+1)·(max−min+1) over allowed costs), so one more M cell (= one fewer assigned row) is
 * never worth it; the reported cost sums allowed cells only (a separate count term).
 * `maxCardinality()` (Hopcroft–Karp) verifies the count independently in the tests, which also
 * compare both methods with a brute force on random, tall, wide, all-forbidden-row and near
 * rank-1 instances.
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
export function solveDenseJv(c: Float64Array, n: number, m: number): AssignmentResult {
  const assignment = new Array<number>(n).fill(-1);
  if (n === 0 || m === 0) return { assignment, cost: 0, count: 0 };

  // Rows with no allowed cell are unassigned up front; the rest go to the solver.
  let lo = Infinity;
  let hi = -Infinity;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const x = c[base + j]!;
      if (x !== Infinity) {
        any = true;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    if (any) rows.push(i);
  }
  const r = rows.length;
  if (r === 0) return { assignment, cost: 0, count: 0 };

  // Square N×N: real rows × real columns; forbidden = M; padding rows/columns = L (a constant
  // ≥ every allowed cost, so padding never competes and adds a fixed amount). One M cell more
  // costs more than any rearrangement of allowed cells can save (N·spread), so the optimum has
  // the fewest M cells = the most assigned rows, then the least cost.
  const N = Math.max(r, m);
  const L = hi;
  const M = hi + (N + 1) * (hi - lo + 1);
  const a = new Float64Array(N * N).fill(L);
  for (let t = 0; t < r; t++) {
    const src = rows[t]! * m;
    const dst = t * N;
    for (let j = 0; j < m; j++) {
      const x = c[src + j]!;
      a[dst + j] = x === Infinity ? M : x;
    }
  }
  const rowsol = lapjv(a, N);
  let total = 0;
  let count = 0;
  for (let t = 0; t < r; t++) {
    const j = rowsol[t]!;
    if (j < m) {
      const x = c[rows[t]! * m + j]!;
      if (x !== Infinity) {
        assignment[rows[t]!] = j;
        total += x;
        count++;
      }
    }
  }
  return { assignment, cost: total, count };
}

/**
 * Solve on a dense row-major Float64Array of n×m costs (+Infinity = forbidden); not modified.
 * Two exact methods, picked by the shape of the costs: rectangular shortest augmenting paths
 * (fast when rows want different columns, e.g. random costs) or Jonker–Volgenant on the padded
 * square matrix (column reduction copes with "everyone wants the same few columns", which is what
 * driver costs with a strong per-driver part look like). Both return an optimum.
 */
export function solveDense(c: Float64Array, n: number, m: number): AssignmentResult {
  if (n === 0 || m === 0) return { assignment: new Array<number>(n).fill(-1), cost: 0, count: 0 };
  const seen = new Uint8Array(m);
  let distinct = 0;
  let rowsWithAny = 0;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    let best = Infinity;
    let bj = -1;
    for (let j = 0; j < m; j++) {
      const x = c[base + j]!;
      if (x < best) {
        best = x;
        bj = j;
      }
    }
    if (bj < 0) continue;
    rowsWithAny++;
    if (!seen[bj]) {
      seen[bj] = 1;
      distinct++;
    }
  }
  return distinct * 2 >= rowsWithAny ? solveDenseSap(c, n, m) : solveDenseJv(c, n, m);
}

/**
 * Jonker–Volgenant (1987) for a dense square N×N matrix of finite costs: column reduction,
 * reduction transfer, two rounds of augmenting row reduction, then shortest augmenting paths
 * (Dijkstra over columns with the JV "collist" scan). Returns the column of each row.
 */
export function lapjv(cost: Float64Array, N: number): Int32Array {
  const rowsol = new Int32Array(N).fill(-1);
  const colsol = new Int32Array(N).fill(-1);
  if (N === 1) {
    rowsol[0] = 0;
    return rowsol;
  }
  const v = new Float64Array(N);
  const matches = new Int32Array(N);
  const free = new Int32Array(N);

  // Column reduction.
  for (let j = N - 1; j >= 0; j--) {
    let min = cost[j]!;
    let imin = 0;
    for (let i = 1; i < N; i++) {
      const x = cost[i * N + j]!;
      if (x < min) {
        min = x;
        imin = i;
      }
    }
    v[j] = min;
    if (++matches[imin] === 1) {
      rowsol[imin] = j;
      colsol[j] = imin;
    } else if (v[j]! < v[rowsol[imin]!]!) {
      const j1 = rowsol[imin]!;
      rowsol[imin] = j;
      colsol[j] = imin;
      colsol[j1] = -1;
    } else colsol[j] = -1;
  }
  // Reduction transfer.
  let numfree = 0;
  for (let i = 0; i < N; i++) {
    if (matches[i] === 0) free[numfree++] = i;
    else if (matches[i] === 1) {
      const j1 = rowsol[i]!;
      let min = Infinity;
      const base = i * N;
      for (let j = 0; j < N; j++) {
        if (j === j1) continue;
        const h = cost[base + j]! - v[j]!;
        if (h < min) min = h;
      }
      v[j1] = v[j1]! - min;
    }
  }
  // Augmenting row reduction (bounded).
  let budget = 8 * N + 64;
  for (let loop = 0; loop < 2; loop++) {
    let k = 0;
    const prvnumfree = numfree;
    numfree = 0;
    while (k < prvnumfree) {
      if (budget-- <= 0) {
        // Ties can make row reduction cycle; past the budget, leave the remaining free rows to the
        // shortest-path phase (always exact) instead of forcing them onto a non-minimal column.
        while (k < prvnumfree) free[numfree++] = free[k++]!;
        break;
      }
      const i = free[k++]!;
      const base = i * N;
      let umin = cost[base]! - v[0]!;
      let j1 = 0;
      let j2 = -1;
      let usubmin = Infinity;
      for (let j = 1; j < N; j++) {
        const h = cost[base + j]! - v[j]!;
        if (h < usubmin) {
          if (h >= umin) {
            usubmin = h;
            j2 = j;
          } else {
            usubmin = umin;
            umin = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      let i0 = colsol[j1]!;
      const progress = umin < usubmin;
      if (progress) v[j1] = v[j1]! - (usubmin - umin);
      else if (i0 > -1 && j2 >= 0) {
        j1 = j2;
        i0 = colsol[j2]!;
      }
      rowsol[i] = j1;
      colsol[j1] = i;
      if (i0 > -1) {
        rowsol[i0] = -1;
        if (progress) free[--k] = i0;
        else free[numfree++] = i0;
      }
    }
  }
  // Augment each remaining free row along a shortest path.
  const d = new Float64Array(N);
  const pred = new Int32Array(N);
  const collist = new Int32Array(N);
  for (let f = 0; f < numfree; f++) {
    const freerow = free[f]!;
    const fb = freerow * N;
    for (let j = 0; j < N; j++) {
      d[j] = cost[fb + j]! - v[j]!;
      pred[j] = freerow;
      collist[j] = j;
    }
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endofpath = -1;
    let found = false;
    do {
      if (up === low) {
        last = low - 1;
        min = d[collist[up++]!]!;
        for (let k = up; k < N; k++) {
          const j = collist[k]!;
          const h = d[j]!;
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            collist[k] = collist[up]!;
            collist[up++] = j;
          }
        }
        for (let k = low; k < up; k++) {
          if (colsol[collist[k]!]! < 0) {
            endofpath = collist[k]!;
            found = true;
            break;
          }
        }
      }
      if (!found) {
        const j1 = collist[low++]!;
        const i = colsol[j1]!;
        const ib = i * N;
        const h = cost[ib + j1]! - v[j1]! - min;
        for (let k = up; k < N; k++) {
          const j = collist[k]!;
          const v2 = cost[ib + j]! - v[j]! - h;
          if (v2 < d[j]!) {
            pred[j] = i;
            if (v2 === min) {
              if (colsol[j]! < 0) {
                endofpath = j;
                found = true;
                break;
              }
              collist[k] = collist[up]!;
              collist[up++] = j;
            }
            d[j] = v2;
          }
        }
      }
    } while (!found);
    // Update the prices of the columns scanned before the last minimum.
    for (let k = 0; k <= last; k++) {
      const j1 = collist[k]!;
      v[j1] = v[j1]! + d[j1]! - min;
    }
    // Flip the alternating path.
    for (;;) {
      const i = pred[endofpath]!;
      colsol[endofpath] = i;
      const j1 = endofpath;
      endofpath = rowsol[i]!;
      rowsol[i] = j1;
      if (i === freerow) break;
    }
  }
  return rowsol;
}

export function solveDenseSap(c: Float64Array, n: number, m: number): AssignmentResult {
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
    if (row4col[bj] !== -1 && bj < m) {
      // Ties are common (structured costs): take a free column of the same minimum if any.
      for (let j = bj + 1; j < m; j++) {
        if (c[base + j] === best && row4col[j] === -1) {
          bj = j;
          break;
        }
      }
    }
    if (row4col[bj] === -1) {
      row4col[bj] = t;
      col4row[t] = bj;
    }
  }

  // Augmenting row reduction (Jonker–Volgenant): free rows bid for their cheapest column,
  // lowering its v by the gap to their second-cheapest, and evict its owner. Only matched columns'
  // v decrease (free columns keep v = 0) and every matched edge stays tight, so the duals stay a
  // valid start for the shortest augmenting paths below. Bounded, it is only a warm start.
  {
    const free: number[] = [];
    for (let t = 0; t < r; t++) if (col4row[t] === -1) free.push(t);
    let budget = 4 * r + 16;
    let head = 0;
    while (head < free.length && budget-- > 0) {
      const t = free[head++]!;
      const base = rowBase[t]!;
      const dj = m + t;
      let u1 = M - v[dj]!;
      let j1 = dj;
      let u2 = Infinity;
      let j2 = -1;
      for (let j = 0; j < m; j++) {
        const h = c[base + j]! - v[j]!;
        if (h < u2) {
          if (h < u1) {
            u2 = u1;
            j2 = j1;
            u1 = h;
            j1 = j;
          } else {
            u2 = h;
            j2 = j;
          }
        }
      }
      let owner = row4col[j1]!;
      if (u1 < u2) {
        v[j1] = v[j1]! - (u2 - u1);
      } else if (owner !== -1 && j2 >= 0) {
        j1 = j2;
        owner = row4col[j1]!;
      }
      if (owner !== -1) {
        col4row[owner] = -1;
        if (u1 < u2) free[--head] = owner;
        else free.push(owner);
      }
      row4col[j1] = t;
      col4row[t] = j1;
      u[t] = j1 < m ? c[base + j1]! - v[j1]! : M - v[j1]!;
    }
    // Free rows start the shortest-path phase with u = min reduced cost (dual feasible).
    for (let t = 0; t < r; t++) {
      if (col4row[t] !== -1) continue;
      const base = rowBase[t]!;
      let best = M - v[m + t]!;
      for (let j = 0; j < m; j++) {
        const h = c[base + j]! - v[j]!;
        if (h < best) best = h;
      }
      u[t] = best;
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
