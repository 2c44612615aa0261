/**
 * Holiday arrangements for years the `chinese-days` package does not cover yet.
 *
 * chinese-days 1.5.7 (the latest release at the time of writing, 2026-11) stops at 2026.
 * The State Council publishes next year's arrangement (国务院办公厅关于XXXX年部分节假日安排的通知)
 * around November, and it was not available to us for 2027. Rather than inventing the
 * bridging days and 调休 Saturdays, 2027 carries only the statutory holidays that the law
 * already fixes (《全国年节及纪念日放假办法》, 2024 revision, in force from 2025-01-01):
 * 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2 (May 1–2), 端午 1, 中秋 1,
 * 国庆 3 (Oct 1–3). Lunar and solar-term dates were computed with chinese-days'
 * own converters (see holidays.spec.ts).
 *
 * Known gaps until the official notice is entered here: the extra days off that the notice
 * adds (补假 for statutory days falling on a weekend — 2027-02-06/07, 05-01/02, 10-02/03 —
 * and bridging days) are still treated as working days, and 调休 weekend working days are
 * still treated as days off. Replace the entry with the official one (status 'official')
 * once published; a newer chinese-days that covers the year takes precedence automatically.
 */

export interface HolidayArrangement {
  year: number;
  /** 'provisional' = statutory days only, the State Council notice is not in yet. */
  status: 'official' | 'provisional';
  source: string;
  /** Days off, date → Chinese holiday name. */
  holidays: Readonly<Record<string, string>>;
  /** 调休: weekend days that are working days, date → the holiday they pay for. */
  workdays: Readonly<Record<string, string>>;
}

export const EXTRA_HOLIDAY_ARRANGEMENTS: readonly HolidayArrangement[] = [
  {
    year: 2027,
    status: 'provisional',
    source: '《全国年节及纪念日放假办法》（2024年修订）法定节假日；国务院办公厅2027年放假安排尚未录入',
    holidays: {
      '2027-01-01': '元旦',
      '2027-02-05': '春节',
      '2027-02-06': '春节',
      '2027-02-07': '春节',
      '2027-02-08': '春节',
      '2027-04-05': '清明节',
      '2027-05-01': '劳动节',
      '2027-05-02': '劳动节',
      '2027-06-09': '端午节',
      '2027-09-15': '中秋节',
      '2027-10-01': '国庆节',
      '2027-10-02': '国庆节',
      '2027-10-03': '国庆节',
    },
    workdays: {},
  },
];
