import type { ColumnSpecs, IssueList, TableRow } from '../../import/reader';
import { parseCount } from '../../import/values';
import { parseDuration } from './parse';

/**
 * Amazon's Cortex route list (`Routes_<STATION>_<YYYY-MM-DD>_<HH>_<MM> (<TZ>).xlsx`, sheet
 * "Routes"; DOMAIN.md "Route sheet"): each route with the DSP, the people Amazon has on it — a
 * helper or a rescuer makes several transporter IDs and names joined with "|" — and its progress.
 * The route import reads it at the start of the day (routes and drivers); the on-road work reads
 * the progress columns of the same rows.
 */
export const CORTEX_COLUMNS = {
  code: { label: 'Route code', aliases: ['Route Code', 'Route'], required: true },
  dsp: { label: 'DSP', aliases: ['DSP Short Code'] },
  transporterId: { label: 'Transporter ID', aliases: ['Transporter IDs'] },
  driverName: { label: 'Driver name', aliases: ['Driver names', 'Driver'] },
  progress: { label: 'Route progress', aliases: ['Progress'] },
  serviceType: { label: 'Delivery service type', aliases: ['Service Type'] },
  duration: { label: 'Route Duration', aliases: ['Route Duration (minutes)'] },
  stopsAll: { label: 'All stops', aliases: ['Stops'] },
  stopsDone: { label: 'Stops complete', aliases: ['Completed stops'] },
  stopsNotStarted: { label: 'not started stops', aliases: ['Not started stops'] },
} satisfies ColumnSpecs<string>;
export type CortexField = keyof typeof CORTEX_COLUMNS;

/** One route of the list, as Amazon has it at the moment the list was taken. */
export interface CortexRoute {
  row: number;
  routeCode: string;
  dsp: string;
  /** Driver first, then helpers or rescuers ("|"-separated in the file); upper-cased. */
  transporterIds: string[];
  /** In the same order as the transporter IDs ('' where the file has fewer names). */
  driverNames: string[];
  /** As written: "Not started", "In progress", "Complete" … ('' when absent). */
  progress: string;
  serviceType: string;
  durationMin: number | null;
  stopsAll: number | null;
  stopsDone: number | null;
  stopsNotStarted: number | null;
}

const split = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Rows of the list → routes. Every problem goes to `issues` (row and column), none stops the
 * others; a row with any problem is left out. Blank route codes are the caller's to count (the
 * row comes back with routeCode ''). Durations are minutes (a bare number) or h:mm.
 */
export function parseCortexRows(rows: readonly TableRow<CortexField>[], issues: IssueList<CortexField>): CortexRoute[] {
  const out: CortexRoute[] = [];
  for (const r of rows) {
    const row = r.rowNumber;
    const before = issues.size;
    const routeCode = r.get('code').toUpperCase();
    if (routeCode && !/^[A-Z0-9_-]{1,20}$/.test(routeCode)) issues.add(row, 'code', `"${routeCode.slice(0, 40)}" is not a route code (letters, digits, _ and -, up to 20)`);
    const transporterIds = split(r.get('transporterId')).map((t) => t.toUpperCase());
    for (const t of transporterIds) if (!/^[A-Z0-9]{6,20}$/.test(t)) issues.add(row, 'transporterId', `"${t.slice(0, 30)}" is not a transporter ID`);
    const names = split(r.get('driverName'));
    const driverNames = transporterIds.length > 0 ? transporterIds.map((_, i) => names[i] ?? '') : names;
    const durText = r.get('duration');
    const dur = /^\d+(\.\d+)?$/.test(durText) ? { value: Math.round(Number(durText)) } : parseDuration(durText);
    if (dur.error) issues.add(row, 'duration', dur.error);
    else if (dur.value != null && (dur.value < 0 || dur.value > 24 * 60)) issues.add(row, 'duration', `${dur.value} minutes is not a route duration`);
    const count = (f: CortexField) => {
      const p = parseCount(r.get(f));
      if (p.error) issues.add(row, f, p.error);
      return p.value ?? null;
    };
    const stopsAll = count('stopsAll');
    const stopsDone = count('stopsDone');
    const stopsNotStarted = count('stopsNotStarted');
    if (stopsAll != null && stopsDone != null && stopsDone > stopsAll) issues.add(row, 'stopsDone', `${stopsDone} stops complete of ${stopsAll}`);
    if (issues.size > before) continue;
    out.push({
      row,
      routeCode,
      dsp: r.get('dsp'),
      transporterIds,
      driverNames,
      progress: r.get('progress'),
      serviceType: r.get('serviceType'),
      durationMin: dur.value ?? null,
      stopsAll,
      stopsDone,
      stopsNotStarted,
    });
  }
  return out;
}
