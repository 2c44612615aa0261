import { normaliseText } from './normalise.js';
import { placeStem, SCOPE_LABELS, type AreaKind, type ParsedScope } from './scope.js';

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
  /**
   * Set when the item applies only if the coordinator says so (待确认): the voluntary wording of the scope, or the
   * words that could not be read. The task is created with it and nothing is applied silently.
   */
  pending: string | null;
  /** Units (cities, or counties directly under the province) the task rolls out to. */
  cityCodes: string[];
}

function codes(units: ScopeRegion[], keep: (c: ScopeRegion) => boolean = () => true): string[] {
  return units.filter(keep).map((c) => c.code);
}

function samePlace(listed: string, name: string): boolean {
  const a = normaliseText(listed);
  const b = normaliseText(name);
  return a === b || placeStem(a) === placeStem(b);
}

/** One kind of area in one province: the units it covers, or why it covers none. */
function areaCover(area: AreaKind, province: ScopeRegion, units: ScopeRegion[]): { units: string[] } | { reason: string } {
  const p = province.name;
  switch (area) {
    case 'national':
    case 'province':
      return { units: codes(units) };
    case 'ftz':
      return province.hasFtz ? { units: codes(units, (c) => c.hasFtz) } : { reason: `推广范围为${SCOPE_LABELS.ftz}，${p}无自贸试验区` };
    case 'coastal':
      return province.coastal ? { units: codes(units, (c) => c.coastal) } : { reason: `推广范围为${SCOPE_LABELS.coastal}，${p}非沿海` };
    case 'special_customs_zone':
    case 'integrated_customs_zone':
      return province.hasSpecialCustomsZone
        ? { units: codes(units, (c) => c.hasSpecialCustomsZone) }
        : { reason: `推广范围为${SCOPE_LABELS[area]}，${p}无海关特殊监管区域` };
  }
}

/**
 * Whether a reform item's scope covers a province, and which of its units (cities; counties directly under the
 * province). Kinds of area read the region attributes; a named city, county or zone brings in the province that
 * contains it and only its own unit — a zone never stands for its whole province or city. Voluntary wording and
 * unreadable text make the item pending (待确认): the coordinator decides, nothing is applied silently.
 */
export function evaluateScope(scope: ParsedScope, province: ScopeRegion, units: ScopeRegion[]): Applicability {
  if (scope.kind === 'unparsed') {
    const words = scope.unknown.length ? scope.unknown.map((u) => (u.startsWith('“') ? u : `“${u}”`)).join('、') : '（空）';
    const pending = `推广范围无法识别：${words}，请确认是否适用`;
    return { applies: true, reason: pending, pending, cityCodes: codes(units) };
  }
  const covered = new Set<string>();
  let whole = false;
  const reasons: string[] = [];
  for (const area of scope.areas) {
    const cover = areaCover(area, province, units);
    if ('units' in cover) {
      whole ||= area === 'national' || area === 'province';
      for (const c of cover.units) covered.add(c);
    } else reasons.push(cover.reason);
  }
  let placed = false;
  for (const place of scope.places) {
    if (place.reach.length === 0) {
      // Read without a gazetteer: the name is all there is to go by.
      if (samePlace(place.written, province.name)) {
        placed = whole = true;
        for (const c of codes(units)) covered.add(c);
      } else {
        for (const u of units.filter((x) => samePlace(place.written, x.name))) {
          placed = true;
          covered.add(u.code);
        }
      }
      continue;
    }
    for (const reach of place.reach.filter((r) => r.provinceCode === province.code)) {
      placed = true;
      if (reach.unitCodes === null) whole = true;
      for (const c of reach.unitCodes ?? codes(units)) covered.add(c);
    }
  }
  const applies = whole || placed || covered.size > 0 || (scope.areas.length > 0 && reasons.length < scope.areas.length);
  if (!applies) {
    const reason =
      scope.places.length === 0 && reasons.length === 1
        ? reasons[0]!
        : `推广范围为${scope.label}，${province.name}及其下辖地区不在其中`;
    return { applies: false, reason, pending: null, cityCodes: [] };
  }
  const cityCodes = codes(units, (u) => covered.has(u.code));
  if (scope.condition) {
    const pending = `推广范围含自愿或附条件的表述：“${scope.condition}”，请确认是否适用`;
    return { applies: true, reason: pending, pending, cityCodes };
  }
  return { applies: true, reason: null, pending: null, cityCodes };
}
