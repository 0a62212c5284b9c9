import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { fixedClock } from '../../../shared/dates';
import { addRoster, fixture, scorecardCsv } from './helpers';
import { expiredMandatoryTraining, latestTierByDriver } from '../../../electron/services/scorecards/tiers-db';

let desk: TestDesk;
afterEach(() => desk?.close());

const imp = (d: TestDesk, week: string, content: string) => call(d.ctx, 'scorecards.import', { fileName: `${week}.csv`, content, week, dryRun: false });

describe('coaching plans', () => {
  it('suggests a plan per Fair/Poor metric; accept, acknowledge, close — all audited', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    await imp(desk, '2026-W47', fixture('da-current-week.csv'));
    const eve = ids.get('Eve Novak')!;
    const suggested = await call(desk.ctx, 'coaching.list', { driverId: eve, status: 'suggested' });
    const metrics = suggested.map((p) => p.metric).sort();
    expect(metrics).toContain('speeding');
    expect(metrics).toContain('dcr');
    const speeding = suggested.find((p) => p.metric === 'speeding')!;
    expect(speeding.finding).toMatch(/Speeding 5\.1 was Poor in week 47/);
    expect(speeding.actions).toContain('Ride-along');
    expect(speeding.target).toMatch(/≤ 2 \(Great\)/);
    expect(speeding.dueDate).toBe('2026-12-03');
    // Ana (Fantastic+) gets nothing.
    expect(await call(desk.ctx, 'coaching.list', { driverId: ids.get('Ana Lopez')! })).toEqual([]);

    const accepted = await call(desk.ctx, 'coaching.accept', { id: speeding.id, owner: 'Maria (fleet)', dueDate: '2026-12-01' });
    expect(accepted.status).toBe('accepted');
    expect(accepted.owner).toBe('Maria (fleet)');
    const ack = await call(desk.ctx, 'coaching.acknowledge', { id: speeding.id, acknowledgement: 'Signed at 1:1' });
    expect(ack.status).toBe('acknowledged');
    expect(ack.acknowledgedAt).toBe('2026-11-26');
    await expect(call(desk.ctx, 'coaching.accept', { id: speeding.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const closed = await call(desk.ctx, 'coaching.close', { id: speeding.id, followUpResult: 'Speeding 0 next week' });
    expect(closed.status).toBe('closed');
    const dcr = suggested.find((p) => p.metric === 'dcr')!;
    expect((await call(desk.ctx, 'coaching.dismiss', { id: dcr.id, reason: 'Weather week' })).status).toBe('dismissed');
    const audit = await call(desk.ctx, 'audit.list', { entity: 'coaching_plan', entityId: String(speeding.id) });
    expect(audit.map((a) => a.action)).toEqual(['close', 'acknowledge', 'accept', 'suggest']);
    // Re-suggesting does not duplicate.
    expect((await call(desk.ctx, 'coaching.suggest', { week: '2026-W47' })).created).toBe(0);
  });

  it('escalates a plan still failing on the next scorecard, and one past its due date', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const dev = ids.get('Dev Patel')!;
    await imp(desk, '2026-W46', scorecardCsv([{ tid: 'D4E5F6G7H8I9J0', name: 'Dev Patel', dcr: '96.5%' }]));
    const plan = (await call(desk.ctx, 'coaching.list', { driverId: dev }))[0]!;
    await call(desk.ctx, 'coaching.accept', { id: plan.id });
    await imp(desk, '2026-W47', scorecardCsv([{ tid: 'D4E5F6G7H8I9J0', name: 'Dev Patel', dcr: '96.6%' }]));
    const after = (await call(desk.ctx, 'coaching.list', { driverId: dev })).find((p) => p.id === plan.id)!;
    expect(after.status).toBe('escalated');
    expect(after.escalationReason).toBe('DCR still Fair in week 47 (96.6%)');

    const manual = await call(desk.ctx, 'coaching.create', { driverId: ids.get('Ana Lopez')!, finding: 'Late returns', dueDate: '2026-11-20' });
    expect(manual.overdue).toBe(true);
    expect((await call(desk.ctx, 'coaching.review', {})).escalated).toBe(1);
  });

  it('suggests a plan for an incident and links it', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const inc = await call(desk.ctx, 'incidents.create', { type: 'collision', date: '2026-11-25', driverId: ids.get('Ben Carter')!, severity: 'high', description: 'Backed into a mailbox' });
    expect(inc.suggestedPlanId).not.toBeNull();
    expect(inc.planId).toBe(inc.suggestedPlanId);
    const plan = (await call(desk.ctx, 'coaching.list', { driverId: ids.get('Ben Carter')! }))[0]!;
    expect(plan.incidentId).toBe(inc.id);
    expect(plan.finding).toBe('Collision on 2026-11-25 (high): Backed into a mailbox');
    expect(plan.actions).toContain('Ride-along');
    expect((await call(desk.ctx, 'incidents.list', { driverId: ids.get('Ben Carter')! }))[0]!.driverName).toBe('Ben Carter');
  });

  it('refuses coaching writes to an owner token', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const owner = desk.as({ name: 'owner-laptop', role: 'owner' });
    await expect(call(owner, 'coaching.create', { driverId: ids.get('Ana Lopez')!, finding: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await call(owner, 'standup.summary', {})).toMatchObject({ date: '2026-11-26' });
  });
});

describe('training', () => {
  it('marks due within 30 days, expired, and missing mandatory courses; feeds the board', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const dd = await call(desk.ctx, 'training.upsertCourse', { name: 'Defensive driving', validityDays: 365, mandatory: true });
    const edv = await call(desk.ctx, 'training.upsertCourse', { name: 'EDV training', validityDays: null, mandatory: false });
    await call(desk.ctx, 'training.record', { driverId: ids.get('Ana Lopez')!, courseId: dd.id, completedOn: '2026-01-01' });
    await call(desk.ctx, 'training.record', { driverId: ids.get('Ben Carter')!, courseId: dd.id, completedOn: '2025-12-10' });
    await call(desk.ctx, 'training.record', { driverId: ids.get('Cleo Diaz')!, courseId: dd.id, completedOn: '2025-11-01' });
    await call(desk.ctx, 'training.record', { driverId: ids.get('Cleo Diaz')!, courseId: edv.id, completedOn: '2025-11-01' });
    const st = await call(desk.ctx, 'training.status', {});
    const of = (name: string, course = 'Defensive driving') => st.find((s) => s.driverName === name && s.courseName === course)?.state;
    expect(of('Ana Lopez')).toBe('valid');
    expect(of('Ben Carter')).toBe('due');
    expect(of('Cleo Diaz')).toBe('expired');
    expect(of('Cleo Diaz', 'EDV training')).toBe('valid');
    expect(of('Dev Patel')).toBe('missing');
    const expired = expiredMandatoryTraining(desk.ctx.db, '2026-11-26');
    expect(expired.get(ids.get('Cleo Diaz')!)).toEqual(['Defensive driving (expired 2026-11-01)']);
    expect(expired.get(ids.get('Dev Patel')!)).toEqual(['Defensive driving (never completed)']);
    expect(expired.has(ids.get('Ana Lopez')!)).toBe(false);
  });
});

describe('stand-up', () => {
  it('summarises the latest scorecard, movers, recognitions, at-risk, topic rotation and honest gaps', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    await imp(desk, '2026-W46', scorecardCsv([
      { tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic+' },
      { tid: 'B2C3D4E5F6G7H8', name: 'Ben Carter', tier: 'Fantastic' },
      { tid: 'C3D4E5F6G7H8I9', name: 'Cleo Diaz', tier: 'Fair' },
    ]));
    await imp(desk, '2026-W47', scorecardCsv([
      { tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic Plus' },
      { tid: 'B2C3D4E5F6G7H8', name: 'Ben Carter', tier: 'Fair' },
      { tid: 'C3D4E5F6G7H8I9', name: 'Cleo Diaz', tier: 'Great' },
    ]));
    await call(desk.ctx, 'scorecards.setCompany', { week: '2026-W47', companyScore: 81.4, companyTier: 'Great' });
    for (const title of ['Backing up', 'Dog bites', 'Heat illness']) await call(desk.ctx, 'standup.upsertTopic', { title });
    const s = await call(desk.ctx, 'standup.summary', {});
    expect(s.scorecard!.week).toBe('2026-W47');
    expect(s.scorecard!.companyScore).toBe(81.4);
    expect(s.scorecard!.tiers).toEqual({ 'Fantastic+': 1, Fantastic: 0, Great: 1, Fair: 1, Poor: 0 });
    expect(s.scorecard!.moversUp).toEqual([{ driverId: ids.get('Cleo Diaz'), name: 'Cleo Diaz', from: 'Fair', to: 'Great' }]);
    expect(s.scorecard!.moversDown.map((m) => m.name)).toEqual(['Ben Carter']);
    expect(s.scorecard!.recognitions).toEqual([{ driverId: ids.get('Ana Lopez'), name: 'Ana Lopez', weeksFantasticPlus: 2 }]);
    expect(s.atRisk.map((a) => a.name)).toEqual(['Ben Carter']);
    expect(s.yesterday.routesRun).toBeNull();
    expect(s.yesterday.notes.join(' ')).toMatch(/No routes recorded for 2026-11-25 yet/);
    expect(s.yesterday.incidents).toBe(0);
    // Reading the stand-up shows the pick without recording it; the screen records what it shows.
    expect(s.topic).toMatchObject({ title: 'Backing up', recorded: false });
    expect(await call(desk.ctx, 'standup.recordTopic', {})).toMatchObject({ title: 'Backing up', recorded: true });

    // Next days rotate through the library without repeats within N days.
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const day = desk.as({ name: 'desk', role: 'desk' });
      const next = { ...day, clock: fixedClock(`2026-11-${26 + i}T13:00:00Z`) };
      const shown = (await call(next, 'standup.summary', {})).topic!;
      expect(shown.recorded).toBe(false);
      seen.push((await call(next, 'standup.recordTopic', {}))!.title);
      expect((await call(next, 'standup.summary', {})).topic).toMatchObject({ title: shown.title, recorded: true });
    }
    expect(seen).toEqual(['Dog bites', 'Heat illness', 'Backing up']);
    expect(latestTierByDriver(desk.ctx.db).get(ids.get('Ben Carter')!)).toBe('Fair');

    const csv = await call(desk.ctx, 'scorecards.atRiskCsv', {});
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Ben Carter');
    expect(text).toContain('Tier fell from Fantastic to Fair');

    const pdf = await call(desk.ctx, 'standup.pdf', {});
    const file = path.join(tempDir(), pdf.fileName);
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const out = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(out).toContain('Daily stand-up — 2026-11-26');
    expect(out).toContain('Backing up');
    expect(out).toContain('company standing: 81.4 | Great');
    expect(out).toContain('Ana Lopez');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
  });
});

describe('topic of the day', () => {
  it('standup.summary is a pure read; standup.recordTopic records today’s pick once, audited and announced', async () => {
    desk = testDesk();
    for (const title of ['Backing up', 'Dog bites']) await call(desk.ctx, 'standup.upsertTopic', { title });
    const history = () => desk.opened.sqlite.prepare('SELECT date, topic_id AS topicId FROM safety_topic_history').all();
    const audits = () => desk.opened.sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity = 'safety_topic_history'").pluck().get();
    const events: string[] = [];
    desk.ctx.events.subscribe((e) => e.type === 'changed' && events.push(e.channel!));

    // Desk and owner reads alike record nothing.
    for (const who of [desk.ctx, desk.as({ name: 'Owner', role: 'owner' })]) {
      expect((await call(who, 'standup.summary', {})).topic).toMatchObject({ title: 'Backing up', recorded: false });
    }
    expect(history()).toEqual([]);
    expect(events).toEqual([]);

    const topic = await call(desk.ctx, 'standup.recordTopic', {});
    expect(topic).toMatchObject({ title: 'Backing up', recorded: true });
    expect(history()).toEqual([{ date: '2026-11-26', topicId: topic!.id }]);
    expect([audits(), events]).toEqual([1, ['standup.recordTopic']]);

    // Recording again changes nothing: no second audit entry, no event.
    expect(await call(desk.ctx, 'standup.recordTopic', { date: '2026-11-26' })).toMatchObject({ title: 'Backing up', recorded: true });
    expect([audits(), events.length]).toEqual([1, 1]);

    // Only today's topic is recorded as shown; another day is chosen with standup.setTopic.
    await expect(call(desk.ctx, 'standup.recordTopic', { date: '2026-11-27' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // An owner may not record.
    await expect(call(desk.as({ name: 'Owner', role: 'owner' }), 'standup.recordTopic', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('with an empty library there is nothing to record', async () => {
    desk = testDesk();
    expect(await call(desk.ctx, 'standup.recordTopic', {})).toBeNull();
    expect(desk.opened.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });
});

describe('CLI import scorecard', () => {
  it('prints the JSON of the issue and exits 0, or 2 with row errors', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'station.db');
    desk = testDesk({ file: db });
    await addRoster(desk.ctx);
    desk.close();
    const file = path.join(dir, 'w47.csv');
    fs.writeFileSync(file, fixture('da-current-week.csv'));
    const run = (args: string[]) => spawnSync('npx', ['tsx', 'electron/cli.ts', ...args], { encoding: 'utf8' });
    const ok = run(['import', 'scorecard', file, '--week', '2026-W47', '--db', db, '--dry-run', '--json']);
    expect(ok.status).toBe(0);
    const json = JSON.parse(ok.stdout);
    expect(Object.keys(json).slice(0, 6)).toEqual(['ok', 'week', 'drivers', 'unknownDrivers', 'errors', 'tiers']);
    expect(Object.keys(json).slice(6)).toEqual(['weeks', 'weekFrom', 'source', 'read', 'station']); // added, never renamed
    expect(json).toMatchObject({ ok: true, week: '2026-W47', drivers: 6, unknownDrivers: [{ row: 7, transporterId: 'Z9Y8X7W6V5U4T3', name: 'Zed Unknown' }], errors: [] });
    expect(json.tiers).toEqual({ 'Fantastic+': 1, Fantastic: 1, Great: 2, Fair: 1, Poor: 1 });
    fs.writeFileSync(file, 'Name,Transporter ID,DCR\nAna,A1B2C3D4E5F6G7,lots');
    const bad = run(['import', 'scorecard', file, '--week', '2026-W47', '--db', db, '--json']);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout).errors).toEqual([{ row: 2, column: 'DCR', message: '"lots" is not a number' }]);
  }, 60_000);
});
