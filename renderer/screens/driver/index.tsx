import { useChannel } from '../../api/hooks';
import { navigate, useRoute } from '../../router';
import { METRICS, formatMetric, type MetricKey, type TierBounds } from '../../../shared/rules/scorecards/tiers';
import type { DriverWeekView } from '../../../shared/contract/scorecards';
import { INCIDENT_TYPE_LABEL } from '../../../shared/rules/scorecards/coaching';
import { PlanCard, TierChip, TrainingStateChip } from '../standup/common';
import '../standup/standup.css';

const CHART_METRICS: MetricKey[] = ['fico', 'speeding', 'seatbelt', 'distractions', 'followingDistance', 'signSignal', 'dcr', 'pod', 'dsb', 'cdfDpmo', 'dsbDnr', 'psb'];
const TABLE_METRICS: MetricKey[] = ['delivered', 'fico', 'seatbelt', 'speeding', 'distractions', 'followingDistance', 'signSignal', 'dcr', 'pod', 'dsb', 'cdfDpmo', 'dsbDnr', 'psb', 'ced'];

/** A driver's page (`#/driver/<id>`): weeks, trends with tier bands, incidents, plans, training, routes. */
export default function DriverScreen() {
  const route = useRoute();
  const id = Number(route.param);
  const page = useChannel('scorecards.driver', { driverId: Number.isInteger(id) && id > 0 ? id : 1, weeks: 13 }, { skip: !(Number.isInteger(id) && id > 0) });
  if (!(Number.isInteger(id) && id > 0)) return <div className="screen screen-body">Pick a driver from the stand-up, a scorecard or the roster.</div>;
  if (page.error) return <div className="screen screen-body alert">Could not load the driver: {page.error.message}</div>;
  const d = page.data;
  if (!d) return <div className="screen screen-body muted">Loading…</div>;
  const weeks = [...d.weeks].reverse(); // oldest first for charts
  const latest = d.weeks[0];
  return (
    <div className="screen driver-page" data-testid="driver-page">
      <div className="screen-header">
        <button className="btn btn-ghost btn-sm" onClick={() => (history.length > 1 ? history.back() : navigate('standup'))}>
          ← Back
        </button>
        <h1>{d.driver.name}</h1>
        <span className="mono muted">{d.driver.transporterId}</span>
        {latest && <TierChip tier={latest.tier} title={`Week ${latest.week}`} />}
        {d.atRisk && <span className="chip chip-bad">At risk: {d.atRisk.reason}</span>}
        <div className="summary-strip">
          <span className="chip chip-neutral">{d.routes28d} routes in 28 days</span>
          <span className="chip chip-neutral">{d.hours28d == null ? 'hours: no data yet' : `${d.hours28d} h on road in 28 days`}</span>
        </div>
      </div>
      <div className="screen-body stack">
        {weeks.length === 0 ? (
          <div className="alert alert-info">No scorecard weeks for this driver yet.</div>
        ) : (
          <>
            <section className="panel panel-pad" aria-label="Trends">
              <h2>Trends · last {weeks.length} weeks</h2>
              <div className="chart-grid">
                {CHART_METRICS.filter((m) => weeks.some((w) => w.values[m] != null)).map((m) => (
                  <MetricChart key={m} metric={m} weeks={weeks} />
                ))}
              </div>
            </section>
            <section className="panel panel-pad" aria-label="Weeks">
              <h2>Weeks</h2>
              <div className="table-scroll">
                <table className="plain-table weeks-table">
                  <thead>
                    <tr>
                      <th>Week</th>
                      <th>Tier</th>
                      <th>Focus</th>
                      {TABLE_METRICS.map((m) => (
                        <th key={m} className="num">
                          {METRICS[m].short}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.weeks.map((w) => (
                      <tr key={w.week}>
                        <td className="mono nowrap">{w.week}</td>
                        <td>
                          <TierChip tier={w.tier} />
                        </td>
                        <td>{w.keyFocusArea}</td>
                        {TABLE_METRICS.map((m) => (
                          <td key={m} className={`num ${w.metricTiers[m] === 'Poor' ? 'm-poor' : w.metricTiers[m] === 'Fair' ? 'm-fair' : ''}`} title={w.metricTiers[m] ? `${w.tierSource[m] === 'amazon' ? "Amazon's tier" : "Tier from the desk's thresholds"}: ${w.metricTiers[m]}` : undefined}>
                            {formatMetric(m, w.values[m])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
        <div className="grid-2">
          <section className="panel panel-pad stack" aria-label="Action plans">
            <h2>Action plans</h2>
            {d.plans.length === 0 ? <p className="muted">No action plans.</p> : d.plans.map((p) => <PlanCard key={p.id} plan={p} showDriver={false} />)}
          </section>
          <div className="stack">
            <section className="panel panel-pad" aria-label="Incidents">
              <h2>Incidents</h2>
              {d.incidents.length === 0 ? (
                <p className="muted">No incidents.</p>
              ) : (
                <ul className="plain-list">
                  {d.incidents.map((i) => (
                    <li key={i.id}>
                      <strong>{i.date}</strong> {INCIDENT_TYPE_LABEL[i.type]} <span className={`chip ${i.severity === 'high' || i.severity === 'critical' ? 'chip-bad' : i.severity === 'medium' ? 'chip-warn' : 'chip-neutral'}`}>{i.severity}</span> <span className="muted">{i.status}</span>
                      <div className="muted">
                        {i.description} {i.vanName ? `· ${i.vanName}` : ''} {i.routeCode ? `· route ${i.routeCode}` : ''}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel panel-pad" aria-label="Training">
              <h2>Training</h2>
              {d.training.length === 0 ? (
                <p className="muted">No training recorded.</p>
              ) : (
                <ul className="plain-list">
                  {d.training.map((t) => (
                    <li key={t.courseId}>
                      {t.courseName} <TrainingStateChip state={t.state} />{' '}
                      <span className="muted">
                        {t.completedOn ? `done ${t.completedOn}` : ''}
                        {t.expiresOn ? ` · expires ${t.expiresOn}` : t.completedOn ? ' · never expires' : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel panel-pad" aria-label="Routes driven">
              <h2>Routes driven · last 90 days</h2>
              {d.routes.length === 0 ? (
                <p className="muted">No routes recorded.</p>
              ) : (
                <div className="table-scroll short">
                  <table className="plain-table">
                    <thead>
                      <tr>
                        <th>Date</th>
                        <th>Route</th>
                        <th>Service type</th>
                        <th className="num">Packages</th>
                        <th className="num">Hours</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.routes.slice(0, 60).map((r) => (
                        <tr key={r.date + r.code}>
                          <td className="nowrap">{r.date}</td>
                          <td className="mono">{r.code}</td>
                          <td>{r.serviceType}</td>
                          <td className="num">{r.packages ?? '—'}</td>
                          <td className="num">{r.hours ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>
        </div>
      </div>
    </div>
  );
}

const BAND_FILL = { 'Fantastic+': '#d5ecdc', Fantastic: '#e5f4ea', Great: '#eef5fb', Fair: '#fdf3dc', Poor: '#fbe7e6' } as const;

/** A small line chart of one metric with the latest week's tier bands drawn behind. */
function MetricChart({ metric, weeks }: { metric: MetricKey; weeks: DriverWeekView[] }) {
  const def = METRICS[metric];
  const W = 230;
  const H = 92;
  const pad = { l: 6, r: 6, t: 6, b: 14 };
  const vals = weeks.map((w) => w.values[metric] ?? null);
  const b: TierBounds | undefined = weeks[weeks.length - 1]!.thresholds[metric];
  const present = vals.filter((v): v is number => v != null);
  const bounds = b ? [b.fantasticPlus, b.fantastic, b.great, b.fair] : [];
  let lo = Math.min(...present, ...bounds);
  let hi = Math.max(...present, ...bounds);
  if (def.better === 'higher' && b) lo = Math.min(...present, b.fair - (b.great - b.fair));
  if (def.better === 'lower' && b) hi = Math.max(...present, b.fair + (b.fair - b.great));
  if (hi === lo) hi = lo + 1;
  const x = (i: number) => pad.l + (weeks.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (weeks.length - 1));
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (H - pad.t - pad.b);
  const clampY = (v: number) => Math.max(pad.t, Math.min(H - pad.b, y(v)));
  // Bands: from each boundary to the next, in value space.
  const bands: { tier: keyof typeof BAND_FILL; from: number; to: number }[] = [];
  if (b) {
    if (def.better === 'higher') {
      bands.push({ tier: 'Fantastic+', from: b.fantasticPlus, to: hi }, { tier: 'Fantastic', from: b.fantastic, to: b.fantasticPlus }, { tier: 'Great', from: b.great, to: b.fantastic }, { tier: 'Fair', from: b.fair, to: b.great }, { tier: 'Poor', from: lo, to: b.fair });
    } else {
      bands.push({ tier: 'Fantastic+', from: lo, to: b.fantasticPlus }, { tier: 'Fantastic', from: b.fantasticPlus, to: b.fantastic }, { tier: 'Great', from: b.fantastic, to: b.great }, { tier: 'Fair', from: b.great, to: b.fair }, { tier: 'Poor', from: b.fair, to: hi });
    }
  }
  let path = '';
  vals.forEach((v, i) => {
    if (v == null) return;
    path += `${path && vals[i - 1] != null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  const last = [...vals].reverse().find((v) => v != null);
  const lastTier = weeks[weeks.length - 1]!.metricTiers[metric];
  return (
    <figure className="metric-chart" aria-label={`${def.short} trend`}>
      <figcaption>
        <span>{def.short}</span>
        <span className="muted">{def.better === 'lower' ? 'lower is better' : 'higher is better'}</span>
        <strong>{formatMetric(metric, last)}</strong>
        {lastTier && <TierChip tier={lastTier} />}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${def.short}: ${vals.map((v) => formatMetric(metric, v)).join(', ')}`}>
        {bands.map((band) => {
          const top = clampY(Math.max(band.from, band.to));
          const bottom = clampY(Math.min(band.from, band.to));
          return bottom - top > 0.5 ? <rect key={band.tier} x={pad.l} width={W - pad.l - pad.r} y={top} height={bottom - top} fill={BAND_FILL[band.tier]}><title>{band.tier}</title></rect> : null;
        })}
        <path d={path} fill="none" stroke="#1f5fbf" strokeWidth={2} />
        {vals.map((v, i) => (v == null ? <circle key={i} cx={x(i)} cy={H - pad.b - 2} r={2} fill="#c4cad3"><title>{weeks[i]!.week}: no value</title></circle> : <circle key={i} cx={x(i)} cy={y(v)} r={2.6} fill={weeks[i]!.metricTiers[metric] === 'Poor' ? '#a12a22' : weeks[i]!.metricTiers[metric] === 'Fair' ? '#b07800' : '#1f5fbf'}><title>{`${weeks[i]!.week}: ${formatMetric(metric, v)} (${weeks[i]!.metricTiers[metric] ?? '—'})`}</title></circle>))}
        <text x={pad.l} y={H - 2} fontSize="9" fill="#6b7585">{weeks[0]!.week.slice(5)}</text>
        <text x={W - pad.r} y={H - 2} fontSize="9" fill="#6b7585" textAnchor="end">{weeks[weeks.length - 1]!.week.slice(5)}</text>
      </svg>
    </figure>
  );
}
