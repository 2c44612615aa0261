import { describe, expect, it } from '@jest/globals';
import { planRolloutChange, type RolloutState } from './rollout-change.js';

const TODAY = '2026-11-26';
const fresh: RolloutState = { status: 'not_started', adoptedOn: null, implementedOn: null, note: null };
const adopted: RolloutState = { status: 'adopted', adoptedOn: '2026-09-01', implementedOn: null, note: null };

describe(planRolloutChange.name, () => {
  it('dates an adoption today when no date is given', () => {
    expect(planRolloutChange(fresh, { status: 'adopted' }, TODAY)).toEqual({ ok: true, next: { status: 'adopted', adoptedOn: TODAY, implementedOn: null, note: null } });
  });

  it('keeps the adoption date when the city moves on to implemented', () => {
    expect(planRolloutChange(adopted, { status: 'implemented', implementedOn: '2026-11-01' }, TODAY)).toEqual({
      ok: true,
      next: { status: 'implemented', adoptedOn: '2026-09-01', implementedOn: '2026-11-01', note: null },
    });
  });

  it('treats implemented as adopted too: adoptedOn defaults to implementedOn, implementedOn to today', () => {
    expect(planRolloutChange(fresh, { status: 'implemented', implementedOn: '2026-10-10' }, TODAY)).toMatchObject({ ok: true, next: { adoptedOn: '2026-10-10', implementedOn: '2026-10-10' } });
    expect(planRolloutChange(fresh, { status: 'implemented' }, TODAY)).toMatchObject({ ok: true, next: { adoptedOn: TODAY, implementedOn: TODAY } });
  });

  it('refuses implementation before adoption, naming implementedOn', () => {
    expect(planRolloutChange(adopted, { status: 'implemented', implementedOn: '2026-08-31' }, TODAY)).toMatchObject({ ok: false, field: 'implementedOn' });
    expect(planRolloutChange(fresh, { status: 'implemented', adoptedOn: '2026-11-02', implementedOn: '2026-11-01' }, TODAY)).toMatchObject({ ok: false, field: 'implementedOn' });
  });

  it('refuses dates after today', () => {
    expect(planRolloutChange(fresh, { status: 'adopted', adoptedOn: '2026-11-27' }, TODAY)).toMatchObject({ ok: false, field: 'adoptedOn' });
    expect(planRolloutChange(adopted, { status: 'implemented', implementedOn: '2027-01-01' }, TODAY)).toMatchObject({ ok: false, field: 'implementedOn' });
    expect(planRolloutChange(fresh, { status: 'adopted', adoptedOn: TODAY }, TODAY)).toMatchObject({ ok: true });
  });

  it('refuses an implementation date on a rollout that is only adopted', () => {
    expect(planRolloutChange(fresh, { status: 'adopted', implementedOn: '2026-11-01' }, TODAY)).toMatchObject({ ok: false, field: 'implementedOn' });
  });

  it('clears the implementation date when a rollout steps back to adopted, and both dates when back to not started', () => {
    const implemented: RolloutState = { status: 'implemented', adoptedOn: '2026-09-01', implementedOn: '2026-10-01', note: null };
    expect(planRolloutChange(implemented, { status: 'adopted' }, TODAY)).toMatchObject({ ok: true, next: { adoptedOn: '2026-09-01', implementedOn: null } });
    expect(planRolloutChange(implemented, { status: 'not_started' }, TODAY)).toMatchObject({ ok: true, next: { adoptedOn: null, implementedOn: null } });
    expect(planRolloutChange(fresh, { status: 'not_started', adoptedOn: '2026-09-01' }, TODAY)).toMatchObject({ ok: false, field: 'adoptedOn' });
  });

  it('requires a reason in the note to mark a rollout not applicable', () => {
    expect(planRolloutChange(fresh, { status: 'not_applicable' }, TODAY)).toMatchObject({ ok: false, field: 'note' });
    expect(planRolloutChange(fresh, { status: 'not_applicable', note: '  ' }, TODAY)).toMatchObject({ ok: false, field: 'note' });
    expect(planRolloutChange(fresh, { status: 'not_applicable', note: '本市无海关特殊监管区域' }, TODAY)).toMatchObject({ ok: true, next: { note: '本市无海关特殊监管区域' } });
    expect(planRolloutChange({ ...adopted, note: '已印发方案' }, { status: 'not_applicable' }, TODAY)).toMatchObject({ ok: false, field: 'note' });
    const notApplicable: RolloutState = { ...fresh, status: 'not_applicable', note: '无相关业务' };
    expect(planRolloutChange(notApplicable, { note: '' }, TODAY)).toMatchObject({ ok: false, field: 'note' });
  });

  it('lets dates be corrected without a status change, with the same checks', () => {
    expect(planRolloutChange(adopted, { adoptedOn: '2026-08-15' }, TODAY)).toMatchObject({ ok: true, next: { status: 'adopted', adoptedOn: '2026-08-15' } });
    expect(planRolloutChange(adopted, { adoptedOn: '2026-12-15' }, TODAY)).toMatchObject({ ok: false, field: 'adoptedOn' });
  });
});
