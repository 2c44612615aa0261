import { describe, expect, it } from '@jest/globals';
import { SEED_SCOPES } from './fixtures/seed-phrases.js';
import { parseScope, placeStem } from './scope.js';

describe('parseScope on every seed phrase', () => {
  it.each(SEED_SCOPES.map((f) => [JSON.stringify(f.text), f] as const))('%s', (_label, f) => {
    const r = parseScope(f.text, f.defaultScope !== undefined ? { defaultScope: f.defaultScope } : {});
    expect({ kind: r.kind, regions: r.regions, label: r.label, note: r.note }).toEqual(f.expected);
    expect(r.text).toBe(f.text ?? '');
  });
});

describe('parseScope details', () => {
  it('reads the other spellings of the fixed scopes', () => {
    expect(parseScope('在全国范围内复制推广').kind).toBe('national');
    expect(parseScope('全国其他海关特殊监管区域').kind).toBe('special_customs_zone');
    expect(parseScope('全省海关特殊监管区域').kind).toBe('special_customs_zone');
    expect(parseScope('自由贸易试验区').kind).toBe('ftz');
    expect(parseScope('沿海省份').kind).toBe('coastal');
    expect(parseScope('全省范围').kind).toBe('province');
  });

  it('keeps an open list open', () => {
    const r = parseScope('天津、上海等地');
    expect(r).toMatchObject({ kind: 'regions', regions: ['天津', '上海'], label: '天津、上海' });
    expect(r.note).toContain('名单可能未列全');
  });

  it('accepts bare city names only when told they are places', () => {
    expect(parseScope('青岛、烟台').kind).toBe('unparsed');
    expect(parseScope('青岛、烟台', { knownPlaces: ['青岛市', '烟台市'] })).toMatchObject({ kind: 'regions', regions: ['青岛', '烟台'] });
  });

  it('applies the default to an empty cell', () => {
    expect(parseScope(null, { defaultScope: '海关特殊监管区域' })).toMatchObject({ kind: 'special_customs_zone', text: '', note: null });
    expect(parseScope(undefined, { defaultScope: '全省' })).toMatchObject({ kind: 'province' });
    expect(parseScope('   ', { defaultScope: '全国' }).kind).toBe('national');
  });

  it('refuses what it cannot read', () => {
    expect(parseScope('特定区域')).toMatchObject({ kind: 'unparsed', regions: [], note: '推广范围无法识别：“特定区域”', label: '特定区域', unknown: ['特定区域'] });
    expect(parseScope('中西部地区').kind).toBe('unparsed');
    expect(parseScope('全国和沿海地区').kind).toBe('national'); // 全国 already covers the coast
    expect(parseScope('')).toMatchObject({ kind: 'unparsed', note: '推广范围为空' });
    expect(parseScope(null)).toMatchObject({ kind: 'unparsed', text: '' });
    expect(parseScope('（在具备条件的地区推广）')).toMatchObject({ kind: 'unparsed', note: '在具备条件的地区推广；推广范围仅有备注，未写明范围' });
  });

  it('strips place suffixes for comparison', () => {
    expect(placeStem('山东省')).toBe('山东');
    expect(placeStem('青岛市')).toBe('青岛');
    expect(placeStem('广西壮族自治区')).toBe('广西');
    expect(placeStem('新疆维吾尔自治区')).toBe('新疆');
    expect(placeStem('沙市')).toBe('沙市');
  });
});
