import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './password-policy.js';

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
