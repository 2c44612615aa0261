import { describe, expect, it } from '@jest/globals';
import { chineseNumberToInt, normaliseKey, normaliseText, toHalfWidthAlnum } from './normalise.js';

describe('normaliseText', () => {
  it('removes the spaces PDF text puts between numbers and 年/月/日', () => {
    expect(normaliseText('2015 年 6 月 30日前')).toBe('2015年6月30日前');
    expect(normaliseText('2016 年\n\n11 月 30 日前')).toBe('2016年11月30日前');
  });

  it('joins a name broken across lines', () => {
    expect(normaliseText('人力资源社会\n保障部')).toBe('人力资源社会保障部');
    expect(normaliseText('全国海关特\n\n殊监管区域')).toBe('全国海关特殊监管区域');
  });

  it('turns full-width digits and letters into ASCII but keeps Chinese punctuation', () => {
    expect(normaliseText('２０１５年６月３０日前')).toBe('2015年6月30日前');
    expect(normaliseText('国际海关经认证的经营者（ＡＥＯ）互认制度')).toBe('国际海关经认证的经营者（AEO）互认制度');
    expect(normaliseText('省编办、省工商局，省质监局：')).toBe('省编办、省工商局，省质监局：');
  });

  it('treats the ideographic space as a space and trims', () => {
    expect(normaliseText('\u3000 全国\u3000')).toBe('全国');
    expect(normaliseText('国 务 院')).toBe('国务院');
  });

  it('keeps a space between two Latin words, drops one next to a Han character', () => {
    expect(normaliseText('需办理 CCC  认证的 AEO code')).toBe('需办理CCC认证的AEO code');
  });

  it('returns an empty string for whitespace', () => {
    expect(normaliseText(' \n\n ')).toBe('');
  });
});

describe('helpers', () => {
  it('toHalfWidthAlnum only touches digits and letters', () => {
    expect(toHalfWidthAlnum('０９ＡＺａｚ（）')).toBe('09AZaz（）');
  });

  it('normaliseKey drops all whitespace', () => {
    expect(normaliseKey('推广\n\n范围')).toBe('推广范围');
    expect(normaliseKey('Ａ B')).toBe('AB');
  });

  it('reads Han numerals used in deadlines', () => {
    expect(chineseNumberToInt('两')).toBe(2);
    expect(chineseNumberToInt('三')).toBe(3);
    expect(chineseNumberToInt('十')).toBe(10);
    expect(chineseNumberToInt('十五')).toBe(15);
    expect(chineseNumberToInt('二十')).toBe(20);
    expect(chineseNumberToInt('12')).toBe(12);
    expect(chineseNumberToInt('几')).toBeNull();
  });
});
