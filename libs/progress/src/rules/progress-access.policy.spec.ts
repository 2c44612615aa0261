import { describe, expect, it } from '@jest/globals';
import type { AuthUser, Role } from '#libs/common';
import { canContribute, canReviewReport, canUploadTaskEvidence, canWriteReport } from './progress-access.policy.js';

const PROVINCE = 'p-shandong';
const task = { regionId: PROVINCE, leadDepartmentId: 'd-commerce', participantDepartmentIds: ['d-customs'] };
const user = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({ id: 'u', username: role, displayName: role, role, departmentId: null, regionId: PROVINCE, provinceId: PROVINCE, provinceName: '山东省', ...extra });
const lead = user('department', { departmentId: 'd-commerce' });
const participant = user('department', { departmentId: 'd-customs' });
const bystander = user('department', { departmentId: 'd-finance' });

describe('progress report access policy', () => {
  it('lets only the lead department write and submit the report', () => {
    expect(canWriteReport(lead, task)).toBe(true);
    for (const u of [participant, bystander, user('coordinator'), user('leader'), user('city')]) expect(canWriteReport(u, task)).toBe(false);
    expect(canWriteReport({ ...lead, provinceId: 'p-henan' }, task)).toBe(false);
  });

  it('lets participating departments, and only they, add their part', () => {
    expect(canContribute(participant, task)).toBe(true);
    for (const u of [lead, bystander, user('coordinator'), user('leader')]) expect(canContribute(u, task)).toBe(false);
    expect(canContribute({ ...participant, provinceId: 'p-henan' }, task)).toBe(false);
  });

  it('lets the coordinator of the province review', () => {
    expect(canReviewReport(user('coordinator'), task)).toBe(true);
    expect(canReviewReport(user('coordinator', { provinceId: 'p-henan' }), task)).toBe(false);
    for (const u of [lead, participant, user('leader')]) expect(canReviewReport(u, task)).toBe(false);
  });

  it('lets the lead department and the coordinator upload evidence, not leaders, participants or cities', () => {
    expect(canUploadTaskEvidence(lead, task)).toBe(true);
    expect(canUploadTaskEvidence(user('coordinator'), task)).toBe(true);
    for (const u of [participant, user('leader'), user('city')]) expect(canUploadTaskEvidence(u, task)).toBe(false);
  });
});
