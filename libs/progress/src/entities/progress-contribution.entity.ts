import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department } from '#libs/organisation';
import type { ProgressReport } from './progress-report.entity.js';

/** A participating department's part of a report (参加部门的进展), one per department per report. */
@Entity('progress_contribution')
export class ProgressContribution {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId: string;
  // Lazy type reference (string target) avoids an import cycle between the two entity files under ESM.
  @ManyToOne('ProgressReport', 'contributions', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'report_id' }) report?: ProgressReport;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @ManyToOne(() => Department) @JoinColumn({ name: 'department_id' }) department?: Department;
  @Column({ type: 'text' }) text: string;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
