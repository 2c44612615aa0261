/** Dates as the provinces write them in ledgers: yyyy-mm-dd (local time for timestamps). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** yyyy-mm-dd hh:mm for events (history, notices). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2026Q4" → "2026年第四季度". */
export function periodLabel(period: string | null | undefined): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period ?? '');
  if (!m) return period ?? '—';
  return `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度`;
}

/** The quarter a date falls in, as the api writes periods ("2026Q4"). */
export function quarterOf(date: Date = new Date()): string {
  return `${date.getFullYear()}Q${Math.floor(date.getMonth() / 3) + 1}`;
}

/** Working days left or overdue, as a clerk says it. */
export function workingDaysText(left: number | null | undefined, overdue: number | null | undefined): string {
  if (overdue != null && overdue > 0) return `逾期 ${overdue} 个工作日`;
  if (left === 0) return '今天到期';
  if (left != null) return `剩 ${left} 个工作日`;
  return '—';
}
