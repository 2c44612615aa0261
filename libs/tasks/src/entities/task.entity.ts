import { Column, CreateDateColumn, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReformItem, type StoredScope } from '#libs/catalog';
import { Department, Region } from '#libs/organisation';
import type { TaskStatus } from '../rules/task-status.machine.js';
import { Milestone } from './milestone.entity.js';

export const TASK_DEADLINE_KINDS = ['date', 'ongoing', 'conditional'] as const;
export type TaskDeadlineKind = (typeof TASK_DEADLINE_KINDS)[number];
export const TASK_DEADLINE_KIND_LABELS: Record<TaskDeadlineKind, string> = { date: '限期完成', ongoing: '持续实施', conditional: '视条件推进' };

/**
 * 未设时限: a task to be completed by a date that has none yet (its item gave no 时限 and no provincial default was
 * taken), still open. Counted in the task list and the dashboards, and the sweep reminds the coordinator of them.
 */
export const withoutDeadlineSql = (t: string) => `(${t}.deadline_kind = 'date' AND ${t}.due_date IS NULL AND ${t}.status NOT IN ('closed', 'not_applicable'))`;

/**
 * "Does this department lead the task": its lead, or a co-lead (a task_participant row with role co_lead).
 * Every SQL that asks it (access, the task list, rankings, reminders) uses this, so co-leads count everywhere.
 */
export const leadsTaskSql = (t: string, department: string) =>
  `(${t}.lead_department_id = ${department} OR EXISTS (SELECT 1 FROM task_participant cl WHERE cl.task_id = ${t}.id AND cl.department_id = ${department} AND cl.role = 'co_lead'))`;

/** Each lead of each task as rows (task_id, department_id): the lead and the co-leads, for per-department figures. */
export const TASK_LEADS_SQL = `(SELECT id AS task_id, lead_department_id AS department_id FROM task WHERE lead_department_id IS NOT NULL
  UNION ALL SELECT task_id, department_id FROM task_participant WHERE role = 'co_lead')`;

/**
 * 待确认: a task whose applicability the coordinator still has to decide (a task set aside has none). The task list,
 * the dashboards, the ledger export and the reminders all ask it this way.
 */
export const pendingDecisionSql = (t: string) => `(${t}.pending_decision IS NOT NULL AND ${t}.status <> 'not_applicable')`;

/** Every lead of a task as a uuid[], the lead first: notices addressed to "the lead department" go to each of them. */
export const taskLeadIdsSql = (t: string) =>
  `array_remove(${t}.lead_department_id || ARRAY(SELECT cl.department_id FROM task_participant cl WHERE cl.task_id = ${t}.id AND cl.role = 'co_lead' ORDER BY cl.department_id), NULL)`;

/** The leads' names as the documents write them ("X、Y牵头"): the lead (`leadName`, a joined department's name), then the co-leads. */
export const taskLeadNamesSql = (t: string, leadName: string) =>
  `nullif(concat_ws('、', ${leadName}, (SELECT string_agg(cd.name, '、' ORDER BY cd.name) FROM task_participant cl JOIN department cd ON cd.id = cl.department_id WHERE cl.task_id = ${t}.id AND cl.role = 'co_lead')), '')`;

export const isWithoutDeadline = (t: Pick<Task, 'deadlineKind' | 'dueDate' | 'status'>) => t.deadlineKind === 'date' && !t.dueDate && !['closed', 'not_applicable'].includes(t.status);

@Entity('task')
export class Task {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'reform_item_id', type: 'uuid' }) reformItemId: string;
  @ManyToOne(() => ReformItem) @JoinColumn({ name: 'reform_item_id' }) reformItem?: ReformItem;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @ManyToOne(() => Region) @JoinColumn({ name: 'region_id' }) region?: Region;
  @Column({ name: 'lead_department_id', type: 'uuid', nullable: true }) leadDepartmentId: string | null;
  @ManyToOne(() => Department) @JoinColumn({ name: 'lead_department_id' }) leadDepartment?: Department | null;
  @ManyToMany(() => Department)
  @JoinTable({ name: 'task_participant', joinColumn: { name: 'task_id' }, inverseJoinColumn: { name: 'department_id' } })
  participants?: Department[];
  @OneToMany(() => Milestone, (m) => m.task) milestones?: Milestone[];
  @Column({ name: 'scope_text', type: 'varchar', nullable: true }) scopeText: string | null;
  @Column({ type: 'jsonb', nullable: true }) scope: StoredScope | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ name: 'deadline_kind', type: 'varchar' }) deadlineKind: TaskDeadlineKind;
  @Column({ name: 'deadline_text', type: 'varchar', nullable: true }) deadlineText: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ type: 'varchar' }) status: TaskStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ name: 'not_applicable_reason', type: 'text', nullable: true }) notApplicableReason: string | null;
  @Column({ name: 'applicability_overridden' }) applicabilityOverridden: boolean;
  /** 待确认: why applicability needs the coordinator's decision (voluntary wording, unreadable scope, a scope change). */
  @Column({ name: 'pending_decision', type: 'text', nullable: true }) pendingDecision: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'close_note', type: 'text', nullable: true }) closeNote: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
