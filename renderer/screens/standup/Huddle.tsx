import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import { useDayFollowingToday } from '../../api/stationDay';
import { weekLabel } from '../../../shared/rules/scorecards/weeks';
import type { StandupHuddle } from '../../../shared/contract/scorecards';
import { TierChip } from './common';
import { CompanyStanding, DayControls, TeamTiers, TopicCard, Yesterday, longDate } from './Today';
import { useRecordTopic } from './useRecordTopic';

/**
 * The stand-up in front of the drivers (`#/standup/huddle`): the team's figures, the safety topic
 * and recognitions. It reads `standup.huddle`, which carries no driver's at-risk metrics, coaching
 * or expired training at all — those stay on the regular stand-up, the owner's and manager's view.
 */
export function Huddle() {
  const info = useAppInfo();
  const canWrite = useCanWrite();
  const [date, setDate] = useDayFollowingToday();
  const h = useChannel('standup.huddle', { date });
  const d = h.data;
  useRecordTopic(d, canWrite, info?.today);
  return (
    <div className="standup huddle" data-testid="huddle">
      <div className="su-header">
        <div>
          <h1 className="su-title">Team huddle</h1>
          <div className="su-date">
            {d ? longDate(d.date) : '…'} {info?.station ? `· ${info.station.name}` : ''}
          </div>
        </div>
        <div className="actions">
          <DayControls id="huddle-date" date={date} setDate={setDate} fullScreen=".huddle" />
        </div>
      </div>
      {h.error && (
        <div className="alert" role="alert">
          Could not load the huddle: {h.error.message}
        </div>
      )}
      {d && (
        <div className="su-grid">
          <TopicCard topic={d.topic} />
          <Yesterday y={d.yesterday} />
          <TeamCard s={d} />
          <Recognitions s={d} />
          <section className="su-card" aria-label="Team">
            <h2>Team</h2>
            <ul className="su-list">
              <li>
                <strong>{d.trainingDue}</strong> {d.trainingDue === 1 ? 'driver has' : 'drivers have'} training due this week — see dispatch after the huddle.
              </li>
              <li>
                {d.groundedVans.length === 0 ? (
                  <span className="su-none">Every van is ready.</span>
                ) : (
                  <>
                    Off the road today: <strong>{d.groundedVans.map((v) => v.name).join(', ')}</strong>
                  </>
                )}
              </li>
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}

function TeamCard({ s }: { s: StandupHuddle }) {
  const sc = s.scorecard;
  return (
    <section className="su-card su-team" aria-label="Team scorecard">
      <h2>Our scorecard{sc ? ` · ${weekLabel(sc.week)}` : ''}</h2>
      {sc ? (
        <div className="su-score-row">
          <CompanyStanding score={sc.companyScore} tier={sc.companyTier} previous={sc.previousCompanyScore} />
          <TeamTiers tiers={sc.tiers} previous={sc.previousTiers} />
        </div>
      ) : (
        <p className="su-none">No scorecard imported yet.</p>
      )}
    </section>
  );
}

function Recognitions({ s }: { s: StandupHuddle }) {
  const sc = s.scorecard;
  return (
    <section className="su-card su-recognitions" aria-label="Recognitions">
      <h2>Recognitions</h2>
      {!sc || (sc.recognitions.length === 0 && sc.movedUp.length === 0) ? (
        <p className="muted">No recognitions this week.</p>
      ) : (
        <div className="su-movers huddle-recog">
          <div>
            <h3>Fantastic+ · {sc.recognitions.length}</h3>
            <ul className="su-recog">
              {sc.recognitions.map((r) => (
                <li key={r.name}>
                  ★ <strong>{r.name}</strong>
                  {r.weeksFantasticPlus > 1 && <span className="muted"> · {r.weeksFantasticPlus} weeks in a row</span>}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Moved up a tier</h3>
            {sc.movedUp.length === 0 ? (
              <p className="muted">—</p>
            ) : (
              sc.movedUp.map((m) => (
                <div key={m.name} className="su-mover">
                  <strong>{m.name}</strong>{' '}
                  <span className="su-small">
                    <TierChip tier={m.from} /> → <TierChip tier={m.to} />
                  </span>
                </div>
              ))
            )}
          </div>
        </div>
      )}
    </section>
  );
}
