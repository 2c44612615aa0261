import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, Clock, type AuthUser } from '#libs/common';
import { canManageTask, canReadTask, Task, TasksService, type TaskView } from '#libs/tasks';
import type { CloseOutDto, ReturnCloseOutDto, SubmitCompletionDto } from './dto/close-out.dto.js';
import { EvidenceFile } from './entities/evidence-file.entity.js';
import { TaskCompletion, type CompletionStatus } from './entities/task-completion.entity.js';
import { loadTaskFacts, requireRead } from './task-facts.js';
import { toCompletionView, type CompletionView } from './progress.view.js';

export interface CloseOutResult {
  task: TaskView;
  completion: CompletionView | null;
}

/**
 * 销号: the lead submits completion with evidence (task → submitted), the coordinator verifies it (→ closed) or
 * returns it (→ in_progress). The status change goes through TasksService.transition in the same transaction as
 * the completion record, so the task and its close-out record never disagree.
 */
@Injectable()
export class CloseOutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async submit(taskId: string, dto: SubmitCompletionDto, user: AuthUser): Promise<CloseOutResult> {
    const evidenceIds = [...new Set(dto.evidenceIds)];
    return this.dataSource.transaction(async (m) => {
      // transition() answers 404 / 403 / 409 (not in progress) before anything is written.
      const task = await this.tasks.transition(taskId, { to: 'submitted' }, user, m);
      const evidence = await m.find(EvidenceFile, { where: { id: In(evidenceIds), taskId, purpose: 'completion' } });
      const unknown = evidenceIds.filter((id) => !evidence.some((e) => e.id === id));
      if (unknown.length) {
        throw badField('evidenceIds', `以下文件不是该任务的销号佐证材料（purpose=completion）：${unknown.join(', ')} (not completion evidence of this task)`);
      }
      // A submission left pending when the task was returned through the plain status endpoint gives way to this one.
      for (const stale of await m.find(TaskCompletion, { where: { taskId, status: 'submitted' } })) await this.decide(m, stale, 'superseded', null, user, 'supersede');
      const completion = await m.save(
        TaskCompletion,
        m.create(TaskCompletion, { taskId, summary: dto.summary, outcomeSnapshot: task.outcome, evidenceIds, status: 'submitted', submittedBy: user.id, submittedAt: this.clock.now() }),
      );
      await this.audit.record(m, { actor: user, entityType: 'task_completion', entityId: completion.id, action: 'submit', after: completion });
      return { task, completion: toCompletionView(completion, evidence) };
    });
  }

  async verify(taskId: string, dto: CloseOutDto, user: AuthUser): Promise<CloseOutResult> {
    return this.dataSource.transaction(async (m) => {
      const task = await this.tasks.transition(taskId, { to: 'closed', reason: dto.note }, user, m);
      const pending = await this.pending(m, taskId);
      if (!pending) {
        throw new ConflictException('该任务没有待核验的销号申请，须由牵头部门提交完成情况和佐证材料 (no completion with evidence awaits verification: the lead department must submit one first)');
      }
      return { task, completion: await this.decide(m, pending, 'verified', dto.note, user, 'verify') };
    });
  }

  async returnCompletion(taskId: string, dto: ReturnCloseOutDto, user: AuthUser): Promise<CloseOutResult> {
    return this.dataSource.transaction(async (m) => {
      const locked = await m.findOne(Task, { where: { id: taskId }, select: { id: true, regionId: true, leadDepartmentId: true, status: true }, lock: { mode: 'pessimistic_write' } });
      if (!locked || !canReadTask(user, locked)) throw new NotFoundException(`任务不存在 (task ${taskId} not found)`);
      if (!canManageTask(user, locked)) throw new ForbiddenException('只有省商务厅可以退回销号申请 (only the coordinator can return a completion)');
      // submitted → in_progress is a return; closed → in_progress would be a reopen, which this endpoint must not do.
      if (locked.status !== 'submitted') throw new ConflictException(`任务当前不是“待审核销号”，无可退回的申请 (the task is ${locked.status}, not submitted)`);
      const task = await this.tasks.transition(taskId, { to: 'in_progress', reason: dto.reason }, user, m);
      const pending = await this.pending(m, taskId);
      return { task, completion: pending ? await this.decide(m, pending, 'returned', dto.reason, user, 'return') : null };
    });
  }

  async list(taskId: string, user: AuthUser): Promise<CompletionView[]> {
    const m = this.dataSource.manager;
    requireRead(user, await loadTaskFacts(m, taskId));
    const completions = await m.find(TaskCompletion, { where: { taskId }, order: { submittedAt: 'DESC', createdAt: 'DESC' } });
    const evidence = await m.find(EvidenceFile, { where: { id: In(completions.flatMap((c) => c.evidenceIds)) } });
    return completions.map((c) => toCompletionView(c, evidence));
  }

  private pending(m: EntityManager, taskId: string): Promise<TaskCompletion | null> {
    return m.findOne(TaskCompletion, { where: { taskId, status: 'submitted' }, lock: { mode: 'pessimistic_write' } });
  }

  private async decide(m: EntityManager, completion: TaskCompletion, status: CompletionStatus, note: string | null, user: AuthUser, action: string): Promise<CompletionView> {
    const before = { status: completion.status, reviewedBy: completion.reviewedBy, reviewedAt: completion.reviewedAt, reviewNote: completion.reviewNote };
    const changes = { status, reviewedBy: user.id, reviewedAt: this.clock.now(), reviewNote: note };
    await m.update(TaskCompletion, { id: completion.id }, changes);
    await this.audit.record(m, { actor: user, entityType: 'task_completion', entityId: completion.id, action, before, after: changes });
    const evidence = await m.find(EvidenceFile, { where: { id: In(completion.evidenceIds) } });
    return toCompletionView({ ...completion, ...changes }, evidence);
  }
}
