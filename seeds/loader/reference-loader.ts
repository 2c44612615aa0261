import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { AuditService, auditInsertSql } from '#libs/audit';
import { Batch, CatalogService, PolicyDocument, ReformItem, toReformItemInput } from '#libs/catalog';
import { Department, OrganisationService, Region, Zone } from '#libs/organisation';
import { matchDepartments, parseScope, type KnownDepartment } from '#libs/parsing';
import { Milestone, Task, TasksService } from '#libs/tasks';
import { readSeedData, type DocumentRecord, type SeedData, type TaskTableRecord } from './seed-data.js';
import { changedKeys, Tally, type Outcome } from './tally.js';

/**
 * Reference data is written by the system, not a person: audit rows carry actor null (the same convention
 * as CatalogService.upsertItems and UsersService.create for seeds and imports).
 */
const SYSTEM = null;

interface Services {
  dataSource: DataSource;
  audit: AuditService;
  catalog: CatalogService;
  organisation: OrganisationService;
  tasks: TasksService;
}

/**
 * Loads seeds/data into the database: regions, departments, documents → batches → items, then the province task
 * tables (鲁政发〔2016〕32号, 鲁政办发〔2015〕21号) as adopted tasks. Idempotent: a second run writes nothing and
 * records no audit rows. Used by `npm run seed` and by the e2e suite against the test app.
 */
export async function loadReferenceData(app: INestApplicationContext, data: SeedData = readSeedData()): Promise<Tally> {
  const s: Services = {
    dataSource: app.get(DataSource),
    audit: app.get(AuditService),
    catalog: app.get(CatalogService),
    organisation: app.get(OrganisationService),
    tasks: app.get(TasksService),
  };
  const tally = new Tally();
  await loadOrganisation(s, data, tally);
  for (const doc of data.documents) await loadDocument(s, doc, tally);
  for (const table of data.taskTables) await loadTaskTable(s, table, tally);
  return tally;
}

/**
 * Only the country's divisions and the zone registry (what scopes are read against), for a database that needs the
 * geography without the documents: every e2e run loads it once, as `npm run seed` does.
 */
export async function loadGeography(app: INestApplicationContext, data: Pick<SeedData, 'regions' | 'zones'> = readSeedData()): Promise<Tally> {
  const audit = app.get(AuditService);
  const tally = new Tally();
  await app.get(DataSource).transaction(async (m) => {
    await loadZones(m, audit, data.zones, await loadRegions(m, audit, data.regions, tally), tally);
  });
  return tally;
}

/**
 * Finds the row by its natural key; creates it, updates only the attributes that differ, or leaves it alone.
 * Columns not in `desired` (department contacts a coordinator or the demo seed filled in) are never touched.
 */
async function upsertByKey<E extends ObjectLiteral & { id: string }>(
  m: EntityManager,
  audit: AuditService,
  target: EntityTarget<E>,
  entityType: string,
  key: Partial<E>,
  desired: Partial<E>,
): Promise<{ row: E; outcome: Outcome }> {
  const where = Object.fromEntries(Object.entries(key).map(([k, v]) => [k, v === null ? IsNull() : v])) as FindOptionsWhere<E>;
  const existing = await m.findOneBy(target, where);
  if (!existing) {
    const row = (await m.save(target, m.create(target, { ...key, ...desired } as E))) as E;
    await audit.record(m, { actor: SYSTEM, entityType, entityId: row.id, action: 'create', after: row });
    return { row, outcome: 'created' };
  }
  if (changedKeys(existing, desired).length === 0) return { row: existing, outcome: 'unchanged' };
  const before = { ...existing };
  const row = (await m.save(target, { ...existing, ...desired } as E)) as E;
  await audit.record(m, { actor: SYSTEM, entityType, entityId: row.id, action: 'update', before, after: row });
  return { row, outcome: 'updated' };
}

/** What the audit trail keeps of a new region or zone: its columns under the entity's names. */
const REGION_AUDIT = `jsonb_build_object('id', x.id, 'code', x.code, 'name', x.name, 'shortName', x.short_name, 'aliases', x.aliases, 'level', x.level,
  'parentId', x.parent_id, 'coastal', x.coastal, 'hasFtz', x.has_ftz, 'hasSpecialCustomsZone', x.has_special_customs_zone)`;
const ZONE_AUDIT = `jsonb_build_object('id', x.id, 'name', x.name, 'kind', x.kind, 'zoneType', x.zone_type, 'aliases', x.aliases, 'parentId', x.parent_id,
  'regionId', x.region_id, 'memberRegionIds', x.member_region_ids, 'sources', x.sources)`;

/**
 * New rows of `table` in one statement with their audit rows (actor null: the system), from JSON objects keyed by
 * column name; returns the new ids by natural key. ~3,200 divisions row by row would cost every seeded test
 * database ten thousand round trips.
 */
async function insertAudited(m: EntityManager, table: 'region' | 'zone', key: 'code' | 'name', audited: string, rows: Record<string, unknown>[]): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const columns = Object.keys(rows[0]!);
  const inserted: { id: string; key: string }[] = await m.query(
    `WITH x AS (INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) RETURNING *),
          a AS (${auditInsertSql(`SELECT NULL::uuid, NULL, '${table}', x.id, 'create', NULL::jsonb, ${audited} FROM x`)})
     SELECT id, ${key} AS key FROM x`,
    [JSON.stringify(rows)],
  );
  return new Map(inserted.map((r) => [r.key, r.id]));
}

/** A row the loader owns that differs from the data: updated on its own and audited (rare: a renamed division). */
async function updateAudited<E extends ObjectLiteral & { id: string }>(m: EntityManager, audit: AuditService, target: EntityTarget<E>, entityType: string, row: E, desired: Partial<E>): Promise<Outcome> {
  if (changedKeys(row, desired).length === 0) return 'unchanged';
  const after = await m.save(target, { ...row, ...desired } as E);
  await audit.record(m, { actor: SYSTEM, entityType, entityId: row.id, action: 'update', before: row, after });
  return 'updated';
}

/** Every division, level by level so each parent exists before its children. */
async function loadRegions(m: EntityManager, audit: AuditService, regions: SeedData['regions'], tally: Tally): Promise<Map<string, string>> {
  const existing = new Map((await m.find(Region)).map((r) => [r.code, r]));
  const idByCode = new Map([...existing].map(([code, r]) => [code, r.id]));
  for (const level of ['province', 'city', 'county'] as const) {
    const fresh: Record<string, unknown>[] = [];
    for (const r of regions.filter((x) => x.level === level)) {
      const parentId = r.parentCode === null ? null : idByCode.get(r.parentCode);
      if (parentId === undefined) throw new Error(`regions: ${r.name} has unknown parent ${r.parentCode}`);
      const desired: Partial<Region> = { name: r.name, shortName: r.shortName, aliases: r.aliases, level, parentId, coastal: r.coastal, hasFtz: r.hasFtz, hasSpecialCustomsZone: r.hasSpecialCustomsZone };
      const row = existing.get(r.code);
      if (row) tally.add('region', await updateAudited(m, audit, Region, 'region', row, desired));
      else fresh.push({ code: r.code, name: r.name, short_name: r.shortName, aliases: r.aliases, level, parent_id: parentId, coastal: r.coastal, has_ftz: r.hasFtz, has_special_customs_zone: r.hasSpecialCustomsZone });
    }
    for (const [code, id] of await insertAudited(m, 'region', 'code', REGION_AUDIT, fresh)) idByCode.set(code, id);
    tally.add('region', 'created', fresh.length);
  }
  return idByCode;
}

/** The zone registry, every zone by its name: FTZs and the rest first, then the 片区 (their FTZ must exist). */
async function loadZones(m: EntityManager, audit: AuditService, zones: SeedData['zones'], regionIdByCode: Map<string, string>, tally: Tally): Promise<void> {
  const existing = new Map((await m.find(Zone)).map((z) => [z.name, z]));
  const idByName = new Map([...existing].map(([name, z]) => [name, z.id]));
  const region = (code: string) => {
    const id = regionIdByCode.get(code);
    if (!id) throw new Error(`zones.json: region code ${code} is not loaded`);
    return id;
  };
  for (const areas of [false, true]) {
    const fresh: Record<string, unknown>[] = [];
    for (const z of zones.filter((x) => (x.parentName !== null) === areas)) {
      const parentId = z.parentName === null ? null : idByName.get(z.parentName);
      if (parentId === undefined) throw new Error(`zones.json: ${z.name} has unknown FTZ ${z.parentName}`);
      const desired: Partial<Zone> = { kind: z.kind, zoneType: z.zoneType, aliases: z.aliases, parentId, regionId: z.regionCode === null ? null : region(z.regionCode), memberRegionIds: z.memberCodes.map(region), sources: z.sources };
      const row = existing.get(z.name);
      if (row) tally.add('zone', await updateAudited(m, audit, Zone, 'zone', row, desired));
      else fresh.push({ name: z.name, kind: z.kind, zone_type: z.zoneType, aliases: z.aliases, parent_id: parentId, region_id: desired.regionId, member_region_ids: desired.memberRegionIds, sources: z.sources });
    }
    for (const [name, id] of await insertAudited(m, 'zone', 'name', ZONE_AUDIT, fresh)) idByName.set(name, id);
    tally.add('zone', 'created', fresh.length);
  }
}

async function loadOrganisation({ dataSource, audit }: Services, data: SeedData, tally: Tally): Promise<void> {
  await dataSource.transaction(async (m) => {
    const regionIdByCode = await loadRegions(m, audit, data.regions, tally);
    await loadZones(m, audit, data.zones, regionIdByCode, tally);
    for (const d of data.departments) {
      const regionId = d.regionCode === null ? null : regionIdByCode.get(d.regionCode);
      if (regionId === undefined) throw new Error(`departments.json: ${d.name} has unknown regionCode ${d.regionCode}`);
      const { outcome } = await upsertByKey(m, audit, Department, 'department', { name: d.name, regionId }, {
        level: d.level,
        aliases: d.aliases,
        successorName: d.successor ?? null,
      });
      tally.add('department', outcome);
    }
  });
}

async function loadDocument({ dataSource, audit, catalog }: Services, doc: DocumentRecord, tally: Tally): Promise<void> {
  await dataSource.transaction(async (m) => {
    const { row: document, outcome } = await upsertByKey(m, audit, PolicyDocument, 'document', { docNumber: doc.docNumber }, {
      title: doc.title,
      issuer: doc.issuer,
      issuedOn: doc.issuedOn,
      url: doc.url,
    });
    tally.add('document', outcome);
    for (const b of doc.batches) {
      const { row: batch, outcome: batchOutcome } = await upsertByKey(m, audit, Batch, 'batch', { documentId: document.id, name: b.name }, {
        kind: b.kind,
        publishedOn: b.publishedOn,
        defaultScope: b.defaultScope,
      });
      tally.add('batch', batchOutcome);
      // Items go through the catalog so their parsed columns come from the same parsers as an import.
      tally.addCounts('reform_item', await catalog.upsertItems(m, { ...batch, document }, b.items.map(toReformItemInput), SYSTEM));
    }
  });
}

/** A department name as the table writes it (省工商局, 山东检验检疫局 …) → the province's department, by name then alias. */
function departmentResolver(known: KnownDepartment[], province: Region, table: TaskTableRecord) {
  return (name: string, seq: number): string => {
    const [match] = matchDepartments([name], known, { province: province.name });
    if (!match?.department) throw new Error(`${table.docNumber} #${seq}: department ${name} is not in departments.json for ${province.name}`);
    return match.department.id;
  };
}

/** What the audit trail keeps of a task assignment. */
function assignment(t: Pick<Task, 'leadDepartmentId' | 'scopeText' | 'scope' | 'outcome' | 'deadlineKind' | 'dueDate' | 'deadlineText'>, participantIds: string[]) {
  return { leadDepartmentId: t.leadDepartmentId, participantDepartmentIds: [...participantIds].sort(), scopeText: t.scopeText, scope: t.scope, outcome: t.outcome, deadlineKind: t.deadlineKind, dueDate: t.dueDate, deadlineText: t.deadlineText };
}

/**
 * A province's task table: adopt the batch the standard way (tasks, applicability, city rollouts), then write the
 * table's departments, scope, outcome, deadline and milestones — only into tasks that still have no lead department,
 * so a coordinator's later reassignment survives a rerun.
 */
async function loadTaskTable({ dataSource, audit, catalog, organisation, tasks }: Services, table: TaskTableRecord, tally: Tally): Promise<void> {
  const province = await organisation.findRegionByCode(table.regionCode);
  const document = await catalog.findDocumentByNumber(table.implements.docNumber);
  const batch = document && (await dataSource.getRepository(Batch).findOneBy({ documentId: document.id, name: table.implements.batch }));
  if (!province || !batch) throw new Error(`${table.docNumber}: region ${table.regionCode} or batch ${table.implements.docNumber} ${table.implements.batch} is not loaded`);

  const adoption = await tasks.adoptBatch(batch.id, province.id, SYSTEM);
  tally.add('task', 'created', adoption.created);
  tally.add('task', 'unchanged', adoption.existing);

  const known: KnownDepartment[] = (await organisation.departmentsOfRegion(province.id)).map((d) => ({ id: d.id, name: d.name, aliases: d.aliases }));
  const resolve = departmentResolver(known, province, table);
  await dataSource.transaction(async (m) => {
    const items = await m.find(ReformItem, { where: { batchId: batch.id } });
    const itemIdBySeq = new Map(items.map((i) => [i.seq, i.id]));
    const rows = await m.find(Task, { where: { regionId: province.id, reformItemId: In(items.map((i) => i.id)) }, relations: { participants: true }, lock: { mode: 'pessimistic_write', tables: ['task'] } });
    const taskByItem = new Map(rows.map((t) => [t.reformItemId, t]));

    for (const entry of table.tasks) {
      const task = taskByItem.get(itemIdBySeq.get(entry.itemSeq) ?? '');
      if (!task) throw new Error(`${table.docNumber}: item #${entry.itemSeq} is not in batch ${table.implements.batch}`);
      if (task.leadDepartmentId !== null || entry.leadDepartment === null) {
        tally.add('task assignment', 'unchanged');
        continue;
      }
      const oldParticipants = (task.participants ?? []).map((d) => d.id);
      const before = assignment(task, oldParticipants);
      const leadId = resolve(entry.leadDepartment, entry.itemSeq);
      const participantIds = [...new Set(entry.participantDepartments.map((n) => resolve(n, entry.itemSeq)))].filter((id) => id !== leadId);
      const changes: Partial<Task> = { leadDepartmentId: leadId };
      if (entry.scopeText) {
        const scope = parseScope(entry.scopeText);
        changes.scopeText = entry.scopeText;
        changes.scope = { kind: scope.kind, regions: scope.regions, note: scope.note, label: scope.label };
      }
      if (entry.outcome) changes.outcome = entry.outcome;
      // A table without a 时限 column (32号) keeps the national item's deadline that adoption gave the task.
      if (entry.deadline?.kind === 'date' && entry.deadline.date) {
        Object.assign(changes, { deadlineKind: 'date', dueDate: entry.deadline.date, deadlineText: entry.deadlineText });
      }
      await m.update(Task, { id: task.id }, changes);
      await m.createQueryBuilder().relation(Task, 'participants').of(task.id).addAndRemove(participantIds, oldParticipants);
      await audit.record(m, { actor: SYSTEM, entityType: 'task', entityId: task.id, action: 'update', before, after: assignment({ ...task, ...changes }, participantIds) });
      tally.add('task assignment', 'updated');

      if (entry.milestones.length) {
        await tasks.replaceMilestones(m, task.id, entry.milestones.map((x) => ({ title: x.title, dueDate: x.due, deadlineText: x.deadlineText })));
        const written = await m.find(Milestone, { where: { taskId: task.id } });
        await audit.record(m, ...written.map((x) => ({ actor: SYSTEM, entityType: 'milestone', entityId: x.id, action: 'create', after: x })));
        tally.add('milestone', 'created', written.length);
      }
    }
  });
}
