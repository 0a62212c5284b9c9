import { createContext, useContext, useEffect, useState } from 'react';
import type { Channel, Input, Output } from '../../../shared/contract';
import type { StationAnswer, StationInfo } from '../../../shared/headoffice';
import { ApiError } from '../../api/client';
import { readStations } from '../../api/headOffice';

/** The head office's stations, the one picked (null = all stations), and a refresh counter every read follows. */
export interface HeadOffice {
  stations: StationInfo[];
  picked: StationInfo | null;
  pick(code: string | null): void;
  /** Bumped by the Refresh button: every screen reads again. */
  generation: number;
}

export const HeadOfficeContext = createContext<HeadOffice | null>(null);

export function useHeadOffice(): HeadOffice {
  const ho = useContext(HeadOfficeContext);
  if (!ho) throw new Error('useHeadOffice outside the head-office console');
  return ho;
}

const PICKED_KEY = 'desk.headOffice.station';
/** The station picked last time in this browser (null = all stations). */
export const rememberedStation = () => localStorage.getItem(PICKED_KEY);
export function rememberStation(code: string | null): void {
  if (code) localStorage.setItem(PICKED_KEY, code);
  else localStorage.removeItem(PICKED_KEY);
}

export interface StationsRead<T> {
  answers: StationAnswer<T>[] | undefined;
  error: ApiError | null;
  loading: boolean;
}

/**
 * A read channel for the picked station (its input carries `station`) or for all stations, read
 * again when the pick, the input or the refresh counter changes.
 */
export function useStationsRead<K extends Channel>(channel: K, input: Input<K>): StationsRead<Output<K>> {
  const { picked, generation } = useHeadOffice();
  const [state, setState] = useState<StationsRead<Output<K>>>({ answers: undefined, error: null, loading: true });
  const key = JSON.stringify(input);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    readStations(channel, JSON.parse(key) as Input<K>, picked).then(
      (answers) => current && setState({ answers, error: null, loading: false }),
      (e: unknown) => current && setState({ answers: undefined, error: e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [channel, key, picked, generation]);
  return state;
}
