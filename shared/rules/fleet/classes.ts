/**
 * Van classes (shared/domain.ts): who may drive which van, which PM schedule a van follows, and how
 * Amazon's fleet export names a van's class.
 */
import { LEGACY_VAN_TYPE_CLASS, VAN_CLASS_LABEL, type LegacyVanType, type Qualification, type VanClass } from '../../domain';
import { readServiceType, type ServiceTypeRules } from './service-types';

export interface VanKind {
  vanClass: VanClass;
  electric: boolean;
}

/**
 * The qualifications a driver needs for a van, all of them: EDV-trained for an electric van,
 * step-van trained for a step van, CDV-trained for any other (combustion) cargo van.
 */
export function qualificationsForVan(v: VanKind): Qualification[] {
  const need: Qualification[] = [];
  if (v.vanClass === 'step_van') need.push('STEP_VAN');
  if (v.electric || v.vanClass === 'electric_van') need.push('EDV');
  if (need.length === 0) need.push('CDV');
  return need;
}

/** The qualifications of `need` the driver lacks (empty = may drive it). */
export function missingQualifications(have: readonly Qualification[], v: VanKind): Qualification[] {
  return qualificationsForVan(v).filter((q) => !have.includes(q));
}

export const QUALIFICATION_WORDS: Record<'CDV' | 'EDV' | 'STEP_VAN', string> = { CDV: 'CDV-trained', EDV: 'EDV-trained', STEP_VAN: 'step-van trained' };

/** Electric vans follow the electric van's PM schedule (no oil; battery checks) whatever their size. */
export const pmClassOf = (v: VanKind): VanClass => (v.electric ? 'electric_van' : v.vanClass);

/** A class in running text: "a standard cargo van", "an XL cargo van" (labels keep their capitals only for XL). */
export const vanClassWords = (c: VanClass) => VAN_CLASS_LABEL[c].replace(/^(?!XL)\w/, (x) => x.toLowerCase());
export const withArticle = (words: string) => `${/^[aeiou]|^XL/i.test(words) ? 'an' : 'a'} ${words}`;

/** "XL cargo van, electric". */
export function vanKindLabel(v: VanKind): string {
  return `${VAN_CLASS_LABEL[v.vanClass]}${v.electric && v.vanClass !== 'electric_van' ? ', electric' : ''}`;
}

export function fromLegacyVanType(t: LegacyVanType): VanKind & { rental: boolean } {
  return { ...LEGACY_VAN_TYPE_CLASS[t] };
}

// ------------------------------------------------------------------ Amazon's fleet export

const TIER_CLASS: Record<string, VanClass> = {
  smallcargovan: 'small_cargo',
  standardcargovan: 'standard_cargo',
  mediumcargovan: 'standard_cargo',
  largecargovan: 'large_cargo',
  extralargecargovan: 'xl_cargo',
  xlcargovan: 'xl_cargo',
  stepvan: 'step_van',
  stepvanmedium: 'step_van',
  stepvanlarge: 'step_van',
  electricvan: 'electric_van',
  electricdeliveryvan: 'electric_van',
  edv: 'electric_van',
};
const TYPE_CLASS: Record<string, VanClass> = {
  stepvan: 'step_van',
  electricvan: 'electric_van',
  edv: 'electric_van',
  electricdeliveryvan: 'electric_van',
};
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const ELECTRIC_WORDS = /\b(rivian|edv|electric|e-?transit|e-?sprinter|brightdrop|zevo|bev|ev)\b/i;

export interface FleetRowKind {
  serviceTier: string;
  serviceType: string;
  type: string;
  make: string;
  model: string;
  subModel: string;
}

export interface ClassReading extends VanKind {
  /** The column that told the class (for the preview and messages). */
  from: 'type' | 'serviceTier' | 'serviceType' | 'model';
}

/**
 * A van's class as Amazon's fleet export tells it, or null when nothing in the row does (the
 * importer then keeps an existing van's class, or reports the row). Rivian EDVs and Amazon's
 * electric-van type are electric vans; otherwise `serviceTier` (EXTRA_LARGE_CARGO_VAN → XL cargo,
 * never a step van; STEP_VAN_MEDIUM → step van), then `serviceType` by the station's keyword rules,
 * then a step-van body named in the model.
 */
export function classFromFleetRow(r: FleetRowKind, rules?: ServiceTypeRules): ClassReading | null {
  const modelText = `${r.make} ${r.model} ${r.subModel}`;
  const electric = ELECTRIC_WORDS.test(modelText) || ELECTRIC_WORDS.test(r.type) || /\b(electric|rivian)\b/i.test(r.serviceType) || squash(r.serviceTier).includes('electric');
  const typeClass = TYPE_CLASS[squash(r.type)];
  if (typeClass === 'electric_van' || /\brivian\b/i.test(modelText)) return { vanClass: 'electric_van', electric: true, from: typeClass ? 'type' : 'model' };
  const tier = TIER_CLASS[squash(r.serviceTier)];
  if (tier) return { vanClass: tier, electric: electric || tier === 'electric_van', from: 'serviceTier' };
  if (typeClass) return { vanClass: typeClass, electric, from: 'type' };
  if (r.serviceType.trim()) {
    const reading = readServiceType(r.serviceType, rules);
    if (reading.known && reading.classesFrom !== 'default' && reading.classes.length > 0 && reading.requiresVan) {
      const c = reading.classes[0]!;
      return { vanClass: c, electric: electric || c === 'electric_van', from: 'serviceType' };
    }
  }
  if (/\bstep\s*van\b|\bwalk-?in\b|\bmt45\b|\bmt55\b|\butilimaster\b|\bmorgan olson\b/i.test(modelText)) return { vanClass: 'step_van', electric, from: 'model' };
  return null;
}
