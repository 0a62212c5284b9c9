/**
 * Exact min-cost flow by successive shortest augmenting paths (the family of the assignment solver
 * beside it: Dijkstra on reduced costs with Johnson potentials). Integer capacities and costs; edge
 * costs may be negative as long as the network has no negative cycle (e.g. it is a DAG — the
 * initial potentials come from Bellman–Ford).
 *
 * `minCostFlow(source, sink)` sends flow while a shortest path still LOWERS the total cost (its cost
 * is < 0), so the answer is the minimum cost over every flow value (capped by `maxFlow`). Path costs
 * never decrease from one augmentation to the next, so stopping at the first non-negative path is exact.
 * Each Dijkstra stops once the sink is settled; potentials move by min(dist, dist[sink]) (as in
 * AtCoder Library's min-cost flow), so reduced costs stay non-negative.
 */
export class FlowNetwork {
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];
  private head: number[];
  private next: number[] = [];

  constructor(readonly nodes: number) {
    this.head = new Array<number>(nodes).fill(-1);
  }

  /** Add an edge u → v; returns its index (read its flow with `flowOn`). */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`capacity must be a whole number ≥ 0 (edge ${u} → ${v})`);
    const e = this.to.length;
    this.push(u, v, capacity, cost);
    this.push(v, u, 0, -cost);
    return e;
  }

  private push(u: number, v: number, capacity: number, cost: number): void {
    this.to.push(v);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[u]!);
    this.head[u] = this.to.length - 1;
  }

  /** Flow on an edge returned by addEdge (= the residual capacity of its reverse). */
  flowOn(edge: number): number {
    return this.cap[edge ^ 1]!;
  }

  minCostFlow(source: number, sink: number, maxFlow = Infinity): { flow: number; cost: number } {
    const n = this.nodes;
    // Typed copies for the search loops; capacities are written back so flowOn() reads the result.
    const to = Int32Array.from(this.to);
    const cap = Float64Array.from(this.cap);
    const cost = Float64Array.from(this.cost);
    const head = Int32Array.from(this.head);
    const next = Int32Array.from(this.next);
    try {
      return this.run(n, source, sink, maxFlow, to, cap, cost, head, next);
    } finally {
      for (let e = 0; e < cap.length; e++) this.cap[e] = cap[e]!;
    }
  }

  private run(n: number, source: number, sink: number, maxFlow: number, to: Int32Array, cap: Float64Array, cost: Float64Array, head: Int32Array, next: Int32Array): { flow: number; cost: number } {
    // Potentials: Bellman–Ford from the source over edges with capacity (no negative cycle assumed).
    const pot = new Float64Array(n).fill(Infinity);
    pot[source] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (pot[u] === Infinity) continue;
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          if (cap[e]! > 0 && pot[u]! + cost[e]! < pot[to[e]!]!) {
            pot[to[e]!] = pot[u]! + cost[e]!;
            changed = true;
          }
        }
      }
      if (!changed) break;
      if (round === n - 1) throw new Error('negative cycle in the flow network');
    }
    for (let u = 0; u < n; u++) if (pot[u] === Infinity) pot[u] = 0;

    const dist = new Float64Array(n);
    const prevEdge = new Int32Array(n);
    const heap = new MinHeap();
    let flow = 0;
    let total = 0;
    while (flow < maxFlow) {
      dist.fill(Infinity);
      prevEdge.fill(-1);
      dist[source] = 0;
      heap.clear(); // entries left from the last search (it stopped at the sink)
      heap.push(source, 0);
      while (heap.size > 0) {
        const [u, d] = heap.pop();
        if (d > dist[u]!) continue;
        if (u === sink) break; // the sink is settled: nothing beyond it matters for this path
        for (let e = head[u]!; e !== -1; e = next[e]!) {
          if (cap[e]! <= 0) continue;
          const v = to[e]!;
          const nd = d + cost[e]! + pot[u]! - pot[v]!;
          if (nd < dist[v]!) {
            dist[v] = nd;
            prevEdge[v] = e;
            heap.push(v, nd);
          }
        }
      }
      if (dist[sink] === Infinity) break;
      const pathCost = dist[sink]! + pot[sink]! - pot[source]!;
      if (pathCost >= 0) break; // no cheaper flow: the minimum over all flow values is reached
      // Johnson potentials: + min(dist, dist[sink]) for every node (unreached ones get dist[sink]),
      // which keeps every residual arc's reduced cost ≥ 0 even though Dijkstra stopped at the sink.
      const ds = dist[sink]!;
      for (let u = 0; u < n; u++) pot[u] = pot[u]! + Math.min(dist[u]!, ds);
      let push = maxFlow - flow;
      for (let v = sink; v !== source; v = to[prevEdge[v]! ^ 1]!) push = Math.min(push, cap[prevEdge[v]!]!);
      for (let v = sink; v !== source; v = to[prevEdge[v]! ^ 1]!) {
        cap[prevEdge[v]!] -= push;
        cap[prevEdge[v]! ^ 1] += push;
      }
      flow += push;
      total += push * pathCost;
    }
    return { flow, cost: total };
  }
}

/** A binary heap of (node, key) with lazy deletion. */
class MinHeap {
  private nodes: number[] = [];
  private keys: number[] = [];
  get size() {
    return this.nodes.length;
  }
  clear() {
    this.nodes.length = 0;
    this.keys.length = 0;
  }
  push(node: number, key: number) {
    const { nodes, keys } = this;
    let i = nodes.length;
    nodes.push(node);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      nodes[i] = nodes[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    nodes[i] = node;
    keys[i] = key;
  }
  pop(): [number, number] {
    const { nodes, keys } = this;
    const top: [number, number] = [nodes[0]!, keys[0]!];
    const lastN = nodes.pop()!;
    const lastK = keys.pop()!;
    if (nodes.length > 0) {
      let i = 0;
      const n = nodes.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastK) break;
        nodes[i] = nodes[c]!;
        keys[i] = keys[c]!;
        i = c;
      }
      nodes[i] = lastN;
      keys[i] = lastK;
    }
    return top;
  }
}
