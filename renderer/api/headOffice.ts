import type { Channel, Input, Output } from '../../shared/contract';
import type { AllStationsAnswer, StationAnswer, StationInfo } from '../../shared/headoffice';
import { ApiError, invokeHttp, isElectron } from './client';

/**
 * The console at a head office (issue 15): the same renderer, told by `/healthz` (`mode:
 * 'head-office'`) where it is. There it reads over HTTP only: `stations.list`, and the desk's read
 * channels with `station` (one station) or without (every station's own answer).
 */
export type ServedBy = 'desk' | 'head-office';

/** Where this console is served from: a desk (or the Electron window) or a head office. */
export async function servedBy(): Promise<ServedBy> {
  if (isElectron()) return 'desk';
  try {
    const res = await fetch('/healthz', { cache: 'no-store' });
    const body = (await res.json()) as { data?: { mode?: string } };
    return body.data?.mode === 'head-office' ? 'head-office' : 'desk';
  } catch {
    // The desk's own start-up path reports an unreachable server with its retry screen.
    return 'desk';
  }
}

/** The head office's clock (`/healthz` `now`, ISO), to measure this page's skew by; undefined when it does not say. */
export async function headOfficeNow(): Promise<string | undefined> {
  const res = await fetch('/healthz', { cache: 'no-store' });
  const body = (await res.json()) as { data?: { now?: unknown } };
  return typeof body.data?.now === 'string' ? body.data.now : undefined;
}

async function data<T>(channel: string, input: object): Promise<T> {
  const r = await invokeHttp(channel, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.data as T;
}

export const listStations = () => data<StationInfo[]>('stations.list', {});

/**
 * A read channel for one station (`station` given: its desk's own answer, failures kept as that
 * station's result) or for all of them (`station` null). Throws only for what concerns the whole
 * head office (a wrong token, the database down).
 */
export async function readStations<K extends Channel>(channel: K, input: Input<K>, station: StationInfo | null): Promise<StationAnswer<Output<K>>[]> {
  if (station) {
    const result = await invokeHttp(channel, { ...(input as object), station: station.code });
    if (!result.ok && (result.error.code === 'UNAUTHORIZED' || result.error.code === 'FORBIDDEN')) throw new ApiError(result.error);
    return [{ code: station.code, name: station.name, result: result as StationAnswer<Output<K>>['result'] }];
  }
  return (await data<AllStationsAnswer<Output<K>>>(channel, input as object)).stations;
}
