import type { BoardRoute } from '../../shared/contract/board';
import { cortexRouteList, type CortexRouteList } from '../fixtures/amazon';

/**
 * Amazon's Cortex route list of the demo's own routes (codes, drivers, durations and stops from the
 * board), taken at `time` (PST) on `date`; `stopsDone` says how far each route is (0 everywhere: a list
 * taken before any route started).
 */
export function demoCortexList(assigned: readonly BoardRoute[], date: string, time: string, stopsDone: (route: BoardRoute, i: number, allStops: number) => number): Promise<CortexRouteList> {
  return cortexRouteList({
    date,
    time,
    tz: 'PST',
    routes: assigned.length,
    dsp: '',
    mutate: (rs) =>
      rs.forEach((r, i) => {
        const b = assigned[i]!;
        const all = b.stops ?? 150;
        const done = stopsDone(b, i, all);
        Object.assign(r, {
          code: b.code,
          dsp: '',
          drivers: [{ ...r.drivers[0]!, name: b.driver!.name, transporterId: b.driver!.transporterId }],
          progress: done >= all ? 'Complete' : done > 0 ? 'In progress' : 'Not started',
          durationMin: b.plannedDurationMin,
          allStops: all,
          complete: done,
          notStarted: all - done,
        });
      }),
  });
}
