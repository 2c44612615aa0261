import { describe, expect, it } from 'vitest';
import { offsetsText, reminderConfigProblem, sortLadder, type LadderStep } from './reminder-rules';
import { temporaryPassword } from './temporary-password';

const ladder: LadderStep[] = [
  { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
  { afterWorkingDays: 3, recipient: 'head', level: 'urge' },
  { afterWorkingDays: 7, recipient: 'coordinator', level: 'supervise' },
];

describe('reminderConfigProblem', () => {
  it('accepts an escalating ladder in any row order', () => {
    expect(reminderConfigProblem([14, 7, 0], [ladder[2], ladder[0], ladder[1]])).toBeNull();
  });
  it('names a repeated offset and a repeated ladder day', () => {
    expect(reminderConfigProblem([7, 3, 7], ladder)).toBe('到期前 7 天的提醒重复了');
    expect(reminderConfigProblem([7], [...ladder, { afterWorkingDays: 3, recipient: 'leader', level: 'supervise' }])).toContain('逾期 3 个工作日的升级重复了');
  });
  it('refuses a ladder that steps down', () => {
    expect(reminderConfigProblem([7], [...ladder, { afterWorkingDays: 10, recipient: 'leader', level: 'remind' }])).toBe('逾期 10 个工作日的“提醒”低于之前的“督办”，升级只能逐级提高');
  });
});

describe('sortLadder and offsetsText', () => {
  it('orders steps by working days without touching the input', () => {
    const input = [ladder[2], ladder[0]];
    expect(sortLadder(input).map((s) => s.afterWorkingDays)).toEqual([0, 7]);
    expect(input[0]).toBe(ladder[2]);
  });
  it('reads the offsets as a sentence', () => {
    expect(offsetsText([0, 3, 14])).toBe('到期前 14、3 天及到期日当天');
    expect(offsetsText([7])).toBe('到期前 7 天');
    expect(offsetsText([0])).toBe('到期日当天');
    expect(offsetsText([])).toBe('不提前提醒');
  });
});

describe('temporaryPassword', () => {
  it('always has upper, lower, digit and symbol, 12 characters, no look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const pw = temporaryPassword();
      expect(pw).toHaveLength(12);
      for (const re of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(pw).toMatch(re);
      expect(pw).not.toMatch(/[0O1lI]/);
    }
  });
});
