import { useState } from 'react';
import type { BoardView, CheckinEntry } from '../../../shared/contract/board';
import type { CheckinDay } from '../../../shared/contract/schedule';
import type { DayStatus } from '../../../shared/domain';
import { CheckinPanel, DriversPanel, VansPanel } from './SidePanels';
import { useChannel } from '../../api/hooks';
import { BehindPanel } from '../../components/progress/BehindPanel';
import { useStationTz } from './tz';
import { saveBase64 } from './actions';

type Tab = 'checkin' | 'drivers' | 'vans' | 'behind';
const EMPTY_CHECKIN: CheckinEntry[] = [];

/** Beside the board: the check-in list, the free drivers, the ready vans and the routes behind, one tab each. */
export function BoardSide({ date, checkin, view, canWrite, onSetStatus, onBulk }: { date: string; checkin: CheckinDay | undefined; view: BoardView | undefined; canWrite: boolean; onSetStatus: (entry: CheckinEntry, status: DayStatus) => void; onBulk: () => void }) {
  const [tab, setTab] = useState<Tab>('checkin');
  const progress = useChannel('progress.latest', { date });
  const tz = useStationTz();
  return (
    <aside className="board-side panel" aria-label="Roster, drivers and vans">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'checkin'} onClick={() => setTab('checkin')}>
          Check-in<span className="count">{checkin?.entries.length ?? ''}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'drivers'} onClick={() => setTab('drivers')} title="Available drivers without a route">
          Drivers<span className="count">{view?.availableDrivers.length ?? ''}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'vans'} onClick={() => setTab('vans')} title="Ready vans without a route">
          Vans<span className="count">{view?.readyVans.length ?? ''}</span>
        </button>
        <button type="button" role="tab" aria-selected={tab === 'behind'} onClick={() => setTab('behind')} title="Routes behind schedule (Amazon's Cortex route list), rescues, close of day">
          Behind<span className={`count${progress.data?.behind.length ? ' count-bad' : ''}`}>{progress.data?.snapshotId != null ? progress.data.behind.length : ''}</span>
        </button>
      </div>
      {tab === 'checkin' && <CheckinPanel entries={checkin?.entries ?? EMPTY_CHECKIN} notice={checkin?.notice ?? null} canWrite={canWrite} onSet={onSetStatus} onBulk={onBulk} />}
      {tab === 'drivers' && <DriversPanel drivers={view?.availableDrivers ?? []} canWrite={canWrite} />}
      {tab === 'vans' && <VansPanel vans={view?.readyVans ?? []} canWrite={canWrite} />}
      {tab === 'behind' && <BehindPanel date={date} latest={progress.data} tz={tz} canWrite={canWrite} save={(f) => saveBase64(f.fileName, f.mimeType, f.base64)} />}
    </aside>
  );
}
