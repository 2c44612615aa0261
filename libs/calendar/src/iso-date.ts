/**
 * Plain calendar dates as `YYYY-MM-DD` strings. Deadlines in the source documents are
 * calendar dates, not instants, so arithmetic runs on day numbers in UTC where no
 * daylight-saving or host time zone can shift a date by one.
 */

export const PROVINCE_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function assertIsoDate(value: unknown, name = 'date'): asserts value is string {
  if (!isIsoDate(value)) {
    throw new RangeError(`日期格式无效：${name}=${JSON.stringify(value)}，应为 YYYY-MM-DD / invalid ${name} ${JSON.stringify(value)}, expected YYYY-MM-DD`);
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 — the common currency of every date calculation here. */
export function toDayNumber(date: string): number {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer (got ${n})`);
  return fromDayNumber(toDayNumber(date) + n);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant as seen in the province. Servers run in UTC, so
 * `now.toISOString().slice(0, 10)` would still say "yesterday" until 08:00 Beijing time.
 */
export function localDate(now: Date, timeZone: string = PROVINCE_TIME_ZONE): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError(`localDate: invalid Date ${String(now)}`);
  }
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  // formatToParts rather than format(): the en-CA output shape is locale data, not a contract.
  const parts = Object.fromEntries(fmt.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 2026-12-03 → 2026年12月3日, the form used in notices and official documents. */
export function formatDateZh(date: string): string {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
