/**
 * Change events pushed to every open console (IPC in Electron, WS /events over HTTP).
 * `changed` is sent after every successful write channel; areas may send their own types too.
 */
export interface DeskEvent {
  type: string;
  at: string;
  /** The write channel that caused it, for `changed`. */
  channel?: string;
  actor?: string;
  /** Free payload for area-specific events (positions batches, board changes…). */
  data?: unknown;
}

export type EventListener = (event: DeskEvent) => void;

export class EventBus {
  private listeners = new Set<EventListener>();
  subscribe(fn: EventListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(event: DeskEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(event);
      } catch {
        // one broken listener must not stop the others
      }
    }
  }
  get size(): number {
    return this.listeners.size;
  }
}
