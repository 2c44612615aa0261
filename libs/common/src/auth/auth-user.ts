export const ROLES = ['admin', 'coordinator', 'department', 'city', 'leader', 'audit_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  coordinator: '省商务厅（协调机制办公室）',
  department: '责任部门',
  city: '市级商务部门',
  leader: '领导',
  audit_admin: '审计管理员',
};

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
