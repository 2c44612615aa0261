import { describe, expect, it } from '@jest/globals';
import { evaluateScope, type ScopeRegion } from './applicability.js';
import { parseScope } from './scope.js';

const region = (code: string, name: string, flags: Partial<ScopeRegion> = {}): ScopeRegion => ({
  code,
  name,
  level: 'city',
  coastal: false,
  hasFtz: false,
  hasSpecialCustomsZone: false,
  ...flags,
});

const shandong = region('370000', '山东省', { level: 'province', coastal: true, hasFtz: true, hasSpecialCustomsZone: true });
const sdCities = [
  region('370100', '济南市', { hasFtz: true, hasSpecialCustomsZone: true }),
  region('370200', '青岛市', { coastal: true, hasFtz: true, hasSpecialCustomsZone: true }),
  region('370600', '烟台市', { coastal: true, hasFtz: true, hasSpecialCustomsZone: true }),
  region('371600', '滨州市', { coastal: true }),
  region('371300', '临沂市', { hasSpecialCustomsZone: true }),
  region('370900', '泰安市'),
];
const allSd = sdCities.map((c) => c.code);

const shanxi = region('140000', '山西省', { level: 'province' });
const sxCities = [region('140100', '太原市'), region('140200', '大同市')];

describe('evaluateScope', () => {
  it('national and province scopes cover every city', () => {
    expect(evaluateScope(parseScope('全国'), shandong, sdCities)).toEqual({ applies: true, reason: null, pending: null, cityCodes: allSd });
    expect(evaluateScope(parseScope('全省'), shandong, sdCities)).toEqual({ applies: true, reason: null, pending: null, cityCodes: allSd });
  });

  it('FTZ scope needs an FTZ and keeps only FTZ cities', () => {
    expect(evaluateScope(parseScope('自贸试验区'), shandong, sdCities)).toEqual({ applies: true, reason: null, pending: null, cityCodes: ['370100', '370200', '370600'] });
    expect(evaluateScope(parseScope('全国自贸试验区'), shanxi, sxCities)).toEqual({ applies: false, reason: '推广范围为自贸试验区，山西省无自贸试验区', pending: null, cityCodes: [] });
  });

  it('coastal scope needs a coast', () => {
    expect(evaluateScope(parseScope('沿海地区'), shandong, sdCities).cityCodes).toEqual(['370200', '370600', '371600']);
    expect(evaluateScope(parseScope('沿海地区'), shanxi, sxCities)).toEqual({ applies: false, reason: '推广范围为沿海地区，山西省非沿海', pending: null, cityCodes: [] });
  });

  it('customs-zone scopes need a special customs supervision zone', () => {
    const cities = ['370100', '370200', '370600', '371300'];
    expect(evaluateScope(parseScope('海关特殊监管区域'), shandong, sdCities).cityCodes).toEqual(cities);
    expect(evaluateScope(parseScope('实行通关一体\n\n化的海关特殊\n\n监管区域'), shandong, sdCities).cityCodes).toEqual(cities);
    expect(evaluateScope(parseScope('全国海关特殊监管区域'), shanxi, sxCities)).toEqual({
      applies: false,
      reason: '推广范围为海关特殊监管区域，山西省无海关特殊监管区域',
      pending: null,
      cityCodes: [],
    });
    expect(evaluateScope(parseScope('实行通关一体化的海关特殊监管区域'), shanxi, sxCities).reason).toBe(
      '推广范围为实行通关一体化的海关特殊监管区域，山西省无海关特殊监管区域',
    );
  });

  it('a listed province, with or without 省, covers all its cities', () => {
    expect(evaluateScope(parseScope('天津、山东、海南'), shandong, sdCities)).toEqual({ applies: true, reason: null, pending: null, cityCodes: allSd });
    expect(evaluateScope(parseScope('山东省、河南省'), shandong, sdCities).cityCodes).toEqual(allSd);
  });

  it('listed cities, with or without 市, cover only those cities', () => {
    expect(evaluateScope(parseScope('上海市、青岛市、烟台市'), shandong, sdCities)).toEqual({ applies: true, reason: null, pending: null, cityCodes: ['370200', '370600'] });
    expect(evaluateScope(parseScope('青岛、烟台', { knownPlaces: ['青岛', '烟台'] }), shandong, sdCities).cityCodes).toEqual(['370200', '370600']);
  });

  it('a list without the province or its cities does not apply', () => {
    expect(evaluateScope(parseScope('天津、上海、海南、重庆'), shandong, sdCities)).toEqual({
      applies: false,
      reason: '推广范围为天津、上海、海南、重庆，山东省及其下辖地区不在其中',
      pending: null,
      cityCodes: [],
    });
  });

  it('an unreadable scope is kept for the coordinator to decide, naming the words', () => {
    const pending = '推广范围无法识别：“特定区域”，请确认是否适用';
    expect(evaluateScope(parseScope('特定区域'), shanxi, sxCities)).toEqual({ applies: true, reason: pending, pending, cityCodes: ['140100', '140200'] });
  });

  it('handles a province without cities', () => {
    expect(evaluateScope(parseScope('全国'), shandong, [])).toEqual({ applies: true, reason: null, pending: null, cityCodes: [] });
  });
});
