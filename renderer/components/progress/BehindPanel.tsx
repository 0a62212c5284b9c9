import { useState } from 'react';
import type { ProgressLatest, RouteProgress } from '../../../shared/contract/progress';
import { FilePicker } from '../FilePicker';
import { useToast } from '../Toasts';
import { BehindList } from './BehindList';
import { CloseOfDayDialog } from './CloseOfDayDialog';
import { RescueDialog } from './RescueDialog';
import { useProgressImport } from './useProgressImport';

/**
 * The board's "Behind" tab: import the Cortex route list, the behind list with a rescue for each,
 * and the close of the day.
 */
export function BehindPanel({ date, latest, tz, canWrite, save, onPick }: { date: string; latest: ProgressLatest | undefined; tz: string | undefined; canWrite: boolean; save: (file: { fileName: string; mimeType: string; base64: string }) => Promise<unknown>; onPick?: (r: RouteProgress) => void }) {
  const [rescue, setRescue] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const { importProgress } = useProgressImport();
  const toast = useToast();
  return (
    <div className="behind-panel">
      <div className="row behind-actions">
        {canWrite && <FilePicker label="Import progress (Cortex list)" className="btn btn-sm" extensions={['xlsx', 'csv']} onPick={(f) => void importProgress(f, date)} onError={(m) => toast.error(m)} />}
        <button type="button" className="btn btn-sm" onClick={() => setClosing(true)}>
          Close of day…
        </button>
      </div>
      <BehindList latest={latest} tz={tz} onRescue={(r) => setRescue(r.routeCode)} onPick={onPick} />
      {rescue && <RescueDialog date={date} routeCode={rescue} tz={tz} canWrite={canWrite} onClose={() => setRescue(null)} />}
      {closing && <CloseOfDayDialog date={date} tz={tz} canWrite={canWrite} onClose={() => setClosing(false)} save={save} />}
    </div>
  );
}
