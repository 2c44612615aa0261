/** Words for the audited actions an audit administrator reads most; any other action shows as recorded. */
const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.locked': '账号锁定',
  'auth.unlocked': '解除锁定',
  'audit.purge': '清理过期审计日志',
  create: '新建',
  update: '修改',
  change_password: '修改密码',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The login log is every action under "auth." — whatever the login code names them. */
export const LOGIN_ACTIONS = 'auth.';

/** The query the api takes for the filters on the page; empty ones are left out. */
export function auditQuery(f: { range: [Date, Date] | null; actor: string; action: string; entityType: string }, tab: 'all' | 'login') {
  return {
    from: f.range ? f.range[0].toISOString() : undefined,
    to: f.range ? f.range[1].toISOString() : undefined,
    actor: f.actor.trim() || undefined,
    action: tab === 'login' ? LOGIN_ACTIONS : f.action.trim() || undefined,
    entityType: tab === 'login' ? undefined : f.entityType.trim() || undefined,
  };
}
