import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultServiceTypeRules, readServiceType, serviceTypeRulesProblems, unknownServiceTypeWarning, type ServiceTypeRules } from '../../../shared/rules/fleet/service-types';
import { missingQualifications, qualificationsForVan } from '../../../shared/rules/fleet/classes';
import { SERVICE_TYPES } from '../../fixtures/amazon';

const read = (s: string, rules?: ServiceTypeRules) => {
  const r = readServiceType(s, rules);
  return { classes: r.classes, tags: r.tags, requiresVan: r.requiresVan, known: r.known };
};

describe('service types → van classes (DOMAIN.md defaults, keyword rules)', () => {
  it('reads every service type Amazon writes by its words', () => {
    expect(read('Standard Parcel - Extra Large Van - US')).toEqual({ classes: ['xl_cargo', 'step_van'], tags: [], requiresVan: true, known: true });
    expect(read('Standard Parcel - Large Van')).toMatchObject({ classes: ['large_cargo', 'xl_cargo'] });
    expect(read('Standard Parcel Medium Van')).toMatchObject({ classes: ['standard_cargo', 'large_cargo', 'xl_cargo'] });
    expect(read('Standard Parcel - Small Van')).toMatchObject({ classes: ['small_cargo', 'standard_cargo', 'large_cargo', 'xl_cargo'] });
    expect(read('Standard Parcel Step Van - US')).toMatchObject({ classes: ['step_van'] });
    expect(read('Standard Parcel Electric - Rivian MEDIUM')).toMatchObject({ classes: ['electric_van'], tags: [] });
    expect(read('Standard Parcel Electric - Rivian MEDIUM with Helper')).toMatchObject({ classes: ['electric_van'], tags: ['helper'] });
    expect(read('Nursery Route Level 1 - Electric Vehicle')).toMatchObject({ classes: ['electric_van'], tags: ['nursery-1'] });
    expect(read('Nursery Route Level 3')).toMatchObject({ classes: ['standard_cargo', 'large_cargo', 'xl_cargo', 'electric_van'], tags: ['nursery-3'], known: true });
    expect(read('Ride Along')).toMatchObject({ requiresVan: false, tags: ['ride-along'], known: true });
    for (const st of SERVICE_TYPES) expect(readServiceType(st).known, st).toBe(true);
  });

  it('reads the same whatever the case, spacing, dashes and " - US" suffix (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVICE_TYPES), fc.func(fc.boolean()), fc.constantFrom(' - ', ' ', '-', ' – ', '  '), fc.boolean(), (st, upper, sep, us) => {
        const variant = st
          .split(/\s*-\s*|\s+/)
          .map((w, i) => (upper(i) ? w.toUpperCase() : w.toLowerCase()))
          .join(sep) + (us && !/US$/.test(st) ? ' - US' : '');
        expect(read(variant)).toEqual(read(st));
      }),
    );
  });

  it('an unknown one is read like its closest example when close, else by the default classes — never refused', () => {
    const typo = readServiceType('Standard Parcel - Extra Lrge Van - US');
    expect(typo).toMatchObject({ known: false, classes: ['xl_cargo', 'step_van'], classesFrom: 'closest match', unknownWords: ['lrge'] });
    expect(unknownServiceTypeWarning(typo)).toMatch(/closest match/);
    const odd = readServiceType('Bicycle Courier');
    expect(odd).toMatchObject({ known: false, classes: defaultServiceTypeRules().defaultClasses, classesFrom: 'default', closest: { followed: false } });
    expect(unknownServiceTypeWarning(odd)).toMatch(/^unknown service type "Bicycle Courier" \(no rule knows "bicycle", "courier"\): closest: ".+"; no rule matches/);
    expect(unknownServiceTypeWarning(readServiceType('Standard Parcel Medium Van'))).toBeNull();
  });

  it('a station edits the rules: a new keyword, another class list, a tag', () => {
    const rules = defaultServiceTypeRules();
    rules.rules.unshift({ label: 'Cargo Bike', keywords: ['bike', 'bicycle courier'], classes: ['small_cargo'], tag: null, example: 'Bicycle Courier' });
    expect(read('Bicycle Courier', rules)).toEqual({ classes: ['small_cargo'], tags: [], requiresVan: true, known: true });
    const xl = rules.rules.find((r) => r.label === 'Extra Large')!;
    xl.classes = ['xl_cargo'];
    expect(read('Standard Parcel - Extra Large Van - US', rules).classes).toEqual(['xl_cargo']);
    expect(serviceTypeRulesProblems(rules)).toEqual([]);
    expect(serviceTypeRulesProblems({ rules: [{ label: 'Empty', keywords: [' - '], classes: [], tag: null, example: '' }], defaultClasses: [] }).map((p) => p.path)).toEqual(['rules.0.keywords', 'rules.0', 'defaultClasses']);
  });
});

describe('van class → qualifications (shared/rules/fleet/classes)', () => {
  it('CDV-trained drives cargo vans, EDV-trained electric vans, step-van trained step vans', () => {
    expect(qualificationsForVan({ vanClass: 'standard_cargo', electric: false })).toEqual(['CDV']);
    expect(qualificationsForVan({ vanClass: 'xl_cargo', electric: false })).toEqual(['CDV']);
    expect(qualificationsForVan({ vanClass: 'electric_van', electric: true })).toEqual(['EDV']);
    expect(qualificationsForVan({ vanClass: 'large_cargo', electric: true })).toEqual(['EDV']);
    expect(qualificationsForVan({ vanClass: 'step_van', electric: false })).toEqual(['STEP_VAN']);
    expect(missingQualifications(['CDV', 'DOT'], { vanClass: 'step_van', electric: false })).toEqual(['STEP_VAN']);
  });
});
