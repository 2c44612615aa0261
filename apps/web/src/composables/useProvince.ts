import { computed, ref } from 'vue';
import { api, unwrap } from '@/api/client';
import type { components } from '@/api/schema';
import { session } from '@/session';

type Region = components['schemas']['RegionViewDto'];

const ADMIN_PROVINCE_KEY = 'ftz.adminProvince';
const adminProvinceId = ref<string | null>(sessionStorage.getItem(ADMIN_PROVINCE_KEY));
const provinces = ref<Region[]>([]);

/**
 * The province a page works on: the user's own, or for an admin the one picked in the header (every
 * province-scoped call needs one). Pages read `provinceId` and reload when it changes.
 */
export function useProvince() {
  const provinceId = computed<string | null>(() => (session.user?.role === 'admin' ? adminProvinceId.value : (session.user?.provinceId ?? null)));
  const provinceName = computed(() => (session.user?.role === 'admin' ? (provinces.value.find((p) => p.id === adminProvinceId.value)?.name ?? null) : (session.user?.provinceName ?? null)));

  async function loadProvinces() {
    // The system administrator picks a province to work on; the security administrator assigns users to one.
    if ((session.user?.role !== 'admin' && session.user?.role !== 'security_admin') || provinces.value.length) return;
    const page = await unwrap(api.GET('/api/regions', { params: { query: { level: 'province', pageSize: 200 } } }));
    provinces.value = page.items as Region[];
    if (!adminProvinceId.value && provinces.value.length) pick(provinces.value[0].id);
  }

  function pick(id: string) {
    adminProvinceId.value = id;
    sessionStorage.setItem(ADMIN_PROVINCE_KEY, id);
  }

  return { provinceId, provinceName, provinces, loadProvinces, pick };
}
