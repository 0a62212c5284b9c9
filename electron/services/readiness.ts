import { isNull } from 'drizzle-orm';
import { vans } from '../db/schema';
import type { ServiceContext } from './context';
import type { VanReadiness } from '../../shared/readiness';

/**
 * Readiness of every active van on `date` (YYYY-MM-DD, station-local). This is the single source
 * the board's rules and the fleet grid read. Today it derives from the van's own status; the fleet
 * maintenance area extends it with inspections, defects, PM and documents.
 */
export function computeReadiness(ctx: ServiceContext, date: string): Map<number, VanReadiness> {
  void date;
  const out = new Map<number, VanReadiness>();
  for (const v of ctx.db.select().from(vans).where(isNull(vans.archivedAt)).all()) {
    const reason = v.statusReason ? `: ${v.statusReason}` : '';
    switch (v.status) {
      case 'grounded':
        out.set(v.id, { vanId: v.id, status: 'grounded', reasons: [{ code: 'GROUNDED', message: `Grounded${reason}` }] });
        break;
      case 'in_shop':
        out.set(v.id, { vanId: v.id, status: 'in-shop', reasons: [{ code: 'IN_SHOP', message: `In the shop${reason}` }] });
        break;
      case 'out_of_service':
        out.set(v.id, { vanId: v.id, status: 'out-of-service', reasons: [{ code: 'OUT_OF_SERVICE', message: `Out of service${reason}` }] });
        break;
      case 'in_service':
        out.set(v.id, { vanId: v.id, status: 'ready', reasons: [] });
        break;
    }
  }
  return out;
}
