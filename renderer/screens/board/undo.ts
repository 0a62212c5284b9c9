/**
 * The board's undo/redo history. Every board change is recorded as an `UndoOp`: running it puts
 * things back and answers with the op that reverses *that* (so undo yields redo and vice versa).
 * Board writes answer with `undo: RestoreInput` for `board.restore`, whose answer carries its own
 * `undo`; check-in changes answer with the previous status. Pure: no React, no network here.
 */
export interface UndoOp {
  /** What the change was, e.g. "Assign Ana Diaz to CX12" (shown as "Undo: …"). */
  label: string;
  /** Reverse the change; resolves with the op that re-does it. */
  run(): Promise<UndoOp>;
}

export interface UndoSnapshot {
  undo: string | null;
  redo: string | null;
  depth: number;
  busy: boolean;
}

export class UndoHistory {
  private done: UndoOp[] = [];
  private undone: UndoOp[] = [];
  private busy = false;
  private listeners = new Set<() => void>();
  private snap: UndoSnapshot = { undo: null, redo: null, depth: 0, busy: false };

  constructor(private readonly limit = 200) {}

  /** Record a change just made (its reversing op). Clears the redo list. */
  push(op: UndoOp): void {
    this.done.push(op);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    this.emit();
  }

  /** Reverse the latest change. Resolves with its label, or null when there is nothing to undo. */
  undo(): Promise<string | null> {
    return this.step(this.done, this.undone);
  }

  /** Re-do the latest undone change. */
  redo(): Promise<string | null> {
    return this.step(this.undone, this.done);
  }

  /** Forget everything (e.g. the date changed). */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.emit();
  }

  private async step(from: UndoOp[], to: UndoOp[]): Promise<string | null> {
    if (this.busy) return null;
    const op = from.pop();
    if (!op) return null;
    this.busy = true;
    this.emit();
    try {
      const inverse = await op.run();
      to.push(inverse);
      return op.label;
    } finally {
      // A failed op is dropped: the board changed underneath it (e.g. another console), and
      // retrying the same stale state would fail again.
      this.busy = false;
      this.emit();
    }
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };

  snapshot = (): UndoSnapshot => this.snap;

  private emit(): void {
    this.snap = {
      undo: this.done.at(-1)?.label ?? null,
      redo: this.undone.at(-1)?.label ?? null,
      depth: this.done.length,
      busy: this.busy,
    };
    for (const l of this.listeners) l();
  }
}
