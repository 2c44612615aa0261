import { describe, expect, it } from 'vitest';
import { schedulingQuarters } from './quarters';

describe('schedulingQuarters', () => {
  const today = new Date(2026, 10, 26);

  it('offers the current quarter first and the seven before it, across years', () => {
    expect(schedulingQuarters(today, null)).toEqual({
      options: ['2026Q4', '2026Q3', '2026Q2', '2026Q1', '2025Q4', '2025Q3', '2025Q2', '2025Q1'],
      selected: '2026Q4',
    });
  });

  it('selects a quarter asked for in the URL, adding an older one in order', () => {
    expect(schedulingQuarters(today, '2026Q2').selected).toBe('2026Q2');
    const old = schedulingQuarters(today, '2023Q3', 3);
    expect(old).toEqual({ options: ['2026Q4', '2026Q3', '2026Q2', '2023Q3'], selected: '2023Q3' });
  });

  it('falls back to the current quarter for a future or malformed period', () => {
    for (const asked of ['2027Q1', '2026-Q4', '2026Q5', '']) expect(schedulingQuarters(today, asked).selected).toBe('2026Q4');
  });
});
