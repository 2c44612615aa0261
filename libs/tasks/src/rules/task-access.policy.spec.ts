import { describe, expect, it } from '@jest/globals';
import type { AuthUser, Role } from '#libs/common';
import { canManageTask, canReadTask, transitionActorFor } from './task-access.policy.js';

const PROVINCE = 'p-shandong';
const task = { regionId: PROVINCE, leadDepartmentId: 'd-commerce' };
const user = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({ id: 'u', username: role, displayName: role, role, departmentId: null, regionId: PROVINCE, provinceId: PROVINCE, provinceName: '山东省', ...extra });

describe('task access policy', () => {
  it('lets everyone in the province read, admins everywhere, other provinces nowhere', () => {
    for (const role of ['coordinator', 'department', 'city', 'leader'] as Role[]) expect(canReadTask(user(role), task)).toBe(true);
    expect(canReadTask(user('admin', { provinceId: null }), task)).toBe(true);
    expect(canReadTask(user('coordinator', { provinceId: 'p-henan' }), task)).toBe(false);
    expect(canReadTask(user('leader', { provinceId: null }), task)).toBe(false);
  });

  it('lets only the province coordinator manage assignments, not the system administrator (三员分立)', () => {
    expect(canManageTask(user('coordinator'), task)).toBe(true);
    expect(canManageTask(user('admin', { provinceId: null }), task)).toBe(false);
    expect(canManageTask(user('coordinator', { provinceId: 'p-henan' }), task)).toBe(false);
    for (const role of ['department', 'city', 'leader'] as Role[]) expect(canManageTask(user(role), task)).toBe(false);
  });

  it('lets the lead department move its own task, not participants, leaders, cities or the system administrator', () => {
    expect(transitionActorFor(user('department', { departmentId: 'd-commerce' }), task)).toBe('lead');
    expect(transitionActorFor(user('department', { departmentId: 'd-customs' }), task)).toBeNull();
    expect(transitionActorFor(user('department', { departmentId: 'd-commerce', provinceId: 'p-henan' }), task)).toBeNull();
    expect(transitionActorFor(user('leader'), task)).toBeNull();
    expect(transitionActorFor(user('city'), task)).toBeNull();
    expect(transitionActorFor(user('admin', { provinceId: null }), task)).toBeNull();
    expect(transitionActorFor(user('coordinator'), task)).toBe('coordinator');
    expect(transitionActorFor(user('department', { departmentId: null }), { ...task, leadDepartmentId: null })).toBeNull();
  });

  it('lets a co-lead ("X、Y牵头") move the task as the lead does', () => {
    const coLed = { ...task, coLeadDepartmentIds: ['d-customs'] };
    expect(transitionActorFor(user('department', { departmentId: 'd-customs' }), coLed)).toBe('lead');
    expect(transitionActorFor(user('department', { departmentId: 'd-customs', provinceId: 'p-henan' }), coLed)).toBeNull();
    expect(transitionActorFor(user('department', { departmentId: 'd-tax' }), coLed)).toBeNull();
  });
});
