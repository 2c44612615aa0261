import { describe, expect, it } from '@jest/globals';
import { SEED_HEADERS } from './fixtures/seed-phrases.js';
import { IMPORT_HEADER_SYNONYMS, isLeadColumn, resolveImportColumns, type ImportField } from './import-columns.js';

describe('resolveImportColumns on the seed tables’ header rows', () => {
  it.each(SEED_HEADERS.map((f) => [f.source, f] as const))('%s', (_label, f) => {
    expect(resolveImportColumns(f.headers)).toEqual({ columns: f.expected, unknown: f.unknown, missingRequired: f.missingRequired });
  });
});

describe('resolveImportColumns details', () => {
  it('knows every synonym the brief lists', () => {
    const brief: [string, ImportField][] = [
      ['序号', 'seq'], ['改革事项', 'name'], ['任务内容', 'name'], ['工作任务', 'name'], ['制度创新成果名称', 'name'], ['事项名称', 'name'],
      ['案例名称', 'name'], ['负责部门', 'departments'], ['负责单位', 'departments'], ['牵头实施部门', 'departments'], ['牵头部门', 'departments'],
      ['推广范围', 'scope'], ['适用范围', 'scope'], ['时限', 'deadline'], ['时间进度', 'deadline'], ['时间节点', 'deadline'], ['推广时间', 'deadline'],
      ['完成时限', 'deadline'], ['可检验成果', 'outcome'], ['主要内容', 'content'], ['创新点', 'content'], ['具体任务', 'content'], ['领域', 'domain'],
      ['类别', 'domain'], ['发布文件', 'sourceDocument'],
    ];
    for (const [header, field] of brief) {
      expect(IMPORT_HEADER_SYNONYMS[field]).toContain(header);
      expect(resolveImportColumns([header]).columns).toEqual({ [field]: 0 });
    }
  });

  it('normalises headers: spaces, line breaks, full-width letters, notes and colons', () => {
    const r = resolveImportColumns([' 序 号 ', '改革\n事项', '负责部门（单位）', '推广范围：', '时限*']);
    expect(r.columns).toEqual({ seq: 0, name: 1, departments: 2, scope: 3, deadline: 4 });
    expect(r.unknown).toEqual([]);
  });

  it('falls back to a synonym inside a longer header when only one field fits', () => {
    expect(resolveImportColumns(['改革事项名称', '牵头部门及参与部门', '完成时限要求']).columns).toEqual({ name: 0, departments: 1, deadline: 2 });
  });

  it('keeps the first column for a field and reports the second as unknown', () => {
    const r = resolveImportColumns(['负责部门', '负责单位', '备注', '']);
    expect(r.columns).toEqual({ departments: 0 });
    expect(r.unknown).toEqual(['负责单位', '备注']);
    expect(r.missingRequired).toEqual(['name']);
  });
});

describe('isLeadColumn', () => {
  it('tells a 牵头部门 column from a 负责部门 one (a note about the first listed does not make it one)', () => {
    for (const h of ['牵头部门', '牵头单位', '牵头实施部门', '牵头部门：']) expect(isLeadColumn(h)).toBe(true);
    for (const h of ['负责部门', '责任单位', '负责部门（排第一位的为牵头部门）', '改革事项']) expect(isLeadColumn(h)).toBe(false);
  });
});
