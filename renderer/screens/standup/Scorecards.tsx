import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';
import { useToast } from '../../components/Toasts';
import { navigate } from '../../router';
import { isValidWeek, weekLabel } from '../../../shared/rules/scorecards/weeks';
import { METRICS, formatMetric, type MetricKey, type TierSource } from '../../../shared/rules/scorecards/tiers';
import type { ScorecardImportResult, ScorecardRow } from '../../../shared/contract/scorecards';
import type { StationScorecard } from '../../../shared/rules/scorecards/tiers';
import type { Tier } from '../../../shared/domain';
import { DriverLink, TIER_ORDER, TierChip, download, tierClass } from './common';

const TABLE_METRICS: MetricKey[] = ['delivered', 'fico', 'seatbelt', 'speeding', 'distractions', 'followingDistance', 'signSignal', 'dcr', 'pod', 'dsb', 'cdfDpmo', 'dsbDnr', 'psb', 'ced', 'cc', 'dvic'];
const SHORT_TIER: Record<Tier, string> = { 'Fantastic+': 'F+', Fantastic: 'Fan', Great: 'Grt', Fair: 'Fair', Poor: 'Poor' };

/**
 * A metric's tier beside its value: solid when it is Amazon's own tier from the file, dashed when
 * the desk worked it out from its thresholds. Word and colour both; the title says which.
 */
export function MetricTier({ tier, source }: { tier: Tier | undefined; source: TierSource | undefined }) {
  if (!tier) return null;
  const amazon = source === 'amazon';
  return (
    <span className={`${tierClass(tier)} tier-mini${amazon ? '' : ' tier-ours'}`} title={amazon ? `Amazon's tier: ${tier}` : `Tier from the desk's thresholds: ${tier} (the file gave none)`}>
      {SHORT_TIER[tier]}
    </span>
  );
}

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
      { id: 'score', header: 'Score', accessorFn: (r) => r.overallScore, sortUndefined: 'last', meta: { align: 'right' as const, filter: false as const }, cell: (c) => (c.row.original.overallScore == null ? '—' : c.row.original.overallScore.toFixed(1)) },
      { id: 'focus', header: 'Focus', accessorFn: (r) => r.keyFocusArea },
      { id: 'performer', header: 'Performer', accessorFn: (r) => r.performer },
      ...TABLE_METRICS.map<ColumnDef<ScorecardRow, unknown>>((m) => ({
        id: m,
        header: METRICS[m].short,
        accessorFn: (r) => r.values[m] ?? null,
        sortUndefined: 'last',
        meta: { align: 'right' as const, filter: false as const },
        cell: (c) => {
          const r = c.row.original;
          const t = r.metricTiers[m];
          return (
            <span className="nowrap">
              <span className={t === 'Poor' ? 'm-poor' : t === 'Fair' ? 'm-fair' : ''}>{formatMetric(m, r.values[m])}</span> <MetricTier tier={t} source={r.tierSource[m]} />
            </span>
          );
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
      {!weeks.loading && (weeks.data?.length ?? 0) === 0 && <div className="alert alert-info">No scorecards yet. Import Amazon's DSP Overview Dashboard CSV, the scorecard PDF, or its “DA Current Week Performance” table (CSV or XLSX).</div>}

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
        <p className="muted sc-legend">
          Beside each value its tier: <span className="tier tier-great tier-mini">Grt</span> solid = Amazon's own tier from the file; <span className="tier tier-great tier-mini tier-ours">Grt</span> dashed = worked out from
          the desk's thresholds where the file gave none.{detail.data.week.source ? ` Imported from ${SOURCE_NAMES[detail.data.week.source] ?? detail.data.week.source}.` : ''}
        </p>
      )}
      {detail.data?.week.station && <StationPanel station={detail.data.week.station} />}
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

/**
 * Amazon's scorecard in the one import dialog: pick the file; its week comes from the file (name,
 * title or Week column), a week typed here only when the file does not say (and must agree when it
 * does). The service's dry run previews every row; the dialog shows skipped rows and ignored columns.
 */
function ScorecardImport({ onClose, onDone }: { onClose: () => void; onDone: (week: string) => void }) {
  const [week, setWeek] = useState('');
  const weekOk = week === '' || isValidWeek(week);
  return (
    <ImportDialog
      title="Import weekly scorecard"
      noun="rows"
      extensions={['csv', 'txt', 'xlsx', 'pdf']}
      about="Amazon's DSP Overview Dashboard CSV (one week or trailing six weeks), the scorecard PDF, or its DA table as CSV or Excel. Nothing is saved until you confirm; a week imported again replaces the earlier import."
      options={
        <div className="field" style={{ maxWidth: 300 }}>
          <label htmlFor="imp-week">Week (only when the file does not say)</label>
          <input id="imp-week" className="input mono" value={week} onChange={(e) => setWeek(e.target.value.trim())} placeholder="from the file" aria-invalid={!weekOk} />
          {!weekOk && <div className="field-error">A week as YYYY-Www, e.g. 2026-W47, or empty</div>}
        </div>
      }
      optionsKey={week}
      ready={weekOk}
      run={(f, dryRun) => api('scorecards.import', { ...f, ...(week ? { week } : {}), dryRun })}
      // Each week's rows are new, or replace that week's earlier import.
      summarize={(r) => ({
        added: r.weeks.filter((w) => !w.replaces).reduce((n, w) => n + w.drivers, 0),
        changed: r.weeks.filter((w) => w.replaces).reduce((n, w) => n + w.drivers, 0),
        errors: r.errors,
        ...readerNotes(r),
      })}
      confirmLabel={(r) => (r.replaces ? `Replace ${replacedWeeks(r)}` : `Import ${r.drivers} rows`)}
      details={(r) => <ScorecardPreview preview={r} />}
      doneText={(r) => `Imported ${r.drivers} rows for ${r.weeks.length > 1 ? `${r.weeks.length} weeks to ${weekLabel(r.week)}` : weekLabel(r.week)}; ${r.suggestedPlans} coaching plan(s) suggested.`}
      onDone={(r) => onDone(r.week)}
      onClose={onClose}
    />
  );
}

const replacedWeeks = (r: ScorecardImportResult) =>
  r.weeks
    .filter((w) => w.replaces)
    .map((w) => w.week)
    .join(', ');

/** The scorecard's own part of the preview: what the file was, its week, the station standing, tiers, drivers not on the roster, the rows with Amazon's tiers. */
function ScorecardPreview({ preview }: { preview: ScorecardImportResult }) {
  const counts = preview.tiers;
  const read = preview.read;
  const shownWeek = preview.rows.some((r) => r.week === preview.week) ? preview.week : null;
  return (
    <div className="stack" data-testid="scorecard-preview">
      <div className="summary-strip" data-testid="scorecard-read">
        {preview.source && <span className="chip chip-info">{preview.source.name}</span>}
        {preview.week && preview.weekFrom && (
          <span className="chip">
            {preview.weeks.length > 1 ? `${preview.weeks.length} weeks, ${preview.weeks[0]!.week} to ${preview.week}` : weekLabel(preview.week)} · week from {preview.weekFrom}
          </span>
        )}
        {read && <span className="chip">header on row {read.headerRow}{read.sheet.names.length > 1 ? ` of “${read.sheet.name}”` : ''}</span>}
        {preview.station?.overall && (
          <span className="nowrap">
            Station standing <strong>{preview.station.overall.score}</strong> <TierChip tier={preview.station.overall.tier} />
          </span>
        )}
      </div>
      <div className="summary-strip">
        <span className="chip chip-info">{preview.drivers} rows</span>
        {counts && TIER_ORDER.map((t) => <TierCountChip key={t} tier={t} n={counts[t]} />)}
        {preview.unknownDrivers.length > 0 && <span className="chip chip-warn">{preview.unknownDrivers.length} not on the roster</span>}
        {preview.replaces && <span className="chip chip-warn">replaces the earlier import of {replacedWeeks(preview)}</span>}
      </div>
      {preview.unknownDrivers.length > 0 && (
        <div className="alert alert-warn">
          Not on the roster (kept with the week, not linked to a driver):{' '}
          {preview.unknownDrivers
            .slice(0, 12)
            .map((u) => `row ${u.row} ${u.name || u.transporterId}${u.transporterId ? ` (${u.transporterId})` : ''}`)
            .join('; ')}
          {preview.unknownDrivers.length > 12 ? ` and ${preview.unknownDrivers.length - 12} more` : ''}
        </div>
      )}
      {preview.rows.length > 0 && (
        <div className="preview-rows">
          <p className="muted">{shownWeek ? `${weekLabel(shownWeek)}. ` : ''}Beside each value its tier: solid = Amazon's own from the file, dashed = from the desk's thresholds.</p>
          <table className="plain-table" aria-label="Scorecard rows">
            <thead>
              <tr>
                <th>Row</th>
                <th>Driver</th>
                <th>Tier</th>
                <th className="num">Score</th>
                {PREVIEW_METRICS.map((m) => (
                  <th key={m} className="num">
                    {METRICS[m].short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows
                .filter((r) => !shownWeek || r.week === shownWeek)
                .slice(0, 300)
                .map((r) => (
                  <tr key={`${r.week} ${r.row}`}>
                    <td className="num">{r.row}</td>
                    <td>
                      {r.name || r.transporterId} {!r.driverId && <span className="chip chip-warn">unknown</span>}
                    </td>
                    <td>
                      <TierChip tier={r.tier} title={r.fileTier ? "Amazon's overall standing" : "Lowest of the key metrics' tiers (the file gave no overall standing)"} />
                    </td>
                    <td className="num">{r.overallScore == null ? '—' : r.overallScore.toFixed(1)}</td>
                    {PREVIEW_METRICS.map((m) => {
                      const a = r.amazon[m]?.tier ?? undefined;
                      return (
                        <td key={m} className="num nowrap">
                          {formatMetric(m, r.values[m])} {a && <MetricTier tier={a} source="amazon" />}
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const PREVIEW_METRICS: MetricKey[] = ['fico', 'speeding', 'seatbelt', 'distractions', 'dcr', 'pod', 'dsb', 'cdfDpmo'];

const SOURCE_NAMES: Record<string, string> = {
  'dsp-overview-dashboard': "Amazon's DSP Overview Dashboard",
  'da-current-week': "the scorecard's DA Current Week Performance table",
  'da-trailing-6-week': "the scorecard's DA Trailing 6-Week Performance table",
  'scorecard-pdf': "Amazon's scorecard PDF",
};

/** The printed value without its tier ("812 | Fantastic" → "812"; "Fantastic" → ""). */
const stationValue = (m: StationScorecard['metrics'][number]) => (m.tier ? (m.text.includes('|') ? m.text.split('|')[0]!.trim() : '') : m.text);

/** Page 1 of the scorecard PDF: the station's category metrics ("Coming Soon" = not scored). */
function StationPanel({ station }: { station: StationScorecard }) {
  const categories = [...new Set(station.metrics.map((m) => m.category))];
  return (
    <section className="panel panel-pad" aria-label="Station scorecard">
      <h2>Station scorecard (PDF page 1)</h2>
      <div className="sc-station">
        {categories.map((c) => (
          <table key={c} className="plain-table">
            <thead>
              <tr>
                <th colSpan={2}>{c}</th>
              </tr>
            </thead>
            <tbody>
              {station.metrics
                .filter((m) => m.category === c)
                .map((m) => (
                  <tr key={m.label}>
                    <td>{m.label}</td>
                    <td className="nowrap">{m.comingSoon ? <span className="muted">Coming Soon (not scored)</span> : <>{stationValue(m)} {m.tier && <TierChip tier={m.tier} title={`Amazon's tier: ${m.tier}`} />}</>}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
        {(station.focusAreas.length > 0 || station.topDrivers.length > 0) && (
          <div>
            {station.focusAreas.length > 0 && (
              <>
                <h3>Recommended focus areas</h3>
                <ol>{station.focusAreas.map((f) => <li key={f}>{f}</li>)}</ol>
              </>
            )}
            {station.topDrivers.length > 0 && (
              <>
                <h3>Top drivers</h3>
                <ol>{station.topDrivers.map((f) => <li key={f}>{f}</li>)}</ol>
              </>
            )}
          </div>
        )}
      </div>
    </section>
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
