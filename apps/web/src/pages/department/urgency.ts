import { formatDate } from '@/utils/format';

/** The urgency buckets of a department's open tasks, as 工作台 counts them and 我的任务 filters them. */
export const URGENCIES = ['overdue', 'due14', 'quarter'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, string> = { overdue: '已逾期', due14: '14天内到期', quarter: '本季度到期' };

/** What GET /api/tasks needs for a bucket (the api decides overdue and due-soon against the province's today). */
export interface UrgencyQuery {
  overdue?: boolean;
  dueWithinDays?: number;
}

/** Calendar days from `today` to the last day of its quarter (0 on that day). */
export function daysToQuarterEnd(today: Date): number {
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const quarterEnd = Date.UTC(today.getFullYear(), Math.floor(today.getMonth() / 3) * 3 + 3, 0);
  return Math.round((quarterEnd - start) / 86_400_000);
}

export function urgencyQuery(urgency: Urgency, today: Date): UrgencyQuery {
  switch (urgency) {
    case 'overdue':
      return { overdue: true };
    case 'due14':
      return { dueWithinDays: 14 };
    case 'quarter':
      return { dueWithinDays: daysToQuarterEnd(today) };
  }
}

/** A bucket named in the URL (?urgency=), or null for anything else. */
export function parseUrgency(value: unknown): Urgency | null {
  return URGENCIES.includes(value as Urgency) ? (value as Urgency) : null;
}

/** "截止 2026-12-31 前" for the hint under a bucket. */
export function quarterEndText(today: Date): string {
  const end = new Date(today.getFullYear(), Math.floor(today.getMonth() / 3) * 3 + 3, 0);
  return `截止 ${formatDate(end)} 前`;
}
