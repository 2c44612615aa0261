import { describe, expect, it } from '@jest/globals';
import { noticeTitle } from './notice-text.js';
import { plannedNotices, type PlannedNotice } from './schedule.js';

const dueDate = '2026-12-03';
const name = '推行企业名称自主申报制度';
const planned = plannedNotices({ dueDate }, '2026-11-01');
const byKey = (key: string): PlannedNotice => {
  const n = planned.find((p) => p.key === key);
  if (!n) throw new Error(`no notice ${key}`);
  return n;
};

describe('noticeTitle', () => {
  it('before due', () => {
    expect(noticeTitle(byKey('before_due:7'), name, dueDate)).toBe('【提醒】“推行企业名称自主申报制度”将于2026年12月3日到期（还有7天）');
    expect(noticeTitle(byKey('before_due:1'), name, dueDate)).toBe('【提醒】“推行企业名称自主申报制度”将于2026年12月3日到期（还有1天）');
  });

  it('counts the days left from the day it is actually sent', () => {
    // T-7 sent a day late after an outage
    expect(noticeTitle(byKey('before_due:7'), name, dueDate, '2026-11-27')).toContain('（还有6天）');
    // T-14 moved off the Mid-Autumn holiday onto Monday 9-28 for a 10-09 deadline
    const [moved] = plannedNotices({ dueDate: '2026-10-09' }, '2026-09-01');
    expect(noticeTitle(moved!, name, '2026-10-09')).toBe('【提醒】“推行企业名称自主申报制度”将于2026年10月9日到期（还有11天）');
  });

  it('on the due day', () => {
    expect(noticeTitle(byKey('due_day:0'), name, dueDate)).toBe('【提醒】“推行企业名称自主申报制度”今天（2026年12月3日）到期');
  });

  it('overdue, with the level of the ladder step', () => {
    expect(noticeTitle(byKey('overdue:0'), name, dueDate)).toBe('【提醒】“推行企业名称自主申报制度”已逾期1个工作日（到期日：2026年12月3日）');
    expect(noticeTitle(byKey('overdue:3'), name, dueDate)).toBe('【催办】“推行企业名称自主申报制度”已逾期3个工作日（到期日：2026年12月3日）');
    expect(noticeTitle(byKey('overdue:7'), name, dueDate)).toMatch(/^【督办】“推行企业名称自主申报制度”已逾期7个工作日/);
    expect(noticeTitle(byKey('overdue:14'), name, dueDate)).toMatch(/^【督办】.*已逾期14个工作日/);
  });

  it('states the real delay when an overdue step goes out late', () => {
    expect(noticeTitle(byKey('overdue:3'), name, dueDate, '2026-12-10')).toContain('已逾期5个工作日');
  });

  it('says just 已逾期 when no working day has passed yet', () => {
    expect(noticeTitle(byKey('overdue:0'), name, dueDate, '2026-12-03')).toBe('【提醒】“推行企业名称自主申报制度”已逾期（到期日：2026年12月3日）');
  });

  it('trims the subject name', () => {
    expect(noticeTitle(byKey('due_day:0'), `  ${name}\n`, dueDate)).toContain(`“${name}”`);
  });
});
