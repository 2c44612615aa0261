import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, Clock, pageOf, type AuthUser, type Page } from '#libs/common';
import type { BulkUpdateRolloutsDto, RolloutMatrixQueryDto, RolloutQueryDto, UpdateRolloutDto } from './dto/rollout.dto.js';
import { Rollout } from './entities/rollout.entity.js';
import { canReadRollout, canWriteRollout, inRolloutProvince, type RolloutAccessFacts } from './rules/rollout-access.policy.js';
import { planRolloutChange, type RolloutState } from './rules/rollout-change.js';
import { queryRolloutEvidenceCounts, queryRolloutMatrix, type RolloutMatrix } from './rollout-matrix.query.js';
import { toRolloutView, type RolloutView } from './rollout.view.js';

const ROLLOUT_RELATIONS = { task: { reformItem: { batch: true } }, region: true } as const;
// Stands in for a missing province id so a user without one matches nothing rather than everything.
const NO_PROVINCE = '00000000-0000-0000-0000-000000000000';

const stateOf = (r: RolloutState): RolloutState => ({ status: r.status, adoptedOn: r.adoptedOn, implementedOn: r.implementedOn, note: r.note });

@Injectable()
export class RolloutService {
  constructor(
    @InjectRepository(Rollout) private readonly rollouts: Repository<Rollout>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: RolloutQueryDto, user: AuthUser): Promise<Page<RolloutView>> {
    const qb = this.rollouts
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.task', 't')
      .innerJoinAndSelect('t.reformItem', 'i')
      .leftJoinAndSelect('i.batch', 'b')
      .innerJoinAndSelect('r.region', 'g');
    if (user.role !== 'admin') qb.andWhere('t.region_id = :provinceId', { provinceId: user.provinceId ?? NO_PROVINCE });
    if (user.role === 'city') qb.andWhere('(r.region_id = :ownRegionId OR g.parent_id = :ownRegionId)', { ownRegionId: user.regionId ?? NO_PROVINCE });
    if (query.taskId) qb.andWhere('r.task_id = :taskId', { taskId: query.taskId });
    if (query.regionId) qb.andWhere('(r.region_id = :regionId OR g.parent_id = :regionId)', { regionId: query.regionId });
    if (query.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: query.batchId });
    if (query.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: query.status });
    // Only many-to-one joins: offset/limit page the rows directly without multiplying them.
    qb.orderBy('i.seq', 'ASC').addOrderBy('g.code', 'ASC').addOrderBy('r.id', 'ASC');
    const [items, total] = await Promise.all([qb.clone().offset((query.page - 1) * query.pageSize).limit(query.pageSize).getMany(), qb.getCount()]);
    return pageOf(await this.views(items), total, query);
  }

  async get(id: string, user: AuthUser): Promise<RolloutView> {
    const rollout = await this.findOrFail(id);
    if (!canReadRollout(user, factsOf(rollout))) throw notFound(id);
    return (await this.views([rollout]))[0];
  }

  /** The coordinator's matrix: the province's items × cities with counts per row, column and in all. */
  matrix(query: RolloutMatrixQueryDto, user: AuthUser): Promise<RolloutMatrix> {
    let provinceId = user.provinceId;
    if (user.role === 'admin') {
      if (!query.regionId) throw badField('regionId', '管理员须指定省份 (regionId is required for administrators)');
      provinceId = query.regionId;
    } else if (query.regionId && query.regionId !== user.provinceId) {
      throw new ForbiddenException('只能查看本省的承接落实情况 (only your own province)');
    }
    return queryRolloutMatrix(this.dataSource, provinceId ?? NO_PROVINCE, query.batchId);
  }

  /** For evidence attached to a rollout: which task it belongs to and who may write it. */
  async accessFacts(id: string): Promise<RolloutAccessFacts & { id: string; taskId: string }> {
    const rollout = await this.findOrFail(id);
    return { id, taskId: rollout.taskId, ...factsOf(rollout) };
  }

  async update(id: string, dto: UpdateRolloutDto, user: AuthUser): Promise<RolloutView> {
    this.requireWritable(await this.findOrFail(id), user);
    requireSomeChange(dto);
    await this.dataSource.transaction((m) => this.applyChange(m, id, dto, user));
    return this.get(id, user);
  }

  /** The same change for several rollouts: all of them or none (one transaction, one audit row each). */
  async bulkUpdate(dto: BulkUpdateRolloutsDto, user: AuthUser): Promise<RolloutView[]> {
    const { ids, ...change } = dto;
    requireSomeChange(change);
    const found = await this.rollouts.find({ where: { id: In(ids) }, relations: ROLLOUT_RELATIONS });
    const missing = ids.filter((id) => !found.some((r) => r.id === id));
    if (missing.length) throw notFound(missing.join(', '));
    for (const rollout of found) this.requireWritable(rollout, user);
    const names = new Map(found.map((r) => [r.id, r.task?.reformItem?.name ?? r.id]));
    await this.dataSource.transaction(async (m) => {
      // A fixed lock order keeps two bulk updates over overlapping rows from deadlocking.
      for (const id of [...ids].sort()) await this.applyChange(m, id, change, user, names.get(id));
    });
    const updated = await this.rollouts.find({ where: { id: In(ids) }, relations: ROLLOUT_RELATIONS });
    return this.views(ids.map((id) => updated.find((r) => r.id === id)!));
  }

  private requireWritable(rollout: Rollout, user: AuthUser): void {
    const facts = factsOf(rollout);
    // Another province's rollout is not the caller's business (404); a rollout of another city in the province is (403).
    if (!inRolloutProvince(user, facts)) throw notFound(rollout.id);
    if (!canWriteRollout(user, facts)) {
      throw new ForbiddenException('只有本市商务部门或省商务厅可以更新该市的承接落实情况 (only the city itself or the coordinator can update this rollout)');
    }
  }

  /** One rollout's change inside the caller's transaction; `itemName` prefixes a refusal when several are changed. */
  private async applyChange(m: EntityManager, id: string, dto: UpdateRolloutDto, user: AuthUser, itemName?: string): Promise<void> {
    // Lock the row so two people recording the same city at once cannot interleave their date checks.
    const locked = await m.findOneOrFail(Rollout, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const before = stateOf(locked);
    const change = planRolloutChange(before, dto, this.clock.today());
    if (!change.ok) throw badField(change.field, itemName ? `“${itemName}”：${change.message}` : change.message);
    await m.update(Rollout, { id }, { ...change.next, updatedBy: user.id });
    await this.audit.record(m, { actor: user, entityType: 'rollout', entityId: id, action: 'update', before, after: change.next });
  }

  private async views(rollouts: Rollout[]): Promise<RolloutView[]> {
    const evidence = await queryRolloutEvidenceCounts(this.dataSource, rollouts.map((r) => r.id));
    return rollouts.map((r) => toRolloutView(r, evidence.get(r.id) ?? 0));
  }

  private async findOrFail(id: string): Promise<Rollout> {
    const rollout = await this.rollouts.findOne({ where: { id }, relations: ROLLOUT_RELATIONS });
    if (!rollout) throw notFound(id);
    return rollout;
  }
}

function requireSomeChange(dto: UpdateRolloutDto): void {
  if (Object.values(dto).every((v) => v === undefined)) throw badField('status', '请至少提供一项修改 (nothing to change: send status, adoptedOn, implementedOn or note)');
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`承接落实记录不存在 (rollout ${id} not found)`);
}

function factsOf(r: Rollout): RolloutAccessFacts {
  return { provinceId: r.task!.regionId, regionId: r.regionId, regionParentId: r.region!.parentId };
}
