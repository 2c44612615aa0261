import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('policy_document')
export class PolicyDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'doc_number' }) docNumber: string;
  @Column() title: string;
  @Column({ type: 'varchar', nullable: true }) issuer: string | null;
  @Column({ name: 'issued_on', type: 'date', nullable: true }) issuedOn: string | null;
  @Column({ type: 'varchar', nullable: true }) url: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
