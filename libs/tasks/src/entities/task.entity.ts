import { Column, CreateDateColumn, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReformItem, type StoredScope } from '#libs/catalog';
import { Department, Region } from '#libs/organisation';
import type { TaskStatus } from '../rules/task-status.machine.js';
import { Milestone } from './milestone.entity.js';

export const TASK_DEADLINE_KINDS = ['date', 'ongoing', 'conditional'] as const;
export type TaskDeadlineKind = (typeof TASK_DEADLINE_KINDS)[number];
export const TASK_DEADLINE_KIND_LABELS: Record<TaskDeadlineKind, string> = { date: '限期完成', ongoing: '持续实施', conditional: '视条件推进' };

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
