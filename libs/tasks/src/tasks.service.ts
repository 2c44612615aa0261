import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, Repository } from 'typeorm';
import { AuditService } from '#libs/audit';
import { CatalogService, type ReformItem } from '#libs/catalog';
import { Clock, badField, pageOf, type AuthUser, type Page } from '#libs/common';
import { OrganisationService, type Department, type Region } from '#libs/organisation';
import { evaluateScope, parseScope, type Applicability, type ScopeRegion } from '#libs/parsing';
import type { BulkUpdateTasksDto, CreateMilestoneDto, DecideApplicabilityDto, TaskQueryDto, TransitionDto, UpdateMilestoneDto, UpdateTaskDto } from './dto/task.dto.js';
import { Milestone } from './entities/milestone.entity.js';
import { isWithoutDeadline, leadsTaskSql, pendingDecisionSql, Task, withoutDeadlineSql, type TaskDeadlineKind } from './entities/task.entity.js';
import { canManageTask, canReadTask, taskActionsFor, transitionActorFor, type TaskAccessFacts } from './rules/task-access.policy.js';
import { checkTransition, transitionChanges, transitionPlan, type TaskStatus, type TransitionActor, type TransitionChanges } from './rules/task-status.machine.js';
import { applyTaskFilters } from './task-list.query.js';
import { historyIds, toHistoryEntry } from './task-history.js';
import { loadHistoryNames, loadTaskViewSources, taskViewSelect } from './task-view.query.js';
import { accessFactsOf, toMilestoneView, toTaskView, type MilestoneView, type TaskDetailView, type TaskView, type TaskViewSource } from './task.view.js';

/** A page of tasks with how many of the filtered tasks apply to the province, how many don't, and why. */
export interface TaskPage extends Page<TaskView> {
  applicability: { applicable: number; notApplicable: number; pendingDecision: number; reasons: { reason: string; count: number }[] };
  /** 未设时限 among the filtered tasks. */
  deadlines: { withoutDeadline: number };
}

/** The coordinator's decision on one item at adoption: it applies to the province or not, and why. */
export interface AdoptionOverride {
  reformItemId: string;
  applicable: boolean;
  reason: string;
}

export type AdoptionDecision = 'applies' | 'not_applicable' | 'needs_decision';

export interface AdoptionPreviewItem {
  reformItemId: string;
  seq: number;
  name: string;
  scopeText: string | null;
  decision: AdoptionDecision;
  reason: string | null;
  cities: { count: number; names: string[] };
  /** The item gives no deadline (none written, or not readable): the provincial default applies at adoption. */
  withoutDeadline: boolean;
  taskExists: boolean;
  taskId: string | null;
  taskStatus: TaskStatus | null;
}

export interface AdoptionPreview {
  batchId: string;
  regionId: string;
  items: AdoptionPreviewItem[];
}

export interface BulkUpdateResult {
  updated: number;
}

export interface AdoptionResult {
  batchId: string;
  regionId: string;
  created: number;
  existing: number;
  applicable: number;
  /** Items decided by the coordinator's overrides. */
  overridden: number;
  notApplicable: { reformItemId: string; seq: number; name: string; reason: string }[];
  /** New tasks that took the provincial default deadline. */
  defaultDeadlineApplied: number;
  /** Applicable tasks of the batch still 未设时限 (no default given, or adopted before): dates to be set per task. */
  withoutDeadline: number;
  /** Tasks whose applicability waits for the coordinator (待确认), with the phrase that makes it so. */
  pendingDecision: { reformItemId: string; seq: number; name: string; taskId: string; phrase: string }[];
  /** Existing tasks whose applicability or cities changed because the scope, regions or zones changed. */
  reEvaluated: { reformItemId: string; seq: number; name: string; taskId: string; change: string }[];
  taskIds: string[];
}

/** One item's new evaluation against an existing task: what to write, in words for the audit and the result. */
interface ReEvaluation {
  task: Pick<Task, 'id' | 'status' | 'pendingDecision' | 'notApplicableReason'>;
  applicability: Applicability;
  hasProgress: boolean;
  rolloutCodes: { code: string; started: boolean }[];
}


/** What the audit trail keeps of a task: its own columns, the co-lead and participant ids, not joined rows. */
function auditSnapshot(task: Task, coLeadIds: string[]): Record<string, unknown> {
  const { reformItem: _i, region: _r, leadDepartment: _l, participants, milestones: _m, ...own } = task;
  return { ...own, coLeadDepartmentIds: [...coLeadIds].sort(), participantDepartmentIds: participants?.map((d) => d.id).filter((id) => !coLeadIds.includes(id)).sort() };
}

const PENDING = pendingDecisionSql('t');

const BULK_FIELDS = ['leadDepartmentId', 'coLeadDepartmentIds', 'participantDepartmentIds', 'dueDate'] as const;

/**
 * The single update's rules on one loaded task: the lead and participants (departments already checked to be the
 * province's), the deadline (a due date makes it dated; another kind clears the date), the texts and the scope.
 */
function applyUpdate(task: Task, dto: UpdateTaskDto, departments: Map<string, Department>): void {
  const deadlineKind = dto.deadlineKind ?? (dto.dueDate ? 'date' : task.deadlineKind);
  if (deadlineKind !== 'date' && dto.dueDate) throw badField('dueDate', `dueDate must be empty when deadlineKind is ${deadlineKind}`);
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
}

/** 省定默认时限 chosen at adoption: a date, or 持续实施. */
export interface ProvincialDeadline {
  kind: 'date' | 'ongoing';
  dueDate?: string;
}

/**
 * A task's deadline comes from the item: dated items keep their date, 持续实施 stays ongoing. An item that gives no
 * date (no 时限, or one that could not be read) takes the province's default when given, else stays 未设时限.
 */
function defaultDeadline(item: ReformItem, provincial: ProvincialDeadline | undefined): { deadlineKind: TaskDeadlineKind; dueDate: string | null } {
  switch (item.deadlineKind) {
    case 'ongoing':
      return { deadlineKind: 'ongoing', dueDate: null };
    case 'conditional':
      return { deadlineKind: 'conditional', dueDate: null };
    default:
      if (item.deadlineDate || !provincial) return { deadlineKind: 'date', dueDate: item.deadlineDate };
      return provincial.kind === 'ongoing' ? { deadlineKind: 'ongoing', dueDate: null } : { deadlineKind: 'date', dueDate: provincial.dueDate! };
  }
}

/** The item gives no deadline the task can use: the provincial default would apply. */
const givesNoDeadline = (item: ReformItem) => !['ongoing', 'conditional'].includes(item.deadlineKind) && !item.deadlineDate;

function conflict(message: string, currentStatus: string, requestedStatus: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, currentStatus, requestedStatus });
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

  async list(query: TaskQueryDto, user: AuthUser): Promise<TaskPage> {
    if (query.departmentRole && !query.departmentId) throw badField('departmentRole', '按牵头/参加筛选须同时指定部门 departmentId (departmentRole needs departmentId)');
    const today = this.clock.today();
    // The page's ids and the total in one query (a window count), then the page's rows with their relations in one
    // more: joining participants before LIMIT would multiply rows, and a separate count would be a third round trip.
    const visibleRegion = user.role === 'admin' ? null : (user.provinceId ?? '00000000-0000-0000-0000-000000000000');
    const filtered = () => applyTaskFilters(this.tasks.createQueryBuilder('t').innerJoin('t.reformItem', 'i'), query, today, visibleRegion);
    const rows = await filtered()
      .select('t.id', 'id')
      .addSelect('count(*) OVER ()', 'total')
      .addSelect(`count(*) FILTER (WHERE t.status = 'not_applicable') OVER ()`, 'not_applicable')
      .addSelect(`count(*) FILTER (WHERE ${withoutDeadlineSql('t')}) OVER ()`, 'without_deadline')
      .addSelect(`count(*) FILTER (WHERE ${PENDING}) OVER ()`, 'pending')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<{ id: string; total: string; not_applicable: string; without_deadline: string; pending: string }>();
    // A page past the end has no row to carry the totals: only then are they counted separately.
    const [total, notApplicable, withoutDeadline, pendingDecision] = rows.length
      ? [Number(rows[0].total), Number(rows[0].not_applicable), Number(rows[0].without_deadline), Number(rows[0].pending)]
      : query.page > 1
        ? await Promise.all([filtered().getCount(), filtered().andWhere(`t.status = 'not_applicable'`).getCount(), filtered().andWhere(withoutDeadlineSql('t')).getCount(), filtered().andWhere(PENDING).getCount()])
        : [0, 0, 0, 0];
    // Why items did not apply, grouped, so the coordinator sees "how many and why" beside the list (only when there are some).
    const reasons = notApplicable
      ? await filtered()
          .andWhere(`t.status = 'not_applicable'`)
          .select(`coalesce(t.not_applicable_reason, '')`, 'reason')
          .addSelect('count(*)::int', 'count')
          .groupBy('1')
          .orderBy('count', 'DESC')
          .getRawMany<{ reason: string; count: number }>()
      : [];
    const ids = rows.map((r) => r.id);
    const loaded = await loadTaskViewSources(this.dataSource.manager, ids);
    const byId = new Map(loaded.map((t) => [t.id, t]));
    return { ...pageOf(ids.map((id) => toTaskView(byId.get(id)!, today)), total, query), applicability: { applicable: total - notApplicable, notApplicable, pendingDecision, reasons }, deadlines: { withoutDeadline } };
  }


  /** One task as the list shows it, for a caller who may read it (another province's task is a 404). */
  async view(id: string, user: AuthUser): Promise<TaskView> {
    const task = await this.viewSourceOrFail(this.dataSource.manager, id);
    this.requireRead(user, task);
    return toTaskView(task, this.clock.today());
  }

  /** Like view, for a caller about to act on the task as its coordinator (403 for anyone else of the province). */
  async viewToManage(id: string, user: AuthUser, forbidden: string): Promise<TaskView> {
    const task = await this.view(id, user);
    if (!canManageTask(user, { regionId: task.region!.id, leadDepartmentId: task.leadDepartment?.id ?? null })) throw new ForbiddenException(forbidden);
    return task;
  }

  async get(id: string, user: AuthUser): Promise<TaskDetailView> {
    const task = await this.viewSourceOrFail(this.dataSource.manager, id);
    this.requireRead(user, task);
    const today = this.clock.today();
    const milestones = await this.milestones.find({ where: { taskId: id }, order: { dueDate: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC' } });
    const events = await this.audit.historyOf([{ entityType: 'task', entityId: id }, ...milestones.map((m) => ({ entityType: 'milestone', entityId: m.id }))]);
    const names = await loadHistoryNames(this.dataSource.manager, historyIds(events));
    return {
      ...toTaskView(task, today),
      milestones: milestones.map((m) => toMilestoneView(m, today)),
      history: events.map((e) => toHistoryEntry(e, names)),
      allowedActions: taskActionsFor(user, { ...accessFactsOf(task), status: task.status }),
    };
  }

  /** The facts access rules need, for other modules (progress reports, rollouts) that guard by task. */
  async accessFacts(id: string): Promise<TaskAccessFacts & { id: string }> {
    const task = await this.tasks.findOne({ where: { id }, select: { id: true, regionId: true, leadDepartmentId: true } });
    if (!task) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
    return { ...task, coLeadDepartmentIds: (await this.coLeadsOf(this.dataSource.manager, [id])).get(id) ?? [] };
  }

  /** Co-lead department ids by task. */
  private async coLeadsOf(m: EntityManager, taskIds: string[]): Promise<Map<string, string[]>> {
    const rows: { task_id: string; department_id: string }[] = await m.query(`SELECT task_id, department_id FROM task_participant WHERE role = 'co_lead' AND task_id = ANY($1::uuid[])`, [taskIds]);
    const byTask = new Map<string, string[]>();
    for (const r of rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r.department_id]);
    return byTask;
  }

  async update(id: string, dto: UpdateTaskDto, user: AuthUser): Promise<TaskView> {
    const [task] = await this.updateTasks([id], dto, user, 'update');
    return task!;
  }

  /**
   * The same change to many tasks (批量分工), all or none, by the single update's rules; closed tasks are refused
   * as a batch reassigning them is a slip, not a decision. One audit row per task.
   */
  async bulkUpdate(dto: BulkUpdateTasksDto, user: AuthUser): Promise<BulkUpdateResult> {
    const { taskIds, ...changes } = dto;
    if (Object.values(changes).every((v) => v === undefined)) {
      const message = '请至少指定牵头部门、共同牵头部门、参加部门或截止日期中的一项 (give leadDepartmentId, coLeadDepartmentIds, participantDepartmentIds or dueDate)';
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors: BULK_FIELDS.map((field) => ({ field, messages: [message] })) });
    }
    const updated = await this.updateTasks(taskIds, changes, user, 'bulk_update');
    return { updated: updated.length };
  }

  private updateTasks(ids: string[], dto: UpdateTaskDto, user: AuthUser, action: 'update' | 'bulk_update'): Promise<TaskView[]> {
    return this.dataSource.transaction(async (m) => {
      const tasks = await this.loadTasks(m, ids, user);
      if (tasks.some((t) => !canManageTask(user, t))) throw new ForbiddenException('只有省商务厅可以调整任务分工和时限 (only the coordinator can change assignments and deadlines)');
      if (action === 'bulk_update') {
        const closed = tasks.filter((t) => t.status === 'closed');
        if (closed.length) {
          throw new ConflictException(`以下任务已销号，不能批量调整：${closed.map((t) => `${t.reformItem?.seq}. ${t.reformItem?.name}`).join('；')} (closed tasks: ${closed.map((t) => t.id).join(', ')})`);
        }
      }
      const departments = new Map<string, Department>();
      for (const regionId of new Set(tasks.map((t) => t.regionId))) for (const [id, d] of await this.checkDepartments(regionId, dto)) departments.set(id, d);
      const coLeadsBefore = await this.coLeadsOf(m, tasks.map((t) => t.id));
      const before = tasks.map((t) => auditSnapshot(t, coLeadsBefore.get(t.id) ?? []));
      const coLeads = new Map<string, string[]>();
      for (const task of tasks) {
        // Co-leads are participant rows with a role: the participants relation holds both, so both are rebuilt together.
        const oldCoLeads = coLeadsBefore.get(task.id) ?? [];
        for (const d of task.participants ?? []) departments.set(d.id, d);
        const oldParticipants = (task.participants ?? []).map((d) => d.id).filter((id) => !oldCoLeads.includes(id));
        applyUpdate(task, dto, departments);
        const leads = (dto.coLeadDepartmentIds ?? oldCoLeads).filter((id) => id !== task.leadDepartmentId);
        const participants = (dto.participantDepartmentIds ?? oldParticipants).filter((id) => id !== task.leadDepartmentId && !leads.includes(id));
        task.participants = [...participants, ...leads].map((id) => departments.get(id)!);
        coLeads.set(task.id, leads);
      }
      const saved = await m.save(Task, tasks);
      for (const task of saved) {
        await m.query(`UPDATE task_participant SET role = CASE WHEN department_id = ANY($2::uuid[]) THEN 'co_lead' ELSE 'participant' END WHERE task_id = $1`, [task.id, coLeads.get(task.id)!]);
      }
      await this.audit.record(m, ...saved.map((task, i) => ({ actor: user, entityType: 'task', entityId: task.id, action, before: before[i], after: auditSnapshot(task, coLeads.get(task.id)!) })));
      const today = this.clock.today();
      const views = new Map((await loadTaskViewSources(m, saved.map((task) => task.id))).map((v) => [v.id, v]));
      return saved.map((task) => toTaskView(views.get(task.id)!, today));
    });
  }

  /**
   * Moves a task along the workflow, normally in ONE statement: the status machine says from which statuses this
   * caller may make this move and what each move writes; a conditional UPDATE matches the task only when it is in
   * one of them and the caller may move it (lock, update, audit row and the answer's view, together). Only when it
   * matches nothing is the task read, to answer why: 404, 403, 400 (reason) or 409 (status) — or, if the task
   * changed in between and now allows the move, to make it from what is stored. With `manager`, it runs in the
   * caller's transaction (close-out records its submission in the same commit).
   */
  async transition(id: string, dto: TransitionDto, user: AuthUser, manager: EntityManager = this.dataSource.manager): Promise<TaskView> {
    const direct = await this.transitionDirect(id, dto, user, manager);
    if (direct) return toTaskView(direct, this.clock.today());
    const task = await this.viewSourceOrFail(manager, id);
    this.requireRead(user, task);
    const actor = transitionActorFor(user, accessFactsOf(task));
    if (!actor) throw new ForbiddenException('只有牵头部门或省商务厅可以变更任务状态 (only the lead department or the coordinator can change this task)');
    const check = checkTransition(task.status, dto.to, actor, dto.reason);
    if (!check.ok) {
      if (check.reason === 'invalid') throw conflict(check.message, task.status, dto.to);
      if (check.reason === 'forbidden') throw new ForbiddenException(check.message);
      throw badField('reason', check.message);
    }
    const before = { status: task.status, statusReason: task.statusReason, notApplicableReason: task.notApplicableReason, closeNote: task.closeNote };
    const now = this.clock.now();
    const changes = transitionChanges(check.rule, dto.reason, now);
    const columns = Object.keys(changes).map((property) => this.tasks.metadata.findColumnWithPropertyName(property)!.databaseName);
    const values = Object.values(changes);
    const changed = await this.audit.recordChange(
      manager,
      {
        sql: `UPDATE task SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id`,
        params: [id, task.status, ...values],
      },
      { actor: user, entityType: 'task', action: check.rule.action, before, after: { ...before, ...changes } },
    );
    if (changed.length === 0) {
      const current = await manager.findOne(Task, { where: { id }, select: { id: true, status: true } });
      throw conflict(`任务状态已被他人变更，请刷新后重试 (the task was changed meanwhile: it is now ${current?.status})`, current?.status ?? task.status, dto.to);
    }
    return toTaskView({ ...task, ...changes, updatedAt: now }, this.clock.today());
  }

  /**
   * The one-statement move, or null when the task is not one this caller may move this way now. The access rules
   * of transitionActorFor as SQL: coordinators move their province's tasks, department users the tasks their department
   * leads in their province (as 'lead'); anyone else takes the diagnosing path.
   */
  private async transitionDirect(id: string, dto: TransitionDto, user: AuthUser, manager: EntityManager): Promise<TaskViewSource | null> {
    const params: unknown[] = [id];
    let access: string;
    let actor: TransitionActor;
    if (user.role === 'coordinator' && user.provinceId) [access, actor] = [`AND region_id = $${params.push(user.provinceId)}`, 'coordinator'];
    else if (user.role === 'department' && user.departmentId && user.provinceId) {
      [access, actor] = [`AND ${leadsTaskSql('task', `$${params.push(user.departmentId)}::uuid`)} AND region_id = $${params.push(user.provinceId)}`, 'lead'];
    } else return null;
    const plan = transitionPlan(dto.to, actor, dto.reason, this.clock.now());
    const froms = Object.keys(plan);
    if (froms.length === 0) return null;
    const from = `$${params.push(froms)}::text[]`;
    const p = `$${params.push(JSON.stringify(plan))}::jsonb`;
    // Each column keeps its value unless the move from the task's status writes it.
    const set = (column: string, property: keyof TransitionChanges, type: string) =>
      `${column} = CASE WHEN m.changes ? '${property}' THEN (m.changes ->> '${property}')::${type} ELSE t.${column} END`;
    const before = `jsonb_build_object('status', old.status, 'statusReason', old.status_reason, 'notApplicableReason', old.not_applicable_reason, 'closeNote', old.close_note)`;
    const [row] = await this.audit.recordRowChanges<TaskViewSource>(
      manager,
      {
        // One prepared statement per access shape: the rest of the text never varies.
        name: `task_transition_${user.role}`,
        sql: `WITH old AS (SELECT id, status, status_reason, not_applicable_reason, close_note FROM task WHERE id = $1 AND status = ANY(${from}) ${access} FOR UPDATE)
              UPDATE task t SET ${[
                set('status', 'status', 'varchar'),
                set('status_reason', 'statusReason', 'text'),
                set('not_applicable_reason', 'notApplicableReason', 'text'),
                set('applicability_overridden', 'applicabilityOverridden', 'boolean'),
                set('submitted_at', 'submittedAt', 'timestamptz'),
                set('closed_at', 'closedAt', 'timestamptz'),
                set('close_note', 'closeNote', 'text'),
              ].join(', ')}, updated_at = now()
              FROM old, LATERAL (SELECT ${p} -> old.status -> 'changes' AS changes, ${p} -> old.status ->> 'action' AS action) m
              WHERE t.id = old.id
              RETURNING t.*, m.action AS audit_action, ${before} AS audit_before, ${before} || m.changes AS audit_after`,
        params,
        select: taskViewSelect('changed t'),
      },
      user,
      'task',
    );
    return row ?? null;
  }

  /**
   * What adopting the batch would do for the province, item by item, without writing: whether the item applies
   * (or needs the coordinator's decision: a scope that could not be read), why, which cities it reaches, and
   * whether the province has its task already.
   */
  async previewAdoption(batchId: string, regionId: string, user: AuthUser): Promise<AdoptionPreview> {
    const plan = await this.adoptionPlan(batchId, regionId, user);
    const existing = await this.tasks.find({ where: { regionId: plan.province.id, reformItemId: In(plan.rows.map((r) => r.item.id)) }, select: { id: true, reformItemId: true, status: true } });
    const byItem = new Map(existing.map((t) => [t.reformItemId, t]));
    const cityName = new Map(plan.units.map((c) => [c.code, c.name]));
    return {
      batchId: plan.batch.id,
      regionId: plan.province.id,
      items: plan.rows.map(({ item, applicability: a }) => {
        const task = byItem.get(item.id);
        return {
          reformItemId: item.id,
          seq: item.seq,
          name: item.name,
          scopeText: item.scopeText,
          decision: !a.applies ? 'not_applicable' : a.reason ? 'needs_decision' : 'applies',
          reason: a.reason,
          cities: { count: a.cityCodes.length, names: a.cityCodes.map((code) => cityName.get(code)!) },
          withoutDeadline: givesNoDeadline(item),
          taskExists: task !== undefined,
          taskId: task?.id ?? null,
          taskStatus: task?.status ?? null,
        };
      }),
    };
  }

  /**
   * One task per item of the batch for the province; items whose scope doesn't reach the province become
   * not_applicable with the reason in words. Re-adopting creates only what is missing. `overrides` are the
   * coordinator's decisions on items (applies or not, with the reason), in the same transaction: a new task is
   * created that way; an existing one is moved by the workflow's own steps (不适用 / 恢复适用), so a task already
   * under way cannot be set aside this way unless the workflow allows it (409).
   * user null = the system (the reference seed loading a province's own task table), audited with no actor.
   */
  async adoptBatch(batchId: string, regionId: string, user: AuthUser | null, overrides: AdoptionOverride[] = [], provincialDeadline?: ProvincialDeadline): Promise<AdoptionResult> {
    if (provincialDeadline?.kind === 'ongoing' && provincialDeadline.dueDate) {
      throw badField('defaultDeadline.dueDate', '默认时限为“持续实施”时不设截止日期 (no dueDate with kind ongoing)');
    }
    const { province, units, rows: planned } = await this.adoptionPlan(batchId, regionId, user);
    const items = planned.map((r) => r.item);
    const overrideOf = this.checkOverrides(items, overrides);

    return this.dataSource.transaction(async (m) => {
      const rows = planned.map(({ item, applicability }) => {
        const override = overrideOf.get(item.id);
        const applies = override ? override.applicable : applicability.applies;
        const reason = override ? override.reason.trim() : applies ? null : applicability.reason;
        // An item made applicable against its scope reaches every unit: the scope named none of them.
        const cityCodes = applies && applicability.cityCodes.length === 0 ? units.map((c) => c.code) : applicability.cityCodes;
        return {
          item,
          applies,
          cityCodes,
          override,
          applicability,
          values: {
            reformItemId: item.id,
            regionId: province.id,
            scopeText: item.scopeText,
            scope: item.scope,
            outcome: item.outcome,
            deadlineText: item.deadlineText,
            ...defaultDeadline(item, provincialDeadline),
            status: applies ? ('not_started' as const) : ('not_applicable' as const),
            notApplicableReason: applies ? null : reason,
            statusReason: reason,
            applicabilityOverridden: override !== undefined,
            pendingDecision: override ? null : applicability.pending,
          },
        };
      });
      const inserted = rows.length
        ? ((await m.createQueryBuilder().insert().into(Task).values(rows.map((r) => r.values)).orIgnore().returning(['id', 'reformItemId']).execute()).raw as { id: string; reform_item_id: string }[])
        : [];
      const createdByItem = new Map(inserted.map((r) => [r.reform_item_id, r.id]));
      // Each new applicable task rolls out to the units its scope covers (承接/落实 is tracked per city).
      const unitIdByCode = new Map(units.map((c) => [c.code, c.id]));
      await this.addRollouts(
        m,
        rows.filter((r) => createdByItem.has(r.item.id) && r.applies).flatMap((r) => r.cityCodes.map((code) => ({ taskId: createdByItem.get(r.item.id)!, regionId: unitIdByCode.get(code)! }))),
      );
      await this.audit.record(
        m,
        ...rows
          .filter((r) => createdByItem.has(r.item.id))
          .map((r) => ({
            actor: user,
            entityType: 'task',
            entityId: createdByItem.get(r.item.id)!,
            action: 'adopt',
            after: { ...r.values, batchId, ...(r.override ? { override: r.override } : {}), ...(provincialDeadline && givesNoDeadline(r.item) ? { provincialDeadline } : {}) },
          })),
      );
      const all = await m.find(Task, {
        where: { regionId: province.id, reformItemId: In(items.map((i) => i.id)) },
        select: { id: true, reformItemId: true, status: true, notApplicableReason: true, deadlineKind: true, dueDate: true, applicabilityOverridden: true, pendingDecision: true },
      });
      const byItem = new Map(all.map((t) => [t.reformItemId, t]));
      // Tasks adopted before: the decision is a workflow step, audited as one.
      for (const r of rows.filter((x) => x.override && !createdByItem.has(x.item.id))) {
        const task = byItem.get(r.item.id)!;
        if ((task.status !== 'not_applicable') === r.applies) continue;
        const moved = await this.transition(task.id, { to: r.applies ? 'not_started' : 'not_applicable', reason: r.override!.reason }, user!, m);
        Object.assign(task, { status: moved.status, notApplicableReason: moved.notApplicableReason });
      }
      // Tasks adopted before and not decided by a person: their applicability follows the scope, regions and zones as they are now.
      const reEvaluated: AdoptionResult['reEvaluated'] = [];
      const stale = rows.filter((r) => !r.override && !createdByItem.has(r.item.id) && !byItem.get(r.item.id)!.applicabilityOverridden);
      const facts = await this.reEvaluationFacts(m, stale.map((r) => byItem.get(r.item.id)!.id));
      for (const r of stale) {
        const task = byItem.get(r.item.id)!;
        const change = await this.reEvaluate(m, { task, applicability: r.applicability, ...facts(task.id) }, province, unitIdByCode, user);
        if (change) {
          Object.assign(task, change.task);
          reEvaluated.push({ reformItemId: r.item.id, seq: r.item.seq, name: r.item.name, taskId: task.id, change: change.words });
        }
      }
      const notApplicable = items
        .filter((i) => byItem.get(i.id)?.status === 'not_applicable')
        .map((i) => ({ reformItemId: i.id, seq: i.seq, name: i.name, reason: byItem.get(i.id)!.notApplicableReason ?? '' }));
      const pendingDecision = items
        .filter((i) => byItem.get(i.id)?.pendingDecision && byItem.get(i.id)?.status !== 'not_applicable')
        .map((i) => ({ reformItemId: i.id, seq: i.seq, name: i.name, taskId: byItem.get(i.id)!.id, phrase: byItem.get(i.id)!.pendingDecision! }));
      return {
        batchId,
        regionId: province.id,
        created: inserted.length,
        existing: items.length - inserted.length,
        applicable: items.length - notApplicable.length,
        overridden: overrideOf.size,
        notApplicable,
        defaultDeadlineApplied: provincialDeadline ? rows.filter((r) => createdByItem.has(r.item.id) && givesNoDeadline(r.item)).length : 0,
        withoutDeadline: all.filter(isWithoutDeadline).length,
        pendingDecision,
        reEvaluated,
        taskIds: items.map((i) => byItem.get(i.id)!.id),
      };
    });
  }

  /**
   * The coordinator's decision on a task marked 待确认: it applies (the mark goes, the task stays) or it does not
   * (the workflow's 不适用 step with the reason). Either way the decision is the coordinator's from then on: a later
   * re-evaluation leaves the task alone.
   */
  async decideApplicability(id: string, dto: DecideApplicabilityDto, user: AuthUser): Promise<TaskView> {
    const reason = dto.reason?.trim() ?? '';
    if (!dto.applies && !reason) throw badField('reason', '认定不适用须填写理由 (a reason is required when the task does not apply)');
    return this.dataSource.transaction(async (m) => {
      const task = await m.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
      this.requireRead(user, await this.viewSourceOrFail(m, id));
      if (user.role !== 'coordinator') throw new ForbiddenException('只有省商务厅可以确认是否适用 (only the coordinator decides applicability)');
      if (!task.pendingDecision) throw new ConflictException('该任务无待确认事项 (this task has no pending applicability decision)');
      const before = { pendingDecision: task.pendingDecision, applicabilityOverridden: task.applicabilityOverridden, status: task.status };
      await m.update(Task, { id }, { pendingDecision: null, applicabilityOverridden: true });
      if (!dto.applies && task.status !== 'not_applicable') await this.transition(id, { to: 'not_applicable', reason }, user, m);
      await this.audit.record(m, { actor: user, entityType: 'task', entityId: id, action: 'decide_applicability', before, after: { applies: dto.applies, reason: reason || null, phrase: task.pendingDecision } });
      return toTaskView(await this.viewSourceOrFail(m, id), this.clock.today());
    });
  }

  private async addRollouts(m: EntityManager, rollouts: { taskId: string; regionId: string | undefined }[]): Promise<void> {
    const rows = rollouts.filter((r): r is { taskId: string; regionId: string } => r.regionId !== undefined);
    if (!rows.length) return;
    await m.query(`INSERT INTO rollout (task_id, region_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [rows.map((r) => r.taskId), rows.map((r) => r.regionId)]);
  }

  /** Per task: has anyone worked on it (a status past 未启动, a report, a city's 承接), and its rollouts. */
  private async reEvaluationFacts(m: EntityManager, taskIds: string[]) {
    const rows: { id: string; progress: boolean; rollouts: { code: string; started: boolean }[] | null }[] = taskIds.length
      ? await m.query(
          `SELECT t.id,
                  (t.status NOT IN ('not_started', 'not_applicable') OR EXISTS (SELECT 1 FROM progress_report pr WHERE pr.task_id = t.id)
                   OR EXISTS (SELECT 1 FROM rollout ro WHERE ro.task_id = t.id AND ro.status <> 'not_started')) AS progress,
                  (SELECT json_agg(json_build_object('code', r.code, 'started', ro.status <> 'not_started')) FROM rollout ro JOIN region r ON r.id = ro.region_id WHERE ro.task_id = t.id) AS rollouts
           FROM task t WHERE t.id = ANY($1)`,
          [taskIds],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return (id: string) => ({ hasProgress: byId.get(id)?.progress ?? false, rolloutCodes: byId.get(id)?.rollouts ?? [] });
  }

  /**
   * An existing task against its item's evaluation now. Applies now and set aside before → back to 未启动 with its
   * cities; no longer applies → 不适用, unless work has started, when it becomes 待确认 instead of being dropped.
   * Cities follow the scope both ways; a city that has recorded 承接/落实 keeps its row. Audited as re_evaluate.
   */
  private async reEvaluate(m: EntityManager, r: ReEvaluation, province: Region, unitIdByCode: Map<string, string>, user: AuthUser | null): Promise<{ task: Partial<Task>; words: string } | null> {
    const { task, applicability: a } = r;
    const changes: Partial<Task> = {};
    const words: string[] = [];
    if (!a.applies) {
      if (task.status === 'not_applicable') return null;
      if (r.hasProgress) {
        const phrase = `推广范围变更后不再覆盖${province.name}（${a.reason ?? ''}），任务已有进展，请确认是否仍适用`;
        if (task.pendingDecision === phrase) return null;
        Object.assign(changes, { pendingDecision: phrase });
        words.push('已有进展，改为待确认');
      } else {
        Object.assign(changes, { status: 'not_applicable', notApplicableReason: a.reason, statusReason: a.reason, pendingDecision: null });
        words.push(`改为不适用：${a.reason}`);
      }
    } else {
      if (task.status === 'not_applicable') {
        Object.assign(changes, { status: 'not_started', notApplicableReason: null, statusReason: null });
        words.push('恢复适用');
      }
      if ((task.pendingDecision ?? null) !== a.pending && !(a.pending === null && r.hasProgress && task.pendingDecision?.startsWith('推广范围变更后'))) {
        changes.pendingDecision = a.pending;
        words.push(a.pending ? `待确认：${a.pending}` : '不再待确认');
      }
    }
    // A task kept for the coordinator keeps its cities too: they are part of the progress.
    const wanted = new Set(a.applies ? a.cityCodes : r.hasProgress ? r.rolloutCodes.map((x) => x.code) : []);
    const have = new Set(r.rolloutCodes.map((x) => x.code));
    const added = [...wanted].filter((c) => !have.has(c));
    const removed = r.rolloutCodes.filter((x) => !wanted.has(x.code) && !x.started).map((x) => x.code);
    if (added.length) {
      await this.addRollouts(m, added.map((code) => ({ taskId: task.id, regionId: unitIdByCode.get(code) })));
      words.push(`新增城市 ${added.join('、')}`);
    }
    if (removed.length) {
      await m.query(`DELETE FROM rollout WHERE task_id = $1 AND status = 'not_started' AND region_id IN (SELECT id FROM region WHERE code = ANY($2))`, [task.id, removed]);
      words.push(`移除城市 ${removed.join('、')}`);
    }
    if (!words.length) return null;
    if (Object.keys(changes).length) await m.update(Task, { id: task.id }, changes);
    const before = { status: task.status, notApplicableReason: task.notApplicableReason, pendingDecision: task.pendingDecision, rollouts: [...have].sort() };
    await this.audit.record(m, { actor: user, entityType: 'task', entityId: task.id, action: 're_evaluate', before, after: { ...before, ...changes, addedRollouts: added, removedRollouts: removed } });
    return { task: changes, words: words.join('；') };
  }

  /**
   * The batch, the province, its units and each item's applicability by its scope, read afresh with the regions and
   * zones as they are now (what preview, adoption and re-evaluation share).
   */
  private async adoptionPlan(batchId: string, regionId: string, user: AuthUser | null) {
    const batch = await this.catalog.findBatchOrFail(batchId);
    const province = await this.organisation.findRegionOrFail(regionId);
    if (province.level !== 'province') throw badField('regionId', 'regionId must be a province (省级行政区)');
    if (user && user.role !== 'admin' && user.provinceId !== province.id) throw new ForbiddenException('只能为本省承接批次 (you can only adopt batches for your own province)');
    const [items, units, gazetteer] = await Promise.all([this.catalog.itemsOfBatch(batch.id), this.organisation.unitsOf(province.id), this.organisation.gazetteer()]);
    const scopeProvince = toScopeRegion(province);
    const scopeUnits = units.map(toScopeRegion);
    const defaultScope = batch.defaultScope ?? undefined;
    const rows = items.map((item) => ({ item, applicability: evaluateScope(parseScope(item.scopeText, { defaultScope, gazetteer }), scopeProvince, scopeUnits) }));
    return { batch, province, units, rows };
  }

  /** Overrides by item; each must name an item of this batch, once, with a reason (400 naming overrides otherwise). */
  private checkOverrides(items: ReformItem[], overrides: AdoptionOverride[]): Map<string, AdoptionOverride> {
    const inBatch = new Set(items.map((i) => i.id));
    const byItem = new Map<string, AdoptionOverride>();
    for (const [i, o] of overrides.entries()) {
      if (!inBatch.has(o.reformItemId)) throw badField(`overrides.${i}.reformItemId`, `overrides 第${i + 1}项：改革事项 ${o.reformItemId} 不属于该批次 (reform item ${o.reformItemId} is not in this batch)`);
      if (byItem.has(o.reformItemId)) throw badField(`overrides.${i}.reformItemId`, `overrides 第${i + 1}项：改革事项 ${o.reformItemId} 重复 (reform item ${o.reformItemId} is given twice)`);
      byItem.set(o.reformItemId, { ...o, reason: o.reason.trim() });
    }
    return byItem;
  }

  // ---- milestones (时间节点)
  async listMilestones(taskId: string, user: AuthUser): Promise<MilestoneView[]> {
    this.requireRead(user, await this.accessFacts(taskId));
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
    const { done, ...given } = dto;
    // Fields the request left out arrive as undefined: spread over the row they would blank it in the answer and the audit row.
    const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
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

  private async viewSourceOrFail(m: EntityManager, id: string): Promise<TaskViewSource> {
    const [task] = await loadTaskViewSources(m, [id]);
    if (!task) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
    return task;
  }

  /**
   * The entities with their relations, in the order of `ids`, for the update that saves them back (findOne with
   * these relations would issue two queries per task). Any id missing or not readable by the caller is a 404 naming it.
   */
  private async loadTasks(m: EntityManager, ids: string[], user: AuthUser): Promise<Task[]> {
    const found = new Map((await this.taskQuery(m).where('t.id IN (:...ids)', { ids }).getMany()).map((t) => [t.id, t]));
    const missing = ids.filter((id) => !found.has(id) || !canReadTask(user, found.get(id)!));
    if (missing.length) throw new NotFoundException(`任务不存在：${missing.join('、')} (task ${missing.join(', ')} not found)`);
    return ids.map((id) => found.get(id)!);
  }

  private taskQuery(m: EntityManager) {
    return m
      .createQueryBuilder(Task, 't')
      .leftJoinAndSelect('t.reformItem', 'i')
      .leftJoinAndSelect('i.batch', 'b')
      .leftJoinAndSelect('b.document', 'd')
      .leftJoinAndSelect('t.region', 'r')
      .leftJoinAndSelect('t.leadDepartment', 'l')
      .leftJoinAndSelect('t.participants', 'p');
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
    const ids = [...(dto.leadDepartmentId ? [dto.leadDepartmentId] : []), ...(dto.participantDepartmentIds ?? []), ...(dto.coLeadDepartmentIds ?? [])];
    const found = new Map((await this.organisation.findDepartmentsByIds([...new Set(ids)])).map((d) => [d.id, d]));
    const check = (field: string, id: string) => {
      const d = found.get(id);
      if (!d) throw badField(field, `${field}: department ${id} does not exist`);
      if (d.regionId !== regionId) throw badField(field, `${field}: ${d.name} is not a department of this province`);
    };
    if (dto.leadDepartmentId) check('leadDepartmentId', dto.leadDepartmentId);
    for (const id of dto.participantDepartmentIds ?? []) check('participantDepartmentIds', id);
    for (const id of dto.coLeadDepartmentIds ?? []) check('coLeadDepartmentIds', id);
    if (dto.leadDepartmentId && dto.coLeadDepartmentIds?.includes(dto.leadDepartmentId)) {
      throw badField('coLeadDepartmentIds', 'coLeadDepartmentIds 共同牵头部门不能包含牵头部门本身 (must not include the lead department)');
    }
    if (dto.coLeadDepartmentIds?.some((id) => dto.participantDepartmentIds?.includes(id))) {
      throw badField('coLeadDepartmentIds', 'coLeadDepartmentIds 共同牵头部门不能同时是参加部门 (a department is a co-lead or a participant, not both)');
    }
    if (dto.leadDepartmentId && dto.participantDepartmentIds?.includes(dto.leadDepartmentId)) {
      throw badField('participantDepartmentIds', 'participantDepartmentIds must not include the lead department');
    }
    return found;
  }
}
