import { randomInt } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import type { Role } from '#libs/common';

export const TEST_PASSWORD = 'Test@2026pass';
// argon2id as the app writes it; test users have a current password they need not change (password_changed_at
// defaults to the real now, after the suites' pinned clock, and password_change_required to null).
const passwordHash = hashSync(TEST_PASSWORD);
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomInt(1000)}`;

async function insert<T extends Record<string, unknown>>(db: DataSource, table: string, row: T): Promise<T & { id: string }> {
  const cols = Object.keys(row);
  const [created] = await db.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    cols.map((c) => row[c]),
  );
  return { ...row, id: created.id as string };
}

export interface RegionRow {
  id: string;
  code: string;
  name: string;
}

export async function makeProvince(db: DataSource, attrs: { coastal?: boolean; has_ftz?: boolean; has_special_customs_zone?: boolean; name?: string } = {}): Promise<RegionRow> {
  const code = String(randomInt(100000, 999999));
  return insert(db, 'region', { code: `${code}${unique()}`.slice(0, 12), name: attrs.name ?? `测试省${unique()}`, level: 'province', coastal: attrs.coastal ?? true, has_ftz: attrs.has_ftz ?? true, has_special_customs_zone: attrs.has_special_customs_zone ?? true });
}

export async function makeCity(db: DataSource, province: RegionRow, attrs: { name?: string; coastal?: boolean; has_ftz?: boolean; has_special_customs_zone?: boolean } = {}): Promise<RegionRow> {
  return insert(db, 'region', { code: `c${unique()}`.slice(0, 12), name: attrs.name ?? `测试市${unique()}`, level: 'city', parent_id: province.id, coastal: attrs.coastal ?? false, has_ftz: attrs.has_ftz ?? false, has_special_customs_zone: attrs.has_special_customs_zone ?? false });
}

export async function makeDepartment(db: DataSource, region: RegionRow | null, name?: string): Promise<{ id: string; name: string }> {
  return insert(db, 'department', { name: name ?? `测试厅${unique()}`, level: region ? 'provincial' : 'national', region_id: region?.id ?? null, liaison_name: '联络员', liaison_email: 'liaison@example.gov.cn', head_name: '负责人', head_email: 'head@example.gov.cn' });
}

export async function makeUser(db: DataSource, role: Role, affiliation: { departmentId?: string; regionId?: string } = {}): Promise<{ id: string; username: string }> {
  return insert(db, 'app_user', { username: `${role}_${unique()}`, display_name: `测试${role}`, password_hash: passwordHash, role, department_id: affiliation.departmentId ?? null, region_id: affiliation.regionId ?? null, active: true });
}

export interface ItemSpec {
  name?: string;
  scope?: { kind: string; regions?: string[]; note?: string | null; label?: string };
  scopeText?: string;
  deadlineKind?: 'date' | 'ongoing' | 'conditional' | 'relative' | 'unparsed';
  deadlineDate?: string | null;
  deadlineText?: string;
}

export async function makeBatch(db: DataSource, items: ItemSpec[]): Promise<{ documentId: string; batchId: string; itemIds: string[] }> {
  const doc = await insert(db, 'policy_document', { doc_number: `测试〔2026〕${unique()}号`, title: '测试文件', issuer: '国务院', issued_on: '2026-01-10' });
  const batch = await insert(db, 'batch', { document_id: doc.id, name: `测试批次${unique()}`, kind: 'pilot-experience', published_on: '2026-01-10' });
  const itemIds: string[] = [];
  for (const [i, spec] of items.entries()) {
    const scope = { regions: [], note: null, label: '全国', ...(spec.scope ?? { kind: 'national' }) };
    const item = await insert(db, 'reform_item', {
      batch_id: batch.id,
      seq: i + 1,
      name: spec.name ?? `改革事项${i + 1}`,
      scope_text: spec.scopeText ?? scope.label,
      scope: JSON.stringify(scope),
      deadline_kind: spec.deadlineKind ?? 'date',
      deadline_date: spec.deadlineKind && spec.deadlineKind !== 'date' ? null : (spec.deadlineDate ?? '2026-12-31'),
      deadline_text: spec.deadlineText ?? null,
    });
    itemIds.push(item.id);
  }
  return { documentId: doc.id, batchId: batch.id, itemIds };
}

export async function count(db: DataSource, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return row.n as number;
}

/** A province with two cities, a coordinator, two departments with users, a leader and a city user. */
export async function makeProvinceWorld(db: DataSource, attrs: Parameters<typeof makeProvince>[1] = {}) {
  const province = await makeProvince(db, attrs);
  const coastalCity = await makeCity(db, province, { coastal: true, has_ftz: true, has_special_customs_zone: true });
  const inlandCity = await makeCity(db, province);
  const leadDept = await makeDepartment(db, province);
  const otherDept = await makeDepartment(db, province);
  const users = {
    coordinator: await makeUser(db, 'coordinator', { regionId: province.id }),
    department: await makeUser(db, 'department', { departmentId: leadDept.id }),
    otherDepartment: await makeUser(db, 'department', { departmentId: otherDept.id }),
    leader: await makeUser(db, 'leader', { regionId: province.id }),
    city: await makeUser(db, 'city', { regionId: coastalCity.id }),
  };
  return { province, cities: [coastalCity, inlandCity], leadDept, otherDept, users };
}
