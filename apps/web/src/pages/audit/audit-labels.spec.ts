import { describe, expect, it } from 'vitest';
import { actionLabel, auditQuery } from './audit-labels';

describe('audit log page', () => {
  it('names login actions and leaves others as recorded', () => {
    expect(actionLabel('auth.login_failed')).toBe('登录失败');
    expect(actionLabel('close_out')).toBe('close_out');
  });

  it('asks the login log for every auth. action, whatever the action filter says', () => {
    const f = { range: null, actor: ' admin ', action: 'update', entityType: 'task' };
    expect(auditQuery(f, 'login')).toEqual({ actor: 'admin', action: 'auth.', from: undefined, to: undefined, entityType: undefined });
    expect(auditQuery(f, 'all')).toMatchObject({ action: 'update', entityType: 'task' });
  });
});
