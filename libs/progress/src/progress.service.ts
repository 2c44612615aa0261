import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '#libs/audit';
import { parsePeriod, periodLabel, type Period } from '#libs/calendar';
import { badField, Clock, pageOf, type AuthUser, type Page } from '#libs/common';
import { leadsTaskSql, Task } from '#libs/tasks';
import type { ContributionDto, CreateReportDto, ReportQueryDto, ReturnReportDto, ReviewReportDto, UpdateReportDto } from './dto/progress.dto.js';
import { EvidenceFile } from './entities/evidence-file.entity.js';
import { ProgressContribution } from './entities/progress-contribution.entity.js';
import { ProgressReport } from './entities/progress-report.entity.js';
import { canContribute, canReviewReport, canWriteReport } from './rules/progress-access.policy.js';
import { checkReportStep, REPORTED_STATUSES, type ReportStep } from './rules/report-status.machine.js';
import { loadTaskFacts, requireRead, type TaskFacts } from './task-facts.js';
import { toContributionView, toEvidenceView, toReportView, type MissingReportsView, type MissingReportTask, type ReportDetailView, type ReportView } from './progress.view.js';

/** One task owing a report for a period, with its lead department and province. */
export type MissingReportRow = MissingReportTask & { departmentId: string; departmentName: string; provinceId: string };

const REPORT_RELATIONS = { task: { reformItem: { batch: true } }, department: true } as const;
// Stands in for a missing province id so a user without one matches nothing rather than everything.
const NO_PROVINCE = '00000000-0000-0000-0000-000000000000';

/** What the audit trail keeps of a report: its own columns, not the joined task. */
function reportSnapshot(r: ProgressReport): Record<string, unknown> {
  const { task: _t, department: _d, contributions: _c, ...own } = r;
  return own;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const ONLY_LEAD = '只有牵头部门可以填写和报送进展报告 (only the lead department can write and submit the progress report)';
const ONLY_COORDINATOR = '只有省商务厅可以审核进展报告 (only the coordinator can review progress reports)';

@Injectable()
export class ProgressService {
  constructor(
    @InjectRepository(ProgressReport) private readonly reports: Repository<ProgressReport>,
    @InjectRepository(ProgressContribution) private readonly contributions: Repository<ProgressContribution>,
    @InjectRepository(EvidenceFile) private readonly evidence: Repository<EvidenceFile>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(taskId: string, dto: CreateReportDto, user: AuthUser): Promise<ReportDetailView> {
    const period = this.reportablePeriod(dto.period);
    const task = await loadTaskFacts(this.dataSource.manager, taskId);
    requireRead(user, task);
    if (!canWriteReport(user, task)) throw new ForbiddenException(ONLY_LEAD);
    if (task.status === 'not_applicable') throw new ConflictException('该任务已认定不适用，无需报送进展 (the task is not applicable: no report is due)');
    const existing = await this.reports.findOne({ where: { taskId, period: period.key }, select: { id: true } });
    if (existing) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该任务${periodLabel(period)}已有进展报告，请修改原报告 (a report for this task and period already exists: edit report ${existing.id} instead)`,
        reportId: existing.id,
      });
    }
    const id = await this.dataSource.transaction(async (m) => {
      const report = await m.save(
        ProgressReport,
        m.create(ProgressReport, {
          taskId,
          period: period.key,
          departmentId: task.leadDepartmentId,
          progress: dto.progress ?? '',
          problems: dto.problems ?? null,
          suggestions: dto.suggestions ?? null,
          percentComplete: dto.percentComplete ?? null,
          status: 'draft',
        }),
      );
      await this.audit.record(m, { actor: user, entityType: 'progress_report', entityId: report.id, action: 'create', after: reportSnapshot(report) });
      return report.id;
    });
    return this.get(id, user);
  }

  update(id: string, dto: UpdateReportDto, user: AuthUser): Promise<ReportDetailView> {
    return this.step(id, user, 'edit', canWriteReport, ONLY_LEAD, () => definedOnly({ progress: dto.progress, problems: dto.problems, suggestions: dto.suggestions, percentComplete: dto.percentComplete }));
  }

  submit(id: string, user: AuthUser): Promise<ReportDetailView> {
    return this.step(id, user, 'submit', canWriteReport, ONLY_LEAD, (r) => {
      if (!r.progress.trim()) throw badField('progress', '报送前须填写进展情况 (progress must be filled in before the report is submitted)');
      return { submittedAt: this.clock.now(), submittedBy: user.id };
    });
  }

  accept(id: string, dto: ReviewReportDto, user: AuthUser): Promise<ReportDetailView> {
    return this.step(id, user, 'accept', canReviewReport, ONLY_COORDINATOR, () => ({ reviewedAt: this.clock.now(), reviewedBy: user.id, reviewComment: dto.comment?.trim() || null }));
  }

  returnReport(id: string, dto: ReturnReportDto, user: AuthUser): Promise<ReportDetailView> {
    return this.step(id, user, 'return', canReviewReport, ONLY_COORDINATOR, () => ({ reviewedAt: this.clock.now(), reviewedBy: user.id, reviewComment: dto.comment }));
  }

  /** A participating department's part: one per department, rewritten in place while the report is with the lead. */
  async contribute(id: string, dto: ContributionDto, user: AuthUser): Promise<ReportDetailView> {
    const report = await this.findOrFail(id);
    const task = await loadTaskFacts(this.dataSource.manager, report.taskId);
    requireRead(user, task, reportNotFound(id));
    if (!canContribute(user, task)) throw new ForbiddenException('只有该任务的参加部门可以补充本部门进展 (only participating departments of the task can add their part)');
    const departmentId = user.departmentId!;
    await this.dataSource.transaction(async (m) => {
      // Share-lock the report: it must not be submitted between the check and the write.
      const locked = await m.findOneOrFail(ProgressReport, { where: { id }, lock: { mode: 'pessimistic_read' } });
      const check = checkReportStep(locked.status, 'edit');
      if (!check.ok) throw new ConflictException(check.message);
      const existing = await m.findOneBy(ProgressContribution, { reportId: id, departmentId });
      const before = existing ? { departmentId, text: existing.text } : null;
      if (existing) await m.update(ProgressContribution, { id: existing.id }, { text: dto.text, authorId: user.id });
      else await m.insert(ProgressContribution, { reportId: id, departmentId, text: dto.text, authorId: user.id });
      await this.audit.record(m, { actor: user, entityType: 'progress_report', entityId: id, action: 'contribute', before, after: { departmentId, text: dto.text } });
    });
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser): Promise<ReportDetailView> {
    const report = await this.findOrFail(id);
    requireRead(user, report.task!, reportNotFound(id));
    const [contributions, evidence, history] = await Promise.all([
      this.contributions.find({ where: { reportId: id }, relations: { department: true }, order: { createdAt: 'ASC' } }),
      this.evidence.find({ where: { reportId: id }, order: { uploadedAt: 'ASC' } }),
      this.audit.history('progress_report', id),
    ]);
    return { ...toReportView(report), contributions: contributions.map(toContributionView), evidence: evidence.map(toEvidenceView), history };
  }

  list(query: ReportQueryDto, user: AuthUser): Promise<Page<ReportView> | MissingReportsView> {
    return query.missing ? this.missing(query, user) : this.page(query, user);
  }

  private async page(query: ReportQueryDto, user: AuthUser): Promise<Page<ReportView>> {
    const qb = this.reports
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.task', 't')
      .innerJoinAndSelect('t.reformItem', 'i')
      .leftJoinAndSelect('i.batch', 'b')
      .leftJoinAndSelect('p.department', 'd');
    if (user.role !== 'admin') qb.andWhere('t.region_id = :provinceId', { provinceId: user.provinceId ?? NO_PROVINCE });
    if (query.regionId) qb.andWhere('t.region_id = :regionId', { regionId: query.regionId });
    if (query.period) qb.andWhere('p.period = :period', { period: parsePeriodField(query.period).key });
    if (query.taskId) qb.andWhere('p.task_id = :taskId', { taskId: query.taskId });
    if (query.departmentRole && !query.departmentId) throw badField('departmentRole', '按牵头/参加筛选须同时指定部门 departmentId (departmentRole needs departmentId)');
    if (query.departmentId && query.departmentRole === 'participant') {
      qb.andWhere('EXISTS (SELECT 1 FROM task_participant tp WHERE tp.task_id = p.task_id AND tp.department_id = :departmentId)', { departmentId: query.departmentId });
    } else if (query.departmentId) qb.andWhere('p.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: query.batchId });
    if (query.status?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: query.status });
    // Only many-to-one joins: offset/limit page the rows directly without multiplying them.
    qb.orderBy('p.period', 'DESC').addOrderBy('i.seq', 'ASC').addOrderBy('p.id', 'ASC');
    const [items, total] = await Promise.all([qb.clone().offset((query.page - 1) * query.pageSize).limit(query.pageSize).getMany(), qb.getCount()]);
    return pageOf(items.map(toReportView), total, query);
  }

  /**
   * Who has not reported for the quarter: every open task with a lead department (持续实施 ones every quarter,
   * dated ones while open) that has no submitted or accepted report for the period, grouped by lead department.
   */
  private async missing(query: ReportQueryDto, user: AuthUser): Promise<MissingReportsView> {
    if (!query.period) throw badField('period', '查询未报送情况须指定报告期 period，如 2026Q3 (period is required with missing=true)');
    const period = parsePeriodField(query.period);
    const rows = await this.missingTasks(period, user, query);
    const departments = new Map<string, MissingReportsView['departments'][number]>();
    for (const { departmentId, departmentName, provinceId: _p, ...task } of rows) {
      const group = departments.get(departmentId) ?? { department: { id: departmentId, name: departmentName }, taskCount: 0, tasks: [] };
      group.tasks.push(task);
      group.taskCount += 1;
      departments.set(departmentId, group);
    }
    return { period: period.key, periodLabel: periodLabel(period), departmentCount: departments.size, taskCount: rows.length, departments: [...departments.values()] };
  }

  /**
   * The tasks behind the missing-report list (and 一键催报), ordered by lead department, with the department's
   * province. An anti-join over the province's open tasks: one query, using ix_task_region_status and
   * uq_progress_report_task_period.
   */
  async missingTasks(period: Period, user: AuthUser, filters: Pick<ReportQueryDto, 'regionId' | 'taskId' | 'departmentId' | 'batchId'> = {}): Promise<MissingReportRow[]> {
    const qb = this.dataSource
      .createQueryBuilder(Task, 't')
      .innerJoin('t.reformItem', 'i')
      .innerJoin('i.batch', 'b')
      .innerJoin('t.leadDepartment', 'd')
      .leftJoin(ProgressReport, 'p', 'p.task_id = t.id AND p.period = :period', { period: period.key })
      .select(['t.id AS "taskId"', 'i.seq AS seq', 'i.name AS "reformItemName"', 'b.id AS "batchId"', 'b.name AS "batchName"', 't.status AS "taskStatus"'])
      .addSelect(['t.deadline_kind AS "deadlineKind"', `to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate"`, 'p.id AS "reportId"', 'p.status AS "reportStatus"', 'd.id AS "departmentId"', 'd.name AS "departmentName"', 't.region_id AS "provinceId"'])
      .where(`t.status NOT IN ('closed', 'not_applicable')`)
      .andWhere('(p.id IS NULL OR p.status NOT IN (:...reported))', { reported: REPORTED_STATUSES });
    if (user.role !== 'admin') qb.andWhere('t.region_id = :provinceId', { provinceId: user.provinceId ?? NO_PROVINCE });
    if (filters.regionId) qb.andWhere('t.region_id = :regionId', { regionId: filters.regionId });
    if (filters.taskId) qb.andWhere('t.id = :taskId', { taskId: filters.taskId });
    if (filters.departmentId) qb.andWhere(leadsTaskSql('t', ':departmentId'), { departmentId: filters.departmentId });
    if (filters.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: filters.batchId });
    qb.orderBy('d.name', 'ASC').addOrderBy('d.id', 'ASC').addOrderBy('b.name', 'ASC').addOrderBy('i.seq', 'ASC');
    const rows = await qb.getRawMany<MissingReportRow>();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** The shared path of edit, submit, accept and return: read, permission, state (under a row lock), change, audit. */
  private async step(
    id: string,
    user: AuthUser,
    step: ReportStep,
    allowed: (user: AuthUser, task: TaskFacts) => boolean,
    forbidden: string,
    change: (locked: ProgressReport) => Partial<ProgressReport>,
  ): Promise<ReportDetailView> {
    const report = await this.findOrFail(id);
    const task = await loadTaskFacts(this.dataSource.manager, report.taskId);
    requireRead(user, task, reportNotFound(id));
    if (!allowed(user, task)) throw new ForbiddenException(forbidden);
    await this.dataSource.transaction(async (m) => {
      const locked = await m.findOneOrFail(ProgressReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const check = checkReportStep(locked.status, step);
      if (!check.ok) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: check.message, currentStatus: locked.status });
      const before = reportSnapshot(locked);
      const changes = { ...change(locked), status: check.to };
      await m.update(ProgressReport, { id }, changes);
      await this.audit.record(m, { actor: user, entityType: 'progress_report', entityId: id, action: step === 'edit' ? 'update' : step, before, after: { ...before, ...changes } });
    });
    return this.get(id, user);
  }

  /** A period a report can be opened (or chased) for: well-formed and already begun (nobody reports on a quarter ahead). */
  reportablePeriod(key: string): Period {
    const period = parsePeriodField(key);
    if (period.start > this.clock.today()) throw badField('period', `报告期 ${period.key} 尚未开始 (period ${period.key} has not started yet)`);
    return period;
  }

  private async findOrFail(id: string): Promise<ProgressReport> {
    const report = await this.reports.findOne({ where: { id }, relations: REPORT_RELATIONS });
    if (!report) throw new NotFoundException(reportNotFound(id));
    return report;
  }
}

function parsePeriodField(key: string): Period {
  try {
    return parsePeriod(key);
  } catch (error) {
    throw badField('period', (error as Error).message);
  }
}

const reportNotFound = (id: string) => `进展报告不存在 (progress report ${id} not found)`;
