import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const COMPLETION_STATUSES = ['submitted', 'verified', 'returned', 'superseded'] as const;
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];
export const COMPLETION_STATUS_LABELS: Record<CompletionStatus, string> = { submitted: '待核验', verified: '已核验销号', returned: '已退回', superseded: '已被新申请取代' };

/** A close-out submission (销号申请) against the task's verifiable outcome, and the coordinator's decision on it. */
@Entity('task_completion')
export class TaskCompletion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ type: 'text' }) summary: string;
  /** The 可检验成果 as it stood when the lead submitted: what the evidence was measured against. */
  @Column({ name: 'outcome_snapshot', type: 'text', nullable: true }) outcomeSnapshot: string | null;
  @Column({ name: 'evidence_ids', type: 'uuid', array: true }) evidenceIds: string[];
  @Column({ type: 'varchar' }) status: CompletionStatus;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
