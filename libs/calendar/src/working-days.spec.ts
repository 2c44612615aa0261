import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { addDays } from './iso-date.js';
import { describeDay, holidayCoverage } from './holidays.js';
import { EXTRA_HOLIDAY_ARRANGEMENTS } from './holidays-extra.js';
import { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from './working-days.js';

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('holiday coverage', () => {
  it('has the official arrangement for 2024–2026 and a provisional 2027', () => {
    expect(holidayCoverage(2024)).toBe('official');
    expect(holidayCoverage(2025)).toBe('official');
    expect(holidayCoverage(2026)).toBe('official');
    expect(holidayCoverage(2027)).toBe('provisional');
    expect(holidayCoverage(2030)).toBe('weekends-only');
  });

  it('falls back to Monday–Friday where there is no data', () => {
    expect(isWorkingDay('2030-01-01')).toBe(true); // a Tuesday; no data for 2030
    expect(isWorkingDay('2030-01-05')).toBe(false); // Saturday
  });
});

describe('2026 Mid-Autumn and National Day', () => {
  it('Mid-Autumn: 9-25 (Fri) to 9-27 off', () => {
    expect(range('2026-09-25', '2026-09-27').map(isWorkingDay)).toEqual([false, false, false]);
    expect(describeDay('2026-09-25')).toEqual({ date: '2026-09-25', working: false, adjustedWorkday: false, holiday: '中秋节' });
    expect(isWorkingDay('2026-09-24')).toBe(true);
    expect(isWorkingDay('2026-09-28')).toBe(true);
  });

  it('National Day: 10-1 to 10-7 off, Sunday 9-20 and Saturday 10-10 are 调休 working days', () => {
    expect(range('2026-10-01', '2026-10-07').some(isWorkingDay)).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(describeDay('2026-09-20')).toEqual({ date: '2026-09-20', working: true, adjustedWorkday: true, holiday: '国庆节' });
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false); // the Sunday after is an ordinary weekend
  });

  it('moves and counts across the break', () => {
    expect(nextWorkingDay('2026-10-01')).toBe('2026-10-08');
    expect(nextWorkingDay('2026-09-26')).toBe('2026-09-28');
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(workingDaysBetween('2026-09-24', '2026-09-28')).toBe(1);
  });
});

describe('Spring Festival', () => {
  it('2025: 1-28 to 2-4 off; Sunday 1-26 and Saturday 2-8 worked', () => {
    expect(range('2025-01-28', '2025-02-04').some(isWorkingDay)).toBe(false);
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-02-08')).toBe(true);
    expect(isWorkingDay('2025-02-05')).toBe(true);
    expect(describeDay('2025-01-29').holiday).toBe('春节');
    // Friday 1-24 → the next working day is the 调休 Sunday, not Monday.
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
  });

  it('2026: 2-15 to 2-23 off; Saturdays 2-14 and 2-28 worked', () => {
    expect(range('2026-02-15', '2026-02-23').some(isWorkingDay)).toBe(false);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(nextWorkingDay('2026-02-15')).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2); // 2-14 (Sat) and 2-24
  });

  it('2027 (provisional): the statutory 除夕–初三 are off', () => {
    expect(range('2027-02-05', '2027-02-08').some(isWorkingDay)).toBe(false);
    expect(describeDay('2027-02-05').holiday).toBe('春节');
    expect(isWorkingDay('2027-02-04')).toBe(true);
    // Until the State Council notice is entered, 补假 days after the festival count as working days.
    expect(isWorkingDay('2027-02-09')).toBe(true);
  });
});

const chineseDaysJson = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { workdays: Record<string, string> };

describe('调休 working days from the chinese-days data', () => {
  it.each(['2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-09-20', '2026-10-10'])('%s is a weekend working day', (date) => {
    const info = describeDay(date);
    expect(info.working).toBe(true);
    expect(info.adjustedWorkday).toBe(true);
    expect(chineseDaysJson.workdays[date]).toBeDefined();
  });
});

describe('provisional 2027 data', () => {
  const [y2027] = EXTRA_HOLIDAY_ARRANGEMENTS;

  // chinese-days' converters format in host-local time and drift a day west of UTC; the data itself does not.
  const itEastOfUtc = new Date(2027, 0, 1).getTimezoneOffset() <= 0 ? it : it.skip;

  itEastOfUtc('matches the lunar and solar-term dates computed by chinese-days', () => {
    const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`2027-${md}`).date;
    const springFestival = lunar('01-01');
    expect(springFestival).toBe('2027-02-06');
    const eve = addDays(springFestival, -1);
    for (const d of [eve, springFestival, addDays(springFestival, 1), addDays(springFestival, 2)]) {
      expect(y2027?.holidays[d]).toBe('春节');
    }
    expect(y2027?.holidays[lunar('05-05')]).toBe('端午节');
    expect(y2027?.holidays[lunar('08-15')]).toBe('中秋节');
    expect(y2027?.holidays[chineseDays.getSolarTermDate(2027, 4, 'pure_brightness')]).toBe('清明节');
  });

  it('holds the 13 statutory days and no invented 调休', () => {
    expect(y2027?.year).toBe(2027);
    expect(y2027?.status).toBe('provisional');
    expect(Object.keys(y2027?.holidays ?? {})).toHaveLength(13);
    expect(y2027?.workdays).toEqual({});
  });
});

describe('working-day arithmetic', () => {
  it('nextWorkingDay returns a working date unchanged', () => {
    expect(nextWorkingDay('2026-11-26')).toBe('2026-11-26');
    expect(nextWorkingDay('2026-11-28')).toBe('2026-11-30');
  });

  it('addWorkingDays(d, 0) is d itself, even on a holiday', () => {
    expect(addWorkingDays('2026-10-01', 0)).toBe('2026-10-01');
    expect(() => addWorkingDays('2026-10-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-01', 1.5)).toThrow(RangeError);
  });

  it('workingDaysBetween counts (from, to] and is 0 when to <= from', () => {
    expect(workingDaysBetween('2026-11-26', '2026-11-26')).toBe(0);
    expect(workingDaysBetween('2026-11-27', '2026-11-26')).toBe(0);
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1); // 2027-01-01 is 元旦
  });

  it('addWorkingDays and workingDaysBetween agree', () => {
    for (const start of ['2026-09-18', '2026-09-30', '2026-02-13', '2025-01-24', '2026-12-30']) {
      for (let n = 0; n <= 15; n++) expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => workingDaysBetween('2026/01/01', '2026-01-05')).toThrow(RangeError);
  });
});
