import { useMemo } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import { RegisterScreen } from '../../components/RegisterScreen';
import { licenceCounts } from '../../../shared/rules/roster';
import { rosterColumns, ROSTER_HIDDEN } from './columns';
import { DriverForm } from './DriverForm';
import { RosterImport } from './RosterImport';
import { PrintBadges } from './PrintBadges';
import './roster.css';

/**
 * Roster: every driver with status, qualifications and licence expiry; add/edit in a drawer
 * (`#/roster/<id>`, `#/roster/new`), archive/restore with undo, and the associates-export import.
 * Licence chips and counts use the board's licence window (`board.limits`), the rule the board enforces.
 */
export default function RosterScreen() {
  const today = useToday();
  const limits = useChannel('board.limits', {}).data;
  const columns = useMemo(() => rosterColumns(today, limits), [today, limits]);

  return (
    <RegisterScreen
      screen="roster"
      title="Roster"
      listChannel="roster.list"
      what="the roster"
      addLabel="Add driver"
      actions={
        <>
          <PrintBadges />
          <RosterImport />
        </>
      }
      summary={(drivers) => {
        const active = drivers.filter((d) => d.status === 'active').length;
        const onLeave = drivers.filter((d) => d.status === 'on_leave').length;
        const licences = limits ? licenceCounts(drivers, today, limits) : null;
        return (
          <>
            <span className="chip chip-ok">{active} active</span>
            {onLeave > 0 && <span className="chip chip-warn">{onLeave} on leave</span>}
            {limits && licences && licences.expiring > 0 && (
              <span className="chip chip-warn">
                {licences.expiring} licence{licences.expiring === 1 ? '' : 's'} expire{licences.expiring === 1 ? 's' : ''} within {limits.licenceExpiringDays} days
              </span>
            )}
            {licences && licences.expired > 0 && (
              <span className="chip chip-bad">
                {licences.expired} licence{licences.expired === 1 ? '' : 's'} expired
              </span>
            )}
          </>
        );
      }}
      table={{
        label: 'Drivers',
        noun: 'drivers',
        columns,
        initialSorting: [{ id: 'name', desc: false }],
        initialHidden: ROSTER_HIDDEN,
        storageKey: 'roster',
        searchPlaceholder: 'Search name, transporter ID, phone',
        empty: (canWrite) => (
          <>
            <strong>No drivers yet</strong>
            <span>{canWrite ? 'Add a driver, or import the associates export from Amazon.' : 'The desk has not added any drivers.'}</span>
          </>
        ),
      }}
      archive={{
        archive: (d, archived) => api('roster.archive', { id: d.id, archived }),
        label: (d) => d.name,
        confirm: (d) => ({
          title: `Archive ${d.name}?`,
          message: (
            <p>
              {d.name} ({d.transporterId}) leaves the roster and the board. The history stays, and you can restore the driver at any time from “Show archived”.
            </p>
          ),
          confirmLabel: 'Archive driver',
        }),
      }}
      savedText={(d, created) => (created ? `${d.name} added to the roster.` : `${d.name} saved.`)}
      drawer={(p) => <DriverForm driver={p.record} canWrite={p.canWrite} onClose={p.onClose} onSaved={p.onSaved} onArchive={p.onArchive} />}
    />
  );
}
