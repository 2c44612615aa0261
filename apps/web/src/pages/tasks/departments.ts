import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';

export type Department = components['schemas']['DepartmentViewDto'];

/** The province's own departments (the ones tasks are assigned to), by name. */
export async function provinceDepartments(provinceId: string | null): Promise<Department[]> {
  if (!provinceId) return [];
  const page = await unwrap(api.GET('/api/departments', { params: { query: { regionId: provinceId, level: 'provincial', pageSize: 200 } } }));
  return [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
