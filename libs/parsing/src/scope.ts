import type { Gazetteer, ScopePlace } from './gazetteer.js';
import { normaliseText } from './normalise.js';

export type ScopeKind = 'national' | 'ftz' | 'special_customs_zone' | 'integrated_customs_zone' | 'coastal' | 'province' | 'regions' | 'mixed' | 'unparsed';
/** The kinds that name a kind of area rather than places. */
export type AreaKind = Exclude<ScopeKind, 'regions' | 'mixed' | 'unparsed'>;

export interface ParsedScope {
  kind: ScopeKind;
  /** The places as written (regions, zones, groups), in the document's order. */
  regions: string[];
  note: string | null;
  text: string;
  /** 全国, 自贸试验区, 海关特殊监管区域, 实行通关一体化的海关特殊监管区域, 沿海地区, 全省, or the parts joined by 、 */
  label: string;
  /** The kinds of area named (one for a plain 自贸试验区, several for 自贸试验区和海关特殊监管区域). */
  areas: AreaKind[];
  /** The places resolved through the gazetteer, with where each reaches (empty reach without a gazetteer). */
  places: ScopePlace[];
  /** Voluntary or conditional wording ("有意愿的", "可结合当地实际"): applying needs the coordinator's decision. */
  condition: string | null;
  /** Words that are neither a kind of area nor a known place (the scope is then unparsed). */
  unknown: string[];
}

export interface ParseScopeOptions {
  /** Applied when the cell is empty or holds only a note (merged cells in the source table). */
  defaultScope?: string;
  /** Place names to accept in a list even without a 省/市 suffix when there is no gazetteer (e.g. 青岛, 烟台). */
  knownPlaces?: string[];
  /** Every division, zone and group by all its names: lists are resolved through it when given. */
  gazetteer?: Gazetteer;
}

export const SCOPE_LABELS: Record<AreaKind, string> = {
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

const FIXED: [RegExp, AreaKind][] = [
  [/^(?:全国)?(?:各|所有)?(?:自贸试验区|自由贸易试验区|自贸区)$/u, 'ftz'],
  [/^(?:全国|全省)?(?:其他|其它|各)?实行通关一体化的海关特殊监管区域$/u, 'integrated_customs_zone'],
  [/^(?:全国|全省)?(?:其他|其它|各)?海关特殊监管区域$/u, 'special_customs_zone'],
  [/^沿海(?:地区|省份|省市|省区市)?$/u, 'coastal'],
  [/^全国(?:范围|各地|各地区)?$/u, 'national'],
  [/^全省(?:范围|各地|各市)?$/u, 'province'],
];

/** Words that show a list item is a kind of area, not a named place. */
const NOT_A_PLACE = /特定|有关|相关|部分|条件|沿海|沿边|内陆|海关|自贸|试验|监管|区域|地区$|全国|全省|范围/u;

/**
 * Voluntary or conditional wording: the item applies where a province chooses or where conditions allow, so a person
 * decides. Longest first, so the phrase shown is the whole of it.
 */
const CONDITIONAL = /有意愿的|可结合(?:当地|本地)实际|结合(?:当地|本地)实际|论证后按程序办理|论证后|先行探索|择优|具备条件的|有条件的|条件成熟的/u;
const EXCEPTION = /除.+外|不含|不包括|以外/u;
const CONDITION_PREFIX = /^(?:有意愿的|具备条件的|有条件的|条件成熟的)/u;
/** What is left of "有意愿的地区" once the condition is read: anywhere. */
const ANYWHERE = /^(?:各|其他|其它)?(?:地区|地方|省份|省市|省区市|城市|省|市)$/u;
/** How documents join the parts of a list inside one 、-separated item. */
const JOINERS = /以及|及|和|与/u;

function looksLikePlace(item: string, known: Set<string>): boolean {
  if (NOT_A_PLACE.test(item) || !/^\p{Script=Han}{2,12}$/u.test(item)) return false;
  const stem = placeStem(item);
  return PROVINCE_SHORT_NAMES.includes(stem) || known.has(item) || known.has(stem) || /(?:省|市|自治区|特别行政区|自治州|州|盟|县|区|旗)$/u.test(item);
}

type Part = { area: AreaKind } | { place: ScopePlace } | { ambiguous: string; names: string[] };

/** One part of a list: a kind of area, a place the gazetteer knows (or, without one, that looks like a place). */
function readPart(piece: string, opts: ParseScopeOptions, known: Set<string>): Part | null {
  for (const [re, kind] of FIXED) if (re.test(piece)) return { area: kind };
  const g = opts.gazetteer;
  if (!g) return looksLikePlace(piece, known) ? { place: { written: piece, name: piece, kind: 'city', reach: [] } } : null;
  const hit = g.lookup(piece);
  if (hit && 'found' in hit) return { place: hit.found };
  if (hit) return { ambiguous: piece, names: hit.ambiguous };
  // 辽宁省大连市, 山东青岛: the province before the place only says where it is.
  for (let cut = 2; cut <= Math.min(8, piece.length - 2); cut++) {
    const province = g.lookup(piece.slice(0, cut));
    if (!province || !('found' in province) || province.found.kind !== 'province') continue;
    const rest = g.lookup(piece.slice(cut));
    if (rest && 'found' in rest && rest.found.reach.every((r) => province.found.reach.some((p) => p.provinceCode === r.provinceCode))) {
      return { place: { ...rest.found, written: piece } };
    }
  }
  return null;
}

/** An item of a 、-list, split further at 及 / 和 only when the whole is not itself a name (和平区, 和田地区). */
function readItem(item: string, opts: ParseScopeOptions, known: Set<string>): Part[] | null {
  const whole = readPart(item, opts, known);
  if (whole) return [whole];
  if (!JOINERS.test(item)) return null;
  const pieces = item.split(new RegExp(JOINERS.source, 'gu')).map((x) => x.trim()).filter(Boolean);
  const parts = pieces.map((p) => readPart(p, opts, known));
  return parts.every((p) => p !== null) ? (parts as Part[]) : null;
}

function labelOf(areas: AreaKind[], places: ScopePlace[]): string {
  return [...areas.map((a) => SCOPE_LABELS[a]), ...places.map((p) => p.written)].join('、');
}

function build(text: string, areas: AreaKind[], places: ScopePlace[], notes: string[], condition: string | null): ParsedScope {
  // 全国 (or 全省) already covers every other part listed beside it.
  const wide = areas.find((a) => a === 'national' || a === 'province');
  const keptAreas = wide ? [wide] : [...new Set(areas)];
  const keptPlaces = wide ? [] : places;
  const kind: ScopeKind = keptPlaces.length === 0 && keptAreas.length === 1 ? keptAreas[0]! : keptAreas.length === 0 ? 'regions' : 'mixed';
  const label = kind === 'regions' || kind === 'mixed' ? labelOf(keptAreas, keptPlaces) : SCOPE_LABELS[kind as AreaKind];
  return { kind, regions: keptPlaces.map((p) => p.written), note: notes.length ? notes.join('；') : null, text, label, areas: keptAreas, places: keptPlaces, condition, unknown: [] };
}

function unparsed(text: string, notes: string[], label: string, unknown: string[], condition: string | null): ParsedScope {
  return { kind: 'unparsed', regions: [], note: notes.length ? notes.join('；') : null, text, label, areas: [], places: [], condition, unknown };
}

/**
 * Reads a 推广范围 cell: kinds of area (全国, 自贸试验区 …), places by full or short name (大连, 内蒙古), zones
 * (中国（辽宁）自由贸易试验区大连片区, 青岛前湾综合保税区) and named groups, in any mix, separated by 、，, 及 和 以及; notes in
 * brackets are kept as notes, voluntary wording as the condition. What cannot be read is `unparsed` with the words
 * not understood — never guessed.
 */
export function parseScope(text: string | null | undefined, opts: ParseScopeOptions = {}): ParsedScope {
  const raw = text ?? '';
  // 中国（上海）自由贸易试验区: the brackets are part of the name, not a note.
  const t = normaliseText(raw).replace(/[。；;]+$/, '').replace(/中国[（(]([^（）()]{1,8})[）)](自由贸易试验区|自贸试验区)/gu, '$1$2');
  const notes: string[] = [];
  let core = t.replace(/[（(]([^（）()]*)[）)]/g, (_m, inner: string) => {
    if (inner.trim()) notes.push(inner.trim());
    return '';
  });
  // An exception in a note (全国（除海南外）) cannot be applied by rule: a person reads it, as with voluntary wording.
  const condition = CONDITIONAL.exec(t) ? (notes.find((n) => CONDITIONAL.test(n)) ?? t) : (notes.find((n) => EXCEPTION.test(n)) ?? null);
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
      const base = parseScope(opts.defaultScope, { knownPlaces: opts.knownPlaces, gazetteer: opts.gazetteer });
      return { ...base, text: raw, note: [...notes, ...(base.note ? [base.note] : [])].join('；') || null, condition: condition ?? base.condition };
    }
    return unparsed(raw, [...notes, t ? '推广范围仅有备注，未写明范围' : '推广范围为空'], '', [], condition);
  }

  for (const [re, kind] of FIXED) if (re.test(core)) return build(raw, [kind], [], notes, condition);

  const open = /等(?:地|地区|省份|省市|省区市|城市|市)?$/u.exec(core);
  if (open) {
    core = core.slice(0, open.index);
    notes.push('原文含“等”，名单可能未列全');
  }
  const known = new Set((opts.knownPlaces ?? []).flatMap((p) => [p, placeStem(p)]));
  const areas: AreaKind[] = [];
  const places: ScopePlace[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const rawItem of core.split(/[、，,；;\s]+/u).map((x) => x.trim()).filter(Boolean)) {
    // "有意愿的地区": the condition is kept apart and what remains is the area (anywhere, when only 地区 remains).
    const item = rawItem.replace(CONDITION_PREFIX, '');
    if (item !== rawItem && (!item || ANYWHERE.test(item))) {
      areas.push('national');
      continue;
    }
    // "可结合当地实际" as a clause of its own is the condition, not an area.
    if (CONDITIONAL.test(item)) continue;
    const parts = readItem(item, opts, known);
    if (!parts) {
      unknown.push(item);
      continue;
    }
    for (const p of parts) {
      if ('area' in p) areas.push(p.area);
      else if ('place' in p) places.push(p.place);
      else ambiguous.push(`“${p.ambiguous}”可指${p.names.join('、')}`);
    }
  }
  if (unknown.length || ambiguous.length || (!areas.length && !places.length)) {
    const words = [...unknown.map((u) => `“${u}”`), ...ambiguous];
    return unparsed(raw, [...notes, `推广范围无法识别：${words.join('、') || `“${core}”`}`], core, [...unknown, ...ambiguous], condition);
  }
  return build(raw, areas, places, notes, condition);
}

/** The words of a scope that could not be read, for a message. */
export function unreadableWords(scope: ParsedScope): string {
  return scope.unknown.map((u) => (u.startsWith('“') ? u : `“${u}”`)).join('、') || `“${normaliseText(scope.text)}”`;
}
