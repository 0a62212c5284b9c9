import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The console's screens, in navigation order. Each screen is a folder under renderer/screens/
 * with an index.tsx default-exporting its component, loaded lazily.
 * `key` is the Alt+<key> shortcut.
 */
export interface ScreenDef {
  id: string;
  label: string;
  key: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
  /** Reachable by link only (e.g. `#/driver/12`), not listed in the navigation. */
  hidden?: boolean;
}

export const screens: ScreenDef[] = [
  { id: 'board', label: 'Board', key: '1', component: lazy(() => import('./board')) },
  { id: 'map', label: 'Map', key: '2', component: lazy(() => import('./map')) },
  { id: 'fleet', label: 'Fleet', key: '3', component: lazy(() => import('./fleet')) },
  { id: 'readiness', label: 'Readiness', key: '6', component: lazy(() => import('./readiness')) },
  { id: 'standup', label: 'Stand-up', key: '4', component: lazy(() => import('./standup')) },
  { id: 'driver', label: 'Driver', key: '', hidden: true, component: lazy(() => import('./driver')) },
  { id: 'roster', label: 'Roster', key: '5', component: lazy(() => import('./roster')) },
  { id: 'schedule', label: 'Schedule', key: '7', component: lazy(() => import('./schedule')) },
  { id: 'settings', label: 'Settings', key: '9', component: lazy(() => import('./settings')) },
];
