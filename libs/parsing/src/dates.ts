/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so a server's time zone cannot shift a day. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isValidIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(s: string): [number, number, number] {
  const m = ISO.exec(s);
  if (!m || !isValidIsoDate(s)) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Adding months clamps to the month's last day (01-31 + 1 month = 02-28), as people count deadlines. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function isWeekday(date: string): boolean {
  const [y, m, d] = parts(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The n-th working day after `date` (the start day itself does not count). */
export function addWorkdays(date: string, n: number, isWorkday: (date: string) => boolean = isWeekday): string {
  let cur = date;
  let left = n;
  // A year of non-working days would mean a broken calendar; stop rather than loop forever.
  for (let guard = 0; left > 0 && guard < n + 400; guard++) {
    cur = addDays(cur, 1);
    if (isWorkday(cur)) left--;
  }
  return cur;
}
