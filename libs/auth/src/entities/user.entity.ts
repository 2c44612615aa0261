import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '#libs/common';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() username: string;
  @Column({ name: 'display_name' }) displayName: string;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ type: 'varchar' }) role: Role;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'region_id', type: 'uuid', nullable: true }) regionId: string | null;
  @Column({ type: 'varchar', nullable: true }) email: string | null;
  @Column() active: boolean;
  @Column({ name: 'password_changed_at', type: 'timestamptz' }) passwordChangedAt: Date;
  /** 'initial', 'reset' or 'expired' while the user must choose a new password before anything else. */
  @Column({ name: 'password_change_required', type: 'varchar', nullable: true }) passwordChangeRequired: 'initial' | 'reset' | 'expired' | null;
  /** False only for the demo accounts, whose documented password does not age. */
  @Column({ name: 'password_expires' }) passwordExpires: boolean;
  @Column({ name: 'failed_logins', select: false }) failedLogins: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
