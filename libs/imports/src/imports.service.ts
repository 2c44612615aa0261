import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, Repository, type EntityTarget } from 'typeorm';
import { AuditService } from '#libs/audit';
import { Batch, CatalogService, PolicyDocument, ReformItem } from '#libs/catalog';
import { badField, pageOf, type AuthUser, type Page } from '#libs/common';
import { OrganisationService } from '#libs/organisation';
import { matchDepartments, type ImportField, type KnownDepartment } from '#libs/parsing';
import type { ImportOptionsDto, ImportRecordQueryDto, ImportRequestDto } from './dto/import-request.dto.js';
import type { ImportAction, ImportResultDto, ImportRowResultDto } from './dto/import-result.dto.js';
import { ImportRecord, type ImportFormat } from './entities/import-record.entity.js';
import { buildImportTable, FIELD_LABELS, importRejected, type ImportRow, type ImportTable, type RowProblem } from './import-table.js';
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
}

@Injectable()
export class ImportsService {
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
    if (!dto.title && !(await this.catalog.findDocumentByNumber(dto.docNumber))) {
      throw badField('title', `文号 ${dto.docNumber} 的文件尚未登记，须填写文件标题 title (title is required for a new document)`);
    }
    const known = await this.knownDepartments(actor);

    try {
      return await this.dataSource.transaction(async (m) => {
        const document = await this.findOrCreate(m, PolicyDocument, 'document', actor, { docNumber: dto.docNumber }, {
          create: { docNumber: dto.docNumber, title: dto.title!, issuer: dto.issuer ?? null, issuedOn: dto.issuedOn ?? null, url: null },
          update: { title: dto.title, issuer: dto.issuer, issuedOn: dto.issuedOn },
        });
        const batch = await this.findOrCreate(m, Batch, 'batch', actor, { documentId: document.entity.id, name: dto.batchName }, {
          create: { documentId: document.entity.id, name: dto.batchName, kind: dto.batchKind ?? 'pilot-experience', publishedOn: document.entity.issuedOn, defaultScope: dto.defaultScope ?? null },
          update: { kind: dto.batchKind, defaultScope: dto.defaultScope },
        });
        const itemsBefore = await this.itemsBySeq(m, batch.entity.id);
        const counts = await this.catalog.upsertItems(m, { ...batch.entity, document: document.entity }, table.rows.map((r) => r.input), actor);
        const itemsAfter = await this.itemsBySeq(m, batch.entity.id);

        const warnings: RowProblem[] = [];
        const rows = table.rows.map((r) => this.rowResult(r, itemsBefore, itemsAfter, table, known, dryRun, warnings));
        const inFile = new Set(table.rows.map((r) => r.input.seq));
        const keepId = (action: ImportAction, id: string) => (dryRun && action === 'create' ? null : id);
        const result: ImportResultDto = {
          dryRun,
          recordId: null,
          format: source.format,
          fileName: source.fileName,
          headerRow: table.headerRow,
          columns: table.columns as Record<string, string>,
          ignoredColumns: table.ignoredColumns,
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
        await this.audit.record(m, { actor, entityType: 'import', entityId: record.id, action: 'import', after: record });
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

  private async readSource(file: UploadedTable | undefined, dto: ImportRequestDto): Promise<{ format: ImportFormat; fileName: string | null; rows: RawRow[] }> {
    if (file && dto.rows) throw badField('rows', '请只提供一种数据：上传文件 file 或 JSON rows，不能同时提供 (send either file or rows)');
    if (file) {
      const { format, rows } = await readUpload(file.originalname, file.buffer);
      return { format, fileName: file.originalname, rows };
    }
    if (dto.rows) return { format: 'json', fileName: null, rows: jsonRowsToTable(dto.rows) };
    throw badField('file', '请上传文件（表单字段 file，.xlsx 或 .csv），或以 JSON 提交 rows (a file or rows is required)');
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
  ): ImportRowResultDto {
    const item = after.get(r.input.seq)!;
    const old = before.get(r.input.seq);
    const action: ImportAction = !old ? 'create' : JSON.stringify(old) !== JSON.stringify(item) ? 'update' : 'unchanged';
    const label = (f: ImportField) => table.columns[f] ?? FIELD_LABELS[f];
    const warn = (f: ImportField, message: string, text: string | null) => warnings.push({ row: r.row, column: label(f), message, text: text ?? '' });

    const names = [item.nationalLead, ...item.nationalParticipants].filter((n): n is string => !!n);
    const matches = matchDepartments(names, known.departments, { province: known.province });
    const matched = matches.flatMap((x) => (x.department ? [{ input: x.input, departmentId: x.department.id, departmentName: x.department.name }] : []));
    const unknown = matches.filter((x) => !x.department).map((x) => x.input);

    if (item.deadlineText && item.deadlineKind === 'unparsed') warn('deadline', '时限无法识别，已保留原文，请人工核对 (deadline not understood; kept as written)', item.deadlineText);
    if (item.scope.kind === 'unparsed') warn('scope', `推广范围无法识别：${item.scope.note ?? ''}，请人工核对或填写批次默认范围 defaultScope (scope not understood)`, item.scopeText);
    if (unknown.length) warn('departments', `未匹配到已登记的部门：${unknown.join('、')}（可在部门管理中登记或添加别名） (unknown departments)`, item.departmentsText);

    return {
      row: r.row,
      seq: item.seq,
      name: item.name,
      action,
      itemId: dryRun && action === 'create' ? null : item.id,
      deadline: { text: item.deadlineText, kind: item.deadlineKind, date: item.deadlineDate },
      departments: { text: item.departmentsText, lead: item.nationalLead, participants: item.nationalParticipants, matched, unknown },
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
    if (!actor.provinceId) return { departments: national, province: undefined };
    const [provincial, province] = await Promise.all([this.organisation.departmentsOfRegion(actor.provinceId), this.organisation.findRegionOrFail(actor.provinceId)]);
    return { departments: [...national, ...provincial], province: province.name };
  }
}
