import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeadlineKind, ParsedScope } from '#libs/parsing';
import { Batch } from './batch.entity.js';

export type StoredScope = Pick<ParsedScope, 'kind' | 'regions' | 'note' | 'label'>;

@Entity('reform_item')
export class ReformItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'batch_id', type: 'uuid' }) batchId: string;
  @ManyToOne(() => Batch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: Batch;
  @Column({ type: 'int' }) seq: number;
  @Column() name: string;
  @Column({ type: 'varchar', nullable: true }) domain: string | null;
  @Column({ type: 'text', nullable: true }) content: string | null;
  @Column({ name: 'departments_text', type: 'text', nullable: true }) departmentsText: string | null;
  @Column({ name: 'national_lead', type: 'varchar', nullable: true }) nationalLead: string | null;
  @Column({ name: 'national_participants', type: 'text', array: true, default: () => "'{}'" }) nationalParticipants: string[];
  /** The leads after nationalLead ("X、Y牵头"); they are among nationalParticipants too. */
  @Column({ name: 'national_co_leads', type: 'text', array: true, default: () => "'{}'" }) nationalCoLeads: string[];
  /** "有关部门", "国务院有关部门": departments the document leaves open beside the named ones (not a department). */
  @Column({ name: 'departments_open_group', type: 'varchar', nullable: true }) departmentsOpenGroup: string | null;
  @Column({ name: 'scope_text', type: 'varchar', nullable: true }) scopeText: string | null;
  @Column({ type: 'jsonb' }) scope: StoredScope;
  @Column({ name: 'deadline_text', type: 'varchar', nullable: true }) deadlineText: string | null;
  @Column({ name: 'deadline_kind', type: 'varchar' }) deadlineKind: DeadlineKind;
  @Column({ name: 'deadline_date', type: 'date', nullable: true }) deadlineDate: string | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ name: 'source_document', type: 'varchar', nullable: true }) sourceDocument: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
