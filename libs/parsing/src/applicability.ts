import { normaliseText } from './normalise.js';
import { placeStem, SCOPE_LABELS, type ParsedScope } from './scope.js';

export interface ScopeRegion {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  coastal: boolean;
  hasFtz: boolean;
  hasSpecialCustomsZone: boolean;
}

export interface Applicability {
  applies: boolean;
  /** Chinese, for the coordinator: why it does not apply, or why a person must look at it. */
  reason: string | null;
  /** Cities the task rolls out to. */
  cityCodes: string[];
}

function codes(cities: ScopeRegion[], keep: (c: ScopeRegion) => boolean = () => true): string[] {
  return cities.filter(keep).map((c) => c.code);
}

function samePlace(listed: string, name: string): boolean {
  const a = normaliseText(listed);
  const b = normaliseText(name);
  return a === b || placeStem(a) === placeStem(b);
}

/**
 * Whether a reform item's scope covers a province, and which of its cities. The flag-based kinds
 * read the region attributes; an unreadable scope is kept in (the coordinator decides) rather than
 * dropped, since a wrongly dropped task is never chased.
 */
export function evaluateScope(scope: ParsedScope, province: ScopeRegion, cities: ScopeRegion[]): Applicability {
  const p = province.name;
  switch (scope.kind) {
    case 'national':
    case 'province':
      return { applies: true, reason: null, cityCodes: codes(cities) };
    case 'ftz':
      return province.hasFtz
        ? { applies: true, reason: null, cityCodes: codes(cities, (c) => c.hasFtz) }
        : { applies: false, reason: `推广范围为${SCOPE_LABELS.ftz}，${p}无自贸试验区`, cityCodes: [] };
    case 'coastal':
      return province.coastal
        ? { applies: true, reason: null, cityCodes: codes(cities, (c) => c.coastal) }
        : { applies: false, reason: `推广范围为${SCOPE_LABELS.coastal}，${p}非沿海`, cityCodes: [] };
    case 'special_customs_zone':
    case 'integrated_customs_zone':
      return province.hasSpecialCustomsZone
        ? { applies: true, reason: null, cityCodes: codes(cities, (c) => c.hasSpecialCustomsZone) }
        : { applies: false, reason: `推广范围为${SCOPE_LABELS[scope.kind]}，${p}无海关特殊监管区域`, cityCodes: [] };
    case 'regions': {
      if (scope.regions.some((r) => samePlace(r, province.name))) return { applies: true, reason: null, cityCodes: codes(cities) };
      const listed = cities.filter((c) => scope.regions.some((r) => samePlace(r, c.name)));
      return listed.length
        ? { applies: true, reason: null, cityCodes: listed.map((c) => c.code) }
        : { applies: false, reason: `推广范围为${scope.regions.join('、')}，${p}及其下辖城市不在其中`, cityCodes: [] };
    }
    case 'unparsed':
    default:
      return { applies: true, reason: '推广范围无法识别，请人工确认', cityCodes: codes(cities) };
  }
}
