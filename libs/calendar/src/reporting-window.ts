import type { Period } from './periods.js';
import { addWorkingDays, nextWorkingDay } from './working-days.js';

export interface ReportingWindow {
  period: Period;
  opens: string;
  closes: string;
}

export interface ReportingWindowConfig {
  /** Day of the quarter's last month on which reporting opens; moved to the next working day. */
  opensDayOfLastMonth: number;
  /** The window closes at the end of this working day of the following quarter. */
  closesWorkingDayOfNextQuarter: number;
}

/**
 * Default for 每季度定期调度 (the source work plans set the cadence, not the dates, so this
 * is our choice): departments report from the 20th of the quarter's last month until the
 * 5th working day of the next quarter. Opening on the 20th lets a department report once
 * the quarter's work is substantially done while leaving the coordinator time to chase
 * before quarter end; counting the close in working days keeps the window fair when a
 * quarter ends into a holiday — Q3 closes a week after the National Day break, not during it.
 * Both numbers are configurable per deployment.
 */
export const DEFAULT_REPORTING_WINDOW: ReportingWindowConfig = Object.freeze({
  opensDayOfLastMonth: 20,
  closesWorkingDayOfNextQuarter: 5,
});

export function validateReportingWindowConfig(config: ReportingWindowConfig): ReportingWindowConfig {
  const { opensDayOfLastMonth: opens, closesWorkingDayOfNextQuarter: closes } = config;
  // 30, not 31: June and September — the last months of Q2 and Q3 — have 30 days.
  if (!Number.isInteger(opens) || opens < 1 || opens > 30) {
    throw new RangeError(`opensDayOfLastMonth must be an integer in 1–30 (got ${opens})`);
  }
  if (!Number.isInteger(closes) || closes < 1 || closes > 60) {
    throw new RangeError(`closesWorkingDayOfNextQuarter must be an integer in 1–60 (got ${closes})`);
  }
  return config;
}

export function reportingWindow(period: Period, config: ReportingWindowConfig = DEFAULT_REPORTING_WINDOW): ReportingWindow {
  validateReportingWindowConfig(config);
  const opensNominal = `${period.end.slice(0, 8)}${String(config.opensDayOfLastMonth).padStart(2, '0')}`;
  return {
    period,
    opens: nextWorkingDay(opensNominal),
    closes: addWorkingDays(period.end, config.closesWorkingDayOfNextQuarter),
  };
}
