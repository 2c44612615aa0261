import { describe, expect, it } from 'vitest';
import { noticeTarget } from './notice-target';

describe('noticeTarget', () => {
  it('opens the task of a notice about a task', () => {
    expect(noticeTarget({ taskId: 'abc', link: 'https://ftz.example.gov.cn/tasks/abc' })).toEqual({ path: '/tasks/abc', label: '查看任务' });
  });
  it('opens the report page a link names, keeping its quarter, whatever host the link was built with', () => {
    expect(noticeTarget({ taskId: null, link: 'https://ftz.example.gov.cn/my-reports?period=2026Q4' })).toEqual({ path: '/my-reports?period=2026Q4', label: '去报送' });
    expect(noticeTarget({ taskId: null, link: 'http://localhost:3000/reports?period=2026Q3' })).toEqual({ path: '/reports?period=2026Q3', label: '查看调度' });
  });
  it('follows nothing else', () => {
    expect(noticeTarget({ taskId: null, link: null })).toBeNull();
    expect(noticeTarget({ taskId: null, link: 'https://elsewhere.example.com/dashboard' })).toBeNull();
    expect(noticeTarget({})).toBeNull();
  });
});
