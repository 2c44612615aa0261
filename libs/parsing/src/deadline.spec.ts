import { describe, expect, it } from '@jest/globals';
import { extractMilestones, findDeadlineHits, parseDeadline } from './deadline.js';
import { SEED_DEADLINES, SEED_MILESTONE_PARAGRAPHS, UNPARSEABLE_DEADLINES } from './fixtures/seed-phrases.js';

describe('parseDeadline on every seed phrase', () => {
  it.each(SEED_DEADLINES.map((f) => [JSON.stringify(f.text).slice(0, 60), f] as const))('%s', (_label, f) => {
    const r = parseDeadline(f.text, f.documentDate ? { documentDate: f.documentDate } : {});
    expect({ kind: r.kind, date: r.date, startOnly: r.startOnly }).toEqual(f.expected);
    expect(r.text).toBe(f.text);
  });
});

describe('parseDeadline details', () => {
  it('keeps the original text untouched', () => {
    const text = '2015 年\n\n6 月 30日前';
    expect(parseDeadline(text).text).toBe(text);
  });

  it('explains 2—3年内 as counted from the document date', () => {
    const r = parseDeadline('2—3年内', { documentDate: '2014-12-21' });
    expect(r).toMatchObject({ kind: 'relative', date: '2017-12-21' });
    expect(r.note).toContain('以文件日期起算3年');
    const noDate = parseDeadline('2—3年内');
    expect(noDate).toMatchObject({ kind: 'relative', date: null });
    expect(noDate.note).toContain('未提供文件日期');
  });

  it('notes the decision on 2020年之前', () => {
    const r = parseDeadline('2020年之前，省直信源单位全部接入');
    expect(r.date).toBe('2020-12-31');
    expect(r.note).toContain('按2020年年底计');
  });

  it('marks a start as startOnly, with a note', () => {
    const r = parseDeadline('2015 年上半年启动');
    expect(r).toMatchObject({ kind: 'date', date: '2015-06-30', startOnly: true });
    expect(r.note).toContain('启动时间');
    expect(parseDeadline('2015年下半年启动')).toMatchObject({ date: '2015-12-31', startOnly: true });
    expect(parseDeadline('2015年起')).toMatchObject({ date: '2015-01-01', startOnly: true });
  });

  it('notes that a bare year is the year of publication', () => {
    expect(parseDeadline('2020年').note).toContain('按该年年底计');
  });

  it('reads other calendar forms', () => {
    expect(parseDeadline('2016年6月底前').date).toBe('2016-06-30');
    expect(parseDeadline('2016年2月底前').date).toBe('2016-02-29');
    expect(parseDeadline('2016年6月中旬').date).toBe('2016-06-20');
    expect(parseDeadline('2016年第三季度').date).toBe('2016-09-30');
    expect(parseDeadline('2016年3季度末前').date).toBe('2016-09-30');
    expect(parseDeadline('2017年末').date).toBe('2017-12-31');
    expect(parseDeadline('2015-2017年')).toMatchObject({ kind: 'date', date: '2017-12-31' });
    expect(parseDeadline('到2020年，全省有3家海关特殊监管区域进出口总值排名跻身全国前十位').date).toBe('2020-12-31');
  });

  it('reads relative periods in days, weeks, months and working days', () => {
    const doc = { documentDate: '2016-11-02' };
    expect(parseDeadline('30日内', doc).date).toBe('2016-12-02');
    expect(parseDeadline('两周内', doc).date).toBe('2016-11-16');
    expect(parseDeadline('一年内', doc).date).toBe('2017-11-02');
    expect(parseDeadline('六个月内', doc).date).toBe('2017-05-02');
    expect(parseDeadline('5个工作日内', doc).date).toBe('2016-11-09');
    expect(parseDeadline('5个工作日内', doc).note).toContain('未计法定节假日');
    expect(parseDeadline('年内', doc)).toMatchObject({ kind: 'relative', date: '2016-12-31' });
    expect(parseDeadline('年内')).toMatchObject({ kind: 'relative', date: null });
  });

  it('uses an injected working-day calendar', () => {
    const holidays = new Set(['2016-11-03', '2016-11-04']);
    const isWorkday = (d: string) => !holidays.has(d) && new Date(d + 'T00:00:00Z').getUTCDay() % 6 !== 0;
    expect(parseDeadline('2个工作日内', { documentDate: '2016-11-02', isWorkday }).date).toBe('2016-11-08');
  });

  it('returns the latest of several dates and says so', () => {
    const r = parseDeadline('2015年年底前出台规划；2016年6月30日前完成一期；2016年年底前实现互联互通');
    expect(r.date).toBe('2016-12-31');
    expect(r.note).toContain('含3个时间节点');
  });

  it('prefers a completion over a start on the same day', () => {
    expect(parseDeadline('2015年上半年启动，2015年6月30日前完成')).toMatchObject({ date: '2015-06-30', startOnly: false });
  });

  it('ignores periods in brackets, lists of report years and edition years', () => {
    expect(parseDeadline('2015年年底前出台全省社会信用体系建设规划（2015-2020 年）').date).toBe('2015-12-31');
    expect(parseDeadline('于2015年6月30日前，向工商部门报送2013年、2014年年度报告并公示').date).toBe('2015-06-30');
    expect(parseDeadline('《外商投资准入特别管理措施（负面清单）（2020年版）》').kind).toBe('unparsed');
  });

  it('separates ongoing from conditional', () => {
    expect(parseDeadline('持续实施').kind).toBe('ongoing');
    expect(parseDeadline('常态化推进').kind).toBe('ongoing');
    expect(parseDeadline('结合扩大开放情况').kind).toBe('conditional');
    expect(parseDeadline('条件成熟时推广').kind).toBe('conditional');
    expect(parseDeadline('根据国家部署').kind).toBe('conditional');
  });

  it('ignores a documentDate that is not a date', () => {
    expect(parseDeadline('3个月内', { documentDate: '2015/01/01' })).toMatchObject({ kind: 'relative', date: null });
  });
});

describe('parseDeadline refusals', () => {
  it.each(UNPARSEABLE_DEADLINES.map((f) => [JSON.stringify(f.text), f] as const))('%s stays unparsed', (_label, f) => {
    const r = parseDeadline(f.text);
    expect(r.kind).toBe('unparsed');
    expect(r.date).toBeNull();
    expect(r.startOnly).toBe(false);
    expect(r.note).toBeTruthy();
  });

  it('says why', () => {
    expect(parseDeadline('').note).toBe('时限为空');
    expect(parseDeadline('尽快').note).toBe('未识别到时间表述');
    expect(parseDeadline('2015年13月').note).toBe('含无法识别的时间表述，未作推断');
  });
});

describe('findDeadlineHits', () => {
  it('gives offsets into the normalised text without overlaps', () => {
    const hits = findDeadlineHits('2015年年底前出台；2016年6月30日前完成');
    expect(hits.map((h) => [h.matched, h.date])).toEqual([
      ['2015年年底前', '2015-12-31'],
      ['2016年6月30日前', '2016-06-30'],
    ]);
    expect(hits[1]!.start).toBe('2015年年底前出台；'.length);
  });
});

describe('extractMilestones on the 时间节点 paragraphs of 鲁政办发〔2015〕21号', () => {
  it.each(SEED_MILESTONE_PARAGRAPHS.map((f, i) => [i + 1, f] as const))('paragraph %i', (_i, f) => {
    const ms = extractMilestones(f.text);
    expect(ms.map((m) => ({ date: m.deadline.date, kind: m.deadline.kind }))).toEqual(f.expected.map((e) => ({ date: e.date, kind: e.kind })));
    ms.forEach((m, k) => expect(m.title.startsWith(f.expected[k]!.titleStartsWith)).toBe(true));
    expect(parseDeadline(f.text).date).toBe(f.latest);
  });

  it('splits the example from the brief into four dated milestones with clause titles', () => {
    const ms = extractMilestones(
      '一是 2015 年年底前出台规划。二是加强平台建设。2016 年 6 月 30 日前，完成第一期平台建设；2020 年之前，省直信源单位全部接入共享平台。',
    );
    expect(ms).toHaveLength(3);
    expect(ms[0]).toMatchObject({ title: '2015年年底前出台规划', deadline: { date: '2015-12-31' } });
    expect(ms[1]).toMatchObject({ title: '加强平台建设。2016年6月30日前，完成第一期平台建设', deadline: { date: '2016-06-30' } });
    expect(ms[2]).toMatchObject({ title: '2020年之前，省直信源单位全部接入共享平台', deadline: { date: '2020-12-31' } });
  });

  it('keeps every title inside the paragraph and loses no text', () => {
    for (const f of SEED_MILESTONE_PARAGRAPHS) {
      const flat = extractMilestones(f.text).map((m) => m.title).join('');
      const source = f.text.replace(/\s+/g, '').replace(/^时间节点：/, '').replace(/[一二三四五六七八九十]是/g, '').replace(/[。；，]/g, '');
      expect(flat.replace(/[。；，]/g, '')).toBe(source);
    }
  });

  it('passes the document date on to relative milestones', () => {
    const ms = extractMilestones('一是3个月内出台办法。二是2—3年内全面推开。', { documentDate: '2014-12-21' });
    expect(ms.map((m) => m.deadline.date)).toEqual(['2015-03-21', '2017-12-21']);
  });

  it('returns one milestone for a cell with a single date or none', () => {
    expect(extractMilestones('持续实施')).toEqual([{ title: '持续实施', deadline: expect.objectContaining({ kind: 'ongoing' }) }]);
    expect(extractMilestones('')).toEqual([]);
  });
});
