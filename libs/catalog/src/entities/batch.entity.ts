import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PolicyDocument } from './policy-document.entity.js';

export const BATCH_KINDS = ['pilot-experience', 'best-practice', 'department-promoted', 'provincial'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];
export const BATCH_KIND_LABELS: Record<BatchKind, string> = {
  'pilot-experience': '改革试点经验',
  'best-practice': '最佳实践案例',
  'department-promoted': '部门推广改革试点经验',
  provincial: '省级工作方案',
};

@Entity('batch')
export class Batch {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @ManyToOne(() => PolicyDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: PolicyDocument;
  @Column() name: string;
  @Column({ type: 'varchar' }) kind: BatchKind;
  @Column({ name: 'published_on', type: 'date', nullable: true }) publishedOn: string | null;
  @Column({ name: 'default_scope', type: 'varchar', nullable: true }) defaultScope: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
