import { describe, expect, it } from 'vitest';
import { parseMetricValue, parsePoints, parseTierCell, parseWeight, isNoValue } from '../../../electron/services/scorecards/values';
import { TABLE_COLUMNS, type ScorecardField } from '../../../electron/services/scorecards/columns';
import { matchHeader } from '../../../electron/import/reader';

const tierOf = (raw: string) => {
  const p = parseTierCell(raw);
  return p.error ? undefined : p.value!.tier;
};

describe('scorecard values', () => {
  it('reads percentages written as 99.2%, 0.992 and 99.2', () => {
    expect(parseMetricValue('dcr', '99.2%').value).toBe(99.2);
    expect(parseMetricValue('dcr', '0.992').value).toBe(99.2);
    expect(parseMetricValue('dcr', '99.2').value).toBe(99.2);
    expect(parseMetricValue('pod', '1').value).toBe(100);
    expect(parseMetricValue('cc', ' 98 % ').value).toBe(98);
    expect(parseMetricValue('dcr', '101%').error).toMatch(/percentage/);
  });
  it('reads counts and DPMO with thousands separators', () => {
    expect(parseMetricValue('delivered', '1,204').value).toBe(1204);
    expect(parseMetricValue('cdfDpmo', '2,900').value).toBe(2900);
    expect(parseMetricValue('podOpps', '1,180').value).toBe(1180);
    expect(parseMetricValue('delivered', '12.5').error).toMatch(/whole number/);
  });
  it('treats -, empty, Coming Soon and N/A as no value (null), never zero', () => {
    for (const raw of ['-', '', '  ', 'Coming Soon', 'coming  soon', 'COMING SOON', 'N/A', '—']) {
      expect(isNoValue(raw) || raw.trim() === '').toBe(true);
      expect(parseMetricValue('dcr', raw)).toEqual({ value: null });
      expect(parseMetricValue('psb', raw)).toEqual({ value: null });
    }
  });
  it('keeps a real zero as zero', () => {
    expect(parseMetricValue('seatbelt', '0').value).toBe(0);
    expect(parseMetricValue('dsb', '0').value).toBe(0);
  });
  it('reads rates and FICO and refuses garbage and negatives', () => {
    expect(parseMetricValue('speeding', '0.35').value).toBe(0.35);
    expect(parseMetricValue('fico', '812').value).toBe(812);
    expect(parseMetricValue('fico', '1200').error).toBeDefined();
    expect(parseMetricValue('fico', '850').value).toBe(850);
    expect(parseMetricValue('fico', '851').error).toMatch(/0–850/);
    expect(parseMetricValue('cdfDpmo', '-5').error).toMatch(/negative/);
    expect(parseMetricValue('cdfDpmo', '1000001').error).toMatch(/DPMO/);
    expect(parseMetricValue('speeding', '5%').error).toMatch(/rate/);
    expect(parseMetricValue('speeding', 'abc').error).toMatch(/not a number/);
    expect(parseMetricValue('speeding', '-1').error).toMatch(/negative/);
  });
  it('reads tiers as Amazon writes them', () => {
    expect(tierOf('Fantastic Plus')).toBe('Fantastic+');
    expect(tierOf('Fantastic+')).toBe('Fantastic+');
    expect(tierOf('fantastic plus')).toBe('Fantastic+');
    expect(tierOf('FANTASTIC')).toBe('Fantastic');
    expect(tierOf('Great')).toBe('Great');
    expect(tierOf('fair')).toBe('Fair');
    expect(tierOf('Poor')).toBe('Poor');
    expect(tierOf('79.2 | Fantastic')).toBe('Fantastic');
    expect(parseTierCell('Great (82.1)').value).toEqual({ tier: 'Great', score: 82.1 });
    expect(parseTierCell('79.2 | Fantastic').value).toEqual({ tier: 'Fantastic', score: 79.2 });
    // A word that merely contains a tier is not one: never the nearest tier.
    expect(tierOf('Not Great')).toBeUndefined();
    expect(tierOf('Great-ish')).toBeUndefined();
    expect(parseTierCell('Superb').error).toMatch(/"Superb" is not a tier \(Poor, Fair, Great, Fantastic, Fantastic Plus\)/);
    expect(tierOf('')).toBeNull();
    expect(tierOf('-')).toBeNull();
    expect(tierOf('Coming Soon')).toBeNull();
    expect(tierOf('Excellent')).toBeUndefined();
  });
});

describe('Amazon points and weights', () => {
  it('reads 0–100 points and refuses anything else', () => {
    expect(parsePoints('98.4').value).toBe(98.4);
    expect(parsePoints('').value).toBeNull();
    expect(parsePoints('832').error).toMatch(/0–100 points/);
    expect(parsePoints('-1').error).toMatch(/0–100 points/);
  });
  it('reads weights as shares', () => {
    expect(parseWeight('0.17').value).toBe(0.17);
    expect(parseWeight('17%').value).toBe(0.17);
    expect(parseWeight('3').error).toBeDefined();
  });
});

describe('scorecard header aliases', () => {
  const cases: [string, ScorecardField][] = [
    ['Name', 'name'],
    ['Delivery Associate', 'name'],
    ['Driver', 'name'],
    ['Transporter ID', 'transporterId'],
    ['DA Transporter ID', 'transporterId'],
    ['TID', 'transporterId'],
    ['Overall Tier', 'overallTier'],
    ['Overall Standing', 'overallTier'],
    ['Delivered', 'delivered'],
    ['Packages Delivered', 'delivered'],
    ['Key Focus Area', 'keyFocusArea'],
    ['Fico Score', 'fico'],
    ['FICO', 'fico'],
    ['FICO Score', 'fico'],
    ['Seatbelt Off Rate', 'seatbelt'],
    ['Speeding Event Rate', 'speeding'],
    ['Distractions Rate', 'distractions'],
    ['Following Distance Rate', 'followingDistance'],
    ['Sign/Signal Violations Rate', 'signSignal'],
    ['CDF DPMO', 'cdfDpmo'],
    ['CED', 'ced'],
    ['CE', 'ced'],
    ['DCR', 'dcr'],
    ['DSB', 'dsb'],
    ['POD', 'pod'],
    ['PSB', 'psb'],
    ['DSB DNR', 'dsbDnr'],
    ['DNR DPMO', 'dsbDnr'],
    ['POD Opps.', 'podOpps'],
    ['CC', 'cc'],
    ['Contact Compliance', 'cc'],
    ['contact_compliance', 'cc'],
    ['  dnr-dpmo ', 'dsbDnr'],
    ['DVIC Compliance', 'dvic'],
    ['High/Low Performer Status', 'performer'],
  ];
  it.each(cases)('"%s" is the %s column', (header, field) => {
    const m = matchHeader(['#', 'Something else', header], TABLE_COLUMNS);
    expect(m.columns[field]).toBe(2);
  });
  it('ignores extra columns such as #', () => {
    const m = matchHeader(['Rank', 'Name', 'DCR'], TABLE_COLUMNS);
    expect(Object.values(m.columns)).not.toContain(0);
  });
});
