import { describeDay } from './holidays.js';
import { addDays, fromDayNumber, toDayNumber } from './iso-date.js';

export function isWorkingDay(date: string): boolean {
  return describeDay(date).working;
}

export function nextWorkingDay(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/**
 * The date n working days after `date`, not counting `date` itself — so the result is
 * always a working day for n ≥ 1, and `date` unchanged for n = 0. Mirrors
 * workingDaysBetween: workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a non-negative integer (got ${n})`);
  let d = toDayNumber(date);
  for (let left = n; left > 0; ) {
    d += 1;
    if (isWorkingDay(fromDayNumber(d))) left -= 1;
  }
  return fromDayNumber(d);
}

// The calendar is fixed once loaded, and the days asked about cluster around today: each title of an overdue
// notice counts up to ~50 days, and formatting then parsing every one of them was most of a notice's CPU time.
const workingByDayNumber = new Map<number, boolean>();

function isWorkingDayNumber(day: number): boolean {
  let working = workingByDayNumber.get(day);
  if (working === undefined) {
    working = isWorkingDay(fromDayNumber(day));
    workingByDayNumber.set(day, working);
  }
  return working;
}

/** Working days in (from, to]: how many working days have passed since `from` by the end of `to`. */
export function workingDaysBetween(from: string, to: string): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  let count = 0;
  for (let d = start + 1; d <= end; d += 1) {
    if (isWorkingDayNumber(d)) count += 1;
  }
  return count;
}
