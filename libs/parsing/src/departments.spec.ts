import { describe, expect, it } from '@jest/globals';
import { canonicalDepartmentName, DEPARTMENT_ALIASES, matchDepartments, parseDepartments, type KnownDepartment } from './departments.js';
import { SEED_DEPARTMENTS } from './fixtures/seed-phrases.js';

describe('parseDepartments on every seed phrase', () => {
  it.each(SEED_DEPARTMENTS.map((f) => [JSON.stringify(f.text).slice(0, 60), f] as const))('%s', (_label, f) => {
    const r = parseDepartments(f.text);
    expect({ lead: r.lead, participants: r.participants, openGroup: r.openGroup, openGroupText: r.openGroupText }).toEqual(f.expected);
    expect(r.text).toBe(f.text);
  });
});

describe('parseDepartments details', () => {
  it('reports joint leads', () => {
    expect(parseDepartments('财政部、税务总局牵头，商务部参加')).toMatchObject({ lead: '财政部', coLeads: ['税务总局'], participants: ['税务总局', '商务部'] });
    expect(parseDepartments('商务部牵头，财政部参加').coLeads).toEqual([]);
  });

  it('reads a lead-department cell naming several departments (、，；) as the lead and co-leads', () => {
    for (const text of ['省商务厅、省市场监管局牵头', '省商务厅、省市场监管局', '省商务厅，省市场监管局', '省商务厅；省市场监管局', '省商务厅;省市场监管局']) {
      expect(parseDepartments(text, { leadColumn: true })).toMatchObject({ lead: '省商务厅', coLeads: ['省市场监管局'], participants: ['省市场监管局'] });
    }
    expect(parseDepartments('省商务厅、省市场监管局、省财政厅', { leadColumn: true }).coLeads).toEqual(['省市场监管局', '省财政厅']);
    // Role words still decide: a department written as taking part does not lead, in any column.
    expect(parseDepartments('省商务厅牵头，省财政厅参加', { leadColumn: true })).toMatchObject({ lead: '省商务厅', coLeads: [], participants: ['省财政厅'] });
    expect(parseDepartments('省商务厅、有关部门', { leadColumn: true })).toMatchObject({ lead: '省商务厅', coLeads: [], openGroupText: '有关部门' });
    // Under 负责部门 the first listed leads and the others take part (排第一位的部门为牵头部门).
    expect(parseDepartments('省商务厅、省市场监管局')).toMatchObject({ lead: '省商务厅', coLeads: [], participants: ['省市场监管局'] });
  });

  it('reads "X会同Y负责" as co-leads, and "会同有关部门" as an open group beside the lead', () => {
    expect(parseDepartments('海关总署会同商务部负责')).toMatchObject({ lead: '海关总署', coLeads: ['商务部'], participants: ['商务部'], openGroup: false });
    expect(parseDepartments('省商务厅会同省发展改革委、省财政厅')).toMatchObject({ lead: '省商务厅', coLeads: ['省发展改革委', '省财政厅'] });
    expect(parseDepartments('商务部会同有关部门负责')).toMatchObject({ lead: '商务部', coLeads: [], participants: [], openGroup: true, openGroupText: '有关部门' });
    expect(parseDepartments('海关总署负责')).toMatchObject({ lead: '海关总署', participants: [] });
  });

  it('reads "国务院有关部门", "省直有关部门" as open groups, not department names', () => {
    expect(parseDepartments('国务院有关部门')).toMatchObject({ lead: null, participants: [], openGroup: true, openGroupText: '国务院有关部门' });
    expect(parseDepartments('商务部、国务院有关部门')).toMatchObject({ lead: '商务部', participants: [], openGroup: true, openGroupText: '国务院有关部门' });
    expect(parseDepartments('省商务厅牵头，省直有关部门参加')).toMatchObject({ lead: '省商务厅', participants: [], openGroup: true, openGroupText: '省直有关部门' });
    expect(parseDepartments('有关部门')).toMatchObject({ lead: null, openGroup: true });
  });

  it('uses the department before 牵头 as lead even when it is not written first', () => {
    expect(parseDepartments('财政部参加，商务部牵头')).toMatchObject({ lead: '商务部', participants: ['财政部'] });
  });

  it('de-duplicates', () => {
    expect(parseDepartments('商务部、海关总署、商务部、海关总署').participants).toEqual(['海关总署']);
  });

  it('strips a 负责单位 label and the 下同 note', () => {
    expect(parseDepartments('负责单位：省编办、省法制办（排第一位的部门为牵头部门，下同）。')).toMatchObject({ lead: '省编办', participants: ['省法制办'] });
  });

  it('keeps other bracketed text as part of the name', () => {
    expect(parseDepartments('省政府办公厅（省政务服务中心管理办公室）、省商务厅').lead).toBe('省政府办公厅（省政务服务中心管理办公室）');
  });

  it('tells a broken name from one name per line', () => {
    expect(parseDepartments('人力资源社会\n保障部\n商务部')).toMatchObject({ lead: '人力资源社会保障部', participants: ['商务部'] });
    expect(parseDepartments('发展改革\n委')).toMatchObject({ lead: '发展改革委', participants: [] });
  });

  it('does not read 高等 as an open group', () => {
    expect(parseDepartments('省教育厅、各高等院校')).toMatchObject({ lead: '省教育厅', participants: ['各高等院校'], openGroup: false });
  });

  it('returns an empty result for empty input', () => {
    expect(parseDepartments('')).toMatchObject({ lead: null, participants: [], openGroup: false, openGroupText: null });
  });
});

describe('DEPARTMENT_ALIASES', () => {
  it('maps the historic names in the seed tables to current bodies', () => {
    expect(DEPARTMENT_ALIASES['市场监管总局']).toEqual(expect.arrayContaining(['工商总局', '国家工商总局', '质检总局', '国家市场监督管理总局']));
    expect(DEPARTMENT_ALIASES['海关总署']).toContain('海关');
    expect(canonicalDepartmentName('银监会')).toBe('金融监管总局');
    expect(canonicalDepartmentName('环境保护部')).toBe('生态环境部');
    expect(canonicalDepartmentName('省工商局')).toBe('省市场监管局');
    expect(canonicalDepartmentName('商务部')).toBe('商务部');
    expect(canonicalDepartmentName('青岛海关')).toBeNull();
  });

  it('never lists one alias under two bodies', () => {
    const seen = new Map<string, string>();
    for (const [canonical, aliases] of Object.entries(DEPARTMENT_ALIASES)) {
      for (const a of [canonical, ...aliases]) {
        expect(seen.get(a) ?? canonical).toBe(canonical);
        seen.set(a, canonical);
      }
    }
  });
});

describe('matchDepartments', () => {
  const k = (id: string, name: string, aliases: string[] = []): KnownDepartment => ({ id, name, aliases });
  const national = [
    k('mofcom', '商务部'),
    k('gacc', '海关总署'),
    k('samr', '国家市场监督管理总局', ['市场监管总局']),
    k('pbc', '中国人民银行'),
    k('cnipa', '国家知识产权局'),
    k('nfra', '金融监管总局'),
  ];
  const shandong = [k('sd-mofcom', '省商务厅'), k('sd-finance', '省财政厅'), k('sd-samr', '省市场监管局'), k('sd-cnipa', '省知识产权局'), k('qd-customs', '青岛海关')];

  it('matches exact names first', () => {
    expect(matchDepartments(['商务部'], national)).toEqual([{ input: '商务部', department: national[0], via: 'name' }]);
  });

  it('uses the department’s own aliases', () => {
    expect(matchDepartments(['市场监管总局'], national)[0]).toMatchObject({ department: { id: 'samr' }, via: 'alias' });
  });

  it('uses the alias table for historic names', () => {
    const r = matchDepartments(['工商总局', '质检总局', '人民银行', '银监会', '知识产权局', '海关'], national);
    expect(r.map((m) => [m.department?.id ?? null, m.via])).toEqual([
      ['samr', 'alias'],
      ['samr', 'alias'],
      ['pbc', 'alias'],
      ['nfra', 'alias'],
      ['cnipa', 'alias'],
      ['gacc', 'alias'],
    ]);
    expect(matchDepartments(['省工商局', '省质监局'], shandong).map((m) => m.department?.id)).toEqual(['sd-samr', 'sd-samr']);
  });

  it('drops a 国家/省 prefix only within the same level', () => {
    expect(matchDepartments(['山东省财政厅'], shandong, { province: '山东省' })[0]).toMatchObject({ department: { id: 'sd-finance' }, via: 'name' });
    expect(matchDepartments(['省财政厅'], shandong)[0]).toMatchObject({ department: { id: 'sd-finance' }, via: 'name' });
    // Without knowing whose 省财政厅 the list holds, a named province is not assumed to be it.
    expect(matchDepartments(['山东省财政厅'], shandong)[0]!.department).toBeNull();
    expect(matchDepartments(['山东省商务厅'], shandong)[0]).toMatchObject({ department: { id: 'sd-mofcom' }, via: 'alias' });
    expect(matchDepartments(['中华人民共和国商务部'], national)[0]).toMatchObject({ department: { id: 'mofcom' } });
    // A bare 知识产权局 is the national one; it must not fall to the provincial bureau.
    expect(matchDepartments(['知识产权局'], shandong)[0]!.department).toBeNull();
    expect(matchDepartments(['广东省财政厅'], shandong, { province: '山东' })[0]!.department).toBeNull();
  });

  it('normalises the input before matching', () => {
    expect(matchDepartments(['人力资源社会\n保障部'], [k('mohrss', '人力资源社会保障部')])[0]).toMatchObject({ department: { id: 'mohrss' }, via: 'name' });
  });

  it('returns null for unknown departments, never a guess', () => {
    const r = matchDepartments(['济南海关', '省口岸办', '', '商务'], [...national, ...shandong]);
    expect(r.map((m) => [m.department, m.via])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('returns null when two known departments would match', () => {
    const twice = [k('a', '国家统计分析局'), k('b', '中国统计分析局')];
    expect(matchDepartments(['统计分析局'], twice)[0]!.department).toBeNull();
  });
});
