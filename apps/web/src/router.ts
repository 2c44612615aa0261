import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import { api, unwrap } from '@/api/client';
import { READS_COORDINATION, WRITES_COORDINATION } from '@/capabilities';
import { homeOf } from '@/menu';
import { onPasswordChangeRequired, onSessionExpired, session, type Role } from '@/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title shown in the header and the browser tab. */
    title?: string;
    /** Roles that may open the page; absent = every logged-in role. */
    roles?: Role[];
    /** Reachable without logging in. */
    public?: boolean;
  }
}

// Every page is its own chunk: the login page loads none of the work pages.
const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', component: () => import('@/pages/home/HomePage.vue'), meta: { title: '工作台', roles: ['admin', 'coordinator', 'department', 'city'] } },
      { path: 'batches', component: () => import('@/pages/batches/BatchesPage.vue'), meta: { title: '批次与导入', roles: READS_COORDINATION } },
      // A write flow and nothing else: not the system administrator's (三员分立).
      { path: 'batches/import', component: () => import('@/pages/batches/ImportWizardPage.vue'), meta: { title: '导入批次', roles: WRITES_COORDINATION } },
      { path: 'batches/:id', component: () => import('@/pages/batches/BatchDetailPage.vue'), meta: { title: '批次详情', roles: READS_COORDINATION } },
      { path: 'tasks', component: () => import('@/pages/tasks/TaskLedgerPage.vue'), meta: { title: '任务台账', roles: ['admin', 'coordinator', 'leader'] } },
      { path: 'tasks/:id', component: () => import('@/pages/tasks/TaskDetailPage.vue'), meta: { title: '任务详情' } },
      { path: 'close-outs', component: () => import('@/pages/close-outs/CloseOutReviewPage.vue'), meta: { title: '销号审核', roles: READS_COORDINATION } },
      { path: 'reports', component: () => import('@/pages/reports/ReportSchedulingPage.vue'), meta: { title: '进展调度', roles: READS_COORDINATION } },
      { path: 'rollouts', component: () => import('@/pages/rollouts/RolloutMatrixPage.vue'), meta: { title: '承接落实', roles: READS_COORDINATION } },
      { path: 'my-rollouts', component: () => import('@/pages/city/CityRolloutsPage.vue'), meta: { title: '承接落实', roles: ['city'] } },
      { path: 'my-tasks', component: () => import('@/pages/department/MyTasksPage.vue'), meta: { title: '我的任务', roles: ['department'] } },
      { path: 'my-reports', component: () => import('@/pages/department/MyReportsPage.vue'), meta: { title: '进展报送', roles: ['department'] } },
      { path: 'inbox', component: () => import('@/pages/inbox/InboxPage.vue'), meta: { title: '消息' } },
      { path: 'cockpit', component: () => import('@/pages/cockpit/CockpitPage.vue'), meta: { title: '领导驾驶舱', roles: ['admin', 'coordinator', 'leader'] } },
      { path: 'settings', component: () => import('@/pages/settings/SettingsPage.vue'), meta: { title: '系统设置', roles: ['admin', 'coordinator'] } },
      { path: 'users', component: () => import('@/pages/settings/UsersPage.vue'), meta: { title: '用户与部门', roles: ['admin'] } },
      { path: 'security', component: () => import('@/pages/security/SecurityPage.vue'), meta: { title: '安全管理', roles: ['security_admin'] } },
      { path: 'audit', component: () => import('@/pages/audit/AuditLogPage.vue'), meta: { title: '审计日志', roles: ['audit_admin'] } },
      { path: 'password', component: () => import('@/pages/PasswordPage.vue'), meta: { title: '修改密码' } },
      { path: ':rest(.*)*', component: () => import('@/pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes, scrollBehavior: () => ({ top: 0 }) });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.token) return { path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (!session.user) {
    // A cold start loads the page's code while /api/auth/me answers, not after it: one round trip less before the page.
    preloadComponents(to);
    try {
      session.user = await unwrap(api.GET('/api/auth/me'));
    } catch {
      // A 401 already signed the user out; anything else (api down) also needs a fresh login to retry cleanly.
      if (session.token) session.signOut('无法获取登录信息，请重新登录');
      return { path: '/login', query: { redirect: to.fullPath } };
    }
  }
  // A first login, a reset or an expired password: nothing but the password page until it is changed.
  if (session.user.passwordChangeRequired && to.path !== '/password') return { path: '/password' };
  const role = session.user.role;
  // "/" is 工作台 for the roles that have one; the leader's first page is the cockpit.
  if (to.path === '/' && to.meta.roles && !to.meta.roles.includes(role)) return homeOf(role);
  if (to.meta.roles && !to.meta.roles.includes(role)) return { path: homeOf(role), query: { denied: to.path } };
  return true;
});

function preloadComponents(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') void (component as () => Promise<unknown>)();
    }
  }
}

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 自贸改革复制推广` : '自贸改革复制推广';
});

onPasswordChangeRequired(() => {
  if (router.currentRoute.value.path !== '/password') void router.push('/password');
});

onSessionExpired(() => {
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.push({ path: '/login', query: { redirect: here.fullPath } });
});
