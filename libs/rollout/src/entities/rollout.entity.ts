import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Region } from '#libs/organisation';
import { Task } from '#libs/tasks';
import type { RolloutStatus } from '../rules/rollout-change.js';

/** One task in one city or county (承接 / 落实): the replication map is made of these rows. */
@Entity('rollout')
export class Rollout {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  @ManyToOne(() => Task, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'task_id' }) task?: Task;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @ManyToOne(() => Region) @JoinColumn({ name: 'region_id' }) region?: Region;
  @Column({ type: 'varchar' }) status: RolloutStatus;
  @Column({ name: 'adopted_on', type: 'date', nullable: true }) adoptedOn: string | null;
  @Column({ name: 'implemented_on', type: 'date', nullable: true }) implementedOn: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
