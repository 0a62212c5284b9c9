import { useRoute, navigate } from '../../router';
import { Today } from './Today';
import { Huddle } from './Huddle';
import { Scorecards } from './Scorecards';
import { Coaching } from './Coaching';
import { TrainingIncidents } from './TrainingIncidents';
import { Library } from './Library';
import './standup.css';

const TABS = [
  { id: 'today', label: 'Stand-up' },
  { id: 'huddle', label: 'Huddle (drivers)' },
  { id: 'scorecards', label: 'Scorecards & at risk' },
  { id: 'coaching', label: 'Coaching' },
  { id: 'training', label: 'Training & incidents' },
  { id: 'library', label: 'Topics & courses' },
] as const;

/**
 * Stand-up & scorecards: the owner's and manager's stand-up (`#/standup`), the huddle projected in
 * front of the drivers (`#/standup/huddle`: team figures only), weekly scorecard import and
 * the at-risk list, coaching action plans, training and incidents (`#/standup/<tab>`).
 */
export default function StandupScreen() {
  const route = useRoute();
  const tab = TABS.find((t) => t.id === route.param)?.id ?? 'today';
  return (
    <div className={`screen standup-screen tab-${tab}`}>
      <div className="tabs standup-tabs" role="tablist" aria-label="Stand-up sections">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} onClick={() => navigate('standup', t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'today' && <Today />}
      {tab === 'huddle' && <Huddle />}
      {tab === 'scorecards' && <Scorecards />}
      {tab === 'coaching' && <Coaching />}
      {tab === 'training' && <TrainingIncidents />}
      {tab === 'library' && (
        <div className="screen-body">
          <Library />
        </div>
      )}
    </div>
  );
}
