import type { StandupAttendance } from '../../contract/scorecards';

/** One attendance figure as the stand-up shows it: on screen a tile, in the PDF one item of a line. */
export interface AttendanceFigure {
  label: string;
  value: string;
  sub?: string;
  tone?: 'ok' | 'warn' | 'bad';
}

/**
 * A day's attendance (`attendanceOf`'s answer) as the stand-up's figures, the one wording the screen
 * and the PDF share: call-outs of the expected, no-shows (and expected drivers with nothing recorded),
 * late check-ins of those checked in. Without a record, every figure says so instead of showing a 0.
 */
export function attendanceFigures(a: StandupAttendance | null): AttendanceFigure[] {
  if (!a) return ['Call-outs', 'No-shows', 'Late check-ins'].map((label) => ({ label, value: '—', sub: 'no data yet' }));
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    { label: 'Call-outs', value: n(a.callOuts), sub: a.expected != null ? `of ${n(a.expected)} scheduled` : 'no schedule that day', tone: a.callOuts > 0 ? 'warn' : 'ok' },
    { label: 'No-shows', value: n(a.noShows), ...(a.unrecorded ? { sub: `${n(a.unrecorded)} scheduled, nothing recorded` } : {}), tone: a.noShows > 0 ? 'bad' : 'ok' },
    { label: 'Late check-ins', value: n(a.late), sub: `of ${n(a.checkedIn)} checked in`, tone: a.late > 0 ? 'warn' : 'ok' },
  ];
}
