import { describe, expect, it } from '@jest/globals';
import { placeAliases, shortPlaceName } from './place-names.js';

describe('shortPlaceName', () => {
  it.each([
    ['山东省', '山东'],
    ['北京市', '北京'],
    ['内蒙古自治区', '内蒙古'],
    ['广西壮族自治区', '广西'],
    ['宁夏回族自治区', '宁夏'],
    ['新疆维吾尔自治区', '新疆'],
    ['西藏自治区', '西藏'],
    ['香港特别行政区', '香港'],
    ['大连市', '大连'],
    ['恩施土家族苗族自治州', '恩施'],
    ['黔东南苗族侗族自治州', '黔东南'],
    ['巴音郭楞蒙古自治州', '巴音郭楞'],
    ['海西蒙古族藏族自治州', '海西'],
    ['伊犁哈萨克自治州', '伊犁'],
    ['大兴安岭地区', '大兴安岭'],
    ['锡林郭勒盟', '锡林郭勒'],
    ['长阳土家族自治县', '长阳'],
    ['龙胜各族自治县', '龙胜'],
    ['察布查尔锡伯自治县', '察布查尔'],
    ['莫力达瓦达斡尔族自治旗', '莫力达瓦'],
    ['鄂伦春自治旗', '鄂伦春自治旗'],
    ['黄岛区', '黄岛'],
    ['即墨区', '即墨'],
    ['平潭县', '平潭'],
    ['城区', '城区'],
    ['滨海新区', '滨海新区'],
    ['浦东新区', '浦东新区'],
    ['神农架林区', '神农架林区'],
    ['沙市区', '沙市'],
  ])('%s → %s', (name, short) => {
    expect(shortPlaceName(name)).toBe(short);
  });
});

describe('placeAliases', () => {
  it('gives the short name and, for an autonomous prefecture or county, the 州 / 县 form', () => {
    expect(placeAliases('恩施土家族苗族自治州')).toEqual(['恩施', '恩施州']);
    expect(placeAliases('长阳土家族自治县')).toEqual(['长阳', '长阳县']);
    expect(placeAliases('大连市')).toEqual(['大连']);
    expect(placeAliases('滨海新区')).toEqual([]);
  });
});
