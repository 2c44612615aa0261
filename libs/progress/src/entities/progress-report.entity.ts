import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department } from '#libs/organisation';
import { Task } from '#libs/tasks';
import type { ReportStatus } from '../rules/report-status.machine.js';
import { ProgressContribution } from './progress-contribution.entity.js';

/** One task's quarterly report (每季度定期调度): written by the lead department, reviewed by the coordinator. */
@Entity('progress_report')
export class ProgressReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @ManyToOne(() => Task, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'task_id' }) task?: Task;
  @Column({ type: 'varchar' }) period: string;
  /** The lead department when the report was opened: a later reassignment does not rewrite who reported. */
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @ManyToOne(() => Department) @JoinColumn({ name: 'department_id' }) department?: Department | null;
  @Column({ type: 'text' }) progress: string;
  @Column({ type: 'text', nullable: true }) problems: string | null;
  @Column({ type: 'text', nullable: true }) suggestions: string | null;
  @Column({ name: 'percent_complete', type: 'smallint', nullable: true }) percentComplete: number | null;
  @Column({ type: 'varchar' }) status: ReportStatus;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'review_comment', type: 'text', nullable: true }) reviewComment: string | null;
  @OneToMany(() => ProgressContribution, (c) => c.report) contributions?: ProgressContribution[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
