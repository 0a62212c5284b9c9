import { describe, expect, it } from 'vitest';
import { readTable, type Table } from '../../../electron/import/reader';
import {
  cortexRouteList, daTablePdfCsv, daTableXlsx, daTrailingSixWeek, dayOfOpsPlan, dspOverviewDashboard, dvicReport, fleetVehiclesExport,
  whipAroundReport, associatesExport, routeSheet, xlsxShown, DA_COLUMNS, DASHBOARD_METRICS, FLEET_HEADERS, type DashboardMetric,
} from '../../fixtures/amazon';
import { options } from './specs';

type Importer = Parameters<typeof options>[0];
const read = (bytes: Buffer, importer: Importer, fileName?: string): Promise<Table<string>> => readTable(bytes, options(importer, fileName));
const noneSkipped = { title: 0, legend: 0, blank: 0, repeatedHeader: 0, total: 0 };

describe('fleet vehicles export (XLSX)', () => {
  it('finds every van with its values as Amazon wrote them', async () => {
    const f = await fleetVehiclesExport({ seed: 7, vans: 24 });
    const t = await read(f.bytes, 'fleet', f.fileName);
    expect(t.kind).toBe('xlsx');
    expect(t.recognised?.id).toBe('fleet-vehicles');
    expect(t.sheet.name).toBe(f.sheetName);
    expect(t.headerRow).toBe(1);
    expect(t.skipped).toEqual(noneSkipped);
    expect(t.rows.map((r) => r.rowNumber)).toEqual(f.vans.map((v) => v.rowNumber));
    for (const [i, v] of f.vans.entries()) {
      const r = t.rows[i]!;
      expect(r.get('vin')).toBe(v.vin);
      expect(r.get('name')).toBe(v.vehicleName);
      expect(r.get('plate')).toBe(v.licensePlateNumber);
      // The reader keeps Amazon's text; turning "WA - Washington" into WA is the importer's job.
      expect(r.get('plateState')).toBe(v.registeredState);
      expect(r.get('subModel')).toBe(v.subModel);
      expect(r.get('serviceType')).toBe(v.serviceType);
      expect(r.get('serviceTier')).toBe(v.serviceTier);
      expect(r.get('operationalStatus')).toBe(v.operationalStatus);
      expect(r.get('statusReasonCode')).toBe(v.statusReasonCode);
      expect(r.get('statusReasonMessage')).toBe(v.statusReasonMessage);
      expect(r.get('ownershipType')).toBe(v.ownershipType);
      expect(r.get('ownershipEndDate')).toBe(v.ownershipEndDate);
      expect(r.get('registrationExpiryDate')).toBe(v.registrationExpiryDate);
      expect(r.get('year')).toBe(String(v.year));
      expect(r.cell('year').raw).toBe(v.year);
    }
    expect(f.vans.filter((v) => v.pendingPlate).map((v) => t.rows[v.rowNumber - 2]!.get('plate'))).toEqual(f.vans.filter((v) => v.pendingPlate).map((v) => `PENDING-${v.vin}`));
    expect(t.rows.filter((r) => r.get('name') === f.duplicateName)).toHaveLength(2);
    expect(t.rows.some((r) => r.get('statusReasonMessage').startsWith('Until 2027-01-13'))).toBe(true);
    expect(t.rows.filter((r) => r.get('operationalStatus') === 'GROUNDED').map((r) => r.get('statusReasonMessage'))).toEqual(['Brake inspection failed - at vendor', '']);
    expect(t.rows.some((r) => r.get('serviceTier') === 'EXTRA_LARGE_CARGO_VAN' && r.get('serviceType') === 'Standard Parcel - Extra Large Van - US')).toBe(true);
    expect(t.rows.filter((r) => r.get('make') === 'Rivian').length).toBeGreaterThan(0);
    // Columns the fleet spec does not know are listed, by the file's own names.
    expect(t.ignoredColumns.map((c) => c.header)).toEqual(['vehicleRegistrationType', 'vehicleGroup', 'tollTagId']);
    expect(t.ignoredColumns.map((c) => c.letter)).toEqual(['M', 'W', 'X']);
    expect(FLEET_HEADERS.filter((h) => !t.ignoredColumns.some((c) => c.header === h))).toHaveLength(FLEET_HEADERS.length - 3);
  });
});

describe('Day of Ops plan (XLSX)', () => {
  it('reads the Solution sheet, not the first one, with waves in every form', async () => {
    const f = await dayOfOpsPlan({ seed: 3 });
    const t = await read(f.bytes, 'routes', f.fileName);
    expect(t.recognised?.id).toBe('day-of-ops-plan');
    expect(t.sheet).toEqual({ name: 'Solution', index: 1, names: f.sheetNames });
    expect(t.headerRow).toBe(f.headerRow);
    expect(t.skipped).toEqual(f.skipped);
    expect(t.skippedRows).toEqual([{ rowNumber: f.totalRowNumber, kind: 'total', text: expect.stringMatching(/^TOTAL \| \d+ \| \d+$/) }]);
    expect(t.rows).toHaveLength(f.routes.length);
    for (const [i, route] of f.routes.entries()) {
      const r = t.rows[i]!;
      expect(r.rowNumber).toBe(route.rowNumber);
      expect(r.get('dsp')).toBe(route.dsp);
      expect(r.get('code')).toBe(route.code);
      expect(r.get('serviceType')).toBe(route.serviceType);
      expect(r.get('staging')).toBe(route.staging);
      expect(r.get('duration')).toBe(String(route.durationMin));
      expect(r.get('zones')).toBe(String(route.zones));
      expect(r.get('packages')).toBe(String(route.packages));
      // A time cell and a bare day fraction read as HH:MM; text keeps its own form for the wave parser.
      expect(r.get('wave')).toEqual(route.waveForm === 'text' ? expect.stringMatching(/^\d{1,2}:\d{2} [AP]M$/) : route.wave);
    }
    const fraction = f.routes.findIndex((r) => r.waveForm === 'day-fraction');
    expect(typeof t.rows[fraction]!.cell('wave').raw).toBe('number');
    expect(t.rows.filter((r) => r.get('code') === '')).toHaveLength(2);
    expect(new Set(t.rows.map((r) => r.get('dsp')))).toEqual(new Set(['ACME', 'BRSK', 'DLVX', 'ZOOM']));
    expect(t.ignoredColumns).toEqual([]);
  });

  it('reads 0.4479166… as 10:45 and counts a title row and a blank row above the header', async () => {
    const f = await dayOfOpsPlan({ seed: 4, titleAbove: true, routes: 6, waves: ['10:45'] });
    const t = await read(f.bytes, 'routes', f.fileName);
    expect(t.headerRow).toBe(3);
    expect(t.skipped).toEqual({ ...noneSkipped, title: 1, blank: 1, total: 1 });
    expect(t.skippedRows[0]).toMatchObject({ rowNumber: 1, kind: 'title', text: expect.stringContaining('Day of Ops Plan') });
    const byForm = (form: string) => t.rows.filter((_, i) => f.routes[i]!.waveForm === form);
    expect(byForm('day-fraction').map((r) => [r.cell('wave').raw, r.get('wave')])).toEqual(byForm('day-fraction').map(() => [expect.closeTo(0.4479166, 6), '10:45']));
    expect(byForm('time-cell').map((r) => r.get('wave'))).toEqual(byForm('time-cell').map(() => '10:45'));
    expect(byForm('text').map((r) => r.get('wave'))).toEqual(byForm('text').map(() => '10:45 AM'));
    expect(byForm('day-fraction').length).toBeGreaterThan(0);
  });
});

describe('Cortex route list (XLSX)', () => {
  it('keeps helpers and rescuers joined with | in both ID and name', async () => {
    const f = await cortexRouteList({ seed: 5 });
    expect(f.fileName).toMatch(/^Routes_DSE4_2026-12-30_12_42 \(PDT\)\.xlsx$/);
    const t = await read(f.bytes, 'cortex', f.fileName);
    expect(t.recognised?.id).toBe('cortex-route-list');
    expect(t.sheet.name).toBe('Routes');
    expect(t.rows).toHaveLength(f.routes.length);
    for (const [i, route] of f.routes.entries()) {
      const r = t.rows[i]!;
      expect(r.get('code')).toBe(route.code);
      expect(r.get('transporterId').split('|')).toEqual(route.drivers.map((d) => d.transporterId));
      expect(r.get('driverName').split('|')).toEqual(route.drivers.map((d) => d.name));
      expect(r.get('progress')).toBe(route.progress);
      expect([r.get('allStops'), r.get('stopsComplete'), r.get('notStarted')]).toEqual([route.allStops, route.complete, route.notStarted].map(String));
    }
    expect(f.routes.some((r) => r.drivers.length > 1)).toBe(true);
  });
});

describe('DSP Overview Dashboard (CSV)', () => {
  const metrics = Object.keys(DASHBOARD_METRICS) as DashboardMetric[];

  it('reads the value, Amazon’s tier and score of every metric into their own fields', async () => {
    const f = dspOverviewDashboard({ seed: 11, das: 14 });
    expect(f.fileName).toBe('DSP_Overview_Dashboard_ACME_DSE4_2026-W47.csv');
    const t = await read(f.bytes, 'scorecard', f.fileName);
    expect(t.recognised?.id).toBe('dsp-overview-dashboard');
    expect(t.rows).toHaveLength(14);
    expect(t.columnName('name')).toBe('Delivery Associate'); // the trailing space of "Delivery Associate " matched
    for (const [i, d] of f.rows.entries()) {
      const r = t.rows[i]!;
      expect([r.get('week'), r.get('name'), r.get('transporterId'), r.get('overallTier'), r.get('overallScore'), r.get('delivered')]).toEqual([
        d.week, d.name, d.transporterId, d.standing, d.overallScore, d.packagesDelivered,
      ]);
      for (const m of metrics) {
        expect([r.get(m), r.get(`${m}Tier`), r.get(`${m}Score`)]).toEqual([d.metrics[m].value, d.metrics[m].tier, d.metrics[m].score]);
      }
    }
    // FICO's value is the 0–850 metric, never the 0–100 points.
    expect(t.rows.every((r) => r.get('fico') === '' || Number(r.get('fico')) >= 640)).toBe(true);
    expect(t.columnName('fico')).toBe('FICO Metric');
    // The importer keeps the "… Weight Applied" columns beside Amazon's tier and score: nothing is ignored.
    for (const m of metrics) expect(t.rows.map((r) => r.get(`${m}Weight`))).toEqual(f.rows.map((d) => d.metrics[m].weight));
    expect(t.ignoredColumns).toEqual([]);
  });

  it('reads the trailing six weeks: one row per DA and week, the week per row', async () => {
    const f = dspOverviewDashboard({ seed: 12, das: 10, trailing: true, week: '2026-W02' });
    const t = await read(f.bytes, 'scorecard', f.fileName);
    expect(f.weeks).toEqual(['2025-W49', '2025-W50', '2025-W51', '2025-W52', '2026-W01', '2026-W02']);
    expect(t.rows).toHaveLength(60);
    expect(new Set(t.rows.map((r) => r.get('week')))).toEqual(new Set(f.weeks));
    expect(t.rows.map((r) => `${r.get('week')} ${r.get('transporterId')} ${r.get('dcr')}`)).toEqual(f.rows.map((d) => `${d.week} ${d.transporterId} ${d.metrics.dcr.value}`));
  });
});

describe('DA Current Week Performance', () => {
  it('as extracted from the PDF to CSV: legends, header per page, broken header cells, an unnamed column', async () => {
    const f = daTablePdfCsv({ seed: 21, das: 40, perPage: 15 });
    const t = await read(f.bytes, 'scorecard', f.fileName);
    expect(t.recognised?.id).toBe('da-current-week');
    expect(t.headerRow).toBe(f.headerRow);
    expect(t.headers.slice(0, 6)).toEqual(['#', '', 'Name', 'Transporter ID', 'Overall Tier', 'Delivered']);
    expect(t.skipped).toEqual(f.skipped);
    expect(t.rows.map((r) => r.rowNumber)).toEqual(f.rows.map((r) => r.rowNumber));
    for (const [i, d] of f.rows.entries()) {
      const r = t.rows[i]!;
      expect([r.get('name'), r.get('transporterId'), r.get('overallTier'), r.get('fico'), r.get('seatbelt'), r.get('signSignal'), r.get('dcr'), r.get('psb'), r.get('podOpps')]).toEqual([
        d.values.Name, d.values['Transporter ID'], d.values['Overall Tier'], d.values['Fico Score'], d.values['Seatbelt Off Rate'], d.values['Sign/Signal Violations Rate'], d.values.DCR, d.values.PSB, d.values['POD Opps.'],
      ]);
    }
    expect(t.ignoredColumns).toEqual([{ index: 1, letter: 'B', header: '' }]);
    expect(t.skippedRows.filter((s) => s.kind === 'title').map((s) => s.text)).toContain('Page 1 of 3');
  });

  it('as XLSX with merged title rows, typed numbers and percentages, and a totals row', async () => {
    const f = await daTableXlsx({ seed: 22, das: 30 });
    const t = await read(f.bytes, 'scorecard', f.fileName);
    expect(t.headerRow).toBe(4);
    expect(t.skipped).toEqual(f.skipped);
    expect(t.skippedRows.map((s) => s.kind)).toEqual(['title', 'title', 'total']);
    expect(t.rows).toHaveLength(30);
    for (const [i, d] of f.rows.entries()) {
      const r = t.rows[i]!;
      expect(r.rowNumber).toBe(d.rowNumber);
      expect(r.get('dcr')).toBe(xlsxShown(d.values.DCR));
      expect(r.get('pod')).toBe(xlsxShown(d.values.POD));
      expect(r.get('fico')).toBe(d.values['Fico Score']);
      expect(r.get('psb')).toBe(xlsxShown(d.values.PSB));
      expect(r.cell('delivered').raw).toBe(Number(d.values.Delivered));
    }
  });

  it('DA Trailing 6-Week Performance adds the performer status', async () => {
    const f = daTrailingSixWeek({ seed: 23 });
    const t = await read(f.bytes, 'scorecard', f.fileName);
    expect(t.recognised?.id).toBe('da-trailing-6-week');
    expect(t.headerRow).toBe(2);
    expect(t.skipped.title).toBe(1);
    expect(t.rows.map((r) => [r.get('transporterId'), r.get('performer'), r.get('delivered')])).toEqual(
      f.rows.map((d) => [d.values['Transporter ID'], d.values['High/Low Performer Status'], d.values.Delivered]),
    );
  });

  it('every DA column the scorecard prints is known to the scorecard spec', async () => {
    const f = daTablePdfCsv({ seed: 24, das: 5 });
    const t = await read(f.bytes, 'scorecard');
    expect(DA_COLUMNS.every((c) => t.headers.includes(c))).toBe(true);
    expect(t.ignoredColumns.filter((c) => c.header !== '')).toEqual([]);
  });
});

describe('DVIR exports', () => {
  it("Whip Around's inspections report, header repeated at the end", async () => {
    const f = whipAroundReport({ seed: 31, inspections: 20 });
    expect(f.fileName).toBe('Inspections Report_2026-12-30-15-02-13.csv');
    const t = await read(f.bytes, 'inspections', f.fileName);
    expect(t.recognised?.id).toBe('whip-around-inspections');
    expect(t.skipped).toEqual({ ...noneSkipped, repeatedHeader: 1 });
    expect(t.skippedRows).toEqual([{ rowNumber: f.repeatedHeaderRow, kind: 'repeatedHeader', text: expect.stringContaining('Inspection ID') }]);
    expect(t.rows.map((r) => [r.get('van'), r.get('date'), r.get('kind'), r.get('driverFirst'), r.get('driverLast'), r.get('duration')])).toEqual(
      f.inspections.map((x) => [x.asset, x.occurred, x.form, x.driver.first, x.driver.last, x.duration]),
    );
  });

  it("Amazon's DVIC report: datetime cells as wall-clock text", async () => {
    const f = await dvicReport({ seed: 32 });
    expect(f.fileName).toMatch(/^US_ACME_DSE4_2026_week-52_20261230_DVIC_Time_Last_7_Days\.xlsx$/);
    const t = await read(f.bytes, 'inspections', f.fileName);
    expect(t.recognised?.id).toBe('dvic-report');
    expect(t.sheet.name).toBe(f.sheetName);
    expect(t.rows.map((r) => [r.get('date'), r.get('van'), r.get('transporterId'), r.get('driver'), r.get('kind'), r.get('start'), r.get('end'), r.get('duration')])).toEqual(
      f.inspections.map((x) => [x.date, x.vin, x.driver.transporterId, x.driver.name, x.type, x.start, x.end, String(x.duration)]),
    );
    expect(t.ignoredColumns.map((c) => c.header)).toEqual(['dsp', 'station', 'fleet_type']);
  });
});

describe('associates export and route sheet', () => {
  it('a quoted cell over two lines is one row; rows numbered as the spreadsheet shows them', async () => {
    const f = associatesExport({ seed: 41, count: 12 });
    expect(f.fileName).toBe('AssociateData'); // no extension
    const t = await read(f.bytes, 'roster', f.fileName);
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.recognised?.id).toBe('associates');
    expect(t.rows.map((r) => r.rowNumber)).toEqual(f.associates.map((a) => a.rowNumber));
    expect(t.rows.map((r) => [r.get('nameAndId'), r.get('transporterId'), r.get('idExpiration'), r.get('qualifications')])).toEqual(
      f.associates.map((a) => [`${a.person.name}\n${a.person.transporterId}`, a.person.transporterId, a.idExpiration, a.qualifications]),
    );
  });

  it('a DSP route sheet', async () => {
    const f = routeSheet({ seed: 42 });
    const t = await read(f.bytes, 'routes', f.fileName);
    expect(t.recognised).toBeNull();
    expect(t.rows.map((r) => [r.get('code'), r.get('wave'), r.get('duration'), r.get('packages'), r.get('distance'), r.get('notes')])).toEqual(
      f.routes.map((x) => [x.code, x.wave, x.duration, x.packages, x.miles, x.notes]),
    );
  });
});
