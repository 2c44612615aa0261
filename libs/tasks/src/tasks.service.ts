import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, Repository } from 'typeorm';
import { AuditService } from '#libs/audit';
import { CatalogService, type ReformItem } from '#libs/catalog';
import { Clock, badField, pageOf, type AuthUser, type Page } from '#libs/common';
import { OrganisationService, type Department, type Region } from '#libs/organisation';
import { evaluateScope, parseScope, type ScopeRegion } from '#libs/parsing';
import type { CreateMilestoneDto, TaskQueryDto, TransitionDto, UpdateMilestoneDto, UpdateTaskDto } from './dto/task.dto.js';
import { Milestone } from './entities/milestone.entity.js';
import { Task, type TaskDeadlineKind } from './entities/task.entity.js';
import { canManageTask, canReadTask, transitionActorFor, type TaskAccessFacts } from './rules/task-access.policy.js';
import { checkTransition } from './rules/task-status.machine.js';
import { applyTaskFilters } from './task-list.query.js';
import { toMilestoneView, toTaskView, type MilestoneView, type TaskDetailView, type TaskView } from './task.view.js';

export interface AdoptionResult {
  batchId: string;
  regionId: string;
  created: number;
  existing: number;
  applicable: number;
  notApplicable: { reformItemId: string; seq: number; name: string; reason: string }[];
  taskIds: string[];
}

const TASK_RELATIONS = { reformItem: { batch: { document: true } }, region: true, leadDepartment: true, participants: true } as const;

/** What the audit trail keeps of a task: its own columns and the participant ids, not joined rows. */
function auditSnapshot(task: Task): Record<string, unknown> {
  const { reformItem: _i, region: _r, leadDepartment: _l, participants, milestones: _m, ...own } = task;
  return { ...own, participantDepartmentIds: participants?.map((d) => d.id).sort() };
}

/** A task's default deadline comes from the item: dated items keep their date, 持续实施 stays ongoing. */
function defaultDeadline(item: ReformItem): { deadlineKind: TaskDeadlineKind; dueDate: string | null } {
  switch (item.deadlineKind) {
    case 'ongoing':
      return { deadlineKind: 'ongoing', dueDate: null };
    case 'conditional':
      return { deadlineKind: 'conditional', dueDate: null };
    default:
      return { deadlineKind: 'date', dueDate: item.deadlineDate };
  }
}

export function toScopeRegion(r: Region): ScopeRegion {
  return { code: r.code, name: r.name, level: r.level, coastal: r.coastal, hasFtz: r.hasFtz, hasSpecialCustomsZone: r.hasSpecialCustomsZone };
}

@Injectable()
export class TasksService {
  constructor(
    @InjectRepository(Task) private readonly tasks: Repository<Task>,
    @InjectRepository(Milestone) private readonly milestones: Repository<Milestone>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: TaskQueryDto, user: AuthUser): Promise<Page<TaskView>> {
    const today = this.clock.today();
    const qb = this.tasks.createQueryBuilder('t').innerJoin('t.reformItem', 'i').select('t.id', 'id');
    applyTaskFilters(qb, query, today, user.role === 'admin' ? null : (user.provinceId ?? '00000000-0000-0000-0000-000000000000'));
    // Page over ids first, then load relations for just that page: joining participants before LIMIT would multiply rows.
    const [rows, total] = await Promise.all([qb.clone().offset((query.page - 1) * query.pageSize).limit(query.pageSize).getRawMany<{ id: string }>(), qb.getCount()]);
    const ids = rows.map((r) => r.id);
    const loaded = ids.length ? await this.tasks.find({ where: { id: In(ids) }, relations: TASK_RELATIONS }) : [];
    const byId = new Map(loaded.map((t) => [t.id, t]));
    return pageOf(ids.map((id) => toTaskView(byId.get(id)!, today)), total, query);
  }

  async get(id: string, user: AuthUser): Promise<TaskDetailView> {
    const task = await this.findOrFail(id);
    this.requireRead(user, task);
    const today = this.clock.today();
    const milestones = await this.milestones.find({ where: { taskId: id }, order: { dueDate: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC' } });
    const history = await this.audit.historyOf([{ entityType: 'task', entityId: id }, ...milestones.map((m) => ({ entityType: 'milestone', entityId: m.id }))]);
    return { ...toTaskView(task, today), milestones: milestones.map((m) => toMilestoneView(m, today)), history };
  }

  /** The facts access rules need, for other modules (progress reports, rollouts) that guard by task. */
  async accessFacts(id: string): Promise<TaskAccessFacts & { id: string }> {
    const task = await this.tasks.findOne({ where: { id }, select: { id: true, regionId: true, leadDepartmentId: true } });
    if (!task) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
    return task;
  }

  async update(id: string, dto: UpdateTaskDto, user: AuthUser): Promise<TaskView> {
    const before = await this.findOrFail(id);
    if (!canManageTask(user, before)) throw new ForbiddenException('只有省商务厅可以调整任务分工和时限 (only the coordinator can change assignments and deadlines)');
    const departments = await this.checkDepartments(before.regionId, dto);
    const deadlineKind = dto.deadlineKind ?? (dto.dueDate ? 'date' : before.deadlineKind);
    if (deadlineKind !== 'date' && dto.dueDate) throw badField('dueDate', `dueDate must be empty when deadlineKind is ${deadlineKind}`);
    const snapshotBefore = auditSnapshot(before);
    return this.dataSource.transaction(async (m) => {
      const task = await m.findOneOrFail(Task, { where: { id }, relations: TASK_RELATIONS });
      if (dto.leadDepartmentId !== undefined) {
        task.leadDepartmentId = dto.leadDepartmentId;
        task.leadDepartment = dto.leadDepartmentId ? departments.get(dto.leadDepartmentId)! : null;
      }
      if (dto.participantDepartmentIds !== undefined) task.participants = dto.participantDepartmentIds.map((d) => departments.get(d)!);
      task.deadlineKind = deadlineKind;
      if (deadlineKind !== 'date') task.dueDate = null;
      else if (dto.dueDate !== undefined) task.dueDate = dto.dueDate;
      if (dto.deadlineText !== undefined) task.deadlineText = dto.deadlineText;
      if (dto.outcome !== undefined) task.outcome = dto.outcome;
      if (dto.scopeText !== undefined) {
        const scope = parseScope(dto.scopeText);
        task.scopeText = dto.scopeText;
        task.scope = { kind: scope.kind, regions: scope.regions, note: scope.note, label: scope.label };
      }
      const saved = await m.save(Task, task);
      await this.audit.record(m, { actor: user, entityType: 'task', entityId: id, action: 'update', before: snapshotBefore, after: auditSnapshot(saved) });
      return toTaskView(saved, this.clock.today());
    });
  }

  /** With `manager`, runs in the caller's transaction (close-out records its submission in the same commit). */
  async transition(id: string, dto: TransitionDto, user: AuthUser, manager?: EntityManager): Promise<TaskView> {
    const run = async (m: EntityManager): Promise<TaskView> => {
      // Lock the row: two reviewers acting at once must not both move the same task.
      const locked = await m.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
      this.requireRead(user, locked);
      const actor = transitionActorFor(user, locked);
      if (!actor) throw new ForbiddenException('只有牵头部门或省商务厅可以变更任务状态 (only the lead department or the coordinator can change this task)');
      const check = checkTransition(locked.status, dto.to, actor, dto.reason);
      if (!check.ok) {
        if (check.reason === 'invalid') throw new ConflictException({ statusCode: 409, error: 'Conflict', message: check.message, currentStatus: locked.status, requestedStatus: dto.to });
        if (check.reason === 'forbidden') throw new ForbiddenException(check.message);
        throw badField('reason', check.message);
      }
      const before = { status: locked.status, statusReason: locked.statusReason, notApplicableReason: locked.notApplicableReason, closeNote: locked.closeNote };
      const reason = dto.reason?.trim() || null;
      const now = this.clock.now();
      const changes: Partial<Task> = { status: dto.to, statusReason: reason };
      if (dto.to === 'not_applicable') changes.notApplicableReason = reason;
      if (check.rule.action === 'override_applicability') {
        changes.notApplicableReason = null;
        changes.applicabilityOverridden = true;
      }
      if (dto.to === 'submitted') changes.submittedAt = now;
      if (dto.to === 'closed') {
        changes.closedAt = now;
        changes.closeNote = reason;
      }
      if (check.rule.action === 'reopen') changes.closedAt = null;
      await m.update(Task, { id }, changes);
      await this.audit.record(m, { actor: user, entityType: 'task', entityId: id, action: check.rule.action, before, after: { ...before, ...changes } });
      const saved = await m.findOneOrFail(Task, { where: { id }, relations: TASK_RELATIONS });
      return toTaskView(saved, this.clock.today());
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * One task per item of the batch for the province; items whose scope doesn't reach the province become
   * not_applicable with the reason in words. Re-adopting creates only what is missing.
   * user null = the system (the reference seed loading a province's own task table), audited with no actor.
   */
  async adoptBatch(batchId: string, regionId: string, user: AuthUser | null): Promise<AdoptionResult> {
    const batch = await this.catalog.findBatchOrFail(batchId);
    const province = await this.organisation.findRegionOrFail(regionId);
    if (province.level !== 'province') throw badField('regionId', 'regionId must be a province (省级行政区)');
    if (user && user.role !== 'admin' && user.provinceId !== province.id) throw new ForbiddenException('只能为本省承接批次 (you can only adopt batches for your own province)');
    const [items, cities] = await Promise.all([this.catalog.itemsOfBatch(batch.id), this.organisation.citiesOf(province.id)]);
    const scopeProvince = toScopeRegion(province);
    const scopeCities = cities.map(toScopeRegion);

    return this.dataSource.transaction(async (m) => {
      const rows = items.map((item) => {
        const applicability = evaluateScope({ ...item.scope, text: item.scopeText ?? '' }, scopeProvince, scopeCities);
        return {
          item,
          applicability,
          values: {
            reformItemId: item.id,
            regionId: province.id,
            scopeText: item.scopeText,
            scope: item.scope,
            outcome: item.outcome,
            deadlineText: item.deadlineText,
            ...defaultDeadline(item),
            status: applicability.applies ? ('not_started' as const) : ('not_applicable' as const),
            notApplicableReason: applicability.applies ? null : applicability.reason,
            statusReason: applicability.applies ? null : applicability.reason,
            applicabilityOverridden: false,
          },
        };
      });
      const inserted = rows.length
        ? ((await m.createQueryBuilder().insert().into(Task).values(rows.map((r) => r.values)).orIgnore().returning(['id', 'reformItemId']).execute()).raw as { id: string; reform_item_id: string }[])
        : [];
      const createdByItem = new Map(inserted.map((r) => [r.reform_item_id, r.id]));
      // Each new applicable task rolls out to the cities its scope covers (承接/落实 is tracked per city).
      const cityIdByCode = new Map(cities.map((c) => [c.code, c.id]));
      const rollouts = rows
        .filter((r) => createdByItem.has(r.item.id) && r.applicability.applies)
        .flatMap((r) => r.applicability.cityCodes.map((code) => ({ taskId: createdByItem.get(r.item.id)!, regionId: cityIdByCode.get(code)! })))
        .filter((r) => r.regionId);
      if (rollouts.length) {
        await m.query(
          `INSERT INTO rollout (task_id, region_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
          [rollouts.map((r) => r.taskId), rollouts.map((r) => r.regionId)],
        );
      }
      await this.audit.record(
        m,
        ...rows
          .filter((r) => createdByItem.has(r.item.id))
          .map((r) => ({ actor: user, entityType: 'task', entityId: createdByItem.get(r.item.id)!, action: 'adopt', after: { ...r.values, batchId } })),
      );
      const all = await m.find(Task, { where: { regionId: province.id, reformItemId: In(items.map((i) => i.id)) }, select: { id: true, reformItemId: true, status: true, notApplicableReason: true } });
      const byItem = new Map(all.map((t) => [t.reformItemId, t]));
      const notApplicable = items
        .filter((i) => byItem.get(i.id)?.status === 'not_applicable')
        .map((i) => ({ reformItemId: i.id, seq: i.seq, name: i.name, reason: byItem.get(i.id)!.notApplicableReason ?? '' }));
      return {
        batchId,
        regionId: province.id,
        created: inserted.length,
        existing: items.length - inserted.length,
        applicable: items.length - notApplicable.length,
        notApplicable,
        taskIds: items.map((i) => byItem.get(i.id)!.id),
      };
    });
  }

  // ---- milestones (时间节点)
  async listMilestones(taskId: string, user: AuthUser): Promise<MilestoneView[]> {
    const task = await this.findOrFail(taskId);
    this.requireRead(user, task);
    const today = this.clock.today();
    const rows = await this.milestones.find({ where: { taskId }, order: { dueDate: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC' } });
    return rows.map((r) => toMilestoneView(r, today));
  }

  async createMilestone(taskId: string, dto: CreateMilestoneDto, user: AuthUser): Promise<MilestoneView> {
    await this.requireWork(taskId, user);
    return this.dataSource.transaction(async (m) => {
      const milestone = await m.save(Milestone, m.create(Milestone, { taskId, title: dto.title, dueDate: dto.dueDate ?? null, deadlineText: dto.deadlineText ?? null, doneAt: null }));
      await this.audit.record(m, { actor: user, entityType: 'milestone', entityId: milestone.id, action: 'create', after: milestone });
      return toMilestoneView(milestone, this.clock.today());
    });
  }

  async updateMilestone(taskId: string, milestoneId: string, dto: UpdateMilestoneDto, user: AuthUser): Promise<MilestoneView> {
    await this.requireWork(taskId, user);
    const before = await this.findMilestoneOrFail(taskId, milestoneId);
    const { done, ...fields } = dto;
    const doneAt = done === undefined ? before.doneAt : done ? (before.doneAt ?? this.clock.now()) : null;
    return this.dataSource.transaction(async (m) => {
      const after = await m.save(Milestone, { ...before, ...fields, doneAt });
      await this.audit.record(m, { actor: user, entityType: 'milestone', entityId: milestoneId, action: 'update', before, after });
      return toMilestoneView(after, this.clock.today());
    });
  }

  async deleteMilestone(taskId: string, milestoneId: string, user: AuthUser): Promise<void> {
    await this.requireWork(taskId, user);
    const before = await this.findMilestoneOrFail(taskId, milestoneId);
    await this.dataSource.transaction(async (m) => {
      await m.delete(Milestone, { id: milestoneId });
      await this.audit.record(m, { actor: user, entityType: 'milestone', entityId: milestoneId, action: 'delete', before });
    });
  }

  /** Milestones written into a task table (鲁政办发〔2015〕21号's 时间节点) — for seeds and imports, in the caller's transaction. */
  async replaceMilestones(m: EntityManager, taskId: string, milestones: { title: string; dueDate: string | null; deadlineText: string | null }[]): Promise<void> {
    await m.delete(Milestone, { taskId });
    if (milestones.length) await m.insert(Milestone, milestones.map((x) => ({ ...x, taskId, doneAt: null })));
  }

  private async findOrFail(id: string): Promise<Task> {
    const task = await this.tasks.findOne({ where: { id }, relations: TASK_RELATIONS });
    if (!task) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
    return task;
  }

  private async findMilestoneOrFail(taskId: string, milestoneId: string): Promise<Milestone> {
    const milestone = await this.milestones.findOneBy({ id: milestoneId, taskId });
    if (!milestone) throw new NotFoundException(`时间节点不存在 (milestone ${milestoneId} not found on task ${taskId})`);
    return milestone;
  }

  private requireRead(user: AuthUser, task: TaskAccessFacts): void {
    // A task of another province is reported as missing rather than forbidden: its existence is not the caller's business.
    if (!canReadTask(user, task)) throw new NotFoundException('任务不存在 (task not found)');
  }

  private async requireWork(taskId: string, user: AuthUser): Promise<void> {
    const facts = await this.accessFacts(taskId);
    this.requireRead(user, facts);
    if (!transitionActorFor(user, facts)) throw new ForbiddenException('只有牵头部门或省商务厅可以维护时间节点 (only the lead department or the coordinator can change milestones)');
  }

  private async checkDepartments(regionId: string, dto: UpdateTaskDto): Promise<Map<string, Department>> {
    const ids = [...(dto.leadDepartmentId ? [dto.leadDepartmentId] : []), ...(dto.participantDepartmentIds ?? [])];
    const found = new Map((await this.organisation.findDepartmentsByIds([...new Set(ids)])).map((d) => [d.id, d]));
    const check = (field: string, id: string) => {
      const d = found.get(id);
      if (!d) throw badField(field, `${field}: department ${id} does not exist`);
      if (d.regionId !== regionId) throw badField(field, `${field}: ${d.name} is not a department of this province`);
    };
    if (dto.leadDepartmentId) check('leadDepartmentId', dto.leadDepartmentId);
    for (const id of dto.participantDepartmentIds ?? []) check('participantDepartmentIds', id);
    if (dto.leadDepartmentId && dto.participantDepartmentIds?.includes(dto.leadDepartmentId)) {
      throw badField('participantDepartmentIds', 'participantDepartmentIds must not include the lead department');
    }
    return found;
  }
}
