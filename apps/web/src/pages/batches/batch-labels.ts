import type { components } from '@/api/schema';

type BatchKind = components['schemas']['BatchViewDto']['kind'];
type Adoption = components['schemas']['BatchAdoptionDto'];

/** The api's BATCH_KIND_LABELS, as the clerk reads them. */
export const BATCH_KIND_LABELS: Record<BatchKind, string> = {
  'pilot-experience': '改革试点经验',
  'best-practice': '最佳实践案例',
  'department-promoted': '部门推广改革试点经验',
  provincial: '省级工作方案',
};

/** "已承接 12/14 项适用 · 3 项销号" or "未承接" (no province picked: "—"). */
export function adoptionText(adoption: Adoption | null | undefined): string {
  if (!adoption) return '—';
  if (!adoption.adopted) return '未承接';
  return `已承接 · 适用 ${adoption.applicableCount}/${adoption.taskCount} · 销号 ${adoption.closedCount}`;
}
