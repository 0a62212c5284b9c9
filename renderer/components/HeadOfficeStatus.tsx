import { useEffect, useState } from 'react';
import { useAppInfo, useEventChannel } from '../api/hooks';
import { useDeskNow } from '../api/stationDay';
import { navigate } from '../router';
import type { SyncStatus } from '../../shared/contract/sync';
import { minutesToHhmm, stationClock } from '../../shared/station-time';

/** The desk's background push as it reports it: loaded once, then kept fresh by `sync` events. */
export const useSyncStatus = (): SyncStatus | null => useEventChannel('sync.status', 'sync');

const pendingWords = (n: number) => `${n.toLocaleString('en-US')} pending`;

/** "just now", "2 min ago", "3 h ago", "2 days ago". */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 36 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

/** HH:MM at the station. */
function stationTime(iso: string, tz: string | undefined): string {
  return minutesToHhmm(stationClock(new Date(iso), tz ?? 'UTC').minutes);
}

export type SyncTone = 'ok' | 'warn' | 'bad' | 'muted';

/** The status bar's words and colour for a push status (colour and words always say the same). */
export function syncStatusLine(s: SyncStatus, now: number, tz?: string): { tone: SyncTone; text: string } {
  if (!s.configured) return { tone: 'muted', text: 'Head office: not set up' };
  if (s.lastError && s.errorKind) {
    const what = s.errorKind === 'unreachable' ? 'unreachable' : s.errorKind === 'refused' ? 'push refused' : 'push failing';
    const since = s.failingSince ? ` since ${stationTime(s.failingSince, tz)}` : '';
    return { tone: s.errorKind === 'unreachable' ? 'warn' : 'bad', text: `Head office: ${pendingWords(s.pending)} — ${what}${since}${s.errorCause ? ` (${s.errorCause})` : ''}` };
  }
  if (s.paused) return { tone: 'warn', text: `Head office: paused · ${pendingWords(s.pending)}` };
  if (s.pushing && !s.lastOkAt) return { tone: 'muted', text: 'Head office: first push…' };
  if (!s.lastOkAt) return { tone: 'muted', text: `Head office: not pushed yet · ${pendingWords(s.pending)}` };
  return { tone: 'ok', text: `Head office: pushed ${ago(s.lastOkAt, now)} · ${pendingWords(s.pending)}` };
}

/** Status bar: how the push to the head office is doing; a click opens Settings → Head office. */
export function HeadOfficeStatus() {
  const info = useAppInfo();
  const status = useSyncStatus();
  // "pushed … ago" on the desk's clock (the page's clock may be off: app.info's skew), re-read every 20 s.
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 20_000);
    return () => clearInterval(t);
  }, []);
  const now = useDeskNow();
  // Owners see it once it is set up; a desk that does not push says so, quietly.
  if (!status || (!status.configured && info?.role !== 'desk')) return null;
  const { tone, text } = syncStatusLine(status, now, info?.station?.timeZone);
  const title = [status.lastError, status.nextAttemptAt ? `Next attempt ${stationTime(status.nextAttemptAt, info?.station?.timeZone)}` : null, 'Open Settings → Head office'].filter(Boolean).join('\n');
  return (
    <button type="button" className={`sync-status sync-${tone}`} data-testid="head-office-status" data-tone={tone} title={title} onClick={() => navigate('settings', 'head-office')}>
      {text}
    </button>
  );
}
