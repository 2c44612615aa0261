import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type DepartmentLevel = 'national' | 'provincial' | 'city';

@Entity('department')
export class Department {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'varchar' }) level: DepartmentLevel;
  @Column({ name: 'region_id', type: 'uuid', nullable: true }) regionId: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) aliases: string[];
  @Column({ name: 'successor_name', type: 'varchar', nullable: true }) successorName: string | null;
  @Column({ name: 'head_name', type: 'varchar', nullable: true }) headName: string | null;
  @Column({ name: 'head_phone', type: 'varchar', nullable: true }) headPhone: string | null;
  @Column({ name: 'head_email', type: 'varchar', nullable: true }) headEmail: string | null;
  @Column({ name: 'liaison_name', type: 'varchar', nullable: true }) liaisonName: string | null;
  @Column({ name: 'liaison_phone', type: 'varchar', nullable: true }) liaisonPhone: string | null;
  @Column({ name: 'liaison_email', type: 'varchar', nullable: true }) liaisonEmail: string | null;
  @Column({ name: 'webhook_url', type: 'varchar', nullable: true }) webhookUrl: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
