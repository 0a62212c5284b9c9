import { describe, expect, it } from 'vitest';
import { call, dispatch } from '../../../electron/services/dispatch';
import { testDesk } from '../../helpers/context';

const ana = { transporterId: 'A1B2C3D4E5F6G7', name: 'Ana Ruiz', qualifications: ['CDV', 'EDV'] };

describe('roster service', () => {
  it('creates, lists, searches, updates with audit, archives', async () => {
    const { ctx } = testDesk();
    const created = await call(ctx, 'roster.upsert', ana);
    expect(created.id).toBeGreaterThan(0);
    expect(created.qualifications).toEqual(['CDV', 'EDV']);
    await call(ctx, 'roster.upsert', { transporterId: 'B9Z8Y7X6W5V4U3', name: 'Ben Okafor' });
    expect((await call(ctx, 'roster.list', { search: 'okaf' })).map((d) => d.name)).toEqual(['Ben Okafor']);
    const updated = await call(ctx, 'roster.upsert', { ...ana, id: created.id, phone: '555-0100' });
    expect(updated.phone).toBe('555-0100');
    const audit = await call(ctx, 'audit.list', { entity: 'driver', entityId: String(created.id) });
    expect(audit[0]).toMatchObject({ action: 'update', before: { phone: '' }, after: { phone: '555-0100' }, actor: 'desk' });
    await call(ctx, 'roster.archive', { id: created.id });
    expect((await call(ctx, 'roster.list', {})).map((d) => d.name)).toEqual(['Ben Okafor']);
    expect((await call(ctx, 'roster.list', { includeArchived: true })).length).toBe(2);
  });

  it('refuses a duplicate transporter ID with 409 naming the field, and changes nothing', async () => {
    const { ctx } = testDesk();
    await call(ctx, 'roster.upsert', ana);
    const res = await dispatch(ctx, 'roster.upsert', { ...ana, name: 'Someone Else' });
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: 'transporterId' }] } } });
    expect((await call(ctx, 'roster.list', {})).map((d) => d.name)).toEqual(['Ana Ruiz']);
  });

  it('answers field-level validation errors', async () => {
    const { ctx } = testDesk();
    const res = await dispatch(ctx, 'roster.upsert', { transporterId: 'x', name: '', licenceExpiry: '2026-02-30' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    const paths = (res.error.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['licenceExpiry', 'name', 'transporterId']);
  });

  it('owner role reads but may not write (checked before validation)', async () => {
    const desk = testDesk();
    const owner = desk.as({ name: 'owner-laptop', role: 'owner' });
    expect((await dispatch(owner, 'roster.list', {})).ok).toBe(true);
    const res = await dispatch(owner, 'roster.upsert', { nonsense: true });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('unknown ids and channels are NOT_FOUND', async () => {
    const { ctx } = testDesk();
    expect(await dispatch(ctx, 'roster.get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(ctx, 'roster.nope', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
