import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  atRiskReasons,
  mergeThresholds,
  metricTier,
  overallTier,
  rankAtRisk,
  type DriverWeek,
} from '../../../shared/rules/scorecards/tiers';
import { addWeeks, isValidWeek, weekOf, weekRange } from '../../../shared/rules/scorecards/weeks';

describe('metric tiers', () => {
  it('maps higher-is-better metrics by their minimums', () => {
    expect(metricTier('dcr', 99.6)).toBe('Fantastic+');
    expect(metricTier('dcr', 99.0)).toBe('Fantastic');
    expect(metricTier('dcr', 98.5)).toBe('Fantastic');
    expect(metricTier('dcr', 97.6)).toBe('Great');
    expect(metricTier('dcr', 96.5)).toBe('Fair');
    expect(metricTier('dcr', 95)).toBe('Poor');
    expect(metricTier('fico', 850)).toBe('Fantastic+');
    expect(metricTier('fico', 640)).toBe('Poor');
  });
  it('maps lower-is-better metrics by their maximums', () => {
    expect(metricTier('speeding', 0)).toBe('Fantastic+');
    expect(metricTier('speeding', 0.8)).toBe('Fantastic');
    expect(metricTier('speeding', 1.5)).toBe('Great');
    expect(metricTier('speeding', 3)).toBe('Fair');
    expect(metricTier('speeding', 5.1)).toBe('Poor');
    expect(metricTier('dsb', 2100)).toBe('Poor');
  });
  it('has no tier without a value or for unrated counts', () => {
    expect(metricTier('dcr', null)).toBeNull();
    expect(metricTier('dcr', undefined)).toBeNull();
    expect(metricTier('delivered', 1200)).toBeNull();
  });
  it('uses edited thresholds (per week) over the defaults', () => {
    const t = mergeThresholds({ dcr: { fantasticPlus: 99.9, fantastic: 99.5, great: 99, fair: 98 } });
    expect(metricTier('dcr', 99.0, t)).toBe('Great');
    expect(metricTier('dcr', 99.0)).toBe('Fantastic');
    expect(t.pod).toEqual(DEFAULT_THRESHOLDS.pod);
  });
});

describe('overall tier', () => {
  it("takes the file's own tier when present", () => {
    expect(overallTier('Great', { dcr: 90 })).toBe('Great');
  });
  it('otherwise is the lowest of the key metrics with a value', () => {
    expect(overallTier(null, { dcr: 99.9, pod: 99.9, fico: 850, speeding: 3 })).toBe('Fair');
    expect(overallTier(null, { dcr: 99.9, pod: 97 })).toBe('Great');
    // CC is not a key metric by default.
    expect(overallTier(null, { dcr: 99.9, cc: 10 })).toBe('Fantastic+');
    expect(overallTier(null, { cc: 10 }, undefined, ['cc'])).toBe('Poor');
    expect(overallTier(null, { delivered: 100 })).toBeNull();
  });
});

describe('scorecard weeks (Sunday–Saturday)', () => {
  it('numbers weeks from the week containing 1 January', () => {
    expect(weekRange('2026-W01')).toEqual({ start: '2025-12-28', end: '2026-01-03' });
    expect(weekOf('2026-01-01')).toBe('2026-W01');
    expect(weekOf('2025-12-28')).toBe('2026-W01');
    expect(weekOf('2025-12-27')).toBe('2025-W52');
    expect(weekOf('2026-11-26')).toBe('2026-W48');
    expect(weekRange('2026-W48')).toEqual({ start: '2026-11-22', end: '2026-11-28' });
    expect(new Date('2026-11-22T00:00:00Z').getUTCDay()).toBe(0);
  });
  it('refuses weeks that do not exist', () => {
    expect(isValidWeek('2026-W00')).toBe(false);
    expect(isValidWeek('2026-W54')).toBe(false);
    expect(isValidWeek('2026-W53')).toBe(false);
    expect(isValidWeek('2026-47')).toBe(false);
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect(addWeeks('2026-W47', 1)).toBe('2026-W48');
  });
});

describe('at-risk ranking', () => {
  const wk = (week: string, tier: DriverWeek['tier'], values: DriverWeek['values'] = {}): DriverWeek => ({ week, tier, values });
  it('flags a tier that fell, in words', () => {
    const r = atRiskReasons([wk('2026-W47', 'Fair'), wk('2026-W46', 'Fantastic')]);
    expect(r.map((x) => x.code)).toEqual(['TIER_FELL']);
    expect(r[0]!.message).toBe('Tier fell from Fantastic to Fair');
  });
  it('flags Fair/Poor two weeks running', () => {
    const r = atRiskReasons([wk('2026-W47', 'Poor'), wk('2026-W46', 'Poor')]);
    expect(r.map((x) => x.code)).toEqual(['LOW_TWO_WEEKS']);
    expect(r[0]!.message).toBe('Poor two weeks running (Poor, then Poor)');
    expect(atRiskReasons([wk('2026-W47', 'Fair'), wk('2026-W46', 'Poor')]).map((x) => x.code)).toEqual(['LOW_TWO_WEEKS']);
  });
  it('flags safety rates that rose', () => {
    const r = atRiskReasons([wk('2026-W47', 'Great', { speeding: 1.5, seatbelt: 0 }), wk('2026-W46', 'Great', { speeding: 0.5, seatbelt: 0 })]);
    expect(r.map((x) => x.code)).toEqual(['SAFETY_ROSE']);
    expect(r[0]!.message).toBe('Safety events rose: speeding 0.5 → 1.5');
  });
  it('does not compare with a missing week or improve into risk', () => {
    expect(atRiskReasons([wk('2026-W47', 'Poor')])).toEqual([]);
    expect(atRiskReasons([wk('2026-W47', 'Great'), wk('2026-W46', 'Fair')])).toEqual([]);
    expect(atRiskReasons([wk('2026-W47', 'Poor'), wk('2026-W45', 'Poor')], (a, b) => addWeeks(a, -1) === b)).toEqual([]);
  });
  it('ranks the worst first and skips drivers with no reason', () => {
    const list = rankAtRisk([
      { driverId: 1, name: 'Slight', transporterId: 'T1', weeks: [wk('W2', 'Great'), wk('W1', 'Fantastic')] },
      { driverId: 2, name: 'Steady', transporterId: 'T2', weeks: [wk('W2', 'Fantastic'), wk('W1', 'Fantastic')] },
      { driverId: 3, name: 'Falling', transporterId: 'T3', weeks: [wk('W2', 'Poor', { speeding: 4 }), wk('W1', 'Fair', { speeding: 1 })] },
      { driverId: 4, name: 'Stuck', transporterId: 'T4', weeks: [wk('W2', 'Fair'), wk('W1', 'Fair')] },
    ]);
    expect(list.map((a) => a.name)).toEqual(['Falling', 'Stuck', 'Slight']);
    expect(list[0]!.reason).toContain('Tier fell from Fair to Poor');
    expect(list[0]!.reason).toContain('Poor');
    expect(list[0]!.reason).toContain('speeding 1 → 4');
  });
});

describe('at-risk: small wobbles', () => {
  it('ignores a safety rate rising by less than 0.25 events per 100 trips', () => {
    const w = (week: string, speeding: number): DriverWeek => ({ week, tier: 'Great', values: { speeding } });
    expect(atRiskReasons([w('2026-W47', 0.14), w('2026-W46', 0)])).toEqual([]);
    expect(atRiskReasons([w('2026-W47', 0.3), w('2026-W46', 0)]).map((r) => r.code)).toEqual(['SAFETY_ROSE']);
  });
});
