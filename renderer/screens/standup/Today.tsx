import { api } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import { useDayFollowingToday } from '../../api/stationDay';
import { useToast } from '../../components/Toasts';
import { weekLabel } from '../../../shared/rules/scorecards/weeks';
import { attendanceFigures } from '../../../shared/rules/scorecards/attendance';
import type { ReactNode } from 'react';
import type { StandupSummary, StandupTopic, TierCounts } from '../../../shared/contract/scorecards';
import type { Tier } from '../../../shared/domain';
import { DriverLink, TIER_ORDER, TierChip, download, tierClass } from './common';
import { useRecordTopic } from './useRecordTopic';

const fmt = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString('en-US'));

export function Stat({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: 'ok' | 'warn' | 'bad' }) {
  return (
    <div className={`su-stat${tone ? ' su-' + tone : ''}`}>
      <div className="su-v">{value}</div>
      <div className="su-l">{label}</div>
      {sub && <div className="su-sub">{sub}</div>}
    </div>
  );
}

/** The morning stand-up, readable from the back of the room. */
export function Today() {
  const info = useAppInfo();
  const canWrite = useCanWrite();
  const toast = useToast();
  // The stand-up of the station's today (it moves on at midnight), or a day picked to look back.
  const [date, setDate] = useDayFollowingToday();
  const s = useChannel('standup.summary', { date });
  const topics = useChannel('standup.topics', {}, { skip: !canWrite });
  const d = s.data;

  const exportPdf = async () => {
    try {
      download(await api('standup.pdf', { date }));
    } catch (err) {
      toast.error(`Could not export the stand-up: ${(err as Error).message}`);
    }
  };
  const nextTopic = async () => {
    if (!d || !topics.data?.length) return;
    const list = topics.data;
    const i = list.findIndex((t) => t.id === d.topic?.id);
    const next = list[(i + 1) % list.length]!;
    await api('standup.setTopic', { date: d.date, topicId: next.id });
  };

  useRecordTopic(d, canWrite, info?.today);
  return (
    <div className="standup" data-testid="standup">
      <div className="su-header">
        <div>
          <h1 className="su-title">Daily stand-up</h1>
          <div className="su-date">{d ? longDate(d.date) : '…'} {info?.station ? `· ${info.station.name}` : ''}</div>
        </div>
        <div className="actions">
          <DayControls id="su-date" date={date} setDate={setDate} fullScreen=".standup">
            <button className="btn" onClick={() => void exportPdf()}>
              Export PDF
            </button>
          </DayControls>
        </div>
      </div>
      {s.error && (
        <div className="alert" role="alert">
          Could not load the stand-up: {s.error.message}
        </div>
      )}
      {d && (
        <div className="su-grid">
          <TopicCard topic={d.topic}>
            {canWrite && d.topic && (topics.data?.length ?? 0) > 1 && (
              <button className="btn btn-sm btn-ghost" onClick={() => void nextTopic()}>
                Pick another topic
              </button>
            )}
            {d.topicHistory.length > 0 && <div className="su-history muted">Recent: {d.topicHistory.filter((h) => h.date !== d.date).slice(0, 5).map((h) => h.title).join(' · ')}</div>}
          </TopicCard>

          <Yesterday y={d.yesterday} />
          <Scorecard s={d} />

          <section className="su-card" aria-label="Action plans due today">
            <h2>Action plans due today</h2>
            {d.plansDueToday.length === 0 ? (
              <p className="su-none">None due.</p>
            ) : (
              <ul className="su-list">
                {d.plansDueToday.slice(0, 8).map((p) => (
                  <li key={p.id}>
                    <DriverLink id={p.driverId} name={p.driverName} />
                    <span className={`chip ${p.status === 'escalated' ? 'chip-bad' : p.overdue ? 'chip-warn' : 'chip-info'}`}>{p.status === 'escalated' ? 'Escalated' : p.overdue ? 'Overdue' : 'Due today'}</span>
                    <div className="su-small">{p.finding}</div>
                  </li>
                ))}
                {d.plansDueToday.length > 8 && <li className="muted">and {d.plansDueToday.length - 8} more</li>}
              </ul>
            )}
          </section>

          <section className="su-card" aria-label="Training due this week">
            <h2>Training due this week</h2>
            {d.trainingDueThisWeek.length === 0 && d.trainingExpired.length === 0 ? (
              <p className="su-none">Everyone is current.</p>
            ) : (
              <ul className="su-list">
                {d.trainingDueThisWeek.slice(0, 6).map((t) => (
                  <li key={`${t.driverId}-${t.courseId}`}>
                    <DriverLink id={t.driverId} name={t.driverName} /> <span className="chip chip-warn">{t.courseName} · expires {t.expiresOn}</span>
                  </li>
                ))}
                {d.trainingExpired.length > 0 && (
                  <li>
                    <span className="chip chip-bad">Expired mandatory: {d.trainingExpired.length}</span>{' '}
                    <span className="su-small">{d.trainingExpired.slice(0, 5).map((t) => `${t.driverName} (${t.courseName})`).join(', ')}</span>
                  </li>
                )}
              </ul>
            )}
          </section>

          <section className="su-card" aria-label="Grounded vans">
            <h2>Grounded vans</h2>
            {d.groundedVans.length === 0 ? (
              <p className="su-none">Every van is ready.</p>
            ) : (
              <ul className="su-list">
                {d.groundedVans.map((v) => (
                  <li key={v.vanId}>
                    <strong>{v.name}</strong> <span className="chip chip-bad">{v.status.replace(/-/g, ' ')}</span>
                    <div className="su-small">{v.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

/** The date picker and the Full screen button of a stand-up view (`children` go between them). */
export function DayControls({ id, date, setDate, fullScreen, children }: { id: string; date: string; setDate: (d: string) => void; fullScreen: string; children?: ReactNode }) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        Date
      </label>
      <input id={id} type="date" className="input" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
      {children}
      <button className="btn" onClick={() => void document.querySelector(fullScreen)?.requestFullscreen?.()}>
        Full screen
      </button>
    </>
  );
}

/** The safety topic of the day, large; `children` add the desk's controls. */
export function TopicCard({ topic, children }: { topic: StandupTopic | null; children?: ReactNode }) {
  return (
    <section className="su-card su-topic" aria-label="Safety topic of the day">
      <h2>Safety topic of the day</h2>
      {topic ? (
        <>
          <div className="su-topic-title">{topic.title}</div>
          <p className="su-topic-body">{topic.body}</p>
        </>
      ) : (
        <p className="muted">No safety topics in the library yet.</p>
      )}
      {children}
    </section>
  );
}

export function longDate(date: string) {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

export function Yesterday({ y }: { y: StandupSummary['yesterday'] }) {
  const late = y.returnsLate ?? 0;
  return (
    <section className="su-card su-yesterday" aria-label="Yesterday in numbers">
      <h2>Yesterday · {longDate(y.date)}</h2>
      <div className="su-stats">
        <Stat label="Routes run" value={fmt(y.routesRun)} sub={y.routesPlanned != null ? `of ${y.routesPlanned} planned` : 'no data yet'} />
        <Stat label="Packages" value={fmt(y.packages)} sub={y.packages == null ? 'no data yet' : undefined} />
        <Stat label="On-time returns" value={y.returnsOnTime == null ? '—' : `${y.returnsOnTime}/${y.returned}`} sub={y.returnsOnTime == null ? 'no data yet' : `${Math.round((100 * y.returnsOnTime) / Math.max(1, y.returned ?? 1))}% vs plan`} tone={y.returnsOnTime == null ? undefined : late > 0 ? 'warn' : 'ok'} />
        <Stat label="RTS late" value={fmt(y.returnsLate)} sub={y.returnsLate == null ? 'no data yet' : undefined} tone={late > 0 ? 'warn' : undefined} />
        <Stat label="Rescues" value={fmt(y.rescues)} sub={rescueTrend(y)} />
        <Stat label="Incidents" value={fmt(y.incidents)} tone={(y.incidents ?? 0) > 0 ? 'bad' : 'ok'} />
        <Attendance a={y.attendance} />
      </div>
    </section>
  );
}

/** The rescues of the week ending yesterday, in words ("3 in 7 days: 0 1 0 2 – 0 0"); no data at all says so. */
function rescueTrend(y: StandupSummary['yesterday']): string {
  const known = (y.rescuesTrend ?? []).filter((d) => d.rescues != null);
  if (known.length === 0) return 'no data yet';
  const total = known.reduce((n, d) => n + (d.rescues ?? 0), 0);
  return `${total} in 7 days: ${y.rescuesTrend.map((d) => (d.rescues == null ? '–' : String(d.rescues))).join(' ')}`;
}

function Scorecard({ s }: { s: StandupSummary }) {
  const sc = s.scorecard;
  if (!sc) {
    return (
      <section className="su-card su-scorecard" aria-label="Latest scorecard">
        <h2>Latest scorecard</h2>
        <p className="su-none">No scorecard imported yet. Import the weekly DA scorecard under “Scorecards & at risk”.</p>
      </section>
    );
  }
  return (
    <section className="su-card su-scorecard" aria-label="Latest scorecard">
      <h2>Latest scorecard · {weekLabel(sc.week)}</h2>
      <div className="su-score-row">
        <CompanyStanding score={sc.companyScore} tier={sc.companyTier} previous={sc.previousCompanyScore} />
        <TeamTiers tiers={sc.tiers} previous={sc.previousTiers} />
      </div>
      <div className="su-movers">
        <div>
          <h3>Moved up</h3>
          {sc.moversUp.length === 0 ? <p className="muted">—</p> : sc.moversUp.map((m) => <Mover key={m.name} m={m} />)}
        </div>
        <div>
          <h3>Moved down</h3>
          {sc.moversDown.length === 0 ? <p className="muted">—</p> : sc.moversDown.map((m) => <Mover key={m.name} m={m} />)}
        </div>
        <div>
          <h3>Recognitions · Fantastic+</h3>
          {sc.recognitions.length === 0 ? (
            <p className="muted">No Fantastic+ drivers this week.</p>
          ) : (
            <ul className="su-recog">
              {sc.recognitions.slice(0, 10).map((r) => (
                <li key={r.name}>
                  ★ <DriverLink id={r.driverId} name={r.name} />
                  {r.weeksFantasticPlus > 1 && <span className="muted"> · {r.weeksFantasticPlus} weeks in a row</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {s.atRisk.length > 0 && (
        <div className="su-atrisk">
          <h3>At risk</h3>
          <ul className="su-list">
            {s.atRisk.slice(0, 4).map((a) => (
              <li key={a.driverId}>
                <DriverLink id={a.driverId} name={a.name} /> <TierChip tier={a.tier} /> <span className="su-small">{a.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The company's standing and its change since last week. */
export function CompanyStanding({ score, tier, previous }: { score: number | null; tier: Tier | null; previous: number | null }) {
  const delta = score != null && previous != null ? score - previous : null;
  return (
    <div className="su-company">
      <div className="su-company-score">{score == null ? '—' : score.toFixed(1)}</div>
      <div className="su-l">Company standing {tier && <TierChip tier={tier} />}</div>
      {delta != null && <div className={`su-sub ${delta >= 0 ? 'up' : 'down'}`}>{delta >= 0 ? '▲' : '▼'} {Math.abs(delta).toFixed(1)} vs last week</div>}
    </div>
  );
}

/** The team's tier counts as a bar and numbers, with the change since last week. */
export function TeamTiers({ tiers, previous }: { tiers: TierCounts; previous: TierCounts | null }) {
  const total = Math.max(1, TIER_ORDER.reduce((a, t) => a + tiers[t], 0));
  return (
    <div className="su-tiers" data-testid="tier-counts">
      <div className="su-tierbar" aria-hidden="true">
        {TIER_ORDER.map((t) => (tiers[t] > 0 ? <span key={t} className={tierClass(t)} style={{ width: `${(100 * tiers[t]) / total}%` }} /> : null))}
      </div>
      <div className="su-tier-counts">
        {TIER_ORDER.map((t) => (
          <div key={t} className="su-tier-count" data-tier={t}>
            <span className={tierClass(t)}>{t}</span>
            <strong data-testid={`tier-count-${t}`}>{tiers[t]}</strong>
            {previous && previous[t] !== tiers[t] && (
              <span className="muted">
                ({tiers[t] - previous[t] > 0 ? '+' : ''}
                {tiers[t] - previous[t]})
              </span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Yesterday's attendance from the schedule's records: call-outs, no-shows, late check-ins (the PDF's wording too). */
function Attendance({ a }: { a: StandupSummary['yesterday']['attendance'] }) {
  return (
    <>
      {attendanceFigures(a).map((f) => (
        <Stat key={f.label} label={f.label} value={f.value} sub={f.sub} tone={f.tone} />
      ))}
    </>
  );
}

function Mover({ m }: { m: { driverId: number | null; name: string; from: StandupSummary['atRisk'][number]['tier']; to: StandupSummary['atRisk'][number]['tier'] } }) {
  return (
    <div className="su-mover">
      <DriverLink id={m.driverId} name={m.name} />{' '}
      <span className="su-small">
        <TierChip tier={m.from} /> → <TierChip tier={m.to} />
      </span>
    </div>
  );
}
