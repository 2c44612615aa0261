import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REPORTING_WINDOW } from '#libs/calendar';
import { quarterlyPhase } from './quarterly.js';

const phase = (today: string) => {
  const p = quarterlyPhase(today, DEFAULT_REPORTING_WINDOW);
  return { open: p.open ? `${p.open.period.key}..${p.open.closes}` : null, closed: p.closed?.key ?? null };
};

describe(quarterlyPhase.name, () => {
  it('has nothing to do in the middle of a quarter', () => {
    expect(phase('2026-11-26')).toEqual({ open: null, closed: null });
  });

  it('opens the window on the first working day from the 20th of the quarter’s last month', () => {
    // 2026-12-20 is a Sunday: the Q4 window opens on Monday 12-21 and closes on the 5th working day of 2027.
    expect(phase('2026-12-20')).toEqual({ open: null, closed: null });
    expect(phase('2026-12-21')).toEqual({ open: '2026Q4..2027-01-08', closed: null });
  });

  it('keeps the window open into the next quarter and chases missing reports for 5 working days after it closes', () => {
    expect(phase('2027-01-08')).toEqual({ open: '2026Q4..2027-01-08', closed: null });
    expect(phase('2027-01-09')).toEqual({ open: null, closed: '2026Q4' });
    expect(phase('2027-01-15')).toEqual({ open: null, closed: '2026Q4' });
    expect(phase('2027-01-18')).toEqual({ open: null, closed: null });
  });

  it('counts the Q3 close in working days past the National Day break', () => {
    expect(phase('2026-10-13')).toEqual({ open: '2026Q3..2026-10-13', closed: null });
    expect(phase('2026-10-14')).toEqual({ open: null, closed: '2026Q3' });
  });
});
