import { describe, expect, it } from 'vitest';
import { ImportRefusal, readTable, type ExportId } from '../../../electron/import/reader';
import {
  associatesExport, cortexRouteList, daTablePdfCsv, daTableXlsx, daTrailingSixWeek, dayOfOpsPlan, dspOverviewDashboard, dvicReport, encodeText,
  fleetVehiclesExport, scorecardPdf, whipAroundReport, type FixtureFile,
} from '../../fixtures/amazon';
import { ACCEPTS, options } from './specs';

async function refusal(bytes: Uint8Array, importer: Parameters<typeof options>[0]): Promise<ImportRefusal> {
  try {
    await readTable(bytes, options(importer));
  } catch (err) {
    if (err instanceof ImportRefusal) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const EXPORTS: [ExportId, () => Promise<FixtureFile> | FixtureFile, string][] = [
  ['fleet-vehicles', () => fleetVehiclesExport({ vans: 8 }), "This is Amazon's fleet vehicles export; import it under Vans."],
  ['day-of-ops-plan', () => dayOfOpsPlan({ routes: 4 }), "This is Amazon's Day of Ops plan; import it under Routes."],
  ['cortex-route-list', () => cortexRouteList({ routes: 4 }), "This is Amazon's Cortex route list; import it under Routes."],
  ['associates', () => associatesExport({ count: 3 }), "This is Amazon's associates export; import it under Drivers."],
  ['dsp-overview-dashboard', () => dspOverviewDashboard({ das: 3 }), "This is Amazon's DSP Overview Dashboard; import it under Scorecard."],
  ['da-current-week', () => daTablePdfCsv({ das: 3 }), "This is the scorecard's DA Current Week Performance table; import it under Scorecard."],
  ['da-current-week', () => daTableXlsx({ das: 3 }), "This is the scorecard's DA Current Week Performance table; import it under Scorecard."],
  ['da-trailing-6-week', () => daTrailingSixWeek({ das: 3 }), "This is the scorecard's DA Trailing 6-Week Performance table; import it under Scorecard."],
  ['whip-around-inspections', () => whipAroundReport({ inspections: 4 }), "This is Whip Around's inspections report; import it under Inspections."],
  ['dvic-report', () => dvicReport({ inspections: 4 }), "This is Amazon's DVIC report; import it under Inspections."],
];

describe('an export handed to the wrong importer is named, not read', () => {
  for (const importer of Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[]) {
    for (const [id, build, message] of EXPORTS) {
      if (ACCEPTS[importer].includes(id)) continue;
      it(`${importer} refuses ${id}`, async () => {
        const f = await build();
        const err = await refusal(f.bytes, importer);
        expect(err.code).toBe('wrong-export');
        expect(err.message).toBe(message);
        expect(err.details.recognised?.id).toBe(id);
      });
    }
  }

  it('the fleet importer no longer takes the DVIC report for vans (it has a vin column)', async () => {
    const f = await dvicReport({ inspections: 2 });
    const err = await refusal(f.bytes, 'fleet');
    expect(err.message).toBe("This is Amazon's DVIC report; import it under Inspections.");
    expect(err.toIssue()).toEqual({ row: 1, column: '', message: err.message });
  });
});

describe('files that are not tables', () => {
  it('an old .xls workbook (OLE header) says to save it as .xlsx or CSV', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const err = await refusal(xls, 'routes');
    expect(err.code).toBe('legacy-xls');
    expect(err.message).toMatch(/Excel 97–2003 workbook \(\.xls\).*"Excel Workbook \(\.xlsx\)" or "CSV UTF-8"/);
  });

  it('the scorecard PDF is told by its bytes, whatever its name', async () => {
    const pdf = await scorecardPdf({ das: 4 });
    const err = await refusal(pdf.bytes, 'scorecard');
    expect(err.code).toBe('pdf');
    expect(err.message).toMatch(/^This is a PDF/);
  });

  it('a ZIP that is not a workbook, a web page saved as .xls, binary junk, an empty file', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('routes.csv')]);
    expect((await refusal(zip, 'routes')).code).toBe('archive');
    expect((await refusal(Buffer.from('\uFEFF<html><body><table><tr><td>Route Code</td></tr></table>'), 'routes')).code).toBe('html');
    expect((await refusal(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 9, 14, 15, 16, 17, 18]), 'routes')).code).toBe('binary');
    expect((await refusal(Buffer.alloc(0), 'routes')).message).toBe('The file is empty.');
    expect((await refusal(Buffer.from('\r\n,,,\r\n\r\n'), 'routes')).code).toBe('no-table');
  });

  it('a damaged workbook is refused with a reason, never half read', async () => {
    const f = await dayOfOpsPlan({ routes: 3 });
    const err = await refusal(f.bytes.subarray(0, 1200), 'routes');
    expect(err.code).toBe('unreadable');
  });
});

describe('missing columns', () => {
  it('lists the missing required columns and the headers the file has', async () => {
    const err = await refusal(Buffer.from('Route,Wave,Kind\r\nCX1,10:05,Standard Parcel\r\n'), 'routes');
    expect(err.code).toBe('missing-columns');
    expect(err.details.missing).toEqual(['Service Type']);
    expect(err.details.seenHeaders).toEqual(['Route', 'Wave', 'Kind']);
    expect(err.message).toBe('Missing column "Service Type". The file\'s columns: "Route", "Wave", "Kind".');
    expect(err.toIssue()).toEqual({ row: 1, column: 'Service Type', message: err.message });
  });

  it('nothing matching at all: every required column, the first row as seen', async () => {
    const err = await refusal(Buffer.from('a;b;c\r\n1;2;3\r\n'), 'inspections');
    expect(err.details.missing).toEqual(['Van', 'Date']);
    expect(err.details.seenHeaders).toEqual(['a', 'b', 'c']);
  });

  it('a one-of group (transporter ID or name) is named as such', async () => {
    const err = await refusal(Buffer.from('Overall Tier,DCR,POD\r\nGreat,99%,98%\r\n'), 'scorecard');
    expect(err.message).toMatch(/^Missing column "Transporter ID" or "Name"\./);
  });

  it('hints at the encoding when the text looks mis-decoded', async () => {
    // UTF-8 bytes that were once read as Windows-1252 and saved again: "JosÃ©", "Transporter Â ID".
    const garbled = encodeText('RÃ´ute Cïode,Wave,Service Type\r\nCX1,10:05,Standard Parcel - JosÃ©\r\n', 'utf-8');
    const err = await refusal(garbled, 'routes');
    expect(err.details.encodingHint).toMatch(/double-encoded/);
    expect(err.message).toMatch(/mis-decoded \(read as utf-8\).*re-save it as "CSV UTF-8"/);
  });

  it('a known export with a column missing says which export it looks like', async () => {
    const f = dspOverviewDashboard({ das: 2 });
    const text = f.bytes.toString('utf8').replace('Transporter ID', 'Associate ID');
    const err = await refusal(Buffer.from(text), 'scorecard');
    expect(err.code).toBe('missing-columns');
    expect(err.message).toMatch(/^This looks like Amazon's DSP Overview Dashboard, but it lacks columns the import needs\. Missing column "Transporter ID"\./);
  });
});
