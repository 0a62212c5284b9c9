import type { devices } from '../../../db/schema';
import type { Rng } from '../../../../shared/random';
import { pad2, type VanPlan } from './plan';

/** IMEI-like 15-digit identifier with a Luhn check digit. */
function imei(rng: Rng): string {
  const body = '86' + rng.chars('0123456789', 12);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(body[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** A route phone in every van (sets each van's phoneId), OBD trackers in some, three spare phones. */
export function planDevices(devRng: Rng, vanPlans: VanPlan[], stamp: string): (typeof devices.$inferInsert)[] {
  const deviceRows: (typeof devices.$inferInsert)[] = [];
  const workNumbers = devRng.shuffle([...Array(100).keys()]);
  vanPlans.forEach((v, i) => {
    v.phoneId = deviceRows.length + 1;
    deviceRows.push({
      id: v.phoneId,
      identifier: `dsk-phone-${String(i + 1).padStart(3, '0')}`,
      kind: 'phone',
      label: `Route phone ${pad2(i + 1)}`,
      phoneNumber: `(206) 555-01${pad2(workNumbers[i]!)}`,
      vanId: v.id,
      createdAt: stamp,
    });
  });
  const trackerVans = [...vanPlans.filter((v) => v.vanClass === 'step_van'), ...devRng.sample(vanPlans.filter((v) => v.name.startsWith('CDV-')), 8)].sort((a, b) => a.id - b.id);
  for (const v of trackerVans) {
    deviceRows.push({ id: deviceRows.length + 1, identifier: imei(devRng), kind: 'tracker', label: `OBD tracker ${v.name}`, phoneNumber: '', vanId: v.id, createdAt: stamp });
  }
  for (let i = 0; i < 3; i++) {
    const n = vanPlans.length + i + 1;
    deviceRows.push({
      id: deviceRows.length + 1,
      identifier: `dsk-phone-${String(n).padStart(3, '0')}`,
      kind: 'phone',
      label: `Spare phone ${i + 1}`,
      phoneNumber: `(206) 555-01${pad2(workNumbers[n - 1]!)}`,
      vanId: null,
      createdAt: stamp,
    });
  }
  return deviceRows;
}
