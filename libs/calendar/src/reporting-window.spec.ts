import { describe, expect, it } from '@jest/globals';
import { parsePeriod } from './periods.js';
import { DEFAULT_REPORTING_WINDOW, reportingWindow } from './reporting-window.js';

describe('reporting windows', () => {
  it('default: opens on the 20th of the last month, closes on the 5th working day of the next quarter', () => {
    expect(DEFAULT_REPORTING_WINDOW).toEqual({ opensDayOfLastMonth: 20, closesWorkingDayOfNextQuarter: 5 });
    const w = reportingWindow(parsePeriod('2026Q1'));
    expect(w.period.key).toBe('2026Q1');
    expect(w.opens).toBe('2026-03-20'); // Friday
    // 4-1, 4-2, 4-3, (清明 4-4..4-6), 4-7, 4-8
    expect(w.closes).toBe('2026-04-08');
  });

  it('2026Q3 opens on the 调休 Sunday 9-20 and closes after the National Day week', () => {
    const w = reportingWindow(parsePeriod('2026Q3'));
    expect(w.opens).toBe('2026-09-20');
    // 10-8, 10-9, 10-10 (调休 Saturday), 10-12, 10-13
    expect(w.closes).toBe('2026-10-13');
  });

  it('an opening date on a weekend moves to the next working day', () => {
    expect(reportingWindow(parsePeriod('2026Q4')).opens).toBe('2026-12-21'); // 12-20 is a Sunday
    expect(reportingWindow(parsePeriod('2026Q2')).opens).toBe('2026-06-22'); // 6-20 is a Saturday
  });

  it('2026Q4 closes in January 2027, skipping 元旦', () => {
    expect(reportingWindow(parsePeriod('2026Q4')).closes).toBe('2027-01-08');
  });

  it('is configurable', () => {
    const w = reportingWindow(parsePeriod('2025Q4'), { opensDayOfLastMonth: 25, closesWorkingDayOfNextQuarter: 10 });
    expect(w.opens).toBe('2025-12-25');
    // 2026: 1-1..1-3 off, 1-4 (Sunday) worked
    expect(w.closes).toBe('2026-01-15');
  });

  it('rejects bad configs', () => {
    const p = parsePeriod('2026Q1');
    expect(() => reportingWindow(p, { opensDayOfLastMonth: 31, closesWorkingDayOfNextQuarter: 5 })).toThrow(/opensDayOfLastMonth/);
    expect(() => reportingWindow(p, { opensDayOfLastMonth: 0, closesWorkingDayOfNextQuarter: 5 })).toThrow(/opensDayOfLastMonth/);
    expect(() => reportingWindow(p, { opensDayOfLastMonth: 20, closesWorkingDayOfNextQuarter: 0 })).toThrow(/closesWorkingDayOfNextQuarter/);
    expect(() => reportingWindow(p, { opensDayOfLastMonth: 20, closesWorkingDayOfNextQuarter: 2.5 })).toThrow(/closesWorkingDayOfNextQuarter/);
  });

  it('opens never after it closes, even when the 30th falls in the National Day break', () => {
    const w = reportingWindow(parsePeriod('2026Q3'), { opensDayOfLastMonth: 30, closesWorkingDayOfNextQuarter: 1 });
    expect(w.opens).toBe('2026-09-30');
    expect(w.closes).toBe('2026-10-08');
    for (const key of ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4']) {
      const win = reportingWindow(parsePeriod(key), { opensDayOfLastMonth: 30, closesWorkingDayOfNextQuarter: 1 });
      expect(win.opens <= win.closes).toBe(true);
    }
  });
});
