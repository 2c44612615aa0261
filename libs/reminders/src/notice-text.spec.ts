import { describe, expect, it } from '@jest/globals';
import { parsePeriod } from '#libs/calendar';
import { deadlineBody, reportDueText, reportMissingSummaryText, reportMissingText, shortName } from './notice-text.js';

describe('notice texts', () => {
  it('shortens long names to one line', () => {
    expect(shortName('  推行\n企业名称  自主申报 ')).toBe('推行 企业名称 自主申报');
    expect(shortName('甲'.repeat(100), 10)).toBe(`${'甲'.repeat(9)}…`);
  });

  it('writes a deadline body with the task, milestone, department, due date, addressee and link', () => {
    const body = deadlineBody('【催办】…', { recipient: 'head', level: 'urge' }, {
      taskName: '国际贸易单一窗口',
      milestoneTitle: '出台实施方案',
      departmentName: '省商务厅',
      dueDate: '2026-12-03',
      statusLabel: '推进中',
      link: 'https://ftz.example.gov.cn/tasks/t1',
    });
    expect(body.split('\n')).toEqual([
      '【催办】…',
      '',
      '任务：国际贸易单一窗口',
      '时间节点：出台实施方案',
      '牵头部门：省商务厅',
      '到期日：2026年12月3日',
      '当前状态：推进中',
      '提醒对象：负责人（催办）',
      '',
      '请登录系统查看并更新进展：https://ftz.example.gov.cn/tasks/t1',
    ]);
  });

  it('lists the tasks to report and the departments that did not', () => {
    const p = parsePeriod('2026Q4');
    const tasks = [{ name: '事项甲', dueDate: '2027-06-30', link: 'L1' }, { name: '事项乙', dueDate: null, link: 'L2' }];
    const due = reportDueText(p, '2027-01-08', tasks);
    expect(due.title).toBe('【提醒】2026年第四季度进展情况报送已开始，请于2027年1月8日前报送2项任务');
    expect(due.body).toContain('1. 事项甲（到期日：2027年6月30日）L1');
    expect(due.body).toContain('2. 事项乙（持续实施/无固定期限）L2');
    expect(reportMissingText(p, tasks.slice(1)).title).toBe('【催办】2026年第四季度进展情况报送已截止，尚有1项任务未报送');
    const summary = reportMissingSummaryText(p, [{ name: '省市场监管局', missing: 3 }], 'L');
    expect(summary.title).toBe('【提醒】2026年第四季度进展情况报送已截止，1个部门未按时报送');
    expect(summary.body).toContain('1. 省市场监管局（3项）');
  });
});
