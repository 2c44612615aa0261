import type { components } from '@/api/schema';

export type ReportStatus = components['schemas']['ReportViewDto']['status'];

/**
 * The coordinator's words for a quarterly report's four states, as the 进展调度 page names them (the api's own labels
 * read 已报送 / 已审核通过), in the order the page offers them: what waits for review first.
 */
export const REPORT_STATES: { value: ReportStatus; label: string; tag: 'warning' | 'info' | 'success' | 'danger' }[] = [
  { value: 'submitted', label: '已提交', tag: 'warning' },
  { value: 'draft', label: '草稿', tag: 'info' },
  { value: 'accepted', label: '已采纳', tag: 'success' },
  { value: 'returned', label: '已退回', tag: 'danger' },
];

export const REPORT_STATE_LABEL = Object.fromEntries(REPORT_STATES.map((s) => [s.value, s.label])) as Record<ReportStatus, string>;
export const REPORT_STATE_TAG = Object.fromEntries(REPORT_STATES.map((s) => [s.value, s.tag])) as Record<ReportStatus, (typeof REPORT_STATES)[number]['tag']>;
