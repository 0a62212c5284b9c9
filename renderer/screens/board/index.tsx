import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { AlarmBanner } from '../../components/AlarmBanner';
import { api } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import { useDayFollowingToday, useToday } from '../../api/stationDay';
import type { AutoAssignResult, BoardRoute, BoardView, CheckinEntry, Proposal } from '../../../shared/contract/board';
import type { DayStatus } from '../../../shared/domain';
import type { PickedFile } from '../../components/FilePicker';
import { useToast } from '../../components/Toasts';
import { AutoAssignDialog } from './AutoAssignDialog';
import { BoardSide } from './BoardSide';
import { BoardTable, type BoardTableHandle, type CursorCol } from './BoardTable';
import { BoardToolbar } from './BoardToolbar';
import { CountsBar } from './CountsBar';
import { DayNav } from './DayNav';
import { DropChoiceDialog, LoadoutRefusedDialog, OverrideDialog, RefusalDialog, RouteImportDialog } from './Dialogs';
import { KeysDialog } from './KeysDialog';
import { Picker } from './Picker';
import { useFileDrop } from '../../components/useFileDrop';
import { useProgressImport } from '../../components/progress/useProgressImport';
import { useUndoKeys } from './useUndoKeys';
import { bulkCheckinOp, checkinOp, conflictsOf, errorText, loadoutConflictsOf, restoreOp, saveBase64, type LoadoutConflict, type WriteAttempt } from './actions';
import { addDays } from '../../../shared/station-time';
import { BulkCheckinDialog, ReasonDialog } from './CheckinDialogs';
import { DAY_STATUS_LABEL } from './model';
import { UndoHistory } from './undo';
import './board.css';

interface PickerState {
  route: BoardRoute;
  kind: CursorCol;
  withDriverId: number | null;
  withVanId: number | null;
  note?: string;
  anchor: DOMRect | null;
}

const needsVan = (r: BoardRoute) => !r.serviceTags.includes('ride-along') && r.allowedVanClasses.length > 0;

/**
 * The morning assignment board: today's routes (grouped by wave), who drives what, conflicts at a
 * glance; check-in roster, free drivers and ready vans beside it. Keyboard-first (BOARD_KEYS in
 * KeysDialog.tsx), drag and drop from the side panels, undo/redo of every change, live with other
 * consoles. The pieces: DayNav, BoardToolbar, CountsBar, BoardTable, BoardSide; useUndoKeys and
 * useFileDrop for the keyboard and file drops; the flows (picker, writes, import, auto-assign) here.
 */
export default function BoardScreen() {
  const canWrite = useCanWrite();
  const toast = useToast();
  const today = useToday();
  // Today's board rolls over at the station's midnight when left open; a picked day stays.
  const [date, setDate] = useDayFollowingToday();
  const board = useChannel('board.list', { date });
  const checkin = useChannel('checkin.day', { date });
  const limits = useChannel('board.limits', {});
  const view: BoardView | undefined = board.data && board.data.date === date ? board.data : undefined;

  const history = useMemo(() => new UndoHistory(), []);
  const undoState = useSyncExternalStore(history.subscribe, history.snapshot);
  useEffect(() => history.clear(), [date, history]);

  const tableRef = useRef<BoardTableHandle>(null);
  const [picker, setPicker] = useState<PickerState | null>(null);
  const [swapFrom, setSwapFrom] = useState<BoardRoute | null>(null);
  const [refusal, setRefusal] = useState<{ label: string; conflicts: ReturnType<typeof conflictsOf> & {} } | null>(null);
  const [override, setOverride] = useState<{ attempt: WriteAttempt; conflicts: ReturnType<typeof conflictsOf> & {} } | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState<PickedFile | null>(null);
  const [choosing, setChoosing] = useState<{ file: PickedFile; reason: string } | null>(null);
  const [auto, setAuto] = useState<AutoAssignResult | null>(null);
  const [showKeys, setShowKeys] = useState(false);

  const reloadAll = useCallback(() => {
    board.reload();
    checkin.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the reload functions are stable; board/checkin are new objects each render
  }, [board.reload, checkin.reload]);
  const refocus = () => setTimeout(() => tableRef.current?.focus(), 0);

  // ------------------------------------------------------------ writes, conflicts, undo
  const runWrite = async (attempt: WriteAttempt, reason?: string): Promise<boolean> => {
    setBusy(true);
    try {
      const r = await attempt.send(reason ? { reason } : undefined);
      history.push(restoreOp(attempt.label, r.undo));
      setOverride(null);
      toast.show(r.overridden.length ? `${attempt.label} (override saved)` : attempt.label, { tone: 'ok' });
      reloadAll();
      refocus();
      return true;
    } catch (err) {
      const conflicts = conflictsOf(err);
      setOverride(null);
      if (conflicts && conflicts.some((c) => c.severity === 'hard')) setRefusal({ label: attempt.label, conflicts });
      else if (conflicts && conflicts.length > 0 && !reason) setOverride({ attempt, conflicts });
      else {
        toast.error(`${attempt.label}: ${errorText(err)}`);
        refocus();
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const doUndo = useCallback(
    async (redo = false) => {
      try {
        const label = redo ? await history.redo() : await history.undo();
        if (label) toast.show(`${redo ? 'Redone' : 'Undone'}: ${label}`, { tone: 'info' });
      } catch (err) {
        const conflicts = conflictsOf(err);
        if (conflicts?.length) setRefusal({ label: redo ? 'Redo' : 'Undo', conflicts });
        else toast.error(`Cannot ${redo ? 'redo' : 'undo'}: ${errorText(err)}`);
      }
      reloadAll();
    },
    [history, toast, reloadAll],
  );

  useUndoKeys(doUndo, canWrite);

  const driverName = (id: number) =>
    view?.availableDrivers.find((d) => d.id === id)?.name ?? view?.routes.find((r) => r.driver?.id === id)?.driver?.name ?? `driver #${id}`;
  const vanName = (id: number | null) => (id == null ? null : (view?.readyVans.find((v) => v.id === id)?.name ?? view?.routes.find((r) => r.van?.id === id)?.van?.name ?? `van #${id}`));

  const assign = (route: BoardRoute, driverId: number, vanId: number | null) => {
    const vn = vanName(vanId);
    const label = `${route.code}: ${driverName(driverId)}${vn ? ` + ${vn}` : ''}`;
    return runWrite({
      label,
      send: (override) => api('board.assign', { routeId: route.id, driverId, vanId, ...(override ? { override } : {}) }),
    });
  };

  // ------------------------------------------------------------ picker flow
  const openPicker = (route: BoardRoute, kind: CursorCol, extra: Partial<PickerState> = {}) => {
    if (!canWrite) return;
    setSwapFrom(null);
    setPicker({
      route,
      kind,
      withDriverId: kind === 'van' ? (route.driver?.id ?? null) : null,
      withVanId: kind === 'driver' ? (route.van?.id ?? null) : null,
      anchor: tableRef.current?.cellRect(route.id, kind) ?? null,
      ...extra,
    });
  };
  const closePicker = () => {
    setPicker(null);
    refocus();
  };
  const onPick = (id: number) => {
    const p = picker;
    if (!p) return;
    if (p.kind === 'driver') {
      if (p.withVanId != null || !needsVan(p.route)) {
        setPicker(null);
        void assign(p.route, id, p.withVanId);
      } else {
        openPicker(p.route, 'van', { withDriverId: id, note: `Step 2 of 2: now a van for ${driverName(id)}` });
      }
    } else if (p.withDriverId != null) {
      setPicker(null);
      void assign(p.route, p.withDriverId, id);
    } else {
      openPicker(p.route, 'driver', { withVanId: id, note: `Step 2 of 2: now a driver for ${vanName(id)}` });
    }
  };

  const onUnassign = (route: BoardRoute) => {
    if (!route.assignment) return;
    void runWrite({ label: `${route.code}: unassigned ${route.driver?.name ?? ''}`.trim(), send: () => api('board.unassign', { routeId: route.id }) });
  };
  const onSwapKey = (route: BoardRoute) => {
    if (!swapFrom) {
      if (!route.assignment) {
        toast.show(`${route.code} has no driver to swap. Pick the route whose driver should move first.`, { tone: 'info' });
        return;
      }
      setSwapFrom(route);
      return;
    }
    if (swapFrom.id === route.id) {
      setSwapFrom(null);
      return;
    }
    const a = swapFrom;
    setSwapFrom(null);
    void runWrite({
      label: `Swapped drivers of ${a.code} and ${route.code}`,
      send: (override) => api('board.swap', { routeIdA: a.id, routeIdB: route.id, ...(override ? { override } : {}) }),
    });
  };
  const onPin = (route: BoardRoute) => {
    if (!route.assignment) return;
    const pinned = !route.assignment.pinned;
    void runWrite({ label: `${route.code}: ${pinned ? 'pinned' : 'unpinned'}`, send: () => api('board.pin', { routeId: route.id, pinned }) });
  };
  const onDropDriver = (route: BoardRoute, driverId: number) => {
    if (route.van || !needsVan(route)) void assign(route, driverId, route.van?.id ?? null);
    else openPicker(route, 'van', { withDriverId: driverId, note: `Step 2 of 2: now a van for ${driverName(driverId)}` });
  };
  const onDropVan = (route: BoardRoute, vanId: number) => {
    if (route.driver) void assign(route, route.driver.id, vanId);
    else openPicker(route, 'driver', { withVanId: vanId, note: `Step 2 of 2: now a driver for ${vanName(vanId)}` });
  };
  const onEscape = () => setSwapFrom(null);

  // ------------------------------------------------------------ check-in
  const setDayStatus = async (entry: CheckinEntry, status: DayStatus, reason?: string) => {
    if (entry.status === status && status !== 'checked_in') return;
    if ((status === 'called_out' || status === 'no_show') && reason === undefined) return setAsking({ entry, status });
    try {
      const r = await api('checkin.set', { date, driverId: entry.driverId, status, ...(reason !== undefined ? { note: reason } : {}) });
      history.push(checkinOp(`${entry.name}: ${DAY_STATUS_LABEL[status].toLowerCase()}`, date, entry.driverId, r.previous));
      reloadAll();
    } catch (err) {
      toast.error(`${entry.name}: ${errorText(err)}`);
    }
  };

  const [bulkOpen, setBulkOpen] = useState(false);
  const [asking, setAsking] = useState<{ entry: CheckinEntry; status: DayStatus } | null>(null);
  const bulkCheckin = async (driverIds: number[]) => {
    setBusy(true);
    try {
      const r = await api('checkin.bulk', { date, driverIds });
      setBulkOpen(false);
      if (r.previous.length > 0) history.push(bulkCheckinOp(`${r.checkedIn.length} checked in`, date, r.previous));
      toast.show(`${r.checkedIn.length} checked in${r.already ? ` (${r.already} already in)` : ''}`);
      reloadAll();
    } catch (err) {
      toast.error(`Check-in: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  // ------------------------------------------------------------ auto-assign
  const runAuto = async () => {
    setBusy(true);
    try {
      setAuto(await api('board.autoAssign', { date, apply: false }));
    } catch (err) {
      toast.error(`Auto-assign: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const applyAuto = async (proposals: Proposal[], reason: string | null) => {
    const ok = await runWrite(
      {
        label: `Auto-assigned ${proposals.length} ${proposals.length === 1 ? 'route' : 'routes'}`,
        send: (override) =>
          api('board.applyProposals', {
            date,
            proposals: proposals.map((p) => ({ routeId: p.routeId, driverId: p.driverId, vanId: p.vanId, deviceId: p.deviceId })),
            ...(override ? { override } : reason ? { override: { reason } } : {}),
          }),
      },
      reason ?? undefined,
    );
    if (ok) setAuto(null);
  };

  // ------------------------------------------------------------ load-out
  const [loadoutRefused, setLoadoutRefused] = useState<{ format: 'pdf' | 'csv'; message: string; conflicts: LoadoutConflict[] } | null>(null);
  const saveLoadout = async (f: { fileName: string; mimeType: string; base64: string; rows: number }) => {
    const saved = await saveBase64(f.fileName, f.mimeType, f.base64);
    if (saved) toast.show(`Load-out sheet saved: ${saved} (${f.rows} routes)`, { tone: 'ok' });
  };
  const exportLoadout = async (format: 'pdf' | 'csv') => {
    try {
      await saveLoadout(await api('board.loadout', { date, format }));
    } catch (err) {
      const refused = loadoutConflictsOf(err);
      if (refused) setLoadoutRefused({ format, message: errorText(err), conflicts: refused });
      else toast.error(`Load-out sheet: ${errorText(err)}`);
    }
  };
  const printAnyway = async (reason: string) => {
    if (!loadoutRefused) return;
    try {
      const f = await api('board.loadoutAnyway', { date, format: loadoutRefused.format, reason });
      setLoadoutRefused(null);
      await saveLoadout(f);
    } catch (err) {
      toast.error(`Load-out sheet: ${errorText(err)}`);
    }
  };

  // Tomorrow and Alt+←/→ move the day (Alt+digits stay the screens).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      setDate(addDays(date, e.key === 'ArrowLeft' ? -1 : 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [date, setDate]);

  const appInfo = useAppInfo();
  // A dropped file goes where its content (and name) say: a Cortex list with routes under way to the
  // progress import; the start of the day's (Day of Ops plan, a Cortex list with nothing started) to
  // the route import; when unsure the dispatcher chooses. Any file: Amazon's often have no extension.
  const { routeDrop, importProgress } = useProgressImport();
  const { dragFile, dropProps } = useFileDrop(
    canWrite && !importing && !choosing,
    null,
    (f) => void routeDrop(f, setImporting, (file, reason) => setChoosing({ file, reason })),
    (message) => toast.error(message),
  );

  return (
    <div className={`screen board-screen${dragFile ? ' dragging-file' : ''}`} {...dropProps}>
      <div className="screen-header board-header">
        <h1>Board</h1>
        <DayNav date={date} today={today} onChange={setDate} />
        <BoardToolbar
          canWrite={canWrite}
          busy={busy}
          undoState={undoState}
          onUndo={(redo) => void doUndo(redo)}
          onShowKeys={() => setShowKeys(true)}
          onPickFile={setImporting}
          onPickError={(m) => toast.error(m)}
          canAutoAssign={!!view && (view.counts.unassigned > 0 || view.counts.conflicts > 0)}
          conflicts={view?.counts.conflicts ?? 0}
          onAutoAssign={() => void runAuto()}
          hasRoutes={!!view && view.routes.length > 0}
          onLoadout={(format) => void exportLoadout(format)}
        />
      </div>
      <AlarmBanner timeZone={appInfo?.station?.timeZone} />

      <CountsBar counts={view?.counts} swapFrom={swapFrom} failed={!!board.error} />

      {board.error && (
        <div className="alert" role="alert">
          Cannot load the board: {board.error.message}{' '}
          <button type="button" className="btn btn-sm" onClick={reloadAll}>
            Try again
          </button>
        </div>
      )}

      <div className="board-body">
        <div className="board-main">
          <BoardTable
            ref={tableRef}
            routes={view?.routes ?? EMPTY}
            canWrite={canWrite}
            swapFromId={swapFrom?.id ?? null}
            onOpen={openPicker}
            onUnassign={onUnassign}
            onSwapKey={onSwapKey}
            onPin={onPin}
            onDropDriver={onDropDriver}
            onDropVan={onDropVan}
            onEscape={onEscape}
            toolbarExtra={
              canWrite && (
                <button
                  type="button"
                  className={`btn btn-sm${swapFrom ? ' btn-primary' : ''}`}
                  title="Swap the drivers of two routes: on the first route, then on the second (S)"
                  onClick={() => {
                    const r = tableRef.current?.cursorRoute();
                    if (r) onSwapKey(r);
                    else toast.show('Select a route first (click it or use the arrow keys).', { tone: 'info' });
                    refocus();
                  }}
                >
                  {swapFrom ? `Swap with ${swapFrom.code}…` : 'Swap drivers (S)'}
                </button>
              )
            }
          />
          <div className="board-hint muted">
            <kbd>↑</kbd>
            <kbd>↓</kbd> routes · <kbd>←</kbd>
            <kbd>→</kbd> driver/van · <kbd>Enter</kbd> pick · <kbd>Del</kbd> unassign · <kbd>S</kbd> swap · <kbd>P</kbd> pin · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · drag drivers and vans from the right, or a route sheet file onto the board
          </div>
        </div>
        <BoardSide date={date} checkin={checkin.data} view={view} canWrite={canWrite} onSetStatus={(e, st) => void setDayStatus(e, st)} onBulk={() => setBulkOpen(true)} />
        {bulkOpen && checkin.data && <BulkCheckinDialog entries={checkin.data.entries} busy={busy} onConfirm={(ids) => void bulkCheckin(ids)} onClose={() => setBulkOpen(false)} />}
        {asking && <ReasonDialog entry={asking.entry} status={asking.status} onClose={() => setAsking(null)} onConfirm={(reason) => { setAsking(null); void setDayStatus(asking.entry, asking.status, reason); }} />}
      </div>

      {dragFile && (
        <div className="file-drop-overlay" aria-hidden="true">
          <div>Drop the route sheet (Day of Ops plan, CSV or XLSX) to preview it for {date}, or a Cortex route list taken during the day to import progress</div>
        </div>
      )}

      {picker && view && (
        <Picker
          key={`${picker.route.id}-${picker.kind}-${picker.withDriverId}-${picker.withVanId}`}
          kind={picker.kind}
          route={picker.route}
          drivers={view.availableDrivers}
          vans={view.readyVans}
          withDriverId={picker.withDriverId}
          withVanId={picker.withVanId}
          note={picker.note}
          anchor={picker.anchor}
          limits={limits.data}
          onPick={onPick}
          onCancel={closePicker}
        />
      )}
      {refusal && (
        <RefusalDialog
          label={refusal.label}
          conflicts={refusal.conflicts}
          onClose={() => {
            setRefusal(null);
            refocus();
          }}
        />
      )}
      {override && (
        <OverrideDialog
          label={override.attempt.label}
          conflicts={override.conflicts}
          busy={busy}
          onConfirm={(reason) => void runWrite(override.attempt, reason)}
          onCancel={() => {
            setOverride(null);
            refocus();
          }}
        />
      )}
      {choosing && (
        <DropChoiceDialog
          fileName={choosing.file.fileName}
          reason={choosing.reason}
          onClose={() => setChoosing(null)}
          onRoutes={() => {
            setChoosing(null);
            setImporting(choosing.file);
          }}
          onProgress={() => {
            setChoosing(null);
            void importProgress(choosing.file).then(reloadAll);
          }}
        />
      )}
      {importing && <RouteImportDialog date={date} file={importing} onImported={reloadAll} onClose={() => setImporting(null)} />}
      {auto && <AutoAssignDialog result={auto} busy={busy} onApply={(p, r) => void applyAuto(p, r)} onCancel={() => setAuto(null)} />}
      {loadoutRefused && (
        <LoadoutRefusedDialog
          date={date}
          conflicts={loadoutRefused.conflicts}
          canWrite={canWrite}
          canRepair={canWrite && !busy}
          onRepair={() => {
            setLoadoutRefused(null);
            void runAuto();
          }}
          onPrintAnyway={(reason) => void printAnyway(reason)}
          onClose={() => {
            setLoadoutRefused(null);
            refocus();
          }}
        />
      )}
      {showKeys && <KeysDialog onClose={() => setShowKeys(false)} />}
    </div>
  );
}

const EMPTY: BoardRoute[] = [];
