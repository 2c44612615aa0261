import { describe, expect, it } from 'vitest';
import { daysToQuarterEnd, parseUrgency, quarterEndText, urgencyQuery } from './urgency';

describe('urgency buckets', () => {
  it('counts calendar days to the end of the quarter, 0 on its last day', () => {
    expect(daysToQuarterEnd(new Date(2026, 10, 26))).toBe(35);
    expect(daysToQuarterEnd(new Date(2026, 11, 31))).toBe(0);
    expect(daysToQuarterEnd(new Date(2026, 0, 1))).toBe(89);
    expect(daysToQuarterEnd(new Date(2024, 1, 29))).toBe(31);
  });

  it('turns each bucket into the task list filter', () => {
    const today = new Date(2026, 10, 26);
    expect(urgencyQuery('overdue', today)).toEqual({ overdue: true });
    expect(urgencyQuery('due14', today)).toEqual({ dueWithinDays: 14 });
    expect(urgencyQuery('quarter', today)).toEqual({ dueWithinDays: 35 });
    expect(quarterEndText(today)).toBe('截止 2026-12-31 前');
  });

  it('accepts only known buckets from the URL', () => {
    expect(parseUrgency('due14')).toBe('due14');
    expect(parseUrgency('soon')).toBeNull();
    expect(parseUrgency(undefined)).toBeNull();
  });
});
