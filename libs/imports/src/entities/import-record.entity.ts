import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RowProblem } from '../import-table.js';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'docx', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

@Entity('import_record')
export class ImportRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_username', type: 'varchar', nullable: true }) actorUsername: string | null;
  @Column({ name: 'file_name', type: 'varchar', nullable: true }) fileName: string | null;
  @Column({ type: 'varchar' }) format: ImportFormat;
  @Column({ name: 'doc_number' }) docNumber: string;
  @Column({ name: 'document_id', type: 'uuid', nullable: true }) documentId: string | null;
  @Column({ name: 'batch_id', type: 'uuid', nullable: true }) batchId: string | null;
  @Column({ type: 'int' }) created: number;
  @Column({ type: 'int' }) updated: number;
  @Column({ type: 'int' }) unchanged: number;
  @Column({ type: 'int' }) skipped: number;
  /** The rows skipped with skipInvalid=true and why, so the record explains its own "skipped" count. */
  @Column({ type: 'jsonb' }) problems: RowProblem[];
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
}
