import { addWorkingDays, periodOf, previousPeriod, reportingWindow, type Period, type ReportingWindowConfig } from '#libs/calendar';

/**
 * How long after a window closes the "not reported" reminders may still go out. They belong to the window's end;
 * the grace only covers a worker outage, so a deployment started mid-quarter does not chase last quarter's reports.
 */
export const REPORT_MISSING_GRACE_WORKING_DAYS = 5;

export interface QuarterlyPhase {
  /** The period whose reporting window is open today: departments get the "report due" notice. */
  open: { period: Period; closes: string } | null;
  /** A period whose window closed recently (see REPORT_MISSING_GRACE_WORKING_DAYS): departments still without a report get reminded. */
  closed: Period | null;
}

/**
 * Where today stands in the quarterly scheduling. A window opens in the quarter's last month
 * and closes in the next quarter, so today can be inside the current period's window (late
 * in the quarter) or the previous one's (early in the next quarter).
 */
export function quarterlyPhase(today: string, config: ReportingWindowConfig): QuarterlyPhase {
  const current = periodOf(today);
  let open: QuarterlyPhase['open'] = null;
  for (const p of [current, previousPeriod(current)]) {
    const w = reportingWindow(p, config);
    if (w.opens <= today && today <= w.closes) open = { period: p, closes: w.closes };
  }
  let closed: Period | null = null;
  for (const p of [previousPeriod(current), previousPeriod(previousPeriod(current))]) {
    const closes = reportingWindow(p, config).closes;
    if (closes < today && today <= addWorkingDays(closes, REPORT_MISSING_GRACE_WORKING_DAYS)) closed = p;
  }
  return { open, closed };
}
