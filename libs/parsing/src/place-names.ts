/**
 * How documents shorten the names of administrative divisions: 大连 for 大连市, 内蒙古 for 内蒙古自治区, 恩施 or 恩施州
 * for 恩施土家族苗族自治州. The short name is derived by rule from the GB/T 2260 name, never typed per region.
 */

/**
 * The ethnic groups that appear in the names of autonomous regions, prefectures, counties and banners; the longer
 * spelling first so that 蒙古族 is stripped whole, not as 族 after 蒙古.
 */
const ETHNIC_GROUPS = [
  '维吾尔', '哈萨克', '柯尔克孜', '塔吉克', '锡伯', '蒙古', '回', '藏', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白',
  '土家', '哈尼', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '土', '达斡尔', '仫佬', '羌',
  '布朗', '撒拉', '毛南', '仡佬', '阿昌', '普米', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
].sort((a, b) => b.length - a.length);

const ETHNIC = `(?:(?:${ETHNIC_GROUPS.join('|')})族?)+`;
const AUTONOMOUS = new RegExp(`^(.{2,}?)${ETHNIC}自治(州|县|旗)$`, 'u');
const PROVINCE_AUTONOMOUS = new RegExp(`^(.{2,}?)(?:${ETHNIC})?自治区$`, 'u');

/** The plain suffixes, longest first; a suffix is only stripped when at least two characters remain. */
const SUFFIXES = ['特别行政区', '林区', '地区', '新区', '矿区', '省', '市', '盟', '县', '区', '旗'];
/** 新区 and 矿区 name a kind of district (滨海新区, 浦东新区): 滨海 alone is ambiguous, so they keep their name. */
const KEEP_SUFFIX = new Set(['新区', '矿区', '林区']);

/** The short name of a division: 山东省 → 山东, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施, 锡林郭勒盟 → 锡林郭勒. */
export function shortPlaceName(name: string): string {
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) return autonomous[1]!;
  const region = PROVINCE_AUTONOMOUS.exec(name);
  if (region) return region[1]!;
  // 鄂伦春自治旗, 鄂温克族自治旗: the people is the whole name, nothing shorter stands for it.
  if (/自治[州县旗]$/u.test(name)) return name;
  for (const suffix of SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    if (KEEP_SUFFIX.has(suffix)) return name;
    const stem = name.slice(0, -suffix.length);
    return stem.length >= 2 ? stem : name;
  }
  return name;
}

/**
 * Every other way documents write the division: its short name, and for an autonomous prefecture or county the
 * 州 / 县 form (恩施州, 湘西州). The full name is not repeated.
 */
export function placeAliases(name: string): string[] {
  const short = shortPlaceName(name);
  const aliases = new Set<string>();
  if (short !== name) aliases.add(short);
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous && autonomous[2] !== '旗') aliases.add(`${autonomous[1]}${autonomous[2]}`);
  return [...aliases];
}
