import { addDays, addMonths, addWorkdays, addYears, daysInMonth, isoDate, isValidIsoDate } from './dates.js';
import { chineseNumberToInt, normaliseText } from './normalise.js';

export type DeadlineKind = 'date' | 'ongoing' | 'conditional' | 'relative' | 'unparsed';

export interface ParsedDeadline {
  kind: DeadlineKind;
  /** YYYY-MM-DD: the last day by which it is due; for 'relative' only when a documentDate was given. */
  date: string | null;
  /** The original text, untouched. */
  text: string;
  /** "2015年上半年启动", "2015年7月起": the date marks a start, not a completion. */
  startOnly: boolean;
  note: string | null;
}

export interface ParseDeadlineOptions {
  /** YYYY-MM-DD the document was issued; relative deadlines ("2—3年内") count from it. */
  documentDate?: string;
  /** Working-day calendar for "N个工作日内" (e.g. backed by chinese-days); weekends only when absent. */
  isWorkday?: (date: string) => boolean;
}

/** One time expression found in a text, with offsets into the normalised text. */
export interface DeadlineHit {
  start: number;
  end: number;
  matched: string;
  kind: 'date' | 'relative';
  date: string | null;
  startOnly: boolean;
  note: string | null;
}

const YEAR = '((?:19|20)\\d{2})年';
const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
const RANGE_SEP = '(?:—|－|-|–|~|～|到|至)';
const UNIT = '(个工作日|工作日|个月|个星期|星期|周|年|月|天|日)';
const WITHIN = '(?:内|以内|之内)';
const START_WORDS = new Set(['起', '开始']);
const LAUNCH_WORDS = new Set(['启动']);

const ONGOING = /持续|长期|常态化|久久为功|每年|每季度|定期/;
const CONDITIONAL = /结合.*情况|根据.*(?:情况|需要|进展|部署)|视.*情况|条件成熟|具备条件|成熟一项|适时|另行(?:通知|部署|确定|安排)|待.+后|按程序/;

function startNote(word: string | undefined): { startOnly: boolean; note: string | null } {
  if (word && START_WORDS.has(word)) return { startOnly: true, note: '起始时间（自该时起实施），非完成时间' };
  if (word && LAUNCH_WORDS.has(word)) return { startOnly: true, note: '启动时间，非完成时间' };
  return { startOnly: false, note: null };
}

function joinNotes(...notes: (string | null | undefined)[]): string | null {
  const kept = notes.filter((n): n is string => !!n);
  return kept.length ? kept.join('；') : null;
}

type Matcher = (m: RegExpExecArray, ctx: { before: string; after: string }, opts: ParseDeadlineOptions) => Omit<DeadlineHit, 'start' | 'end' | 'matched'> | null;

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const UNIT_LABEL: Record<string, string> = {
  个工作日: '个工作日', 工作日: '个工作日', 个月: '个月', 月: '个月', 个星期: '周', 星期: '周', 周: '周', 年: '年', 天: '天', 日: '天',
};

function relative(n: number, unit: string, matched: string, opts: ParseDeadlineOptions): Omit<DeadlineHit, 'start' | 'end' | 'matched'> {
  const label = UNIT_LABEL[unit] ?? unit;
  const base = `${matched}：以文件日期起算${n}${label}`;
  const doc = opts.documentDate && isValidIsoDate(opts.documentDate) ? opts.documentDate : null;
  if (!doc) return { kind: 'relative', date: null, startOnly: false, note: `${base}，未提供文件日期` };
  let date: string;
  switch (label) {
    case '年': date = addYears(doc, n); break;
    case '个月': date = addMonths(doc, n); break;
    case '周': date = addDays(doc, 7 * n); break;
    case '个工作日': date = addWorkdays(doc, n, opts.isWorkday); break;
    default: date = addDays(doc, n);
  }
  const calendarNote = label === '个工作日' && !opts.isWorkday ? '（仅扣除周末，未计法定节假日调休）' : '';
  return { kind: 'relative', date, startOnly: false, note: base + calendarNote };
}

function dateHit(y: number, m: number, d: number, extra: { startOnly: boolean; note: string | null }, note: string | null = null) {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { kind: 'date' as const, date: isoDate(y, m, d), startOnly: extra.startOnly, note: joinNotes(note, extra.note) };
}

/** Longer, more specific patterns first; overlaps are settled by position and length anyway. */
const PATTERNS: [RegExp, Matcher][] = [
  // 2015年6月30日前 / 2015年6月1日起
  [new RegExp(`(?<!\\d)${YEAR}(\\d{1,2})月(\\d{1,2})[日号](之前|以前|前|起|开始|启动|止)?`, 'gu'),
    (m) => dateHit(+m[1]!, +m[2]!, +m[3]!, startNote(m[4]))],
  // 2015年6月底前 / 2015年6月中旬
  [new RegExp(`(?<!\\d)${YEAR}(\\d{1,2})月(上旬|中旬|下旬|底|末)(之前|以前|前)?`, 'gu'),
    (m) => {
      const y = +m[1]!, mo = +m[2]!;
      if (mo < 1 || mo > 12) return null;
      const day = m[3] === '上旬' ? 10 : m[3] === '中旬' ? 20 : daysInMonth(y, mo);
      return dateHit(y, mo, day, startNote(undefined), m[3] === '上旬' || m[3] === '中旬' ? `${m[3]}按${day}日计` : null);
    }],
  // 2016年6月 / 2015年3月实施 / 2015年7月起
  [new RegExp(`(?<!\\d)${YEAR}(\\d{1,2})月(?:份)?(之前|以前|前|起|开始|启动)?(?![\\d旬底末])`, 'gu'),
    (m) => {
      const y = +m[1]!, mo = +m[2]!;
      if (mo < 1 || mo > 12) return null;
      const s = startNote(m[3]);
      if (m[3] && START_WORDS.has(m[3])) return dateHit(y, mo, 1, s);
      const before = m[3] && !s.startOnly ? `“${m[3]}”按当月月底计` : '仅写到月份，按该月月底计';
      return dateHit(y, mo, daysInMonth(y, mo), s, before);
    }],
  // 2015年年底前 / 2015年底前 / 2015年末
  [new RegExp(`(?<!\\d)${YEAR}(?:年底|年末|底|末)(?:之前|以前|前)?`, 'gu'),
    (m) => dateHit(+m[1]!, 12, 31, startNote(undefined))],
  // 2015年上半年启动 / 2015年下半年
  [new RegExp(`(?<!\\d)${YEAR}(上半年|下半年)(启动|开始|之前|以前|前|完成|实施)?`, 'gu'),
    (m) => {
      const first = m[2] === '上半年';
      const s = startNote(m[3]);
      return dateHit(+m[1]!, first ? 6 : 12, first ? 30 : 31, s, first ? '上半年按6月30日计' : '下半年按12月31日计');
    }],
  // 2016年第三季度末前
  [new RegExp(`(?<!\\d)${YEAR}第?([一二三四1-4])季度(?:末|底)?(?:之前|以前|前)?`, 'gu'),
    (m) => {
      const q = QUARTER[m[2]!]!;
      return dateHit(+m[1]!, q * 3, daysInMonth(+m[1]!, q * 3), startNote(undefined), `第${q}季度按季末计`);
    }],
  // 2020年之前: in these documents a completion target year, so inclusive of that year
  [new RegExp(`(?<!\\d)${YEAR}(之前|以前|前)(?![三两一二四]季|半年)`, 'gu'),
    (m) => dateHit(+m[1]!, 12, 31, startNote(undefined), `“${m[1]}年${m[2]}”按${m[1]}年年底计（文件中为完成目标年份）`)],
  // 2020年 (a 推广时间), 2015年开展试点, 2015年起
  [new RegExp(`(?<!\\d)${YEAR}(起|开始|启动|内|以内|当年)?`, 'gu'),
    (m, ctx) => {
      // "2013年、2014年年度报告", "2015-2020年", "（2020年版）", "公告2021年第4号", "2015年13月" are not deadlines.
      if (/^(?:\d|、|年?度|版|第|—|－|-|–|~|～|至|到)/.test(ctx.after)) return null;
      if (/\d{2,4}[年月日号]?(?:—|－|-|–|~|～|至|到)$/.test(ctx.before)) return null;
      const s = startNote(m[2]);
      if (m[2] && START_WORDS.has(m[2])) return dateHit(+m[1]!, 1, 1, s);
      return dateHit(+m[1]!, 12, 31, s, '仅写年份（推广/发布或目标年份），按该年年底计');
    }],
  // 2—3年内 / 两到三年内: the upper bound is the promise
  [new RegExp(`(?<![\\d年月])${NUM}${RANGE_SEP}${NUM}${UNIT}${WITHIN}`, 'gu'),
    (m, _ctx, opts) => {
      const hi = chineseNumberToInt(m[2]!);
      return hi === null ? null : relative(hi, m[3]!, m[0], opts);
    }],
  // 3个月内 / 15个工作日内 / 一年内
  [new RegExp(`(?<![\\d年月—－\\-–~～到至])${NUM}${UNIT}${WITHIN}`, 'gu'),
    (m, _ctx, opts) => {
      const n = chineseNumberToInt(m[1]!);
      return n === null ? null : relative(n, m[2]!, m[0], opts);
    }],
  // 年内 / 今年年底前: the document's own year
  [/(?<![\d年一二两三四五六七八九十])(?:今年|本年度?|当年)?(?:年底前|年底|年末前|年末|年内)/gu,
    (m, _ctx, opts) => {
      const doc = opts.documentDate && isValidIsoDate(opts.documentDate) ? opts.documentDate : null;
      const base = `${m[0]}：按文件当年年底计`;
      return doc
        ? { kind: 'relative', date: `${doc.slice(0, 4)}-12-31`, startOnly: false, note: base }
        : { kind: 'relative', date: null, startOnly: false, note: `${base}，未提供文件日期` };
    }],
];

/** Notes in brackets ("规划（2015-2020年）", "（2020年版）") name periods and editions, not deadlines. */
function maskBrackets(s: string): string {
  let out = s;
  for (;;) {
    const next = out.replace(/[（(][^（）()]*[）)]/g, (b) => '□'.repeat(b.length));
    if (next === out) return out;
    out = next;
  }
}

/** Every time expression in an already-normalised text, left to right, without overlaps. */
export function findDeadlineHits(normalised: string, opts: ParseDeadlineOptions = {}): DeadlineHit[] {
  const masked = maskBrackets(normalised);
  const hits: DeadlineHit[] = [];
  for (const [re, match] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      const start = m.index;
      const end = start + m[0].length;
      const r = match(m, { before: masked.slice(0, start), after: masked.slice(end) }, opts);
      if (r) hits.push({ ...r, start, end, matched: m[0] });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: DeadlineHit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

function unparsed(text: string, note: string): ParsedDeadline {
  return { kind: 'unparsed', date: null, text, startOnly: false, note };
}

export function parseDeadline(text: string, opts: ParseDeadlineOptions = {}): ParsedDeadline {
  const raw = text ?? '';
  const t = normaliseText(raw).replace(/[。；;，,]+$/, '');
  if (!t) return unparsed(raw, '时限为空');

  // A cell that is only a span of years ("2015-2017年") is due at the end of the span.
  const span = /^((?:19|20)\d{2})年?(?:—|－|-|–|~|～|至|到)((?:19|20)\d{2})年$/.exec(t);
  if (span && +span[2]! >= +span[1]!) {
    return { kind: 'date', date: `${span[2]}-12-31`, text: raw, startOnly: false, note: `年份区间，按${span[2]}年年底计` };
  }

  const hits = findDeadlineHits(t, opts);
  const absolute = hits.filter((h) => h.kind === 'date');
  const rel = hits.filter((h) => h.kind === 'relative');
  const extras: string[] = [];
  if (ONGOING.test(t) && hits.length) extras.push('另注明持续推进');

  if (absolute.length) {
    const latest = absolute.reduce((a, b) => (b.date! > a.date! || (b.date === a.date && a.startOnly && !b.startOnly) ? b : a));
    const many = absolute.length > 1 ? `含${absolute.length}个时间节点（${absolute.map((h) => h.matched).join('、')}），取最晚` : null;
    const relNote = rel.length ? `另含相对时限：${rel.map((h) => h.matched).join('、')}` : null;
    return { kind: 'date', date: latest.date, text: raw, startOnly: latest.startOnly, note: joinNotes(many, latest.note, relNote, ...extras) };
  }
  if (rel.length) {
    const dated = rel.filter((h) => h.date);
    const pick = dated.length ? dated.reduce((a, b) => (b.date! > a.date! ? b : a)) : rel[rel.length - 1]!;
    const many = rel.length > 1 ? `含${rel.length}个相对时限，取最晚` : null;
    return { kind: 'relative', date: pick.date, text: raw, startOnly: false, note: joinNotes(many, pick.note, ...extras) };
  }
  const ongoing = ONGOING.test(t);
  const conditional = CONDITIONAL.test(t);
  if (ongoing) {
    return { kind: 'ongoing', date: null, text: raw, startOnly: false, note: conditional ? '持续推进，另附条件表述' : null };
  }
  if (conditional) return { kind: 'conditional', date: null, text: raw, startOnly: false, note: '附条件，无具体日期' };
  if (/\d|[〇零一二两三四五六七八九十]+(?:年|月|日)/.test(t)) return unparsed(raw, '含无法识别的时间表述，未作推断');
  return unparsed(raw, '未识别到时间表述');
}

export interface Milestone {
  title: string;
  deadline: ParsedDeadline;
}

const ORDINAL = /(?<=^|[。；;：:，,])[一二三四五六七八九十]+是/gu;
const TRIM_PUNCT = /^[，,。；;：:、\s]+|[，,。；;：:、\s]+$/g;

function cleanTitle(s: string): string {
  return s.replace(TRIM_PUNCT, '');
}

/**
 * Splits a 时间节点 paragraph ("一是2015年年底前出台…。二是…2016年6月30日前，完成第一期平台建设；
 * 2020年之前，…") into one milestone per dated clause. Text without a date of its own stays with the
 * dated clause it qualifies: lead-in sentences go with the next one, trailing ones with the previous.
 * A numbered point with no date at all is still returned (deadline from parseDeadline, usually
 * 'unparsed') so that no task silently disappears.
 */
export function extractMilestones(text: string, opts: ParseDeadlineOptions = {}): Milestone[] {
  const t = normaliseText(text ?? '').replace(/^时间节点[:：]/, '');
  if (!t) return [];

  const sections: string[] = [];
  let lastMarkerEnd = 0;
  for (const m of t.matchAll(ORDINAL)) {
    const head = t.slice(lastMarkerEnd, m.index);
    if (cleanTitle(head)) sections.push(head);
    lastMarkerEnd = m.index + m[0].length;
  }
  sections.push(t.slice(lastMarkerEnd));

  const out: Milestone[] = [];
  for (const section of sections) {
    if (!cleanTitle(section)) continue;
    const cuts = datedPieceStarts(section, opts);
    if (!cuts.length) {
      const title = cleanTitle(section);
      out.push({ title, deadline: parseDeadline(title, opts) });
      continue;
    }
    const bounds = [0, ...cuts.slice(1), section.length];
    for (let i = 0; i < bounds.length - 1; i++) {
      const title = cleanTitle(section.slice(bounds[i], bounds[i + 1]));
      if (title) out.push({ title, deadline: parseDeadline(title, opts) });
    }
  }
  return out;
}

/** Start offsets of the clauses in a section that carry their own date. */
function datedPieceStarts(section: string, opts: ParseDeadlineOptions): number[] {
  const starts: number[] = [];
  const clause = /[^。；;]+[。；;]?/g;
  for (let m = clause.exec(section); m; m = clause.exec(section)) {
    const hits = findDeadlineHits(m[0], opts);
    if (!hits.length) continue;
    starts.push(m.index);
    // Two dates in one sentence: each comma-introduced date begins its own milestone.
    for (let i = 1; i < hits.length; i++) {
      const between = m[0].slice(hits[i - 1]!.end, hits[i]!.start);
      const comma = Math.max(between.lastIndexOf('，'), between.lastIndexOf(','));
      if (comma >= 0) starts.push(m.index + hits[i - 1]!.end + comma + 1);
    }
  }
  return starts;
}
