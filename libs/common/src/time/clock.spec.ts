import { describe, expect, it } from '@jest/globals';
import { FixedClock, shanghaiDate } from './clock.js';

describe('shanghaiDate', () => {
  it('turns the date at midnight Beijing time, 16:00 UTC the day before', () => {
    expect(shanghaiDate(new Date('2026-11-25T15:59:59.999Z'))).toBe('2026-11-25');
    expect(shanghaiDate(new Date('2026-11-25T16:00:00.000Z'))).toBe('2026-11-26');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2028-02-28T16:30:00Z'))).toBe('2028-02-29');
  });

  it('agrees with the IANA time zone over the years the product covers', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2014, 0, 1); t < Date.UTC(2036, 0, 1); t += 7 * 3600_000 + 13 * 60_000) {
      expect(shanghaiDate(new Date(t))).toBe(zone.format(new Date(t)));
    }
  });

  it('gives a clock its today', () => {
    expect(new FixedClock(new Date('2026-11-26T02:00:00Z')).today()).toBe('2026-11-26');
  });
});
