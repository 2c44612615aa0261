import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, pageOf, type AuthUser, type Page } from '#libs/common';
import { OrganisationService } from '#libs/organisation';
import { parseDeadline, parseDepartments, parseScope, unreadableWords, type Gazetteer } from '#libs/parsing';
import { BatchListQuery, type BatchListRow } from './batch-list.query.js';
import type { BatchQueryDto, CreateBatchDto, UpdateBatchDto } from './dto/batch.dto.js';
import type { CreateDocumentDto, DocumentQueryDto, UpdateDocumentDto } from './dto/document.dto.js';
import type { CreateReformItemDto, ReformItemQueryDto, UpdateReformItemDto } from './dto/reform-item.dto.js';
import { Batch } from './entities/batch.entity.js';
import { PolicyDocument } from './entities/policy-document.entity.js';
import { ReformItem } from './entities/reform-item.entity.js';

export type ReformItemInput = Omit<CreateReformItemDto, 'batchId'> & {
  /** departmentsText comes from a 牵头部门 column: every department it names leads (parseDepartments' leadColumn). */
  departmentsLeadColumn?: boolean;
};

const LEAD_NAME_MAX = 128;

/** Why a 负责部门 text cannot be stored, or null: its lead is kept in a column of 128 characters. */
export function departmentsTextProblem(text: string): string | null {
  const { lead } = parseDepartments(text);
  if (!lead || lead.length <= LEAD_NAME_MAX) return null;
  return `牵头部门“${lead.slice(0, 20)}…”超过 ${LEAD_NAME_MAX} 个字，部门之间请用顿号“、”分隔 (the lead department's name is longer than ${LEAD_NAME_MAX} characters)`;
}

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(PolicyDocument) private readonly documents: Repository<PolicyDocument>,
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    @InjectRepository(ReformItem) private readonly items: Repository<ReformItem>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organisation: OrganisationService,
    private readonly batchList: BatchListQuery,
  ) {}

  // ---- documents (文件)
  async listDocuments(query: DocumentQueryDto): Promise<Page<PolicyDocument>> {
    const qb = this.documents.createQueryBuilder('d').orderBy('d.issued_on', 'DESC', 'NULLS LAST').addOrderBy('d.doc_number');
    if (query.q) qb.andWhere('(d.doc_number ILIKE :q OR d.title ILIKE :q)', { q: `%${query.q}%` });
    if (query.issuer) qb.andWhere('d.issuer = :issuer', { issuer: query.issuer });
    const [items, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return pageOf(items, total, query);
  }

  async findDocumentOrFail(id: string): Promise<PolicyDocument> {
    const doc = await this.documents.findOneBy({ id });
    if (!doc) throw new NotFoundException(`文件不存在 (document ${id} not found)`);
    return doc;
  }

  findDocumentByNumber(docNumber: string): Promise<PolicyDocument | null> {
    return this.documents.findOneBy({ docNumber });
  }

  createDocument(dto: CreateDocumentDto, actor: AuthUser | null): Promise<PolicyDocument> {
    return this.dataSource.transaction(async (m) => {
      const doc = await m.save(PolicyDocument, m.create(PolicyDocument, { issuer: null, issuedOn: null, url: null, ...dto }));
      await this.audit.record(m, { actor, entityType: 'document', entityId: doc.id, action: 'create', after: doc });
      return doc;
    });
  }

  async updateDocument(id: string, dto: UpdateDocumentDto, actor: AuthUser): Promise<PolicyDocument> {
    const before = await this.findDocumentOrFail(id);
    return this.dataSource.transaction(async (m) => {
      const after = await m.save(PolicyDocument, { ...before, ...dto });
      await this.audit.record(m, { actor, entityType: 'document', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  // ---- batches (批次)
  /** Batches with their document and item count; given a province (the user's own, unless admin), how far it adopted each. */
  async listBatches(query: BatchQueryDto, user: AuthUser): Promise<Page<BatchListRow>> {
    if (query.regionId) await this.organisation.requireOwnProvince(query.regionId, user);
    const { rows, total } = await this.batchList.page({ ...query, provinceId: query.regionId }, (query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(rows, total, query);
  }

  async findBatchOrFail(id: string): Promise<Batch & { document: PolicyDocument }> {
    const batch = await this.batches.findOne({ where: { id }, relations: { document: true } });
    if (!batch) throw new NotFoundException(`批次不存在 (batch ${id} not found)`);
    return batch as Batch & { document: PolicyDocument };
  }

  /**
   * A batch's default scope must be readable: it stands for every item that gives none, so an unreadable one would
   * leave them all undecided. 400 naming `field` and the words not understood.
   */
  async checkDefaultScope(text: string | null | undefined, field = 'defaultScope'): Promise<void> {
    if (text === null || text === undefined || !text.trim()) return;
    const scope = parseScope(text, { gazetteer: await this.organisation.gazetteer() });
    if (scope.kind === 'unparsed') {
      throw badField(field, `批次默认范围无法识别：${unreadableWords(scope)}。请写“全国”“自贸试验区”“海关特殊监管区域”“沿海地区”或省、市、区域名称 (${field} not understood)`);
    }
  }

  async createBatch(dto: CreateBatchDto, actor: AuthUser | null): Promise<Batch> {
    await this.findDocumentOrFail(dto.documentId);
    await this.checkDefaultScope(dto.defaultScope);
    return this.dataSource.transaction(async (m) => {
      const batch = await m.save(Batch, m.create(Batch, { publishedOn: null, defaultScope: null, ...dto }));
      await this.audit.record(m, { actor, entityType: 'batch', entityId: batch.id, action: 'create', after: batch });
      return batch;
    });
  }

  async updateBatch(id: string, dto: UpdateBatchDto, actor: AuthUser): Promise<Batch> {
    const { document: _document, ...before } = await this.findBatchOrFail(id);
    await this.checkDefaultScope(dto.defaultScope);
    return this.dataSource.transaction(async (m) => {
      const after = await m.save(Batch, { ...before, ...dto });
      await this.audit.record(m, { actor, entityType: 'batch', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  // ---- reform items (改革事项)
  async listItems(query: ReformItemQueryDto): Promise<Page<ReformItem>> {
    const qb = this.items.createQueryBuilder('i').orderBy('i.batch_id').addOrderBy('i.seq');
    if (query.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: query.batchId });
    if (query.domain) qb.andWhere('i.domain = :domain', { domain: query.domain });
    if (query.q) qb.andWhere('i.name ILIKE :q', { q: `%${query.q}%` });
    const [items, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return pageOf(items, total, query);
  }

  async findItemOrFail(id: string): Promise<ReformItem> {
    const item = await this.items.findOne({ where: { id }, relations: { batch: { document: true } } });
    if (!item) throw new NotFoundException(`改革事项不存在 (reform item ${id} not found)`);
    return item;
  }

  itemsOfBatch(batchId: string): Promise<ReformItem[]> {
    return this.items.find({ where: { batchId }, order: { seq: 'ASC' } });
  }

  async createItem(dto: CreateReformItemDto, actor: AuthUser): Promise<ReformItem> {
    const batch = await this.findBatchOrFail(dto.batchId);
    const gazetteer = await this.organisation.gazetteer();
    return this.dataSource.transaction(async (m) => {
      const item = await m.save(ReformItem, m.create(ReformItem, { batchId: batch.id, ...this.itemFields(dto, batch, gazetteer) }));
      await this.audit.record(m, { actor, entityType: 'reform_item', entityId: item.id, action: 'create', after: item });
      return item;
    });
  }

  async updateItem(id: string, dto: UpdateReformItemDto, actor: AuthUser): Promise<ReformItem> {
    const { batch, ...before } = await this.findItemOrFail(id);
    const merged: ReformItemInput = { ...toReformItemInput(before), ...dto };
    const gazetteer = await this.organisation.gazetteer();
    const fields = this.itemFields(merged, batch as Batch & { document: PolicyDocument }, gazetteer);
    // Departments not edited stay as they were read: re-reading the text would lose what its column said (牵头部门).
    const departments = dto.departmentsText === undefined && dto.nationalParticipants === undefined ? { nationalLead: before.nationalLead, nationalParticipants: before.nationalParticipants, nationalCoLeads: before.nationalCoLeads, departmentsOpenGroup: before.departmentsOpenGroup } : {};
    return this.dataSource.transaction(async (m) => {
      const after = await m.save(ReformItem, { ...before, ...fields, ...departments });
      await this.audit.record(m, { actor, entityType: 'reform_item', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  /**
   * Creates or updates a batch's items by seq inside the caller's transaction (imports and seeds):
   * re-importing the same document updates in place and never duplicates.
   */
  async upsertItems(
    m: EntityManager,
    batch: Batch & { document: PolicyDocument },
    inputs: ReformItemInput[],
    actor: AuthUser | null,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const existing = new Map((await m.find(ReformItem, { where: { batchId: batch.id } })).map((i) => [i.seq, i]));
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const gazetteer = await this.organisation.gazetteer();
    for (const input of inputs) {
      const fields = this.itemFields(input, batch, gazetteer);
      const before = existing.get(input.seq);
      if (!before) {
        const item = await m.save(ReformItem, m.create(ReformItem, { batchId: batch.id, ...fields }));
        await this.audit.record(m, { actor, entityType: 'reform_item', entityId: item.id, action: 'import', after: item });
        counts.created++;
      } else if (changed(before, fields)) {
        const after = await m.save(ReformItem, { ...before, ...fields });
        await this.audit.record(m, { actor, entityType: 'reform_item', entityId: before.id, action: 'import', before, after });
        counts.updated++;
      } else {
        counts.unchanged++;
      }
    }
    return counts;
  }

  /** Derives the parsed columns from the text as the document wrote it; the original text is always kept. */
  itemFields(input: ReformItemInput, batch: Batch & { document: PolicyDocument }, gazetteer?: Gazetteer): Omit<ReformItem, 'id' | 'batchId' | 'batch' | 'createdAt' | 'updatedAt'> {
    const tooLong = input.departmentsText ? departmentsTextProblem(input.departmentsText) : null;
    if (tooLong) throw badField('departmentsText', tooLong);
    const departments = input.departmentsText ? parseDepartments(input.departmentsText, { leadColumn: input.departmentsLeadColumn }) : null;
    const scope = parseScope(input.scopeText, { defaultScope: batch.defaultScope ?? undefined, gazetteer });
    const deadline = input.deadlineText ? parseDeadline(input.deadlineText, { documentDate: batch.document.issuedOn ?? batch.publishedOn ?? undefined }) : null;
    return {
      seq: input.seq,
      name: input.name.trim(),
      domain: input.domain ?? null,
      content: input.content ?? null,
      departmentsText: input.departmentsText ?? null,
      nationalLead: departments?.lead ?? null,
      nationalParticipants: input.nationalParticipants ?? departments?.participants ?? [],
      nationalCoLeads: departments?.coLeads ?? [],
      // "等" alone only says the list goes on; a named group ("有关部门") is shown beside the departments.
      departmentsOpenGroup: departments?.openGroupText && departments.openGroupText !== '等' ? departments.openGroupText.slice(0, 200) : null,
      scopeText: input.scopeText ?? null,
      scope: { kind: scope.kind, regions: scope.regions, note: scope.note, label: scope.label },
      deadlineText: input.deadlineText ?? null,
      deadlineKind: deadline?.kind ?? 'unparsed',
      deadlineDate: deadline?.date ?? null,
      outcome: input.outcome ?? null,
      sourceDocument: input.sourceDocument ?? null,
    };
  }
}

/** The item's text as written, where a stored or seeded null means "not written" (undefined in the DTO). */
export type ReformItemText = Pick<ReformItem, 'seq' | 'name'> & Partial<Record<'domain' | 'content' | 'departmentsText' | 'scopeText' | 'deadlineText' | 'outcome' | 'sourceDocument', string | null>>;

export function toReformItemInput(item: ReformItemText): ReformItemInput {
  return {
    seq: item.seq,
    name: item.name,
    domain: item.domain ?? undefined,
    content: item.content ?? undefined,
    departmentsText: item.departmentsText ?? undefined,
    scopeText: item.scopeText ?? undefined,
    deadlineText: item.deadlineText ?? undefined,
    outcome: item.outcome ?? undefined,
    sourceDocument: item.sourceDocument ?? undefined,
  };
}

// jsonb hands objects back with its own key order (scope comes back as kind, note, label, regions): compare with keys sorted.
function stable(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

function changed(before: ReformItem, fields: Partial<ReformItem>): boolean {
  return Object.entries(fields).some(([k, v]) => stable(before[k as keyof ReformItem]) !== stable(v));
}
