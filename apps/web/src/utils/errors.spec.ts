import { describe, expect, it } from 'vitest';
import { ApiFailure } from '@/api/failure';
import { chinesePart, errorText } from './errors';

describe('chinesePart', () => {
  it('keeps the Chinese of a bilingual message and drops the English detail', () => {
    expect(chinesePart('任务不存在 (task not found)')).toBe('任务不存在');
    expect(chinesePart('截止日期格式应为 YYYY-MM-DD (dueDate must be a date)')).toBe('截止日期格式应为 YYYY-MM-DD');
  });
  it('joins several messages with a Chinese semicolon and leaves out English-only ones', () => {
    expect(chinesePart('标题不能为空 (title is required); dueDate must be a date in the form YYYY-MM-DD')).toBe('标题不能为空');
    expect(chinesePart('文号已存在 (exists); 标题不能为空 (required)')).toBe('文号已存在；标题不能为空');
  });
  it('answers null when there is no Chinese at all', () => {
    expect(chinesePart('dueDate must be a date in the form YYYY-MM-DD')).toBeNull();
  });
  it('keeps parentheses that are part of the Chinese', () => {
    expect(chinesePart('请填写牵头部门（省级）')).toBe('请填写牵头部门（省级）');
  });
});

describe('errorText', () => {
  it('names the field in Chinese when the validator spoke English', () => {
    const failure = new ApiFailure(400, { statusCode: 400, message: 'dueDate must be a date', errors: [{ field: 'dueDate', messages: ['dueDate must be a date'] }] });
    expect(errorText(failure, { dueDate: '截止日期' })).toBe('“截止日期”填写有误');
  });
  it('prefers the api’s own Chinese field message', () => {
    const failure = new ApiFailure(400, { statusCode: 400, message: 'x', errors: [{ field: 'title', messages: ['标题不能为空 (title is required)'] }] });
    expect(errorText(failure)).toBe('标题不能为空');
  });
  it('falls back to a sentence by status, with the error id of a server error', () => {
    expect(errorText(new ApiFailure(403, { statusCode: 403, message: 'Forbidden resource' }))).toBe('您没有权限进行此操作');
    expect(errorText(new ApiFailure(500, { statusCode: 500, message: 'internal error', errorId: 'e-42' }))).toBe('服务器出错，请稍后重试（错误编号 e-42）');
    expect(errorText(new Error('boom'))).toBe('操作失败，请稍后重试');
  });
});
