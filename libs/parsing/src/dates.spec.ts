import { describe, expect, it } from '@jest/globals';
import { addDays, addMonths, addWorkdays, addYears, daysInMonth, isValidIsoDate } from './dates.js';

describe('dates', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2016, 2)).toBe(29);
    expect(daysInMonth(2015, 2)).toBe(28);
    expect(daysInMonth(2015, 6)).toBe(30);
  });

  it('validates YYYY-MM-DD', () => {
    expect(isValidIsoDate('2015-06-30')).toBe(true);
    expect(isValidIsoDate('2015-06-31')).toBe(false);
    expect(isValidIsoDate('2015-6-30')).toBe(false);
  });

  it('adds years and months, clamping to the month end', () => {
    expect(addYears('2014-12-21', 3)).toBe('2017-12-21');
    expect(addYears('2016-02-29', 1)).toBe('2017-02-28');
    expect(addMonths('2015-01-31', 1)).toBe('2015-02-28');
    expect(addMonths('2014-12-21', 3)).toBe('2015-03-21');
  });

  it('adds days across a year end', () => {
    expect(addDays('2015-12-30', 3)).toBe('2016-01-02');
  });

  it('counts working days, weekends only by default, or with an injected calendar', () => {
    // 2016-11-02 is a Wednesday.
    expect(addWorkdays('2016-11-02', 3)).toBe('2016-11-07');
    const noFridays = (d: string) => !['2016-11-04'].includes(d) && new Date(d + 'T00:00:00Z').getUTCDay() % 6 !== 0;
    expect(addWorkdays('2016-11-02', 2, noFridays)).toBe('2016-11-07');
  });

  it('rejects a malformed date', () => {
    expect(() => addDays('2015/06/30', 1)).toThrow(RangeError);
  });
});
