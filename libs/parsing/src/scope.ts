import { normaliseText } from './normalise.js';

export type ScopeKind = 'national' | 'ftz' | 'special_customs_zone' | 'integrated_customs_zone' | 'coastal' | 'province' | 'regions' | 'unparsed';

export interface ParsedScope {
  kind: ScopeKind;
  regions: string[];
  note: string | null;
  text: string;
  /** 全国, 自贸试验区, 海关特殊监管区域, 实行通关一体化的海关特殊监管区域, 沿海地区, 全省, or the regions joined by 、 */
  label: string;
}

export interface ParseScopeOptions {
  /** Applied when the cell is empty or holds only a note (merged cells in the source table). */
  defaultScope?: string;
  /** Place names to accept in a list even without a 省/市 suffix (e.g. the province's cities: 青岛, 烟台). */
  knownPlaces?: string[];
}

export const SCOPE_LABELS: Record<Exclude<ScopeKind, 'regions' | 'unparsed'>, string> = {
  national: '全国',
  ftz: '自贸试验区',
  special_customs_zone: '海关特殊监管区域',
  integrated_customs_zone: '实行通关一体化的海关特殊监管区域',
  coastal: '沿海地区',
  province: '全省',
};

/** Short names of the provincial-level divisions, the form a list of regions uses. */
export const PROVINCE_SHORT_NAMES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏',
  '新疆', '台湾', '香港', '澳门',
];

const PLACE_SUFFIX = /(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/u;

/** "山东省" → "山东", "青岛市" → "青岛", "广西壮族自治区" → "广西"; other names unchanged. */
export function placeStem(name: string): string {
  const stem = name.replace(PLACE_SUFFIX, '');
  return stem.length >= 2 ? stem : name;
}

const FIXED: [RegExp, Exclude<ScopeKind, 'regions' | 'unparsed'>][] = [
  [/^(?:全国)?(?:各|所有)?(?:自贸试验区|自由贸易试验区|自贸区)$/u, 'ftz'],
  [/^(?:全国|全省)?(?:其他|其它|各)?实行通关一体化的海关特殊监管区域$/u, 'integrated_customs_zone'],
  [/^(?:全国|全省)?(?:其他|其它|各)?海关特殊监管区域$/u, 'special_customs_zone'],
  [/^沿海(?:地区|省份|省市|省区市)?$/u, 'coastal'],
  [/^全国(?:范围|各地|各地区)?$/u, 'national'],
  [/^全省(?:范围|各地|各市)?$/u, 'province'],
];

/** Words that show a list item is a kind of area, not a named place. */
const NOT_A_PLACE = /特定|有关|相关|部分|条件|沿海|沿边|内陆|海关|自贸|试验|监管|区域|地区$|全国|全省|范围/u;

function looksLikePlace(item: string, known: Set<string>): boolean {
  if (NOT_A_PLACE.test(item) || !/^\p{Script=Han}{2,12}$/u.test(item)) return false;
  const stem = placeStem(item);
  return PROVINCE_SHORT_NAMES.includes(stem) || known.has(item) || known.has(stem) || /(?:省|市|自治区|特别行政区|自治州|州|盟|县|区|旗)$/u.test(item);
}

function result(kind: ScopeKind, text: string, regions: string[], notes: string[], fallbackLabel = ''): ParsedScope {
  const label = kind === 'regions' ? regions.join('、') : kind === 'unparsed' ? fallbackLabel : SCOPE_LABELS[kind];
  return { kind, regions, note: notes.length ? notes.join('；') : null, text, label };
}

function classify(core: string, opts: ParseScopeOptions): { kind: ScopeKind; regions: string[]; notes: string[] } {
  for (const [re, kind] of FIXED) if (re.test(core)) return { kind, regions: [], notes: [] };

  let list = core;
  const notes: string[] = [];
  const open = /等(?:地|地区|省份|省市|省区市|城市|市)?$/u.exec(list);
  if (open) {
    list = list.slice(0, open.index);
    notes.push('原文含“等”，名单可能未列全');
  }
  const items = list.split(/[、，,；;\s]+/u).map((s) => s.trim()).filter(Boolean);
  const known = new Set((opts.knownPlaces ?? []).flatMap((p) => [p, placeStem(p)]));
  if (items.length && items.every((i) => looksLikePlace(i, known))) {
    return { kind: 'regions', regions: [...new Set(items)], notes };
  }
  return { kind: 'unparsed', regions: [], notes: [] };
}

export function parseScope(text: string | null | undefined, opts: ParseScopeOptions = {}): ParsedScope {
  const raw = text ?? '';
  const t = normaliseText(raw).replace(/[。；;]+$/, '');
  const notes: string[] = [];
  let core = t.replace(/[（(]([^（）()]*)[）)]/g, (_m, inner: string) => {
    if (inner.trim()) notes.push(inner.trim());
    return '';
  });
  // "在全国借鉴推广", "在全国范围内复制推广": the verb is not part of the area.
  const verb = /(借鉴推广|复制推广|推广实施|推广)$/u.exec(core);
  if (verb) {
    core = core.slice(0, verb.index);
    if (verb[1] === '借鉴推广') notes.push('借鉴推广');
  }
  core = core.replace(/^在/u, '').trim();
  core = core.replace(/^(全国|全省)(?:范围内|范围|内)$/u, '$1');

  if (!core) {
    if (opts.defaultScope !== undefined && normaliseText(opts.defaultScope)) {
      const base = parseScope(opts.defaultScope, { knownPlaces: opts.knownPlaces });
      return { ...base, text: raw, note: [...notes, ...(base.note ? [base.note] : [])].join('；') || null };
    }
    return result('unparsed', raw, [], [...notes, t ? '推广范围仅有备注，未写明范围' : '推广范围为空']);
  }

  const c = classify(core, opts);
  if (c.kind === 'unparsed') return result('unparsed', raw, [], [...notes, '推广范围无法识别'], core);
  return result(c.kind, raw, c.regions, [...notes, ...c.notes]);
}
