import { Component, Suspense, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { api, setToken, subscribeEvents, type ConnectionState } from './api/client';
import { Login, Opening, useOpening } from './components/Login';
import { AppInfoContext, publishEvent, useDeskEvent } from './api/hooks';
import { StationDayProvider, skewFrom, useToday, type StationClock } from './api/stationDay';
import type { AppInfo } from '../shared/contract/station';
import { screens } from './screens/registry';
import { hrefFor, useRoute } from './router';
import { ToastProvider } from './components/Toasts';
import { Dialog } from './components/Dialog';
import { HealthBanner } from './components/HealthBanner';
import { HeadOfficeStatus } from './components/HeadOfficeStatus';
import { ScreenNav } from './components/ScreenNav';

/**
 * The console shell: top bar (station, navigation, date, read-only badge), the current screen,
 * and a status bar (database file, connection, version). Owns the one event subscription and the
 * global keyboard shortcuts (Alt+<key> screens, `?` help, `/` search).
 */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [clock, setClock] = useState<StationClock | null>(null);

  const { authError, loadError, load } = useOpening(
    () => api('app.info', {}),
    (i) => {
      setInfo(i);
      // Before a station exists the desk counts days in UTC (station.ts), so does the console.
      setClock({ timeZone: i.station?.timeZone ?? 'UTC', skewMs: skewFrom(i.now, Date.now()) });
    },
  );
  // A restore replaced the station under the console: load its facts again.
  useDeskEvent((e) => {
    if (e.type === 'changed' && e.channel === 'backups.restore') load();
  });

  if (authError !== null) {
    return (
      <Login
        message={authError}
        onToken={(t) => {
          setToken(t);
          load();
        }}
      />
    );
  }
  if (!info || !clock) return <Opening place="the desk" waiting="Opening the station database…" error={loadError} onRetry={load} />;
  return (
    <AppInfoContext.Provider value={info}>
      <StationDayProvider clock={clock}>
        <ToastProvider>
          <Shell info={info} />
        </ToastProvider>
      </StationDayProvider>
    </AppInfoContext.Provider>
  );
}

/** The screens in the top bar (a hidden one is reached by link only). */
const NAV = screens.filter((s) => !s.hidden);

function formatDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function Shell({ info }: { info: AppInfo }) {
  const route = useRoute();
  const [conn, setConn] = useState<ConnectionState>('connecting');
  const [help, setHelp] = useState(false);
  const current = screens.find((s) => s.id === route.screen);
  const today = useToday();

  useEffect(() => {
    let was: ConnectionState = 'connecting';
    return subscribeEvents(publishEvent, (state) => {
      // Events may have been missed while offline: tell every screen to refresh once back.
      if (state === 'live' && was === 'offline') publishEvent({ type: 'changed', channel: 'reconnected', at: new Date().toISOString() });
      // The first connection: what happened between a screen's first load and this moment (the
      // background integrity check, say) came before anyone listened.
      else if (state === 'live' && was === 'connecting') publishEvent({ type: 'changed', channel: 'connected', at: new Date().toISOString() });
      was = state;
      setConn(state);
    });
  }, []);
  useEffect(() => {
    if (!route.screen) history.replaceState(null, '', hrefFor(NAV[0]?.id ?? 'board'));
    if (!route.screen) window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, [route.screen]);
  useEffect(() => {
    document.title = current ? `${current.label} · Dispatch Desk` : 'Dispatch Desk';
  }, [current]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Alt+<key> is ScreenNav's.
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp((h) => !h);
      } else if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('.main [data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
          search.select();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const station = info.station;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <div className="brand-mark" aria-hidden="true">
            DD
          </div>
          <div>
            <div className="brand-name">Dispatch Desk</div>
          </div>
          {station && (
            <div className="brand-station" title={station.address}>
              {station.name.includes(station.code) ? station.name : `${station.name} · ${station.code}`}
            </div>
          )}
        </div>
        <ScreenNav screens={NAV} current={route.screen} />
        <div className="topbar-right">
          {info.role !== 'desk' && (
            <span className="readonly-badge" title={`Signed in with the ${info.actor} token: you can look, not change.`}>
              Read-only · {info.actor}
            </span>
          )}
          {info.role === 'desk' && info.readOnly && (
            <span className="readonly-badge" title={`The database is read-only: ${info.readOnly}`}>
              Read-only database
            </span>
          )}
          <span className="date" data-testid="station-today" data-date={today}>
            {formatDay(today)}
          </span>
          <button type="button" className="icon-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setHelp(true)}>
            ?
          </button>
        </div>
      </header>
      <HealthBanner />
      <main className="main" id="main">
        <ScreenBoundary key={route.screen}>
          <Suspense fallback={<div className="loading">Loading…</div>}>
            {current ? (
              <current.component />
            ) : route.screen ? (
              <div className="empty-state" role="status">
                <h2>No such screen</h2>
                <p className="muted">“{route.screen}” is not part of this console.</p>
                <a className="btn" href={hrefFor(NAV[0]?.id ?? 'board')}>
                  Back to {NAV[0]?.label ?? 'the board'}
                </a>
              </div>
            ) : null}
          </Suspense>
        </ScreenBoundary>
      </main>
      <footer className="statusbar" aria-label="Status">
        <span className={`conn conn-${conn}`} data-testid="connection">
          {conn === 'live' ? 'Live' : conn === 'connecting' ? 'Connecting…' : 'Offline, retrying'}
        </span>
        <HeadOfficeStatus />
        <span className="db" title={info.dbPath}>
          Database: <span className="mono">{info.dbPath}</span>
        </span>
        <span className="spacer" />
        <span>
          {info.role === 'desk' ? 'Desk' : 'Owner (read-only)'} · {info.actor}
        </span>
        <span>Dispatch Desk v{info.version}</span>
      </footer>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts">
        {NAV.filter((s) => s.key)
          .map((s) => (
            <ShortcutRow key={s.id} keys={['Alt', s.key]} what={`Go to ${s.label}`} />
          ))}
        <ShortcutRow keys={['/']} what="Search the current table" />
        <ShortcutRow keys={['↑', '↓']} what="Move through table rows (PgUp/PgDn, Home/End too)" />
        <ShortcutRow keys={['Enter']} what="Open the highlighted row" />
        <ShortcutRow keys={['Esc']} what="Close a dialog, clear a search" />
        <ShortcutRow keys={['?']} what="Show or hide this help" />
      </div>
    </Dialog>
  );
}
function ShortcutRow({ keys, what }: { keys: string[]; what: string }) {
  return (
    <>
      <span className="nowrap">
        {keys.map((k, i) => (
          <span key={k}>
            {i > 0 && ' + '}
            <kbd>{k}</kbd>
          </span>
        ))}
      </span>
      <span>{what}</span>
    </>
  );
}

/** One broken screen must not take the console down: show the error and a way back. */
class ScreenBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Screen failed:', error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="empty-state" role="alert">
        <h2>This screen hit a problem</h2>
        <p className="mono">{this.state.error.message}</p>
        <button className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
