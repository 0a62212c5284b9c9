import { addDays } from '../../../../shared/station-time';
import type { Rng } from '../../../../shared/random';
import { withCheckDigit } from '../../../../shared/vin';
import type { VanClass } from '../../../../shared/domain';
import { pad2, type VanPlan } from './plan';

const YEAR_CODE: Record<number, string> = { 2016: 'G', 2017: 'H', 2018: 'J', 2019: 'K', 2020: 'L', 2021: 'M', 2022: 'N', 2023: 'P', 2024: 'R', 2025: 'S', 2026: 'T' };

/** A van model and how its VINs are built: WMI (3) + descriptor (5) + check + year + plant + serial. */
interface ModelSpec {
  make: string;
  model: string;
  subModel: string;
  /** The class Amazon gives it (its fleet export's serviceTier). */
  vanClass: VanClass;
  wmi: string;
  vds: string;
  plant: string;
  years: [number, number];
}
const M = {
  edv700: { make: 'Rivian', model: 'EDV 700', subModel: 'Electric Delivery Van 700', vanClass: 'electric_van', wmi: '7FC', vds: 'EDVA7', plant: 'N', years: [2022, 2024] },
  edv500: { make: 'Rivian', model: 'EDV 500', subModel: 'Electric Delivery Van 500', vanClass: 'electric_van', wmi: '7FC', vds: 'EDVA5', plant: 'N', years: [2023, 2024] },
  transit250: { make: 'Ford', model: 'Transit 250', subModel: 'T-250 148 WB 3dr Medium Roof Cargo Van', vanClass: 'standard_cargo', wmi: '1FT', vds: 'BR2C8', plant: 'K', years: [2021, 2023] },
  transit350: { make: 'Ford', model: 'Transit 350 HR', subModel: 'T-350 148 WB 3dr High Roof Extended Length Cargo Van', vanClass: 'xl_cargo', wmi: '1FT', vds: 'BW3X8', plant: 'K', years: [2021, 2023] },
  promaster2500: { make: 'Ram', model: 'ProMaster 2500', subModel: '2500 136 WB 3dr High Roof Cargo Van', vanClass: 'standard_cargo', wmi: '3C6', vds: 'LRVDG', plant: 'E', years: [2020, 2022] },
  promaster3500: { make: 'Ram', model: 'ProMaster 3500', subModel: '3500 159 WB 3dr High Roof Extended Cargo Van', vanClass: 'xl_cargo', wmi: '3C6', vds: 'MRVHG', plant: 'E', years: [2021, 2022] },
  sprinter: { make: 'Mercedes-Benz', model: 'Sprinter 2500', subModel: '2500 170 WB 3dr High Roof Cargo Van', vanClass: 'large_cargo', wmi: 'W1Y', vds: '4ECHY', plant: 'P', years: [2021, 2022] },
  mt45: { make: 'Freightliner', model: 'MT45', subModel: 'Utilimaster Walk-In Step Van', vanClass: 'step_van', wmi: '4UZ', vds: 'AB2BS', plant: 'C', years: [2016, 2019] },
  rentTransit: { make: 'Ford', model: 'Transit 250', subModel: 'T-250 130 WB 3dr Medium Roof Cargo Van', vanClass: 'standard_cargo', wmi: '1FT', vds: 'BR1Y8', plant: 'K', years: [2024, 2025] },
  rentPromaster: { make: 'Ram', model: 'ProMaster 2500', subModel: '2500 136 WB 3dr High Roof Cargo Van', vanClass: 'standard_cargo', wmi: '3C6', vds: 'LRVDG', plant: 'E', years: [2024, 2024] },
} satisfies Record<string, ModelSpec>;

/** The vans: Rivian EDVs, cargo vans of three sizes, step vans and peak rentals; a few are not ready today. */
export function planVans(vanRng: Rng, today: string): { vanPlans: VanPlan[]; oos: VanPlan } {
  const vanPlans: VanPlan[] = [];
  const usedSerials = new Set<string>();
  const usedPlates = new Set<string>();
  const plate = (prefix: string) => {
    for (;;) {
      const p = prefix === 'C' ? `C${vanRng.int(10000, 99999)}${vanRng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 1)}` : `${vanRng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 3)}${vanRng.int(1000, 9999)}`;
      if (!usedPlates.has(p)) {
        usedPlates.add(p);
        return p;
      }
    }
  };
  /** kind: EDV / CDV / STEP / RENTAL, how the station names its vans (and their odometers run). */
  const addVan = (kind: 'EDV' | 'CDV' | 'STEP' | 'RENTAL', name: string, spec: ModelSpec, extra: Partial<VanPlan> = {}) => {
    const year = vanRng.int(spec.years[0], spec.years[1]);
    let serial: string;
    do serial = String(vanRng.int(100000, 999999));
    while (usedSerials.has(spec.wmi + serial));
    usedSerials.add(spec.wmi + serial);
    const vin = withCheckDigit(`${spec.wmi}${spec.vds}0${YEAR_CODE[year]}${spec.plant}${serial}`);
    const age = 2026 - year;
    const odometer =
      kind === 'EDV' ? vanRng.int(4000, 9000) * (age + 1) : kind === 'STEP' ? vanRng.int(90000, 150000) + age * 6000 : kind === 'RENTAL' ? vanRng.int(6000, 24000) : vanRng.int(22000, 30000) * (age + 1);
    const v: VanPlan = {
      id: vanPlans.length + 1,
      name,
      vanClass: spec.vanClass,
      electric: spec.vanClass === 'electric_van',
      make: spec.make,
      model: spec.model,
      subModel: spec.subModel,
      year,
      vin,
      plate: kind === 'RENTAL' ? '' : plate('C'),
      plateState: 'WA',
      ownership: kind === 'RENTAL' ? 'rental' : kind === 'STEP' ? 'owned' : 'leased',
      provider: kind === 'RENTAL' ? '' : kind === 'STEP' ? 'Amazon' : 'Element Fleet',
      ownershipEndDate: null,
      odometer,
      status: 'in_service',
      statusReason: '',
      usableRangeMi: null,
      stateOfChargePct: null,
      chargingBay: '',
      notes: '',
      fromDay: -10_000,
      untilDay: 10_000,
      phoneId: 0,
      ...extra,
    };
    vanPlans.push(v);
    return v;
  };
  for (let i = 1; i <= 16; i++) {
    const spec = i <= 12 ? M.edv700 : M.edv500;
    addVan('EDV', `EDV-${pad2(i)}`, spec, {
      usableRangeMi: spec === M.edv700 ? vanRng.int(150, 161) : vanRng.int(148, 158),
      stateOfChargePct: vanRng.int(72, 100),
      chargingBay: `CB-${pad2(i)}`,
    });
  }
  const cdvModels = [M.transit250, M.transit250, M.transit250, M.transit250, M.transit250, M.transit350, M.transit350, M.transit350, M.promaster2500, M.promaster2500, M.promaster2500, M.promaster2500, M.promaster3500, M.promaster3500, M.sprinter, M.sprinter, M.sprinter];
  cdvModels.forEach((spec, i) => addVan('CDV', `CDV-${pad2(i + 1)}`, spec, i % 4 === 3 ? { ownership: 'owned', provider: 'Amazon' } : {}));
  for (let i = 1; i <= 5; i++) addVan('STEP', `STEP-${pad2(i)}`, M.mt45);
  const rentalEnds = [6, 13, 26, 41, 55, 70, 84];
  const rentalProviders = ['Enterprise Truck Rental', 'Merchants Fleet', 'Ryder', 'Enterprise Truck Rental', 'Merchants Fleet', 'U-Haul Business', 'Enterprise Truck Rental'];
  const rentalStates = ['WA', 'WA', 'OR', 'WA', 'ID', 'WA', 'AZ'];
  for (let i = 1; i <= 7; i++) {
    const fromDay = i <= 4 ? -10_000 : -20 + (i - 5) * 3;
    addVan('RENTAL', `RNT-${pad2(i)}`, i % 2 === 1 ? M.rentTransit : M.rentPromaster, {
      plateState: rentalStates[i - 1]!,
      ownershipEndDate: addDays(today, rentalEnds[i - 1]!),
      provider: rentalProviders[i - 1]!,
      notes: `Peak rental from ${rentalProviders[i - 1]}; return by the end date`,
      fromDay,
    });
  }
  for (const v of vanPlans) if (!v.plate) v.plate = plate('R');

  // A few vans not ready today, each with its story.
  const byName = (n: string) => vanPlans.find((v) => v.name === n)!;
  const grounded = byName('EDV-07');
  Object.assign(grounded, { status: 'grounded', statusReason: 'Brake warning light on pre-trip DVIR; Rivian service visit booked', untilDay: 0 });
  const inShop = byName('CDV-11');
  Object.assign(inShop, { status: 'in_shop', statusReason: `Transmission slipping; at Kent Ford Commercial, expected back ${addDays(today, 2)}`, untilDay: -3 });
  const oos = byName('STEP-04');
  Object.assign(oos, { status: 'out_of_service', statusReason: `Rear-end collision on ${addDays(today, -19)}; frame damage, awaiting the insurance adjuster`, untilDay: -19 });
  byName('EDV-03').stateOfChargePct = 24; // below the 30 % attention line
  byName('EDV-12').stateOfChargePct = 46; // may not cover a long route
  byName('EDV-14').notes = 'Charger CB-14 trips its breaker now and then; check the charge before launch';
  return { vanPlans, oos };
}
