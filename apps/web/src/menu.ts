import { Bell, Calendar, DataAnalysis, Document, EditPen, Files, HomeFilled, List, Lock, MapLocation, Setting, Stamp, Tickets, User } from '@element-plus/icons-vue';
import { markRaw, type Component } from 'vue';
import type { Role } from '@/session';

export interface MenuEntry {
  label: string;
  path: string;
  icon: Component;
}

// The left menu per role, with the labels the provinces' clerks know (issue #11 fixes them).
const entries = {
  home: { label: '工作台', path: '/', icon: markRaw(HomeFilled) },
  batches: { label: '批次与导入', path: '/batches', icon: markRaw(Files) },
  ledger: { label: '任务台账', path: '/tasks', icon: markRaw(List) },
  closeOuts: { label: '销号审核', path: '/close-outs', icon: markRaw(Stamp) },
  reports: { label: '进展调度', path: '/reports', icon: markRaw(Calendar) },
  rollouts: { label: '承接落实', path: '/rollouts', icon: markRaw(MapLocation) },
  cityRollouts: { label: '承接落实', path: '/my-rollouts', icon: markRaw(MapLocation) },
  inbox: { label: '消息', path: '/inbox', icon: markRaw(Bell) },
  cockpit: { label: '领导驾驶舱', path: '/cockpit', icon: markRaw(DataAnalysis) },
  settings: { label: '系统设置', path: '/settings', icon: markRaw(Setting) },
  users: { label: '用户与部门', path: '/users', icon: markRaw(User) },
  myTasks: { label: '我的任务', path: '/my-tasks', icon: markRaw(Tickets) },
  myReports: { label: '进展报送', path: '/my-reports', icon: markRaw(EditPen) },
  security: { label: '安全管理', path: '/security', icon: markRaw(Lock) },
  audit: { label: '审计日志', path: '/audit', icon: markRaw(Document) },
} satisfies Record<string, MenuEntry>;

const coordinator = [entries.home, entries.batches, entries.ledger, entries.closeOuts, entries.reports, entries.rollouts, entries.inbox, entries.cockpit, entries.settings];

export const MENUS: Record<Role, MenuEntry[]> = {
  coordinator,
  admin: [...coordinator, entries.users],
  // 三员分立: the security and audit administrators see only their own work.
  security_admin: [entries.security],
  audit_admin: [entries.audit],
  department: [entries.home, entries.myTasks, entries.myReports, entries.inbox],
  city: [entries.home, entries.cityRollouts, entries.inbox],
  leader: [entries.cockpit, entries.ledger, entries.inbox],
};

/** Where a role lands after login and on "/" when 工作台 is not theirs. */
export function homeOf(role: Role): string {
  return MENUS[role][0].path;
}
