import { describe, expect, it } from 'vitest';
import { ago, syncStatusLine } from '../../../renderer/components/HeadOfficeStatus';
import type { SyncStatus } from '../../../shared/contract/sync';

/** The status bar's words for each state of the push (colour and words must say the same). */
const NOW = Date.parse('2026-12-02T16:20:00Z');
const base: SyncStatus = {
  configured: true, url: 'https://ho.example.com', tokenSet: true, paused: false, running: true, pushing: false,
  lastPushAt: '2026-12-02T16:18:00Z', lastOkAt: '2026-12-02T16:18:00Z', pending: 0, lastError: null, errorKind: null,
  errorCause: null, failingSince: null, nextAttemptAt: null, headOfficeStation: 'DSE4', lastSeq: 10,
};
const LA = 'America/Los_Angeles';

describe('status bar: head office', () => {
  it('pushed: green, how long ago, pending', () => {
    expect(syncStatusLine(base, NOW, LA)).toEqual({ tone: 'ok', text: 'Head office: pushed 2 min ago · 0 pending' });
  });
  it('unreachable: amber, pending first, since when at the station, and why', () => {
    const s = { ...base, pending: 312, lastError: 'The head office at … cannot be reached', errorKind: 'unreachable' as const, errorCause: 'connection refused', failingSince: '2026-12-02T16:14:05Z' };
    expect(syncStatusLine(s, NOW, LA)).toEqual({ tone: 'warn', text: 'Head office: 312 pending — unreachable since 08:14 (connection refused)' });
  });
  it('refused: red', () => {
    const s = { ...base, pending: 1200, lastError: 'refused', errorKind: 'refused' as const, errorCause: 'push token not accepted', failingSince: '2026-12-02T23:05:00Z' };
    expect(syncStatusLine(s, NOW, LA)).toEqual({ tone: 'bad', text: 'Head office: 1,200 pending — push refused since 15:05 (push token not accepted)' });
  });
  it('not set up, paused, never pushed', () => {
    expect(syncStatusLine({ ...base, configured: false }, NOW, LA)).toEqual({ tone: 'muted', text: 'Head office: not set up' });
    expect(syncStatusLine({ ...base, paused: true, pending: 4 }, NOW, LA)).toEqual({ tone: 'warn', text: 'Head office: paused · 4 pending' });
    expect(syncStatusLine({ ...base, lastOkAt: null, pushing: true }, NOW, LA).text).toBe('Head office: first push…');
  });
  it('says how long ago in words', () => {
    expect([10, 100, 3_600, 7_200, 200_000].map((s) => ago(new Date(NOW - s * 1000).toISOString(), NOW))).toEqual(['just now', '2 min ago', '1 h ago', '2 h ago', '2 days ago']);
  });

  it('in the repeated hour of the fall-back, ages count real time, not wall-clock times', () => {
    // 2026-11-01 09:30Z is the second 01:30 (PST); 08:30Z was the first 01:30 (PDT), an hour earlier.
    const deskNow = Date.parse('2026-11-01T09:30:00Z');
    expect(syncStatusLine({ ...base, lastOkAt: '2026-11-01T09:28:00Z' }, deskNow, LA).text).toBe('Head office: pushed 2 min ago · 0 pending');
    expect(syncStatusLine({ ...base, lastOkAt: '2026-11-01T08:30:00Z' }, deskNow, LA).text).toBe('Head office: pushed 1 h ago · 0 pending');
    const s = { ...base, pending: 3, lastError: 'x cannot be reached', errorKind: 'unreachable' as const, errorCause: 'connection refused', failingSince: '2026-11-01T08:40:00Z' };
    expect(syncStatusLine(s, deskNow, LA).text).toBe('Head office: 3 pending — unreachable since 01:40 (connection refused)');
  });
});
