import type { components } from '@/api/schema';

export type LadderStep = components['schemas']['LadderStepView'];
export type Recipient = LadderStep['recipient'];
export type Level = LadderStep['level'];

export const RECIPIENT_LABELS: Record<Recipient, string> = { liaison: '联络员', head: '负责人', coordinator: '协调机制办公室', leader: '领导' };
export const LEVEL_LABELS: Record<Level, string> = { remind: '提醒', urge: '催办', supervise: '督办' };
/** Escalating order, as the api checks it: a ladder may not step down from 督办 to 提醒. */
const LEVEL_ORDER: Level[] = ['remind', 'urge', 'supervise'];

/**
 * What is wrong with a reminder config, in Chinese, or null. The same checks as the api's validateReminderConfig
 * (whose messages are technical), so the clerk reads which row to fix before saving.
 */
export function reminderConfigProblem(offsets: number[], ladder: LadderStep[]): string | null {
  const repeatedOffset = offsets.find((o, i) => offsets.indexOf(o) !== i);
  if (repeatedOffset !== undefined) return `到期前 ${repeatedOffset} 天的提醒重复了`;
  const repeatedStep = ladder.find((s, i) => ladder.findIndex((t) => t.afterWorkingDays === s.afterWorkingDays) !== i);
  if (repeatedStep) return `逾期 ${repeatedStep.afterWorkingDays} 个工作日的升级重复了，每个天数只能有一级`;
  const sorted = sortLadder(ladder);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (LEVEL_ORDER.indexOf(cur.level) < LEVEL_ORDER.indexOf(prev.level)) {
      return `逾期 ${cur.afterWorkingDays} 个工作日的“${LEVEL_LABELS[cur.level]}”低于之前的“${LEVEL_LABELS[prev.level]}”，升级只能逐级提高`;
    }
  }
  return null;
}

export function sortLadder(ladder: LadderStep[]): LadderStep[] {
  return [...ladder].sort((a, b) => a.afterWorkingDays - b.afterWorkingDays);
}

/** "到期前 14、7、3、1 天及到期日当天" — how the offsets read in a sentence. */
export function offsetsText(offsets: number[]): string {
  if (!offsets.length) return '不提前提醒';
  const before = [...offsets].filter((o) => o > 0).sort((a, b) => b - a);
  const dueDay = offsets.includes(0) ? '到期日当天' : '';
  if (!before.length) return dueDay;
  return `到期前 ${before.join('、')} 天${dueDay ? `及${dueDay}` : ''}`;
}
