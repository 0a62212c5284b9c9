import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Channel, Input, Output } from '../../shared/contract';
import type { DeskEvent } from '../../shared/events';
import type { AppInfo } from '../../shared/contract/station';
import { api, ApiError } from './client';

/** Desk events fan out from one subscription in App to every hook that listens. */
type Listener = (e: DeskEvent) => void;
const listeners = new Set<Listener>();
export function publishEvent(e: DeskEvent): void {
  for (const l of listeners) l(e);
}
export function useDeskEvent(fn: Listener): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const l: Listener = (e) => ref.current(e);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
}

export interface ChannelState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Read a channel and keep it fresh: refetches when the input changes and after any write made
 * anywhere (the `changed` event), unless `live` is false.
 */
export function useChannel<K extends Channel>(channel: K, input: Input<K>, opts: { live?: boolean; skip?: boolean } = {}): ChannelState<Output<K>> {
  const [data, setData] = useState<Output<K>>();
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(!opts.skip);
  const key = JSON.stringify(input);
  const seq = useRef(0);
  const load = useCallback(() => {
    if (opts.skip) return;
    const mine = ++seq.current;
    setLoading(true);
    api(channel, JSON.parse(key) as Input<K>).then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
        setLoading(false);
      },
    );
  }, [channel, key, opts.skip]);
  useEffect(load, [load]);
  useDeskEvent((e) => {
    if (opts.live !== false && e.type === 'changed') load();
  });
  return { data, error, loading, reload: load };
}

/**
 * A read channel whose answer its own event carries (`health`, `sync`): loaded once, replaced by each
 * such event, and loaded again after the event stream reconnects. Null until loaded, or when it fails.
 */
export function useEventChannel<K extends Channel>(channel: K, eventType: string): Output<K> | null {
  const [data, setData] = useState<Output<K> | null>(null);
  useEffect(() => {
    api(channel, {} as Input<K>).then(setData, () => setData(null));
  }, [channel]);
  useDeskEvent((e) => {
    if (e.type === eventType) setData(e.data as Output<K>);
    else if (e.type === 'changed' && (e.channel === 'reconnected' || e.channel === 'connected')) api(channel, {} as Input<K>).then(setData, () => {});
  });
  return data;
}

/** App-wide facts (role, station, today) loaded once by the shell. */
export const AppInfoContext = createContext<AppInfo | null>(null);
export const useAppInfo = () => useContext(AppInfoContext);
/** True when the caller may write (desk role, writable database); owner tokens and a read-only station see read-only screens. */
export const useCanWrite = () => {
  const info = useContext(AppInfoContext);
  return info?.role === 'desk' && !info.readOnly;
};
