export const ROLES = ['admin', 'security_admin', 'audit_admin', 'coordinator', 'department', 'city', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  coordinator: '省商务厅（协调机制办公室）',
  department: '责任部门',
  city: '市级商务部门',
  leader: '领导',
};

/**
 * 三员分立: the three administrators, none of whom can do another's job — the system administrator (users,
 * departments, configuration), the security administrator (roles, password policy, unlocking) and the audit
 * administrator (reads the audit and login logs). They belong to no province or department.
 */
export const ADMIN_ROLES: readonly Role[] = ['admin', 'security_admin', 'audit_admin'];

/** Who is calling, as every service sees it. provinceId is the province whose tasks the user works on. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
  provinceId: string | null;
  /** Its name, so that answers can say whose figures they are without another lookup. */
  provinceName: string | null;
}
