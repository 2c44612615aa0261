import { addDays, assertIsoDate, daysInMonth } from './iso-date.js';

export type Quarter = 1 | 2 | 3 | 4;

/** A reporting period of the quarterly scheduling (每季度定期调度). */
export interface Period {
  key: string;
  year: number;
  quarter: Quarter;
  start: string;
  end: string;
}

const PERIOD_KEY = /^(\d{4})Q([1-4])$/;
const QUARTER_ZH = ['一', '二', '三', '四'] as const;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function makePeriod(year: number, quarter: Quarter): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    key: `${year}Q${quarter}`,
    year,
    quarter,
    start: `${year}-${pad2(firstMonth)}-01`,
    end: `${year}-${pad2(lastMonth)}-${pad2(daysInMonth(year, lastMonth))}`,
  };
}

export function isPeriodKey(value: unknown): value is string {
  return typeof value === 'string' && PERIOD_KEY.test(value);
}

/** Strict on purpose: the key is stored and compared as text, so '2026q3' or '2026-Q3' must not slip in. */
export function parsePeriod(key: string): Period {
  const m = typeof key === 'string' ? PERIOD_KEY.exec(key) : null;
  if (!m) {
    throw new RangeError(
      `报告期格式无效：${JSON.stringify(key)}，应为“年份+Q+季度”，如 2026Q3 / invalid period key ${JSON.stringify(key)}, expected YYYYQn with n in 1–4, e.g. 2026Q3`,
    );
  }
  return makePeriod(Number(m[1]), Number(m[2]) as Quarter);
}

export function periodOf(date: string): Period {
  assertIsoDate(date);
  const month = Number(date.slice(5, 7));
  return makePeriod(Number(date.slice(0, 4)), (Math.floor((month - 1) / 3) + 1) as Quarter);
}

export function previousPeriod(p: Period): Period {
  return periodOf(addDays(p.start, -1));
}

export function nextPeriod(p: Period): Period {
  return periodOf(addDays(p.end, 1));
}

/** 2026Q3 → 2026年第三季度 */
export function periodLabel(p: Period): string {
  return `${p.year}年第${QUARTER_ZH[p.quarter - 1]}季度`;
}
