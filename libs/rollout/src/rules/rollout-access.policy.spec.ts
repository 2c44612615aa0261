import { describe, expect, it } from '@jest/globals';
import type { AuthUser, Role } from '#libs/common';
import { canReadRollout, canWriteRollout, inRolloutProvince } from './rollout-access.policy.js';

const PROVINCE = 'p-shandong';
const CITY = 'c-qingdao';
const user = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({ id: 'u', username: role, displayName: role, role, departmentId: null, regionId: PROVINCE, provinceId: PROVINCE, provinceName: '山东省', ...extra });
const cityUser = user('city', { regionId: CITY });
const inCity = { provinceId: PROVINCE, regionId: CITY, regionParentId: PROVINCE };
const inCounty = { provinceId: PROVINCE, regionId: 'x-huangdao', regionParentId: CITY };
const elsewhere = { provinceId: PROVINCE, regionId: 'c-jinan', regionParentId: PROVINCE };

describe('rollout access policy', () => {
  it('lets a city user read and write its own city and the counties under it, nothing else', () => {
    for (const r of [inCity, inCounty]) {
      expect(canReadRollout(cityUser, r)).toBe(true);
      expect(canWriteRollout(cityUser, r)).toBe(true);
    }
    expect(canReadRollout(cityUser, elsewhere)).toBe(false);
    expect(canWriteRollout(cityUser, elsewhere)).toBe(false);
  });

  it('lets the coordinator write every rollout of the province, and departments and leaders only read', () => {
    expect(canWriteRollout(user('coordinator'), elsewhere)).toBe(true);
    for (const role of ['department', 'leader'] as Role[]) {
      expect(canReadRollout(user(role), elsewhere)).toBe(true);
      expect(canWriteRollout(user(role), elsewhere)).toBe(false);
    }
  });

  it('keeps other provinces out entirely; the system administrator reads everywhere and writes nowhere (三员分立)', () => {
    const stranger = user('coordinator', { provinceId: 'p-henan', regionId: 'p-henan' });
    expect(inRolloutProvince(stranger, inCity)).toBe(false);
    expect(canReadRollout(stranger, inCity)).toBe(false);
    expect(canWriteRollout(stranger, inCity)).toBe(false);
    expect(canWriteRollout(user('city', { regionId: CITY, provinceId: 'p-henan' }), inCity)).toBe(false);
    const admin = user('admin', { provinceId: null, regionId: null });
    expect(canReadRollout(admin, inCity)).toBe(true);
    expect(canWriteRollout(admin, inCity)).toBe(false);
  });
});
