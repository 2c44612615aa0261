import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Task } from './task.entity.js';

@Entity('milestone')
export class Milestone {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId: string;
  // Lazy type reference: Task and Milestone point at each other and ESM forbids the import cycle at load time.
  @ManyToOne('Task', 'milestones', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'task_id' }) task?: Task;
  @Column() title: string;
  @Column({ name: 'deadline_text', type: 'varchar', nullable: true }) deadlineText: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
