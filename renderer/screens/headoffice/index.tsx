import { useEffect, useMemo, useState, type ComponentType } from 'react';
import type { StationInfo } from '../../../shared/headoffice';
import { setToken } from '../../api/client';
import { headOfficeNow, listStations } from '../../api/headOffice';
import { skewFrom } from '../../api/stationDay';
import { Login, Opening, useOpening } from '../../components/Login';
import { ScreenNav } from '../../components/ScreenNav';
import { hrefFor, useRoute } from '../../router';
import { HeadOfficeContext, rememberedStation, rememberStation, type HeadOffice } from './state';
import { StationPicker } from './StationPicker';
import { HeadOfficeStandup } from './Standup';
import { CoachingList, IncidentsList, ReadinessList, RosterList, Scorecards } from './lists';
import './headoffice.css';

/**
 * The console at a head office (issue 15): the station picker in the top bar and the read-only
 * head-office screens — stand-up, scorecards and at-risk, coaching, incidents, fleet readiness and
 * roster — for one station or all stations side by side. Nothing here writes: the head office only
 * reads (each desk stays the one place its data changes).
 */
const SCREENS: { id: string; label: string; key: string; component: ComponentType }[] = [
  { id: 'standup', label: 'Stand-up', key: '1', component: HeadOfficeStandup },
  { id: 'scorecards', label: 'Scorecards', key: '2', component: Scorecards },
  { id: 'coaching', label: 'Coaching', key: '3', component: CoachingList },
  { id: 'incidents', label: 'Incidents', key: '4', component: IncidentsList },
  { id: 'readiness', label: 'Readiness', key: '5', component: ReadinessList },
  { id: 'roster', label: 'Roster', key: '6', component: RosterList },
];

export default function HeadOfficeApp() {
  const [stations, setStations] = useState<StationInfo[] | null>(null);
  const [pickedCode, setPickedCode] = useState<string | null>(rememberedStation);
  const [generation, setGeneration] = useState(0);
  const [now, setNow] = useState(() => Date.now());

  const { authError, loadError, load } = useOpening(
    // "last push … ago" on the head office's clock, not this page's (a client's clock may be off).
    () => Promise.all([listStations(), headOfficeNow().catch(() => undefined)]),
    ([list, hoNow]) => {
      setStations(list);
      setNow(Date.now() + skewFrom(hoNow, Date.now()));
    },
  );
  // The picker's "last push … ago" and pending counts stay current while the page is open.
  useEffect(() => {
    const t = setInterval(load, 60_000);
    return () => clearInterval(t);
  }, [load]);

  const ho = useMemo<HeadOffice | null>(() => {
    if (!stations) return null;
    return {
      stations,
      // A remembered station the head office no longer lists falls back to all stations.
      picked: stations.find((s) => s.code === pickedCode) ?? null,
      pick: (code) => {
        rememberStation(code);
        setPickedCode(code);
      },
      generation,
    };
  }, [stations, pickedCode, generation]);

  if (authError !== null) {
    return (
      <Login
        message={authError}
        about="This is a head office: every station's figures, read-only. Enter the owner token it was started with (serve --head-office --token), or an owner token made for you."
        submitLabel="Open the head office"
        onToken={(t) => {
          setToken(t);
          load();
        }}
      />
    );
  }
  if (!ho) return <Opening place="the head office" waiting="Opening the head office…" error={loadError} onRetry={load} />;
  return (
    <HeadOfficeContext.Provider value={ho}>
      <Shell
        ho={ho}
        now={now}
        onRefresh={() => {
          load();
          setGeneration((g) => g + 1);
        }}
      />
    </HeadOfficeContext.Provider>
  );
}

function Shell({ ho, now, onRefresh }: { ho: HeadOffice; now: number; onRefresh: () => void }) {
  const route = useRoute();
  const current = SCREENS.find((s) => s.id === route.screen);
  useEffect(() => {
    if (!current) history.replaceState(null, '', hrefFor('standup'));
    if (!current) window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, [current]);
  useEffect(() => {
    document.title = `${current?.label ?? 'Head office'} · ${ho.picked ? ho.picked.code : 'All stations'} · Dispatch Desk head office`;
  }, [current, ho.picked]);

  const Screen = current?.component;
  return (
    <div className="shell ho-shell">
      <header className="topbar">
        <div className="brand">
          <div className="brand-mark" aria-hidden="true">
            DD
          </div>
          <div className="brand-name">Head office</div>
        </div>
        <StationPicker stations={ho.stations} picked={ho.picked} onPick={ho.pick} now={now} />
        <ScreenNav screens={SCREENS} current={route.screen} />
        <div className="topbar-right">
          <span className="readonly-badge" title="The head office shows what the stations pushed; changes are made at each station's desk.">
            Read-only
          </span>
          <button type="button" className="icon-btn" aria-label="Refresh" title="Read every station again" onClick={onRefresh}>
            ↻
          </button>
        </div>
      </header>
      <main className="main" id="main">
        {ho.stations.length === 0 ? <NoStationYet /> : Screen ? <Screen key={ho.picked?.code ?? '*'} /> : null}
      </main>
    </div>
  );
}

/** A head office nobody has pushed to yet: how to connect a desk. */
function NoStationYet() {
  const here = window.location.origin;
  return (
    <div className="screen">
      <section className="panel panel-pad ho-empty" data-testid="ho-empty">
        <h2>No station has pushed to this head office yet</h2>
        <p className="muted">Each station's desk pushes its changes here. To connect one:</p>
        <ol>
          <li>
            Make the station's push token (on the head office, once per station; it is shown once):
            <pre className="mono">dispatch-desk token create --role station --name STATION_CODE --postgres POSTGRES_URL</pre>
          </li>
          <li>
            At the station, push from its desk (every 30 s; <span className="mono">--once</span> pushes what there is and stops):
            <pre className="mono">{`dispatch-desk sync --db PATH/TO/station.db --to ${here} --token STATION_TOKEN`}</pre>
          </li>
        </ol>
        <p className="muted">The first push sends the whole station: it appears in the picker with that push, and its numbers once the whole copy has arrived.</p>
      </section>
    </div>
  );
}
