import { normaliseText, toHalfWidthAlnum } from './normalise.js';
import { placeStem } from './scope.js';

export interface ParsedDepartments {
  /** First listed, or the first of those before 牵头. */
  lead: string | null;
  /** The rest, in order, de-duplicated (co-leads included). */
  participants: string[];
  /** "等有关行业监管部门", "等部门", "各有关部门": the list is not exhaustive. */
  openGroup: boolean;
  openGroupText: string | null;
  text: string;
  /** "发展改革委、商务部牵头", "X会同Y负责": every lead after the first (they are also in participants). */
  coLeads?: string[];
}

export interface KnownDepartment {
  id: string;
  name: string;
  aliases: string[];
}

export interface DepartmentMatch {
  input: string;
  department: KnownDepartment | null;
  via: 'name' | 'alias' | null;
}

/**
 * Current name → older or short names used in the documents. Ministries were merged and renamed
 * in 2018 and 2023, so a 2015 table says 工商总局 / 质检总局 / 银监会 for what is now one body.
 * Provincial names follow the same reorganisation (鲁政办发〔2015〕21号 still has 省工商局, 省质监局).
 */
export const DEPARTMENT_ALIASES: Record<string, string[]> = {
  // National (国务院部门)
  国家发展改革委: ['发展改革委', '国家发改委', '发改委', '国家发展和改革委员会'],
  商务部: ['中华人民共和国商务部'],
  财政部: [],
  海关总署: ['海关'],
  税务总局: ['国家税务总局'],
  市场监管总局: ['国家市场监督管理总局', '国家市场监管总局', '工商总局', '国家工商总局', '国家工商行政管理总局', '质检总局', '国家质检总局', '国家质量监督检验检疫总局'],
  中国人民银行: ['人民银行', '人民银行总行', '央行'],
  国家外汇局: ['外汇局', '国家外汇管理局'],
  金融监管总局: ['国家金融监督管理总局', '银保监会', '中国银保监会', '银监会', '中国银监会', '保监会', '中国保监会'],
  中国证监会: ['证监会'],
  人力资源社会保障部: ['人力资源和社会保障部', '人社部'],
  住房城乡建设部: ['住房和城乡建设部', '住建部'],
  交通运输部: ['交通部'],
  中国民航局: ['民航局', '中国民用航空局'],
  国家医保局: ['国家医疗保障局', '医保局'],
  国家卫生健康委: ['卫生健康委', '国家卫健委', '卫生计生委', '国家卫生计生委'],
  工业和信息化部: ['工信部'],
  国家知识产权局: ['知识产权局'],
  生态环境部: ['环境保护部', '环保部'],
  文化和旅游部: ['文化部', '国家旅游局'],
  科技部: ['科学技术部'],
  教育部: [],
  公安部: [],
  最高人民法院: ['最高法'],
  国家移民局: ['国家移民管理局', '移民局'],
  国务院港澳办: ['港澳办', '国务院港澳事务办公室'],
  国务院台办: ['台办', '国台办'],
  中国贸促会: ['贸促会', '中国国际贸易促进委员会'],
  国家统计局: ['统计局'],
  国家邮政局: ['邮政局'],
  中央编办: ['中编办'],
  // Shandong (省直部门), as renamed in the 2018 provincial reorganisation
  省商务厅: ['山东省商务厅'],
  省发展改革委: ['省发改委', '山东省发展和改革委员会'],
  省市场监管局: ['省市场监督管理局', '省工商局', '省质监局', '省食品药品监管局'],
  省税务局: ['国家税务总局山东省税务局', '省国税局', '省地税局'],
  省生态环境厅: ['省环保厅', '省环境保护厅'],
  省司法厅: ['省法制办'],
  省文化和旅游厅: ['省文化厅', '省旅游发展委'],
  省工业和信息化厅: ['省经济和信息化委', '省经信委'],
  省委编办: ['省编办'],
  省政府办公厅: [],
  省民政厅: [],
  省财政厅: [],
  人民银行山东省分行: ['人民银行济南分行', '中国人民银行济南分行'],
};

/** Extra full names that are only here to glue names that PDF extraction broke across lines. */
const GLUE_ONLY = ['山东出入境检验检疫局', '各行业监管部门', '各地方人民政府', '各省级人民政府'];

const KNOWN_NAMES: string[] = [...Object.entries(DEPARTMENT_ALIASES).flatMap(([k, v]) => [k, ...v]), ...GLUE_ONLY];

/** Endings that close a department name; a fragment without one was cut mid-name by a line break. */
const NAME_END = /(?:[部局署委厅办会行关院府室门处所站队]|中心|公司|集团|机构|单位)$/u;
/** Role words that follow a list and cannot begin a department name. */
const ROLE_START = /^(?:牵头|参加|配合|参与|协助|负责|等)/;
const SEP = /[、，,；;]/;

/** Separators and role words at which a list clause ends. */
const LEAD_SUFFIX = /(?:牵头负责|牵头)$/;
const PART_SUFFIX = /(?:参加|配合|参与|协助|协办)$/;

/** "有关部门", "各有关单位", and with whose departments they are: "国务院有关部门", "省直有关部门". */
const OPEN_GROUP = /^(?:国务院|中央|省直|省级|省政府|省|市直|市级|各级)?(?:各|有关|相关|其他|其它)(?:有关|相关)?.*(?:部门|单位|机构)$/u;
/** "X会同Y负责": X and Y lead together (Y may be an open group: "X会同有关部门负责"). */
const TOGETHER = '会同';
const RESPONSIBLE_SUFFIX = /(?:负责|实施|落实)$/;
const OPEN_TAIL = /^(?:(?:各|有关|相关|其他|其它).*)?(?:部门|单位|机构)?$/u;

/**
 * Decides, for every whitespace run, whether PDF extraction broke a name ("人力资源社会\n保障部",
 * "中国人民 银行") or the table put one name per line ("青岛海关\n济南海关").
 */
function resolveLineBreaks(s: string): string {
  const parts = s.split(/[\s\u3000\u00a0]+/).filter(Boolean);
  if (parts.length <= 1) return parts.join('');
  let out = parts[0]!;
  for (const right of parts.slice(1)) {
    const leftFrag = out.split(SEP).pop() ?? '';
    const rightFrag = right.split(SEP)[0] ?? '';
    const join = () => (out += right);
    if (SEP.test(out.slice(-1)) || SEP.test(right[0]!) || !leftFrag) { join(); continue; }
    if (ROLE_START.test(rightFrag) || /^[（(]/.test(right) || /[（(][^）)]*$/.test(leftFrag)) { join(); continue; }
    const combined = (leftFrag + rightFrag).replace(/(?:等)?(?:牵头负责|牵头|参加|配合|参与|协助)$/, '');
    if (KNOWN_NAMES.includes(combined)) { join(); continue; }
    if (!NAME_END.test(leftFrag.replace(/(?:等)?(?:牵头负责|牵头|参加|配合|参与|协助)$/, ''))) { join(); continue; }
    out += '、' + right;
  }
  return out;
}

interface Item { name: string | null; open: string | null; role: 'lead' | 'participant' | 'plain' }

function splitItems(clause: string, role: Item['role']): Item[] {
  const items: Item[] = [];
  for (const raw of clause.split('、')) {
    const piece = raw.trim();
    if (!piece) continue;
    if (OPEN_GROUP.test(piece) || piece === '等') {
      items.push({ name: null, open: piece, role });
      continue;
    }
    // "省工商局等有关行业监管部门", "质检总局等": a named department followed by an open group.
    const idx = piece.indexOf('等');
    if (idx > 0 && OPEN_TAIL.test(piece.slice(idx + 1)) && !/高等|平等|同等|对等/.test(piece)) {
      items.push({ name: piece.slice(0, idx), open: null, role });
      items.push({ name: null, open: piece.slice(idx), role });
      continue;
    }
    items.push({ name: piece, open: null, role });
  }
  return items;
}

export interface ParseDepartmentsOptions {
  /**
   * The cell comes from a lead-department column (牵头部门, 牵头单位): every department it names without a role word
   * leads — "省商务厅、省市场监管局" is a lead and a co-lead there, where under 负责部门 the second would take part.
   */
  leadColumn?: boolean;
}

export function parseDepartments(text: string, opts: ParseDepartmentsOptions = {}): ParsedDepartments {
  const raw = text ?? '';
  let s = toHalfWidthAlnum(raw);
  // "（排第一位的部门为牵头部门，下同）" explains the convention; it is not a department.
  s = s.replace(/[（(][^（）()]*[）)]/g, (p) => (/牵头|下同|排第一|排名第一/.test(p.replace(/\s+/g, '')) ? '' : p));
  s = resolveLineBreaks(s.trim());
  s = normaliseText(s)
    .replace(/^(?:负责单位|负责部门|牵头单位|牵头部门|责任单位|责任部门|牵头实施部门)[:：]/, '')
    .replace(/[。.]+$/, '');

  const items: Item[] = [];
  for (const c of s.split(/[，,；;]/)) {
    let clause = c.trim();
    if (!clause) continue;
    let role: Item['role'] = 'plain';
    if (LEAD_SUFFIX.test(clause)) { role = 'lead'; clause = clause.replace(LEAD_SUFFIX, ''); }
    else if (PART_SUFFIX.test(clause)) { role = 'participant'; clause = clause.replace(PART_SUFFIX, ''); }
    else {
      clause = clause.replace(RESPONSIBLE_SUFFIX, '');
      if (opts.leadColumn) role = 'lead';
    }
    const together = clause.indexOf(TOGETHER);
    if (together > 0 && together + TOGETHER.length < clause.length) {
      items.push(...splitItems(clause.slice(0, together), 'lead'), ...splitItems(clause.slice(together + TOGETHER.length), 'lead'));
      continue;
    }
    items.push(...splitItems(clause, role));
  }

  const named = items.filter((i): i is Item & { name: string } => !!i.name);
  const leads = named.filter((i) => i.role === 'lead');
  const lead = (leads[0] ?? named[0])?.name ?? null;
  const participants: string[] = [];
  for (const i of named) if (i.name !== lead && !participants.includes(i.name)) participants.push(i.name);
  const coLeads = [...new Set(leads.slice(1).map((i) => i.name))].filter((n) => n !== lead);
  const opens = items.filter((i) => i.open).map((i) => i.open!);

  return {
    lead,
    participants,
    openGroup: opens.length > 0,
    openGroupText: opens.length ? opens.join('、') : null,
    text: raw,
    coLeads,
  };
}

/**
 * 国家/中国 and 省/山东省 are often dropped ("知识产权局" = "国家知识产权局"). A bare name in a national
 * table is national, so a bare name may match a national one but never a provincial one, and
 * "广东省商务厅" never matches "山东省商务厅".
 */
interface Bare { bare: string; level: 'national' | 'province' | 'none'; province: string | null }

function bareName(name: string): Bare {
  const nat = /^(?:中华人民共和国|国家|中国)(.+)$/u.exec(name);
  if (nat) return { bare: nat[1]!, level: 'national', province: null };
  const named = /^(\p{Script=Han}{2,3})省(.+)$/u.exec(name);
  if (named && !named[1]!.startsWith('省')) return { bare: named[2]!, level: 'province', province: named[1]! };
  const prov = /^省(.+)$/u.exec(name);
  if (prov) return { bare: prov[1]!, level: 'province', province: null };
  return { bare: name, level: 'none', province: null };
}

/** `home`: the province whose 省X names the known list holds, so "山东省财政厅" can meet "省财政厅". */
function sameBody(a: Bare, b: Bare, home: string | null): boolean {
  if (a.bare !== b.bare) return false;
  if (a.level === 'province' || b.level === 'province') {
    if (a.level !== b.level) return false;
    const pa = a.province ?? home;
    const pb = b.province ?? home;
    return pa === pb;
  }
  return true;
}

/** The current name for a historic or short one (工商总局 → 市场监管总局); null when not in the table. */
export function canonicalDepartmentName(name: string): string | null {
  const n = normaliseText(name);
  if (n in DEPARTMENT_ALIASES) return n;
  for (const [canonical, aliases] of Object.entries(DEPARTMENT_ALIASES)) if (aliases.includes(n)) return canonical;
  return null;
}

function unique<T>(xs: T[]): T | null {
  const set = [...new Set(xs)];
  return set.length === 1 ? set[0]! : null;
}

export interface MatchDepartmentsOptions {
  /** The province the known provincial departments belong to (山东 / 山东省). */
  province?: string;
}

/**
 * Exact name, then the department's own aliases, then the alias table, then the name with a
 * 国家/中国/省 prefix dropped. Every step must give exactly one department; otherwise null.
 */
export function matchDepartments(names: string[], known: KnownDepartment[], opts: MatchDepartmentsOptions = {}): DepartmentMatch[] {
  const home = opts.province ? placeStem(normaliseText(opts.province)) : null;
  return names.map((input) => {
    const n = normaliseText(input ?? '');
    if (!n) return { input, department: null, via: null };

    const byName = unique(known.filter((k) => normaliseText(k.name) === n));
    if (byName) return { input, department: byName, via: 'name' };

    const byOwnAlias = unique(known.filter((k) => k.aliases.some((a) => normaliseText(a) === n)));
    if (byOwnAlias) return { input, department: byOwnAlias, via: 'alias' };

    const canonical = canonicalDepartmentName(n);
    if (canonical) {
      const group = new Set([canonical, ...DEPARTMENT_ALIASES[canonical]!]);
      const hit = unique(known.filter((k) => group.has(normaliseText(k.name)) || k.aliases.some((a) => group.has(normaliseText(a)))));
      if (hit) return { input, department: hit, via: 'alias' };
    }

    const bare = bareName(n);
    const byBareName = unique(known.filter((k) => sameBody(bare, bareName(normaliseText(k.name)), home)));
    if (byBareName) return { input, department: byBareName, via: 'name' };
    const byBareAlias = unique(known.filter((k) => k.aliases.some((a) => sameBody(bare, bareName(normaliseText(a)), home))));
    if (byBareAlias) return { input, department: byBareAlias, via: 'alias' };

    return { input, department: null, via: null };
  });
}
