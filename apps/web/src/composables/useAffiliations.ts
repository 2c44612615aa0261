import { reactive } from 'vue';
import { api, unwrap } from '@/api/client';
import type { Role } from '@/session';

type Option = { id: string; name: string };

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  coordinator: '省商务厅（协调机制办公室）',
  department: '责任部门',
  city: '市级商务部门',
  leader: '领导',
};

/** 三员分立: the administrators belong to no province or department, and only the security administrator makes one. */
export const ADMIN_ROLES: Role[] = ['admin', 'security_admin', 'audit_admin'];
export const isAdminRole = (role: Role) => ADMIN_ROLES.includes(role);

/**
 * The departments and cities of a province, for the affiliation pickers of the user pages (loaded once per province),
 * and the affiliation a role needs: department users a department, city users a city, coordinators and leaders the
 * province, administrators none.
 */
export function useAffiliations() {
  const loaded = reactive(new Map<string, { departments: Option[]; cities: Option[] }>());
  async function load(province: string | null | undefined) {
    if (!province || loaded.has(province)) return;
    const [departments, cities] = await Promise.all([
      unwrap(api.GET('/api/departments', { params: { query: { regionId: province, pageSize: 200 } } })),
      unwrap(api.GET('/api/regions', { params: { query: { parentId: province, pageSize: 200 } } })),
    ]);
    loaded.set(province, { departments: departments.items, cities: cities.items });
  }
  const departmentsOf = (province: string | null | undefined) => (province ? (loaded.get(province)?.departments ?? []) : []);
  const citiesOf = (province: string | null | undefined) => (province ? (loaded.get(province)?.cities ?? []) : []);
  function affiliation(form: { role: Role; provinceId: string; departmentId: string; cityId: string }): { departmentId: string | null; regionId: string | null } {
    if (form.role === 'department') return { departmentId: form.departmentId, regionId: null };
    if (form.role === 'city') return { departmentId: null, regionId: form.cityId };
    if (isAdminRole(form.role)) return { departmentId: null, regionId: null };
    return { departmentId: null, regionId: form.provinceId };
  }
  return { load, departmentsOf, citiesOf, affiliation };
}
