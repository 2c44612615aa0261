/**
 * A quarterly progress report's states. Defined here, below the progress module, because the task ledger shows
 * each task's last report with its state; the progress module's workflow builds on these.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  accepted: '已审核通过',
  returned: '已退回',
};
