export {
  PROVINCE_TIME_ZONE,
  localDate,
  isIsoDate,
  assertIsoDate,
  addDays,
  daysBetween,
  dayOfWeek,
  daysInMonth,
  formatDateZh,
} from './iso-date.js';
export { holidayCoverage, describeDay, type HolidayCoverage, type DayInfo } from './holidays.js';
export { EXTRA_HOLIDAY_ARRANGEMENTS, type HolidayArrangement } from './holidays-extra.js';
export { isWorkingDay, nextWorkingDay, addWorkingDays, workingDaysBetween } from './working-days.js';
export {
  parsePeriod,
  periodOf,
  previousPeriod,
  nextPeriod,
  makePeriod,
  isPeriodKey,
  periodLabel,
  type Period,
  type Quarter,
} from './periods.js';
export {
  DEFAULT_REPORTING_WINDOW,
  reportingWindow,
  validateReportingWindowConfig,
  type ReportingWindow,
  type ReportingWindowConfig,
} from './reporting-window.js';
