import { describe, expect, it } from '@jest/globals';
import { isPeriodKey, nextPeriod, parsePeriod, periodLabel, periodOf, previousPeriod } from './periods.js';

describe('periods', () => {
  it('parses a quarter key', () => {
    expect(parsePeriod('2026Q3')).toEqual({ key: '2026Q3', year: 2026, quarter: 3, start: '2026-07-01', end: '2026-09-30' });
    expect(parsePeriod('2026Q1').end).toBe('2026-03-31');
    expect(parsePeriod('2026Q2').end).toBe('2026-06-30');
    expect(parsePeriod('2026Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
  });

  it.each(['2026Q5', '2026Q0', '26Q1', '2026q1', '2026-Q1', ' 2026Q1', '', 'Q3'])('rejects %p with a bilingual RangeError', (key) => {
    expect(() => parsePeriod(key)).toThrow(RangeError);
    expect(() => parsePeriod(key)).toThrow(/报告期格式无效.*invalid period key/);
  });

  it('rejects non-strings', () => {
    expect(() => parsePeriod(undefined as unknown as string)).toThrow(RangeError);
    expect(isPeriodKey(20263)).toBe(false);
    expect(isPeriodKey('2026Q3')).toBe(true);
  });

  it('finds the period of a date', () => {
    expect(periodOf('2026-01-01').key).toBe('2026Q1');
    expect(periodOf('2026-03-31').key).toBe('2026Q1');
    expect(periodOf('2026-04-01').key).toBe('2026Q2');
    expect(periodOf('2026-09-30').key).toBe('2026Q3');
    expect(periodOf('2026-12-31').key).toBe('2026Q4');
  });

  it('steps across year boundaries', () => {
    expect(previousPeriod(parsePeriod('2026Q1')).key).toBe('2025Q4');
    expect(nextPeriod(parsePeriod('2026Q4')).key).toBe('2027Q1');
    expect(nextPeriod(parsePeriod('2026Q2')).key).toBe('2026Q3');
    expect(previousPeriod(parsePeriod('2026Q3')).key).toBe('2026Q2');
  });

  it('has a Chinese label', () => {
    expect(periodLabel(parsePeriod('2026Q3'))).toBe('2026年第三季度');
  });
});
