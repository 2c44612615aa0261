import { describe, expect, it } from '@jest/globals';
import { addDays, assertIsoDate, dayOfWeek, daysBetween, formatDateZh, isIsoDate, localDate, PROVINCE_TIME_ZONE } from './iso-date.js';

describe('localDate', () => {
  it('uses the Shanghai calendar date, which is already tomorrow after 16:00 UTC', () => {
    expect(localDate(new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
    expect(localDate(new Date('2026-11-26T15:59:59.999Z'))).toBe('2026-11-26');
    expect(localDate(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
  });

  it('rolls over the year at Shanghai midnight', () => {
    expect(localDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('accepts another time zone', () => {
    expect(PROVINCE_TIME_ZONE).toBe('Asia/Shanghai');
    expect(localDate(new Date('2026-11-26T17:00:00Z'), 'UTC')).toBe('2026-11-26');
    expect(localDate(new Date('2026-11-27T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-26');
  });

  it('rejects an invalid Date', () => {
    expect(() => localDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('ISO date helpers', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-1')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
    expect(() => assertIsoDate('2026-04-31', 'dueDate')).toThrow(/dueDate/);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-10-09', -14)).toBe('2026-09-25');
    expect(addDays('2026-10-09', 0)).toBe('2026-10-09');
    expect(() => addDays('2026-10-09', 1.5)).toThrow(RangeError);
  });

  it('counts calendar days, negative when to is before from', () => {
    expect(daysBetween('2026-11-26', '2026-12-03')).toBe(7);
    expect(daysBetween('2026-12-03', '2026-11-26')).toBe(-7);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-10-10')).toBe(6); // Saturday
    expect(dayOfWeek('2025-09-28')).toBe(0); // Sunday
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('formats dates the way notices write them', () => {
    expect(formatDateZh('2026-12-03')).toBe('2026年12月3日');
    expect(formatDateZh('2027-01-10')).toBe('2027年1月10日');
  });
});
