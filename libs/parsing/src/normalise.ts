/**
 * Text as it comes out of PDF extraction and Word tables: full-width digits, line breaks in the
 * middle of words, spaces between a number and 年. Every parser in this lib goes through here first
 * so that the pattern code only ever sees one spelling.
 */

/** Han characters, CJK punctuation and the full-width block (（）、，：“”—…). */
const CJK = '\\p{Script=Han}\\u2010-\\u206f\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'gu');

/**
 * Full-width digits and Latin letters become ASCII; Chinese punctuation is left alone because
 * 、，；（） carry meaning (list separators, notes) for the parsers.
 */
export function toHalfWidthAlnum(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Any whitespace run, including the ideographic space and no-break space. */
export const WHITESPACE = /[\s\u3000\u00a0\u200b]+/g;

export function normaliseText(s: string): string {
  return toHalfWidthAlnum(s)
    .replace(WHITESPACE, ' ')
    // A space touching a Han character or CJK punctuation is a PDF artefact, never a word gap.
    .replace(SPACE_NEXT_TO_CJK, '')
    .trim();
}

/** For header cells and lookups where even ASCII spacing is noise. */
export function normaliseKey(s: string): string {
  return toHalfWidthAlnum(s).replace(WHITESPACE, '');
}

/** Han numerals as written in deadlines ("两到三年内", "十五个工作日内"); 1–99 is all the documents need. */
export function chineseNumberToInt(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s.length === 1 && s in digits) return digits[s]!;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? digits[m[1]]! : 1) * 10 + (m[2] ? digits[m[2]]! : 0);
  return null;
}
