/**
 * Board writes with their undo ops. Every write answers with the state to restore (`undo`), so the
 * reversing op is always "board.restore that state"; restoring answers with the redo state.
 */
import { api, ApiError } from '../../api/client';
import type { BoardConflict, BoardWriteResult, CheckinSetResult, RestoreInput } from '../../../shared/contract/board';
import type { DayStatus } from '../../../shared/domain';
import type { BulkCheckinResult } from '../../../shared/contract/schedule';
import type { UndoOp } from './undo';

export function restoreOp(label: string, state: RestoreInput): UndoOp {
  return {
    label,
    run: async () => {
      const r = await api('board.restore', { states: state.states });
      return restoreOp(label, r.undo);
    },
  };
}

export function checkinOp(label: string, date: string, driverId: number, to: CheckinSetResult['previous']): UndoOp {
  return {
    label,
    run: async () => {
      const r = await api('checkin.set', {
        date,
        driverId,
        status: to.status,
        ...(to.checkedInAt ? { at: to.checkedInAt } : {}),
        note: to.note,
      });
      return checkinOp(label, date, driverId, r.previous);
    },
  };
}

/** Undo of a bulk check-in: each driver back to what they were; redo checks them in again. */
export function bulkCheckinOp(label: string, date: string, previous: BulkCheckinResult['previous']): UndoOp {
  return {
    label,
    run: async () => {
      for (const p of previous) await api('checkin.set', { date, driverId: p.driverId, status: p.status, note: p.note, ...(p.checkedInAt ? { at: p.checkedInAt } : {}) });
      return {
        label,
        run: async () => bulkCheckinOp(label, date, (await api('checkin.bulk', { date, driverIds: previous.map((p) => p.driverId) })).previous),
      };
    },
  };
}

/** The conflicts of a 409 answer (`details.conflicts`), or null for any other error. */
export function conflictsOf(err: unknown): BoardConflict[] | null {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT') return null;
  const d = err.details as { conflicts?: BoardConflict[] } | undefined;
  return Array.isArray(d?.conflicts) ? d.conflicts : null;
}

/** A route the load-out refused to print (409 `details.conflicts` of `board.loadout`). */
export interface LoadoutConflict {
  routeId: number;
  routeCode: string;
  reasons: string[];
}

/** The routes of a refused load-out, or null for any other error. */
export function loadoutConflictsOf(err: unknown): LoadoutConflict[] | null {
  if (!(err instanceof ApiError) || err.code !== 'CONFLICT') return null;
  const d = err.details as { conflicts?: LoadoutConflict[] } | undefined;
  return Array.isArray(d?.conflicts) && d.conflicts.every((c) => typeof c.routeCode === 'string' && Array.isArray(c.reasons)) ? d.conflicts : null;
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One board write the dispatcher asked for; `send` may be retried with an override reason. */
export interface WriteAttempt {
  label: string;
  send: (override?: { reason: string }) => Promise<BoardWriteResult>;
}

/** Save a file the desk produced: native dialog in Electron, a download in the browser. */
export async function saveBase64(fileName: string, mimeType: string, base64: string): Promise<string | null> {
  if (window.desk?.saveFile) return window.desk.saveFile(fileName, base64);
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

export type { DayStatus };
