import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidencePurpose } from '../rules/evidence-type.js';

/** A file on disk under EVIDENCE_DIR (storageKey), described here; the bytes never go into the database. */
@Entity('evidence_file')
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @Column({ name: 'report_id', type: 'uuid', nullable: true }) reportId: string | null;
  @Column({ name: 'rollout_id', type: 'uuid', nullable: true }) rolloutId: string | null;
  @Column({ type: 'varchar' }) purpose: EvidencePurpose;
  @Column({ name: 'original_name', type: 'varchar' }) originalName: string;
  @Column({ name: 'storage_key', type: 'varchar' }) storageKey: string;
  @Column({ name: 'mime_type', type: 'varchar' }) mimeType: string;
  // bigint comes back from pg as a string; evidence is capped far below 2^53, so a number is exact.
  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } }) sizeBytes: number;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy: string | null;
  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' }) uploadedAt: Date;
}
