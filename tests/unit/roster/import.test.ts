import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, dispatch } from '../../../electron/services/dispatch';
import { seedDemo } from '../../../electron/services/demo/seed';
import { testDesk, type TestDesk } from '../../helpers/context';
import type { Driver, RosterImportResult } from '../../../shared/contract/roster';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures', name));
const HEADER = 'Name and ID,TransporterID,Position,Qualifications,ID expiration,Personal Phone Number,Work Phone Number,Email,Status';

function csv(desk: TestDesk, content: string | Buffer, dryRun = false, fileName = 'associates.csv'): Promise<RosterImportResult> {
  return typeof content === 'string'
    ? call(desk.ctx, 'roster.import', { fileName, content, encoding: 'utf8', dryRun })
    : call(desk.ctx, 'roster.import', { fileName, content: content.toString('base64'), encoding: 'base64', dryRun });
}
const list = (desk: TestDesk) => desk.opened.sqlite.prepare('SELECT * FROM drivers ORDER BY id').all() as Record<string, unknown>[];
const auditCount = (desk: TestDesk) => (desk.opened.sqlite.prepare('SELECT count(*) n FROM audit_log').get() as { n: number }).n;
const byTid = async (desk: TestDesk, tid: string) => (await call(desk.ctx, 'roster.list', { search: tid }))[0] as Driver;

/** Snapshot of everything an import may touch. */
const snapshot = (desk: TestDesk) => ({ drivers: list(desk), audit: auditCount(desk) });

describe("roster import: Amazon's associates export", () => {
  it('a transporter ID with regex characters is a row error, never a crash; the preview names the good rows', async () => {
    const desk = testDesk();
    const res = await csv(
      desk,
      [HEADER, 'Ana Ruiz (A1B2(C3D4E5),A1B2(C3D4E5,Delivery Associate,CDV,01/02/2029,,,,Active', 'Bo Chen (A7C8D9E1F2G3H4),A7C8D9E1F2G3H4,Delivery Associate,CDV,01/02/2029,,,,Active'].join('\n'),
      true,
    );
    expect(res.ok).toBe(false);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([[2, 'TransporterID']]);
    expect(res.preview).toEqual([{ row: 3, transporterId: 'A7C8D9E1F2G3H4', name: 'Bo Chen', action: 'add' }]);
  });

  it('imports the export as Amazon writes it (BOM, CRLF, quoted lists, multi-line "Name and ID", trailing blank rows)', async () => {
    const desk = testDesk();
    const res = await csv(desk, fixture('associates-export.csv'));
    expect(res).toMatchObject({ ok: true, dryRun: false, drivers: 10, changed: [], unchanged: 0, errors: [] });
    expect(res.added).toHaveLength(10);
    expect(res.added[0]).toBe('A2KX7Q9M4T1B3C');

    const maria = await byTid(desk, 'A2KX7Q9M4T1B3C');
    expect(maria).toMatchObject({
      name: 'Maria Gonzalez',
      position: 'Delivery Associate',
      qualifications: ['CDV', 'EDV'],
      licenceExpiry: '2028-03-14',
      phone: '+1 (253) 555-0142',
      workPhone: '(206) 555-0117',
      email: 'maria.gonzalez@example.net',
      status: 'active',
    });
    expect((await byTid(desk, 'A3PL8R2N6V4D9E')).qualifications).toEqual(['CDV', 'STEP_VAN', 'DOT']);
    expect((await byTid(desk, 'A4MN2B6C8X1H5J')).qualifications).toEqual(['CDV', 'EDV', 'HELPER']);
    expect((await byTid(desk, 'A1ZR5W8K3J7F2G')).qualifications).toEqual(['EDV']);
    expect((await byTid(desk, 'A5QW9E3R7T2Y6K')).status).toBe('on_leave');
    expect((await byTid(desk, 'A7LK5J9H3G8F2M'))).toMatchObject({ status: 'active', name: 'Jorge Ramírez' });
    expect((await byTid(desk, 'A8PO3I7U5Y9T4N')).status).toBe('terminated');
    // Every new driver is in the audit log as an import by the desk.
    const audit = await call(desk.ctx, 'audit.list', { entity: 'driver' });
    expect(audit).toHaveLength(10);
    expect(audit.every((a) => a.action === 'import' && a.actor === 'desk')).toBe(true);
  });

  it('re-importing updates by transporter ID and reports added / changed / unchanged', async () => {
    const desk = testDesk();
    await csv(desk, fixture('associates-export.csv'));
    const auditBefore = auditCount(desk);
    const same = await csv(desk, fixture('associates-export.csv'));
    expect(same).toMatchObject({ ok: true, added: [], changed: [], unchanged: 10 });
    expect(auditCount(desk)).toBe(auditBefore);

    const text = fixture('associates-export.csv')
      .toString('utf8')
      .replace('+1 (253) 555-0142', '(253) 555-0199') // Maria: new phone
      .replace('"CDV, Standard Parcel, EDV",02/28/2029', '"CDV, Standard Parcel, EDV, Step Van",02/28/2029') // Kofi: step van
      .replace(/\r\n\r\n,,,,,,,,\r\n$/, '\r\nNew Driver (A3NW8D5R2V7E4T),A3NW8D5R2V7E4T,Delivery Associate,CDV,04/01/2028,(253) 555-0100,,,Active\r\n');
    const res = await csv(desk, text);
    expect(res).toMatchObject({ ok: true, drivers: 11, added: ['A3NW8D5R2V7E4T'], changed: ['A2KX7Q9M4T1B3C', 'A9HG6F2D8S4A7P'], unchanged: 8 });
    // The preview names who is added and changed, as the file does (the console shows these, no parsing of its own).
    expect(res.preview.map((p) => [p.action, p.transporterId, p.name])).toEqual([
      ['change', 'A2KX7Q9M4T1B3C', 'Maria Gonzalez'],
      ['change', 'A9HG6F2D8S4A7P', expect.any(String)],
      ['add', 'A3NW8D5R2V7E4T', 'New Driver'],
    ]);
    expect(res.preview.every((p) => p.row > 1)).toBe(true);
    expect(await byTid(desk, 'A3NW8D5R2V7E4T')).toMatchObject({ name: 'New Driver', licenceExpiry: '2028-04-01' });
    const maria = await byTid(desk, 'A2KX7Q9M4T1B3C');
    expect(maria.phone).toBe('(253) 555-0199');
    const entry = (await call(desk.ctx, 'audit.list', { entity: 'driver', entityId: String(maria.id) }))[0]!;
    expect(entry).toMatchObject({ action: 'import', before: { phone: '+1 (253) 555-0142' }, after: { phone: '(253) 555-0199' } });
    expect((await byTid(desk, 'A9HG6F2D8S4A7P')).qualifications).toEqual(['CDV', 'EDV', 'STEP_VAN']);
  });

  it('keeps what the export does not carry: licence number, hire date, usual van, notes, trainer status', async () => {
    const desk = testDesk();
    const van = await call(desk.ctx, 'fleet.upsert', { name: 'EDV-01', vin: '7FCEDVA70NN755706', type: 'EDV' });
    const d = await call(desk.ctx, 'roster.upsert', {
      transporterId: 'A2KX7Q9M4T1B3C',
      name: 'Maria Gonzalez',
      licenceNumber: 'WDL1234ABCD5',
      hireDate: '2024-05-01',
      usualVanId: van.id,
      notes: 'Prefers wave 1',
      qualifications: ['EDV', 'CDV', 'TRAINER'],
      phone: '+1 (253) 555-0142',
      workPhone: '(206) 555-0117',
      email: 'maria.gonzalez@example.net',
      licenceExpiry: '2028-03-14',
    });
    const res = await csv(desk, fixture('associates-export.csv'));
    // Same facts in another order + the desk's own trainer flag: unchanged, not "changed".
    expect(res.unchanged).toBe(1);
    expect(res.changed).toEqual([]);
    const after = await call(desk.ctx, 'roster.get', { id: d.id });
    expect(after).toMatchObject({ licenceNumber: 'WDL1234ABCD5', hireDate: '2024-05-01', usualVanId: van.id, notes: 'Prefers wave 1' });
    expect([...after.qualifications].sort()).toEqual(['CDV', 'EDV', 'TRAINER']);
  });

  it('a dry run reports the same and writes nothing', async () => {
    const desk = testDesk();
    const before = snapshot(desk);
    const res = await csv(desk, fixture('associates-export.csv'), true);
    expect(res).toMatchObject({ ok: true, dryRun: true, drivers: 10, unchanged: 0, errors: [] });
    expect(res.added).toHaveLength(10);
    expect(snapshot(desk)).toEqual(before);
  });

  it('reports every bad row with its spreadsheet row number and column, and writes NOTHING', async () => {
    const desk = testDesk();
    await csv(desk, fixture('associates-export.csv'));
    const before = snapshot(desk);
    const res = await csv(desk, fixture('associates-broken.csv'));
    expect(res.ok).toBe(false);
    expect(res.drivers).toBe(9);
    const got = res.errors.map((e) => [e.row, e.column]);
    expect(got).toEqual([
      [3, 'ID expiration'],
      [4, 'Email'],
      [5, 'Status'],
      [6, 'TransporterID'],
      [7, 'Name and ID'],
      [8, 'TransporterID'],
      [9, 'Personal Phone Number'],
      [10, 'TransporterID'],
    ]);
    const msg = (row: number) => res.errors.find((e) => e.row === row)!.message;
    expect(msg(3)).toMatch(/13\/45\/2027/);
    expect(msg(5)).toMatch(/unknown status "Retired"/);
    expect(msg(6)).toMatch(/A2KX7Q9M4T1B3C already appears in row 2/);
    expect(msg(7)).toMatch(/required/);
    expect(msg(8)).toMatch(/required/);
    expect(snapshot(desk)).toEqual(before);
    // A dry run of the broken file says the same.
    const dry = await csv(desk, fixture('associates-broken.csv'), true);
    expect(dry.errors).toEqual(res.errors);
    expect(snapshot(desk)).toEqual(before);
  });

  it('matches headers by case, spacing, punctuation and aliases; minimal sheets work', async () => {
    const desk = testDesk();
    const text = [
      '  transporter id ,NAME, e-mail ,Phone, License Expiration,associate status,QUALIFICATION',
      'A2KX7Q9M4T1B3C,Maria Gonzalez,maria@example.net,(253) 555-0142,2028-03-14,active,"EDV; CDV"',
      'a3pl8r2n6v4d9e,DeShawn Carter,,,3/1/28,Leave of absence,Step Van | DOT',
    ].join('\n');
    const res = await csv(desk, text);
    expect(res).toMatchObject({ ok: true, drivers: 2, errors: [] });
    expect(await byTid(desk, 'A3PL8R2N6V4D9E')).toMatchObject({ name: 'DeShawn Carter', licenceExpiry: '2028-03-01', status: 'on_leave', qualifications: ['STEP_VAN', 'DOT'] });
    expect((await byTid(desk, 'A2KX7Q9M4T1B3C')).qualifications).toEqual(['CDV', 'EDV']);
  });

  it('takes the transporter ID from "Name and ID" when its own column is blank, in any common layout', async () => {
    const desk = testDesk();
    const text = [
      HEADER,
      'Maria Gonzalez (A2KX7Q9M4T1B3C),,Delivery Associate,CDV,,,,,Active',
      '"DeShawn Carter - A3PL8R2N6V4D9E",,Delivery Associate,CDV,,,,,Active',
      '"A1ZR5W8K3J7F2G | Nguyen Thi Lan",,Delivery Associate,EDV,,,,,Active',
      '"Kofi Mensah\nA9HG6F2D8S4A7P",A9HG6F2D8S4A7P,Delivery Associate,CDV,,,,,Active',
    ].join('\n');
    const mismatch = await csv(desk, `${HEADER}\nMaria Gonzalez (A2KX7Q9M4T1B3C),A3PL8R2N6V4D9E,Delivery Associate,CDV,,,,,Active`, true);
    expect(mismatch.errors).toEqual([{ row: 2, column: 'Name and ID', message: 'shows transporter ID A2KX7Q9M4T1B3C but the TransporterID column says A3PL8R2N6V4D9E' }]);
    const res = await csv(desk, text);
    expect(res.errors).toEqual([]);
    const names = list(desk).map((d) => [d.transporter_id, d.name]);
    expect(names).toEqual([
      ['A2KX7Q9M4T1B3C', 'Maria Gonzalez'],
      ['A3PL8R2N6V4D9E', 'DeShawn Carter'],
      ['A1ZR5W8K3J7F2G', 'Nguyen Thi Lan'],
      ['A9HG6F2D8S4A7P', 'Kofi Mensah'],
    ]);
  });

  it('quoted fields with commas, quotes and newlines count as one spreadsheet row; blank rows in between still count', async () => {
    const desk = testDesk();
    const text = [
      HEADER,
      '"Gonzalez, Maria ""Mari""\nA2KX7Q9M4T1B3C",A2KX7Q9M4T1B3C,Delivery Associate,"CDV,\nEDV",03/14/2028,,,,ACTIVE', // row 2
      '', // row 3 (blank)
      'DeShawn Carter,A3PL8R2N6V4D9E,Delivery Associate,CDV,02/30/2027,,,,ACTIVE', // row 4: bad date
      ',,,,,,,,',
      '',
    ].join('\r\n');
    const res = await csv(desk, text);
    expect(res.drivers).toBe(2);
    expect(res.errors).toEqual([{ row: 4, column: 'ID expiration', message: expect.stringMatching(/not a real calendar date/) }]);
    const fixed = await csv(desk, text.replace('02/30/2027', '02/28/2027'));
    expect(fixed.ok).toBe(true);
    expect(await byTid(desk, 'A2KX7Q9M4T1B3C')).toMatchObject({ name: 'Gonzalez, Maria "Mari"', qualifications: ['CDV', 'EDV'] });
  });

  it('missing required columns, empty files and unreadable workbooks are errors, not crashes', async () => {
    const desk = testDesk();
    const noTid = await csv(desk, 'Name and ID,Email\nMaria Gonzalez,maria@example.net\n');
    expect(noTid).toMatchObject({ ok: false, errors: [{ row: 1, column: 'TransporterID', message: 'missing column "TransporterID"' }] });
    expect((await csv(desk, '')).errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/empty/) });
    expect((await csv(desk, '\r\n\r\n')).ok).toBe(false);
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('not really a zip file')]);
    const bad = await csv(desk, garbage, false, 'roster.xlsx');
    expect(bad).toMatchObject({ ok: false, errors: [{ row: 0, message: expect.stringMatching(/Cannot read roster\.xlsx/) }] });
    expect(list(desk)).toEqual([]);
  });

  it('reads Windows-1252 CSV bytes (Excel on Windows) as well as UTF-8', async () => {
    const desk = testDesk();
    const latin1 = Buffer.from(`${HEADER}\r\nJos\xe9 Mu\xf1oz,A2KX7Q9M4T1B3C,Delivery Associate,CDV,,,,,Active\r\n`, 'latin1');
    const res = await csv(desk, latin1);
    expect(res.ok).toBe(true);
    expect(list(desk)[0]!.name).toBe('José Muñoz');
  });

  it('imports an XLSX workbook (first sheet; dates and numbers as Excel stores them; row numbers as Excel shows)', async () => {
    const desk = testDesk();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Associates');
    ws.addRow(HEADER.split(','));
    ws.addRow(['Maria Gonzalez', 'A2KX7Q9M4T1B3C', 'Delivery Associate', 'CDV, Standard Parcel, EDV', new Date(Date.UTC(2028, 2, 14)), 2535550142, '', 'maria.gonzalez@example.net', 'ACTIVE']);
    ws.addRow([]); // row 3 blank
    ws.addRow(['DeShawn Carter', 'A3PL8R2N6V4D9E', 'Delivery Associate', 'Step Van, DOT', '11/02/2027', '253-555-0188', '', '', 'ACTIVE']);
    wb.addWorksheet('Notes').addRow(['ignored']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await csv(desk, bytes, false, 'associates.xlsx');
    expect(res).toMatchObject({ ok: true, drivers: 2, errors: [] });
    expect(await byTid(desk, 'A2KX7Q9M4T1B3C')).toMatchObject({ licenceExpiry: '2028-03-14', phone: '2535550142', qualifications: ['CDV', 'EDV'] });
    expect(await byTid(desk, 'A3PL8R2N6V4D9E')).toMatchObject({ licenceExpiry: '2027-11-02', qualifications: ['STEP_VAN', 'DOT'] });

    // Errors carry the row Excel shows (the blank row 3 still counts).
    ws.getCell('E4').value = 'someday';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const before = snapshot(desk);
    const res2 = await csv(desk, broken, false, 'associates.xlsx');
    expect(res2.errors).toEqual([{ row: 4, column: 'ID expiration', message: expect.stringMatching(/someday/) }]);
    expect(snapshot(desk)).toEqual(before);
    // A workbook saved without its extension is still recognised.
    expect((await csv(desk, bytes, true, 'associates-export')).ok).toBe(true);
  });

  it('runs through the roster.import channel: dry run by default, owners refused, a change event on import', async () => {
    const desk = testDesk();
    const events: string[] = [];
    desk.ctx.events.subscribe((e) => events.push(`${e.type}:${e.channel}`));
    const content = fixture('associates-export.csv').toString('base64');
    const preview = await call(desk.ctx, 'roster.import', { fileName: 'a.csv', content, encoding: 'base64' });
    expect(preview).toMatchObject({ ok: true, dryRun: true });
    expect(list(desk)).toEqual([]);
    const owner = desk.as({ name: 'owner', role: 'owner' });
    expect(await dispatch(owner, 'roster.import', { fileName: 'a.csv', content, encoding: 'base64', dryRun: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await call(desk.ctx, 'roster.import', { fileName: 'a.csv', content, encoding: 'base64', dryRun: false });
    expect(list(desk)).toHaveLength(10);
    expect(events).toContain('changed:roster.import');
    expect(await dispatch(desk.ctx, 'roster.import', { fileName: '', content: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('round-trips the demo roster: exporting it in Amazon’s columns and importing changes nothing', async () => {
    const desk = testDesk();
    seedDemo(desk.ctx);
    const drivers = await call(desk.ctx, 'roster.list', { includeArchived: true });
    const words: Record<string, string> = { CDV: 'CDV', EDV: 'EDV', STEP_VAN: 'Step Van', DOT: 'DOT', HELPER: 'AMZL_HELPER', TRAINER: '' };
    const status: Record<string, string> = { active: 'ACTIVE', on_leave: 'On leave', terminated: 'INACTIVE' };
    const us = (iso: string | null) => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : '');
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = drivers.map((d) =>
      [
        q(`${d.name}\n${d.transporterId}`),
        d.transporterId,
        d.position,
        q(['Standard Parcel', ...d.qualifications.map((x) => words[x]).filter(Boolean)].join(', ')),
        us(d.licenceExpiry),
        q(d.phone),
        q(d.workPhone),
        d.email,
        status[d.status],
      ].join(','),
    );
    const before = snapshot(desk);
    const res = await csv(desk, [HEADER, ...lines].join('\r\n'));
    expect(res).toMatchObject({ ok: true, added: [], changed: [], unchanged: drivers.length, errors: [] });
    expect(snapshot(desk)).toEqual(before);
  }, 180_000);
});
