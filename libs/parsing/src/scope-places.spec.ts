import { describe, expect, it } from '@jest/globals';
import { evaluateScope } from './applicability.js';
import { nationalGazetteer as gazetteer, provinceWithUnits } from './fixtures/national-gazetteer.js';
import { parseScope } from './scope.js';

const read = (text: string | null, defaultScope?: string) => parseScope(text, { gazetteer, ...(defaultScope !== undefined ? { defaultScope } : {}) });
const reach = (text: string) => read(text).places.map((p) => [p.name, p.reach]);
const evaluate = (text: string, province: string) => {
  const { province: p, units } = provinceWithUnits(province);
  return evaluateScope(read(text), p, units);
};

describe('parseScope with the national gazetteer', () => {
  it('reads full and short names of provinces, cities and counties', () => {
    expect(reach('大连')).toEqual([['大连市', [{ provinceCode: '210000', unitCodes: ['210200'] }]]]);
    expect(reach('大连市')).toEqual(reach('大连'));
    expect(read('内蒙古、广西').places.map((p) => p.name)).toEqual(['内蒙古自治区', '广西壮族自治区']);
    expect(read('恩施州').places[0]).toMatchObject({ name: '恩施土家族苗族自治州', kind: 'city' });
    expect(reach('平潭县')).toEqual([['平潭县', [{ provinceCode: '350000', unitCodes: ['350100'] }]]]);
    expect(reach('济源')).toEqual([['济源市', [{ provinceCode: '410000', unitCodes: ['419001'] }]]]);
    expect(read('吉林').places[0]).toMatchObject({ name: '吉林省', kind: 'province' }); // the province before the city of the same name
  });

  it('reads lists separated by 、，, 及 和 以及, with the province before a city', () => {
    expect(read('辽宁省、大连市及厦门').regions).toEqual(['辽宁省', '大连市', '厦门']);
    expect(read('天津、上海以及海南和重庆').places.map((p) => p.name)).toEqual(['天津市', '上海市', '海南省', '重庆市']);
    expect(read('大连，厦门,青岛').regions).toEqual(['大连', '厦门', '青岛']);
    expect(read('辽宁省大连市').places[0]).toMatchObject({ name: '大连市', written: '辽宁省大连市' });
    expect(read('和田地区').places[0]).toMatchObject({ name: '和田地区' }); // 和 inside a name is not a joiner
  });

  it('reads zones: FTZs, their areas, special customs zones, new areas, and named groups', () => {
    expect(reach('中国（辽宁）自由贸易试验区大连片区')).toEqual([['中国（辽宁）自由贸易试验区大连片区', [{ provinceCode: '210000', unitCodes: ['210200'] }]]]);
    expect(reach('辽宁自贸试验区')).toEqual([['中国（辽宁）自由贸易试验区', [{ provinceCode: '210000', unitCodes: ['210100', '210200', '210800'] }]]]);
    expect(reach('青岛前湾综合保税区')).toEqual([['青岛前湾综合保税区', [{ provinceCode: '370000', unitCodes: ['370200'] }]]]);
    expect(reach('浦东新区')).toEqual([['浦东新区', [{ provinceCode: '310000', unitCodes: ['310115'] }]]]);
    expect(reach('雄安新区')).toEqual([['河北雄安新区', [{ provinceCode: '130000', unitCodes: ['130600'] }]]]);
    expect(read('沿海开放城市').places[0]!.reach).toHaveLength(10); // 14 cities in 10 provinces
    expect(read('中国（上海）自由贸易试验区临港新片区').places[0]).toMatchObject({ kind: 'zone', reach: [{ provinceCode: '310000', unitCodes: ['310115'] }] });
  });

  it('mixes kinds of area and places', () => {
    expect(read('自贸试验区和海关特殊监管区域')).toMatchObject({ kind: 'mixed', areas: ['ftz', 'special_customs_zone'], places: [] });
    expect(read('自贸试验区及大连')).toMatchObject({ kind: 'mixed', areas: ['ftz'], regions: ['大连'], label: '自贸试验区、大连' });
  });

  it('keeps bracket notes as notes and voluntary wording as the condition', () => {
    expect(read('大连（涉及港口的事项）')).toMatchObject({ kind: 'regions', note: '涉及港口的事项', condition: null });
    expect(read('有意愿的地区')).toMatchObject({ kind: 'national', condition: '有意愿的地区' });
    expect(read('全国（可结合当地实际）')).toMatchObject({ kind: 'national', condition: '可结合当地实际' });
    expect(read('自贸试验区（论证后按程序办理）')).toMatchObject({ kind: 'ftz', condition: '论证后按程序办理' });
    expect(read('择优选择部分地区先行探索')).toMatchObject({ kind: 'unparsed', condition: '择优选择部分地区先行探索' });
    expect(read('全国（除海南外）')).toMatchObject({ kind: 'national', condition: '除海南外' }); // an exception is read by a person
  });

  it('refuses what it cannot read, naming the words, and ambiguous names', () => {
    expect(read('某某试点地区')).toMatchObject({ kind: 'unparsed', unknown: ['某某试点地区'] });
    expect(read('大连、某某地')).toMatchObject({ kind: 'unparsed', unknown: ['某某地'] });
    const ambiguous = read('鼓楼区');
    expect(ambiguous.kind).toBe('unparsed');
    expect(ambiguous.unknown[0]).toContain('“鼓楼区”可指鼓楼区（江苏省南京市）、鼓楼区（江苏省徐州市）');
  });

  it('applies a readable default scope to an empty cell', () => {
    expect(read('', '大连')).toMatchObject({ kind: 'regions', regions: ['大连'] });
    expect(read(null, '某某地').kind).toBe('unparsed');
  });
});

describe('evaluateScope with places and zones', () => {
  it('a named city brings in its province and rolls out only to that city', () => {
    expect(evaluate('大连、厦门', '辽宁')).toEqual({ applies: true, reason: null, pending: null, cityCodes: ['210200'] });
    expect(evaluate('大连、厦门', '福建')).toEqual({ applies: true, reason: null, pending: null, cityCodes: ['350200'] });
    expect(evaluate('大连、厦门', '山东')).toMatchObject({ applies: false, reason: '推广范围为大连、厦门，山东省及其下辖地区不在其中' });
  });

  it('a zone never stands for its whole province or city', () => {
    expect(evaluate('青岛前湾综合保税区', '山东').cityCodes).toEqual(['370200']);
    expect(evaluate('中国（山东）自由贸易试验区', '山东').cityCodes).toEqual(['370100', '370200', '370600']);
    expect(evaluate('浦东新区', '上海').cityCodes).toEqual(['310115']);
    expect(evaluate('沿海开放城市', '山东').cityCodes).toEqual(['370200', '370600']);
  });

  it('a named province covers all its units', () => {
    const { units } = provinceWithUnits('内蒙古');
    expect(evaluate('内蒙古', '内蒙古').cityCodes).toHaveLength(units.length);
  });

  it('voluntary wording and unreadable text make the item pending, never applied silently', () => {
    expect(evaluate('有意愿的地区', '山东')).toMatchObject({ applies: true, pending: '推广范围含自愿或附条件的表述：“有意愿的地区”，请确认是否适用' });
    expect(evaluate('沿海地区（有意愿的）', '河南')).toMatchObject({ applies: false, pending: null });
    expect(evaluate('某某试点地区', '河南')).toMatchObject({ applies: true, pending: '推广范围无法识别：“某某试点地区”，请确认是否适用' });
  });
});
