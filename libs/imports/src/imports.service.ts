import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, Repository, type EntityTarget } from 'typeorm';
import { AuditService } from '#libs/audit';
import { Batch, CatalogService, PolicyDocument, ReformItem } from '#libs/catalog';
import { appConfig, badField, pageOf, type AuthUser, type Page } from '#libs/common';
import { OrganisationService, type Department } from '#libs/organisation';
import { matchDepartments, normaliseText, type ImportField, type KnownDepartment } from '#libs/parsing';
import type { DepartmentMappingDto, ImportOptionsDto, ImportRecordQueryDto, ImportRequestDto } from './dto/import-request.dto.js';
import type { AppliedDepartmentMappingDto, ImportAction, ImportResultDto, ImportRowResultDto, ImportSource, UnknownDepartmentDto } from './dto/import-result.dto.js';
import { ImportRecord, type ImportFormat } from './entities/import-record.entity.js';
import { checkTableSize, importLimits, type ImportLimits } from './import-limits.js';
import { buildImportTable, FIELD_LABELS, importRejected, type ImportRow, type ImportTable, type RowProblem } from './import-table.js';
import { parsePastedTable } from './readers/csv-reader.js';
import { jsonRowsToTable } from './readers/json-reader.js';
import type { RawRow } from './readers/raw-row.js';
import { readUpload } from './readers/read-upload.js';

/** The part of a multer file the importer reads (memory storage). */
export interface UploadedTable {
  originalname: string;
  buffer: Buffer;
}

/** Thrown inside the transaction to roll a dry run back after it has computed exactly what a real import would do. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResultDto) {
    super('dry run');
  }
}

interface Known {
  departments: KnownDepartment[];
  province: string | undefined;
  /** Departments a dry run's mappings created: rolled back, so their ids are not shown. */
  phantom: Set<string>;
}

/** A row's department names as the catalog parsed them: the lead (listed first), the co-leads and the participants. */
function departmentNames(item: ReformItem): { name: string; role: 'lead' | 'co_lead' | 'participant' }[] {
  return [
    ...(item.nationalLead ? [{ name: item.nationalLead, role: 'lead' as const }] : []),
    ...item.nationalParticipants.map((name) => ({ name, role: item.nationalCoLeads.includes(name) ? ('co_lead' as const) : ('participant' as const) })),
  ];
}

const asKnown = (d: Department): KnownDepartment => ({ id: d.id, name: d.name, aliases: d.aliases });

@Injectable()
export class ImportsService {
  private readonly limits: ImportLimits = importLimits(appConfig());

  constructor(
    @InjectRepository(ImportRecord) private readonly records: Repository<ImportRecord>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Imports an annex table into a document's batch. Everything happens in one transaction: document, batch,
   * items (updated in place by seq), the import record and the audit rows. A dry run runs the very same
   * transaction and rolls it back, so its plan is what a real import would do and nothing is kept.
   */
  async importTable(file: UploadedTable | undefined, dto: ImportRequestDto, options: ImportOptionsDto, actor: AuthUser): Promise<ImportResultDto> {
    const dryRun = options.dryRun ?? false;
    const skipInvalid = options.skipInvalid ?? false;
    const source = await this.readSource(file, dto);
    const table = buildImportTable(source.rows);
    if (table.problems.length && !dryRun && !skipInvalid) {
      throw importRejected(
        `${table.invalidRows.length} 行有问题，整表未导入：请修正后重新上传，或加 skipInvalid=true 只导入无误的行 (${table.invalidRows.length} rows have problems; nothing was imported)`,
        table.problems,
      );
    }
    if (!table.rows.length && !dryRun) throw importRejected('没有可导入的行：所有数据行都有问题 (no valid rows to import)', table.problems);
    await this.checkDocument(dto);
    await this.catalog.checkDefaultScope(dto.defaultScope);
    const known = await this.knownDepartments(actor);

    try {
      return await this.dataSource.transaction(async (m) => {
        const document = await this.findOrCreate(m, PolicyDocument, 'document', actor, { docNumber: dto.docNumber }, {
          create: { docNumber: dto.docNumber, title: dto.title!, issuer: dto.issuer ?? null, issuedOn: dto.issuedOn ?? null, url: null },
          update: { issuer: dto.issuer, issuedOn: dto.issuedOn },
        });
        const batch = await this.findOrCreate(m, Batch, 'batch', actor, { documentId: document.entity.id, name: dto.batchName }, {
          create: { documentId: document.entity.id, name: dto.batchName, kind: dto.batchKind ?? 'pilot-experience', publishedOn: document.entity.issuedOn, defaultScope: dto.defaultScope ?? null },
          update: { kind: dto.batchKind, defaultScope: dto.defaultScope },
        });
        const itemsBefore = await this.itemsBySeq(m, batch.entity.id);
        const counts = await this.catalog.upsertItems(m, { ...batch.entity, document: document.entity }, table.rows.map((r) => r.input), actor);
        const itemsAfter = await this.itemsBySeq(m, batch.entity.id);
        const items = table.rows.map((r) => itemsAfter.get(r.input.seq)!);
        const mappings = await this.applyMappings(m, dto.departmentMappings ?? [], this.unknownNames(items, known), known, actor, dryRun);

        const warnings: RowProblem[] = [];
        const rows = table.rows.map((r) => this.rowResult(r, itemsBefore, itemsAfter, table, known, dryRun, warnings, batch.entity.defaultScope));
        const unknownDepartments = this.unknownDepartments(rows, table);
        const inFile = new Set(table.rows.map((r) => r.input.seq));
        const keepId = (action: ImportAction, id: string) => (dryRun && action === 'create' ? null : id);
        const result: ImportResultDto = {
          dryRun,
          recordId: null,
          format: source.format,
          source: source.source,
          fileName: source.fileName,
          headerRow: table.headerRow,
          columns: table.columns as Record<string, string>,
          ignoredColumns: table.ignoredColumns,
          sections: table.sections,
          document: {
            action: document.action,
            id: keepId(document.action, document.entity.id),
            docNumber: document.entity.docNumber,
            title: document.entity.title,
            issuer: document.entity.issuer,
            issuedOn: document.entity.issuedOn,
          },
          batch: {
            action: batch.action,
            id: keepId(batch.action, batch.entity.id),
            name: batch.entity.name,
            kind: batch.entity.kind,
            defaultScope: batch.entity.defaultScope,
          },
          counts: { rows: table.rows.length + table.invalidRows.length, ...counts, skipped: table.invalidRows.length },
          notInFile: [...itemsBefore.keys()].filter((seq) => !inFile.has(seq)).sort((a, b) => a - b),
          problems: table.problems,
          warnings,
          unknownDepartments,
          departmentMappings: mappings,
          rows,
        };
        if (dryRun) throw new DryRunRollback(result);

        const record = await m.save(ImportRecord, m.create(ImportRecord, {
          actorId: actor.id,
          actorUsername: actor.username,
          fileName: source.fileName,
          format: source.format,
          docNumber: dto.docNumber,
          documentId: document.entity.id,
          batchId: batch.entity.id,
          ...counts,
          skipped: table.invalidRows.length,
          problems: table.problems,
        }));
        await this.audit.record(m, { actor, entityType: 'import', entityId: record.id, action: 'import', after: { ...record, departmentMappings: mappings } });
        return { ...result, recordId: record.id };
      });
    } catch (e) {
      if (e instanceof DryRunRollback) return e.result;
      throw e;
    }
  }

  async listRecords(query: ImportRecordQueryDto): Promise<Page<ImportRecord>> {
    const [items, total] = await this.records.findAndCount({
      where: query.batchId ? { batchId: query.batchId } : {},
      order: { at: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  private async readSource(file: UploadedTable | undefined, dto: ImportRequestDto): Promise<{ format: ImportFormat; source: ImportSource; fileName: string | null; rows: RawRow[] }> {
    const given = (['file', 'rows', 'text'] as const).filter((k) => (k === 'file' ? file : dto[k]) !== undefined);
    if (given.length > 1) {
      throw badField(given[1]!, `请只提供一种数据：上传文件 file、粘贴的表格 text 或 JSON rows，三选一（收到 ${given.join('、')}） (send one of file, text, rows)`);
    }
    if (file) {
      const { format, rows } = await readUpload(file.originalname, file.buffer, this.limits);
      return { format, source: 'file', fileName: file.originalname, rows };
    }
    if (dto.rows) {
      const rows = jsonRowsToTable(dto.rows);
      checkTableSize(rows, this.limits, 'rows');
      return { format: 'json', source: 'rows', fileName: null, rows };
    }
    if (dto.text) {
      const rows = parsePastedTable(dto.text);
      checkTableSize(rows, this.limits, 'text');
      return { format: 'csv', source: 'text', fileName: null, rows };
    }
    throw badField('file', '请上传文件（表单字段 file，.xlsx 或 .csv）、粘贴表格（text），或以 JSON 提交 rows (a file, text or rows is required)');
  }

  /**
   * The document form against what is registered: a new 文号 needs a title; a registered one must come with its own
   * title (or none), since a different title means another document under a mistyped 文号 — 409 rather than overwrite it.
   */
  private async checkDocument(dto: ImportRequestDto): Promise<void> {
    const existing = await this.catalog.findDocumentByNumber(dto.docNumber);
    if (!existing && !dto.title) throw badField('title', `文号 ${dto.docNumber} 的文件尚未登记，须填写文件标题 (title is required for a new document)`);
    if (existing && dto.title && normaliseText(dto.title) !== normaliseText(existing.title)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `文号 ${dto.docNumber} 已登记为《${existing.title}》，与填写的标题不同：如是同一文件请使用已登记的标题，否则请核对文号 (docNumber is already registered with another title)`,
        errors: [{ field: 'docNumber', messages: [`文号 ${dto.docNumber} 已登记为《${existing.title}》`] }],
      });
    }
  }

  /** Names in the table no known department matches (normalised, as matching compares them). */
  private unknownNames(items: ReformItem[], known: Known): Set<string> {
    const names = items.flatMap((item) => departmentNames(item).map((d) => d.name));
    return new Set(matchDepartments(names, known.departments, { province: known.province }).filter((x) => !x.department).map((x) => normaliseText(x.input)));
  }

  /**
   * Applies the clerk's answers for unknown names inside the import's transaction: a name mapped to a registered
   * department becomes its alias, a name marked create becomes a department (OrganisationService's rules and audit).
   * `known` is updated so the rows match as they will after the commit.
   */
  private async applyMappings(m: EntityManager, mappings: DepartmentMappingDto[], unknown: Set<string>, known: Known, actor: AuthUser, dryRun: boolean): Promise<AppliedDepartmentMappingDto[]> {
    const seen = new Set<string>();
    const applied: AppliedDepartmentMappingDto[] = [];
    for (const [i, mapping] of mappings.entries()) {
      const field = `departmentMappings.${i}`;
      const name = normaliseText(mapping.name);
      if (mapping.departmentId !== undefined && mapping.create !== undefined) throw badField(field, `“${mapping.name}”：departmentId 与 create 只能二选一 (give departmentId or create, not both)`);
      if (seen.has(name)) throw badField(`${field}.name`, `“${mapping.name}”重复出现在 departmentMappings 中 (duplicate name)`);
      seen.add(name);
      if (!unknown.has(name)) throw badField(`${field}.name`, `表中没有未匹配的部门名称“${mapping.name}”：它可能已匹配到已登记的部门，或与表中的写法不同 (not an unknown department name of this table)`);
      let department: Department;
      if (mapping.departmentId !== undefined) {
        if (!known.departments.some((d) => d.id === mapping.departmentId)) {
          throw badField(`${field}.departmentId`, `“${mapping.name}”只能对应到国家部委或本省的部门 (map to a national or own-province department)`);
        }
        department = await this.organisation.addDepartmentAlias(m, mapping.departmentId, mapping.name.trim(), actor);
        known.departments = known.departments.map((d) => (d.id === department.id ? asKnown(department) : d));
      } else {
        department = await this.organisation.createDepartmentIn(m, { name: mapping.name.trim(), regionId: mapping.regionId }, actor);
        known.departments.push(asKnown(department));
        if (dryRun) known.phantom.add(department.id);
      }
      applied.push({ name: mapping.name, action: mapping.departmentId !== undefined ? 'alias' : 'create', departmentId: known.phantom.has(department.id) ? null : department.id, departmentName: department.name });
    }
    return applied;
  }

  /** Each unmatched name once, with the rows that use it. */
  private unknownDepartments(rows: ImportRowResultDto[], table: ImportTable): UnknownDepartmentDto[] {
    const byName = new Map<string, number[]>();
    for (const r of rows) for (const name of r.departments.unknown) byName.set(name, [...(byName.get(name) ?? []), r.row]);
    const column = table.columns.departments ?? FIELD_LABELS.departments;
    return [...byName].map(([name, rowNumbers]) => ({ name, rows: [...new Set(rowNumbers)], column }));
  }

  /** The row as stored, and what was understood of its deadline, departments and scope. */
  private rowResult(
    r: ImportRow,
    before: Map<number, ReformItem>,
    after: Map<number, ReformItem>,
    table: ImportTable,
    known: Known,
    dryRun: boolean,
    warnings: RowProblem[],
    batchDefaultScope: string | null,
  ): ImportRowResultDto {
    const item = after.get(r.input.seq)!;
    const old = before.get(r.input.seq);
    const action: ImportAction = !old ? 'create' : JSON.stringify(old) !== JSON.stringify(item) ? 'update' : 'unchanged';
    const label = (f: ImportField) => table.columns[f] ?? FIELD_LABELS[f];
    const warn = (f: ImportField, message: string, text: string | null) => warnings.push({ row: r.row, column: label(f), field: f, message, text: text ?? '' });

    const names = departmentNames(item);
    const matches = matchDepartments(names.map((n) => n.name), known.departments, { province: known.province });
    const matched = matches.flatMap((x, i) => (x.department ? [{ input: x.input, role: names[i]!.role, departmentId: known.phantom.has(x.department.id) ? null : x.department.id, departmentName: x.department.name }] : []));
    const unknown = matches.filter((x) => !x.department).map((x) => x.input);

    if (item.deadlineText && item.deadlineKind === 'unparsed') warn('deadline', '时限无法识别，已保留原文，请人工核对 (deadline not understood; kept as written)', item.deadlineText);
    // The default scope cannot be what is missing when the batch has one (it would have filled an empty cell).
    const fill = batchDefaultScope ? '' : '，或填写批次默认范围 defaultScope';
    if (item.scope.kind === 'unparsed') warn('scope', `推广范围无法识别：${item.scope.note ?? ''}；承接时该事项列为待确认，由省商务厅决定是否适用${fill} (scope not understood)`, item.scopeText);
    if (unknown.length) warn('departments', `未匹配到已登记的部门：${unknown.join('、')}（可对应到已登记的部门或新建：departmentMappings） (unknown departments)`, item.departmentsText);

    return {
      row: r.row,
      seq: item.seq,
      name: item.name,
      action,
      itemId: dryRun && action === 'create' ? null : item.id,
      domain: item.domain,
      deadline: { text: item.deadlineText, kind: item.deadlineKind, date: item.deadlineDate },
      departments: { text: item.departmentsText, lead: item.nationalLead, coLeads: item.nationalCoLeads, participants: item.nationalParticipants, matched, unknown, openGroup: item.departmentsOpenGroup },
      scope: { text: item.scopeText, kind: item.scope.kind as ImportRowResultDto['scope']['kind'], label: item.scope.label, regions: item.scope.regions, note: item.scope.note },
    };
  }

  private async itemsBySeq(m: EntityManager, batchId: string): Promise<Map<number, ReformItem>> {
    return new Map((await m.find(ReformItem, { where: { batchId } })).map((i) => [i.seq, i]));
  }

  /**
   * Finds the row by its natural key or creates it; an existing row takes the values the import gave
   * (undefined = not given, left alone) and is saved and audited only when one of them differs.
   */
  private async findOrCreate<T extends ObjectLiteral & { id: string }>(
    m: EntityManager,
    target: EntityTarget<T>,
    entityType: string,
    actor: AuthUser,
    key: Partial<T>,
    values: { create: Partial<T>; update: Partial<T> },
  ): Promise<{ entity: T; action: ImportAction }> {
    const before = await m.findOneBy(target, key);
    if (!before) {
      const entity = await m.save(target, m.create(target, values.create as T));
      await this.audit.record(m, { actor, entityType, entityId: entity.id, action: 'import', after: entity });
      return { entity, action: 'create' };
    }
    const given = Object.fromEntries(Object.entries(values.update).filter(([k, v]) => v !== undefined && before[k] !== v)) as Partial<T>;
    if (!Object.keys(given).length) return { entity: before, action: 'unchanged' };
    const entity = await m.save(target, { ...before, ...given });
    await this.audit.record(m, { actor, entityType, entityId: entity.id, action: 'import', before, after: entity });
    return { entity, action: 'update' };
  }

  /** National ministries and the importer's own province's departments: who a table's 负责部门 can name. */
  private async knownDepartments(actor: AuthUser): Promise<Known> {
    const national = await this.organisation.departmentsOfRegion(null);
    if (!actor.provinceId) return { departments: national.map(asKnown), province: undefined, phantom: new Set() };
    const [provincial, province] = await Promise.all([this.organisation.departmentsOfRegion(actor.provinceId), this.organisation.findRegionOrFail(actor.provinceId)]);
    return { departments: [...national, ...provincial].map(asKnown), province: province.name, phantom: new Set() };
  }
}
