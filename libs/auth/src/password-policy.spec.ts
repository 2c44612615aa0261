import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SECURITY_POLICY, passwordExpiresAt, passwordProblem, passwordRule } from './password-policy.js';

describe(passwordProblem.name, () => {
  it('accepts eight characters of three kinds that do not contain the username', () => {
    expect(passwordProblem('Demo@2026', 'coordinator')).toBeNull();
    expect(passwordProblem('abcDEF12', 'zhang')).toBeNull();
    expect(passwordProblem('abc_def_12', 'zhang')).toBeNull();
  });

  it('refuses fewer than eight characters', () => {
    expect(passwordProblem('Ab1@xyz', 'zhang')).toContain('至少 8 位');
  });

  it('refuses fewer than three kinds of characters', () => {
    expect(passwordProblem('abcdefgh12', 'zhang')).toContain('至少三类');
    expect(passwordProblem('ABCDEFGH', 'zhang')).toContain('至少三类');
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(passwordProblem('Zhangsan@2026', 'zhangsan')).toContain('用户名');
  });
});

describe('a policy other than the default', () => {
  const strict = { ...DEFAULT_SECURITY_POLICY, minLength: 12, minClasses: 4 };

  it('asks for its length and all four kinds', () => {
    expect(passwordProblem('Abcdefgh12!', 'zhang', strict)).toContain('至少 12 位');
    expect(passwordProblem('Abcdefgh1234', 'zhang', strict)).toContain('至少四类');
    expect(passwordProblem('Abcdefgh12!x', 'zhang', strict)).toBeNull();
  });

  it('says the rule in words', () => {
    expect(passwordRule()).toBe('至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名，不能与最近 5 次用过的密码相同');
    expect(passwordRule({ ...strict, historyCount: 0 })).toBe('至少 12 位，包含大写字母、小写字母、数字、符号中的全部四类，且不含用户名');
  });
});

describe(passwordExpiresAt.name, () => {
  it('is 90 days after the change by default, never when the age is 0', () => {
    expect(passwordExpiresAt(new Date('2026-09-01T00:00:00Z'), DEFAULT_SECURITY_POLICY)).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(passwordExpiresAt(new Date('2026-09-01T00:00:00Z'), { ...DEFAULT_SECURITY_POLICY, maxAgeDays: 0 })).toBeNull();
  });
});
