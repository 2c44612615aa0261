import { normaliseKey } from './normalise.js';
import { placeAliases } from './place-names.js';

export interface GazetteerRegion {
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

export interface GazetteerZone {
  name: string;
  aliases: string[];
  kind: string;
  /** The region it lies in; null for a group. */
  regionCode: string | null;
  /** A group's members (regions of any level). */
  memberCodes: string[];
  /** The FTZ of a 片区. */
  parentName: string | null;
}

/** Where a named place reaches in one province: some of its units (cities, or counties under the province), or all. */
export interface PlaceReach {
  provinceCode: string;
  /** null: the whole province. */
  unitCodes: string[] | null;
}

export type PlaceKind = 'province' | 'city' | 'county' | 'zone' | 'group';

export interface ScopePlace {
  /** As the document wrote it. */
  written: string;
  name: string;
  kind: PlaceKind;
  reach: PlaceReach[];
}

export type Lookup = { found: ScopePlace } | { ambiguous: string[] } | null;

const RANK: Record<PlaceKind, number> = { province: 0, city: 1, county: 2, zone: 3, group: 3 };

/** One spelling for lookups: no spaces, 自由贸易试验区 written 自贸试验区, 中国（上海） as 上海. */
export function placeKey(s: string): string {
  return normaliseKey(s)
    .replace(/^中国[（(]([^）)]+)[）)]/u, '$1')
    .replace(/自由贸易试验区/gu, '自贸试验区');
}

interface Entry {
  place: Omit<ScopePlace, 'written'>;
  /** Matched by its full name (not a short name or alias): a full name wins over another place's short name. */
  full: boolean;
}

function mergeReach(reaches: PlaceReach[]): PlaceReach[] {
  const byProvince = new Map<string, string[] | null>();
  for (const r of reaches) {
    const seen = byProvince.get(r.provinceCode);
    if (seen === null) continue;
    byProvince.set(r.provinceCode, r.unitCodes === null ? null : [...new Set([...(seen ?? []), ...r.unitCodes])]);
  }
  return [...byProvince].map(([provinceCode, unitCodes]) => ({ provinceCode, unitCodes }));
}

/**
 * Every name a scope may use for a place — divisions by full name, short name and aliases; zones and groups by name
 * and aliases — and where each reaches. Built from the regions and zones in the database, so a place added there is
 * understood by the next adoption without a code change.
 */
export class Gazetteer {
  private readonly entries = new Map<string, Entry[]>();
  private readonly regions = new Map<string, GazetteerRegion>();

  constructor(regions: GazetteerRegion[], zones: GazetteerZone[]) {
    for (const r of regions) this.regions.set(r.code, r);
    for (const r of regions) {
      const place = { name: r.name, kind: r.level, reach: this.regionReach(r.code) } satisfies Omit<ScopePlace, 'written'>;
      this.add(r.name, place, true);
      for (const alias of new Set([...(r.shortName ? [r.shortName] : []), ...r.aliases, ...placeAliases(r.name)])) this.add(alias, place, false);
    }
    const areasOf = new Map<string, GazetteerZone[]>();
    for (const z of zones) if (z.parentName) areasOf.set(z.parentName, [...(areasOf.get(z.parentName) ?? []), z]);
    for (const z of zones) {
      const reach =
        z.kind === 'group'
          ? mergeReach(z.memberCodes.flatMap((c) => this.regionReach(c)))
          : // An FTZ reaches the units of its 片区; a zone recorded at province level (海南's FTZ is the whole island)
            // reaches the province because it covers it, not because a zone stands for its province.
            mergeReach((areasOf.get(z.name) ?? [z]).flatMap((a) => (a.regionCode ? this.regionReach(a.regionCode) : [])));
      const place = { name: z.name, kind: z.kind === 'group' ? ('group' as const) : ('zone' as const), reach };
      this.add(z.name, place, true);
      for (const alias of z.aliases) this.add(alias, place, false);
    }
  }

  /** The place a written name stands for; ambiguous when two places of the same standing share it. */
  lookup(written: string): Lookup {
    const entries = this.entries.get(placeKey(written));
    if (!entries?.length) return null;
    const full = entries.filter((e) => e.full);
    const pool = full.length ? full : entries;
    const best = Math.min(...pool.map((e) => RANK[e.place.kind]));
    // The same place may be reached by two of its names; two places are two reaches (four 鼓楼区 in four cities).
    const top = [...new Map(pool.filter((e) => RANK[e.place.kind] === best).map((e) => [JSON.stringify([e.place.name, e.place.reach]), e.place])).values()];
    if (top.length > 1) return { ambiguous: top.map((p) => this.describe(p)) };
    return { found: { written, ...top[0]! } };
  }

  /** 鼓楼区（福建省福州市）: a place with where it lies, to tell namesakes apart. */
  private describe(place: Omit<ScopePlace, 'written'>): string {
    const where = place.reach.flatMap((r) => [r.provinceCode, ...(r.unitCodes ?? [])]).map((c) => this.regions.get(c)?.name).filter((n) => n && n !== place.name);
    return where.length ? `${place.name}（${where.join('')}）` : place.name;
  }

  /** The province code of a region (itself for a province). */
  provinceOf(code: string): string | null {
    let r = this.regions.get(code);
    while (r?.parentCode) r = this.regions.get(r.parentCode);
    return r?.code ?? null;
  }

  private add(name: string, place: Omit<ScopePlace, 'written'>, full: boolean): void {
    const key = placeKey(name);
    if (!key) return;
    this.entries.set(key, [...(this.entries.get(key) ?? []), { place, full }]);
  }

  /** A province reaches all of itself; a city or county reaches the unit (child of the province) it belongs to. */
  private regionReach(code: string): PlaceReach[] {
    const r = this.regions.get(code);
    if (!r) return [];
    if (!r.parentCode) return [{ provinceCode: r.code, unitCodes: null }];
    let unit = r;
    for (let up = this.regions.get(r.parentCode); up?.parentCode; up = this.regions.get(up.parentCode)) unit = up;
    const province = this.provinceOf(code);
    return province ? [{ provinceCode: province, unitCodes: [unit.code] }] : [];
  }
}
