import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';
import { useToast } from '../../components/Toasts';
import { navigate } from '../../router';
import { addWeeks, isValidWeek, weekLabel, weekOf } from '../../../shared/rules/scorecards/weeks';
import { METRICS, formatMetric, type MetricKey } from '../../../shared/rules/scorecards/tiers';
import type { ScorecardImportResult, ScorecardRow } from '../../../shared/contract/scorecards';
import type { Tier } from '../../../shared/domain';
import { DriverLink, TIER_ORDER, TierChip, download } from './common';

const TABLE_METRICS: MetricKey[] = ['delivered', 'fico', 'seatbelt', 'speeding', 'distractions', 'followingDistance', 'signSignal', 'dcr', 'pod', 'dsb', 'cdfDpmo', 'dsbDnr', 'psb', 'ced', 'cc'];

export function Scorecards() {
  const canWrite = useCanWrite();
  const toast = useToast();
  const weeks = useChannel('scorecards.weeks', {});
  const [picked, setPicked] = useState<string>('');
  const week = picked || weeks.data?.[0]?.week || '';
  const detail = useChannel('scorecards.week', { week: week || '2026-W01' }, { skip: !week });
  const atRisk = useChannel('scorecards.atRisk', week ? { week } : {});
  const [importing, setImporting] = useState(false);
  const [company, setCompany] = useState(false);

  const columns = useMemo<ColumnDef<ScorecardRow, unknown>[]>(
    () => [
      { id: 'name', header: 'Driver', accessorFn: (r) => r.name, cell: (c) => <DriverLink id={c.row.original.driverId} name={c.row.original.name} /> },
      { id: 'tid', header: 'Transporter ID', accessorFn: (r) => r.transporterId, cell: (c) => <span className="mono">{c.getValue() as string}</span> },
      { id: 'tier', header: 'Tier', accessorFn: (r) => (r.tier ? TIER_ORDER.length - TIER_ORDER.indexOf(r.tier) : 0), cell: (c) => <TierChip tier={c.row.original.tier} />, meta: { searchText: (r: ScorecardRow) => r.tier ?? '' } },
      { id: 'focus', header: 'Focus', accessorFn: (r) => r.keyFocusArea },
      ...TABLE_METRICS.map<ColumnDef<ScorecardRow, unknown>>((m) => ({
        id: m,
        header: METRICS[m].short,
        accessorFn: (r) => r.values[m] ?? null,
        sortUndefined: 'last',
        meta: { align: 'right' as const, filter: false as const },
        cell: (c) => {
          const t = c.row.original.metricTiers[m];
          return <span className={t === 'Poor' ? 'm-poor' : t === 'Fair' ? 'm-fair' : ''} title={t ? `${t}` : undefined}>{formatMetric(m, c.row.original.values[m])}</span>;
        },
      })),
    ],
    [],
  );

  return (
    <div className="screen-body stack">
      <div className="sc-toolbar">
        <label htmlFor="sc-week">Week</label>
        <select id="sc-week" className="select" value={week} onChange={(e) => setPicked(e.target.value)}>
          {(weeks.data ?? []).map((w) => (
            <option key={w.week} value={w.week}>
              {weekLabel(w.week)} · {w.drivers} drivers
            </option>
          ))}
        </select>
        {detail.data && (
          <span className="sc-company">
            Company standing: <strong>{detail.data.week.companyScore?.toFixed(1) ?? 'not entered'}</strong> {detail.data.week.companyTier && <TierChip tier={detail.data.week.companyTier} />}
          </span>
        )}
        <span className="spacer" />
        {canWrite && week && (
          <button className="btn" onClick={() => setCompany(true)}>
            Enter company standing…
          </button>
        )}
        {canWrite && (
          <button className="btn btn-primary" onClick={() => setImporting(true)}>
            Import scorecard…
          </button>
        )}
      </div>
      {!weeks.loading && (weeks.data?.length ?? 0) === 0 && <div className="alert alert-info">No scorecards yet. Import Amazon's “DA Current Week Performance” table (CSV or XLSX).</div>}

      <section className="panel panel-pad" aria-label="At-risk drivers">
        <div className="row">
          <h2>At risk {week && <span className="muted">· {weekLabel(week)}</span>}</h2>
          <span className="spacer" />
          <button
            className="btn btn-sm"
            onClick={async () => {
              try {
                download(await api('scorecards.atRiskCsv', week ? { week } : {}));
              } catch (err) {
                toast.error((err as Error).message);
              }
            }}
          >
            Export CSV
          </button>
        </div>
        {(atRisk.data ?? []).length === 0 ? (
          <p className="muted">Nobody at risk this week (no tier fell, nobody Fair/Poor two weeks running, no safety rate rose).</p>
        ) : (
          <table className="plain-table" data-testid="at-risk">
            <thead>
              <tr>
                <th>#</th>
                <th>Driver</th>
                <th>Tier</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {atRisk.data!.map((a, i) => (
                <tr key={a.driverId}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <DriverLink id={a.driverId} name={a.name} />
                  </td>
                  <td className="nowrap">
                    <TierChip tier={a.previousTier} /> → <TierChip tier={a.tier} />
                  </td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {detail.data && (
        <div className="sc-table">
          <DataTable
            label={`Scorecard ${week}`}
            data={detail.data.rows}
            columns={columns}
            getRowId={(r) => String(r.id)}
            onRowActivate={(r) => r.driverId && navigate('driver', r.driverId)}
            initialSorting={[{ id: 'tier', desc: false }]}
            storageKey="scorecard-week"
            noun="drivers"
            searchPlaceholder="Search drivers…"
          />
        </div>
      )}
      {importing && <ScorecardImport onClose={() => setImporting(false)} onDone={(w) => setPicked(w)} />}
      {company && week && <CompanyDialog week={week} initialScore={detail.data?.week.companyScore ?? null} initialTier={detail.data?.week.companyTier ?? null} onClose={() => setCompany(false)} />}
    </div>
  );
}

/** A week's DA scorecard in the one import dialog: pick the week, then the file; the service's dry run previews every row. */
function ScorecardImport({ onClose, onDone }: { onClose: () => void; onDone: (week: string) => void }) {
  const today = useToday();
  const [week, setWeek] = useState(() => addWeeks(weekOf(today), -1));
  const weekOk = isValidWeek(week);
  return (
    <ImportDialog
      title="Import weekly scorecard"
      noun="drivers"
      extensions={['csv', 'xlsx']}
      about="Amazon's “DA Current Week Performance” table as CSV or XLSX. Nothing is saved until you confirm; a week imported again replaces the earlier import."
      options={
        <div className="field" style={{ maxWidth: 260 }}>
          <label htmlFor="imp-week">Scorecard week (Sunday–Saturday)</label>
          <input id="imp-week" className="input mono" value={week} onChange={(e) => setWeek(e.target.value)} placeholder="2026-W47" aria-invalid={!weekOk} />
          {!weekOk && <div className="field-error">A week as YYYY-Www, e.g. 2026-W47</div>}
        </div>
      }
      optionsKey={week}
      ready={weekOk}
      run={(f, dryRun) => api('scorecards.import', { ...f, week, dryRun })}
      // A week's rows are new, or replace the week's earlier import.
      summarize={(r) => ({ added: r.replaces ? 0 : r.drivers, changed: r.replaces ? r.drivers : 0, errors: r.errors, ...readerNotes(r) })}
      confirmLabel={(r) => (r.replaces ? `Replace ${r.week}` : `Import ${r.drivers} drivers`)}
      details={(r) => <ScorecardPreview preview={r} />}
      doneText={(r) => `Imported ${r.drivers} drivers for ${weekLabel(r.week)}; ${r.suggestedPlans} coaching plan(s) suggested.`}
      onDone={(r) => onDone(r.week)}
      onClose={onClose}
    />
  );
}

/** The scorecard's own part of the preview: tiers, drivers not on the roster, the rows as read. */
function ScorecardPreview({ preview }: { preview: ScorecardImportResult }) {
  const counts = preview.tiers;
  return (
    <div className="stack" data-testid="scorecard-preview">
      <div className="summary-strip">
        <span className="chip chip-info">{preview.drivers} rows</span>
        {counts && TIER_ORDER.map((t) => <TierCountChip key={t} tier={t} n={counts[t]} />)}
        {preview.unknownDrivers.length > 0 && <span className="chip chip-warn">{preview.unknownDrivers.length} not on the roster</span>}
        {preview.replaces && <span className="chip chip-warn">replaces the earlier import of {preview.week}</span>}
      </div>
      {preview.unknownDrivers.length > 0 && (
        <div className="alert alert-warn">
          Not on the roster (kept with the week, not linked to a driver):{' '}
          {preview.unknownDrivers.map((u) => `row ${u.row} ${u.name || u.transporterId}${u.transporterId ? ` (${u.transporterId})` : ''}`).join('; ')}
        </div>
      )}
      {preview.rows.length > 0 && (
        <div className="preview-rows">
          <table className="plain-table" aria-label="Scorecard rows">
            <thead>
              <tr>
                <th>Row</th>
                <th>Driver</th>
                <th>Tier</th>
                <th className="num">DCR</th>
                <th className="num">POD</th>
                <th className="num">FICO</th>
                <th className="num">Speeding</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 300).map((r) => (
                <tr key={r.row}>
                  <td className="num">{r.row}</td>
                  <td>
                    {r.name || r.transporterId} {!r.driverId && <span className="chip chip-warn">unknown</span>}
                  </td>
                  <td>
                    <TierChip tier={r.tier} />
                  </td>
                  <td className="num">{formatMetric('dcr', r.values.dcr)}</td>
                  <td className="num">{formatMetric('pod', r.values.pod)}</td>
                  <td className="num">{formatMetric('fico', r.values.fico)}</td>
                  <td className="num">{formatMetric('speeding', r.values.speeding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function TierCountChip({ tier, n }: { tier: Tier; n: number }) {
  return (
    <span className="nowrap">
      <TierChip tier={tier} /> <strong>{n}</strong>
    </span>
  );
}

function CompanyDialog({ week, initialScore, initialTier, onClose }: { week: string; initialScore: number | null; initialTier: Tier | null; onClose: () => void }) {
  const toast = useToast();
  const [score, setScore] = useState(initialScore == null ? '' : String(initialScore));
  const [tier, setTier] = useState<Tier | ''>(initialTier ?? '');
  const save = async () => {
    try {
      await api('scorecards.setCompany', { week, companyScore: score === '' ? null : Number(score), companyTier: tier || null });
      toast.show(`Company standing saved for ${week}`, { tone: 'ok' });
      onClose();
    } catch (err) {
      toast.error((err as Error).message);
    }
  };
  return (
    <Dialog
      title={`Company standing — ${weekLabel(week)}`}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-primary" onClick={() => void save()}>
            Save
          </button>
        </>
      }
    >
      <div className="form">
        <div className="field">
          <label htmlFor="co-score">Overall standing (0–100)</label>
          <input id="co-score" className="input" type="number" step="0.1" min={0} max={100} value={score} onChange={(e) => setScore(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="co-tier">Tier</label>
          <select id="co-tier" className="select" value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
            <option value="">—</option>
            {TIER_ORDER.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </div>
    </Dialog>
  );
}
