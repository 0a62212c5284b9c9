import { describe, expect, it } from 'vitest';
import { parseMetricValue, isNoValue } from '../../../electron/services/scorecards/values';
import { SCORECARD_COLUMNS, parseTierCell } from '../../../electron/services/scorecards/import';
import { matchColumns } from '../../../electron/import/table';

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
    expect(parseMetricValue('speeding', 'abc').error).toMatch(/not a number/);
    expect(parseMetricValue('speeding', '-1').error).toMatch(/negative/);
  });
  it('reads tiers as Amazon writes them', () => {
    expect(parseTierCell('Fantastic Plus')).toBe('Fantastic+');
    expect(parseTierCell('Fantastic+')).toBe('Fantastic+');
    expect(parseTierCell('fantastic plus')).toBe('Fantastic+');
    expect(parseTierCell('FANTASTIC')).toBe('Fantastic');
    expect(parseTierCell('Great')).toBe('Great');
    expect(parseTierCell('fair')).toBe('Fair');
    expect(parseTierCell('Poor')).toBe('Poor');
    expect(parseTierCell('79.2 | Fantastic')).toBe('Fantastic');
    expect(parseTierCell('')).toBeNull();
    expect(parseTierCell('-')).toBeNull();
    expect(parseTierCell('Coming Soon')).toBeNull();
    expect(parseTierCell('Excellent')).toBeUndefined();
  });
});

describe('scorecard header aliases', () => {
  const cases: [string, keyof typeof SCORECARD_COLUMNS][] = [
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
  ];
  it.each(cases)('"%s" is the %s column', (header, field) => {
    const m = matchColumns(['#', 'Something else', header], SCORECARD_COLUMNS);
    expect(m.index[field]).toBe(2);
  });
  it('ignores extra columns such as #', () => {
    const m = matchColumns(['#', 'Name', 'DCR'], SCORECARD_COLUMNS);
    expect(Object.values(m.index)).not.toContain(0);
  });
});
