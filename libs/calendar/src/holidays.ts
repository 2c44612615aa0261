import { createRequire } from 'node:module';
import { EXTRA_HOLIDAY_ARRANGEMENTS } from './holidays-extra.js';
import { assertIsoDate, dayOfWeek } from './iso-date.js';

/**
 * Where a year's working-day calendar comes from:
 * - official: the State Council arrangement (chinese-days, or an official entry in holidays-extra)
 * - provisional: statutory holidays only, the year's arrangement has not been published/entered
 * - weekends-only: no holiday data at all; Monday–Friday are working days
 */
export type HolidayCoverage = 'official' | 'provisional' | 'weekends-only';

export interface DayInfo {
  date: string;
  working: boolean;
  /** 调休 weekend working day (补班). */
  adjustedWorkday: boolean;
  /** Chinese holiday name for days off and for 调休 working days, e.g. 国庆节. */
  holiday?: string;
}

interface YearTable {
  coverage: HolidayCoverage;
  daysOff: Map<string, string>;
  workdays: Map<string, string>;
}

/**
 * The arrangement tables come from the JSON file chinese-days ships (documented in its
 * README), not from its functions: those parse 'YYYY-MM-DD' as UTC midnight and read the
 * result back in host-local time, which shifts every holiday one day early on a host west
 * of UTC. The JSON was generated once, with correct dates, and is free of that.
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function loadChineseDays(): ChineseDaysData {
  const data: unknown = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
  const ok = (v: unknown) => typeof v === 'object' && v !== null;
  if (!ok(data) || !ok((data as ChineseDaysData).holidays) || !ok((data as ChineseDaysData).workdays)) {
    throw new Error('chinese-days/dist/chinese-days.json does not have the expected { holidays, workdays } shape');
  }
  return data as ChineseDaysData;
}

const chineseDays = loadChineseDays();
const officialYears = new Set(Object.keys(chineseDays.holidays).map((d) => Number(d.slice(0, 4))));

// chinese-days shortens some names; use the ones the State Council notices use.
const OFFICIAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** chinese-days names look like "National Day,国庆节,3"; keep the Chinese. */
function chineseName(libName: string): string {
  const zh = libName.split(',')[1] ?? libName;
  return OFFICIAL_NAMES[zh] ?? zh;
}

function entriesOfYear(table: Record<string, string>, year: number): [string, string][] {
  const prefix = `${year}-`;
  return Object.entries(table).filter(([date]) => date.startsWith(prefix));
}

function buildYear(year: number): YearTable {
  const daysOff = new Map<string, string>();
  const workdays = new Map<string, string>();

  if (officialYears.has(year)) {
    for (const [date, name] of entriesOfYear(chineseDays.holidays, year)) daysOff.set(date, chineseName(name));
    for (const [date, name] of entriesOfYear(chineseDays.workdays, year)) workdays.set(date, chineseName(name));
    return { coverage: 'official', daysOff, workdays };
  }

  const extra = EXTRA_HOLIDAY_ARRANGEMENTS.find((a) => a.year === year);
  if (extra) {
    for (const [date, name] of Object.entries(extra.holidays)) daysOff.set(date, name);
    for (const [date, name] of Object.entries(extra.workdays)) workdays.set(date, name);
    return { coverage: extra.status, daysOff, workdays };
  }

  return { coverage: 'weekends-only', daysOff, workdays };
}

const tables = new Map<number, YearTable>();

function yearTable(year: number): YearTable {
  let table = tables.get(year);
  if (!table) {
    table = buildYear(year);
    tables.set(year, table);
  }
  return table;
}

export function holidayCoverage(year: number): HolidayCoverage {
  if (!Number.isInteger(year)) throw new RangeError(`holidayCoverage: year must be an integer (got ${year})`);
  return yearTable(year).coverage;
}

export function describeDay(date: string): DayInfo {
  assertIsoDate(date);
  const table = yearTable(Number(date.slice(0, 4)));
  const workdayName = table.workdays.get(date);
  if (workdayName !== undefined) return { date, working: true, adjustedWorkday: true, holiday: workdayName };
  const offName = table.daysOff.get(date);
  if (offName !== undefined) return { date, working: false, adjustedWorkday: false, holiday: offName };
  const dow = dayOfWeek(date);
  return { date, working: dow !== 0 && dow !== 6, adjustedWorkday: false };
}
