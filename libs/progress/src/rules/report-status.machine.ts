import { REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus } from '#libs/tasks';

export { REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus };

/** The lead department writes (and participants add their part) only while the report is with them. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

/** Reports that count as "reported" for the quarter (the missing-report list leaves these out). */
export const REPORTED_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted'];

export type ReportStep = 'edit' | 'submit' | 'accept' | 'return';

const STEP_FROM: Record<ReportStep, readonly ReportStatus[]> = {
  edit: EDITABLE_REPORT_STATUSES,
  submit: EDITABLE_REPORT_STATUSES,
  accept: ['submitted'],
  return: ['submitted'],
};

const STEP_TO: Record<Exclude<ReportStep, 'edit'>, ReportStatus> = { submit: 'submitted', accept: 'accepted', return: 'returned' };
const STEP_LABELS: Record<ReportStep, [zh: string, en: string]> = { edit: ['修改', 'edited'], submit: ['报送', 'submitted'], accept: ['审核通过', 'accepted'], return: ['退回', 'returned'] };

export type ReportStepCheck = { ok: true; to: ReportStatus } | { ok: false; message: string };

/** Decides whether a report in `from` may take `step`; the caller answers a refusal with 409. */
export function checkReportStep(from: ReportStatus, step: ReportStep): ReportStepCheck {
  if (!STEP_FROM[step].includes(from)) {
    const [zh, en] = STEP_LABELS[step];
    return { ok: false, message: `进展报告当前为“${REPORT_STATUS_LABELS[from]}”，不能${zh} (the report is ${from} and cannot be ${en})` };
  }
  return { ok: true, to: step === 'edit' ? from : STEP_TO[step] };
}
