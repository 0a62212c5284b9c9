import type { StandupSummary } from '../../../shared/contract/scorecards';
import type { StationAnswer } from '../../../shared/headoffice';
import type { ReactNode } from 'react';
import { PlainTable } from '../../components/PlainTable';
import { PlanStatus, TierChip } from '../standup/common';
import { STANDUP_GROUPS, stationLabel, totalOf, withoutFigures, type FigureGroup } from './model';
import { ScreenHead, ReadProblem } from './parts';
import { useHeadOffice, useStationsRead } from './state';
import '../standup/standup.css';

const count = (n: number | null) => (n === null ? <span className="muted">—</span> : n.toLocaleString('en-US'));

/**
 * The stand-up at the head office: every station's own `standup.summary` as one row, its figures
 * side by side, grouped (yesterday, the latest scorecard, open now); a total row only where adding
 * up means something (model.ts says when). A station without figures shows why in its row.
 */
export function HeadOfficeStandup() {
  const { picked } = useHeadOffice();
  const s = useStationsRead('standup.summary', {});
  return (
    <div className="screen ho-screen">
      <ScreenHead title="Stand-up" answers={s.answers} />
      <ReadProblem read={s} />
      {s.answers && (
        <div className="stack">
          {STANDUP_GROUPS.map((g) => (
            <FigureTable key={g.id} group={g} answers={s.answers!} showTotal={!picked} />
          ))}
          <div className="grid-2">
            <StandupList
              title="Grounded vans"
              answers={s.answers}
              showStation={!picked}
              columns={['Van', 'Status', 'Why']}
              rows={(d) => d.groundedVans.map((v) => ({ key: v.vanId, cells: [<strong key="n" className="nowrap">{v.name}</strong>, v.status, v.reason] }))}
            />
            <StandupList
              title="Coaching plans due today"
              answers={s.answers}
              showStation={!picked}
              columns={['Driver', 'Status', 'Finding']}
              rows={(d) => d.plansDueToday.map((p) => ({ key: p.id, cells: [<strong key="n" className="nowrap">{p.driverName}</strong>, <PlanStatus key="s" plan={p} />, p.finding] }))}
            />
          </div>
          <p className="muted ho-note">
            Each row is that station's own stand-up (its today, in its time zone). Totals add counts of the same day or the same scorecard week only; scores, tiers and rates are never added or
            averaged across stations. “—” means the station has no such figure yet.
          </p>
        </div>
      )}
    </div>
  );
}

function FigureTable({ group, answers, showTotal }: { group: FigureGroup; answers: StationAnswer<StandupSummary>[]; showTotal: boolean }) {
  const extra = group.id === 'yesterday' ? 'Day' : group.id === 'scorecard' ? 'Week' : null;
  return (
    <section className="panel ho-figures" aria-label={group.label} data-group={group.id}>
      <table className="plain-table">
        <thead>
          <tr>
            <th className="ho-station-col">{group.label}</th>
            {extra && <th>{extra}</th>}
            {group.id === 'scorecard' && <th title="The company's standing on that scorecard (never added across stations)">Company</th>}
            {group.figures.map((f) => (
              <th key={f.key} className="num" title={f.title}>
                {f.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answers.map((a) => {
            const why = withoutFigures(a);
            const d = a.result.ok ? a.result.data : null;
            return (
              <tr key={a.code} data-station={a.code}>
                <th scope="row" className="ho-station-col">
                  {stationLabel(a)}
                </th>
                {why || !d ? (
                  <td colSpan={group.figures.length + (extra ? 1 : 0) + (group.id === 'scorecard' ? 1 : 0)} className="ho-why" data-testid="station-why">
                    <span className="chip chip-warn">No figures</span> {why}
                  </td>
                ) : (
                  <>
                    {group.id === 'yesterday' && <td className="mono">{d.yesterday.date}</td>}
                    {group.id === 'scorecard' && <td className="mono">{d.scorecard?.week ?? <span className="muted">no scorecard</span>}</td>}
                    {group.id === 'scorecard' && (
                      <td className="nowrap">
                        {d.scorecard ? (
                          <>
                            {d.scorecard.companyScore ?? '—'} <TierChip tier={d.scorecard.companyTier} />
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    )}
                    {group.figures.map((f) => (
                      <td key={f.key} className="num" data-figure={f.key}>
                        {count(f.get(d))}
                      </td>
                    ))}
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
        {showTotal && (
          <tfoot>
            <tr data-station="total">
              <th scope="row" className="ho-station-col">
                All stations
              </th>
              {extra && <td />}
              {group.id === 'scorecard' && <td className="muted">not added</td>}
              {group.figures.map((f) => {
                const t = totalOf(f, answers);
                return (
                  <td key={f.key} className="num" data-figure={f.key} title={t.why}>
                    {t.value === null ? <span className="muted">—</span> : <strong>{t.value.toLocaleString('en-US')}</strong>}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}

/** One of the stand-up's lists, every station's rows in one table (a Station column when all are shown). */
function StandupList({
  title,
  answers,
  showStation,
  columns,
  rows,
}: {
  title: string;
  answers: StationAnswer<StandupSummary>[];
  showStation: boolean;
  columns: string[];
  rows: (d: StandupSummary) => { key: number; cells: ReactNode[] }[];
}) {
  const all = answers.flatMap((a) => (a.result.ok ? rows(a.result.data).map((r) => ({ ...r, station: a.code })) : []));
  return (
    <section className="panel panel-pad" aria-label={title}>
      <h2>
        {title} <span className="muted">{all.length}</span>
      </h2>
      {all.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <PlainTable label={title} columns={showStation ? ['Station', ...columns] : columns} scroll boxClass="ho-list-box">
          {all.map((r) => (
            <tr key={`${r.station}:${r.key}`}>
              {showStation && <td className="mono">{r.station}</td>}
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </PlainTable>
      )}
    </section>
  );
}
